import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { PublishedReport } from '../../transforms/report/model.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { chartText, sidewaysScroll, tablesScrolled, unreachable, widerThanPage } from '../support/page-layout.ts';
import { CHROMIUM, launchChromium } from '../support/chromium.ts';
import { sampleTrust } from '../support/sample-trust-fixture.ts';
import { pageImage, pageWith, printedPages, printProblems } from '../support/printed-pdf.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
/** Chromium, and poppler to read back what it prints: without them the browser tests are skipped, except in CI. */
const BROWSER_TOOLS = [CHROMIUM, '/usr/bin/pdftotext', '/usr/bin/pdftoppm'].every((tool) => existsSync(tool));
/** The periods the sample Trust's partners have returns for, from the files they land. */
const SAMPLE_PERIODS = [
  ...new Set(
    readdirSync('sample-data/landing', { recursive: true })
      .map(String)
      .flatMap((file) => /\d{4}-\d{2}-\d{2}/.exec(file)?.[0] ?? []),
  ),
].sort();
/** The printable width of an A4 page between 15 mm margins, in CSS pixels (96 an inch): 180 mm and 267 mm. */
const A4_PRINTABLE_PX = { portrait: 680, landscape: 1009 } as const;

// The page's globals, as the browser code of the negative test uses them (the tests compile without the DOM library).
declare const document: {
  querySelector(selector: string): { insertAdjacentHTML(where: string, html: string): void } | null;
};

const isSmallCount = (value: unknown) =>
  typeof value === 'number' && value >= 1 && value <= CONFIG.suppressionThreshold - 1;
const isSmallText = (text: string) => /^[1-4]$/.test(text.trim().replaceAll(',', ''));

