/**
 * The reference data files shipped with the project, in transforms/reference/ (sources and
 * licence in its README). One list: the local readers, the Lambda bundles and the tests take the
 * names from here.
 */
export const REFERENCE_FILES = {
  /** ONS Census 2021 TS021 Ethnic group, upper-tier authorities, all ages. */
  censusEthnicity: 'census2021-ts021-ethnic-group-utla.csv',
  /** ONS Census 2021 TS009 Sex by single year of age, summed into bands, upper-tier authorities. */
  censusSexAge: 'census2021-sex-age-utla2023.csv',
  /** ONS Census 2021 TS038 Disability, all ages, upper-tier authorities. */
  censusDisability: 'census2021-disability-utla2023.csv',
  /** DfE Children's social work workforce, England and regions, 2017 onwards, three releases. */
  dfeCsww: 'dfe-csww-england.csv',
} as const;

export type ReferenceFile = keyof typeof REFERENCE_FILES;

/** The Census files the built-in community profile is made from. */
export const CENSUS_FILES = ['censusEthnicity', 'censusSexAge', 'censusDisability'] as const;
export type CensusFile = (typeof CENSUS_FILES)[number] & ReferenceFile;

/** The Census files' text, by file. */
export type CensusTexts = Readonly<Record<CensusFile, string>>;

/** The Census files' text, each read with `read` (from the checkout, or from beside a Lambda bundle). */
export function censusTexts(read: (file: CensusFile) => string): CensusTexts {
  return {
    censusEthnicity: read('censusEthnicity'),
    censusSexAge: read('censusSexAge'),
    censusDisability: read('censusDisability'),
  };
}
