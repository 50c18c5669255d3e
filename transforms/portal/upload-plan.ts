import { checkPeriod } from '../config/collection-periods.ts';
import type { TrustConfig } from '../config/trust-config.ts';
import { PARTNER_DATASETS, isDatasetName } from '../contract/datasets/registry.ts';
import { routeUploadKey } from '../ingest/routing.ts';
import { formatBytes } from '../validation/decode.ts';
import { uploadKey } from '../storage/object-layout.ts';
import { safeFileName } from './scope.ts';

export interface UploadRequest {
  readonly dataset: string;
  readonly period: string;
  /** The file name as chosen; made safe here. */
  readonly name: string;
  /** Its size in bytes, when known before it is sent. */
  readonly size?: number;
}

export type UploadPlan =
  | { readonly ok: true; readonly key: string; readonly fileName: string }
  | { readonly ok: false; readonly status: 400 | 413; readonly message: string };

/**
 * Where a partner's upload goes, or why it may not: only its own folder, a partner dataset, an
 * open collection period, a safe file name, and no more than the Trust's size limit. The same rule
 * for the local portal and the AWS one; the router checks the key again when the file arrives.
 */
export function planUpload(config: TrustConfig, partnerId: string, request: UploadRequest, today: string): UploadPlan {
  const { dataset, period } = request;
  if (!isDatasetName(dataset) || !PARTNER_DATASETS.includes(dataset))
    return { ok: false, status: 400, message: `Choose one of the datasets: ${PARTNER_DATASETS.join(', ')}.` };
  const check = checkPeriod(config, period, today);
  if (!check.ok) return { ok: false, status: 400, message: check.message };
  if (request.size !== undefined && request.size > config.limits.maxFileBytes) {
    return { ok: false, status: 413, message: tooLargeMessage(config) };
  }
  const fileName = safeFileName(request.name);
  const key = uploadKey(partnerId, dataset, period, fileName);
  const route = routeUploadKey(key, config, today);
  if (!route.ok) return { ok: false, status: 400, message: route.message };
  if (route.partnerId !== partnerId) return { ok: false, status: 400, message: 'That is not your upload folder.' };
  return { ok: true, key, fileName };
}

export const tooLargeMessage = (config: TrustConfig) =>
  `The file is larger than the ${formatBytes(config.limits.maxFileBytes)} the Trust allows.`;
