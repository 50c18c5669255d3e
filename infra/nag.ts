import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag finding ids, spelt as cdk-nag reports them, so that each acknowledgement names the exact
 * finding it accepts (and stops matching, failing the synth, if the resource ever changes).
 */
export function objectsFinding(bucket: s3.IBucket, pattern: string): string {
  const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as CfnElement);
  return `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${pattern}]`;
}

export function glueTablesFinding(database: string): string {
  return `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/${database}/*]`;
}

export const LAMBDA_BASIC_EXECUTION =
  'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';
export const ANY_RESOURCE = 'AwsSolutions::AwsSolutions-IAM5[Resource::*]';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** What every function's role accepts: the managed logging policy, and X-Ray, which has no resource-level permissions. */
export function acknowledgeFunctionRole(fn: IConstruct): void {
  acknowledge(
    fn,
    LAMBDA_BASIC_EXECUTION,
    'AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch Logs.',
  );
  acknowledge(
    fn,
    ANY_RESOURCE,
    'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords) has no resource-level permissions.',
  );
}
