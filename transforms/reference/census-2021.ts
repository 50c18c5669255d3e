import Papa from 'papaparse';
import { ETHNICITY } from '../contract/code-lists.ts';

export const CENSUS_PARTNER_ID = 'ons-census-2021';
/** Census day: the period the built-in profile is filed under. */
export const CENSUS_PERIOD = '2021-03-21';
export const CENSUS_SOURCE = 'ONS Census 2021, TS021 Ethnic group (Open Government Licence v3.0)';

const BY_ONS_CODE = new Map(
  ETHNICITY.entries.flatMap((entry) => entry.aliases.filter((alias) => /^\d+$/.test(alias)).map((alias) => [alias, entry.code] as const)),
);

export type CommunityRow = {
  readonly area_code: string;
  readonly area_name: string;
  readonly dimension: 'ethnicity';
  readonly category: string;
  readonly population: number;
  readonly source: string;
};

/** The built-in community profile rows from the TS021 file's text (category -8, "Does not apply", left out). */
export function parseCensusEthnicity(csvText: string): CommunityRow[] {
  const { data } = Papa.parse<string[]>(csvText.trim(), { skipEmptyLines: true });
  const rows: CommunityRow[] = [];
  for (const [areaCode, areaName, onsCode, , count] of data.slice(1)) {
    const category = BY_ONS_CODE.get(onsCode ?? '');
    if (category === undefined || areaCode === undefined || areaName === undefined) continue;
    rows.push({ area_code: areaCode, area_name: areaName, dimension: 'ethnicity', category, population: Number(count), source: CENSUS_SOURCE });
  }
  return rows;
}
