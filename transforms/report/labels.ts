import {
  AGE_BAND,
  DISABILITY,
  EMPLOYER_TYPE,
  EMPLOYMENT_BASIS,
  ETHNICITY,
  ROLE,
  SECTOR,
  SETTING,
  SEX,
  type CodeList,
} from '../contract/code-lists.ts';

const ETHNIC_GROUPS: Record<string, string> = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or Multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  not_known: 'Not known',
  refused: 'Refused',
};

const LISTS: Record<string, CodeList> = {
  sector: SECTOR,
  role: ROLE,
  setting: SETTING,
  employer_type: EMPLOYER_TYPE,
  employment_basis: EMPLOYMENT_BASIS,
  ethnicity: ETHNICITY,
  sex: SEX,
  age_band: AGE_BAND,
  disability: DISABILITY,
};

/** The words for a code, from the contract's code lists. */
export function labelOf(list: string, code: string): string {
  if (list === 'ethnic_group') return ETHNIC_GROUPS[code] ?? code;
  if (list === 'setting' && code === 'not_given') return 'Not given';
  return LISTS[list]?.entries.find((entry) => entry.code === code)?.label ?? code;
}

export const DIMENSION_TITLES: Record<string, string> = {
  ethnic_group: 'Ethnic group',
  ethnicity: 'Ethnicity (Census 2021 categories)',
  sex: 'Sex',
  age_band: 'Age',
  disability: 'Disability',
};
