import { csvLine } from '../output/csv.ts';
import { escapeHtml as escape } from '../output/html.ts';
import { renderChart } from './charts.ts';
import type { Finding, PublishedReport, Trend } from './model.ts';
import { precisionOf, WITHHELD } from '../disclosure/tables.ts';
import { humanDate } from './dates.ts';
import type { CellValue, PublishedTable, ReportColumn } from './report-table.ts';
import { REPORT_STYLE } from './style.ts';

/** The report's files: the HTML page, the model as JSON, and a CSV extract of every table. */
export async function renderReport(report: PublishedReport): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set('needs-analysis.html', await renderHtml(report));
  files.set('needs-analysis.json', `${JSON.stringify(report, null, 2)}\n`);
  for (const section of report.sections) {
    for (const { table } of section.blocks) files.set(`${table.id}.csv`, tableCsv(table));
  }
  return files;
}

/** The columns a reader sees: not the hidden counts a shown rate rests on. */
export const shownColumns = (table: PublishedTable): ReportColumn[] => table.columns.filter((c) => !c.hidden);

/**
 * A table as CSV, numbers at the precision the report publishes them (no % sign, no separators),
 * with a byte-order mark so that Excel reads it as UTF-8.
 */
export function tableCsv(table: PublishedTable): string {
  const value = (cell: CellValue | undefined, column: ReportColumn) => {
    if (typeof cell !== 'number') return cell ?? '';
    return column.kind === 'label' ? cell : cell.toFixed(precisionOf(column));
  };
  const columns = shownColumns(table);
  return `\ufeff${[csvLine(columns.map((c) => c.label)), ...table.rows.map((row) => csvLine(columns.map((c) => value(row[c.key], c))))].join('\r\n')}\r\n`;
}

export function formatCell(value: CellValue | undefined, column: Pick<ReportColumn, 'format'>): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  switch (column.format) {
    case 'integer':
      return Math.round(value).toLocaleString('en-GB');
    case 'decimal':
      return value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'ratio':
      return value.toFixed(2);
    default:
      return String(value);
  }
}

