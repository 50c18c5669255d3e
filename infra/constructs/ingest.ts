import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import {
  DEFAULT_MAX_CONCURRENCY,
  INGEST_BATCH_SIZE,
  INGEST_TIMEOUT_SECONDS,
  QUEUE_VISIBILITY_SECONDS,
} from '../../transforms/ingest/ingest-timing.ts';
import { keyThrough, listOnly } from '../iam-statements.ts';
import { CENSUS_FILES } from '../../transforms/reference/files.ts';
import { bundledFunction, PROJECT_ROOT, referenceFilePath } from '../lambda-bundling.ts';
import { acknowledge, acknowledgeFunctionRole, objectsFinding } from '../nag.ts';
import type { AlarmTopic } from './alarm-topic.ts';
import type { DataLake } from './data-lake.ts';
import { PREFIXES } from '../../transforms/storage/object-layout.ts';

export interface IngestProps {
  readonly lake: DataLake;
  readonly settings: TrustConfig['ingest'];
  /** The Trust config file bundled with the function. */
  readonly configFile: string;
  /** Where alarms go. */
  readonly alarms: AlarmTopic;
}

/**
 * From upload to lake: S3 "Object Created" events under uploads/ → an EventBridge rule → an SQS
 * queue (with a dead-letter queue and an alarm on it) → the ingest function, which reports partial
 * batch failures; its leases live in a DynamoDB table.
 */
export class Ingest extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetters: sqs.Queue;
  public readonly leases: dynamodb.Table;
  public readonly function: lambda.IFunction;
  public readonly rule: events.Rule;
  public readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    const { lake } = props;
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue.' });
    this.queue = new sqs.Queue(this, 'Uploads', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(QUEUE_VISIBILITY_SECONDS),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    this.rule = new events.Rule(this, 'UploadCreated', {
      description: 'An upload landed under uploads/',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: { bucket: { name: [lake.landing.bucketName] }, object: { key: [{ prefix: PREFIXES.uploads }] } },
      },
      targets: [new targets.SqsQueue(this.queue)],
    });

    this.leases = new dynamodb.Table(this, 'Leases', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: lake.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'ttl',
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const reserved = props.settings.reservedConcurrency;
    const fn = bundledFunction(this, 'Function', {
      entry: 'functions/ingest/lambda.ts',
      description: 'Validates partner uploads and writes the lake',
      memorySize: props.settings.memorySize,
      timeout: Duration.seconds(INGEST_TIMEOUT_SECONDS),
      // Off unless the Trust asks: reserving it takes from the account's pool and can fail the deploy.
      ...(reserved ? { reservedConcurrentExecutions: reserved } : {}),
      environment: {
        LANDING_BUCKET: lake.landing.bucketName,
        LAKE_BUCKET: lake.lake.bucketName,
        LEASE_TABLE: this.leases.tableName,
      },
      files: [
        props.configFile,
        ...CENSUS_FILES.map(referenceFilePath),
        join(PROJECT_ROOT, 'node_modules/parquet-wasm/node/parquet_wasm_bg.wasm'),
      ],
    });
    // The queue runs no more copies than may run: a throttled batch would wait out the visibility
    // timeout and count towards the dead-letter queue.
    fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: INGEST_BATCH_SIZE,
        maxConcurrency: reserved ?? DEFAULT_MAX_CONCURRENCY,
        reportBatchItemFailures: true,
      }),
    );
    // Read uploads; write validation reports and read them back (to mark one superseded); read and
    // write the lake (its files and its state); nothing is deleted. ListBucket, held to the prefixes
    // read, makes a missing object answer 404 (an upload gone, a state file not yet written), not 403.
    const allow = (actions: string[], resources: string[]) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
    allow(['s3:GetObject', 's3:GetObjectVersion'], [lake.landing.arnForObjects(`${PREFIXES.uploads}*`)]);
    allow(['s3:GetObject', 's3:PutObject'], [lake.landing.arnForObjects(`${PREFIXES.validation}*`)]);
    fn.addToRolePolicy(listOnly(lake.landing, [`${PREFIXES.uploads}*`, `${PREFIXES.validation}*`]));
    allow(
      ['s3:GetObject', 's3:PutObject'],
      [lake.lake.arnForObjects(`${PREFIXES.lake}*`), lake.lake.arnForObjects(`${PREFIXES.state}*`)],
    );
    fn.addToRolePolicy(listOnly(lake.lake, [`${PREFIXES.lake}*`, `${PREFIXES.state}*`]));
    // The buckets, and the lease table (encrypted with the same key).
    fn.addToRolePolicy(keyThrough(this, lake.key, ['kms:Decrypt', 'kms:GenerateDataKey'], ['s3', 'dynamodb']));
    // Exactly the calls DynamoDbLeaseStore makes.
    allow(['dynamodb:PutItem', 'dynamodb:DeleteItem'], [this.leases.tableArn]);
    acknowledgeFunctionRole(fn);
    acknowledge(
      fn,
      objectsFinding(lake.landing, `${PREFIXES.uploads}*`),
      "The function reads any partner's uploads: the object keys are not known in advance.",
    );
    acknowledge(
      fn,
      objectsFinding(lake.landing, `${PREFIXES.validation}*`),
      "The function writes each partner's validation reports under validation/.",
    );
    acknowledge(
      fn,
      objectsFinding(lake.lake, `${PREFIXES.lake}*`),
      'It writes the table files, by partner, dataset and period.',
    );
    acknowledge(fn, objectsFinding(lake.lake, `${PREFIXES.state}*`), "It keeps the pipeline's state under state/.");
    this.function = fn;

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmName: props.alarms.alarmName('ingest-dead-letters'),
      alarmDescription:
        'Uploads could not be processed after five attempts: see the dead-letter queue and the ingest logs.',
      metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.deadLetterAlarm.addAlarmAction(new cloudwatchActions.SnsAction(props.alarms.topic));
  }
}
