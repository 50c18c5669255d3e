import Papa from 'papaparse';
import { ETHNICITY, type AGE_BAND, type CodesOf, type DISABILITY, type SEX } from '../contract/code-lists.ts';

export const CENSUS_PARTNER_ID = 'ons-census-2021';
/** Census day: the period the built-in profile is filed under. */
export const CENSUS_PERIOD = '2021-03-21';

const OGL = 'Open Government Licence v3.0';
/** Where each dimension of the built-in profile comes from (transforms/reference/README.md). */
export const CENSUS_SOURCES = {
  ethnicity: `ONS Census 2021, TS021 Ethnic group (${OGL})`,
  sexAge: `ONS Census 2021, TS009 Sex by single year of age, summed into bands (${OGL})`,
  disability: `ONS Census 2021, TS038 Disability, summed from the small-area table (${OGL})`,
} as const;

/**
 * Who a community profile's counts cover: the population the workforce is compared with. The
 * working-age population where the Census tables allow it (sex, age band); residents of all ages
 * where they do not (ethnic group: TS021 has no age split; disability: no working-age split here).
 */
export const POPULATION_BASIS = {
  workingAge: 'residents aged 16 to 64',
  allAges: 'residents of all ages',
} as const;

export type CommunityRow =
  | CensusRow<'ethnicity', CodesOf<typeof ETHNICITY>>
  | CensusRow<'sex', CodesOf<typeof SEX>>
  | CensusRow<'age_band', CodesOf<typeof AGE_BAND>>
  | CensusRow<'disability', CodesOf<typeof DISABILITY>>;

type CensusRow<D extends string, C extends string> = {
  readonly area_code: string;
  readonly area_name: string;
  readonly dimension: D;
  readonly category: C;
  readonly population: number;
  readonly population_basis: string;
  readonly source: string;
};

/** A shipped Census file that is not as its README describes: the copy is damaged. */
export class CensusFileError extends Error {
  override readonly name = 'CensusFileError';
}

/** A file's records by its header, BOM and CRLF allowed. */
export function censusRecords(csvText: string): Record<string, string>[] {
  const text = csvText.replace(/^\uFEFF/, '').trim();
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** A count as a whole number ≥ 0, or the error that says which line is wrong. */
export function censusCount(text: string | undefined, file: string, line: number): number {
  if (text === undefined || !/^\d+$/.test(text)) {
    throw new CensusFileError(`${file} line ${line}: '${text ?? ''}' is not a count.`);
  }
  return Number(text);
}

/** Every area has exactly one row for each category of the dimension. */
export function expectEveryArea(
  rows: readonly CommunityRow[],
  dimension: CommunityRow['dimension'],
  categories: readonly string[],
): void {
  const seen = new Map<string, string[]>();
  for (const row of rows.filter((r) => r.dimension === dimension)) {
    seen.set(row.area_code, [...(seen.get(row.area_code) ?? []), row.category]);
  }
  const expected = [...categories].sort().join(',');
  for (const [area, held] of seen) {
    if ([...held].sort().join(',') !== expected) {
      throw new CensusFileError(`${area} has ${dimension} categories ${held.join(', ')}, not ${expected}.`);
    }
  }
}

const BY_ONS_CODE = new Map(
  ETHNICITY.entries.flatMap((entry) =>
    entry.aliases.filter((alias) => /^\d+$/.test(alias)).map((alias) => [alias, entry.code] as const),
  ),
);

/** The ethnicity rows from the TS021 file's text (category -8, "Does not apply", left out); all ages. */
export function parseCensusEthnicity(csvText: string): CommunityRow[] {
  const { data } = Papa.parse<string[]>(csvText.trim(), { skipEmptyLines: true });
  const rows: CommunityRow[] = [];
  for (const [areaCode, areaName, onsCode, , count] of data.slice(1)) {
    const category = BY_ONS_CODE.get(onsCode ?? '');
    if (category === undefined || areaCode === undefined || areaName === undefined) continue;
    rows.push({
      area_code: areaCode,
      area_name: areaName,
      dimension: 'ethnicity',
      category,
      population: Number(count),
      population_basis: POPULATION_BASIS.allAges,
      source: CENSUS_SOURCES.ethnicity,
    });
  }
  return rows;
}
