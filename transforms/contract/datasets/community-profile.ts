import { DIMENSION, DIMENSION_CATEGORIES } from '../code-lists.ts';
import { resolveCode } from '../code-lookup.ts';
import { defineDataset, optional, required, type RowOf } from '../dataset.ts';
import { codeField, textField, wholeNumberField } from '../fields.ts';

export const CommunityProfileDataset = defineDataset({
  name: 'community_profile',
  uploadedBy: 'trust',
  title: 'Community profile',
  grain: 'One row per area, dimension and category.',
  description:
    'The community the workforce serves, uploaded by a Trust analyst. The Census 2021 profile of every upper-tier ' +
    'local authority is built in (ethnicity and disability of residents of all ages; sex and age band of residents ' +
    'aged 16 to 64); an upload for the same area and dimension takes precedence.',
  columns: {
    area_code: {
      field: textField('area_code', 50),
      requirement: required,
      description: 'An ONS GSS code (E06000035) or a locality name.',
    },
    area_name: { field: textField('area_name', 100), requirement: required, description: "The area's name." },
    dimension: { field: codeField(DIMENSION), requirement: required, description: DIMENSION.description },
    category: {
      field: textField('category', 100),
      requirement: required,
      description: "A code of the dimension's code list (labels and aliases allowed).",
    },
    population: {
      field: wholeNumberField('population'),
      requirement: required,
      description: 'People in the category, a whole number ≥ 0.',
    },
    population_basis: {
      field: textField('population_basis', 100),
      requirement: optional,
      description: "Who the counts cover, in a report's words: 'residents aged 16 to 64', 'residents of all ages'.",
    },
    source: { field: textField('source', 200), requirement: optional, description: 'Where the figures come from.' },
  },
  rules: [
    {
      code: 'CATEGORY_NOT_IN_DIMENSION',
      column: 'category',
      reads: ['dimension', 'category'],
      description: "category is a code of the dimension's list; it is stored as the canonical code.",
      check: (row) => {
        const list = DIMENSION_CATEGORIES[row.dimension];
        const code = resolveCode(list, row.category);
        if (code === undefined)
          return `'${row.category}' is not a ${row.dimension} code. See the ${list.name} codes in the data contract.`;
        row.category = code;
        return undefined;
      },
    },
  ],
});

export type CommunityProfileRow = RowOf<typeof CommunityProfileDataset.columns>;
