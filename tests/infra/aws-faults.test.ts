import { SAMPLE_STACK_NOW, sampleStack, testApp } from '../support/cdk-app.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { slotMarkerKey } from '../../transforms/storage/object-layout.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { ACCOUNT, decide, REGION, resolve, type PolicyStatement } from '../support/iam-policy.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const NOW = SAMPLE_STACK_NOW; // the day the shared sample stack is written for

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation properties, read as JSON
type Resource = { Type: string; Properties: Record<string, any> };
type Resources = Record<string, Resource>;
type Principled = PolicyStatement & { Principal?: { Service?: string | string[]; AWS?: unknown } };
type Document = { PolicyDocument: { Statement: PolicyStatement[] } };

/** The statements of a policy document that name a service principal. */
const forService = (statements: readonly Principled[], service: string) =>
  statements.filter((s) => [s.Principal?.Service ?? []].flat().includes(service));

/** The logical id a Ref or Fn::GetAtt names. */
const logicalIdOf = (ref: unknown): string => {
  const node = ref as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return node.Ref ?? (node['Fn::GetAtt'] as [string, string])[0];
};

async function synthesise(configFile?: string): Promise<Resources> {
  const template = configFile
    ? Template.fromStack(await buildApp(testApp(), configFile, { now: NOW }))
    : (await sampleStack()).template;
  return template.toJSON().Resources;
}

