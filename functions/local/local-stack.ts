import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { ensureBuiltInCommunityProfile } from '../../transforms/ingest/community-reference.ts';
import { uploadIdOf, type IngestOutcome, type UploadRef } from '../../transforms/ingest/ingest-upload.ts';
import { FileLeaseStore } from '../adapters/file-lease-store.ts';
import { objectCreatedEvent, sqsBatch, uploadFromRecord, type ObjectCreatedEvent } from '../ingest/events.ts';
import { createIngestHandler } from '../ingest/handler.ts';
import { readCensusTexts } from '../reference-data.ts';
import type { FileBody } from './copy-file.ts';
import { DiskObjectStore, type ObjectVersion } from './disk-object-store.ts';
import { DiskQueue, type QueueMessage } from './disk-queue.ts';
import { mirrorPrefix } from './mirror.ts';
import { PREFIXES, unroutedValidationKey, uploadDoneKey } from '../../transforms/storage/object-layout.ts';

export const LOCAL_BUCKETS = { landingBucket: 'workforce-landing', lakeBucket: 'workforce-lake' } as const;

/** What an upload became, as the local stack heard it. */
export interface LocalOutcome {
  readonly upload: UploadRef;
  readonly outcome: IngestOutcome;
}

export interface StoredUpload {
  readonly version: ObjectVersion;
  readonly uploadId: string;
  readonly messageId: string;
}

const BATCH_SIZE = 10;
const retryDelay = (receiveCount: number) => Math.min(100 * 2 ** (receiveCount - 1), 5000);

/**
 * The pipeline on one machine, kept in one data folder: a durable versioned store on disk for the
 * landing and lake buckets (`store/`), a queue of "Object Created" events (`queue/`), leases
 * (`leases/`), all shared safely by every process using the folder; the very ingest handler the
 * Lambda runs; and plain copies of the lake and the validation reports (`lake/`, `validation/`)
 * for DuckDB and for people.
 */
