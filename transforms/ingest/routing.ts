import { isDatasetName, type DatasetName } from '../contract/datasets/registry.ts';
import type { IssueCode } from '../contract/issue-codes.ts';

export type UploadRoute =
  | { readonly ok: true; readonly partnerId: string; readonly dataset: DatasetName; readonly period: string; readonly fileName: string }
  | { readonly ok: false; readonly code: IssueCode; readonly message: string; readonly partnerId?: string };

const PERIOD = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The key is the only routing: `uploads/<partner_id>/<dataset>/<period>/<file>.csv`. A key off
 * that pattern, an unknown partner or dataset, or a bad period is a rejection with a report.
 */
export function routeUploadKey(key: string, partnerIds: readonly string[]): UploadRoute {
  const parts = key.split('/');
  const [prefix, partnerId, dataset, period, ...rest] = parts;
  const fileName = rest.join('/');
  const known = partnerId !== undefined && partnerIds.includes(partnerId) ? partnerId : undefined;
  const reject = (code: IssueCode, message: string): UploadRoute => ({ ok: false, code, message, ...(known ? { partnerId: known } : {}) });
  if (prefix !== 'uploads' || partnerId === undefined || dataset === undefined || period === undefined || rest.length !== 1 || fileName === '') {
    return reject('UPLOAD_KEY_INVALID', `'${key}' is not of the form uploads/<partner_id>/<dataset>/<period>/<file>.csv.`);
  }
  if (known === undefined) return reject('PARTNER_UNKNOWN', `'${partnerId}' is not a partner the Trust has configured.`);
  if (!isDatasetName(dataset)) return reject('DATASET_UNKNOWN', `'${dataset}' is not a dataset: use workforce, vacancies, leavers or community_profile.`);
  if (!PERIOD.test(period) || Number.isNaN(Date.parse(`${period}T00:00:00Z`)) || new Date(`${period}T00:00:00Z`).toISOString().slice(0, 10) !== period) {
    return reject('PERIOD_INVALID', `'${period}' is not a period date in the form YYYY-MM-DD.`);
  }
  return { ok: true, partnerId, dataset, period, fileName };
}
