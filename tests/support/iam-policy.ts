/**
 * A small IAM policy evaluator for the stack tests: Allow and Deny statements, actions and
 * resources with IAM's * and ? wildcards, and the condition operators the stack uses. It resolves
 * the template's intrinsic functions to a fixed account, region and bucket names, so a test can
 * ask what a role may do as an attacker holding its credentials would try it.
 */
export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

export interface Request {
  readonly action: string;
  readonly resource: string;
  /** aws:CurrentTime */
  readonly time: Date;
  readonly context?: Record<string, string>;
}

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-2';

/** Resolves Fn::Join, Fn::GetAtt (an S3 bucket's Arn → arn:aws:s3:::<logical id>), Ref and pseudo parameters. */
export function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if ('Fn::GetAtt' in node) {
    const [logicalId, attribute] = node['Fn::GetAtt'] as [string, string];
    if (attribute === 'Arn')
      return logicalId.startsWith('DataLake')
        ? `arn:aws:s3:::${logicalId}`
        : `arn:aws:other:${REGION}:${ACCOUNT}:${logicalId}`;
    return `${logicalId}.${attribute}`;
  }
  if ('Ref' in node) {
    const ref = node.Ref as string;
    return (
      { 'AWS::Partition': 'aws', 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' }[
        ref
      ] ?? ref
    );
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
}

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** IAM's wildcards: * any run of characters (slashes too), ? any one character. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    's',
  );
  return regex.test(text);
}

function conditionHolds(condition: PolicyStatement['Condition'], request: Request): boolean {
  for (const [operator, tests] of Object.entries(condition ?? {})) {
    for (const [key, expected] of Object.entries(tests)) {
      const actual = key === 'aws:CurrentTime' ? request.time.toISOString() : request.context?.[key];
      if (actual === undefined) return false;
      const values = list(expected).map(resolve);
      const ok = {
        DateGreaterThanEquals: () => values.some((v) => Date.parse(actual) >= Date.parse(v)),
        DateGreaterThan: () => values.some((v) => Date.parse(actual) > Date.parse(v)),
        DateLessThan: () => values.some((v) => Date.parse(actual) < Date.parse(v)),
        StringEquals: () => values.includes(actual),
        StringLike: () => values.some((v) => wildcardMatch(v, actual)),
        ArnLike: () => values.some((v) => wildcardMatch(v, actual)),
      }[operator];
      if (ok === undefined) throw new Error(`The evaluator does not know the condition operator ${operator}.`);
      if (!ok()) return false;
    }
  }
  return true;
}

function applies(statement: PolicyStatement, request: Request): boolean {
  if (!list(statement.Action).some((action) => wildcardMatch(String(action), request.action))) return false;
  const inResource =
    statement.Resource !== undefined &&
    list(statement.Resource)
      .map(resolve)
      .some((r) => wildcardMatch(r, request.resource));
  const inNot =
    statement.NotResource !== undefined &&
    !list(statement.NotResource)
      .map(resolve)
      .some((r) => wildcardMatch(r, request.resource));
  return (inResource || inNot) && conditionHolds(statement.Condition, request);
}

/** The decision IAM makes on one request from a principal with these identity policies. */
export function decide(statements: readonly PolicyStatement[], request: Request): 'allowed' | 'denied' {
  if (statements.some((s) => s.Effect === 'Deny' && applies(s, request))) return 'denied';
  return statements.some((s) => s.Effect === 'Allow' && applies(s, request)) ? 'allowed' : 'denied';
}
