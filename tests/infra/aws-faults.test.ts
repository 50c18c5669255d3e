import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import {
  DEFAULT_MAX_CONCURRENCY,
  INGEST_BATCH_SIZE,
  INGEST_TIMEOUT_SECONDS,
  LEASE_TTL_MS,
  WORST_CASE_FILE_SECONDS,
} from '../../transforms/ingest/ingest-timing.ts';
import { slotMarkerKey } from '../../transforms/ingest/slot-writes.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { ACCOUNT, decide, REGION, resolve, type PolicyStatement } from '../support/iam-policy.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const NOW = new Date('2026-11-28T12:00:00Z');

type Resource = { Type: string; Properties: Record<string, any> };
type Principled = PolicyStatement & { Principal?: { Service?: string | string[]; AWS?: unknown } };

/** The statements of a policy document that name a service principal. */
const forService = (statements: readonly Principled[], service: string) =>
  statements.filter((s) => [s.Principal?.Service ?? []].flat().includes(service));

describe('Stack: what the offline checks cannot see, read from the template', () => {
  let template: Template;
  let resources: Record<string, Resource>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const logicalIdOf = (ref: unknown) => (ref as { Ref?: string; 'Fn::GetAtt'?: [string, string] }).Ref ?? (ref as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

  beforeAll(async () => {
    const stack = await buildApp(new App({ outdir: temporaryFolder('cdk-out-') }), CONFIG_FILE, { now: NOW });
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources;
  });

  describe('the dead-letter alarm reaches its topic', () => {
    const alarm = () => {
      const [[, found]] = ofType('AWS::CloudWatch::Alarm').filter(([id]) => id.includes('DeadLetter')) as [[string, Resource]];
      return found;
    };
    const alarmArn = () => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${resolve(alarm().Properties.AlarmName)}`;
    const topicId = () => logicalIdOf(alarm().Properties.AlarmActions[0]);
    const cloudWatch = { 'aws:SourceAccount': ACCOUNT };

    it('lets CloudWatch use the key of the topic it publishes to, for this stack\'s alarms only', () => {
      const keyId = logicalIdOf((resources[topicId()] as Resource).Properties.KmsMasterKeyId);
      const keyPolicy = forService((resources[keyId] as Resource).Properties.KeyPolicy.Statement, 'cloudwatch.amazonaws.com');
      const use = (action: string, sourceArn: string) => decide(keyPolicy, { action, resource: '*', time: NOW, context: { ...cloudWatch, 'aws:SourceArn': sourceArn } });

      expect(use('kms:Decrypt', alarmArn())).toBe('allowed');
      expect(use('kms:GenerateDataKey', alarmArn())).toBe('allowed');
      expect(use('kms:Decrypt', `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:someone-elses-alarm`)).toBe('denied');
      expect(decide(keyPolicy, { action: 'kms:Decrypt', resource: '*', time: NOW, context: { 'aws:SourceArn': alarmArn(), 'aws:SourceAccount': '999999999999' } })).toBe('denied');
    });

    it('lets CloudWatch publish to the topic, for this stack\'s alarms only', () => {
      const [[, policy]] = ofType('AWS::SNS::TopicPolicy').filter(([, p]) => p.Properties.Topics.some((t: unknown) => logicalIdOf(t) === topicId())) as [[string, Resource]];
      const statements = forService(policy.Properties.PolicyDocument.Statement, 'cloudwatch.amazonaws.com');
      const topicArn = topicId();
      const publish = (sourceArn: string) => decide(statements, { action: 'sns:Publish', resource: topicArn, time: NOW, context: { ...cloudWatch, 'aws:SourceArn': sourceArn } });

      expect(publish(alarmArn())).toBe('allowed');
      expect(publish(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:someone-elses-alarm`)).toBe('denied');
    });

    it('grants CloudWatch nothing on the data lake\'s key', () => {
      const lakeKey = ofType('AWS::KMS::Key').find(([id]) => id.startsWith('DataLake')) as [string, Resource];
      expect(forService(lakeKey[1].Properties.KeyPolicy.Statement, 'cloudwatch.amazonaws.com')).toEqual([]);
    });
  });

  /** Every statement of a role: its inline policies and the policies attached to it. */
  const roleStatements = (roleId: string): PolicyStatement[] => [
    ...((resources[roleId] as Resource).Properties.Policies ?? []).flatMap((p: { PolicyDocument: { Statement: PolicyStatement[] } }) => p.PolicyDocument.Statement),
    ...ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: unknown) => logicalIdOf(r) === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as PolicyStatement[]),
  ];
  const functionRole = (name: string) => {
    const [[, fn]] = ofType('AWS::Lambda::Function').filter(([id]) => id.startsWith(name)) as [[string, Resource]];
    return roleStatements(logicalIdOf(fn.Properties.Role));
  };
  // The lake bucket's id is DataLake + hash (the construct's id "Lake" folds into its parent's "DataLake").
  const bucketId = (name: string) => (name === 'Lake' ? /^DataLake[0-9A-F]{8}$/ : new RegExp(`^DataLake${name}[0-9A-F]{8}$`));
  const bucketArn = (name: string) => `arn:aws:s3:::${(ofType('AWS::S3::Bucket').find(([id]) => bucketId(name).test(id)) as [string, Resource])[0]}`;
  const list = (statements: readonly PolicyStatement[], bucket: string, prefix?: string) =>
    decide(statements, { action: 's3:ListBucket', resource: bucketArn(bucket), time: NOW, ...(prefix === undefined ? {} : { context: { 's3:prefix': prefix } }) });

  it('lets the ingest tell a vanished upload (404) from a refusal (403): ListBucket on the landing bucket, for uploads only', () => {
    const ingest = functionRole('IngestFunction');
    expect(list(ingest, 'Landing', 'uploads/riverside-council/workforce/2026-09-30/staff.csv')).toBe('allowed');
    expect(list(ingest, 'Landing', 'uploads/')).toBe('allowed');
    expect(list(ingest, 'Landing')).toBe('denied');
    expect(list(ingest, 'Landing', 'elsewhere/')).toBe('denied');
  });

  it('gives the ingest exactly the DynamoDB calls its lease store makes', () => {
    const source = readFileSync('functions/adapters/dynamodb-lease-store.ts', 'utf8');
    const calls = [...source.matchAll(/\b(\w+)Command\b/g)].map((m) => `dynamodb:${m[1]}`);
    const granted = functionRole('IngestFunction').flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('dynamodb:'));
    expect(new Set(granted)).toEqual(new Set(calls));
  });

  it('holds every use of a KMS key by a role to the services that need it (kms:ViaService)', () => {
    const roles = ofType('AWS::IAM::Role').map(([id]) => id);
    expect(roles.length).toBeGreaterThan(10);
    const lakeKey = ofType('AWS::KMS::Key').find(([id]) => id.startsWith('DataLake'))?.[0] as string;
    const keyArn = resolve({ 'Fn::GetAtt': [lakeKey, 'Arn'] });
    for (const roleId of roles) {
      const statements = roleStatements(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('kms:')));
      for (const statement of statements) expect(statement.Condition?.StringEquals?.['kms:ViaService'], `${roleId}: ${JSON.stringify(statement.Action)}`).toBeDefined();
      for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) {
        expect(decide(statements, { action, resource: keyArn, time: NOW }), `${roleId} ${action} directly`).toBe('denied');
      }
    }
    const ingest = functionRole('IngestFunction');
    const via = (service: string) => decide(ingest, { action: 'kms:Decrypt', resource: keyArn, time: NOW, context: { 'kms:ViaService': `${service}.${REGION}.amazonaws.com` } });
    expect([via('s3'), via('dynamodb'), via('sqs')]).toEqual(['allowed', 'allowed', 'denied']);
  });

  it('lets the report function read the marks of slots part-way through being written, and be told 404 where there is none', () => {
    const report = functionRole('ReportingFunction');
    const marker = slotMarkerKey({ partnerId: 'riverside-council', dataset: 'workforce', period: '2026-09-30' });
    const [, fn] = ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('ReportingFunction')) as [string, Resource];

    expect(decide(report, { action: 's3:GetObject', resource: `${bucketArn('Lake')}/${marker}`, time: NOW })).toBe('allowed');
    expect(list(report, 'Lake', marker)).toBe('allowed');
    expect(logicalIdOf(fn.Properties.Environment.Variables.LAKE_BUCKET)).toBe(bucketArn('Lake').replace('arn:aws:s3:::', ''));
  });

  it('lets analysts list the lake\'s tables but not the pipeline\'s state', () => {
    const [analystId] = ofType('AWS::IAM::Role').find(([id]) => id.startsWith('AccessAnalyst')) as [string, Resource];
    const analyst = roleStatements(analystId);
    expect(list(analyst, 'Lake', 'lake/workforce_by_type/period=2025-09-30/')).toBe('allowed');
    expect(list(analyst, 'Lake', 'state/ledger/')).toBe('denied');
    expect(list(analyst, 'Lake', '')).toBe('denied');
    expect(list(analyst, 'Lake')).toBe('denied');
  });

  describe('concurrency and retries of the ingest', () => {
    const ingestFunction = () => (ofType('AWS::Lambda::Function').find(([id]) => id.startsWith('IngestFunction')) as [string, Resource])[1];
    const eventSource = (from: Record<string, Resource> = resources) =>
      (Object.values(from).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping') as Resource).Properties;

    it('runs at most a few ingests at once, set on the event source, and reserves no concurrency by default', () => {
      expect(eventSource().ScalingConfig).toEqual({ MaximumConcurrency: DEFAULT_MAX_CONCURRENCY });
      expect(ingestFunction().Properties.ReservedConcurrentExecutions).toBeUndefined();
    });

    it('with concurrency reserved in the config, never runs more copies than are reserved', async () => {
      const config = JSON.parse(readFileSync(CONFIG_FILE, 'utf8'));
      const file = join(temporaryFolder('config-'), 'trust.config.json');
      writeFileSync(file, JSON.stringify({ ...config, ingest: { reservedConcurrency: 3 } }));
      const reserved = Template.fromStack(await buildApp(new App({ outdir: temporaryFolder('cdk-out-') }), file, { now: NOW })).toJSON().Resources;
      const fn = Object.entries(reserved as Record<string, Resource>).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('IngestFunction'))?.[1];

      expect(fn?.Properties.ReservedConcurrentExecutions).toBe(3);
      expect(eventSource(reserved).ScalingConfig).toEqual({ MaximumConcurrency: 3 });
    });

    it('retries a failed or crashed upload within minutes, once its lease has expired', () => {
      const timeout = ingestFunction().Properties.Timeout as number;
      const [[, queue]] = ofType('AWS::SQS::Queue').filter(([id]) => id.startsWith('IngestUploads')) as [[string, Resource]];
      const visibility = queue.Properties.VisibilityTimeout as number;

      expect(timeout).toBe(INGEST_TIMEOUT_SECONDS);
      expect(timeout).toBeGreaterThanOrEqual(2 * INGEST_BATCH_SIZE * WORST_CASE_FILE_SECONDS);
      expect(LEASE_TTL_MS).toBeGreaterThanOrEqual(timeout * 1000);
      expect(visibility * 1000).toBeGreaterThan(LEASE_TTL_MS);
      expect(visibility).toBeGreaterThanOrEqual(timeout);
      expect(visibility).toBeLessThanOrEqual(10 * 60);
    });
  });
});
