import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { PREFIXES } from '../../transforms/storage/object-layout.ts';

export interface DataLakeProps {
  readonly retention: TrustConfig['retention'];
  /** @default RemovalPolicy.RETAIN: staff-level records are never deleted with the stack */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The data lake's storage: one customer-managed KMS key; the landing, lake, reports and Athena
 * results buckets (versioned, SSE-KMS, TLS only, public access blocked, access logged); and the
 * access-log bucket (SSE-S3, as S3 server access logging requires).
 */
export class DataLake extends Construct {
  public readonly key: kms.Key;
  public readonly logs: s3.Bucket;
  public readonly landing: s3.Bucket;
  public readonly lake: s3.Bucket;
  public readonly reports: s3.Bucket;
  public readonly athenaResults: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const { retention } = props;
    this.key = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: 'Encrypts the workforce data lake, its queue, table and topics',
      removalPolicy,
    });

    this.logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [
        {
          expiration: Duration.days(retention.accessLogsDays),
          noncurrentVersionExpiration: Duration.days(retention.noncurrentVersionsDays),
        },
      ],
      removalPolicy,
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it to itself would loop.',
    });

    const bucket = (name: string, lifecycleRules: s3.LifecycleRule[]) =>
      new s3.Bucket(this, name, {
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: this.key,
        bucketKeyEnabled: true,
        enforceSSL: true,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned: true,
        serverAccessLogsBucket: this.logs,
        serverAccessLogsPrefix: `${name.toLowerCase()}/`,
        lifecycleRules: [
          { noncurrentVersionExpiration: Duration.days(retention.noncurrentVersionsDays) },
          ...lifecycleRules,
        ],
        removalPolicy,
      });
    this.landing = bucket('Landing', [
      { prefix: PREFIXES.uploads, expiration: Duration.days(retention.uploadsDays) },
      { prefix: PREFIXES.validation, expiration: Duration.days(retention.validationReportsDays) },
    ]);
    this.lake = bucket('Lake', []);
    this.reports = bucket('Reports', []);
    this.athenaResults = bucket('AthenaResults', [{ expiration: Duration.days(retention.athenaResultsDays) }]);

    // S3 sends its events to EventBridge; set on the bucket itself, with no notifications custom resource.
    (this.landing.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }
}
