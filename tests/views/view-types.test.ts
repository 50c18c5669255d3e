import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrinoSQL } from 'dt-sql-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { NAMED_QUERIES } from '../../infra/constructs/catalog.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { REPORT_QUERIES } from '../../transforms/report/queries.ts';
import { TABLES } from '../../transforms/tables/definitions.ts';
import { viewColumns } from '../../transforms/views/view-columns.ts';
import { VIEW_NAMES, viewSql, type ViewName } from '../../transforms/views/views.ts';
import { TEST_SETTINGS, temporaryFolder } from '../lake-helpers.ts';
import { inferColumns, type Column } from '../support/trino-types.ts';

const SAMPLE = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const ODD_SETTINGS = {
  ...TEST_SETTINGS,
  communityAreas: ["O'Brien Ward", 'E06000035'],
  partners: [{ id: 'a', name: 'A' }],
};
const HIVE_TO_TRINO = { string: 'varchar', bigint: 'bigint', double: 'double' } as const;
const DUCKDB_TO_TRINO: Record<string, string> = {
  VARCHAR: 'varchar',
  BIGINT: 'bigint',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
  DATE: 'date',
  INTEGER: 'integer',
};

/** The lake's tables as Athena has them: the table definitions' columns, then the period partition. */
const LAKE_TABLES: Record<string, Column[]> = Object.fromEntries(
  TABLES.map((table) => [
    table.name,
    [...table.columns.map((c) => ({ name: c.name, type: HIVE_TO_TRINO[c.type] })), { name: 'period', type: 'date' }],
  ]),
);

/** Every view, typed by Trino's rules, each over the tables and the views created before it. */
function trinoViews(settings: Parameters<typeof viewSql>[1]): Map<ViewName, Column[]> {
  const known: Record<string, Column[]> = { ...LAKE_TABLES };
  const views = new Map<ViewName, Column[]>();
  for (const name of VIEW_NAMES) {
    const columns = inferColumns(viewSql(name, settings), known);
    known[name] = columns;
    views.set(name, columns);
  }
  return views;
}

/** A declared type as Trino compares it: a varchar of any length is a varchar. */
const unbounded = (type: string) => type.replace(/^varchar\(\d+\)$/, 'varchar');

describe("Athena's SQL: every text sent to Athena is Trino SQL", () => {
  const parser = new TrinoSQL();
  const texts: [string, string][] = [
    ...VIEW_NAMES.flatMap((name): [string, string][] => [
      [`view ${name}`, viewSql(name, SAMPLE)],
      [`view ${name} (quotes in the settings)`, viewSql(name, ODD_SETTINGS)],
    ]),
    ...NAMED_QUERIES.map((q): [string, string] => [`saved query "${q.name}"`, q.sql]),
    ...Object.entries(REPORT_QUERIES).map(([name, query]): [string, string] => [`report query ${name}`, query.sql]),
  ];

  it.each(texts)('%s parses under the Trino grammar', (_, sql) => {
    expect(parser.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`)).toEqual([]);
  });

  it.each([
    ['a DuckDB cast', 'SELECT period::VARCHAR FROM submissions'],
    ['integer division', 'SELECT headcount // 2 FROM workforce_by_type'],
    ['QUALIFY', 'SELECT * FROM submissions QUALIFY ROW_NUMBER() OVER (ORDER BY period) = 1'],
  ])('and the grammar refuses what only DuckDB takes: %s', (_, sql) => {
    expect(parser.validate(sql).length).toBeGreaterThan(0);
  });
});

describe("Athena's views: the column types Glue declares are the ones Trino and DuckDB give the SQL", () => {
  let lake: DuckDbLake;
  beforeAll(async () => {
    lake = await DuckDbLake.open(join(temporaryFolder(), 'lake'), SAMPLE);
  });
  afterAll(() => lake?.close());

  it.each(VIEW_NAMES)("%s: Trino's types are the declared ones", (name) => {
    const inferred = trinoViews(SAMPLE).get(name) as Column[];
    expect(inferred.map((c) => [c.name, unbounded(c.type)])).toEqual(viewColumns(name).map((c) => [c.name, c.type]));
  });

  it.each(VIEW_NAMES)("%s: DuckDB's types are the declared ones", async (name) => {
    const { rows } = await lake.query(`DESCRIBE ${name}`);
    const described = rows.map((r) => [r.column_name, DUCKDB_TO_TRINO[String(r.column_type)] ?? r.column_type]);
    expect(described).toEqual(viewColumns(name).map((c) => [c.name, c.type]));
  });

  it("types by Trino's rules, not DuckDB's: the check catches what DuckDB alone would not", async () => {
    const sql =
      'SELECT headcount / 2 AS half, 0.5 * fte AS half_fte, SUM(CASE WHEN fte > 1 THEN 1 ELSE 0 END) AS many ' +
      'FROM workforce_by_type GROUP BY headcount, fte';
    const { rows } = await lake.query(`DESCRIBE ${sql}`);

    expect(inferColumns(sql, LAKE_TABLES)).toEqual([
      { name: 'half', type: 'bigint' },
      { name: 'half_fte', type: 'double' },
      { name: 'many', type: 'bigint' },
    ]);
    expect(rows.map((r) => r.column_type)).toEqual(['DOUBLE', 'DOUBLE', 'HUGEINT']);
  });

  it('refuses SQL it cannot type rather than guessing', () => {
    const typing = (sql: string) => () => inferColumns(sql, LAKE_TABLES);
    const join = 'SELECT period FROM submissions s JOIN workforce_by_type w ON s.partner_id = w.partner_id';
    expect(typing(join)).toThrow(/ambiguous/);
    const mixed = "SELECT CASE WHEN true THEN 1 ELSE 'one' END AS x FROM submissions";
    expect(typing(mixed)).toThrow(/No common type for integer and varchar/);
    expect(typing('SELECT approx_percentile(fte, 0.5) AS p FROM workforce_by_type')).toThrow(/not modelled/);
  });
});
