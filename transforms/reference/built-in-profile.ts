import { parseCensusEthnicity, type CommunityRow } from './census-2021.ts';
import { parseCensusDisability } from './census-disability.ts';
import { parseCensusSexAge } from './census-sex-age.ts';
import type { CensusTexts } from './files.ts';

/**
 * The built-in community profile: every upper-tier authority's Census 2021 counts on every
 * dimension the workforce is compared on — ethnicity (all ages), sex and age band (aged 16 to 64),
 * disability (all ages) — each row saying its population basis and source.
 */
export function builtInCommunityRows(texts: CensusTexts): CommunityRow[] {
  return [
    ...parseCensusEthnicity(texts.censusEthnicity),
    ...parseCensusSexAge(texts.censusSexAge),
    ...parseCensusDisability(texts.censusDisability),
  ];
}
