import type { CodesOf, DISABILITY } from '../contract/code-lists.ts';
import {
  CENSUS_SOURCES,
  CensusFileError,
  POPULATION_BASIS,
  censusCount,
  censusRecords,
  expectEveryArea,
  type CommunityRow,
} from './census-2021.ts';

const FILE = 'census2021-disability-utla2023.csv';

/**
 * TS038's two Equality Act totals, to the contract's disability codes. The file also splits each
 * ("Disabled: limited a lot / a little", "Not disabled: long-term condition … / no long-term
 * condition") and gives the total of all residents: those rows are parts or sums of these two,
 * and are left out so that no one is counted twice.
 */
const DISABILITY_OF: Readonly<Record<string, CodesOf<typeof DISABILITY>>> = {
  'Disabled under the Equality Act': 'yes',
  'Not disabled under the Equality Act': 'no',
};

/** Disability (yes, no) for every area: residents of all ages, as the file has no working-age split. */
export function parseCensusDisability(csvText: string): CommunityRow[] {
  const rows: CommunityRow[] = [];
  censusRecords(csvText).forEach((record, index) => {
    const { area_code: areaCode, area_name: areaName, disability, age_group: ages } = record;
    const line = index + 2;
    if (!areaCode || !areaName || !disability) throw new CensusFileError(`${FILE} line ${line}: a column is empty.`);
    if (ages !== 'All ages') {
      throw new CensusFileError(`${FILE} line ${line}: age group '${ages ?? ''}', where only 'All ages' is expected.`);
    }
    const category = DISABILITY_OF[disability];
    if (category === undefined) return;
    rows.push({
      area_code: areaCode,
      area_name: areaName,
      dimension: 'disability',
      category,
      population: censusCount(record.count, FILE, line),
      population_basis: POPULATION_BASIS.allAges,
      source: CENSUS_SOURCES.disability,
    });
  });
  expectEveryArea(rows, 'disability', Object.values(DISABILITY_OF));
  return rows;
}
