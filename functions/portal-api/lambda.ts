// The portal API's entry point: S3 for reports and upload forms, the bundled Trust config.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { S3ObjectStore } from '../adapters/s3-object-store.ts';
import { bundledTrustConfig, requiredEnv } from '../lambda-environment.ts';
import type { ListedObject, PortalReader } from '../../transforms/portal/ports.ts';
import { createPortalApiHandler } from './handler.ts';
import { presignPost } from './presigned-post.ts';

const logger = new Logger({ serviceName: 'workforce-portal-api' });
const config = bundledTrustConfig();
const s3 = new S3Client({});
const store = new S3ObjectStore(s3);
const region = requiredEnv('AWS_REGION');
const buckets = {
  landingBucket: requiredEnv('LANDING_BUCKET'),
  lakeBucket: requiredEnv('LAKE_BUCKET'),
  reportsBucket: requiredEnv('REPORTS_BUCKET'),
};

const reader: PortalReader = {
  async list(bucket, prefix) {
    const objects: ListedObject[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key) objects.push({ key: o.Key, lastModified: o.LastModified ?? new Date(0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  },
  getText: (bucket, key) => store.getText(bucket, key),
};

const handle = createPortalApiHandler({
  config,
  reader,
  buckets,
  presign: async (key) =>
    presignPost({
      bucket: buckets.landingBucket,
      region,
      key,
      maxBytes: config.limits.maxFileBytes,
      credentials: await s3.config.credentials(),
    }),
});

export const handler = async (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => {
  logger.addContext(context);
  const result = await handle(event);
  logger.info('Request', { method: event.requestContext.http.method, path: event.rawPath, status: result.statusCode });
  return result;
};
