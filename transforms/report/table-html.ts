import { WITHHELD } from '../disclosure/tables.ts';
import { escapeHtml } from '../output/html.ts';
import { humanDate } from './dates.ts';
import type { PublishedReport } from './model.ts';
import type { CellValue, PublishedTable, ReportColumn } from './report-table.ts';

/** A table as HTML, with the number of columns it shows: what its layout is decided from. */
export interface TableHtml {
  readonly html: string;
  readonly columns: number;
}

/** The columns a reader sees: not the hidden counts a shown rate rests on. */
export const shownColumns = (table: PublishedTable): ReportColumn[] => table.columns.filter((c) => !c.hidden);

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

const numeric = (c: ReportColumn) => c.kind !== 'label';
const cell = (text: string, isNumber: boolean) => `<td${isNumber ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;

/** The table element: its caption (title and what it shows), its head, its rows (the first cell of each a row header). */
function tableElement(table: PublishedTable, head: string[], body: string[]): string {
  const caption = `<caption id="caption-${table.id}"><strong>${escapeHtml(table.title)}.</strong> ${escapeHtml(table.caption)}</caption>`;
  return `<table id="table-${table.id}">${caption}<thead><tr>${head.join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

export function tableHtml(table: PublishedTable): TableHtml {
  const columns = shownColumns(table);
  const head = columns.map((c) => `<th scope="col"${numeric(c) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`);
  const body = table.rows.map((row) => {
    const [first, ...rest] = columns;
    const label =
      first === undefined
        ? ''
        : first.key === 'period'
          ? humanDate(String(row[first.key]))
          : formatCell(row[first.key], first);
    return `<tr><th scope="row">${escapeHtml(label)}</th>${rest.map((c) => cell(formatCell(row[c.key], c), numeric(c))).join('')}</tr>`;
  });
  return { html: tableElement(table, head, body), columns: columns.length };
}

/** A change between two periods: rates in percentage points; counts and FTEs in per cent of the earlier figure. */
function change(now: CellValue | undefined, then: CellValue | undefined, column: ReportColumn): string {
  if (typeof now !== 'number' || typeof then !== 'number')
    return typeof now === 'string' || typeof then === 'string' ? WITHHELD : '–';
  const difference = column.format === 'percent' ? now - then : then === 0 ? Number.NaN : ((now - then) / then) * 100;
  if (Number.isNaN(difference)) return '–';
  const sign = difference > 0.05 ? '+' : difference < -0.05 ? '−' : '';
  return `${sign}${Math.abs(difference).toFixed(1)}${column.format === 'percent' ? ' pts' : '%'}`;
}

/** The headline table turned round: one row a measure, one column a period, then the changes. */
export function headlineHtml(table: PublishedTable, report: PublishedReport): TableHtml {
  const nowRow = table.rows.find((row) => row.period === report.period);
  const rowOf = (period: string) => table.rows.find((row) => row.period === period);
  // Where the previous period is the baseline, one column says both.
  const sameBase = report.previousPeriod !== null && report.previousPeriod === report.baselinePeriod;
  const comparisons = [
    ...(report.previousPeriod
      ? [
          {
            label: `Change since ${humanDate(report.previousPeriod)}${sameBase ? ' (the baseline)' : ''}`,
            row: rowOf(report.previousPeriod),
          },
        ]
      : []),
    ...(report.baselinePeriod && !sameBase
      ? [{ label: `Change since baseline ${humanDate(report.baselinePeriod)}`, row: rowOf(report.baselinePeriod) }]
      : []),
  ];
  const measures = shownColumns(table).filter((c) => c.key !== 'period');
  const head = [
    '<th scope="col">Measure</th>',
    ...table.rows.map((row) => `<th scope="col" class="num">${escapeHtml(humanDate(String(row.period)))}</th>`),
    ...comparisons.map((c) => `<th scope="col" class="num">${escapeHtml(c.label)}</th>`),
  ];
  const body = measures.map(
    (c) =>
      `<tr><th scope="row">${escapeHtml(c.label)}</th>${table.rows.map((row) => cell(formatCell(row[c.key], c), true)).join('')}${comparisons.map((cmp) => cell(change(nowRow?.[c.key], cmp.row?.[c.key], c), true)).join('')}</tr>`,
  );
  return { html: tableElement(table, head, body), columns: head.length };
}
