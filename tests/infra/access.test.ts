import { SAMPLE_STACK_NOW, sampleStack, testApp } from '../support/cdk-app.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { decide, resolve, type PolicyStatement } from '../support/iam-policy.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const CONFIG = JSON.parse(readFileSync(CONFIG_FILE, 'utf8'));
const NOW = SAMPLE_STACK_NOW; // the day the shared sample stack is written for

type RoleResource = {
  Properties: {
    AssumeRolePolicyDocument: { Statement: { Principal: Record<string, unknown> }[] };
    Policies?: { PolicyDocument: { Statement: PolicyStatement[] } }[];
  };
};

function roles(template: Template): Record<string, RoleResource> {
  return template.findResources('AWS::IAM::Role') as Record<string, RoleResource>;
}

function configFile(changes: Record<string, unknown>): string {
  const file = join(temporaryFolder('config-'), 'trust.config.json');
  writeFileSync(file, JSON.stringify({ ...CONFIG, ...changes }));
  return file;
}

describe('Construct: Access', () => {
  let template: Template;
  let landing: string;

  beforeAll(async () => {
    ({ template } = await sampleStack());
    landing = `arn:aws:s3:::${Object.keys(template.findResources('AWS::S3::Bucket')).find((id) => id.startsWith('DataLakeLanding')) as string}`;
  });

  it('lets no role be taken by the whole account: every role trusts named principals or a service', () => {
    const principals = Object.values(roles(template)).flatMap((role) =>
      role.Properties.AssumeRolePolicyDocument.Statement.map((s) => s.Principal),
    );
    const people = principals
      .flatMap((p) => (p.AWS === undefined ? [] : Array.isArray(p.AWS) ? p.AWS : [p.AWS]))
      .map(resolve);
    expect(people.length).toBe(CONFIG.partners.length + 1);
    for (const arn of people) expect(arn).toMatch(/^arn:aws:iam::\d{12}:(role|user)\//);
    for (const principal of principals) expect(Object.keys(principal)).not.toContain('*');
  });

  describe("a partner's upload role, as the partner (or someone holding its credentials) would try it", () => {
    const partnerRole = () => {
      const [, role] = Object.entries(roles(template)).find(([id]) =>
        id.startsWith('AccessPartnerriversidecouncil'),
      ) as [string, RoleResource];
      return (role.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
    };
    const put = (key: string, time = NOW) =>
      decide(partnerRole(), { action: 's3:PutObject', resource: `${landing}/${key}`, time });

    it.each([
      [
        'its workforce file for an open collection period',
        'uploads/riverside-council/workforce/2026-09-30/staff.csv',
        'allowed',
      ],
      ['its leavers file for the baseline', 'uploads/riverside-council/leavers/2024-09-30/leavers.csv', 'allowed'],
      ['a community profile', 'uploads/riverside-council/community_profile/2026-09-30/census.csv', 'denied'],
      [
        "a community profile under the Trust's prefix",
        'uploads/_trust/community_profile/2021-03-21/census.csv',
        'denied',
      ],
      ['a date that is not a collection date', 'uploads/riverside-council/workforce/2026-11-27/staff.csv', 'denied'],
      ['a date before the first collection', 'uploads/riverside-council/workforce/2023-09-30/staff.csv', 'denied'],
      [
        'the next collection period before it opens',
        'uploads/riverside-council/workforce/2027-09-30/staff.csv',
        'denied',
      ],
      ["another partner's prefix", 'uploads/riverside-police/workforce/2026-09-30/staff.csv', 'denied'],
      ['a validation report of its own', 'validation/riverside-council/workforce/2026-09-30/x.json', 'denied'],
    ])('%s: %s', (_, key, decision) => {
      expect(put(key)).toBe(decision);
    });

    it('opens the next collection period on its day, without a redeploy', () => {
      expect(put('uploads/riverside-council/workforce/2027-09-30/staff.csv', new Date('2027-09-30T00:00:01Z'))).toBe(
        'allowed',
      );
    });

    it('reads only its own validation reports', () => {
      const get = (key: string) =>
        decide(partnerRole(), { action: 's3:GetObject', resource: `${landing}/${key}`, time: NOW });
      expect(get('validation/riverside-council/workforce/2026-09-30/x.json')).toBe('allowed');
      expect(get('validation/riverside-police/workforce/2026-09-30/x.json')).toBe('denied');
      expect(get('uploads/riverside-council/workforce/2026-09-30/staff.csv')).toBe('denied');
    });
  });

  it("lets the Trust's analysts, and no partner, load a community profile", () => {
    const [, analyst] = Object.entries(roles(template)).find(([id]) => id.startsWith('AccessAnalyst')) as [
      string,
      RoleResource,
    ];
    const statements = (analyst.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
    const put = (key: string) =>
      decide(statements, { action: 's3:PutObject', resource: `${landing}/${key}`, time: NOW });
    expect(put('uploads/_trust/community_profile/2021-03-21/census.csv')).toBe('allowed');
    expect(put('uploads/riverside-council/workforce/2026-09-30/staff.csv')).toBe('denied');
    expect(
      decide(statements, {
        action: 's3:GetObject',
        resource: `${landing}/uploads/riverside-council/workforce/2026-09-30/staff.csv`,
        time: NOW,
      }),
    ).toBe('denied');
  });

  it('refuses to synthesise a partner role that names no principal, naming the field', async () => {
    const partners = CONFIG.partners.map((p: Record<string, unknown>, i: number) =>
      i === 2 ? { id: p.id, name: p.name } : p,
    );
    await expect(buildApp(testApp(), configFile({ partners }), { now: NOW })).rejects.toThrow(
      /partners\[2\]\.principalArns: name who may take riverside-hospitals's upload role.*allowAnyPrincipalInAccount/,
    );
    await expect(buildApp(testApp(), configFile({ analystPrincipalArns: [] }), { now: NOW })).rejects.toThrow(
      /^analystPrincipalArns: /,
    );
  });

  it('trusts the account only when the config says so, and then says why on synth', async () => {
    const partners = CONFIG.partners.map((p: Record<string, unknown>) => ({ id: p.id, name: p.name }));
    const stack = await buildApp(testApp(), configFile({ partners, allowAnyPrincipalInAccount: true }), { now: NOW });
    Annotations.fromStack(stack).hasWarning(
      '*',
      Match.stringLikeRegexp('trusts the account root.*allowAnyPrincipalInAccount'),
    );
  });
});
