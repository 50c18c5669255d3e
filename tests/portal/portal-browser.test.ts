import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PipelineService } from '../../functions/local/service.ts';
import { startPortalServer, type PortalServer } from '../../functions/portal/server.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { validateCsv } from '../../transforms/validation/validate.ts';
import { checkPeriod } from '../../transforms/config/collection-periods.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { browserAvailable, launchChromium } from '../support/chromium.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const [PARTNER_A, PARTNER_B] = ['riverside-council', 'brightstart-nurseries'];
const PERIOD = '2026-09-30';
const GOOD = `sample-data/landing/${PARTNER_A}/workforce/${PERIOD}/workforce.csv`;
const BROKEN = `sample-data/broken/riverside-youth-trust/workforce/${PERIOD}/unknown-codes.csv`;

const available = browserAvailable;

describe.skipIf(!available)('The partner portal in a real browser', () => {
  const dataDir = temporaryFolder('portal-');
  let service: PipelineService;
  let portal: PortalServer;
  let browser: Browser;
  let partnerA: BrowserContext;
  let page: Page;
  let tokens: Record<'a' | 'b' | 'trust', string>;
  const link = (who: 'a' | 'b' | 'trust') => `${portal.url}signin#${tokens[who]}`;
  let uploadIdA: string;

  async function startService(): Promise<void> {
    service = new PipelineService({ dataDir, config: CONFIG, pollMs: 600_000 });
    await service.start();
    portal = await startPortalServer({ service, config: CONFIG, dataDir, port: 0 });
  }
  const invite = async (subject: Parameters<PortalServer['invites']['create']>[0]) =>
    (await portal.invites.create(subject, 30)).token;
  const shot = (p: Page, name: string) => p.screenshot({ path: join('out', name), fullPage: true });

  beforeAll(async () => {
    mkdirSync('out', { recursive: true });
    await startService();
    tokens = {
      a: await invite({ kind: 'partner', partnerId: PARTNER_A }),
      b: await invite({ kind: 'partner', partnerId: PARTNER_B }),
      trust: await invite({ kind: 'trust' }),
    };
    browser = await launchChromium();
    partnerA = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await partnerA.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    await service?.close();
  });

  it('signs a partner in through its invite link, and checks a broken file in the browser before anything is sent', async () => {
    const uploads: string[] = [];
    page.on('request', (request) => request.url().includes('/api/uploads') && uploads.push(request.url()));
    await page.goto(link('a'));
    await expect.poll(() => page.locator('#who').textContent()).toContain('Riverside Council');
    expect(page.url()).not.toContain('#'); // the token left the address bar

    expect(await page.getByLabel('Period').locator('option').allTextContents()).toEqual([
      '30 September 2026',
      '30 September 2025',
      '30 September 2024',
    ]);
    expect(await page.getByLabel('Dataset').locator('option').allTextContents()).toEqual([
      'Workforce',
      'Vacancies',
      'Leavers',
    ]);
    await page.getByLabel('Dataset').selectOption('workforce');
    await page.getByLabel('Period').selectOption(PERIOD);
    await page.getByLabel('CSV file').setInputFiles(BROKEN);

    const group = page.locator('#check .issue-group[data-code="CODE_UNKNOWN"]');
    await group.waitFor();
    const rows = await group
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const cli = await validateCsv(createReadStream(BROKEN), {
      dataset: 'workforce',
      period: PERIOD,
      limits: CONFIG.limits,
      periodRule: (p, t) => checkPeriod(CONFIG, p, t),
    });
    expect(rows).toEqual(
      cli.errors.filter((e) => e.code === 'CODE_UNKNOWN').map((e) => [String(e.row), e.column, e.value, e.message]),
    );
    expect(await page.locator('#check-summary').textContent()).toContain('Rows read 12');
    expect(await group.textContent()).toContain('How to fix');
    expect(await page.getByRole('button', { name: 'Upload' }).isDisabled()).toBe(true);
    expect(uploads).toEqual([]);
    await shot(page, 'portal-check-broken.png');
  });

  it("uploads a good file with a progress bar, shows the pipeline's outcome, and lists it in the history", async () => {
    await page.getByLabel('CSV file').setInputFiles(GOOD);
    await page.getByRole('button', { name: 'Upload' }).and(page.locator(':enabled')).waitFor();
    await page.getByRole('button', { name: 'Upload' }).click();

    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Accepted/);
    const history = page.locator('#history-table tbody tr');
    await expect.poll(() => history.first().textContent()).toContain('workforce.csv');
    expect(await history.first().textContent()).toContain('Accepted');
    await expect.poll(() => page.locator('#due li').first().textContent()).toContain('Received and accepted');
    const href = (await page.getByRole('link', { name: 'Report for workforce.csv' }).getAttribute('href')) as string;
    uploadIdA = /\/api\/reports\/([0-9a-f]{24})\.txt/.exec(href)?.[1] as string;
    const download = await page.request.get(new URL(href, portal.url).toString());
    expect(download.headers()['content-disposition']).toMatch(/filename="workforce - check .*\.txt"/);
    expect(await download.text()).toMatch(/^ACCEPTED: workforce.csv as workforce for period 2026-09-30/);
    await shot(page, 'portal-accepted.png');
  });

  it('keeps the history, and the partner signed in, across a restart of the service', async () => {
    await portal.close();
    await service.close();
    await startService();

    await page.goto(portal.url);
    await expect.poll(() => page.locator('#history-table tbody tr').first().textContent()).toContain('workforce.csv');
  });

  it("shows a second partner none of the first's uploads, in the page or through the API by guessing", async () => {
    const other = await browser.newContext();
    try {
      const pageB = await other.newPage();
      await pageB.goto(link('b'));
      await expect.poll(() => pageB.locator('#history').textContent()).toContain('Nothing sent yet');
      const api = pageB.request;
      const base = portal.url.replace(/\/$/, '');
      const history = await (await api.get(`${base}/api/history`)).json();
      expect(history).toEqual({ uploads: [] });
      for (const path of [
        `/api/reports/${uploadIdA}.txt`,
        `/api/reports/${uploadIdA}.json`,
        `/api/uploads/${uploadIdA}?wait=1`,
        `/api/reports/..%2F${PARTNER_A}%2Fworkforce%2F${PERIOD}%2F${uploadIdA}.txt`,
      ]) {
        const response = await api.get(`${base}${path}`);
        expect(response.status(), path).toBe(404);
        expect(await response.text()).not.toContain('workforce.csv');
      }
      expect(await (await partnerA.request.get(`${base}/api/reports/${uploadIdA}.txt`)).text()).toContain('ACCEPTED');
    } finally {
      await other.close();
    }
  });

  it('shows the Trust which partner has sent which dataset, and the latest report', async () => {
    await service.work();
    const trust = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    try {
      const pageT = await trust.newPage();
      await pageT.goto(link('trust'));
      const row = pageT.locator('#coverage-table tbody tr', { hasText: PARTNER_A });
      await expect.poll(() => row.locator('td').first().textContent()).toContain('Accepted');
      expect(await row.locator('td').nth(1).textContent()).toContain('Missing');
      expect(await pageT.locator('#coverage-summary').textContent()).toMatch(/^1 of 30 files accepted/);
      await pageT.getByRole('link', { name: /Open the needs-analysis report/ }).waitFor();
      const report = await pageT.request.get(`${portal.url}trust/report/needs-analysis.html`);
      expect(report.status()).toBe(200);
      expect(await report.text()).toContain('<h2');
      await shot(pageT, 'portal-trust.png');
      const partnerTries = await partnerA.request.get(`${portal.url}trust/report/needs-analysis.html`);
      expect(partnerTries.status()).toBe(404);
    } finally {
      await trust.close();
    }
  });

  it('keeps the page responsive while it checks a large file', async () => {
    const big = join(temporaryFolder('big-'), 'big.csv');
    const lines = readFileSync(GOOD, 'utf8').trim().split('\n');
    const body = lines.slice(1);
    const rows: string[] = [lines[0] as string];
    for (let i = 0; i < 300_000; i++)
      rows.push((body[i % body.length] as string).replace(/^RC\d+/, `RC${String(i).padStart(7, '0')}`));
    writeFileSync(big, `${rows.join('\n')}\n`);
    // A timer on the page, counting the ticks it gets while the check is running.
    await page.evaluate(
      `window.busyTicks = 0; setInterval(() => { if (document.querySelector('#check-progress')) window.busyTicks++; }, 20);`,
    );

    await page.getByLabel('CSV file').setInputFiles(big);
    await page.locator('#check-progress').waitFor();
    await page.getByText('How to fix a rejected file').click();
    const openedWhileChecking = await page.evaluate(
      `document.getElementById('fix-help').open && !!document.querySelector('#check-progress')`,
    );
    await page.locator('#check-summary').waitFor({ timeout: 60_000 });

    expect(openedWhileChecking).toBe(true);
    expect(await page.evaluate('window.busyTicks')).toBeGreaterThan(5);
    expect(await page.locator('#check-summary').textContent()).toContain('Rows read 300,000');
  });
});