export class LocalStack {
  readonly store: DiskObjectStore;
  readonly queue: DiskQueue;
  readonly lakeDir: string;
  readonly validationDir: string;
  private readonly listeners = new Set<(result: LocalOutcome) => void>();
  private readonly handler: (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

  constructor(
    readonly dataDir: string,
    readonly config: TrustConfig,
    options: { readonly now?: () => Date; readonly visibilityTimeoutMs?: number } = {},
  ) {
    this.store = new DiskObjectStore(join(dataDir, 'store'));
    this.queue = new DiskQueue(
      join(dataDir, 'queue'),
      options.visibilityTimeoutMs ? { visibilityTimeoutMs: options.visibilityTimeoutMs } : {},
    );
    this.lakeDir = join(dataDir, 'lake');
    this.validationDir = join(dataDir, 'validation');
    const leases = new FileLeaseStore(join(dataDir, 'leases'));
    this.handler = createIngestHandler(
      { store: this.store, leases, settings: LOCAL_BUCKETS, config, ...(options.now ? { now: options.now } : {}) },
      { onOutcome: (upload, outcome) => this.listeners.forEach((listener) => listener({ upload, outcome })) },
    );
  }

  /** Hears every outcome this process produces; returns a function that stops listening. */
  onOutcome(listener: (result: LocalOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes the built-in Census community profile into the lake, once. */
  async prepare(): Promise<void> {
    await ensureBuiltInCommunityProfile(this.store, LOCAL_BUCKETS.lakeBucket, readCensusTexts);
  }

  /**
   * Stores a file in the landing bucket as a new version and queues its "Object Created" event,
   * as S3 and EventBridge do.
   */
  async upload(
    key: string,
    body: Uint8Array | string | AsyncIterable<Uint8Array> | FileBody,
    maxBytes = Infinity,
  ): Promise<StoredUpload> {
    return this.announce(await this.store.put(LOCAL_BUCKETS.landingBucket, key, body, 'text/csv', maxBytes));
  }

  /** Queues the "Object Created" event of a stored version (again, for a replay). */
  async announce(version: ObjectVersion): Promise<StoredUpload> {
    const event = objectCreatedEvent({
      bucket: version.bucket,
      key: version.key,
      size: version.size,
      etag: version.etag,
      versionId: version.versionId,
      time: version.lastModified,
      sequencer: version.versionId,
    });
    return { version, uploadId: uploadIdOf(refOf(version)), messageId: await this.queue.send(JSON.stringify(event)) };
  }

  /** Delivers every visible event, in SQS batches, to the ingest handler; failures come back later. */
  async processVisible(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const messages = await this.queue.receive(BATCH_SIZE);
      if (messages.length === 0) return delivered;
      await this.deliver(messages);
      delivered += messages.length;
    }
  }

  /** Processes until none of the given messages waits or is in process anywhere. */
  async processUntilDone(messageIds: Iterable<string>, onIdle: (ms: number) => Promise<void> = sleep): Promise<void> {
    const wanted = new Set(messageIds);
    for (;;) {
      await this.processVisible();
      const pending = await this.queue.pendingIds();
      if (![...wanted].some((id) => pending.has(id))) return;
      await onIdle(50);
    }
  }

  /** Uploads in the landing bucket with no outcome yet and no event waiting: their events are queued again. */
  async reconcile(): Promise<number> {
    let queued = 0;
    const waiting = await this.waitingUploads();
    for (const object of await this.store.listAll(LOCAL_BUCKETS.landingBucket, PREFIXES.uploads)) {
      for (const version of await this.store.versions(object.bucket, object.key)) {
        const uploadId = uploadIdOf(refOf(version));
        if (waiting.has(uploadId) || (await this.outcomeOf(uploadId, version.key)) !== undefined) continue;
        await this.announce(version);
        queued++;
      }
    }
    return queued;
  }

  /** What an upload became, once processed: from its done marker, or (refused by the router) its report. */
  async outcomeOf(uploadId: string, key: string): Promise<string | undefined> {
    const done = await this.store.getText(LOCAL_BUCKETS.lakeBucket, uploadDoneKey(uploadId));
    if (done !== undefined) return (JSON.parse(done) as { status: string }).status;
    const owner = key.split('/')[1];
    for (const partnerId of owner ? [owner, undefined] : [undefined]) {
      if (await this.store.exists(LOCAL_BUCKETS.landingBucket, unroutedValidationKey(partnerId, uploadId)))
        return 'rejected';
    }
    return undefined;
  }

  /** Copies the current lake and validation reports into lake/ and validation/. */
  async mirror(): Promise<void> {
    await mirrorPrefix(this.store, LOCAL_BUCKETS.lakeBucket, PREFIXES.lake, this.dataDir);
    await mirrorPrefix(this.store, LOCAL_BUCKETS.landingBucket, PREFIXES.validation, this.dataDir);
  }

  private async waitingUploads(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const name of ['ready', 'taken'] as const) {
      for (const message of await this.queue.peek(name)) ids.add(uploadIdOf(uploadFromRecord({ body: message })));
    }
    return ids;
  }

  private async deliver(messages: readonly QueueMessage[]): Promise<void> {
    const batch = sqsBatch(messages.map((m) => JSON.parse(m.body) as ObjectCreatedEvent));
    const event: SQSEvent = {
      Records: batch.Records.map((record, i) => ({
        ...record,
        messageId: (messages[i] as QueueMessage).id,
        attributes: {
          ...record.attributes,
          ApproximateReceiveCount: String((messages[i] as QueueMessage).receiveCount),
        },
      })),
    };
    const { batchItemFailures } = await this.handler(event);
    const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
    for (const message of messages) {
      if (failed.has(message.id)) await this.queue.retry(message, retryDelay(message.receiveCount));
      else await this.queue.delete(message);
    }
  }
}

const refOf = (version: ObjectVersion): UploadRef => ({
  bucket: version.bucket,
  key: version.key,
  versionId: version.versionId,
  etag: version.etag,
  sequencer: version.versionId,
});
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
