import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { DuckDbReportEngine } from '../../functions/local/duckdb-report-engine.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { buildReportModel } from '../../transforms/report/build-model.ts';
import {
  REPORT_QUERIES,
  type ReportQueryEngine,
  type ReportQueryName,
  type ReportRow,
} from '../../transforms/report/queries.ts';
import { declaredQuery } from '../../transforms/views/typed-query.ts';
import { QueryShapeError, typedRows } from '../../transforms/views/typed-rows.ts';
import { TEST_SETTINGS, temporaryFolder } from '../lake-helpers.ts';

const CONFIG = parseTrustConfig({
  trust: 'Test Trust',
  communityAreas: TEST_SETTINGS.communityAreas,
  baselinePeriod: TEST_SETTINGS.baselinePeriod,
  partners: TEST_SETTINGS.partners,
  suppressionThreshold: TEST_SETTINGS.suppressionThreshold,
});
const DUCKDB_TO_DECLARED: Record<string, string> = {
  VARCHAR: 'varchar',
  BIGINT: 'bigint',
  DOUBLE: 'double',
  BOOLEAN: 'boolean',
};

describe('Report queries: the rows are typed from one declaration', () => {
  let lake: DuckDbLake;
  beforeAll(async () => {
    lake = await DuckDbLake.open(join(temporaryFolder(), 'lake'), CONFIG);
  });
  afterAll(() => lake?.close());

  it.each(Object.keys(REPORT_QUERIES) as ReportQueryName[])(
    '%s returns, in DuckDB, the columns and types it declares',
    async (name) => {
      const query = REPORT_QUERIES[name];
      const { rows } = await lake.query(`DESCRIBE ${query.sql.replaceAll('?', "'2026-09-30'")}`);

      const described = rows.map((r) => [r.column_name, DUCKDB_TO_DECLARED[String(r.column_type)] ?? r.column_type]);
      expect(described).toEqual(Object.entries(query.columns));
    },
  );

  it("fails loudly, naming the column, when a query's column is renamed, rather than showing a dash", async () => {
    const duckdb = new DuckDbReportEngine(lake);
    // The trend query as it would be if the view's vacancy_rate were renamed and the report not.
    const renaming: ReportQueryEngine = {
      run: (name, sql, parameters) =>
        duckdb.run(name, sql.replace(', vacancy_rate,', ', vacancy_rate AS vacancy_pct,'), parameters),
    };

    await expect(buildReportModel(renaming, CONFIG, { generatedAt: new Date() })).rejects.toThrow(
      new QueryShapeError(
        'Query trend returned no column vacancy_rate, which it declares; it returned ' +
          `${Object.keys(REPORT_QUERIES.trend.columns).join(', ').replace('vacancy_rate', 'vacancy_pct')}.`,
      ),
    );
  });

  it('makes reading a column a query does not declare a compile error', () => {
    const row = {} as ReportRow<'rates_by_role'>;
    expectTypeOf(row.vacancy_rate).toEqualTypeOf<number | null>();
    expectTypeOf(row.role).toEqualTypeOf<string>();
    // @ts-expect-error rates_by_role has no vacancy_pct
    expect(row.vacancy_pct).toBeUndefined();
    expectTypeOf<ReportRow<'coverage'>['in_force']>().toEqualTypeOf<boolean>();
  });
});

describe("Function: typedRows (the one place an engine's values become the declared types)", () => {
  const query = declaredQuery('SELECT …', { period: 'varchar', people: 'bigint', share: 'double', kept: 'boolean' }, [
    'period',
  ]);
  const columns = ['period', 'people', 'share', 'kept'];

  it("converts DuckDB's BigInts and Athena's text to numbers and booleans", () => {
    const rows = typedRows('q', query, {
      columns,
      rows: [
        { period: '2026-09-30', people: 12n, share: 0.5, kept: true },
        { period: '2025-09-30', people: '7', share: '1.0E2', kept: 'false' },
        { period: '2024-09-30', people: null, share: null, kept: null },
      ],
    });

    expect(rows).toEqual([
      { period: '2026-09-30', people: 12, share: 0.5, kept: true },
      { period: '2025-09-30', people: 7, share: 100, kept: false },
      { period: '2024-09-30', people: null, share: null, kept: null },
    ]);
  });

  it.each([
    [
      'a declared column missing',
      { columns: ['period', 'people', 'kept'], rows: [] },
      /returned no column share, which it declares/,
    ],
    [
      'a column it does not declare',
      { columns: [...columns, 'extra'], rows: [] },
      /returned extra, which it does not declare/,
    ],
    [
      'a value of another type',
      { columns, rows: [{ period: '2026-09-30', people: 'twelve', share: 1, kept: true }] },
      /row 1, column people \(bigint\): "twelve" is not a bigint/,
    ],
    [
      'an empty text for a number',
      { columns, rows: [{ period: '2026-09-30', people: '', share: 1, kept: true }] },
      /column people \(bigint\): "" is not a bigint/,
    ],
    [
      'a number for text',
      { columns, rows: [{ period: 20260930, people: 1, share: 1, kept: true }] },
      /column period \(varchar\): 20260930 is not a varchar/,
    ],
    [
      'a null in a key',
      { columns, rows: [{ period: null, people: 1, share: 1, kept: true }] },
      /column period \(varchar\): null in a column that identifies the row/,
    ],
  ])('refuses %s, naming the query and the column', (_, result, message) => {
    expect(() => typedRows('q', query, result)).toThrow(message);
  });
});
