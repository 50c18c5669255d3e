import type { CodeList } from './code-lists.ts';
import { CONTRACT, DISABILITY, ETHNICITY, SEX } from './code-lists.ts';

/**
 * Other wordings partners' systems use for some codes. They are not accepted as they stand (the
 * code lists say what is); they are what a value is matched against to suggest the code meant:
 * "Any other White background" gets "Did you mean 'white_other'?".
 *
 * Ethnic groups: the DfE's descriptions of its codes (children's social work workforce and school
 * censuses), the NHS Data Dictionary's ethnic categories (2001 Census groups) and the Census 2021
 * tick-box wordings (ONS). Where the 2001 groups do not map exactly (Chinese was under "Other"),
 * the suggestion is the Census 2021 group the DfE and NHS codes map to in this contract.
 */
type Wordings = Readonly<Record<string, readonly string[]>>;

export const OTHER_WORDINGS: ReadonlyMap<CodeList, Wordings> = new Map<CodeList, Wordings>([
  [
    ETHNICITY,
    {
      white_british: ['White - British', 'White British', 'English, Welsh, Scottish, Northern Irish or British'],
      white_irish: ['White - Irish', 'White Irish'],
      white_gypsy_irish_traveller: ['Traveller of Irish heritage', 'Gypsy or Irish Traveller', 'Irish Traveller'],
      white_roma: ['Gypsy / Roma', 'Gypsy/Roma'],
      white_other: ['Any other White background', 'White - Any other White background', 'Other White'],
      mixed_white_black_caribbean: ['Mixed - White and Black Caribbean'],
      mixed_white_black_african: ['Mixed - White and Black African'],
      mixed_white_asian: ['Mixed - White and Asian'],
      mixed_other: [
        'Any other mixed background',
        'Mixed - Any other mixed background',
        'Any other Mixed or Multiple background',
      ],
      asian_indian: ['Asian or Asian British - Indian'],
      asian_pakistani: ['Asian or Asian British - Pakistani'],
      asian_bangladeshi: ['Asian or Asian British - Bangladeshi'],
      asian_chinese: ['Other Ethnic Groups - Chinese'],
      asian_other: ['Any other Asian background', 'Asian or Asian British - Any other Asian background'],
      black_caribbean: ['Black Caribbean', 'Black or Black British - Caribbean'],
      black_african: ['Black African', 'Black - African', 'Black or Black British - African'],
      black_other: [
        'Any other Black background',
        'Black or Black British - Any other Black background',
        'Any other Black, Black British, or Caribbean background',
      ],
      other_any: ['Any other ethnic group', 'Other Ethnic Groups - Any other ethnic group'],
      not_known: ['Not stated', 'Information not yet obtained', 'Unknown'],
      refused: ['Prefer not to say', 'Information refused', 'Declined'],
    },
  ],
  [SEX, { female: ['Woman'], male: ['Man'], not_known: ['Unknown', 'Not stated'], refused: ['Prefer not to say'] }],
  [CONTRACT, { fixed_term: ['Temporary', 'Fixed-term contract'], bank: ['Relief', 'Zero-hours contract'] }],
  [DISABILITY, { not_known: ['Unknown', 'Not stated'], refused: ['Prefer not to say', 'Information refused'] }],
]);