describe('Stack: what the offline checks cannot see, read from the template', () => {
  let resources: Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const named = (type: string, prefix: string) => {
    const found = ofType(type).find(([id]) => id.startsWith(prefix));
    if (!found) throw new Error(`No ${type} ${prefix}…`);
    return found;
  };

  beforeAll(async () => {
    resources = await synthesise();
  });

  /** Every statement of a role: its inline policies and the policies attached to it. */
  const roleStatements = (roleId: string): PolicyStatement[] => [
    ...((resources[roleId] as Resource).Properties.Policies ?? []).flatMap((p: Document) => p.PolicyDocument.Statement),
    ...ofType('AWS::IAM::Policy')
      .filter(([, p]) => p.Properties.Roles.some((r: unknown) => logicalIdOf(r) === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as PolicyStatement[]),
  ];
  const functionRole = (name: string) =>
    roleStatements(logicalIdOf(named('AWS::Lambda::Function', name)[1].Properties.Role));
  // The lake bucket's id is DataLake + hash (the construct's id "Lake" folds into its parent's "DataLake").
  const bucketId = (name: string) =>
    name === 'Lake' ? /^DataLake[0-9A-F]{8}$/ : new RegExp(`^DataLake${name}[0-9A-F]{8}$`);
  const bucketArn = (name: string) => {
    const [id] = ofType('AWS::S3::Bucket').find(([candidate]) => bucketId(name).test(candidate)) as [string, Resource];
    return `arn:aws:s3:::${id}`;
  };
  const list = (statements: readonly PolicyStatement[], bucket: string, prefix?: string) => {
    const context = prefix === undefined ? {} : { context: { 's3:prefix': prefix } };
    return decide(statements, { action: 's3:ListBucket', resource: bucketArn(bucket), time: NOW, ...context });
  };

  describe('the dead-letter alarm reaches its topic', () => {
    const alarm = () => named('AWS::CloudWatch::Alarm', 'IngestDeadLetter')[1];
    const alarmArn = (name = resolve(alarm().Properties.AlarmName)) =>
      `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;
    const topicId = () => logicalIdOf(alarm().Properties.AlarmActions[0]);
    const fromAlarm = (sourceArn: string, account = ACCOUNT) => ({
      'aws:SourceAccount': account,
      'aws:SourceArn': sourceArn,
    });

    it("lets CloudWatch use the key of the topic it publishes to, for this stack's alarms only", () => {
      const keyId = logicalIdOf((resources[topicId()] as Resource).Properties.KmsMasterKeyId);
      const keyStatements = (resources[keyId] as Resource).Properties.KeyPolicy.Statement;
      const keyPolicy = forService(keyStatements, 'cloudwatch.amazonaws.com');
      const use = (action: string, context: Record<string, string>) =>
        decide(keyPolicy, { action, resource: '*', time: NOW, context });

      expect(use('kms:Decrypt', fromAlarm(alarmArn()))).toBe('allowed');
      expect(use('kms:GenerateDataKey', fromAlarm(alarmArn()))).toBe('allowed');
      expect(use('kms:Decrypt', fromAlarm(alarmArn('someone-elses-alarm')))).toBe('denied');
      expect(use('kms:Decrypt', fromAlarm(alarmArn(), '999999999999'))).toBe('denied');
    });

    it("lets CloudWatch publish to the topic, for this stack's alarms only", () => {
      const onTopic = ([, p]: [string, Resource]) =>
        p.Properties.Topics.some((t: unknown) => logicalIdOf(t) === topicId());
      const [, policy] = ofType('AWS::SNS::TopicPolicy').find(onTopic) as [string, Resource];
      const statements = forService(policy.Properties.PolicyDocument.Statement, 'cloudwatch.amazonaws.com');
      const publish = (sourceArn: string) =>
        decide(statements, { action: 'sns:Publish', resource: topicId(), time: NOW, context: fromAlarm(sourceArn) });

      expect(publish(alarmArn())).toBe('allowed');
      expect(publish(alarmArn('someone-elses-alarm'))).toBe('denied');
    });

    it("grants CloudWatch nothing on the data lake's key", () => {
      const [, lakeKey] = named('AWS::KMS::Key', 'DataLake');
      expect(forService(lakeKey.Properties.KeyPolicy.Statement, 'cloudwatch.amazonaws.com')).toEqual([]);
    });
  });

  it('lets the ingest tell a vanished upload (404) from a refusal (403): ListBucket on uploads/ only', () => {
    const ingest = functionRole('IngestFunction');
    expect(list(ingest, 'Landing', 'uploads/riverside-council/workforce/2026-09-30/staff.csv')).toBe('allowed');
    expect(list(ingest, 'Landing', 'uploads/')).toBe('allowed');
    expect(list(ingest, 'Landing')).toBe('denied');
    expect(list(ingest, 'Landing', 'elsewhere/')).toBe('denied');
  });

  it('gives the ingest exactly the DynamoDB calls its lease store makes', () => {
    const source = readFileSync('functions/adapters/dynamodb-lease-store.ts', 'utf8');
    const calls = [...source.matchAll(/\b(\w+)Command\b/g)].map((m) => `dynamodb:${m[1]}`);
    const granted = functionRole('IngestFunction')
      .flatMap((s) => [s.Action].flat())
      .filter((a) => a.startsWith('dynamodb:'));
    expect(new Set(granted)).toEqual(new Set(calls));
  });

  it('holds every use of a KMS key by a role to the services that need it (kms:ViaService)', () => {
    const roles = ofType('AWS::IAM::Role').map(([id]) => id);
    expect(roles.length).toBeGreaterThan(10);
    const keyArn = resolve({ 'Fn::GetAtt': [named('AWS::KMS::Key', 'DataLake')[0], 'Arn'] });
    for (const roleId of roles) {
      const statements = roleStatements(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('kms:')));
      for (const statement of statements) {
        const viaService = statement.Condition?.StringEquals?.['kms:ViaService'];
        expect(viaService, `${roleId}: ${JSON.stringify(statement.Action)}`).toBeDefined();
      }
      for (const action of ['kms:Decrypt', 'kms:GenerateDataKey']) {
        const direct = decide(statements, { action, resource: keyArn, time: NOW });
        expect(direct, `${roleId} ${action} directly`).toBe('denied');
      }
    }
    const ingest = functionRole('IngestFunction');
    const via = (service: string) => {
      const context = { 'kms:ViaService': `${service}.${REGION}.amazonaws.com` };
      return decide(ingest, { action: 'kms:Decrypt', resource: keyArn, time: NOW, context });
    };
    expect([via('s3'), via('dynamodb'), via('sqs')]).toEqual(['allowed', 'allowed', 'denied']);
  });

  it('lets the report function read the marks of slots being written, and be told 404 where there is none', () => {
    const report = functionRole('ReportingFunction');
    const marker = slotMarkerKey({ partnerId: 'riverside-council', dataset: 'workforce', period: '2026-09-30' });
    const [, fn] = named('AWS::Lambda::Function', 'ReportingFunction');

    const read = decide(report, { action: 's3:GetObject', resource: `${bucketArn('Lake')}/${marker}`, time: NOW });
    expect(read).toBe('allowed');
    expect(list(report, 'Lake', marker)).toBe('allowed');
    expect(`arn:aws:s3:::${logicalIdOf(fn.Properties.Environment.Variables.LAKE_BUCKET)}`).toBe(bucketArn('Lake'));
  });

  it("lets analysts list the lake's tables but not the pipeline's state", () => {
    const analyst = roleStatements(named('AWS::IAM::Role', 'AccessAnalyst')[0]);
    expect(list(analyst, 'Lake', 'lake/workforce_by_type/period=2025-09-30/')).toBe('allowed');
    expect(list(analyst, 'Lake', 'state/ledger/')).toBe('denied');
    expect(list(analyst, 'Lake', '')).toBe('denied');
    expect(list(analyst, 'Lake')).toBe('denied');
  });

  describe('concurrency and retries of the ingest', () => {
    const ingestFunction = (from = resources) =>
      Object.entries(from).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('IngestFunc'))?.[1];
    const eventSource = (from = resources) =>
      (Object.values(from).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping') as Resource).Properties;

    it('runs at most a few ingests at once, set on the event source, and reserves no concurrency by default', () => {
      expect(eventSource().ScalingConfig).toEqual({ MaximumConcurrency: DEFAULT_MAX_CONCURRENCY });
      expect(ingestFunction()?.Properties.ReservedConcurrentExecutions).toBeUndefined();
    });

    it('with concurrency reserved in the config, never runs more copies than are reserved', async () => {
      const config = JSON.parse(readFileSync(CONFIG_FILE, 'utf8'));
      const file = join(temporaryFolder('config-'), 'trust.config.json');
      writeFileSync(file, JSON.stringify({ ...config, ingest: { reservedConcurrency: 3 } }));
      const reserved = await synthesise(file);

      expect(ingestFunction(reserved)?.Properties.ReservedConcurrentExecutions).toBe(3);
      expect(eventSource(reserved).ScalingConfig).toEqual({ MaximumConcurrency: 3 });
    });

    it('retries a failed or crashed upload within minutes, once its lease has expired', () => {
      const timeout = ingestFunction()?.Properties.Timeout as number;
      const visibility = named('AWS::SQS::Queue', 'IngestUploads')[1].Properties.VisibilityTimeout as number;

      expect(timeout).toBe(INGEST_TIMEOUT_SECONDS);
      expect(timeout).toBeGreaterThanOrEqual(2 * INGEST_BATCH_SIZE * WORST_CASE_FILE_SECONDS);
      expect(LEASE_TTL_MS).toBeGreaterThanOrEqual(timeout * 1000);
      expect(visibility * 1000).toBeGreaterThan(LEASE_TTL_MS);
      expect(visibility).toBeGreaterThanOrEqual(timeout);
      expect(visibility).toBeLessThanOrEqual(10 * 60);
    });
  });
});
