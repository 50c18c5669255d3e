import { signPolicy } from '../../functions/portal-api/presigned-post.ts';

// S3's checks of a browser-upload (POST) form, for the AWS portal's browser test: the local S3
// server (s3rver) stores any form and ignores its policy. The rules, from S3's documentation of
// POST policies: the signature over the base64 policy; the policy not expired; every condition
// met (exact match, starts-with, content-length-range); and no form field the policy does not name.

export type PostCheck =
  | { readonly ok: true; readonly key: string; readonly body: Buffer }
  | { readonly ok: false; readonly status: 400 | 403; readonly code: string; readonly message: string };

type Condition = Record<string, string> | [string, string | number, string | number];

const IGNORED = new Set(['policy', 'x-amz-signature', 'file']);
const refuse = (message: string, code = 'AccessDenied', status: 400 | 403 = 403): PostCheck => ({
  ok: false,
  status,
  code,
  message,
});

export async function checkPostForm(
  form: FormData,
  bucket: string,
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
): Promise<PostCheck> {
  const fields = new Map<string, string>();
  for (const [name, value] of form.entries()) if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  const file = form.get('file');
  if (!(file instanceof File))
    return refuse('POST requires exactly one file upload per request.', 'InvalidArgument', 400);
  const policy = fields.get('policy') ?? '';
  const [accessKeyId, day, region] = (fields.get('x-amz-credential') ?? '').split('/');
  if (accessKeyId !== credentials.accessKeyId || !day || !region) return refuse('Invalid credential.');
  if (fields.get('x-amz-signature') !== signPolicy(policy, credentials.secretAccessKey, day, region))
    return refuse(
      'The request signature we calculated does not match the signature you provided.',
      'SignatureDoesNotMatch',
    );
  const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: Condition[];
  };
  if (Date.parse(document.expiration) <= Date.now()) return refuse('Invalid according to Policy: Policy expired.');
  const named = new Set<string>();
  const value = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
  for (const condition of document.conditions) {
    if (!Array.isArray(condition)) {
      for (const [name, expected] of Object.entries(condition)) {
        named.add(name.toLowerCase());
        if (value(name.toLowerCase()) !== expected)
          return refuse(`Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${expected}"]`);
      }
      continue;
    }
    const [operator, subject, operand] = condition;
    if (operator === 'content-length-range') {
      if (file.size < Number(subject) || file.size > Number(operand))
        return file.size > Number(operand)
          ? refuse('Your proposed upload exceeds the maximum allowed size', 'EntityTooLarge', 400)
          : refuse('Your proposed upload is smaller than the minimum allowed size', 'EntityTooSmall', 400);
      continue;
    }
    const name = String(subject).replace(/^\$/, '').toLowerCase();
    named.add(name);
    const actual = value(name) ?? '';
    if (
      operator === 'eq' ? actual !== operand : operator === 'starts-with' ? !actual.startsWith(String(operand)) : true
    )
      return refuse(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
  }
  const extra = [...fields.keys()].filter((name) => !IGNORED.has(name) && !named.has(name));
  if (extra.length > 0) return refuse(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
  return { ok: true, key: fields.get('key') ?? '', body: Buffer.from(await file.arrayBuffer()) };
}
