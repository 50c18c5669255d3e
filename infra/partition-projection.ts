import { firstCollectionDate, isYearly, type CollectionRule } from '../transforms/config/collection-periods.ts';
import { FIRST_REFERENCE_DATE, periodKindOf } from '../transforms/tables/table-periods.ts';

/**
 * Athena's partition projection of a table's `period`, chosen so that Athena sees exactly the
 * periods the pipeline writes (table-periods.ts), and probes as few empty prefixes as it can.
 *
 * Collection tables: a `date` projection from the first collection date, stepping a year at a time
 * (the baseline's day and month every year; or, for listed dates, the widest step in years, else in
 * days, that lands on every one of them). `enum` is not used: Athena, like Trino, projects an enum
 * only onto a string column, and `period` is a DATE; nor `injected`, which fails every query that
 * does not name one period, as the views do not.
 *
 * The community profile: any day from Census day 2021, a `date` projection by the day.
 *
 * A yearly rule and the community profile end at `NOW+1DAYS` rather than `NOW`: Athena takes NOW in
 * UTC (to the day), while a date opens at midnight UK time, an hour earlier in summer. The day
 * ahead holds nothing: the pipeline writes no period after today. Listed collection dates end with
 * the last of them: the ones still to come are projected (empty) before they open, with no
 * redeploy needed when they do.
 */
export interface PeriodStep {
  readonly interval: number;
  readonly unit: 'YEARS' | 'DAYS';
}

export function periodProjection(table: string, rule: CollectionRule, today: string): Record<string, string> {
  const reference = periodKindOf(table) === 'reference';
  const first = reference ? FIRST_REFERENCE_DATE : firstCollectionDate(rule);
  const step = reference ? { interval: 1, unit: 'DAYS' as const } : collectionStep(rule);
  const end = reference || isYearly(rule) ? relativeEnd(first, today) : lastListedEnd(rule);
  return {
    'projection.enabled': 'true',
    'projection.period.type': 'date',
    'projection.period.format': 'yyyy-MM-dd',
    'projection.period.range': `${first},${end}`,
    'projection.period.interval': String(step.interval),
    'projection.period.interval.unit': step.unit,
  };
}

/** The widest step from the first collection date that lands on every collection date. */
export function collectionStep(rule: CollectionRule): PeriodStep {
  if (isYearly(rule)) return { interval: 1, unit: 'YEARS' };
  const dates = [...(rule.collectionDates ?? [])].sort();
  const [first = rule.baselinePeriod] = dates;
  const sameDay = dates.every((date) => date.slice(4) === first.slice(4)) && first.slice(5) !== '02-29';
  const year = (date: string) => Number(date.slice(0, 4));
  if (sameDay) return { interval: gcdOf(dates.map((date) => year(date) - year(first))), unit: 'YEARS' };
  return { interval: gcdOf(dates.map((date) => daysBetween(first, date))), unit: 'DAYS' };
}

/** NOW+1DAYS, or further on if the first date is still to come (Athena refuses a range that ends before it starts). */
function relativeEnd(first: string, today: string): string {
  return `NOW+${Math.max(1, daysBetween(today, first) + 1)}DAYS`;
}

/** Listed dates end with the last of them (the day after, so that a single date is still a range). */
function lastListedEnd(rule: CollectionRule): string {
  const last = [...(rule.collectionDates ?? [])].sort().at(-1) ?? rule.baselinePeriod;
  return new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const gcdOf = (numbers: readonly number[]): number => numbers.reduce(gcd, 0) || 1;
