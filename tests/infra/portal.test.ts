import { readFileSync } from 'node:fs';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { partnerGroup, TRUST_GROUP } from '../../functions/portal-api/groups.ts';
import { ledgerKey, uploadKey, validationKey } from '../../transforms/storage/object-layout.ts';
import { testApp } from '../support/cdk-app.ts';
import { decide, type PolicyStatement } from '../support/iam-policy.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const CONFIG = JSON.parse(readFileSync(CONFIG_FILE, 'utf8')) as { partners: { id: string }[] };
const NOW = new Date('2026-11-28T12:00:00Z');

describe('Construct: Portal (the partner portal in AWS)', () => {
  let template: Template;
  let arn: (prefix: string) => string;
  let statements: PolicyStatement[];

  beforeAll(async () => {
    const stack = await buildApp(testApp(), CONFIG_FILE, { now: NOW });
    template = Template.fromStack(stack);
    const lake = stack.dataLake;
    const buckets = { landing: lake.landing, lake: lake.lake, reports: lake.reports } as const;
    arn = (name) =>
      `arn:aws:s3:::${stack.getLogicalId(buckets[name as keyof typeof buckets].node.defaultChild as CfnElement)}`;
    const policies = template.findResources('AWS::IAM::Policy') as Record<
      string,
      { Properties: { PolicyDocument: { Statement: PolicyStatement[] } } }
    >;
    statements = Object.entries(policies)
      .filter(([id]) => id.startsWith('PortalFunction'))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  });

  it('lets no one sign themselves up, requires MFA, and has a group for the Trust and each partner', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'))
      .map((g) => (g as { Properties: { GroupName: string } }).Properties.GroupName)
      .sort();
    expect(groups).toEqual([TRUST_GROUP, ...CONFIG.partners.map((p) => partnerGroup(p.id))].sort());
  });

  it('puts every API route behind the Cognito JWT authorizer', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as {
      Properties: { AuthorizationType: string };
    }[];
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.Properties.AuthorizationType).toBe('JWT');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
  });

  it('serves the pages from a private bucket through CloudFront with a content security policy', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
    const [headers] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(headers);
    expect(csp).toMatch(/default-src 'self'; script-src 'self';/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const distribution = JSON.stringify(template.findResources('AWS::CloudFront::Distribution'));
    expect(distribution).toMatch(/"ViewerProtocolPolicy":"redirect-to-https"/);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {});
  });

  describe("the API function's role", () => {
    const may = (action: string, bucket: string, key: string) =>
      decide(statements, { action, resource: `${arn(bucket)}/${key}`, time: NOW });
    const slot = { partnerId: 'riverside-council', dataset: 'workforce', period: '2026-09-30' };

    it.each([
      [
        'write an upload',
        's3:PutObject',
        'landing',
        uploadKey(slot.partnerId, slot.dataset, slot.period, 'a.csv'),
        'allowed',
      ],
      ['read a validation report', 's3:GetObject', 'landing', validationKey(slot, 'abc'), 'allowed'],
      ['read the ledger of a slot', 's3:GetObject', 'lake', ledgerKey(slot), 'allowed'],
      [
        'read an upload',
        's3:GetObject',
        'landing',
        uploadKey(slot.partnerId, slot.dataset, slot.period, 'a.csv'),
        'denied',
      ],
      ['write a validation report', 's3:PutObject', 'landing', validationKey(slot, 'abc'), 'denied'],
      ["read a table's files", 's3:GetObject', 'lake', 'lake/workforce/period=2026-09-30/x.parquet', 'denied'],
      [
        'delete an upload',
        's3:DeleteObject',
        'landing',
        uploadKey(slot.partnerId, slot.dataset, slot.period, 'a.csv'),
        'denied',
      ],
      ['read a report', 's3:GetObject', 'reports', 'reports/latest/needs-analysis.json', 'allowed'],
    ])('may %s: %s', (_what, action, bucket, key, expected) => {
      expect(may(action, bucket, key)).toBe(expected);
    });
  });
});
