import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { writeBuiltInCommunityProfile } from '../../transforms/ingest/community-reference.ts';
import type { IngestOutcome, UploadRef } from '../../transforms/ingest/ingest-upload.ts';
import { MemoryLeaseStore } from '../adapters/memory-lease-store.ts';
import { S3ObjectStore } from '../adapters/s3-object-store.ts';
import { objectCreatedEvent, sqsBatch, type ObjectCreatedEvent } from '../ingest/events.ts';
import { createIngestHandler } from '../ingest/handler.ts';
import { readCensusTexts } from '../reference-data.ts';
import { landingFiles } from './landing-files.ts';
import { downloadPrefix, startLocalS3 } from './s3-server.ts';

export const LOCAL_BUCKETS = { landingBucket: 'workforce-landing', lakeBucket: 'workforce-lake' } as const;
const BATCH_SIZE = 10;
const CONCURRENT_BATCHES = 4;
const DELIVERY_ROUNDS = 20;

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
}

export interface LocalRunResult {
  readonly outcomes: readonly FileOutcome[];
  readonly undelivered: readonly string[];
  readonly lakeDir: string;
  readonly validationDir: string;
}

/**
 * The whole pipeline on this machine: a local S3-compatible server, every file uploaded as its
 * partner would, each "Object Created" event delivered through SQS-shaped batches to the very
 * ingest handler the Lambda runs; then the lake and the validation reports copied into outDir.
 */
export async function runLocalPipeline(options: LocalRunOptions): Promise<LocalRunResult> {
  const files = landingFiles(options.landingDir).uploads;
  const uploads = files.map((file) => ({ path: join(options.landingDir, file), key: `uploads/${file}`, file }));
  const result = await runLocalUploads({ ...options, uploads });
  const fileOf = new Map(uploads.map((u) => [u.key, u.file]));
  return { ...result, outcomes: result.outcomes.map((o) => ({ ...o, file: fileOf.get(o.key) ?? o.file })) };
}

/**
 * Uploads files to the local S3 server kept under outDir (its objects persist between runs) and
 * delivers their events to the ingest handler; then copies the lake and reports out.
 */
export async function runLocalUploads(options: LocalUploadOptions): Promise<LocalRunResult> {
  const { config, outDir } = options;
  const s3 = await startLocalS3(join(outDir, 's3'), Object.values(LOCAL_BUCKETS));
  try {
    const store = new S3ObjectStore(s3.client);
    await writeBuiltInCommunityProfile(store, LOCAL_BUCKETS.lakeBucket, readCensusTexts());

    const events: ObjectCreatedEvent[] = [];
    for (const file of options.uploads) events.push(await upload(s3.client, file));

    const outcomes: FileOutcome[] = [];
    const handler = createIngestHandler(
      { store, leases: new MemoryLeaseStore(), settings: LOCAL_BUCKETS, config },
      {
        onOutcome: (uploaded: UploadRef, outcome) => {
          const result = { file: uploaded.key.replace(/^uploads\//, ''), key: uploaded.key, outcome };
          outcomes.push(result);
          options.onOutcome?.(result, outcomes.length, options.uploads.length);
        },
      },
    );
    const undelivered = await deliver(events, handler);

    const lakeDir = join(outDir, 'lake');
    const validationDir = join(outDir, 'validation');
    await downloadPrefix(s3.client, LOCAL_BUCKETS.lakeBucket, 'lake/', outDir);
    await downloadPrefix(s3.client, LOCAL_BUCKETS.landingBucket, 'validation/', outDir);
    writeFileSync(join(outDir, 'trust.config.json'), `${JSON.stringify(config, null, 2)}\n`);
    return { outcomes, undelivered, lakeDir, validationDir };
  } finally {
    await s3.close();
  }
}

async function upload(client: S3Client, { path, key }: LocalUpload): Promise<ObjectCreatedEvent> {
  const size = statSync(path).size;
  const response = await client.send(new PutObjectCommand({ Bucket: LOCAL_BUCKETS.landingBucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: 'text/csv' }));
  return objectCreatedEvent({
    bucket: LOCAL_BUCKETS.landingBucket,
    key,
    size,
    ...(response.ETag ? { etag: response.ETag.replaceAll('"', '') } : {}),
    ...(response.VersionId ? { versionId: response.VersionId } : {}),
    time: new Date(),
    sequencer: Date.now().toString(16).toUpperCase().padStart(16, '0'),
  });
}

/** Delivers events as SQS would: batches, several at once, failed messages again until they pass. */
async function deliver(events: readonly ObjectCreatedEvent[], handler: ReturnType<typeof createIngestHandler>): Promise<string[]> {
  let pending = [...events];
  for (let round = 0; round < DELIVERY_ROUNDS && pending.length > 0; round++) {
    const batches: ObjectCreatedEvent[][] = [];
    for (let i = 0; i < pending.length; i += BATCH_SIZE) batches.push(pending.slice(i, i + BATCH_SIZE));
    const failed: ObjectCreatedEvent[] = [];
    for (let i = 0; i < batches.length; i += CONCURRENT_BATCHES) {
      await Promise.all(
        batches.slice(i, i + CONCURRENT_BATCHES).map(async (batch) => {
          const request = sqsBatch(batch);
          const response = await handler(request);
          const failedIds = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
          request.Records.forEach((record, index) => failedIds.has(record.messageId) && failed.push(batch[index] as ObjectCreatedEvent));
        }),
      );
    }
    pending = failed;
    if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * (round + 1)));
  }
  return pending.map((event) => event.detail.object.key);
}
