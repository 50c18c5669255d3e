import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface LocalS3 {
  readonly client: S3Client;
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * An S3-compatible server in this process, on a free loopback port, keeping its objects under
 * `directory`: the embedded stand-in for Amazon S3.
 */
export async function startLocalS3(directory: string, buckets: readonly string[]): Promise<LocalS3> {
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = localS3Client(endpoint);
  for (const bucket of buckets) {
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if ((error as Error).name !== 'BucketAlreadyOwnedByYou' && (error as Error).name !== 'BucketAlreadyExists')
        throw error;
    }
  }
  return {
    client,
    endpoint,
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

/**
 * A client for the local server. Path-style addressing, and checksums only when required: with
 * the SDK's default checksums s3rver stores streamed bodies corrupted, silently.
 */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'eu-west-2',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Every key under a prefix. Pages with StartAfter rather than continuation tokens: s3rver's
 * tokens fail on OpenSSL 3.
 */
export async function listAllKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let startAfter: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ...(startAfter ? { StartAfter: startAfter } : {}),
        MaxKeys: 1000,
      }),
    );
    const contents = (page.Contents ?? []).map((object) => object.Key as string);
    keys.push(...contents);
    if (!page.IsTruncated || contents.length === 0) return keys;
    startAfter = contents.at(-1);
  }
}

/** Copies every object under a prefix to outDir/<key>, replacing what was there before. */
export async function downloadPrefix(client: S3Client, bucket: string, prefix: string, outDir: string): Promise<void> {
  rmSync(join(outDir, prefix), { recursive: true, force: true });
  const keys = await listAllKeys(client, bucket, prefix);
  // A few objects at a time: each is a round trip to the server.
  const next = async (): Promise<void> => {
    for (let key = keys.pop(); key !== undefined; key = keys.pop()) {
      const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const path = join(outDir, ...key.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(
        path,
        await (response.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
    }
  };
  await Promise.all(Array.from({ length: 6 }, next));
}
