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
  /** @default 600 */
  readonly expiresSeconds?: number;
  readonly now?: Date;
}

export interface PresignedPost {
  readonly url: string;
  /** Form fields to send before the file, in this order. */
  readonly fields: Record<string, string>;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * An S3 browser-upload (POST) policy signed with Signature Version 4: S3 refuses the form unless
 * the key is exactly `key` and the body is 1 to `maxBytes` bytes, before it expires.
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
    'Content-Type': 'text/csv',
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': stamp,
    ...(options.credentials.sessionToken ? { 'x-amz-security-token': options.credentials.sessionToken } : {}),
  };
  const policy = {
    expiration: new Date(now.getTime() + (options.expiresSeconds ?? 600) * 1000).toISOString(),
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
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${options.credentials.secretAccessKey}`, day), options.region), 's3'),
    'aws4_request',
  );
  return {
    url: `https://${options.bucket}.s3.${options.region}.amazonaws.com/`,
    fields: {
      ...fields,
      policy: encoded,
      'x-amz-signature': createHmac('sha256', signingKey).update(encoded, 'utf8').digest('hex'),
    },
  };
}
