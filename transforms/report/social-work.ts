/**
 * The roles the DfE children's social work workforce census counts (children and family social
 * workers, senior practitioners and their managers): the Trust's figures for them are the ones set
 * beside England's.
 */
export const SOCIAL_WORK_ROLES = ['social_worker', 'senior_social_worker', 'social_work_manager'] as const;
