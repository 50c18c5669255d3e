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

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}

/** A dataset's definition with its row type widened, for code that works on any dataset. */
export function datasetDefinition(name: DatasetName): DatasetDefinition {
  return DATASETS[name];
}
