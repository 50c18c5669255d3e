import type { SubmissionStatus } from '../ingest/submission-record.ts';
import type { ValidationReport } from '../validation/report.ts';
import type { PortalBuckets, PortalReader } from './ports.ts';
import { isUploadId, reportPrefix } from './scope.ts';

/** A validation report as the pipeline stores it: the report, the upload it is about, the outcome. */
export interface StoredReport extends ValidationReport {
  readonly upload: { readonly key: string; readonly versionId: string | null };
  readonly outcome: SubmissionStatus;
  readonly note?: string;
}

/** One upload in a partner's history. */
export interface HistoryEntry {
  readonly uploadId: string;
  /** The file name as sent. */
  readonly fileName: string;
  readonly key: string;
  readonly dataset: string;
  readonly period: string | null;
  /** accepted, rejected or superseded; `accepted` with warnings when `warnings` > 0. */
  readonly outcome: SubmissionStatus;
  readonly rows: number;
  readonly errors: number;
  readonly warnings: number;
  /** When the pipeline checked it (its report was written). */
  readonly checkedAt: string;
  readonly note: string | null;
}

const total = (counts: ValidationReport['issueCounts'], issues: readonly { code: string }[]) =>
  [...new Set(issues.map((i) => i.code))].reduce((sum, code) => sum + (counts[code as keyof typeof counts] ?? 0), 0);

export function historyEntry(uploadId: string, report: StoredReport, checkedAt: Date): HistoryEntry {
  return {
    uploadId,
    fileName: report.upload.key.split('/').at(-1) ?? report.upload.key,
    key: report.upload.key,
    dataset: report.dataset,
    period: report.period,
    outcome: report.outcome,
    rows: report.rows.read,
    errors: total(report.issueCounts, report.errors),
    warnings: total(report.issueCounts, report.warnings),
    checkedAt: checkedAt.toISOString(),
    note: report.note ?? null,
  };
}

/** Every upload of one partner that the pipeline has checked, newest first. */
export async function partnerHistory(
  reader: PortalReader,
  buckets: PortalBuckets,
  partnerId: string,
): Promise<HistoryEntry[]> {
  const objects = (await reader.list(buckets.landingBucket, reportPrefix(partnerId))).filter((o) =>
    o.key.endsWith('.json'),
  );
  const entries = await Promise.all(
    objects.map(async (object) => {
      const uploadId = object.key.split('/').at(-1)?.slice(0, -5) ?? '';
      const text = isUploadId(uploadId) ? await reader.getText(buckets.landingBucket, object.key) : undefined;
      return text === undefined
        ? undefined
        : historyEntry(uploadId, JSON.parse(text) as StoredReport, object.lastModified);
    }),
  );
  return entries
    .filter((e): e is HistoryEntry => e !== undefined)
    .sort((a, b) => b.checkedAt.localeCompare(a.checkedAt) || a.fileName.localeCompare(b.fileName));
}

/**
 * The key of one of the partner's reports, found only under the partner's own prefix: another
 * partner's upload id, or anything that is not an upload id, finds nothing.
 */
export async function findReportKey(
  reader: PortalReader,
  buckets: PortalBuckets,
  partnerId: string,
  uploadId: string,
): Promise<string | undefined> {
  if (!isUploadId(uploadId)) return undefined;
  const objects = await reader.list(buckets.landingBucket, reportPrefix(partnerId));
  return objects.find((o) => o.key.endsWith(`/${uploadId}.json`))?.key;
}
