import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { runLocalPipeline } from '../../functions/local/local-pipeline.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { temporaryFolder } from '../lake-helpers.ts';

interface PublishedRow {
  area: string;
  year: number;
  inpost_fte: number;
  inpost_headcount: number;
  starters_fte: number;
  starters_headcount: number;
  leavers_fte: number;
  leavers_headcount: number;
  agency_fte: number;
  agency_headcount: number;
  agency_cover_fte: number;
  vacancy_fte: number;
  working_days_lost_fte: number;
  published: Record<string, number>;
}

const FIXTURE: { rows: PublishedRow[] } = JSON.parse(
  readFileSync('tests/fixtures/dfe-children-social-work-workforce.json', 'utf8'),
);
const PARTNER = 'local-authority';

/** `count` values, in tenths, that add up to `total` exactly (as even as they can be). */
function split(count: number, total: number): number[] {
  const tenths = Math.round(total * 10);
  const base = Math.floor(tenths / count);
  const extra = tenths - base * count;
  return Array.from({ length: count }, (_, i) => (base + (i < extra ? 1 : 0)) / 10);
}

/** Partner files whose every count adds up to the published figures, through the real CSV contract. */
function writeLanding(root: string, row: PublishedRow): string {
  const period = `${row.year}-09-30`;
  const write = (dataset: string, lines: string[]) => {
    mkdirSync(join(root, PARTNER, dataset, period), { recursive: true });
    writeFileSync(join(root, PARTNER, dataset, period, `${dataset}.csv`), `${lines.join('\n')}\n`);
  };
  const person = (ref: string, basis: string, fte: number, start: string, daysSick: number | '') =>
    `${ref},social_care,statutory,social_worker,${basis},${basis === 'employee' ? 'permanent' : ''},${fte},${start},35_44,female,white_british,no,${daysSick}`;
  const employees = [
    ...split(row.starters_headcount, row.starters_fte).map((fte) => ({ fte, start: `${row.year}-03-01` })),
    ...split(row.inpost_headcount - row.starters_headcount, row.inpost_fte - row.starters_fte).map((fte) => ({
      fte,
      start: `${row.year - 3}-03-01`,
    })),
  ];
  const sickness = split(row.inpost_headcount, row.working_days_lost_fte);
  write('workforce', [
    'staff_ref,sector,employer_type,role,employment_basis,contract,fte,start_date,age_band,sex,ethnicity,disability,days_sick',
    ...employees.map((e, i) => person(`E${i}`, 'employee', e.fte, e.start, sickness[i] as number)),
    ...split(row.agency_headcount, row.agency_fte).map((fte, i) => person(`A${i}`, 'agency', fte, '', '')),
  ]);
  write('leavers', [
    'staff_ref,sector,employer_type,role,fte,leave_date,reason',
    ...split(row.leavers_headcount, row.leavers_fte).map(
      (fte, i) => `L${i},social_care,statutory,social_worker,${fte},${row.year}-06-30,resignation`,
    ),
  ]);
  const posts = Math.ceil(row.vacancy_fte / 10);
  const cover = split(posts, row.agency_cover_fte);
  write('vacancies', [
    'sector,employer_type,role,vacancies_fte,agency_cover_fte,hard_to_fill',
    ...split(posts, row.vacancy_fte).map((fte, i) => `social_care,statutory,social_worker,${fte},${cover[i]},yes`),
  ]);
  return period;
}

const RATES: [string, string][] = [
  ['turnover_rate', 'turnover_rate_fte'],
  ['turnover_rate_headcount', 'turnover_rate_headcount'],
  ['agency_rate', 'agency_rate_fte'],
  ['agency_cover_rate', 'agency_cover_rate_fte'],
  ['vacancy_rate', 'vacancy_rate_fte'],
  ['vacancy_cover_rate', 'vacancy_agency_cover_rate_fte'],
  ['absence_rate', 'absence_rate_fte'],
];

describe("View: recruitment_rates against the DfE children's social work workforce statistics", () => {
  it.each(FIXTURE.rows.map((row) => [`${row.area} ${row.year}`, row] as const))(
    'reproduces the published rates of %s from its published counts',
    async (_, row) => {
      const out = temporaryFolder();
      const period = writeLanding(join(out, 'landing'), row);
      const config = parseTrustConfig({
        trust: 'DfE fixture',
        communityAreas: ['E92000001'],
        baselinePeriod: period,
        partners: [{ id: PARTNER, name: row.area }],
      });

      const run = await runLocalPipeline({ landingDir: join(out, 'landing'), config, outDir: out });
      const lake = await DuckDbLake.open(run.lakeDir, config);
      const { rows } = await lake.query(
        `SELECT * FROM recruitment_rates WHERE partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL'`,
      );
      lake.close();

      expect(run.outcomes.map((o) => o.outcome.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(rows[0]).toMatchObject({
        employees_headcount: row.inpost_headcount,
        leavers_headcount: row.leavers_headcount,
        starters_headcount: row.starters_headcount,
      });
      // The published counts are rounded to 0.1 FTE and the published rates come from unrounded
      // ones, so the two agree to within 0.1 of a percentage point.
      for (const [ours, published] of RATES) {
        const rate = rows[0]?.[ours] as number;
        expect(
          Math.abs(Math.round(rate * 10) / 10 - (row.published[published] as number)),
          `${ours} ${rate} vs published ${published} ${row.published[published]}`,
        ).toBeLessThanOrEqual(0.1 + 1e-9);
      }
    },
  );
});
