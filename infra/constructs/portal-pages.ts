import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { appCsp, WORKER_CSP } from '../../functions/portal/http.ts';
import { CONFIG_PATH, type PortalConfig } from '../../portal/portal-config.ts';
import { acknowledge, ANY_RESOURCE, LAMBDA_BASIC_EXECUTION, objectsFinding } from '../nag.ts';

export interface PortalPagesProps {
  /** Where the bucket's and the distribution's access logs go. */
  readonly logs: s3.IBucket;
  /** The built pages, from `writePortalAssets`. */
  readonly pagesDir: string;
  /** Origins the page may fetch from besides its own (the sign-in domain, the upload bucket). */
  readonly connect: readonly string[];
}

const securityHeaders = (
  contentSecurityPolicy: string,
  // false: an origin's own CSP stands (the API's answers: a report's HTML carries a CSP of its own).
  overrideCsp = true,
): cloudfront.ResponseSecurityHeadersBehavior => ({
  contentSecurityPolicy: { override: overrideCsp, contentSecurityPolicy },
  strictTransportSecurity: { override: true, accessControlMaxAge: Duration.days(365), includeSubdomains: true },
  contentTypeOptions: { override: true },
  frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
  referrerPolicy: { override: true, referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER },
});

/**
 * The portal's pages: a private bucket (S3-managed keys, TLS only, versioned, access logged) read
 * by CloudFront alone through origin access control, served with the same security headers the
 * local service sends (the page's CSP; the validation worker's own, which lets it compile its
 * checks), and published from the build at each deploy with the portal's configuration.
 */
export class PortalPages extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  public readonly headers: cloudfront.ResponseHeadersPolicy;
  private readonly apiHeaders: cloudfront.ResponseHeadersPolicy;
  private readonly pagesDir: string;

  constructor(scope: Construct, id: string, props: PortalPagesProps) {
    super(scope, id);
    this.pagesDir = props.pagesDir;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      // S3-managed keys: CloudFront's origin access control reads them with no KMS key policy to keep.
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: 'portal-pages/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      // The pages are built from the repository at every deploy: nothing here is a record.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: "The portal page's security headers",
      securityHeadersBehavior: securityHeaders(appCsp(props.connect)),
    });
    this.apiHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: "The API's answers: the page's headers, but a CSP the API sends stands",
      securityHeadersBehavior: securityHeaders(appCsp(props.connect), false),
    });
    const workerHeaders = new cloudfront.ResponseHeadersPolicy(this, 'WorkerHeaders', {
      comment: "The validation worker's: its own script and compiled checks, no network",
      securityHeadersBehavior: securityHeaders(WORKER_CSP),
    });
    const pages = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'The partner portal',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: pages,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        '/worker.js': {
          origin: pages,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          responseHeadersPolicy: workerHeaders,
        },
      },
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: 'portal-cdn/',
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'Partners are UK organisations whose staff may work abroad; MFA sign-in guards the portal, not geography.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'The pages are static and every API route needs a Cognito token, throttled by API Gateway; ' +
        'a Trust may add a WAF.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      "On CloudFront's default certificate (a *.cloudfront.net address) the viewer TLS policy is fixed by AWS; a " +
        'Trust that gives the portal its own domain and certificate sets TLSv1.2_2021 with it.',
    );
  }

  /** Sends /api/* to the API (caching off, the caller's Authorization header passed on). */
  serveApi(apiDomain: string): void {
    this.distribution.addBehavior('/api/*', new origins.HttpOrigin(apiDomain), {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.apiHeaders,
    });
  }

  /** Copies the built pages and the portal's configuration to the bucket at each deploy. */
  publish(config: PortalConfig): s3deploy.BucketDeployment {
    const deployment = new s3deploy.BucketDeployment(this, 'Publish', {
      sources: [s3deploy.Source.asset(this.pagesDir), s3deploy.Source.jsonData(CONFIG_PATH.slice(1), config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: true,
      memoryLimit: 256,
    });
    acknowledgeDeployment(this, deployment, this.bucket);
    return deployment;
  }
}

/**
 * What aws-cdk-lib's BucketDeployment function (one per stack, run only during a deploy) is
 * given, each finding named: it reads the pages from the CDK asset bucket, writes and prunes them
 * in the pages bucket, and invalidates the distribution's cache.
 */
const CDK_ASSETS = 'cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>';

function acknowledgeDeployment(scope: Construct, deployment: s3deploy.BucketDeployment, bucket: s3.IBucket): void {
  const role = deployment.handlerRole;
  const why = "aws-cdk-lib's BucketDeployment, run only during a deploy to copy the built pages";
  acknowledge(role, LAMBDA_BASIC_EXECUTION, `${why}: the managed policy lets it write its own logs only.`);
  for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*'])
    acknowledge(
      role,
      `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
      `${why}: CDK's read of the asset and pages.`,
    );
  for (const action of ['s3:Abort*', 's3:DeleteObject*'])
    acknowledge(role, `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`, `${why}: replacing and pruning old pages.`);
  acknowledge(
    role,
    `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${CDK_ASSETS}/*]`,
    `${why}: the built pages are read from the CDK bootstrap's asset bucket.`,
  );
  acknowledge(role, objectsFinding(bucket, '*'), `${why}: every page in the pages bucket is replaced.`);
  acknowledge(role, ANY_RESOURCE, `${why}: CDK grants the cache invalidation of the distribution on any resource.`);
  const handler = Stack.of(scope)
    .node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))
    .map((child) => child.node.defaultChild ?? child);
  for (const fn of handler)
    acknowledge(fn, 'AwsSolutions-L1', `${why}: its runtime is the one aws-cdk-lib ships and tests its handler with.`);
}
