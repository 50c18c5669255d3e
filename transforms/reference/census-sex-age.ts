import type { AGE_BAND, CodesOf, SEX } from '../contract/code-lists.ts';
import {
  CENSUS_SOURCES,
  CensusFileError,
  POPULATION_BASIS,
  censusCount,
  censusRecords,
  expectEveryArea,
  type CommunityRow,
} from './census-2021.ts';

const FILE = 'census2021-sex-age-utla2023.csv';
/** The working-age band: sex is compared with residents aged 16 to 64. */
const WORKING_AGE_BAND = '16-64';

const SEX_OF: Readonly<Record<string, CodesOf<typeof SEX>>> = { Female: 'female', Male: 'male' };

/**
 * The Census bands of working age, to the contract's age bands. 65_plus has no comparator: the
 * workforce is compared with residents aged 16 to 64, not with a 65+ population that is mostly
 * retired (comparing with all residents aged 16+ would make every working-age band look
 * over-represented and 65+ far under-represented, which says nothing about recruitment).
 */
const AGE_BAND_OF: Readonly<Record<string, CodesOf<typeof AGE_BAND>>> = {
  '16-24': '16_24',
  '25-34': '25_34',
  '35-44': '35_44',
  '45-54': '45_54',
  '55-64': '55_64',
};

/**
 * Sex (female, male: residents aged 16 to 64) and age band (residents aged 16 to 64, by band) for
 * every area of the TS009 bands file. Census 2021 records sex as female or male only.
 */
export function parseCensusSexAge(csvText: string): CommunityRow[] {
  const rows: CommunityRow[] = [];
  const base = { population_basis: POPULATION_BASIS.workingAge, source: CENSUS_SOURCES.sexAge };
  censusRecords(csvText).forEach((record, index) => {
    const { area_code: areaCode, area_name: areaName, sex, age_band: band } = record;
    const line = index + 2;
    if (!areaCode || !areaName || !sex || !band) throw new CensusFileError(`${FILE} line ${line}: a column is empty.`);
    const population = censusCount(record.count, FILE, line);
    const area = { area_code: areaCode, area_name: areaName, population, ...base };
    const sexCode = SEX_OF[sex];
    if (sexCode !== undefined && band === WORKING_AGE_BAND) {
      rows.push({ ...area, dimension: 'sex', category: sexCode });
    }
    const bandCode = AGE_BAND_OF[band];
    if (sex === 'All persons' && bandCode !== undefined) {
      rows.push({ ...area, dimension: 'age_band', category: bandCode });
    }
  });
  expectEveryArea(rows, 'sex', Object.values(SEX_OF));
  expectEveryArea(rows, 'age_band', Object.values(AGE_BAND_OF));
  return rows;
}
