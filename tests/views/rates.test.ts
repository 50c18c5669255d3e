import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { demoFigures } from '../../cli/demo-figures.ts';
import { REPORT_QUERIES } from '../../transforms/report/queries.ts';
import { RATES, REPORTED_RATES, SUM_COLUMNS, type Sums } from '../../transforms/report/rates.ts';
import { methodologySection } from '../../transforms/report/sections-people.ts';
import { rateColumns } from '../../transforms/report/sections-workforce.ts';
import { RECRUITMENT_PRESSURE } from '../../transforms/tables/definitions.ts';
import { VIEW_COLUMNS } from '../../transforms/views/view-columns.ts';
import { TEST_SETTINGS, temporaryFolder, writeLakeFile } from '../lake-helpers.ts';

const PERIOD = '2025-09-30';

/** A small deterministic generator, so that the figures are varied but the same every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('Rates: the view computes each rate of RATES, and only those', () => {
  let lake: DuckDbLake;

  beforeAll(async () => {
    const random = generator(13);
    const out = temporaryFolder();
    for (const partner of ['partner-a', 'partner-b', 'partner-c']) {
      const rows = ['social_care', 'health'].flatMap((sector) =>
        ['social_worker', 'nurse', 'youth_worker'].map((role) => {
          // Some cells have none of a count, so that every rate meets a zero denominator somewhere.
          const some = (scale: number, integer = false) => {
            const value = random() < 0.2 ? 0 : random() * scale;
            return integer ? Math.round(value) : Math.round(value * 100) / 100;
          };
          const counts = Object.fromEntries(
            SUM_COLUMNS.map((column) => [
              column,
              some(column.endsWith('headcount') ? 60 : 40, column.endsWith('headcount')),
            ]),
          );
          return {
            partner_id: partner,
            source_dataset: 'workforce',
            sector,
            employer_type: 'statutory',
            role,
            ...counts,
          };
        }),
      );
      writeLakeFile(out, RECRUITMENT_PRESSURE, PERIOD, `${partner}.workforce`, rows);
    }
    // A partner with vacancies alone, and one with nothing: a zero denominator for every rate.
    const zeros = Object.fromEntries(SUM_COLUMNS.map((column) => [column, 0]));
    const empty = {
      source_dataset: 'vacancies',
      sector: 'youth',
      employer_type: 'voluntary',
      role: 'youth_worker',
      ...zeros,
    };
    writeLakeFile(out, RECRUITMENT_PRESSURE, PERIOD, 'partner-d.vacancies', [
      { ...empty, partner_id: 'partner-d', vacancies_fte: 2 },
    ]);
    writeLakeFile(out, RECRUITMENT_PRESSURE, PERIOD, 'partner-e.vacancies', [{ ...empty, partner_id: 'partner-e' }]);
    lake = await DuckDbLake.open(join(out, 'lake'), TEST_SETTINGS);
  });
  afterAll(() => lake?.close());

  it('declares, in order, the grouping, the summed counts, the rates of RATES and the suppressed flag', () => {
    expect(Object.keys(VIEW_COLUMNS.recruitment_rates)).toEqual([
      'period',
      'partner_id',
      'sector',
      'role',
      ...SUM_COLUMNS,
      ...RATES.map((rate) => rate.key),
      'suppressed',
    ]);
    for (const rate of RATES) expect(VIEW_COLUMNS.recruitment_rates[rate.key], rate.key).toBe('double');
  });

  it("gives each rate as RATES' value() of the row's summed counts, at every level of the roll-up", async () => {
    const { rows } = await lake.query('SELECT * FROM recruitment_rates');
    let nulls = 0;

    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows) {
      const sums = Object.fromEntries(SUM_COLUMNS.map((column) => [column, Number(row[column])])) as Sums;
      for (const rate of RATES) {
        const expected = rate.value(sums);
        const where = `${rate.key} for ${String(row.partner_id)}/${String(row.sector)}/${String(row.role)}`;
        if (expected === null) {
          nulls++;
          expect(row[rate.key], where).toBeNull();
        } else {
          expect(row[rate.key], where).toBeCloseTo(expected, 9);
        }
      }
    }
    expect(nulls, 'rows with nothing to divide by').toBeGreaterThanOrEqual(2 * RATES.length);
  });

  it("feeds every consumer: the report's queries, its rate columns and methodology, and the demo", async () => {
    const reported = REPORTED_RATES.map((rate) => rate.key);

    for (const name of ['trend', 'rates_by_sector', 'rates_by_role'] as const) {
      expect(Object.keys(REPORT_QUERIES[name].columns), name).toEqual(expect.arrayContaining(RATES.map((r) => r.key)));
    }
    expect(
      rateColumns()
        .map((column) => column.key)
        .filter((key) => key.endsWith('_rate')),
    ).toEqual(reported);
    const context = { config: { ...TEST_SETTINGS, trust: 'Test Trust' } } as Parameters<typeof methodologySection>[0];
    const notes = methodologySection(context).notes ?? [];
    for (const rate of REPORTED_RATES)
      expect(notes, rate.key).toContainEqual({ term: rate.term, text: rate.definition });
    const { lines } = await demoFigures(lake, { ...TEST_SETTINGS, trust: 'Test Trust' } as Parameters<
      typeof demoFigures
    >[1]);
    for (const rate of REPORTED_RATES)
      expect(
        lines.filter((line) => line.startsWith(`  ${rate.label} `)),
        rate.key,
      ).toHaveLength(1);
  });
});
