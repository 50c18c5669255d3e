export { WorkforceDataset, type WorkforceRow } from './workforce.ts';
export { VacanciesDataset, type VacancyRow } from './vacancies.ts';
export { LeaversDataset, type LeaverRow } from './leavers.ts';
export { CommunityProfileDataset, type CommunityProfileRow } from './community-profile.ts';
export { DATASETS, DATASET_NAMES, datasetDefinition, isDatasetName, type DatasetName } from './registry.ts';
