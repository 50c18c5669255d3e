import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbLake, type JsonValue } from '../../functions/local/duckdb-lake.ts';
import { readCensusTexts } from '../../functions/reference-data.ts';
import { communityProfileTable } from '../../transforms/aggregate/submission-tables.ts';
import { builtInCommunityRows } from '../../transforms/reference/built-in-profile.ts';
import { CENSUS_SOURCES } from '../../transforms/reference/census-2021.ts';
import { COMMUNITY_PROFILE, WORKFORCE_DIVERSITY } from '../../transforms/tables/definitions.ts';
import { TEST_SETTINGS, temporaryFolder, writeLakeFile } from '../lake-helpers.ts';

const PERIOD = '2025-09-30';
const WORKING_AGE = 'residents aged 16 to 64';

const people = (dimension: string, counts: Record<string, number>) =>
  Object.entries(counts).map(([category, headcount]) => {
    return { partner_id: 'partner-a', sector: 'social_care', role: 'social_worker', dimension, category, headcount };
  });

const profileRows = (rows: readonly Record<string, unknown>[], partner: string) =>
  communityProfileTable(rows, partner).objects() as Record<string, unknown>[];

/**
 * The real built-in profile (Medway, E06000035, from the shipped Census files) against a workforce
 * of 110 people; every expectation worked out by hand from the Census rows quoted.
 */
