import { csvLine } from '../output/csv.ts';
import { precisionOf, WITHHELD } from '../disclosure/tables.ts';
import { humanDate } from './dates.ts';
import { sectionHtml } from './layout.ts';
import type { PublishedReport } from './model.ts';
import type { CellValue, PublishedTable, ReportColumn } from './report-table.ts';
import { REPORT_STYLE } from './style.ts';
import { escapeHtml as escape } from '../output/html.ts';
import { shownColumns } from './table-html.ts';

export { formatCell, shownColumns } from './table-html.ts';

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

async function renderHtml(report: PublishedReport): Promise<string> {
  const sections: string[] = [];
  let charts = 0;
  for (const [index, section] of report.sections.entries()) {
    sections.push(await sectionHtml(section, index, report, charts));
    charts += section.blocks.filter((block) => block.chart).length;
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
<h1>Children's workforce needs analysis: <span class="date">${escape(humanDate(report.period))}</span></h1>
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
