// `npm run bench:portal`: a partner checks a 1,000,000-row workforce file in the portal, in
// Chromium, against `workforce serve`, beside `workforce validate` on the same file. It records the
// time from choosing the file to the check's summary, shows that the page keeps reacting while the
// check runs (animation frames, long tasks, a control clicked and a field typed into, each event's
// wait), and requires the page to report the same issues — codes, counts and every listed row — as
// the command line. A measurement, not a test: nothing here is in `npm test`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { PAGE_PROBE } from './page-probe.ts';
import type { ValidationReport } from '../transforms/validation/report.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const PERIOD = '2026-09-30';
const PARTNER = 'riverside-council';
const CONFIG = 'sample-data/trust.config.json';
const FILE = join('bench', 'data', `workforce-${ROWS}.csv`);
const RESULTS = join('bench', 'results');

if (!existsSync(FILE)) {
  console.log(`Generating ${FILE} (seeded; cached for next time)…`);
  mkdirSync(join('bench', 'data'), { recursive: true });
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'sample-data/generator/main.ts', '--rows', String(ROWS), '--file', FILE],
    { stdio: 'inherit' },
  );
}
const workforce = (...args: string[]) => [process.execPath, 'cli/workforce.mjs', ...args];

/** `workforce validate --json` as a partner runs it: wall time from start to exit, and its report. */
function cliCheck(file: string): { seconds: number; report: ValidationReport } {
  const command = workforce(
    'validate',
    file,
    '--dataset',
    'workforce',
    '--period',
    PERIOD,
    '--config',
    CONFIG,
    '--json',
  );
  const started = performance.now();
  const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1) throw new Error(`workforce validate failed: ${result.stderr}`);
  return { seconds, report: JSON.parse(result.stdout) as ValidationReport };
}

/** Starts `workforce serve` on a free port with a fresh data folder; resolves with its address. */
async function serve(dataDir: string) {
  const command = workforce('serve', '--config', CONFIG, '--data', dataDir, '--port', '0');
  const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Portal: (\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`workforce serve exited (${code}): ${seen}`)));
  });
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** What bench/page-probe.ts collects in the page. */
interface ProbeReadings {
  readonly changeAt: number;
  readonly summaryAt: number;
  readonly frames: number[];
  readonly longTasks: number[];
  readonly clickWaits: number[];
  readonly keyWaits: number[];
}

interface BrowserRun {
  readonly secondsToSummary: number;
  readonly frames: number;
  readonly longestFrameGapMs: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
  readonly clicks: number;
  readonly clicksAnswered: number;
  readonly longestClickWaitMs: number;
  readonly keys: number;
  readonly typed: string;
  readonly longestKeyWaitMs: number;
}

/** While the check runs, a person opens and closes the help and types: does the page answer? */
async function interact(page: Page): Promise<{ clicks: number; answered: number; keys: number }> {
  const help = page.locator('#fix-help');
  let clicks = 0;
  let answered = 0;
  let keys = 0;
  while ((await page.locator('#check-summary').count()) === 0) {
    const wasOpen = await help.evaluate((d) => d.hasAttribute('open'));
    await page.getByText('How to fix a rejected file').click();
    clicks++;
    if ((await help.evaluate((d) => d.hasAttribute('open'))) !== wasOpen) answered++;
    await page.getByLabel('Typing while the file is checked').press('a');
    keys++;
    await page.waitForTimeout(200);
  }
  return { clicks, answered, keys };
}

