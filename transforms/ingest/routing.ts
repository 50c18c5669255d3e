import { checkPeriod, type CollectionRule } from '../config/collection-periods.ts';
import {
  DATASET_NAMES,
  DATASETS,
  isDatasetName,
  PARTNER_DATASETS,
  type DatasetName,
} from '../contract/datasets/registry.ts';
import type { IssueCode } from '../contract/issue-codes.ts';
import { PREFIXES, TRUST_UPLOADER, UPLOAD_KEY_FORM, uploadsPrefix } from '../storage/object-layout.ts';
import { checkReferenceDate } from '../tables/table-periods.ts';

export type Uploader = 'partner' | 'trust';

export type UploadRoute =
  | {
      readonly ok: true;
      readonly uploader: Uploader;
      /** The partner's id, or TRUST_UPLOADER for the Trust's own uploads. */
      readonly partnerId: string;
      readonly dataset: DatasetName;
      readonly period: string;
      readonly fileName: string;
    }
  | { readonly ok: false; readonly code: IssueCode; readonly message: string; readonly partnerId?: string };

export interface RoutingRules extends CollectionRule {
  readonly partners: readonly { readonly id: string }[];
}

/**
 * The key is the only routing: `uploads/<partner_id>/<dataset>/<period>/<file>.csv` for a
 * partner's own files of the registry's PARTNER_DATASETS, for one of the Trust's open collection
 * periods; `uploads/_trust/<dataset>/<date>/<file>.csv` for the Trust's own (TRUST_DATASETS, its
 * community profile). Anything else is a rejection with a report that says what is allowed.
 */
export function routeUploadKey(key: string, rules: RoutingRules, today: string): UploadRoute {
  const parts = key.split('/');
  const [prefix, uploaderId, dataset, period, ...rest] = parts;
  const fileName = rest.join('/');
  const isTrust = uploaderId === TRUST_UPLOADER;
  const known =
    uploaderId !== undefined && (isTrust || rules.partners.some((p) => p.id === uploaderId)) ? uploaderId : undefined;
  const reject = (code: IssueCode, message: string): UploadRoute => ({
    ok: false,
    code,
    message,
    ...(known ? { partnerId: known } : {}),
  });
  if (
    `${prefix}/` !== PREFIXES.uploads ||
    uploaderId === undefined ||
    dataset === undefined ||
    period === undefined ||
    rest.length !== 1 ||
    fileName === ''
  ) {
    return reject('UPLOAD_KEY_INVALID', `'${key}' is not of the form ${UPLOAD_KEY_FORM}.`);
  }
  if (known === undefined)
    return reject('PARTNER_UNKNOWN', `'${uploaderId}' is not a partner the Trust has configured.`);
  if (!isDatasetName(dataset))
    return reject('DATASET_UNKNOWN', `'${dataset}' is not a dataset: use ${DATASET_NAMES.join(', ')}.`);
  const uploader: Uploader = isTrust ? 'trust' : 'partner';
  if (DATASETS[dataset].uploadedBy !== uploader) {
    return reject(
      'DATASET_NOT_PERMITTED',
      isTrust
        ? `The Trust's own uploads are community profiles; '${dataset}' files come from partners, under ${uploadsPrefix('<partner_id>', dataset, '<period>')}.`
        : `Partners upload ${PARTNER_DATASETS.join(', ')} files; '${dataset}' is the Trust's own data, uploaded by the Trust, not by a partner.`,
    );
  }
  if (isTrust) {
    // A community profile is dated by its reference date (the Census day, say): Census day 2021 to today.
    const reference = checkReferenceDate(period, today);
    if (!reference.ok) return reject(reference.code, reference.message);
    return { ok: true, uploader, partnerId: TRUST_UPLOADER, dataset, period, fileName };
  }
  const check = checkPeriod(rules, period, today);
  if (!check.ok) return reject(check.code, check.message);
  return { ok: true, uploader, partnerId: uploaderId, dataset, period, fileName };
}
