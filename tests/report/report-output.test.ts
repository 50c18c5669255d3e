import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLocalPipeline } from '../../functions/local/local-pipeline.ts';
import { writeLocalReport } from '../../functions/local/local-report.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { PublishedReport } from '../../transforms/report/model.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const CHROMIUM = '/usr/bin/chromium';

// The page's globals, as the browser code of the layout test uses them (the tests compile without the DOM library).
declare const window: { readonly innerWidth: number };
declare const document: { readonly documentElement: { readonly scrollWidth: number } };
declare function getComputedStyle(element: unknown): { readonly overflowX: string; readonly fontSize: string };

const isSmallCount = (value: unknown) =>
  typeof value === 'number' && value >= 1 && value <= CONFIG.suppressionThreshold - 1;
const isSmallText = (text: string) => /^[1-4]$/.test(text.trim().replaceAll(',', ''));

describe('The needs-analysis report of the sample Trust', () => {
  let out: string;
  let lakeDir: string;
  let folder: string;
  let report: PublishedReport;
  let html: string;

  beforeAll(async () => {
    out = temporaryFolder();
    const run = await runLocalPipeline({ landingDir: 'sample-data/landing', config: CONFIG, outDir: out });
    lakeDir = run.lakeDir;
    const written = await writeLocalReport({ lakeDir: run.lakeDir, config: CONFIG, reportsDir: join(out, 'reports') });
    folder = join(out, 'reports', written.report.period);
    report = JSON.parse(readFileSync(join(folder, 'needs-analysis.json'), 'utf8'));
    html = readFileSync(join(folder, 'needs-analysis.html'), 'utf8');
  });

  it('has the eight sections, in order', () => {
    expect(report.sections.map((s) => s.title)).toEqual([
      'Headline figures',
      'The workforce by type, number and setting',
      'Recruitment, retention and replacement pressures',
      'Looking forward: the recruitment needed',
      'Diversity against the community',
      'Progress against the baseline',
      'Coverage and data quality',
      'Methodology',
    ]);
    expect(html.match(/<h2 id=/g)).toHaveLength(8);
    expect(report).toMatchObject({ period: '2026-09-30', previousPeriod: '2025-09-30', baselinePeriod: '2024-09-30' });
  });

  it('opens with three to six messages, each about a change or comparison marked better, worse or no real change', () => {
    const messages = report.sections.find((s) => s.id === 'headline')?.findings ?? [];
    expect(messages.length).toBeGreaterThanOrEqual(3);
    expect(messages.length).toBeLessThanOrEqual(6);
    expect(messages.slice(1).every((m) => ['better', 'worse', 'no real change'].includes(String(m.trend)))).toBe(true);
    expect(html).toMatch(
      /<li class="trend-(better|worse|no-real-change)"><span class="trend">(Better|Worse|No real change)<\/span>/,
    );
  });

  it('sets the social workers beside England, looks forward to the recruitment needed, and compares every dimension with the community', () => {
    const tables = new Map(report.sections.flatMap((s) => s.blocks.map((b) => [b.table.id, b.table] as const)));
    const england = tables.get('social-work-england');
    expect(england?.rows.map((r) => r.who)).toEqual([
      expect.stringMatching(/^The Trust, 30 September 2026$/),
      'England, 30 September 2025',
    ]);
    expect(england?.caption).toMatch(/not yet published; those shown are the latest, for 30 September 2025/);
    for (const id of ['need-by-sector', 'need-by-role']) {
      expect(tables.get(id)?.rows.length, id).toBeGreaterThan(3);
      expect(readFileSync(join(folder, `${id}.csv`), 'utf8')).toMatch(
        /Need next year \(FTE\),Need: from,Need: to,Recruited last year \(FTE\)/,
      );
    }
    for (const dimension of ['ethnic-group', 'ethnicity', 'sex', 'age-band', 'disability']) {
      const table = tables.get(`diversity-${dimension}`);
      expect(
        table?.rows.some((r) => typeof r.community_share === 'number'),
        dimension,
      ).toBe(true);
    }
    expect(tables.get('diversity-sex')?.caption).toMatch(/residents aged 16 to 64/i);
    expect(tables.get('diversity-disability')?.caption).toMatch(/residents of all ages/i);
    expect(html).toContain('Looking forward: the recruitment needed');
  });

  it('writes CSVs Excel reads as UTF-8, with a header unique in each', () => {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.csv'))) {
      const text = readFileSync(join(folder, file), 'utf8');
      expect(text.startsWith('\uFEFF'), file).toBe(true);
      const header = Papa.parse<string[]>(text.slice(1).split('\r\n')[0] as string).data[0] as string[];
      expect(new Set(header).size, file).toBe(header.length);
    }
  });

  it('names the roles under most pressure and the groups under-represented, in words', () => {
    const pressures = report.sections.find((s) => s.id === 'pressures')?.findings.map((f) => f.text) ?? [];
    const diversity = report.sections.find((s) => s.id === 'diversity')?.findings.map((f) => f.text) ?? [];

    expect(pressures.some((f) => f.startsWith('Social worker: vacancy rate'))).toBe(true);
    expect(diversity.some((f) => f.startsWith('Asian, Asian British or Asian Welsh (ethnic group)'))).toBe(true);
  });

  it('draws at least four charts as SVG, each with its numbers in a table with it and a text alternative', () => {
    const figures =
      html.match(
        /<div class="block( pair)?"><figure class="chart"[\s\S]*?<\/figure><div class="numbers"[^>]*><table/g,
      ) ?? [];

    expect(figures.length).toBeGreaterThanOrEqual(5);
    expect(html.match(/<svg role="img" aria-label="[^"]{20,}"/g)?.length).toBe(figures.length);
    expect(html).not.toMatch(/<script/i);
  });

  it('never shows a count from 1 to 4 in a breakdown of the JSON', () => {
    for (const section of report.sections) {
      for (const { table } of section.blocks) {
        for (const column of table.columns.filter((c) => c.kind === 'count')) {
          for (const row of table.rows) expect(isSmallCount(row[column.key]), `${table.id}.${column.key}`).toBe(false);
        }
      }
    }
    const marks = new Set(
      report.sections
        .flatMap((s) => s.blocks.flatMap((b) => b.table.rows.flatMap((row) => Object.values(row))))
        .filter((v) => typeof v === 'string' && /^(<\d+|c|\[c\])$/.test(v)),
    );
    // One mark for every withheld figure: a reader cannot tell a small count from one withheld to protect it.
    expect([...marks]).toEqual(['[c]']);
  });

  it('never shows a count from 1 to 4 in any CSV extract', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const table = report.sections.flatMap((s) => s.blocks.map((b) => b.table)).find((t) => `${t.id}.csv` === file);
      const counts = new Set(table?.columns.filter((c) => c.kind === 'count').map((c) => c.label));
      const { data } = Papa.parse<Record<string, string>>(readFileSync(join(folder, file), 'utf8').trim(), {
        header: true,
      });
      for (const row of data)
        for (const [header, value] of Object.entries(row))
          if (counts.has(header)) expect(isSmallText(value), `${file} ${header}`).toBe(false);
    }
  });

  it('never shows a count from 1 to 4 in a table of the HTML', () => {
    for (const section of report.sections) {
      for (const { table } of section.blocks) {
        if (table.id === 'headline') continue; // periods as rows, turned round: its counts are Trust totals, checked in the JSON
        const body = html.match(new RegExp(`<table id="table-${table.id}">[\\s\\S]*?</table>`))?.[0] ?? '';
        const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
          .slice(1)
          .map((r) => [...(r[1] as string).matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1] as string));
        table.columns
          .filter((c) => !c.hidden)
          .forEach((column, i) => {
            if (column.kind !== 'count') return;
            for (const cells of rows)
              expect(isSmallText(cells[i] ?? ''), `${table.id} ${column.label}: ${cells[i]}`).toBe(false);
          });
      }
    }
  });

  it.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')(
    'shows in a real browser with no console errors and every chart drawn',
    async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const problems: string[] = [];
        page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
        page.on('pageerror', (error) => problems.push(error.message));
        await page.goto(`file://${resolve(folder, 'needs-analysis.html')}`);
        const charts = await page
          .locator('figure.chart svg')
          .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((box) => box.width * box.height));
        mkdirSync('out', { recursive: true });
        await page.screenshot({ path: join('out', 'report-screenshot.png'), fullPage: true });
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ format: 'A4' });

        expect(problems).toEqual([]);
        expect(charts.length).toBeGreaterThanOrEqual(5);
        expect(charts.every((area) => area > 10_000)).toBe(true);
        expect(await page.locator('h2').count()).toBe(8);
        expect(pdf.length).toBeGreaterThan(50_000);
      } finally {
        await browser.close();
      }
    },
  );

  // A4 between 15 mm margins, in CSS pixels (96 per inch): 180 mm portrait, 267 mm landscape.
  const A4_CONTENT = { portrait: 680, landscape: 1009 };

  it.skipIf(!existsSync(CHROMIUM) && process.env.CI !== 'true')(
    'shows every table whole, on a 1280 px screen, a 390 px phone and A4 paper, for every period; charts at 9 pt or more',
    async () => {
      const periods = ['2024-09-30', '2025-09-30', report.period];
      for (const period of periods.slice(0, -1)) {
        await writeLocalReport({ lakeDir, config: CONFIG, reportsDir: join(out, 'reports'), period });
      }
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
      });
      try {
        const page = await browser.newPage();
        const shots = join('out', 'screenshots');
        mkdirSync(shots, { recursive: true });
        for (const period of periods) {
          await page.goto(`file://${resolve(out, 'reports', period, 'needs-analysis.html')}`);
          // On screen: the page never scrolls sideways; a table too wide scrolls in its own box.
          for (const width of [1280, 390]) {
            await page.emulateMedia({ media: 'screen' });
            await page.setViewportSize({ width, height: 900 });
            const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(sideways, `${period} at ${width} px scrolls sideways by ${sideways} px`).toBeLessThanOrEqual(0);
            const unreachable = await page.locator('table').evaluateAll((tables) =>
              tables
                .filter((t) => {
                  const box = t.closest('.numbers');
                  const boxScrolls = box !== null && getComputedStyle(box).overflowX === 'auto';
                  return t.getBoundingClientRect().right > window.innerWidth + 1 && !boxScrolls;
                })
                .map((t) => t.id),
            );
            expect(unreachable, `${period} at ${width} px`).toEqual([]);
            if (period === report.period && width === 1280) {
              await page.screenshot({ path: join(shots, 'screen-first-page.png') });
              await page
                .locator('section[aria-labelledby="diversity"]')
                .screenshot({ path: join(shots, 'screen-diversity.png') });
              await page
                .locator('section[aria-labelledby="recruitment-need"]')
                .screenshot({ path: join(shots, 'screen-recruitment-need.png') });
            }
          }
          // Printed on A4: nothing wider than its page, portrait or (a section marked wide) landscape.
          await page.emulateMedia({ media: 'print' });
          for (const [orientation, width] of Object.entries(A4_CONTENT)) {
            await page.setViewportSize({ width, height: 1200 });
            const overflowing = await page
              .locator('main > section')
              .evaluateAll(
                (sections, wanted) =>
                  sections
                    .filter((section) => section.classList.contains('wide') === (wanted === 'landscape'))
                    .flatMap((section) =>
                      [...section.querySelectorAll('table, figure, svg')]
                        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
                        .map(
                          (el) =>
                            `${section.getAttribute('aria-labelledby')}: ${el.tagName.toLowerCase()}#${el.closest('[id]')?.id ?? ''} ${Math.round(el.getBoundingClientRect().right)} px`,
                        ),
                    ),
                orientation,
              );
            expect(overflowing, `${period} printed ${orientation}`).toEqual([]);
            if (period === report.period && orientation === 'portrait') {
              await page.screenshot({ path: join(shots, 'a4-first-page.png') });
              await page
                .locator('section[aria-labelledby="recruitment-need"]')
                .screenshot({ path: join(shots, 'a4-recruitment-need.png') });
            }
            if (period === report.period && orientation === 'landscape') {
              await page
                .locator('section[aria-labelledby="diversity"]')
                .screenshot({ path: join(shots, 'a4-diversity.png') });
            }
          }
          // Chart text printed: its font size times the drawing's scale, at least 12 px (9 pt); no label cut short.
          await page.setViewportSize({ width: A4_CONTENT.portrait, height: 1200 });
          const smallest = await page.locator('figure.chart svg').evaluateAll((svgs) =>
            Math.min(
              ...svgs.flatMap((svg) => {
                const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
                return [...svg.querySelectorAll('text')].map(
                  (text) => parseFloat(getComputedStyle(text).fontSize) * scale,
                );
              }),
            ),
          );
          expect(smallest, `${period}: smallest chart text in px`).toBeGreaterThanOrEqual(12);
          const cut = await page
            .locator('figure.chart svg text')
            .evaluateAll((texts) => texts.map((t) => t.textContent ?? '').filter((t) => t.includes('…')));
          expect(cut, period).toEqual([]);
          const pastEdge = await page.locator('figure.chart svg').evaluateAll((svgs) =>
            svgs.flatMap((svg) => {
              const edge = svg.getBoundingClientRect().right;
              return [...svg.querySelectorAll('text')]
                .filter((text) => text.getBoundingClientRect().right > edge + 1)
                .map((text) => text.textContent ?? '');
            }),
          );
          expect(pastEdge, `${period}: chart text running past the chart's edge`).toEqual([]);
          expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(50_000);
        }
      } finally {
        await browser.close();
      }
    },
  );
});
