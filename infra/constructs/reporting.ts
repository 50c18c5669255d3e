import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { keyThrough, listOnly } from '../iam-statements.ts';
import { bundledFunction, PROJECT_ROOT, referenceFilePath } from '../lambda-bundling.ts';
import { acknowledge, acknowledgeFunctionRole, glueTablesFinding, objectsFinding } from '../nag.ts';
import type { Catalog } from './catalog.ts';
import type { DataLake } from './data-lake.ts';
import { PREFIXES } from '../../transforms/storage/object-layout.ts';

export interface ReportingProps {
  readonly lake: DataLake;
  readonly catalog: Catalog;
  /** An EventBridge Scheduler expression, e.g. cron(0 6 1 * ? *). */
  readonly schedule: string;
  readonly configFile: string;
}

/** The scheduled needs-analysis report: EventBridge Scheduler → the report function (Athena) → reports bucket and SNS. */
export class Reporting extends Construct {
  public readonly topic: sns.Topic;
  public readonly function: lambda.IFunction;
  public readonly schedule: scheduler.CfnSchedule;

  constructor(scope: Construct, id: string, props: ReportingProps) {
    super(scope, id);
    const { lake, catalog } = props;
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Workforce needs-analysis reports',
      masterKey: lake.key,
      enforceSSL: true,
    });

    const fn = bundledFunction(this, 'Function', {
      entry: 'functions/report/lambda.ts',
      description: 'Writes the needs-analysis report from Athena',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        WORKGROUP: catalog.workGroup.name,
        DATABASE: catalog.databaseName,
        REPORTS_BUCKET: lake.reports.bucketName,
        LAKE_BUCKET: lake.lake.bucketName,
        TOPIC_ARN: this.topic.topicArn,
      },
      // The DfE national series, for the comparison with England; and HiGHS, compiled to WebAssembly, which
      // disclosure control solves its integer programs with.
      files: [
        props.configFile,
        referenceFilePath('dfeCsww'),
        join(PROJECT_ROOT, 'node_modules/highs/build/highs.wasm'),
      ],
    });
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'athena:StartQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:StopQueryExecution',
          'athena:GetWorkGroup',
        ],
        resources: [catalog.workGroupArn()],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
        resources: catalog.glueArns(),
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [lake.lake.arnForObjects(`${PREFIXES.lake}*`)] }),
    );
    fn.addToRolePolicy(listOnly(lake.lake, [`${PREFIXES.lake}*`]));
    fn.addToRolePolicy(listOnly(lake.athenaResults, ['results/*']));
    const buckets = [lake.lake.bucketArn, lake.athenaResults.bucketArn];
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetBucketLocation'], resources: buckets }));
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
        resources: [lake.athenaResults.arnForObjects('results/*')],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [lake.reports.arnForObjects(`${PREFIXES.reports}*`)],
      }),
    );
    // Athena reads the lake and writes its results through S3; the report topic is encrypted with the same key.
    fn.addToRolePolicy(keyThrough(this, lake.key, ['kms:Decrypt', 'kms:GenerateDataKey'], ['s3', 'sns']));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
    acknowledgeFunctionRole(fn);
    acknowledge(
      fn,
      objectsFinding(lake.lake, `${PREFIXES.lake}*`),
      "Athena reads every file of the lake's tables on the function's behalf.",
    );
    acknowledge(
      fn,
      objectsFinding(lake.athenaResults, 'results/*'),
      "Athena writes each query's results under results/, under names it chooses.",
    );
    acknowledge(
      fn,
      objectsFinding(lake.reports, `${PREFIXES.reports}*`),
      "The function writes each period's report files under reports/.",
    );
    acknowledge(
      fn,
      glueTablesFinding(catalog.databaseName),
      'Athena reads the definitions of every table and view of the workforce database.',
    );
    this.function = fn;

    const invoker = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler start the report',
      inlinePolicies: {
        invoke: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] })],
        }),
      },
    });
    this.schedule = new scheduler.CfnSchedule(this, 'Schedule', {
      description: 'Writes the needs-analysis report for the latest period',
      scheduleExpression: props.schedule,
      scheduleExpressionTimezone: 'Europe/London',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: fn.functionArn,
        roleArn: invoker.roleArn,
        // The firing's time names the run: its retries reuse the Athena queries that succeeded.
        input: JSON.stringify({ run: '<aws.scheduler.scheduled-time>' }),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}
