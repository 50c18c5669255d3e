/**
 * The suppression threshold's rule, written once: a count of people from 1 to threshold − 1 is
 * small, and withheld (primary suppression); 0 is not, nor is a count of threshold or more, nor a
 * count that is not there (null). Disclosure control applies it with isSmallCount, the views' flag
 * `suppressed` with the SQL smallCountSql writes (the views' {{small_count(column)}} placeholders),
 * and the methodology says it in the words of smallCountRange; a test holds the SQL and the
 * predicate to the same answers at the boundaries.
 */

/** The counts that are small under a threshold, in words: from 1 to threshold − 1. */
export function smallCountRange(threshold: number): { readonly from: number; readonly to: number } {
  return { from: 1, to: Math.trunc(threshold) - 1 };
}

/** Whether a count is small under the threshold, and so withheld. */
export function isSmallCount(count: number | null | undefined, threshold: number): boolean {
  const { from, to } = smallCountRange(threshold);
  return count !== null && count !== undefined && count >= from && count < to + 1;
}

/** The same rule in SQL, for Athena and DuckDB alike: TRUE or FALSE, never NULL. `column` is a column or expression. */
export function smallCountSql(column: string, threshold: number): string {
  const { from, to } = smallCountRange(threshold);
  return `COALESCE(${column} >= ${from} AND ${column} < ${to + 1}, FALSE)`;
}

/**
 * The protection interval: a withheld count is protected when the values consistent with
 * everything published run from 0 (or below) up to the threshold (or above). An attacker then
 * cannot tell whether it is nobody, a few people, or more than a few.
 */
export const protectionInterval = (threshold: number) => ({ low: 0, high: threshold });
