import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/**
 * s3:ListBucket on a bucket, only for keys under the given prefixes. A role that may read an
 * object needs it to be told 404 (not 403) when the object is not there.
 */
export function listOnly(bucket: s3.IBucket, prefixes: readonly string[], sid?: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    ...(sid ? { sid } : {}),
    actions: ['s3:ListBucket'],
    resources: [bucket.bucketArn],
    conditions: { StringLike: { 's3:prefix': [...prefixes] } },
  });
}

/** The AWS services a role uses a KMS key through. */
export type KeyUser = 's3' | 'sns' | 'dynamodb';

/** Use of a KMS key, only through the named services (kms:ViaService), never directly. */
export function keyThrough(
  scope: IConstruct,
  key: kms.IKey,
  actions: readonly string[],
  services: readonly KeyUser[],
): iam.PolicyStatement {
  const region = Stack.of(scope).region;
  return new iam.PolicyStatement({
    actions: [...actions],
    resources: [key.keyArn],
    conditions: { StringEquals: { 'kms:ViaService': services.map((service) => `${service}.${region}.amazonaws.com`) } },
  });
}
