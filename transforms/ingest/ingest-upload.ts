import { createHash } from 'node:crypto';
import type { TrustConfig } from '../config/trust-config.ts';
import { todayInLondon } from '../contract/dates.ts';
import { ISSUE_CODES, type IssueCode, type Severity } from '../contract/issue-codes.ts';
import { submissionTransform } from '../aggregate/submission-tables.ts';
import { lakeKey } from '../tables/definitions.ts';
import { toParquet } from '../tables/parquet.ts';
import { fileRejectionReport, type ValidationReport } from '../validation/report.ts';
import { summarizeReport } from '../validation/summary.ts';
import { validateCsv } from '../validation/validate.ts';
import type { IngestSettings, LeaseStore, ObjectStore } from './ports.ts';
import { routeUploadKey } from './routing.ts';
import { submissionKey, submissionParquet, type SubmissionRecord, type SubmissionStatus } from './submission-record.ts';

/** An object the landing bucket says was created. */
export interface UploadRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
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
  | { readonly status: SubmissionStatus; readonly uploadId: string; readonly reportKey: string; readonly partnerId?: string; readonly dataset?: string; readonly period?: string }
  | { readonly status: 'replayed'; readonly uploadId: string; readonly recorded: SubmissionStatus }
  | { readonly status: 'gone'; readonly uploadId: string };

/** Another worker holds the lease for this partner, dataset and period: try again later. */
export class LeaseBusyError extends Error {
  override readonly name = 'LeaseBusyError';
}

const LEASE_TTL_MS = 10 * 60 * 1000;

interface LedgerEntry {
  readonly uploadId: string;
  readonly key: string;
  readonly versionId: string;
  readonly lastModified: string;
}

/** Uploads are ordered by when S3 received them; ties by key, then version. */
function isOlder(a: LedgerEntry, b: LedgerEntry): boolean {
  if (a.lastModified !== b.lastModified) return a.lastModified < b.lastModified;
  if (a.key !== b.key) return a.key < b.key;
  return a.versionId < b.versionId;
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
  const route = routeUploadKey(upload.key, deps.config.partners.map((p) => p.id));

  if (!route.ok) {
    const reportKey = `validation/${route.partnerId ?? '_unrouted'}/_unrouted/${uploadId}.json`;
    const report = fileRejectionReport('unknown', null, route.code, route.message);
    await writeReport(store, settings.landingBucket, reportKey, report, upload, 'rejected');
    return { status: 'rejected', uploadId, reportKey };
  }

  const { partnerId, dataset, period } = route;
  const doneKey = `state/uploads/${uploadId}.json`;
  const done = await store.getText(settings.lakeBucket, doneKey);
  if (done !== undefined) return { status: 'replayed', uploadId, recorded: (JSON.parse(done) as { status: SubmissionStatus }).status };

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
    };
    const ledgerKey = `state/ledger/${partnerId}/${dataset}/${period}.json`;
    const ledgerText = await store.getText(settings.lakeBucket, ledgerKey);
    const current = ledgerText === undefined ? undefined : (JSON.parse(ledgerText) as LedgerEntry);
    const status: SubmissionStatus = report.status === 'rejected' ? 'rejected' : current && current.uploadId !== uploadId && isOlder(entry, current) ? 'superseded' : 'accepted';

    if (status === 'accepted') {
      for (const output of transform.finish()) {
        await store.putObject(settings.lakeBucket, lakeKey(output.table, period, output.fileName), toParquet(output.data, output.table), 'application/vnd.apache.parquet');
      }
      if (current && current.uploadId !== uploadId) await markSuperseded(store, settings.lakeBucket, current.uploadId);
      await store.putObject(settings.lakeBucket, ledgerKey, JSON.stringify(entry), 'application/json');
    }

    const reportKey = `validation/${partnerId}/${dataset}/${period}/${uploadId}.json`;
    await writeReport(store, settings.landingBucket, reportKey, report, upload, status);
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
    };
    await writeSubmission(store, settings.lakeBucket, record);
    await store.putObject(settings.lakeBucket, doneKey, JSON.stringify({ uploadId, status }), 'application/json');
    return { status, uploadId, reportKey, partnerId, dataset, period };
  } finally {
    await deps.leases.release(leaseName, holder);
  }
}

async function* hashing(body: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    hash.update(chunk);
    yield chunk;
  }
}

function countIssues(report: ValidationReport, severity: Severity): number {
  return (Object.entries(report.issueCounts) as [IssueCode, number][]).reduce((sum, [code, count]) => sum + (ISSUE_CODES[code].severity === severity ? count : 0), 0);
}

async function writeReport(store: ObjectStore, bucket: string, key: string, report: ValidationReport, upload: UploadRef, outcome: SubmissionStatus): Promise<void> {
  const stored = { ...report, upload: { key: upload.key, versionId: upload.versionId ?? null }, outcome };
  await store.putObject(bucket, key, `${JSON.stringify(stored, null, 2)}\n`, 'application/json');
  const note =
    outcome === 'superseded'
      ? '\n\nA newer upload for the same dataset and period was processed first, so this file was not used.'
      : '';
  await store.putObject(bucket, key.replace(/\.json$/, '.txt'), `${summarizeReport(report, upload.key.split('/').at(-1))}${note}\n`, 'text/plain; charset=utf-8');
}

async function writeSubmission(store: ObjectStore, bucket: string, record: SubmissionRecord): Promise<void> {
  await store.putObject(bucket, submissionKey(record), submissionParquet(record), 'application/vnd.apache.parquet');
  await store.putObject(bucket, `state/submissions/${record.upload_id}.json`, JSON.stringify(record), 'application/json');
}

async function markSuperseded(store: ObjectStore, bucket: string, uploadId: string): Promise<void> {
  const text = await store.getText(bucket, `state/submissions/${uploadId}.json`);
  if (text === undefined) return;
  const record = JSON.parse(text) as SubmissionRecord;
  if (record.status !== 'accepted') return;
  await writeSubmission(store, bucket, { ...record, status: 'superseded' });
}
