import { createHash } from 'node:crypto';
import type { TrustConfig } from '../config/trust-config.ts';
import { todayInLondon } from '../contract/dates.ts';
import { ISSUE_CODES, type IssueCode, type Severity } from '../contract/issue-codes.ts';
import { submissionTransform } from '../aggregate/submission-tables.ts';
import { toParquet } from '../tables/parquet.ts';
import { fileRejectionReport, type ValidationReport } from '../validation/report.ts';
import { summarizeReport } from '../validation/summary.ts';
import { validateCsv } from '../validation/validate.ts';
import { LEASE_TTL_MS } from './ingest-timing.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import {
  ledgerKey,
  submissionStateKey,
  tableFileKey,
  unroutedValidationKey,
  uploadDoneKey,
  validationKey,
} from '../storage/object-layout.ts';
import type { IngestSettings, LeaseStore } from './ports.ts';
import { routeUploadKey } from './routing.ts';
import { markSlot } from './slot-writes.ts';
import { orderOf, type UploadStamp } from './upload-order.ts';
import { submissionKey, submissionParquet, type SubmissionRecord, type SubmissionStatus } from './submission-record.ts';

/** An object the landing bucket says was created. */
export interface UploadRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
  /** The S3 event's sequencer: orders writes to the same key. */
  readonly sequencer?: string;
}

export interface IngestDependencies {
  readonly store: ObjectStore;
  readonly leases: LeaseStore;
  readonly settings: IngestSettings;
  readonly config: TrustConfig;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Names this worker in leases. @default a random id */
  readonly worker?: string;
}

export type IngestOutcome =
  | {
      readonly status: SubmissionStatus;
      readonly uploadId: string;
      readonly reportKey: string;
      readonly partnerId?: string;
      readonly dataset?: string;
      readonly period?: string;
    }
  | { readonly status: 'replayed'; readonly uploadId: string; readonly recorded: SubmissionStatus }
  | { readonly status: 'gone'; readonly uploadId: string };

/** Another worker holds the lease for this partner, dataset and period: try again later. */
export class LeaseBusyError extends Error {
  override readonly name = 'LeaseBusyError';
}

interface LedgerEntry extends UploadStamp {
  readonly uploadId: string;
  readonly versionId: string;
}

export function uploadIdOf(upload: UploadRef): string {
  const version = upload.versionId ?? upload.etag ?? '';
  return createHash('sha256').update(`${upload.bucket}/${upload.key}#${version}`).digest('hex').slice(0, 24);
}

/**
 * Ingests one upload: validate → transform → write the partner's lake files → record the outcome.
 * A replayed event changes nothing; a resubmission replaces the partner's rows for that dataset
 * and period; an older upload processed after a newer one never wins; a rejected file leaves the
 * earlier accepted data in force; the upload itself is only ever read.
 */
export async function ingestUpload(upload: UploadRef, deps: IngestDependencies): Promise<IngestOutcome> {
  const { store, settings } = deps;
  const now = deps.now ?? (() => new Date());
  const uploadId = uploadIdOf(upload);
  const route = routeUploadKey(upload.key, deps.config, todayInLondon(now()));

  if (!route.ok) {
    // Recorded by its report, under the partner's validation prefix, but never filed under a period:
    // the period may not exist, and a partition for it would make a period every engine then sees.
    const reportKey = unroutedValidationKey(route.partnerId, uploadId);
    const [, , dataset = 'unknown', period = null] = upload.key.split('/');
    const report = fileRejectionReport(dataset, period, route.code, route.message);
    await writeReport(store, settings.landingBucket, reportKey, report, upload, 'rejected');
    return { status: 'rejected', uploadId, reportKey };
  }

  const { partnerId, dataset, period } = route;
  const doneKey = uploadDoneKey(uploadId);
  const done = await store.getText(settings.lakeBucket, doneKey);
  if (done !== undefined)
    return { status: 'replayed', uploadId, recorded: (JSON.parse(done) as { status: SubmissionStatus }).status };

  const leaseName = `${partnerId}/${dataset}/${period}`;
  const holder = deps.worker ?? `worker-${process.pid}-${Math.random().toString(36).slice(2)}`;
  if (!(await deps.leases.acquire(leaseName, holder, LEASE_TTL_MS))) {
    throw new LeaseBusyError(`Another upload for ${leaseName} is being processed; this one will be retried.`);
  }
  try {
    const object = await store.getObject(upload.bucket, upload.key, { versionId: upload.versionId, etag: upload.etag });
    if (object === undefined) return { status: 'gone', uploadId };

    const hash = createHash('sha256');
    const transform = submissionTransform(dataset, { partnerId, period });
    const report = await validateCsv(hashing(object.body, hash), {
      dataset,
      period,
      limits: deps.config.limits,
      today: todayInLondon(now()),
      onRow: (row, valueIds) => transform.add(row, valueIds),
    });

    const entry: LedgerEntry = {
      uploadId,
      key: upload.key,
      versionId: object.versionId ?? object.etag ?? '',
      lastModified: object.lastModified.toISOString(),
      ...(upload.sequencer ? { sequencer: upload.sequencer } : {}),
    };
    const slot = { partnerId, dataset, period };
    const ledger = ledgerKey(slot);
    const ledgerText = await store.getText(settings.lakeBucket, ledger);
    const current = ledgerText === undefined ? undefined : (JSON.parse(ledgerText) as LedgerEntry);
    const order = current && current.uploadId !== uploadId ? orderOf(entry, current) : 'later';
    const status: SubmissionStatus =
      report.status === 'rejected' ? 'rejected' : order === 'earlier' ? 'superseded' : 'accepted';
    // Stored in the same second under another name: nothing tells which was sent last, so the one
    // processed last stays in force, and both reports say so.
    const orderNote =
      status === 'accepted' && order === 'uncertain' && current ? uncertainOrderNote(current.key, upload.key) : null;

    if (status === 'accepted') {
      await markSlot(store, settings.lakeBucket, slot, { state: 'writing', uploadId, at: now().toISOString() });
      for (const output of transform.finish()) {
        await store.putObject(
          settings.lakeBucket,
          tableFileKey(output.table.name, period, output.fileName),
          toParquet(output.data, output.table),
          'application/vnd.apache.parquet',
        );
      }
      if (current && current.uploadId !== uploadId) await markSuperseded(store, settings, current.uploadId, orderNote);
      await store.putObject(settings.lakeBucket, ledger, JSON.stringify(entry), 'application/json');
    }

    const reportKey = validationKey(slot, uploadId);
    await writeReport(store, settings.landingBucket, reportKey, report, upload, status, orderNote);
    const record: SubmissionRecord = {
      upload_id: uploadId,
      partner_id: partnerId,
      dataset,
      period,
      object_key: upload.key,
      object_version: entry.versionId,
      sha256: hash.digest('hex'),
      received_at: entry.lastModified,
      processed_at: now().toISOString(),
      status,
      rows: report.rows.read,
      error_count: countIssues(report, 'error'),
      warning_count: countIssues(report, 'warning'),
      report_key: reportKey,
      order_note: orderNote,
    };
    await writeSubmission(store, settings.lakeBucket, record);
    if (status === 'accepted') {
      await markSlot(store, settings.lakeBucket, slot, { state: 'complete', uploadId, at: now().toISOString() });
    }
    await store.putObject(settings.lakeBucket, doneKey, JSON.stringify({ uploadId, status }), 'application/json');
    return { status, uploadId, reportKey, partnerId, dataset, period };
  } finally {
    await deps.leases.release(leaseName, holder);
  }
}

