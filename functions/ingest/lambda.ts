// The ingest Lambda's entry point: wires the AWS adapters to the handler, with Powertools logging and metrics.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse } from 'aws-lambda';
import { ensureBuiltInCommunityProfile } from '../../transforms/ingest/community-reference.ts';
import { DynamoDbLeaseStore } from '../adapters/dynamodb-lease-store.ts';
import { S3ObjectStore } from '../adapters/s3-object-store.ts';
import { bundledCensusTexts, bundledTrustConfig, requiredEnv } from '../lambda-environment.ts';
import { MalformedMessageError } from './events.ts';
import { createIngestHandler } from './handler.ts';

const logger = new Logger({ serviceName: 'workforce-ingest' });
const metrics = new Metrics({ serviceName: 'ingest' });
const settings = { landingBucket: requiredEnv('LANDING_BUCKET'), lakeBucket: requiredEnv('LAKE_BUCKET') };
const store = new S3ObjectStore(new S3Client({}));
const config = bundledTrustConfig();
let censusChecked = false;

const ingest = createIngestHandler(
  { store, leases: new DynamoDbLeaseStore(new DynamoDBClient({}), requiredEnv('LEASE_TABLE')), settings, config },
  {
    onOutcome: (upload, outcome) => {
      logger.info('Upload processed', { key: upload.key, outcome });
      metrics.addMetric(`Files${outcome.status[0]?.toUpperCase()}${outcome.status.slice(1)}`, MetricUnit.Count, 1);
    },
    onFailure: (messageId, error) => {
      if (error instanceof MalformedMessageError) {
        logger.error('Message is not an S3 upload event; it returns to the queue, then the dead-letter queue', {
          messageId,
          reason: error.message,
        });
        metrics.addMetric('MessagesMalformed', MetricUnit.Count, 1);
        return;
      }
      logger.error('Upload failed; the message returns to the queue', { messageId, error: error as Error });
      metrics.addMetric('FilesFailed', MetricUnit.Count, 1);
    },
  },
);

export const handler = async (event: unknown, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  try {
    if (!censusChecked) {
      if (await ensureBuiltInCommunityProfile(store, settings.lakeBucket, bundledCensusTexts))
        logger.info('Wrote the built-in Census 2021 community profile');
      censusChecked = true;
    }
    return await ingest(event);
  } finally {
    metrics.publishStoredMetrics();
  }
};
