import { dirname, join } from 'node:path';
import type { QueryResult } from '../../functions/local/duckdb-lake.ts';
import { csvLine } from '../../transforms/output/csv.ts';
import { TABLES } from '../../transforms/tables/definitions.ts';
import { VIEW_NAMES } from '../../transforms/views/views.ts';
import { parseCommandArgs, usageMistake } from '../args.ts';
import { requireTrustConfig } from '../config.ts';
import { lakeFolder } from '../lake.ts';
import { countStatements } from '../sql-statements.ts';
import { EXIT, type Output } from '../usage.ts';
import { plainText } from '../../transforms/output/plain-text.ts';

/** Names listed one to a line, indented, as the help shows them. */
const listed = (names: readonly string[]) => names.map((name) => `    ${name}`).join('\n');

export const QUERY_USAGE = `workforce query "<sql>" [--lake DIR] [--config F] [--format table|csv|json]

Runs one SQL statement on the lake with DuckDB over the Parquet files: the same SQL Athena runs in
AWS. The tables:
${listed(TABLES.map((table) => table.name))}
and the views:
${listed(VIEW_NAMES)}
  --lake    the lake folder (default out/lake; the demo's is out/demo/lake)
  --config  the Trust config (default ./trust.config.json, else the one a run left beside the lake)
  --format  table (default), csv, or json (an array of row objects)
Exit status: 0, or 1 on a SQL error with the engine's message.`;

const FORMATS = ['table', 'csv', 'json'] as const;

export async function queryCommand(args: string[], output: Output): Promise<number> {
  const options = {
    lake: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string', default: 'table' },
  } as const;
  const mistake = (message: string) => usageMistake('query', QUERY_USAGE, message);
  const { values, positionals } = parseCommandArgs({ command: 'query', usage: QUERY_USAGE, options }, args);
  const [sql, ...extra] = positionals;
  if (sql === undefined || extra.length > 0) throw mistake('Give one SQL statement, in quotes.');
  const statements = countStatements(sql);
  if (statements > 1) {
    throw mistake(`Give one SQL statement at a time; this holds ${statements}, separated by ';'.`);
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw mistake(`--format is table, csv or json, not '${values.format}'.`);
  const lakeDir = lakeFolder(values.lake);
  const config = requireTrustConfig(values.config, join(dirname(lakeDir), 'trust.config.json'));

  // DuckDB is loaded only now, once the arguments hold.
  const { DuckDbLake, QueryError } = await import('../../functions/local/duckdb-lake.ts');
  const lake = await DuckDbLake.open(lakeDir, config);
  try {
    const result = await lake.query(sql);
    output.out(
      format === 'json' ? JSON.stringify(result.rows, null, 2) : format === 'csv' ? toCsv(result) : toTable(result),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof QueryError) {
      output.err(error.message);
      return EXIT.rejected;
    }
    throw error;
  } finally {
    lake.close();
  }
}

function toCsv(result: QueryResult): string {
  return [
    csvLine(result.columns.map((c) => c.name)),
    ...result.rows.map((row) => csvLine(result.columns.map((c) => row[c.name]))),
  ].join('\n');
}

function toTable(result: QueryResult): string {
  const names = result.columns.map((c) => c.name);
  const cells = result.rows.map((row) => names.map((name) => formatCell(row[name])));
  const widths = names.map((name, i) => Math.max(name.length, ...cells.map((r) => (r[i] as string).length)));
  const numeric = result.columns.map((c) => /INT|DOUBLE|DECIMAL|FLOAT/.test(c.type));
  const line = (values: string[]) =>
    values.map((v, i) => (numeric[i] ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number))).join('  ');
  return [
    line(names),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...cells.map(line),
    `(${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'})`,
  ].join('\n');
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && !Number.isInteger(value)) return String(Math.round(value * 1000) / 1000);
  return plainText(value);
}
