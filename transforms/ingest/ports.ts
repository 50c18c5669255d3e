/**
 * What the ingest needs of the outside world. The handlers wire in adapters: S3 (real, or the
 * local S3-compatible server) and a lease store (DynamoDB in AWS, memory locally).
 */
export interface StoredObject {
  readonly body: AsyncIterable<Uint8Array>;
  readonly lastModified: Date;
  readonly versionId?: string;
  readonly etag?: string;
}

export interface ObjectStore {
  /** The object, or undefined when it (that version, or that ETag) no longer exists. */
  getObject(bucket: string, key: string, which?: { readonly versionId?: string; readonly etag?: string }): Promise<StoredObject | undefined>;
  /** A small object's text, or undefined when there is none. */
  getText(bucket: string, key: string): Promise<string | undefined>;
  putObject(bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  exists(bucket: string, key: string): Promise<boolean>;
}

/** Mutual exclusion with expiry, so a crashed holder cannot block a key for ever. */
export interface LeaseStore {
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

export interface IngestSettings {
  readonly landingBucket: string;
  readonly lakeBucket: string;
}
