import { renderChart } from './charts.ts';
import type { Finding, PublishedReport, PublishedSection, SectionBlock, Trend } from './model.ts';
import type { PublishedTable } from './report-table.ts';
import { escapeHtml } from '../output/html.ts';
import { headlineHtml, tableHtml } from './table-html.ts';

/**
 * A table with more columns than this does not fit an A4 portrait page (680 px between 15 mm
 * margins) at 10 pt: its section is printed on A4 landscape pages (the `wide` named page).
 */
export const PORTRAIT_COLUMNS = 8;
/** A table with at most this many columns may sit beside its chart on a screen wide enough; wider ones get the full width. */
export const BESIDE_CHART_COLUMNS = 5;

const TREND_WORDS: Record<Trend, string> = { better: 'Better', worse: 'Worse', 'no real change': 'No real change' };

/** A finding, with its mark where it has one: in words as well as colour. */
function findingHtml(finding: Finding): string {
  // Words that introduce the findings after them ("…, the priority areas for action:") lead the list, unbulleted.
  if (!finding.trend && finding.text.endsWith(':')) return `<li class="lead">${escapeHtml(finding.text)}</li>`;
  if (!finding.trend) return `<li>${escapeHtml(finding.text)}</li>`;
  const kind = finding.trend.replaceAll(' ', '-');
  return `<li class="trend-${kind}"><span class="trend">${TREND_WORDS[finding.trend]}</span> ${escapeHtml(finding.text)}</li>`;
}

interface BlockHtml {
  readonly html: string;
  /** Whether it needs a landscape page. */
  readonly wide: boolean;
}

/**
 * A table, and its chart above it: side by side only where the table is narrow and the screen
 * wide (the chart keeps its drawn size, never shrunk); a table scrolls in its own box, never the page.
 */
async function blockHtml(
  block: SectionBlock<PublishedTable>,
  report: PublishedReport,
  chartNumber: number,
): Promise<BlockHtml> {
  const table = block.table.id === 'headline' ? headlineHtml(block.table, report) : tableHtml(block.table);
  const wide = table.columns > PORTRAIT_COLUMNS;
  const numbers = `<div class="numbers" role="region" tabindex="0" aria-labelledby="caption-${block.table.id}">${table.html}</div>`;
  if (!block.chart) return { html: `<div class="block">${numbers}</div>`, wide };
  const svg = await renderChart(block.chart, block.table);
  const beside = table.columns <= BESIDE_CHART_COLUMNS;
  const caption = `<figcaption>Chart ${chartNumber}: ${escapeHtml(block.chart.title)}. Its figures are in the table ${beside ? 'with it' : 'below it'}.</figcaption>`;
  const figure = `<figure class="chart" id="chart-${block.table.id}">${caption}<div class="drawing">${svg}</div></figure>`;
  return { html: `<div class="block${beside ? ' pair' : ''}">${figure}${numbers}</div>`, wide };
}

/** A section: on landscape pages when printed if any of its tables needs them (its first page starts a new sheet anyway). */
export async function sectionHtml(
  section: PublishedSection,
  index: number,
  report: PublishedReport,
  chartsBefore: number,
): Promise<string> {
  const parts: string[] = [`<h2 id="${section.id}">${index + 1}. ${escapeHtml(section.title)}</h2>`];
  if (section.findings.length) parts.push(`<ul class="findings">${section.findings.map(findingHtml).join('')}</ul>`);
  let charts = chartsBefore;
  let wide = false;
  for (const block of section.blocks) {
    if (block.chart) charts++;
    const rendered = await blockHtml(block, report, charts);
    wide ||= rendered.wide;
    parts.push(rendered.html);
  }
  if (section.notes) {
    parts.push(
      `<dl class="notes">${section.notes.map((n) => `<dt>${escapeHtml(n.term)}</dt><dd>${escapeHtml(n.text)}</dd>`).join('')}</dl>`,
    );
  }
  return `<section aria-labelledby="${section.id}"${wide ? ' class="wide"' : ''}>\n${parts.join('\n')}\n</section>`;
}
