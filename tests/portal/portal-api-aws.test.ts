import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BUCKETS } from '../../functions/local/local-stack.ts';
import { PipelineService } from '../../functions/local/service.ts';
import { createPortalApiHandler } from '../../functions/portal-api/handler.ts';
import { presignPost, signPolicy } from '../../functions/portal-api/presigned-post.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { PortalReader } from '../../transforms/portal/ports.ts';
import { uploadKey, uploadsPrefix } from '../../transforms/storage/object-layout.ts';
import { workforceCsv } from '../helpers.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const CONFIG = parseTrustConfig({
  trust: 'Test Trust',
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: [
    { id: 'partner-a', name: 'Partner A' },
    { id: 'partner-b', name: 'Partner B' },
  ],
  limits: { maxFileBytes: 20_000 },
});
const PERIOD = '2025-09-30';
const TODAY = '2025-11-01';
const NOW = new Date('2025-11-01T10:00:00Z');
/** The Cognito groups claim as the HTTP API passes it on: a bracketed list. */
const A = '[partner-partner-a]';
const B = '[partner-partner-b]';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

/** An API Gateway v2 request as the JWT authorizer passes it on: the token's claims, already checked. */
function event(method: string, path: string, groups: string, body?: unknown): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    requestContext: {
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: { 'cognito:groups': groups, sub: 'u-1' }, scopes: [] },
      },
    },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe("The portal's API in AWS (API Gateway with a Cognito JWT authorizer)", () => {
  const dataDir = temporaryFolder('portal-api-aws-');
  let service: PipelineService;
  let handle: ReturnType<typeof createPortalApiHandler>;
  const body = async (groups: string, method: string, path: string, payload?: unknown) => {
    const result = await handle(event(method, path, groups, payload));
    return { status: result.statusCode, json: JSON.parse(String(result.body)) as Record<string, unknown> };
  };

  beforeAll(async () => {
    service = new PipelineService({ dataDir, config: CONFIG, pollMs: 600_000 });
    await service.start();
    const store = service.stack.store;
    const reader: PortalReader = {
      list: async (bucket, prefix) =>
        (await store.listAll(bucket, prefix)).map((o) => ({ key: o.key, lastModified: o.lastModified })),
      getText: (bucket, key) => store.getText(bucket, key),
    };
    handle = createPortalApiHandler({
      config: CONFIG,
      reader,
      buckets: { ...LOCAL_BUCKETS, reportsBucket: 'workforce-reports' },
      today: () => TODAY,
      presign: (key) =>
        Promise.resolve(
          presignPost({
            bucket: 'landing',
            region: 'eu-west-2',
            key,
            maxBytes: CONFIG.limits.maxFileBytes,
            credentials: CREDENTIALS,
            now: NOW,
          }),
        ),
    });
    await service.stack.upload(uploadKey('partner-a', 'workforce', PERIOD, 'a.csv'), workforceCsv());
    await service.stack.upload(uploadKey('partner-b', 'workforce', PERIOD, 'b.csv'), workforceCsv());
    await service.work();
  });
  afterAll(async () => {
    await service?.close();
  });

  it("shows a partner only its own uploads, and not another partner's report", async () => {
    const a = await body(A, 'GET', '/api/history');
    const b = await body(B, 'GET', '/api/history');
    const [ownA] = a.json.uploads as { uploadId: string; fileName: string }[];
    const [ownB] = b.json.uploads as { uploadId: string; fileName: string }[];

    expect((a.json.uploads as { fileName: string }[]).map((u) => u.fileName)).toEqual(['a.csv']);
    expect(ownB?.fileName).toBe('b.csv');
    expect((await body(A, 'GET', `/api/uploads/${ownA?.uploadId}`)).status).toBe(200);
    expect((await handle(event('GET', `/api/reports/${ownB?.uploadId}.json`, A))).statusCode).toBe(404);
    const peek = await body(A, 'GET', `/api/uploads/${ownB?.uploadId}`);
    expect(peek.json).not.toHaveProperty('report');
  });

  it("refuses a token with no partner group, an unknown partner, two partners' groups, or the Trust's and a partner's", async () => {
    const statuses = await Promise.all(
      [
        '',
        '[partner-partner-z]',
        '[partner-partner-a partner-partner-b]',
        '[partner-partner-a,partner-partner-b]',
        '[partner-a]',
        '[admins]',
        // A group named with a comma is one group, not partner-a's.
        '[x,partner-partner-a]',
        // Trust staff wrongly put in a partner's group too: neither view, rather than every partner's.
        '[trust partner-partner-a]',
        '[partner-partner-a trust]',
      ].map(async (groups) => (await handle(event('GET', '/api/history', groups))).statusCode),
    );
    const trust = await handle(event('GET', '/api/coverage', '[trust]'));

    expect(statuses).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 403]);
    expect(trust.statusCode).toBe(200);
  });

  it("refuses an upload of the Trust's dataset, to a period not open (to come, or no collection date), or over the size limit", async () => {
    const plan = (over: Record<string, unknown>) =>
      body(A, 'POST', '/api/uploads', { dataset: 'workforce', period: PERIOD, name: 'x.csv', size: 100, ...over });

    const profile = await plan({ dataset: 'community_profile' });
    const future = await plan({ period: '2099-09-30' });
    const notCollection = await plan({ period: '2024-01-31' });
    const big = await plan({ size: CONFIG.limits.maxFileBytes + 1 });

    expect([profile.status, future.status, notCollection.status, big.status]).toEqual([400, 400, 400, 413]);
    expect(big.json.error).toMatch(/larger than the 19.5 KiB the Trust allows/);
  });

  it("never lets a partner name another partner's folder, or climb out of its own", async () => {
    const plan = (over: Record<string, unknown>) =>
      body(A, 'POST', '/api/uploads', { dataset: 'workforce', period: PERIOD, name: 'x.csv', size: 100, ...over });

    const naming = await Promise.all([
      plan({ key: uploadKey('partner-b', 'workforce', PERIOD, 'x.csv') }),
      plan({ partner: 'partner-b' }),
      plan({ partnerId: 'partner-b' }),
    ]);
    const climbing = await Promise.all([
      plan({ dataset: '../partner-b/workforce' }),
      plan({ dataset: 'workforce/../../partner-b/workforce' }),
      plan({ period: `${PERIOD}/../../../partner-b/workforce/${PERIOD}` }),
      plan({ period: '..' }),
    ]);
    const named = await plan({ name: `../../partner-b/workforce/${PERIOD}/..\\evil.csv` });
    const nameless = await plan({ name: '..' });

    expect(naming.map((r) => r.status)).toEqual([400, 400, 400]);
    expect(climbing.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect(named.status).toBe(201);
    expect(named.json.key).toBe(uploadKey('partner-a', 'workforce', PERIOD, 'evil.csv'));
    expect(nameless.json.key).toBe(uploadKey('partner-a', 'workforce', PERIOD, 'upload.csv'));
  });

  it("follows a sent form to the pipeline's upload id, for the partner's own folder only", async () => {
    const [own] = (await body(A, 'GET', '/api/history')).json.uploads as { uploadId: string; key: string }[];
    const versions = await service.stack.store.listAll(LOCAL_BUCKETS.landingBucket, own?.key ?? '');
    const versionId = versions[0]?.versionId ?? '';

    const followed = await body(A, 'POST', '/api/uploads/sent', { key: own?.key, versionId });
    const peeking = await body(B, 'POST', '/api/uploads/sent', { key: own?.key, versionId });
    const nowhere = await body(A, 'POST', '/api/uploads/sent', { key: 'validation/partner-a/x.json', versionId });

    expect(followed.json.uploadId).toBe(own?.uploadId);
    expect([peeking.status, nowhere.status]).toEqual([400, 400]);
  });

  it("gives a presigned POST for exactly the planned key, 1 byte to the Trust's limit, for minutes only", async () => {
    const plan = await body(A, 'POST', '/api/uploads', {
      dataset: 'workforce',
      period: PERIOD,
      name: 'staff.csv',
      size: 500,
    });
    const post = plan.json.post as { url: string; fields: Record<string, string> };
    const policy = JSON.parse(Buffer.from(post.fields.policy as string, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };

    expect(plan.status).toBe(201);
    expect(post.fields.key).toBe(uploadKey('partner-a', 'workforce', PERIOD, 'staff.csv'));
    expect(policy.conditions).toContainEqual(['eq', '$key', post.fields.key]);
    expect(policy.conditions).toContainEqual(['content-length-range', 1, CONFIG.limits.maxFileBytes]);
    expect(policy.conditions.some((c) => Array.isArray(c) && c[0] === 'starts-with')).toBe(false);
    // Every field the form sends is pinned to the value signed: S3 refuses a form that changes one.
    for (const [field, value] of Object.entries(post.fields).filter(
      ([f]) => !['policy', 'x-amz-signature'].includes(f),
    ))
      expect(policy.conditions).toContainEqual(field === 'key' ? ['eq', '$key', value] : { [field]: value });
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'text/csv' });
    expect(String(post.fields.key).startsWith(uploadsPrefix('partner-a', 'workforce', PERIOD))).toBe(true);
    const lifetime = Date.parse(policy.expiration) - NOW.getTime();
    expect(lifetime).toBeGreaterThan(0);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    expect(post.fields['x-amz-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a POST policy as S3 does (the worked example of the S3 documentation)', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-post-example.html: its policy, key and answer.
    const policy = [
      'eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJza',
      'Wd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdW',
      'JsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25',
      'hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0s',
      'DQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iO',
      'iAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYW',
      'wiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3J',
      'pdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9',
    ].join('');

    expect(signPolicy(policy, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20151229', 'us-east-1')).toBe(
      '8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e',
    );
  });
});
