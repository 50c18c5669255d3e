import { testApp } from '../support/cdk-app.ts';
import { readFileSync } from 'node:fs';
import { Stack, type App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import type { WorkforceStack } from '../../infra/stack.ts';
import { INGEST_BATCH_SIZE } from '../../transforms/ingest/ingest-timing.ts';
import { TABLES } from '../../transforms/tables/definitions.ts';
import { viewColumns } from '../../transforms/views/view-columns.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { VIEW_NAMES, viewSql } from '../../transforms/views/views.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const CONFIG = JSON.parse(readFileSync(CONFIG_FILE, 'utf8'));

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const statementsOf = (resource: {
  Properties: {
    PolicyDocument?: { Statement: Statement[] };
    Policies?: { PolicyDocument: { Statement: Statement[] } }[];
  };
}) => [
  ...(resource.Properties.PolicyDocument?.Statement ?? []),
  ...(resource.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement),
];

describe('Stack: the workforce pipeline on AWS', () => {
  let app: App;
  let stack: WorkforceStack;
  let template: Template;

  beforeAll(async () => {
    app = testApp({ bundle: true });
    stack = await buildApp(app, CONFIG_FILE);
    template = Template.fromStack(stack);
  });

  it("synthesises with cdk-nag's AwsSolutions checks and no unacknowledged finding", () => {
    expect(() => app.synth()).not.toThrow();
  });

  it('encrypts every data bucket with the customer-managed key; the access-log and pages buckets with S3 keys', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    const algorithms = Object.values(buckets).map(
      (b) =>
        b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    );
    expect(algorithms.sort()).toEqual(['AES256', 'AES256', 'aws:kms', 'aws:kms', 'aws:kms', 'aws:kms']);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('blocks public access to, versions, and logs access to every data bucket', () => {
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    }
    const logged = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (b) => b.Properties.LoggingConfiguration,
    );
    expect(logged).toHaveLength(5); // all but the access-log bucket itself
  });

  it('refuses every request to every bucket that is not over TLS', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(6);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('takes its lifecycle rules from the config', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 730 })]),
      },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 30 })]) },
    });
  });

  it('sends uploads through EventBridge to the queue, with no notifications custom resource', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(template.findResources('Custom::S3BucketNotifications')).toEqual({});
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { object: { key: [{ prefix: 'uploads/' }] } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngestUploads'), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
  });

  it('alarms when anything reaches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngestDeadLetters'), 'QueueName'] } },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [Match.anyValue()],
    });
  });

  it('runs the ingest function on the current Node.js runtime, with partial batch responses', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      MemorySize: 1769,
      Environment: { Variables: Match.objectLike({ LEASE_TABLE: Match.anyValue() }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: INGEST_BATCH_SIZE,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: Match.objectLike({ SSEEnabled: true }),
    });
  });

  it('registers every table of the one table definition, with partition projection on period', () => {
    const tables = Object.values(template.findResources('AWS::Glue::Table'))
      .map((t) => t.Properties.TableInput)
      .filter((t) => t.TableType === 'EXTERNAL_TABLE');
    expect(tables.map((t) => t.Name).sort()).toEqual(TABLES.map((t) => t.name).sort());
    for (const table of tables) {
      const definition = TABLES.find((t) => t.name === table.Name)!;
      expect(table.StorageDescriptor.Columns.map((c: { Name: string; Type: string }) => [c.Name, c.Type])).toEqual(
        definition.columns.map((c) => [c.name, c.type === 'string' ? 'string' : c.type]),
      );
      expect(table.PartitionKeys).toEqual([{ Name: 'period', Type: 'date' }]);
      expect(table.Parameters).toMatchObject({
        'projection.enabled': 'true',
        'projection.period.type': 'date',
        'projection.period.format': 'yyyy-MM-dd',
        classification: 'parquet',
      });
      expect(JSON.stringify(table.Parameters['storage.location.template'])).toContain(
        `/lake/${table.Name}/period=\${period}/`,
      );
    }
  });

  it('creates the views from the same SQL files DuckDB runs', () => {
    const views = Object.values(template.findResources('AWS::Glue::Table'))
      .map((t) => t.Properties.TableInput)
      .filter((t) => t.TableType === 'VIRTUAL_VIEW');
    expect(views.map((v) => v.Name).sort()).toEqual([...VIEW_NAMES].sort());
    for (const view of views) {
      const encoded = /\/\* Presto View: (.*) \*\//.exec(view.ViewOriginalText)?.[1] as string;
      const presto = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
      // The view's whole SQL, the Trust's settings filled in, as DuckDB runs it: not the template, not a prefix.
      const sql = viewSql(view.Name, parseTrustConfig(CONFIG));
      expect(withoutComments(presto.originalSql)).toBe(withoutComments(sql));
      expect(presto.originalSql).not.toContain('{{');
      expect(withoutComments(sql).length).toBeGreaterThan(200);
      expect(presto.columns).toEqual(viewColumns(view.Name));
      expect(view.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(
        viewColumns(view.Name).map((c) => c.name),
      );
    }
  });

  it('makes analysts query in a workgroup whose settings they cannot override', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: Match.anyValue() },
          OutputLocation: Match.anyValue(),
        },
      },
    });
    expect(Object.keys(template.findResources('AWS::Athena::NamedQuery')).length).toBeGreaterThanOrEqual(4);
  });

  it("runs the report on the config's schedule", () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: CONFIG.reportSchedule,
      ScheduleExpressionTimezone: 'Europe/London',
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReportingFunction'), 'Arn'] },
        Input: '{"run":"<aws.scheduler.scheduled-time>"}',
        RoleArn: Match.anyValue(),
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('lets each partner reach only its own prefixes: no statement of partner A reaches partner B', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { Description: Match.stringLikeRegexp('uploads its files') },
    });
    expect(Object.keys(roles)).toHaveLength(CONFIG.partners.length);
    const resolve = (value: unknown) => JSON.stringify(Stack.of(stack).resolve(value));
    for (const partner of CONFIG.partners) {
      const [, role] = Object.entries(roles).find(([id]) => id.includes(partner.id.replaceAll('-', ''))) ?? [];
      expect(role, partner.id).toBeDefined();
      const statements = statementsOf(role as never);
      for (const statement of statements) {
        const text = resolve(statement.Resource) + resolve(statement.Condition ?? '');
        for (const other of CONFIG.partners.filter((p: { id: string }) => p.id !== partner.id))
          expect(text, `${partner.id} → ${other.id}`).not.toMatch(new RegExp(`(uploads|validation)/${other.id}/`));
        expect(statement.Action).not.toContain('s3:*');
      }
      const objectResources = statements
        .filter((s) => s.Action !== 's3:ListBucket' && String(s.Action).startsWith('s3'))
        .map((s) => resolve(s.Resource));
      expect(
        objectResources.every(
          (r) => r.includes(`/uploads/${partner.id}/`) || r.includes(`/validation/${partner.id}/*`),
        ),
      ).toBe(true);
      expect(statements.find((s) => s.Action === 's3:PutObject')?.Resource).toBeDefined();
      expect(resolve(statements.find((s) => s.Action === 's3:PutObject')?.Resource)).toContain(
        `/uploads/${partner.id}/workforce/`,
      );
    }
  });

  it("gives analysts the lake, the reports and Athena, and of the landing bucket only the Trust's own uploads", () => {
    const [analyst] = Object.values(
      template.findResources('AWS::IAM::Role', {
        Properties: { Description: Match.stringLikeRegexp('Queries the lake') },
      }),
    );
    const landingId = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) =>
      id.includes('Landing'),
    ) as string;
    const statements = statementsOf(analyst as never);
    const text = JSON.stringify(statements);

    expect(text).toContain('athena:StartQueryExecution');
    const onLanding = statements.filter((s) => JSON.stringify(s.Resource).includes(landingId));
    expect(onLanding).toEqual([expect.objectContaining({ Action: 's3:PutObject' })]);
    expect(JSON.stringify(onLanding[0]?.Resource)).toContain('/uploads/_trust/community_profile/*');
    expect(text).not.toContain('"*"');
  });
});

/** SQL as the engine reads it: without comments, its white space folded. */
function withoutComments(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
