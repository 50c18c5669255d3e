import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import type { IngestOutcome } from '../../transforms/ingest/ingest-upload.ts';
import type { SubmissionStatus } from '../../transforms/ingest/submission-record.ts';
import { md5OfFile } from './disk-object-store.ts';
import { landingFiles } from './landing-files.ts';
import { LOCAL_BUCKETS, LocalStack, type StoredUpload } from './local-stack.ts';
import { uploadKeyOfPath } from '../../transforms/storage/object-layout.ts';

export { LOCAL_BUCKETS };

export interface FileOutcome {
  readonly file: string;
  readonly key: string;
  readonly outcome: IngestOutcome;
}

export interface LocalRunOptions {
  readonly landingDir: string;
  readonly config: TrustConfig;
  readonly outDir: string;
  readonly onOutcome?: (result: FileOutcome, done: number, total: number) => void;
}

/** A file to upload, and the key it goes to in the landing bucket. */
export interface LocalUpload {
  readonly path: string;
  readonly key: string;
}

export interface LocalUploadOptions extends Omit<LocalRunOptions, 'landingDir'> {
  readonly uploads: readonly LocalUpload[];
  /** Store a file only if its bytes differ from its key's current version. @default false */
  readonly replay?: boolean;
}

export interface LocalRunResult {
  readonly outcomes: readonly FileOutcome[];
  readonly undelivered: readonly string[];
  readonly lakeDir: string;
  readonly validationDir: string;
}

/**
 * The whole pipeline on this machine: every file of a landing folder stored as its partner would
 * upload it, each "Object Created" event delivered through SQS-shaped batches to the very ingest
 * handler the Lambda runs; then the lake and the validation reports copied into outDir.
 */
export async function runLocalPipeline(options: LocalRunOptions): Promise<LocalRunResult> {
  const files = landingFiles(options.landingDir).uploads;
  const uploads = files.map((file) => ({ path: join(options.landingDir, file), key: uploadKeyOfPath(file), file }));
  const result = await runLocalUploads({ ...options, uploads, replay: true });
  const fileOf = new Map(uploads.map((u) => [u.key, u.file]));
  return { ...result, outcomes: result.outcomes.map((o) => ({ ...o, file: fileOf.get(o.key) ?? o.file })) };
}

/**
 * Stores files in the local stack kept in outDir (a versioned store on disk that persists between
 * runs and is shared with any other process using the folder), delivers their events to the
 * ingest handler, and leaves plain copies of the lake and the reports in outDir. With `replay`,
 * a file whose bytes equal its key's current version is not stored again: its event is delivered
 * again, which changes nothing.
 */
export async function runLocalUploads(options: LocalUploadOptions): Promise<LocalRunResult> {
  const { config, outDir } = options;
  const stack = new LocalStack(outDir, config);
  await stack.prepare();
  const sent: StoredUpload[] = [];
  const mine = new Map<string, LocalUpload>();
  const outcomes: FileOutcome[] = [];
  const heard = new Set<string>();
  const record = (key: string, outcome: IngestOutcome) => {
    if (heard.has(outcome.uploadId)) return;
    heard.add(outcome.uploadId);
    const result = { file: key.replace(/^uploads\//, ''), key, outcome };
    outcomes.push(result);
    options.onOutcome?.(result, outcomes.length, options.uploads.length);
  };
  const stop = stack.onOutcome(({ upload, outcome }) => mine.has(outcome.uploadId) && record(upload.key, outcome));
  try {
    for (const file of options.uploads) {
      const current = options.replay ? await stack.store.head(LOCAL_BUCKETS.landingBucket, file.key) : undefined;
      const unchanged = current !== undefined && current.etag === (await md5OfFile(file.path));
      const stored = unchanged ? await stack.announce(current) : await stack.upload(file.key, { path: file.path });
      sent.push(stored);
      mine.set(stored.uploadId, file);
    }
    await stack.processUntilDone(sent.map((s) => s.messageId));
  } finally {
    stop();
  }
  const undelivered: string[] = [];
  for (const { uploadId, version } of sent) {
    if (heard.has(uploadId)) continue;
    const recorded = await stack.outcomeOf(uploadId, version.key);
    if (recorded === undefined) undelivered.push(version.key);
    else record(version.key, { status: 'replayed', uploadId, recorded: recorded as SubmissionStatus });
  }
  await stack.mirror();
  writeFileSync(join(outDir, 'trust.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return { outcomes, undelivered, lakeDir: stack.lakeDir, validationDir: stack.validationDir };
}