describe('diversity_vs_community on every dimension, against the built-in Census profile', () => {
  let folder: string;
  let lake: DuckDbLake;

  beforeAll(async () => {
    folder = temporaryFolder();
    const census = profileRows(builtInCommunityRows(readCensusTexts()), 'ons-census-2021');
    writeLakeFile(folder, COMMUNITY_PROFILE, '2021-03-21', 'ons-census-2021', census);
    writeLakeFile(folder, WORKFORCE_DIVERSITY, PERIOD, 'partner-a', [
      ...people('age_band', { '16_24': 10, '25_34': 40, '35_44': 30, '45_54': 10, '55_64': 10, '65_plus': 5 }),
      ...people('age_band', { not_known: 5 }),
      ...people('sex', { female: 60, male: 38, other: 2, not_known: 10 }),
      ...people('disability', { yes: 6, no: 90, not_known: 10, refused: 4 }),
      ...people('ethnicity', { white_british: 100, black_african: 10 }),
      ...people('ethnic_group', { white: 100, black: 10 }),
    ]);
    // A later upload replaces the Census ethnic groups for Medway only: its basis is its own.
    const upload = (category: string, population: number) => ({
      area_code: 'E06000035',
      area_name: 'Medway',
      dimension: 'ethnicity',
      category,
      population,
      population_basis: 'residents aged 16 and over',
      source: 'Trust survey',
    });
    const uploaded = profileRows([upload('white_british', 900), upload('black_african', 100)], '_trust');
    writeLakeFile(folder, COMMUNITY_PROFILE, '2024-09-30', '_trust', uploaded);
    lake = await DuckDbLake.open(join(folder, 'lake'), TEST_SETTINGS);
  });
  afterAll(() => lake.close());

  const rows = async (dimension: string, target = lake): Promise<Record<string, Record<string, JsonValue>>> => {
    const sql = `SELECT * FROM diversity_vs_community WHERE partner_id = 'partner-a' AND dimension = '${dimension}'`;
    return Object.fromEntries((await target.query(sql)).rows.map((r) => [r.category, r]));
  };

  it('compares age with residents aged 16 to 64, among staff aged 16 to 64; 65 and over are not compared', async () => {
    const age = await rows('age_band');

    // Medway 16-64: 176,704; 25-34: 38,710 (21.906691%). Staff aged 16-64: 100 of the 105 whose age is known.
    expect(age['25_34']).toMatchObject({
      workforce_headcount: 40,
      workforce_known_headcount: 105,
      workforce_share_base: 100,
      workforce_share: 40,
      community_population: 38710,
      community_basis: WORKING_AGE,
      assessment: 'over_represented',
    });
    expect(age['25_34']?.community_share).toBeCloseTo(21.906691, 5);
    expect(age['25_34']?.share_ci_low).toBeCloseTo(30.939975, 5);
    expect(age['25_34']?.representation_ratio).toBeCloseTo(40 / 21.906691, 5);
    // 55-64: 34,440 (19.490221%); 10 of 100 → 10%, interval 5.522854-17.43673: wholly below.
    expect(age['55_64']).toMatchObject({ workforce_share: 10, assessment: 'under_represented' });
    expect(age['55_64']?.share_ci_high).toBeCloseTo(17.43673, 5);
    // 65 and over: 5 of the 105 known, shown, with no comparator.
    expect(age['65_plus']).toMatchObject({
      workforce_headcount: 5,
      workforce_share_base: 105,
      community_population: null,
      community_share: null,
      assessment: null,
      community_basis: WORKING_AGE,
    });
    expect(age['65_plus']?.workforce_share).toBeCloseTo((5 / 105) * 100, 10);
    const compared = Object.values(age).filter((r) => r.community_share !== null);
    expect(compared.reduce((sum, r) => sum + Number(r.workforce_share), 0)).toBeCloseTo(100, 10);
  });

  it('compares sex with residents aged 16 to 64, female and male only', async () => {
    const sex = await rows('sex');

    // Medway 16-64: female 89,737, male 86,967 (50.783797%, 49.216203%). Staff: 98 female or male of 100 known.
    expect(sex.female).toMatchObject({ workforce_share_base: 98, community_population: 89737 });
    expect(sex.female?.assessment).toBe('over_represented');
    expect(sex.female?.workforce_share).toBeCloseTo(61.22449, 5);
    expect(sex.female?.community_share).toBeCloseTo(50.783797, 5);
    expect(sex.female?.share_ci_low).toBeCloseTo(51.32849, 5);
    expect(sex.male?.share_ci_high).toBeCloseTo(48.67151, 5);
    expect(sex.male?.assessment).toBe('under_represented');
    expect(sex.other).toMatchObject({ workforce_share: 2, workforce_share_base: 100, community_share: null });
    expect(sex.other?.assessment).toBeNull();
    expect(sex.not_known).toMatchObject({ workforce_share: null, workforce_share_base: null });
    expect(sex.not_known?.not_known_share).toBeCloseTo((10 / 110) * 100, 10);
  });

  it('compares disability with residents of all ages, Equality Act disabled against not', async () => {
    const disability = await rows('disability');

    // Medway, all ages: disabled 48,574, not disabled 231,184 (17.362864% of 279,758). Staff: 6 of 96 known = 6.25%.
    expect(disability.yes).toMatchObject({
      workforce_share: 6.25,
      workforce_share_base: 96,
      community_population: 48574,
      community_basis: 'residents of all ages',
      assessment: 'under_represented',
    });
    expect(disability.yes?.community_share).toBeCloseTo(17.362864, 5);
    expect(disability.yes?.share_ci_low).toBeCloseTo(2.895628, 5);
    expect(disability.yes?.share_ci_high).toBeCloseTo(12.971105, 5);
    expect(disability.refused).toMatchObject({ workforce_share: null, assessment: null });
  });

  it('lets an upload replace the Census for its area and dimension, with the basis it states', async () => {
    const ethnicity = await rows('ethnicity');
    const groups = await rows('ethnic_group');

    expect(ethnicity.white_british).toMatchObject({ community_population: 900, community_share: 90 });
    expect(ethnicity.white_british?.community_basis).toBe('residents aged 16 and over');
    expect(ethnicity.white_british?.community_source).toBe('Trust survey');
    expect((await rows('age_band'))['16_24']?.community_source).toBe(CENSUS_SOURCES.sexAge);
    expect((await rows('disability')).no?.community_source).toBe(CENSUS_SOURCES.disability);
    expect(groups.black).toMatchObject({ community_population: 100, community_basis: 'residents aged 16 and over' });
    expect((await rows('sex')).female?.community_basis).toBe(WORKING_AGE);
  });

  it("says so when the Trust's areas are on different bases, and sums areas on the same one", async () => {
    const settings = { ...TEST_SETTINGS, communityAreas: ['E06000035', 'E06000001'] };
    const twoAreas = await DuckDbLake.open(join(folder, 'lake'), settings);
    try {
      // Hartlepool (E06000001) keeps the Census, of all ages; Medway's upload is of residents aged 16+.
      const ethnicity = await rows('ethnicity', twoAreas);
      expect(ethnicity.white_british?.community_basis).toBe('different bases in different areas');
      expect(ethnicity.white_british?.community_source).toBe(`${CENSUS_SOURCES.ethnicity}; Trust survey`);
      // Hartlepool 16-64: female 29,161 (hand-read from the TS009 bands file) + Medway 89,737.
      const sex = await rows('sex', twoAreas);
      expect(sex.female).toMatchObject({ community_population: 89737 + 29161, community_basis: WORKING_AGE });
    } finally {
      twoAreas.close();
    }
  });

  it('reads a profile uploaded before the lake had population_basis, as of no stated basis', async () => {
    const columns = COMMUNITY_PROFILE.columns.filter((c) => c.name !== 'population_basis');
    const older = { ...COMMUNITY_PROFILE, columns };
    const hartlepool = (category: string, population: number) => ({
      partner_id: '_trust',
      area_code: 'E06000001',
      area_name: 'Hartlepool',
      dimension: 'disability',
      category,
      population,
      source: 'old upload',
    });
    writeLakeFile(folder, older, '2024-09-30', 'hartlepool-upload', [hartlepool('yes', 10), hartlepool('no', 90)]);
    const settings = { ...TEST_SETTINGS, communityAreas: ['E06000001'] };
    const onlyHartlepool = await DuckDbLake.open(join(folder, 'lake'), settings);
    try {
      const yes = (await rows('disability', onlyHartlepool)).yes;
      expect(yes).toMatchObject({ community_population: 10, community_share: 10, community_basis: null });
    } finally {
      onlyHartlepool.close();
    }
  });
});
