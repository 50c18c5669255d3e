import { createHmac } from 'node:crypto';

export interface PostCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

export interface PresignedPostOptions {
  readonly bucket: string;
  readonly region: string;
  /** The one key the form may write. */
  readonly key: string;
  /** The largest body S3 will take under this policy, in bytes. */
  readonly maxBytes: number;
  readonly credentials: PostCredentials;
  /** @default 300 (five minutes: long enough to start sending a large file, too short to keep) */
  readonly expiresSeconds?: number;
  readonly now?: Date;
  /** Where the form is sent. @default the bucket's virtual-hosted address in its region */
  readonly url?: string;
}

export interface PresignedPost {
  readonly url: string;
  /** Form fields to send before the file, in this order. */
  readonly fields: Record<string, string>;
}

/** The Content-Type the form must declare: the landing area takes CSV files only. */
export const POST_CONTENT_TYPE = 'text/csv';

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * The Signature Version 4 signature of a base64 POST policy: HMAC-SHA256 of the policy under the
 * signing key derived from the secret, the day (YYYYMMDD), the region and `s3`.
 */
export function signPolicy(encodedPolicy: string, secretAccessKey: string, day: string, region: string): string {
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', signingKey).update(encodedPolicy, 'utf8').digest('hex');
}

/**
 * An S3 browser-upload (POST) form signed with Signature Version 4: S3 refuses it unless the key
 * is exactly `key`, the body is 1 to `maxBytes` bytes and the Content-Type is text/csv, before it
 * expires. Every field the form sends is pinned by an exact condition; none by `starts-with`.
 */
export function presignPost(options: PresignedPostOptions): PresignedPost {
  const now = options.now ?? new Date();
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = stamp.slice(0, 8);
  const credential = `${options.credentials.accessKeyId}/${day}/${options.region}/s3/aws4_request`;
  const fields: Record<string, string> = {
    key: options.key,
    'Content-Type': POST_CONTENT_TYPE,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': stamp,
    ...(options.credentials.sessionToken ? { 'x-amz-security-token': options.credentials.sessionToken } : {}),
  };
  const policy = {
    expiration: new Date(now.getTime() + (options.expiresSeconds ?? 300) * 1000).toISOString(),
    conditions: [
      { bucket: options.bucket },
      ['eq', '$key', options.key],
      ['content-length-range', 1, options.maxBytes],
      ...Object.entries(fields)
        .filter(([name]) => name !== 'key')
        .map(([name, value]) => ({ [name]: value })),
    ],
  };
  const encoded = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64');
  return {
    url: options.url ?? `https://${options.bucket}.s3.${options.region}.amazonaws.com/`,
    fields: {
      ...fields,
      policy: encoded,
      'x-amz-signature': signPolicy(encoded, options.credentials.secretAccessKey, day, options.region),
    },
  };
}
