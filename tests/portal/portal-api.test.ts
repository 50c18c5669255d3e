import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BUCKETS } from '../../functions/local/local-stack.ts';
import { PipelineService } from '../../functions/local/service.ts';
import { InviteStore } from '../../functions/portal/invites.ts';
import { SESSION_COOKIE, startPortalServer, type PortalServer } from '../../functions/portal/server.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
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

/** A raw HTTP request, so that headers a browser would never let a page set can be tried. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe("The portal's API and its guards", () => {
  const dataDir = temporaryFolder('portal-api-');
  let service: PipelineService;
  let portal: PortalServer;
  let origin: string;
  let cookieA: string;
  let tokenA: string;

  const signIn = async (token: string) =>
    raw(`${portal.url}api/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ token }),
    });
  const upload = (cookie: string, query: string, body: string, headers: Record<string, string> = {}) =>
    raw(`${portal.url}api/uploads?${query}`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        Origin: origin,
        'Content-Type': 'text/csv',
        'Content-Length': String(Buffer.byteLength(body)),
        ...headers,
      },
      body,
    });

  beforeAll(async () => {
    service = new PipelineService({ dataDir, config: CONFIG, pollMs: 600_000 });
    await service.start();
    portal = await startPortalServer({ service, config: CONFIG, dataDir, port: 0 });
    origin = portal.url.replace(/\/$/, '');
    tokenA = (await portal.invites.create({ kind: 'partner', partnerId: 'partner-a' }, 30)).token;
    const response = await signIn(tokenA);
    cookieA = String(response.headers['set-cookie']).split(';')[0] as string;
  });
  afterAll(async () => {
    await portal?.close();
    await service?.close();
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and keeps only hashes of tokens on disk', async () => {
    const response = await signIn(tokenA);
    const setCookie = String(response.headers['set-cookie']);

    expect(setCookie).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`),
    );
    const files = readdirSync(join(dataDir, 'portal'), { recursive: true }).map(String);
    const stored = files
      .filter((f) => f.endsWith('.json'))
      .map((f) => readFileSync(join(dataDir, 'portal', f), 'utf8'))
      .join('\n');
    expect(stored).not.toContain(tokenA);
    expect(stored).not.toContain(cookieA.split('=')[1]);
  });

  it('refuses a sign-in from another site, and a request addressed to another host name', async () => {
    const evil = await raw(`${portal.url}api/signin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: JSON.stringify({ token: tokenA }),
    });
    const rebound = await raw(`${portal.url}api/me`, { headers: { Host: 'attacker.example:80', Cookie: cookieA } });
    const crossSiteUpload = await upload(cookieA, `dataset=workforce&period=${PERIOD}&name=x.csv`, workforceCsv(), {
      Origin: 'http://evil.example',
    });

    expect([evil.status, rebound.status, crossSiteUpload.status]).toEqual([403, 421, 403]);
  });

  it('signs no one in with a revoked or an expired invite, and ends the sessions of a revoked one', async () => {
    const store = new InviteStore(join(dataDir, 'portal'));
    const { token, invite } = await store.create({ kind: 'partner', partnerId: 'partner-b' }, 30);
    const cookie = String((await signIn(token)).headers['set-cookie']).split(';')[0] as string;
    expect((await raw(`${portal.url}api/me`, { headers: { Cookie: cookie } })).status).toBe(200);

    await store.revoke(invite.id);

    expect((await raw(`${portal.url}api/me`, { headers: { Cookie: cookie } })).status).toBe(401);
    expect((await signIn(token)).status).toBe(401);
    const later = new InviteStore(join(dataDir, 'portal'), () => new Date(Date.now() + 31 * 86_400_000));
    expect(await later.signIn(tokenA)).toBeUndefined();
  });

  it("refuses a file over the Trust's size limit before reading it, and a period or dataset not open to partners", async () => {
    const big = await raw(`${portal.url}api/uploads?dataset=workforce&period=${PERIOD}&name=big.csv`, {
      method: 'POST',
      headers: { Cookie: cookieA, Origin: origin, 'Content-Type': 'text/csv', 'Content-Length': '300000000' },
    });
    const future = await upload(cookieA, 'dataset=workforce&period=2099-09-30&name=x.csv', workforceCsv());
    const profile = await upload(cookieA, `dataset=community_profile&period=${PERIOD}&name=x.csv`, workforceCsv());

    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toMatch(/larger than the 19.5 KiB the Trust allows/);
    expect([future.status, profile.status]).toEqual([400, 400]);
    expect(JSON.parse(future.body).error).toMatch(/after today/);
  });

  it("keeps an upload inside the partner's own folder whatever its file name says", async () => {
    const response = await upload(
      cookieA,
      `dataset=workforce&period=${PERIOD}&name=${encodeURIComponent('../../partner-b/workforce/2025-09-30/..\\evil\u0000.csv')}`,
      workforceCsv(),
    );

    expect(response.status).toBe(201);
    const { key, uploadId } = JSON.parse(response.body) as { key: string; uploadId: string };
    expect(key).toBe(`uploads/partner-a/workforce/${PERIOD}/evil.csv`);
    const outcome = await raw(`${portal.url}api/uploads/${uploadId}?wait=1`, { headers: { Cookie: cookieA } });
    expect(JSON.parse(outcome.body).upload).toMatchObject({ outcome: 'accepted', fileName: 'evil.csv' });
    expect(await service.stack.store.listAll(LOCAL_BUCKETS.landingBucket, 'uploads/partner-b/')).toEqual([]);
  });

  it('ingests a file dropped into the landing folder, once, by the same handler', async () => {
    const folder = join(dataDir, 'landing', 'partner-b', 'vacancies', PERIOD);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'vacancies.csv'), 'role,sector,employer_type,vacancies\n');

    const first = await service.landing.scan(); // seen, not yet settled
    const second = await service.landing.scan(); // unchanged since: taken
    const third = await service.landing.scan();

    expect([first.length, second.length, third.length]).toEqual([0, 1, 0]);
    const outcome = service.waitFor(second[0]!.uploadId, 20_000);
    await service.work();
    expect((await outcome)?.status).toBe('rejected');
    const reports = await service.stack.store.listAll(
      LOCAL_BUCKETS.landingBucket,
      `validation/partner-b/vacancies/${PERIOD}/`,
    );
    expect(reports.map((r) => r.key)).toEqual([
      `validation/partner-b/vacancies/${PERIOD}/${second[0]!.uploadId}.json`,
      `validation/partner-b/vacancies/${PERIOD}/${second[0]!.uploadId}.txt`,
    ]);
  });
});

describe('workforce serve', () => {
  it("prints the portal's loopback address, serves the page, and stops cleanly on SIGTERM", async () => {
    const data = temporaryFolder('serve-');
    const child = spawn(
      'node',
      ['cli/workforce.mjs', 'serve', '--config', 'sample-data/trust.config.json', '--data', data, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /Portal: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match) resolve(match[1] as string);
      });
      child.on('exit', () => reject(new Error(`serve exited: ${out}`)));
    });

    const page = await fetch(url);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<label for="file">CSV file</label>');
    expect(await exited).toBe(0);
    expect(out).toContain('Stopped.');
  });
});
