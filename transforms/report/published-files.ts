import Papa from 'papaparse';
import type { DisclosureTable } from '../disclosure/tables.ts';
import { unescapeHtml } from '../output/html.ts';
import type { PublishedTable } from './report-table.ts';
import { formatCell, shownColumns, tableCsv } from './render.ts';

/**
 * A published report read back from its files, as an attacker holding them would: the tables of
 * needs-analysis.json (with what each figure means), and a check that the HTML page and every
 * CSV say exactly what the JSON says, so that auditing the JSON audits them all.
 */
export interface PublishedFiles {
  readonly json: string;
  readonly html?: string;
  /** CSV text by table id. */
  readonly csv: ReadonlyMap<string, string>;
}

interface PublishedJson {
  readonly period: string;
  readonly suppressionThreshold: number;
  readonly sections: readonly { readonly blocks: readonly { readonly table: PublishedTable }[] }[];
}

export interface ReadReport {
  readonly period: string;
  readonly threshold: number;
  readonly tables: readonly DisclosureTable[];
  /** Where an output differs from the JSON: each a sentence. */
  readonly disagreements: readonly string[];
}

export function readPublishedReport(files: PublishedFiles): ReadReport {
  const report = JSON.parse(files.json) as PublishedJson;
  const tables = report.sections.flatMap((section) => section.blocks.map((block) => block.table));
  const disagreements: string[] = [];
  for (const table of tables) {
    const csv = files.csv.get(table.id);
    if (csv === undefined) disagreements.push(`${table.id}.csv is missing.`);
    else if (!sameCsv(csv, tableCsv(table))) disagreements.push(`${table.id}.csv differs from the JSON.`);
    if (files.html !== undefined) disagreements.push(...htmlDisagreements(files.html, table));
  }
  return { period: report.period, threshold: report.suppressionThreshold, tables, disagreements };
}

function sameCsv(actual: string, expected: string): boolean {
  const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  return JSON.stringify(parse(actual)) === JSON.stringify(parse(expected));
}

const decode = unescapeHtml;

/** The cells of the HTML table of this id (headline tables are turned round: compared by column). */
function htmlDisagreements(html: string, table: PublishedTable): string[] {
  const start = html.indexOf(`<table id="table-${table.id}">`);
  if (start < 0) return [`The HTML page has no table ${table.id}.`];
  const body = html.slice(start, html.indexOf('</table>', start));
  const cells = [...body.matchAll(/<(td|th) scope="row">([^<]*)<\/th>|<td[^>]*>([^<]*)<\/td>/g)].map((m) =>
    decode(m[2] ?? m[3] ?? ''),
  );
  const shown = new Set(cells);
  const missing: string[] = [];
  for (const row of table.rows) {
    for (const column of shownColumns(table)) {
      if (column.kind === 'label') continue;
      const text = formatCell(row[column.key], column);
      if (!shown.has(text)) missing.push(`${column.label} ${text}`);
    }
  }
  return missing.length
    ? [
        `The HTML table ${table.id} does not show ${missing.slice(0, 3).join('; ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''} as the JSON does.`,
      ]
    : [];
}
