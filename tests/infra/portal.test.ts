import { readFileSync } from 'node:fs';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { partnerGroup, TRUST_GROUP } from '../../functions/portal-api/groups.ts';
import { WORKER_CSP } from '../../functions/portal/http.ts';
import { ledgerKey, unroutedValidationKey, uploadKey, validationKey } from '../../transforms/storage/object-layout.ts';
import { SAMPLE_STACK_NOW, sampleStack } from '../support/cdk-app.ts';
import { decide, resolve, type PolicyStatement } from '../support/iam-policy.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const CONFIG = JSON.parse(readFileSync(CONFIG_FILE, 'utf8')) as { partners: { id: string }[] };
const NOW = SAMPLE_STACK_NOW; // the day the shared sample stack is written for

type Resources = Record<string, { Properties: Record<string, unknown> }>;

describe('Construct: Portal (the partner portal in AWS)', () => {
  let template: Template;
  let arn: (bucket: 'landing' | 'lake' | 'reports' | 'athenaResults') => string;
  let statements: PolicyStatement[];
  const only = (type: string) => Object.values(template.findResources(type) as Resources);
  const one = (type: string) => {
    const all = only(type);
    expect(all).toHaveLength(1);
    return all[0]?.Properties as Record<string, unknown>;
  };

  beforeAll(async () => {
    const { stack, template: sampleTemplate } = await sampleStack();
    template = sampleTemplate;
    const lake = stack.dataLake;
    arn = (name) => `arn:aws:s3:::${stack.getLogicalId(lake[name].node.defaultChild as CfnElement)}`;
    statements = Object.entries(template.findResources('AWS::IAM::Policy') as Resources)
      .filter(([id]) => id.startsWith('PortalFunction'))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
  });

  it('lets no one sign themselves up, requires MFA, and has a group for the Trust and each partner', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    });
    const groups = only('AWS::Cognito::UserPoolGroup').map((g) => g.Properties.GroupName as string);
    expect(groups.sort()).toEqual([TRUST_GROUP, ...CONFIG.partners.map((p) => partnerGroup(p.id))].sort());
  });

  it('signs in on the hosted pages with the authorization code and PKCE, coming back only to the portal', () => {
    const client = one('AWS::Cognito::UserPoolClient');
    const portal = `https://${resolve({ 'Fn::GetAtt': [distributionId(), 'DomainName'] })}/`;

    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthScopes).toEqual(['openid', 'email']);
    expect((client.CallbackURLs as unknown[]).map(resolve)).toEqual([portal]);
    expect((client.LogoutURLs as unknown[]).map(resolve)).toEqual([portal]);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it('puts every API route behind the Cognito JWT authorizer, for the portal client only', () => {
    const routes = only('AWS::ApiGatewayV2::Route');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(route.Properties.AuthorizationType).toBe('JWT');
    const authorizer = one('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    const jwt = authorizer.JwtConfiguration as { Audience: { Ref: string }[]; Issuer: { 'Fn::GetAtt': string[] } };
    expect(jwt.Audience).toEqual([{ Ref: Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))[0] }]);
    expect(jwt.Issuer['Fn::GetAtt'][1]).toBe('ProviderURL');
  });

  it('serves the pages from a private bucket that only this distribution reads, through origin access control', () => {
    const pages = Object.keys(template.findResources('AWS::S3::Bucket')).filter((id) => id.startsWith('PortalPages'));
    expect(pages).toHaveLength(1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'portal-pages/' }),
    });
    const policy = only('AWS::S3::BucketPolicy').find((p) => (p.Properties.Bucket as { Ref: string }).Ref === pages[0])
      ?.Properties.PolicyDocument as { Statement: (PolicyStatement & { Principal: unknown })[] };
    const allows = policy.Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0]?.Action).toBe('s3:GetObject');
    expect(resolve(allows[0]?.Condition?.StringEquals?.['AWS:SourceArn'])).toMatch(
      new RegExp(`:distribution/${distributionId()}$`),
    );
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always' }),
    });
  });

  it("sends the page's security headers: its CSP (no inline script), HSTS, no framing; the worker its own", () => {
    const distribution = one('AWS::CloudFront::Distribution').DistributionConfig as {
      DefaultCacheBehavior: { ViewerProtocolPolicy: string; ResponseHeadersPolicyId: { Ref: string } };
      CacheBehaviors: { PathPattern: string; ResponseHeadersPolicyId: { Ref: string }; CachePolicyId: string }[];
    };
    const headers = (id: string) =>
      (template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources)[id]?.Properties
        .ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> };
    const page = headers(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref).SecurityHeadersConfig;
    const csp = resolve(page.ContentSecurityPolicy?.ContentSecurityPolicy);
    const worker = distribution.CacheBehaviors.find((b) => b.PathPattern === '/worker.js');
    const api = distribution.CacheBehaviors.find((b) => b.PathPattern === '/api/*');

    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(csp).toMatch(/^default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self' /);
    expect(csp).toContain(`.auth.eu-west-2.amazoncognito.com https://DataLakeLanding`);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.StrictTransportSecurity).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(page.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(page.ContentTypeOptions).toMatchObject({ Override: true });
    expect(
      headers(worker?.ResponseHeadersPolicyId.Ref ?? '').SecurityHeadersConfig.ContentSecurityPolicy,
    ).toMatchObject({
      ContentSecurityPolicy: WORKER_CSP,
    });
    expect(api?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
    // The API's answers: the page's headers, except that a CSP the API sends (a report's) is kept.
    const apiHeaders = headers(api?.ResponseHeadersPolicyId.Ref ?? '').SecurityHeadersConfig;
    expect(apiHeaders.ContentSecurityPolicy).toMatchObject({ Override: false });
    expect(resolve(apiHeaders.ContentSecurityPolicy?.ContentSecurityPolicy)).toBe(csp);
    expect(apiHeaders.StrictTransportSecurity).toMatchObject({ Override: true });
    expect(apiHeaders.FrameOptions).toMatchObject({ Override: true, FrameOption: 'DENY' });
  });

  it('publishes the built pages and their Cognito sign-in settings at each deploy', () => {
    const deployment = one('Custom::CDKBucketDeployment');
    const markers = JSON.stringify(deployment.SourceMarkers);
    expect(deployment.Prune).toBe(true);
    expect(deployment.DistributionPaths).toEqual(['/*']);
    expect(markers).toContain(Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))[0]);
    expect(markers).toContain(Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'))[0]);
  });

  it("lets the portal's pages read the answer of an upload to the landing bucket, and do nothing else", () => {
    const landing = Object.values(template.findResources('AWS::S3::Bucket') as Resources).find(
      (b) => b.Properties.CorsConfiguration,
    );
    expect(landing?.Properties.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedHeaders: ['*'],
          AllowedMethods: ['POST'],
          AllowedOrigins: ['https://*.cloudfront.net'],
          ExposedHeaders: ['x-amz-version-id', 'ETag'],
          MaxAge: 3000,
        },
      ],
    });
  });

  describe("the API function's role", () => {
    const may = (action: string, bucket: Parameters<typeof arn>[0], key: string) =>
      decide(statements, { action, resource: `${arn(bucket)}/${key}`, time: NOW });
    const slot = { partnerId: 'riverside-council', dataset: 'workforce', period: '2026-09-30' };
    const upload = uploadKey(slot.partnerId, slot.dataset, slot.period, 'a.csv');

    it.each([
      ["sign a form for a partner's upload", 's3:PutObject', 'landing', upload, 'allowed'],
      [
        'sign a form for another partner too',
        's3:PutObject',
        'landing',
        uploadKey('meadowbank-care', 'leavers', slot.period, 'b.csv'),
        'allowed',
      ],
      [
        "sign a form for the Trust's own uploads",
        's3:PutObject',
        'landing',
        uploadKey('_trust', 'community_profile', '2021-03-21', 'c.csv'),
        'denied',
      ],
      [
        'sign a form for an unknown partner',
        's3:PutObject',
        'landing',
        uploadKey('not-a-partner', 'workforce', slot.period, 'd.csv'),
        'denied',
      ],
      ['write outside uploads/', 's3:PutObject', 'landing', 'validation/riverside-council/x.json', 'denied'],
      ['read a validation report', 's3:GetObject', 'landing', validationKey(slot, 'abc'), 'allowed'],
      [
        'read the report of an upload no partner owns',
        's3:GetObject',
        'landing',
        unroutedValidationKey(undefined, 'abc'),
        'denied',
      ],
      ['read an upload', 's3:GetObject', 'landing', upload, 'denied'],
      ['delete an upload', 's3:DeleteObject', 'landing', upload, 'denied'],
      ['read the ledger of a slot', 's3:GetObject', 'lake', ledgerKey(slot), 'allowed'],
      ["read a table's files", 's3:GetObject', 'lake', 'lake/workforce_by_type/period=2026-09-30/x.parquet', 'denied'],
      ['write to the lake', 's3:PutObject', 'lake', ledgerKey(slot), 'denied'],
      ['read the latest report', 's3:GetObject', 'reports', 'reports/latest/needs-analysis.json', 'allowed'],
      [
        "read an earlier period's report",
        's3:GetObject',
        'reports',
        'reports/2025-09-30/needs-analysis.json',
        'denied',
      ],
      ['read query results', 's3:GetObject', 'athenaResults', 'results/x.csv', 'denied'],
    ] as const)('may %s: %s', (_what, action, bucket, key, expected) => {
      expect(may(action, bucket, key)).toBe(expected);
    });

    it('names no whole bucket, and no object wildcard outside its prefixes', () => {
      const s3Resources = statements
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
        .flatMap((s) => [s.Resource].flat().map(resolve));
      const allowed = [
        /\/uploads\/[a-z0-9-]+\/\*$/,
        /\/validation\/[a-z0-9-]+\/\*$/,
        /\/state\/ledger\/\*$/,
        /\/reports\/latest\/\*$/,
      ];
      for (const resource of s3Resources) {
        const isBucket = !resource.includes('/');
        expect(isBucket || allowed.some((pattern) => pattern.test(resource)), resource).toBe(true);
      }
      // A bucket itself is named only to list it: no bucket-level action (policy, ACL, CORS) besides.
      const bucketActions = statements
        .filter((s) =>
          [s.Resource]
            .flat()
            .map(resolve)
            .some((r) => !r.includes('/')),
        )
        .flatMap((s) => [s.Action].flat().filter((a) => a.startsWith('s3:')));
      expect(new Set(bucketActions)).toEqual(new Set(['s3:ListBucket']));
      const listing = statements.filter((s) => [s.Action].flat().includes('s3:ListBucket'));
      for (const s of listing) expect(s.Condition?.StringLike?.['s3:prefix']).toBeDefined();
    });
  });

  function distributionId(): string {
    return Object.keys(template.findResources('AWS::CloudFront::Distribution'))[0] as string;
  }
});
