/**
 * What the core needs of an object store: S3 in AWS, the versioned store on disk locally. The
 * ingest, the report and the portal all read and write through it.
 */
export interface StoredObject {
  readonly body: AsyncIterable<Uint8Array>;
  readonly lastModified: Date;
  readonly versionId?: string;
  readonly etag?: string;
}

export interface ObjectStore {
  /** The object, or undefined when it (that version, or that ETag) no longer exists. */
  getObject(
    bucket: string,
    key: string,
    which?: { readonly versionId?: string; readonly etag?: string },
  ): Promise<StoredObject | undefined>;
  /** A small object's text, or undefined when there is none. */
  getText(bucket: string, key: string): Promise<string | undefined>;
  putObject(bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void>;
  exists(bucket: string, key: string): Promise<boolean>;
}