async function browserCheck(page: Page, file: string): Promise<{ run: BrowserRun; issues: PageIssues }> {
  await page.reload();
  await page.locator('#who').filter({ hasText: 'Riverside' }).waitFor();
  await page.evaluate(PAGE_PROBE);
  await page.getByLabel('Dataset').selectOption('workforce');
  await page.getByLabel('Period').selectOption(PERIOD);
  await page.getByLabel('CSV file').setInputFiles(file);
  const { clicks, answered, keys } = await interact(page);
  await page.locator('#check-summary').waitFor({ timeout: 600_000 });
  const b = await page.evaluate<ProbeReadings>('window.bench');
  const gaps = b.frames.slice(1).map((at, i) => at - b.frames[i]!);
  const run: BrowserRun = {
    secondsToSummary: Number(((b.summaryAt - b.changeAt) / 1000).toFixed(2)),
    frames: b.frames.length,
    longestFrameGapMs: Math.round(Math.max(0, ...gaps)),
    longTasks: b.longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...b.longTasks)),
    clicks,
    clicksAnswered: answered,
    longestClickWaitMs: Math.round(Math.max(0, ...b.clickWaits)),
    keys,
    typed: await page.getByLabel('Typing while the file is checked').inputValue(),
    longestKeyWaitMs: Math.round(Math.max(0, ...b.keyWaits)),
  };
  return { run, issues: await pageIssues(page) };
}

interface PageIssues {
  readonly summary: string;
  readonly counts: Record<string, number>;
  readonly listed: Record<string, string[][]>;
}

/** The issues as the page shows them: each group's code and count, and every listed row. */
async function pageIssues(page: Page): Promise<PageIssues> {
  const summary = (await page.locator('#check-summary').textContent()) ?? '';
  const groups = await page.locator('#check .issue-group').evaluateAll((sections) =>
    sections.map((s) => ({
      code: s.getAttribute('data-code')!,
      count: Number(/\(([\d,]+) times?\)/.exec(s.querySelector('h4')!.textContent)![1]!.replace(/,/g, '')),
      rows: [...s.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent!),
      ),
    })),
  );
  return {
    summary,
    counts: Object.fromEntries(groups.map((g) => [g.code, g.count])),
    listed: Object.fromEntries(groups.map((g) => [g.code, g.rows])),
  };
}