describe('The needs-analysis report of the sample Trust', () => {
  let out: string;
  /** The shared sample Trust's reports (read only); what this file prints goes to `out`. */
  let reportsDir: string;
  let folder: string;
  let report: PublishedReport;
  let html: string;

  beforeAll(async () => {
    out = temporaryFolder();
    ({ reportsDir } = await sampleTrust());
    folder = join(reportsDir, 'latest');
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
    // The words introducing the groups lead their list, unbulleted; each group is a bullet of its own.
    expect(html).toContain('<li class="lead">Under-represented groups, the priority areas for action:</li>');
    // One pair of brackets: a dimension's own bracketed note is left out of a finding.
    expect(diversity.filter((f) => /\([^)]*\(/.test(f))).toEqual([]);
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

  describe.skipIf(!BROWSER_TOOLS && process.env.CI !== 'true')('in a browser, on screen and printed on A4', () => {
    let browser: Browser;
    let page: Page;
    /** The height pdftotext gives a word per point of its font size, in this browser's fonts. */
    let heightPerPoint: number;
    const shots = join('out', 'screenshots');

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage();
      heightPerPoint = await measuredHeightPerPoint(page, out);
      mkdirSync(shots, { recursive: true });
    });
    afterAll(async () => browser?.close());

    const open = async (period: string, media: 'screen' | 'print', width: number) => {
      await page.emulateMedia({ media });
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`file://${resolve(reportsDir, period, 'needs-analysis.html')}`);
    };

    it('shows with no console errors and every chart drawn', async () => {
      const problems: string[] = [];
      const onConsole = (message: ConsoleMessage) => message.type() === 'error' && problems.push(message.text());
      const onError = (error: Error) => problems.push(error.message);
      page.on('console', onConsole);
      page.on('pageerror', onError);
      await open(report.period, 'screen', 1280);
      page.off('console', onConsole);
      page.off('pageerror', onError);
      const charts = await page
        .locator('figure.chart svg')
        .evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect()).map((box) => box.width * box.height));

      expect(problems).toEqual([]);
      expect(charts.length).toBeGreaterThanOrEqual(5);
      expect(charts.every((area) => area > 10_000)).toBe(true);
      expect(await page.locator('h2').count()).toBe(8);
    });

    it('holds the sample Trust to every period it has', () => {
      expect(SAMPLE_PERIODS).toEqual(['2024-09-30', '2025-09-30', report.period]);
    });

    it.for(SAMPLE_PERIODS)(
      '%s: every table whole on a 1280 px screen, every column in reach on a 390 px phone, the page never scrolling sideways',
      async (period) => {
        for (const width of [1280, 390]) {
          await open(period, 'screen', width);
          expect(await sidewaysScroll(page), `${period} at ${width} px: the page scrolls sideways`).toBeLessThanOrEqual(
            0,
          );
          expect(await unreachable(page), `${period} at ${width} px`).toEqual([]);
          // On a desktop screen every table shows whole, with no scrolling (beside its chart, or below it).
          if (width === 1280) expect(await tablesScrolled(page), `${period} at ${width} px`).toEqual([]);
          if (period === report.period) await screenShots(page, `screen-${width}`, shots);
        }
      },
    );

    it.for(SAMPLE_PERIODS)(
      '%s: printed on A4, nothing wider than its page, no text under 9 pt, no chart label cut',
      async (period) => {
        // Laid out for print at the width of each page's printable area: the element that would overflow, by name.
        for (const [orientation, width] of Object.entries(A4_PRINTABLE_PX) as ['portrait' | 'landscape', number][]) {
          await open(period, 'print', width);
          expect(await widerThanPage(page, orientation), `${period} printed ${orientation}`).toEqual([]);
        }
        await page.setViewportSize({ width: A4_PRINTABLE_PX.portrait, height: 900 });
        const text = await chartText(page);
        expect(text.smallestPx, `${period}: the smallest chart text, in px (12 px is 9 pt)`).toBeGreaterThanOrEqual(12);
        expect(text.cut, period).toEqual([]);
        // The PDF itself, as it prints: A4 pages, no text under 9 pt (a page too wide is shrunk), no ink in a margin.
        const pdf = join(out, `${period}.pdf`);
        await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
        expect(printProblems(pdf, heightPerPoint), period).toEqual([]);
        const pages = printedPages(pdf);
        expect(pages.length).toBeGreaterThan(10);
        // Each section marked wide starts on a landscape page; the rest on portrait ones.
        for (const [title, wide] of await sectionTitles(page)) {
          const first = pageWith(pages, title);
          expect(first, title).toBeDefined();
          expect((first?.width ?? 0) > (first?.height ?? 0), `${period}: ${title} landscape`).toBe(wide);
        }
        if (period === report.period) {
          for (const [name, phrase] of [
            ['a4-first-page', report.trust],
            ['a4-diversity', 'Diversity against the community'],
            ['a4-recruitment-need', 'Looking forward: the recruitment needed'],
          ] as const) {
            pageImage(pdf, pageWith(pages, phrase)?.number ?? 1, join(shots, `${name}.png`));
          }
        }
      },
    );

    it('fails a page with a table wider than its paper, or a chart label cut off', async () => {
      await open(report.period, 'print', A4_PRINTABLE_PX.portrait);
      await page.evaluate(() => {
        const wide = '<table id="too-wide" style="width:1400px"><tr><td>a</td><td>far right</td></tr></table>';
        const cut =
          '<figure class="chart" id="cut"><svg width="200" height="40"><text x="150" y="20">Cut label</text></svg></figure>';
        document.querySelector('main > section')?.insertAdjacentHTML('beforeend', wide + cut);
      });
      expect(await widerThanPage(page, 'portrait')).toEqual([
        expect.stringMatching(/^headline: table in #too-wide reaches 14\d\d px/),
      ]);
      expect((await chartText(page)).cut).toEqual(['cut: "Cut label"']);
      const pdf = join(out, 'too-wide.pdf');
      await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
      expect(printProblems(pdf, heightPerPoint).join('\n')).toMatch(/page 1: \d+ words under 9 pt/);
    });
  });
});

/** Each section's title as printed, and whether it is marked to print on landscape pages. */
const sectionTitles = (page: Page): Promise<[string, boolean][]> =>
  page
    .locator('main > section')
    .evaluateAll((sections) =>
      sections.map(
        (s) => [s.querySelector('h2')?.textContent ?? '', s.classList.contains('wide')] as [string, boolean],
      ),
    );

/** Screenshots of the first screenful, the diversity section and the recruitment-need section. */
async function screenShots(page: Page, prefix: string, folder: string): Promise<void> {
  await page.screenshot({ path: join(folder, `${prefix}-first-page.png`) });
  for (const id of ['diversity', 'recruitment-need']) {
    await page.locator(`section[aria-labelledby="${id}"]`).screenshot({ path: join(folder, `${prefix}-${id}.png`) });
  }
}

/** pdftotext's height of a word per point of its font size: 10 pt Arial printed by the same browser, measured. */
async function measuredHeightPerPoint(page: Page, folder: string): Promise<number> {
  await page.setContent('<p style="font: 10pt Arial, Helvetica, sans-serif; margin: 0">Calibration</p>');
  const pdf = join(folder, 'calibration.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  const word = printedPages(pdf)[0]?.words[0];
  if (!word) throw new Error('the calibration page printed no word');
  return (word.yMax - word.yMin) / 10;
}
