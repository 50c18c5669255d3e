import * as aq from 'arquero';
import { SUBMISSIONS, lakeKey } from '../tables/definitions.ts';
import { toParquet } from '../tables/parquet.ts';

export type SubmissionStatus = 'accepted' | 'rejected' | 'superseded';

/** A row of the submissions table: one file received and what became of it. */
export interface SubmissionRecord {
  readonly upload_id: string;
  readonly partner_id: string;
  readonly dataset: string;
  readonly period: string;
  readonly object_key: string;
  readonly object_version: string;
  readonly sha256: string;
  readonly received_at: string;
  readonly processed_at: string;
  readonly status: SubmissionStatus;
  readonly rows: number;
  readonly error_count: number;
  readonly warning_count: number;
  readonly report_key: string;
  /** Why the order against another upload for the slot is uncertain; null when it is known. */
  readonly order_note: string | null;
}

export function submissionKey(
  record: Pick<SubmissionRecord, 'partner_id' | 'dataset' | 'period' | 'upload_id'>,
): string {
  return lakeKey(SUBMISSIONS, record.period, `${record.partner_id}.${record.dataset}.${record.upload_id}`);
}

export function submissionParquet(record: SubmissionRecord): Uint8Array {
  const columns = Object.fromEntries(
    SUBMISSIONS.columns.map((c) => [c.name, [record[c.name as keyof SubmissionRecord]]]),
  );
  return toParquet(aq.table(columns), SUBMISSIONS);
}