async function* hashing(
  body: AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    hash.update(chunk);
    yield chunk;
  }
}

function countIssues(report: ValidationReport, severity: Severity): number {
  return (Object.entries(report.issueCounts) as [IssueCode, number][]).reduce(
    (sum, [code, count]) => sum + (ISSUE_CODES[code].severity === severity ? count : 0),
    0,
  );
}

/** What both uploads' reports say when their order cannot be known. */
function uncertainOrderNote(earlierKey: string, laterKey: string): string {
  const name = (key: string) => key.split('/').at(-1) ?? key;
  return (
    `'${name(earlierKey)}' and '${name(laterKey)}' were stored in the same second, so the order they were sent in cannot be known. ` +
    `The one processed last, '${name(laterKey)}', is in force. If that is not the file you meant, upload the right one again.`
  );
}

interface StoredReport extends ValidationReport {
  readonly upload: { readonly key: string; readonly versionId: string | null };
  readonly outcome: SubmissionStatus;
  readonly note?: string;
}

async function writeReport(
  store: ObjectStore,
  bucket: string,
  key: string,
  report: ValidationReport,
  upload: { readonly key: string; readonly versionId?: string | null | undefined },
  outcome: SubmissionStatus,
  orderNote: string | null = null,
): Promise<void> {
  const supersededNote =
    outcome === 'superseded'
      ? 'A newer upload for the same dataset and period is in force, so this file is not used.'
      : null;
  const note = [supersededNote, orderNote].filter((text): text is string => text !== null).join(' ');
  const stored: StoredReport = {
    ...report,
    upload: { key: upload.key, versionId: upload.versionId ?? null },
    outcome,
    ...(note ? { note } : {}),
  };
  await store.putObject(bucket, key, `${JSON.stringify(stored, null, 2)}\n`, 'application/json');
  await store.putObject(
    bucket,
    key.replace(/\.json$/, '.txt'),
    `${summarizeReport(report, upload.key.split('/').at(-1))}${note ? `\n\n${note}` : ''}\n`,
    'text/plain; charset=utf-8',
  );
}

async function writeSubmission(store: ObjectStore, bucket: string, record: SubmissionRecord): Promise<void> {
  await store.putObject(bucket, submissionKey(record), submissionParquet(record), 'application/vnd.apache.parquet');
  await store.putObject(bucket, submissionStateKey(record.upload_id), JSON.stringify(record), 'application/json');
}

/** The upload that was in force is now superseded: its record and its report say so. */
async function markSuperseded(
  store: ObjectStore,
  settings: IngestSettings,
  uploadId: string,
  orderNote: string | null,
): Promise<void> {
  const text = await store.getText(settings.lakeBucket, submissionStateKey(uploadId));
  if (text === undefined) return;
  const record = JSON.parse(text) as SubmissionRecord;
  if (record.status !== 'accepted') return;
  await writeSubmission(store, settings.lakeBucket, { ...record, status: 'superseded', order_note: orderNote });
  const reportText = await store.getText(settings.landingBucket, record.report_key);
  if (reportText === undefined) return;
  const { upload, outcome: _outcome, note: _note, ...report } = JSON.parse(reportText) as StoredReport;
  await writeReport(store, settings.landingBucket, record.report_key, report, upload, 'superseded', orderNote);
}
