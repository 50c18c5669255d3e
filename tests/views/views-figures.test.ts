import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import {
  COMMUNITY_PROFILE,
  RECRUITMENT_PRESSURE,
  SUBMISSIONS,
  WORKFORCE_DIVERSITY,
} from '../../transforms/tables/definitions.ts';
import { TEST_SETTINGS, temporaryFolder, writeLakeFile } from '../lake-helpers.ts';

const PERIOD = '2025-09-30';

/** A pressure row of zeros but for the counts given. */
function pressure(partner: string, sector: string, role: string, counts: Record<string, number>) {
  const zeros = Object.fromEntries(
    RECRUITMENT_PRESSURE.columns.filter((c) => c.type !== 'string').map((c) => [c.name, 0]),
  );
  return {
    partner_id: partner,
    source_dataset: 'workforce',
    sector,
    employer_type: 'statutory',
    role,
    ...zeros,
    ...counts,
  };
}

const ethnicGroups = (partner: string, counts: Record<string, number>) =>
  Object.entries(counts).map(([category, headcount]) => ({
    partner_id: partner,
    sector: 'social_care',
    role: 'social_worker',
    dimension: 'ethnic_group',
    category,
    headcount,
  }));

const community = (partner: string, area: string, counts: Record<string, number>) =>
  Object.entries(counts).map(([category, population]) => ({
    partner_id: partner,
    area_code: area,
    area_name: area,
    dimension: 'ethnic_group',
    category,
    population,
    source: 'test',
  }));

