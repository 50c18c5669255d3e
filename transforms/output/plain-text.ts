/**
 * Any value as plain text for a cell: strings as they are, numbers, bigints and booleans in
 * JavaScript's spelling, dates in ISO 8601, anything else as JSON (bigints inside as digits).
 */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner)) ?? '';
}

/** A thrown value for a log line: an error's stack (or message), anything else as plain text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : plainText(error);
}
