/**
 * An error from the AWS SDK as one plain line saying what happened and what to do, for the
 * mistakes a person makes when calling AWS: no region, no or expired credentials, access denied,
 * a bucket that does not exist, no network. Undefined for anything else.
 */
export interface AwsContext {
  readonly bucket?: string | undefined;
  readonly roleArn?: string | undefined;
}

export function describeAwsError(error: unknown, context: AwsContext = {}): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name = '', message = '', code = '' } = error as { name?: string; message?: string; code?: string };
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const bucket = context.bucket ? ` ${context.bucket}` : '';
  if (/region is missing/i.test(message)) {
    const example = '`export AWS_REGION=eu-west-2`';
    return `No AWS region is set: set AWS_REGION (for example ${example}), or a region in your AWS profile.`;
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return 'No AWS credentials found: sign in (for example `aws sso login`), or set AWS_PROFILE, then try again.';
  }
  if (/^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired)$/.test(name) || /token.*expired/i.test(message)) {
    return 'Your AWS session has expired: sign in again (for example `aws sso login`) and try again.';
  }
  if (/^(InvalidAccessKeyId|InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClientException)$/.test(name)) {
    return `AWS did not accept your credentials (${name}): check AWS_PROFILE or your access keys, or sign in again.`;
  }
  if (name === 'NoSuchBucket') return `There is no bucket${bucket}: check --bucket (the stack's LandingBucket output).`;
  if (/AccessDenied|Forbidden|not authorized/i.test(name) || status === 403) {
    const role = context.roleArn
      ? `the role ${context.roleArn} may not do this, or you may not take it`
      : `your credentials may not upload to${bucket} (give your partner role with --role-arn)`;
    return `AWS denied access: ${role}. Ask the Trust to check the role's permissions.`;
  }
  if (/^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN)$/.test(code) || name === 'TimeoutError') {
    return `Could not reach AWS (${code || name}): check your network connection, then try again.`;
  }
  return undefined;
}
