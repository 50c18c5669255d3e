/** An object the portal lists: its key and when it was written. */
export interface ListedObject {
  readonly key: string;
  readonly lastModified: Date;
}

/**
 * What the portal reads of the landing bucket (validation reports) and the lake bucket (which
 * upload is in force): the local store on disk, or S3 through the portal's API function.
 */
export interface PortalReader {
  /** Every object under a prefix, all pages. */
  list(bucket: string, prefix: string): Promise<ListedObject[]>;
  getText(bucket: string, key: string): Promise<string | undefined>;
}

export interface PortalBuckets {
  readonly landingBucket: string;
  readonly lakeBucket: string;
}