function tableHtml(table: PublishedTable): string {
  const numeric = (c: ReportColumn) => c.kind !== 'label';
  const columns = shownColumns(table);
  const head = columns
    .map((c) => `<th scope="col"${numeric(c) ? ' class="num"' : ''}>${escape(c.label)}</th>`)
    .join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${columns.map((c, i) => (i === 0 ? `<th scope="row">${escape(c.key === 'period' ? humanDate(String(row[c.key])) : formatCell(row[c.key], c))}</th>` : `<td${numeric(c) ? ' class="num"' : ''}>${escape(formatCell(row[c.key], c))}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="table-${table.id}"><caption><strong>${escape(table.title)}.</strong> ${escape(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The headline table turned round: one row a measure, one column a period, then the changes. */
function headlineHtml(table: PublishedTable, report: PublishedReport): string {
  const periods = table.rows.map((row) => String(row.period));
  // Rates change in percentage points; counts and FTEs in per cent of the earlier figure.
  const change = (now: CellValue | undefined, then: CellValue | undefined, column: ReportColumn) => {
    if (typeof now !== 'number' || typeof then !== 'number')
      return typeof now === 'string' || typeof then === 'string' ? WITHHELD : '–';
    const difference = column.format === 'percent' ? now - then : then === 0 ? Number.NaN : ((now - then) / then) * 100;
    if (Number.isNaN(difference)) return '–';
    const sign = difference > 0.05 ? '+' : difference < -0.05 ? '−' : '';
    return `${sign}${Math.abs(difference).toFixed(1)}${column.format === 'percent' ? ' pts' : '%'}`;
  };
  const nowRow = table.rows.find((row) => row.period === report.period);
  // Where the previous period is the baseline, one column says both.
  const sameBase = report.previousPeriod !== null && report.previousPeriod === report.baselinePeriod;
  const comparisons = [
    ...(report.previousPeriod
      ? [
          {
            label: `Change since ${humanDate(report.previousPeriod)}${sameBase ? ' (the baseline)' : ''}`,
            row: table.rows.find((row) => row.period === report.previousPeriod),
          },
        ]
      : []),
    ...(report.baselinePeriod && !sameBase
      ? [
          {
            label: `Change since baseline ${humanDate(report.baselinePeriod)}`,
            row: table.rows.find((row) => row.period === report.baselinePeriod),
          },
        ]
      : []),
  ];
  const measures = shownColumns(table).filter((c) => c.key !== 'period');
  const head = `<th scope="col">Measure</th>${periods.map((p) => `<th scope="col" class="num">${escape(humanDate(p))}</th>`).join('')}${comparisons.map((c) => `<th scope="col" class="num">${escape(c.label)}</th>`).join('')}`;
  const body = measures
    .map(
      (c) =>
        `<tr><th scope="row">${escape(c.label)}</th>${table.rows.map((row) => `<td class="num">${escape(formatCell(row[c.key], c))}</td>`).join('')}${comparisons.map((cmp) => `<td class="num">${escape(change(nowRow?.[c.key], cmp.row?.[c.key], c))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table id="table-${table.id}"><caption><strong>${escape(table.title)}.</strong> ${escape(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const TREND_WORDS: Record<Trend, string> = { better: 'Better', worse: 'Worse', 'no real change': 'No real change' };

/** A finding, with its mark where it has one: in words as well as colour. */
function findingHtml(finding: Finding): string {
  if (!finding.trend) return `<li>${escape(finding.text)}</li>`;
  const kind = finding.trend.replaceAll(' ', '-');
  return `<li class="trend-${kind}"><span class="trend">${TREND_WORDS[finding.trend]}</span> ${escape(finding.text)}</li>`;
}

async function renderHtml(report: PublishedReport): Promise<string> {
  const sections: string[] = [];
  let chartNumber = 0;
  for (const [index, section] of report.sections.entries()) {
    const parts: string[] = [`<h2 id="${section.id}">${index + 1}. ${escape(section.title)}</h2>`];
    if (section.findings.length) parts.push(`<ul class="findings">${section.findings.map(findingHtml).join('')}</ul>`);
    for (const block of section.blocks) {
      const table = block.table.id === 'headline' ? headlineHtml(block.table, report) : tableHtml(block.table);
      if (block.chart) {
        chartNumber++;
        const svg = await renderChart(block.chart, block.table);
        parts.push(
          `<div class="pair"><figure class="chart" id="chart-${block.table.id}">${svg}<figcaption>Chart ${chartNumber}: ${escape(block.chart.title)}. The numbers are in the table beside it.</figcaption></figure><div class="numbers">${table}</div></div>`,
        );
      } else {
        parts.push(`<div class="numbers">${table}</div>`);
      }
    }
    if (section.notes)
      parts.push(
        `<dl class="notes">${section.notes.map((n) => `<dt>${escape(n.term)}</dt><dd>${escape(n.text)}</dd>`).join('')}</dl>`,
      );
    sections.push(`<section aria-labelledby="${section.id}">\n${parts.join('\n')}\n</section>`);
  }
  const contents = report.sections
    .map((s, i) => `<li><a href="#${s.id}">${i + 1}. ${escape(s.title)}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(report.trust)}: workforce needs analysis, ${escape(humanDate(report.period))}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<p class="kicker">${escape(report.trust)}</p>
<h1>Children's workforce needs analysis: ${escape(humanDate(report.period))}</h1>
<p class="meta">Period ${escape(humanDate(report.period))}${report.previousPeriod ? ` · previous period ${escape(humanDate(report.previousPeriod))}` : ''}${report.baselinePeriod ? ` · baseline ${escape(humanDate(report.baselinePeriod))}` : ''} · community ${escape(report.communityAreas.join(', '))} · produced ${escape(humanDate(report.generatedAt))}. ${WITHHELD} marks a figure withheld so that no one's details can be worked out: a count from 1 to ${report.suppressionThreshold - 1}, or a figure that would give one away (see Disclosure control).</p>
${report.notices.length ? `<div class="notices" role="note">${report.notices.map((n) => `<p>${escape(n)}</p>`).join('')}</div>` : ''}
<nav aria-label="Contents"><ol>${contents}</ol></nav>
</header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
