// What the ingest needs of the outside world besides the object store (../storage/object-store.ts).

/** Mutual exclusion with expiry, so a crashed holder cannot block a key for ever (DynamoDB in AWS, files locally). */
export interface LeaseStore {
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

export interface IngestSettings {
  readonly landingBucket: string;
  readonly lakeBucket: string;
}
