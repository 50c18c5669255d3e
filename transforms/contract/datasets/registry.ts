import type { DatasetDefinition } from '../dataset.ts';
import { CommunityProfileDataset } from './community-profile.ts';
import { LeaversDataset } from './leavers.ts';
import { VacanciesDataset } from './vacancies.ts';
import { WorkforceDataset } from './workforce.ts';

export const DATASETS = {
  workforce: WorkforceDataset,
  vacancies: VacanciesDataset,
  leavers: LeaversDataset,
  community_profile: CommunityProfileDataset,
} as const;

export type DatasetName = keyof typeof DATASETS;

export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** The datasets each partner sends for every collection period. */
export const PARTNER_DATASETS = DATASET_NAMES.filter((name) => DATASETS[name].uploadedBy === 'partner');

/** The datasets only the Trust uploads (its community profile). */
export const TRUST_DATASETS = DATASET_NAMES.filter((name) => DATASETS[name].uploadedBy === 'trust');

/**
 * The dataset whose rows are the people in post: the workforce counted, and the characteristics
 * the diversity figures and the not-known shares come from.
 */
export const PEOPLE_DATASET = 'workforce' satisfies DatasetName;

/** Names in words, for messages and usage: "workforce, vacancies and leavers", "a or b". */
export function namesInWords(names: readonly string[], conjunction: 'and' | 'or'): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/**
 * What the issue codes tell a partner about the datasets, from the registry. Its return type is
 * written out, so that ISSUE_CODES, whose codes the datasets' rules name, can use it without its
 * type resting on theirs.
 */
export function datasetAdvice(): { readonly unknown: string; readonly notPermitted: string } {
  const trust = TRUST_DATASETS.map(
    (name) =>
      `${DATASETS[name].title}s are the Trust's own data: the Trust uploads them under uploads/_trust/${name}/<date>/.`,
  );
  return {
    unknown: `Use one of: ${DATASET_NAMES.join(', ')}.`,
    notPermitted: [...trust, `Partners upload their ${namesInWords(PARTNER_DATASETS, 'and')} files.`].join(' '),
  };
}

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}

/** A dataset's definition with its row type widened, for code that works on any dataset. */
export function datasetDefinition(name: DatasetName): DatasetDefinition {
  return DATASETS[name];
}
