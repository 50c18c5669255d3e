import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../functions/local/service.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { uploadKey } from '../../transforms/storage/object-layout.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { browserAvailable, launchChromium } from '../support/chromium.ts';
import { startAwsPortal, type AwsPortalHarness } from '../support/aws-portal-harness.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const [PARTNER_A, PARTNER_B] = ['riverside-council', 'brightstart-nurseries'];
const PERIOD = '2026-09-30';
const GOOD = `sample-data/landing/${PARTNER_A}/workforce/${PERIOD}/workforce.csv`;
const BROKEN = `sample-data/broken/riverside-youth-trust/workforce/${PERIOD}/unknown-codes.csv`;
const USERS = {
  'hr@riverside.example': [`partner-${PARTNER_A}`],
  'office@brightstart.example': [`partner-${PARTNER_B}`],
  'data@trust.example': ['trust'],
  'both@example.org': [`partner-${PARTNER_A}`, `partner-${PARTNER_B}`],
};

const available = browserAvailable;

describe.skipIf(!available)(
  'The portal as deployed to AWS (hosted sign-in, the API, uploads to S3), in a real browser',
  () => {
    const dataDir = temporaryFolder('portal-aws-');
    let service: PipelineService;
    let aws: AwsPortalHarness;
    let browser: Browser;
    const policyViolations: string[] = [];

    /** Signs in as a person would: the portal's Sign in button, the user pool's page, and back. */
    async function signedIn(user: keyof typeof USERS): Promise<Page> {
      const page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
      page.on('console', (m) => /Content Security Policy/i.test(m.text()) && policyViolations.push(m.text()));
      await page.goto(aws.portalUrl);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${aws.signInUrl}/**`);
      await page.getByLabel('Email').selectOption(user);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(aws.portalUrl);
      await page.locator('#who:not(:empty), main h1').first().waitFor();
      return page;
    }
    const apiAs = (page: Page, path: string, init: { method?: string; body?: unknown } = {}) =>
      page.evaluate(
        async ({ path, init }) => {
          const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } })
            .sessionStorage;
          const stored = JSON.parse(storage.getItem('workforce.portal.token') ?? '{}') as { accessToken?: string };
          const token = stored.accessToken;
          const response = await fetch(path, {
            method: init.method ?? 'GET',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          });
          return { status: response.status, body: await response.json().catch((): unknown => null) };
        },
        { path, init },
      );

    beforeAll(async () => {
      mkdirSync('out', { recursive: true });
      service = new PipelineService({ dataDir, config: CONFIG, pollMs: 600_000 });
      await service.start();
      aws = await startAwsPortal(service, CONFIG, USERS);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await aws?.close();
      await service?.close();
    });

    it('signs a partner in on the hosted sign-in (code and PKCE), checks, uploads straight to the bucket', async () => {
      const page = await signedIn('hr@riverside.example');
      await expect.poll(() => page.locator('#who').textContent()).toContain('Riverside Council');
      expect(page.url()).toBe(aws.portalUrl); // the code left the address bar

      await page.getByLabel('Dataset').selectOption('workforce');
      await page.getByLabel('Period').selectOption(PERIOD);
      await page.getByLabel('CSV file').setInputFiles(BROKEN);
      await page.locator('#check .issue-group[data-code="CODE_UNKNOWN"]').waitFor();
      expect(await page.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true);
      expect(aws.posts).toEqual([]);

      await page.getByLabel('CSV file').setInputFiles(GOOD);
      await page.getByRole('button', { name: 'Upload' }).and(page.locator(':enabled')).waitFor();
      await page.getByRole('button', { name: 'Upload' }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Accepted/);

      expect(aws.posts).toEqual([
        expect.objectContaining({ ok: true, key: uploadKey(PARTNER_A, 'workforce', PERIOD, 'workforce.csv') }),
      ]);
      await expect.poll(() => page.locator('#history-table tbody tr').first().textContent()).toContain('workforce.csv');
      const saved = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Report for workforce.csv' }).click();
      const report = await saved;
      expect(report.suggestedFilename()).toBe('workforce - check.txt');
      expect(readFileSync(await report.path(), 'utf8')).toContain('ACCEPTED');
      await page.screenshot({ path: join('out', 'portal-aws-accepted.png'), fullPage: true });
      expect(policyViolations).toEqual([]);
    });

    it("refuses a form changed to write into another partner's folder, or with a field not in its policy", async () => {
      const page = await signedIn('hr@riverside.example');
      await page.locator('#who').filter({ hasText: 'Riverside' }).waitFor();
      const plan = (await apiAs(page, '/api/uploads', {
        method: 'POST',
        body: { dataset: 'workforce', period: PERIOD, name: 'x.csv', size: 10 },
      })) as { status: number; body: { post: { url: string; fields: Record<string, string> } } };
      const send = (fields: Record<string, string>) =>
        page.evaluate(
          async ({ url, fields }) => {
            const form = new FormData();
            for (const [name, value] of Object.entries(fields)) form.append(name, value);
            form.append('file', new File(['staff_ref\n'], 'x.csv'));
            const response = await fetch(url, { method: 'POST', body: form });
            return { status: response.status, text: await response.text() };
          },
          { url: plan.body.post.url, fields },
        );

      const elsewhere = await send({
        ...plan.body.post.fields,
        key: uploadKey(PARTNER_B, 'workforce', PERIOD, 'x.csv'),
      });
      const extra = await send({ ...plan.body.post.fields, 'x-amz-meta-partner': PARTNER_B });

      expect(plan.status).toBe(201);
      expect(elsewhere.status).toBe(403);
      expect(elsewhere.text).toContain('Policy Condition failed');
      expect(extra.status).toBe(403);
      expect(aws.posts.filter((p) => p.ok)).toHaveLength(1); // only the first test's upload was stored
    });

    it("shows a second partner none of the first's uploads, in the page or through the API", async () => {
      const page = await signedIn('office@brightstart.example');
      await expect.poll(() => page.locator('#who').textContent()).toContain('BrightStart');
      await expect.poll(() => page.locator('#history').textContent()).toContain('Nothing sent yet');
      expect((await apiAs(page, '/api/history')).body).toEqual({ uploads: [] });
      const a = await signedIn('hr@riverside.example');
      const history = (await apiAs(a, '/api/history')).body as { uploads: { uploadId: string; key: string }[] };
      const theirs = history.uploads[0];

      expect((await apiAs(page, `/api/reports/${theirs?.uploadId}.txt`)).status).toBe(404);
      expect(
        (await apiAs(page, `/api/uploads/sent`, { method: 'POST', body: { key: theirs?.key, versionId: '1' } })).status,
      ).toBe(400);
    });

    it("shows its own words when sign-in fails, never the address bar's", async () => {
      const page = await (await browser.newContext()).newPage();
      const bait = 'Your account is locked. Call 0900 000 000 to unlock it';
      await page.goto(`${aws.portalUrl}?error=access_denied&error_description=${encodeURIComponent(bait)}`);

      await expect.poll(() => page.locator('main').textContent()).toContain('Sign-in was cancelled or refused');
      expect(await page.content()).not.toContain('0900 000 000');
    });

    it("refuses an account in two partners' groups, and shows the Trust its coverage", async () => {
      const both = await signedIn('both@example.org');
      await expect.poll(() => both.locator('main').textContent()).toContain('more than one');

      const trust = await signedIn('data@trust.example');
      await expect.poll(() => trust.locator('#who').textContent()).toContain('(Trust)');
      const row = trust.locator('#coverage-table tbody tr').filter({ hasText: PARTNER_A });
      await expect.poll(() => row.textContent()).toContain('Accepted');
      // In AWS the report comes from the scheduled function, not from each accepted file as locally.
      await expect.poll(() => trust.locator('#report').textContent()).not.toBe('');
      expect(await trust.locator('#report').textContent()).not.toContain('written when the first file is accepted');
      await trust.screenshot({ path: join('out', 'portal-aws-trust.png'), fullPage: true });
      expect(policyViolations).toEqual([]);
    });
  },
);
