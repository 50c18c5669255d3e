import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { VIEW_NAMES, viewSql, viewSqlTemplate } from '../../transforms/views/views.ts';
import { TEST_SETTINGS, temporaryFolder } from '../lake-helpers.ts';

describe('Analytics views: one SQL text for Athena and DuckDB', () => {
  let lake: DuckDbLake;
  beforeAll(async () => {
    lake = await DuckDbLake.open(join(temporaryFolder(), 'lake'), TEST_SETTINGS);
  });
  afterAll(() => lake.close());

  it.each(VIEW_NAMES)('%s parses', async (name) => {
    const { rows } = await lake.query(`SELECT json_serialize_sql(${quote(viewSql(name, TEST_SETTINGS))}) AS tree`);
    const tree = JSON.parse(rows[0]?.tree as string);

    expect(tree.error, tree.error_message).toBe(false);
  });

  it.each(VIEW_NAMES)('%s answers over an empty lake', async (name) => {
    const { rows } = await lake.query(`SELECT count(*) AS n FROM ${name}`);

    expect(rows[0]?.n).toBe(0);
  });

  it.each(VIEW_NAMES)('%s keeps to the portable subset of analytics.md', (name) => {
    const sql = withoutComments(viewSqlTemplate(name));

    for (const forbidden of [
      /\bQUALIFY\b/i,
      /\bILIKE\b/i,
      /\/\//,
      /\bdate_add\b/i,
      /\bdate_format\b/i,
      /::/,
      /\bIFNULL\b/i,
      /\bstrftime\b/i,
      /\bround\s*\(/i,
      /\blist\s*\(/i,
    ]) {
      expect(sql, `${name} uses ${forbidden}`).not.toMatch(forbidden);
    }
    for (const division of sql.matchAll(/\//g)) {
      expect(
        sql.slice(division.index + 1).trimStart(),
        `${name}: a division without NULLIF(CAST(…)) at ${division.index}`,
      ).toMatch(/^NULLIF\(CAST\(/);
      expect(
        sql.slice(0, division.index).trimEnd(),
        `${name}: the numerator of the division at ${division.index} is not a CAST`,
      ).toMatch(/(AS DOUBLE\)|CAST\(.*\)|\d+\.\d+)$/);
    }
    for (const sum of sql.matchAll(/SUM\(([^()]*(headcount|population|count)[^()]*)\)/gi)) {
      expect(sql.slice(0, sum.index).trimEnd(), `${name}: SUM(${sum[1]}) is not cast to BIGINT`).toMatch(/CAST\($/);
    }
  });

  it('fills the Trust settings in safely', () => {
    const sql = viewSql('diversity_vs_community', { ...TEST_SETTINGS, communityAreas: ["O'Brien Ward", 'E06000035'] });

    expect(sql).toContain("area_code IN ('O''Brien Ward', 'E06000035')");
    expect(sql).not.toContain('{{');
  });
});

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const withoutComments = (sql: string) => sql.replace(/--[^\n]*/g, '');
