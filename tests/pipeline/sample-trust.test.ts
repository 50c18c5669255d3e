import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { runLocalPipeline, type LocalRunResult } from '../../functions/local/local-pipeline.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { TABLES, type ColumnType } from '../../transforms/tables/definitions.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const PARQUET_TYPE: Record<ColumnType, { type: string; logical: string | null }> = {
  string: { type: 'BYTE_ARRAY', logical: 'StringType()' },
  bigint: { type: 'INT64', logical: null },
  double: { type: 'DOUBLE', logical: null },
};

const filesUnder = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : [join(folder, name)]));

describe('The sample Trust, end to end on the local stack', () => {
  let result: LocalRunResult;
  let lake: DuckDbLake;

  beforeAll(async () => {
    result = await runLocalPipeline({ landingDir: 'sample-data/landing', config: CONFIG, outDir: temporaryFolder() });
    lake = await DuckDbLake.open(result.lakeDir, CONFIG);
  });
  afterAll(() => lake?.close());

  it('accepts every sample file and leaves a report for each', () => {
    const landing = filesUnder('sample-data/landing');
    const reports = filesUnder(result.validationDir).filter((f) => f.endsWith('.json'));

    expect(result.undelivered).toEqual([]);
    expect(result.outcomes.map((o) => o.outcome.status)).toEqual(landing.map(() => 'accepted'));
    expect(reports).toHaveLength(landing.length);
  });

  it('writes every lake file with exactly the types of its table definition', async () => {
    const files = filesUnder(result.lakeDir).filter((f) => f.endsWith('.parquet'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const table = TABLES.find((t) => relative(result.lakeDir, file).startsWith(`${t.name}/period=`));
      expect(table, file).toBeDefined();
      const { rows } = await lake.query(`SELECT name, type, logical_type FROM parquet_schema('${file}') WHERE name <> 'arrow_schema' ORDER BY name`);
      const expected = [...table!.columns].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ name: c.name, type: PARQUET_TYPE[c.type].type, logical_type: PARQUET_TYPE[c.type].logical }));
      expect(rows, file).toEqual(expected);
    }
  });

  it('counts every person of every accepted workforce file exactly once', async () => {
    const { rows } = await lake.query(`SELECT partner_id, strftime(period, '%Y-%m-%d') AS period, CAST(sum(headcount) AS BIGINT) AS people FROM workforce_by_type GROUP BY ALL`);
    const counted = Object.fromEntries(rows.map((r) => [`${r.partner_id}/${r.period}`, r.people]));

    const expected: Record<string, number> = {};
    for (const file of filesUnder('sample-data/landing').filter((f) => f.includes('/workforce/'))) {
      const [partnerId, , period] = relative('sample-data/landing', file).split('/');
      const text = new TextDecoder(file.includes('riverside-schools') ? 'latin1' : 'utf-8').decode(readFileSync(file));
      expected[`${partnerId}/${period}`] = Papa.parse(text.trim(), { skipEmptyLines: true }).data.length - 1;
    }
    expect(counted).toEqual(expected);
  });

  it('shows who has not submitted, from the config', async () => {
    const { rows } = await lake.query(
      `SELECT partner_id, strftime(period, '%Y-%m-%d') AS period, dataset FROM data_quality WHERE latest_status = 'missing' ORDER BY ALL`,
    );

    expect(rows).toContainEqual({ partner_id: 'riverside-police', period: '2025-09-30', dataset: 'vacancies' });
    expect(rows).toContainEqual({ partner_id: 'riverside-childminding', period: '2024-09-30', dataset: 'workforce' });
  });

  it('compares the workforce with Medway\'s Census 2021 population', async () => {
    const { rows } = await lake.query(
      `SELECT category, community_population FROM diversity_vs_community WHERE partner_id = 'ALL' AND dimension = 'ethnicity' AND period = DATE '2026-09-30' AND category IN ('white_british', 'black_african')`,
    );

    expect(Object.fromEntries(rows.map((r) => [r.category, r.community_population]))).toEqual({ white_british: 218953, black_african: 11266 });
  });
});
