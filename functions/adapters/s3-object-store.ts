import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3ServiceException,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { ObjectStore, StoredObject } from '../../transforms/storage/object-store.ts';

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' ||
    error.name === 'NoSuchVersion' ||
    error.name === 'PreconditionFailed' ||
    error.$metadata.httpStatusCode === 404 ||
    error.$metadata.httpStatusCode === 412);

/** The ingest's object store over the S3 API: AWS S3, or the local S3-compatible server. */
export class S3ObjectStore implements ObjectStore {
  constructor(private readonly client: S3Client) {}

  async getObject(
    bucket: string,
    key: string,
    which: { versionId?: string; etag?: string } = {},
  ): Promise<StoredObject | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(which.versionId ? { VersionId: which.versionId } : which.etag ? { IfMatch: which.etag } : {}),
        }),
      );
      // A server that ignores If-Match or the version asked for (s3rver does) must not hand back other bytes.
      const etag = response.ETag?.replaceAll('"', '');
      const otherVersion =
        which.versionId !== undefined && response.VersionId !== undefined && response.VersionId !== which.versionId;
      if (
        otherVersion ||
        (which.etag !== undefined && !which.versionId && etag !== undefined && etag !== which.etag.replaceAll('"', ''))
      ) {
        (response.Body as Readable | undefined)?.destroy();
        return undefined;
      }
      return {
        body: response.Body as Readable,
        lastModified: response.LastModified ?? new Date(0),
        ...(response.VersionId ? { versionId: response.VersionId } : {}),
        ...(response.ETag ? { etag: response.ETag.replaceAll('"', '') } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async getText(bucket: string, key: string): Promise<string | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await response.Body?.transformToString('utf-8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (isMissing(error) || (error as Error).name === 'NotFound') return false;
      throw error;
    }
  }

  async putObject(bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  }
}