/** The same view of the command line's report, for comparison. */
function cliIssues(report: ValidationReport): Omit<PageIssues, 'summary'> {
  const listed: Record<string, string[][]> = {};
  for (const issue of [...report.errors, ...report.warnings]) {
    (listed[issue.code] ??= []).push([
      issue.row === null ? 'file' : String(issue.row),
      issue.column ?? '',
      issue.value ?? '',
      issue.message,
    ]);
  }
  const counts = Object.fromEntries(Object.entries(report.issueCounts).filter(([, n]) => (n ?? 0) > 0)) as Record<
    string,
    number
  >;
  return { counts, listed };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedKeys = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/**
 * The generated file with mistakes a partner makes, spread through it: a misspelt code every 997th
 * row, an FTE written with a comma every 1,999th, a staff reference repeated every 4,999th. Derived
 * line by line, so the same every time.
 */
async function brokenCopy(): Promise<string> {
  const broken = FILE.replace(/\.csv$/, '-broken.csv');
  if (existsSync(broken)) return broken;
  const out = createWriteStream(broken);
  let row = 0;
  let previousRef = '';
  for await (const line of createInterface({ input: createReadStream(FILE), crlfDelay: Infinity })) {
    const cells = line.split(',');
    if (row > 0 && cells.length > 8) {
      if (row % 997 === 0) cells[1] = 'socail_care';
      if (row % 1999 === 0) cells[8] = `"${cells[8]!.replace('.', ',')}"`;
      if (row % 4999 === 0) cells[0] = previousRef;
      previousRef = cells[0]!;
    }
    row++;
    if (!out.write(`${cells.join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return broken;
}

interface Measured {
  readonly file: string;
  readonly cliSeconds: number[];
  readonly page: BrowserRun[];
  readonly issueCounts: Record<string, number>;
  readonly status: string;
  readonly mismatches: string[];
}

/** Checks one file REPEATS times each way. */
async function measureFile(page: Page, file: string): Promise<Measured> {
  const cliRuns = Array.from({ length: REPEATS }, () => cliCheck(file));
  const cli = cliRuns[0]!.report;
  const expected = cliIssues(cli);
  const runs: BrowserRun[] = [];
  const mismatches: string[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const { run, issues } = await browserCheck(page, file);
    runs.push(run);
    if (!sameJson(sortedKeys(issues.counts), sortedKeys(expected.counts)))
      mismatches.push(`run ${i + 1}: counts ${JSON.stringify(issues.counts)} ≠ ${JSON.stringify(expected.counts)}`);
    if (!sameJson(sortedKeys(issues.listed), sortedKeys(expected.listed)))
      mismatches.push(`run ${i + 1}: the listed issues differ from the command line's`);
    if (!issues.summary.startsWith(`Rows read ${cli.rows.read.toLocaleString('en-GB')} `))
      mismatches.push(`run ${i + 1}: summary '${issues.summary}' does not read ${cli.rows.read} rows`);
    if (i === 0) {
      mkdirSync('out', { recursive: true });
      const name = basename(file, '.csv');
      await page.screenshot({ path: join('out', `portal-check-${name}.png`), fullPage: true });
    }
  }
  return {
    file,
    cliSeconds: cliRuns.map((r) => Number(r.seconds.toFixed(2))),
    page: runs,
    issueCounts: expected.counts,
    status: cli.status,
    mismatches,
  };
}

const files = [FILE, await brokenCopy()];
cliCheck(FILE); // the command builds itself first when a source is newer than its build
const dataDir = mkdtempSync(join(tmpdir(), 'portal-bench-'));
const service = await serve(dataDir);
const invite = workforce('invite', PARTNER, '--data', dataDir, '--config', CONFIG);
const link = execFileSync(invite[0]!, invite.slice(1), { encoding: 'utf8' }).trim().split('\n').at(-1)!;
const browser = await launchChromium();
const chromiumVersion = browser.version();
const measured: Measured[] = [];
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  // tsx keeps function names with a helper the page does not have; the functions sent to it need it.
  await context.addInitScript('globalThis.__name = (f) => f;');
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('#who').filter({ hasText: 'Riverside' }).waitFor();
  for (const file of files) measured.push(await measureFile(page, file));
} finally {
  await browser.close();
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const best = (xs: number[]) => Math.min(...xs);
const megabytes = (file: string) => Number((statSync(file).size / 1024 / 1024).toFixed(1));
console.log(`\n${ROWS.toLocaleString('en-GB')}-row workforce files, best of ${REPEATS}:`);
console.table(
  measured.map((m) => ({
    file: basename(m.file),
    MB: megabytes(m.file),
    outcome: m.status,
    'portal s (file chosen → summary)': best(m.page.map((r) => r.secondsToSummary)),
    'workforce validate s (start → exit)': best(m.cliSeconds),
    issues: Object.entries(m.issueCounts)
      .map(([code, n]) => `${code} ${n}`)
      .join(', '),
  })),
);
for (const m of measured) {
  console.log(`\nThe page while it checked ${basename(m.file)}, each run:`);
  console.table(m.page);
  console.log(
    m.mismatches.length
      ? `MISMATCH:\n  ${m.mismatches.join('\n  ')}`
      : 'The page reported the same issues as the command line: codes, counts and every listed row.',
  );
}

mkdirSync(RESULTS, { recursive: true });
const record = {
  when: new Date().toISOString(),
  node: process.version,
  chromium: chromiumVersion,
  cpu: cpus()[0]?.model,
  cpus: cpus().length,
  load: loadavg().map((l) => Number(l.toFixed(2))),
  rows: ROWS,
  repeats: REPEATS,
  files: measured.map((m) => ({ ...m, megabytes: megabytes(m.file), sameIssuesAsCli: m.mismatches.length === 0 })),
};
writeFileSync(join(RESULTS, 'portal-check.json'), `${JSON.stringify(record, null, 2)}\n`);
console.log(`Written to ${join(RESULTS, 'portal-check.json')}`);
if (measured.some((m) => m.mismatches.length)) process.exitCode = 1;