describe('Views: figures against hand calculations', () => {
  let lake: DuckDbLake;

  beforeAll(async () => {
    const out = temporaryFolder();
    writeLakeFile(out, RECRUITMENT_PRESSURE, PERIOD, 'partner-a.workforce', [
      pressure('partner-a', 'social_care', 'social_worker', {
        employees_headcount: 44,
        employees_fte: 40,
        agency_headcount: 10,
        agency_fte: 10,
        leavers_headcount: 7,
        leavers_fte: 6,
        starters_headcount: 5,
        starters_fte: 4,
        aged_55_plus_headcount: 11,
        qualification_known_headcount: 40,
        qualification_gap_headcount: 6,
        sickness_days: 506,
        sickness_recorded_fte: 20,
      }),
      pressure('partner-a', 'health', 'nurse', { employees_headcount: 3, employees_fte: 2.5 }),
    ]);
    writeLakeFile(out, RECRUITMENT_PRESSURE, PERIOD, 'partner-a.vacancies', [
      {
        ...pressure('partner-a', 'social_care', 'social_worker', {
          vacancies_fte: 10,
          vacancies_agency_cover_fte: 8,
          hard_to_fill_vacancies_fte: 7.5,
        }),
        source_dataset: 'vacancies',
      },
    ]);
    writeLakeFile(out, RECRUITMENT_PRESSURE, PERIOD, 'partner-b.vacancies', [
      { ...pressure('partner-b', 'youth', 'youth_worker', { vacancies_fte: 2 }), source_dataset: 'vacancies' },
    ]);

    writeLakeFile(out, WORKFORCE_DIVERSITY, PERIOD, 'partner-a', [
      ...ethnicGroups('partner-a', { asian: 8, black: 22, mixed: 6, other: 2, white: 162, not_known: 10 }),
      ...ethnicGroups('partner-a', {
        asian_indian: 8,
        black_african: 22,
        mixed_other: 6,
        other_arab: 2,
        white_british: 162,
        not_known: 10,
      }).map((row) => ({ ...row, dimension: 'ethnicity' })),
    ]);
    writeLakeFile(out, WORKFORCE_DIVERSITY, PERIOD, 'partner-b', ethnicGroups('partner-b', { white: 12, black: 3 }));
    // The built-in census for the Trust's area is replaced by a later upload; another area is ignored.
    writeLakeFile(out, COMMUNITY_PROFILE, '2021-03-21', 'ons-census-2021', [
      ...community('ons-census-2021', 'E06000035', { white: 500, asian: 500 }),
      ...community('ons-census-2021', 'E06000001', { white: 1, asian: 999 }),
    ]);
    writeLakeFile(
      out,
      COMMUNITY_PROFILE,
      '2024-09-30',
      'partner-a',
      community('partner-a', 'E06000035', { white: 800, asian: 100, black: 60, mixed: 30, other: 10 }),
    );
    writeLakeFile(out, SUBMISSIONS, PERIOD, 'partner-a.workforce.u1', [
      {
        upload_id: 'u1',
        partner_id: 'partner-a',
        dataset: 'workforce',
        object_key: 'k',
        object_version: 'v',
        sha256: 's',
        received_at: '2025-10-01T10:00:00.000Z',
        processed_at: 'x',
        status: 'rejected',
        rows: 10,
        error_count: 3,
        warning_count: 0,
        report_key: 'r',
      },
      {
        upload_id: 'u2',
        partner_id: 'partner-a',
        dataset: 'workforce',
        object_key: 'k',
        object_version: 'v',
        sha256: 's',
        received_at: '2025-10-02T10:00:00.000Z',
        processed_at: 'x',
        status: 'accepted',
        rows: 210,
        error_count: 0,
        warning_count: 2,
        report_key: 'r',
      },
    ]);
    lake = await DuckDbLake.open(join(out, 'lake'), TEST_SETTINGS);
  });
  afterAll(() => lake.close());

  const rates = async (where: string) =>
    (await lake.query(`SELECT * FROM recruitment_rates WHERE period = DATE '${PERIOD}' AND ${where}`)).rows;

  it('computes every DfE rate from summed counts, as percentages', async () => {
    const [row] = await rates("partner_id = 'partner-a' AND sector = 'social_care' AND role = 'ALL'");

    expect(row).toMatchObject({
      turnover_rate: 15, // 6 / 40
      turnover_rate_headcount: (7 / 44) * 100,
      vacancy_rate: 20, // 10 / (10 + 40)
      agency_rate: 20, // 10 / (10 + 40)
      agency_cover_rate: 80, // 8 / 10 agency FTE
      vacancy_cover_rate: 80, // 8 / 10 vacant FTE
      hard_to_fill_rate: 75, // 7.5 / 10
      starter_rate: 10, // 4 / 40
      replacement_demand_rate: 25, // 11 / 44
      qualification_gap_rate: 15, // 6 / 40
      absence_rate: 10, // 506 / (20 × 253)
      suppressed: false,
    });
  });

  it('rolls up with ALL, summing before dividing', async () => {
    const [trust] = await rates("partner_id = 'ALL' AND sector = 'ALL' AND role = 'ALL'");
    const partners = await rates("partner_id <> 'ALL' AND sector = 'ALL' AND role = 'ALL'");

    expect(trust?.employees_fte).toBe(42.5);
    expect(trust?.vacancies_fte).toBe(12);
    expect(trust?.vacancy_rate).toBeCloseTo((12 / 54.5) * 100, 10);
    expect(partners.map((p) => p.partner_id).sort()).toEqual(['partner-a', 'partner-b']);
  });

  it('gives NULL, not 0 or infinity, when the denominator is 0, and flags small counts', async () => {
    const [partnerB] = await rates("partner_id = 'partner-b' AND sector = 'ALL' AND role = 'ALL'");
    const [nurses] = await rates("partner_id = 'ALL' AND sector = 'health' AND role = 'nurse'");

    expect(partnerB).toMatchObject({
      turnover_rate: null,
      agency_cover_rate: null,
      vacancy_rate: 100,
      suppressed: false,
    });
    expect(nurses).toMatchObject({ employees_headcount: 3, suppressed: true });
  });

  it('has every grouping set the spec lists', async () => {
    const { rows } = await lake.query(
      `SELECT DISTINCT partner_id = 'ALL' AS p, sector = 'ALL' AS s, role = 'ALL' AS r FROM recruitment_rates ORDER BY p, s, r`,
    );

    expect(rows).toEqual([
      { p: false, s: false, r: true }, // (partner, sector)
      { p: false, s: true, r: true }, // (partner)
      { p: true, s: false, r: false }, // (sector, role)
      { p: true, s: false, r: true }, // (sector)
      { p: true, s: true, r: false }, // (role)
      { p: true, s: true, r: true }, // (period)
    ]);
  });

  const diversity = async (partner: string) =>
    Object.fromEntries(
      (
        await lake.query(
          `SELECT * FROM diversity_vs_community WHERE partner_id = '${partner}' AND dimension = 'ethnic_group'`,
        )
      ).rows.map((row) => [row.category, row]),
    );

  it("compares shares with the latest community profile of the Trust's areas, with Wilson intervals", async () => {
    const rows = await diversity('partner-a');

    // Hand calculation: n = 200 known; z = 1.96; community 800/100/60/30/10 of 1,000.
    expect(rows.asian).toMatchObject({
      workforce_headcount: 8,
      workforce_known_headcount: 200,
      workforce_share: 4,
      community_share: 10,
      community_population: 100,
      assessment: 'under_represented',
    });
    expect(rows.asian?.representation_ratio).toBeCloseTo(0.4, 10);
    expect(rows.asian?.share_ci_low).toBeCloseTo(2.040539, 5);
    expect(rows.asian?.share_ci_high).toBeCloseTo(7.693294, 5);
    expect(rows.black).toMatchObject({ workforce_share: 11, community_share: 6, assessment: 'over_represented' });
    expect(rows.black?.share_ci_low).toBeCloseTo(7.37719, 5);
    expect(rows.black?.share_ci_high).toBeCloseTo(16.092798, 5);
    expect(rows.black?.representation_ratio).toBeCloseTo(11 / 6, 10);
    expect(rows.mixed).toMatchObject({ workforce_share: 3, assessment: 'in_line' });
    expect(rows.mixed?.share_ci_low).toBeCloseTo(1.382013, 5);
    expect(rows.white?.share_ci_low).toBeCloseTo(74.998641, 5);
    expect(rows.white).toMatchObject({ workforce_share: 81, community_share: 80, assessment: 'in_line' });
    expect(rows.other).toMatchObject({ workforce_share: 1, assessment: 'insufficient_data' }); // expected count 2 < 5
    expect(rows.not_known).toMatchObject({ workforce_headcount: 10, workforce_share: null, assessment: null });
    expect(rows.white?.not_known_share).toBeCloseTo((10 / 210) * 100, 10);
  });

  it('shows groups with no one in the workforce, and calls small workforces insufficient', async () => {
    const rows = await diversity('partner-b');

    expect(rows.asian).toMatchObject({
      workforce_headcount: 0,
      workforce_share: 0,
      community_share: 10,
      assessment: 'insufficient_data',
      suppressed: false,
    });
    expect(rows.black).toMatchObject({ workforce_headcount: 3, suppressed: true });
  });

  it('adds the partners up for the Trust as a whole', async () => {
    const rows = await diversity('ALL');

    expect(rows.black).toMatchObject({ workforce_headcount: 25, workforce_known_headcount: 215 });
  });

  it('reports coverage: who submitted, what was rejected, and who is missing', async () => {
    const { rows } = await lake.query(`SELECT * FROM data_quality ORDER BY partner_id, dataset`);
    const partnerAWorkforce = rows.find((r) => r.partner_id === 'partner-a' && r.dataset === 'workforce');

    expect(rows).toHaveLength(6); // two configured partners × three datasets, for the one period submitted
    expect(partnerAWorkforce).toMatchObject({
      latest_status: 'accepted',
      in_force: true,
      submission_count: 2,
      rejected_count: 1,
      rows: 210,
      warnings: 2,
    });
    expect(partnerAWorkforce?.ethnicity_not_known_share).toBeCloseTo((10 / 210) * 100, 10);
    expect(rows.filter((r) => r.latest_status === 'missing')).toHaveLength(5);
  });
});
