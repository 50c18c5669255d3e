import type { SubmissionStatus } from '../ingest/submission-record.ts';
import type { ValidationReport } from '../validation/report.ts';
import type { ListedObject, PortalBuckets, PortalReader } from './ports.ts';
import { isUploadId, reportPrefix } from './scope.ts';
import { slotValidationPrefix, type Slot } from '../storage/object-layout.ts';

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

/**
 * How many uploads a history shows, newest first. Each costs a read, and a partner can send a
 * signed form many times over in its five minutes: the page (and the Trust's coverage, which
 * reads each partner's history) must not grow with that.
 */
export const HISTORY_LIMIT = 100;

/** The newest uploads of one partner that the pipeline has checked (at most `limit`), newest first. */
export async function partnerHistory(
  reader: PortalReader,
  buckets: PortalBuckets,
  partnerId: string,
  limit = HISTORY_LIMIT,
): Promise<HistoryEntry[]> {
  return entriesOf(reader, buckets, await reader.list(buckets.landingBucket, reportPrefix(partnerId)), limit);
}

/** The newest checked upload in one slot (partner, dataset, period), however long the history. */
export async function latestInSlot(
  reader: PortalReader,
  buckets: PortalBuckets,
  slot: Slot,
): Promise<HistoryEntry | null> {
  const [latest = null] = await entriesOf(
    reader,
    buckets,
    await reader.list(buckets.landingBucket, slotValidationPrefix(slot)),
    1,
  );
  return latest;
}

async function entriesOf(
  reader: PortalReader,
  buckets: PortalBuckets,
  listed: readonly ListedObject[],
  limit: number,
): Promise<HistoryEntry[]> {
  const newest = listed
    .map((object) => ({ object, uploadId: object.key.split('/').at(-1)?.slice(0, -5) ?? '' }))
    .filter(({ object, uploadId }) => object.key.endsWith('.json') && isUploadId(uploadId))
    .sort(
      (a, b) =>
        b.object.lastModified.getTime() - a.object.lastModified.getTime() || a.object.key.localeCompare(b.object.key),
    )
    .slice(0, limit);
  const entries = await Promise.all(
    newest.map(async ({ object, uploadId }) => {
      const text = await reader.getText(buckets.landingBucket, object.key);
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
