import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { isSmallCount, smallCountSql } from '../../transforms/disclosure/threshold.ts';
import { disclosureRule } from '../../transforms/report/sections-people.ts';
import { RECRUITMENT_PRESSURE, WORKFORCE_BY_TYPE, WORKFORCE_DIVERSITY } from '../../transforms/tables/definitions.ts';
import { VIEW_NAMES, viewSqlTemplate } from '../../transforms/views/views.ts';
import { TEST_SETTINGS, temporaryFolder, writeLakeFile } from '../lake-helpers.ts';

const PERIOD = '2025-09-30';
/** The boundaries of the rule at a threshold, and no count at all. */
const boundaries = (threshold: number) => [null, 0, 1, 2, threshold - 1, threshold, threshold + 1];

describe('The suppression threshold: one rule, in TypeScript and in SQL', () => {
  let lake: DuckDbLake;
  beforeAll(async () => {
    const out = temporaryFolder();
    // One role per count, so that each row of the views holds one of the boundary counts.
    const counts = boundaries(5).filter((n): n is number => n !== null);
    writeLakeFile(
      out,
      WORKFORCE_BY_TYPE,
      PERIOD,
      'partner-a.workforce',
      counts.map((n) => ({
        partner_id: 'partner-a',
        sector: 'social_care',
        employer_type: 'statutory',
        role: `role_${n}`,
        employment_basis: 'employee',
        headcount: n,
        fte: n,
      })),
    );
    const zeros = Object.fromEntries(
      RECRUITMENT_PRESSURE.columns.filter((c) => c.type !== 'string').map((c) => [c.name, 0]),
    );
    writeLakeFile(
      out,
      RECRUITMENT_PRESSURE,
      PERIOD,
      'partner-a.workforce',
      counts.map((n, i) => ({
        partner_id: 'partner-a',
        source_dataset: 'workforce',
        sector: 'social_care',
        employer_type: 'statutory',
        role: `role_${n}`,
        ...zeros,
        // Each of the three counts the flag looks at takes its turn at the boundary values.
        employees_headcount: i % 3 === 0 ? n : 20,
        agency_headcount: i % 3 === 1 ? n : 0,
        leavers_headcount: i % 3 === 2 ? n : 0,
      })),
    );
    writeLakeFile(
      out,
      WORKFORCE_DIVERSITY,
      PERIOD,
      'partner-a',
      counts.map((n, i) => ({
        partner_id: 'partner-a',
        sector: 'social_care',
        role: 'social_worker',
        dimension: 'ethnicity',
        category: [
          'asian_indian',
          'black_african',
          'mixed_other',
          'other_arab',
          'white_british',
          'white_irish',
          'not_known',
        ][i],
        headcount: n,
      })),
    );
    lake = await DuckDbLake.open(join(out, 'lake'), TEST_SETTINGS);
  });
  afterAll(() => lake?.close());

  it.each([1, 2, 5, 10])(
    'gives the same answer in SQL as in TypeScript at threshold %i, for 0, 1, t − 1, t and null',
    async (t) => {
      const values = boundaries(t).map((n) => `(CAST(${n ?? 'NULL'} AS BIGINT))`);
      const { rows } = await lake.query(
        `SELECT x, ${smallCountSql('x', t)} AS small FROM (VALUES ${values.join(', ')}) AS v (x)`,
      );

      expect(rows.map((r) => [r.x, r.small])).toEqual(boundaries(t).map((n) => [n, isSmallCount(n, t)]));
      expect(boundaries(5).map((n) => isSmallCount(n, 5))).toEqual([false, false, true, true, true, false, false]);
    },
  );

  it('flags suppressed in every view exactly as disclosure control withholds', async () => {
    const flags = async (sql: string) => (await lake.query(sql)).rows.map((r) => [r.count, r.suppressed]);
    const summary = await flags(
      "SELECT headcount AS count, suppressed FROM workforce_summary WHERE sector = 'social_care' AND role <> 'ALL'",
    );
    const rates = await flags(
      `SELECT GREATEST(CASE WHEN employees_headcount = 20 THEN -1 ELSE employees_headcount END, agency_headcount, leavers_headcount)
         AS count, suppressed FROM recruitment_rates WHERE partner_id = 'ALL' AND sector = 'social_care' AND role <> 'ALL'`,
    );
    const diversity = await flags(
      "SELECT workforce_headcount AS count, suppressed FROM diversity_vs_community WHERE partner_id = 'ALL' AND dimension = 'ethnicity'",
    );

    for (const [name, rows] of [
      ['workforce_summary', summary],
      ['recruitment_rates', rates],
      ['diversity_vs_community', diversity],
    ] as const) {
      expect(rows.length, name).toBeGreaterThanOrEqual(6);
      for (const [count, suppressed] of rows)
        expect(suppressed, `${name}: ${String(count)}`).toBe(isSmallCount(count as number, 5));
    }
  });

  it('is written nowhere else: the views take it from the placeholder, the methodology from the same module', () => {
    for (const name of VIEW_NAMES) {
      const sql = viewSqlTemplate(name).replace(/--[^\n]*/g, '');
      expect(sql, name).not.toMatch(/\bBETWEEN\s+1\s+AND\b|suppression_threshold|>=\s*1\s+AND/i);
    }
    expect(disclosureRule(7)).toContain('No count of people from 1 to 6 is shown.');
    expect(disclosureRule(7)).toContain('must run from 0 to at least 7.');
  });
});
