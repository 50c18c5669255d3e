import { isCollectionDate, type CollectionRule, type PeriodCheck } from '../config/collection-periods.ts';
import { isIsoDate } from '../contract/dates.ts';
import { CENSUS_PERIOD } from '../reference/census-2021.ts';

/**
 * Which periods each lake table holds, for every engine that reads the lake: the pipeline writes
 * only these, the Athena partition projection covers them, and DuckDB reads only them.
 *
 * - `collection`: the Trust's collection dates up to today (the period rule of
 *   collection-periods.ts): partners' data and every submission record filed under one.
 * - `reference`: any date from Census day 2021 (the built-in profile's date) up to today: a
 *   community profile is dated by what it describes (Census day, a mid-year estimate).
 */
export type PeriodKind = 'collection' | 'reference';

/** Each table's kind of period, by name (a test holds it to the table definitions). */
export const TABLE_PERIODS: Readonly<Record<string, PeriodKind>> = {
  workforce_by_type: 'collection',
  recruitment_pressure: 'collection',
  workforce_diversity: 'collection',
  community_profile: 'reference',
  submissions: 'collection',
};

export function periodKindOf(table: string): PeriodKind {
  const kind = TABLE_PERIODS[table];
  if (kind === undefined) throw new Error(`Table ${table} does not say which periods it holds (TABLE_PERIODS).`);
  return kind;
}

/** The first date a community profile may carry: Census day 2021. */
export const FIRST_REFERENCE_DATE = CENSUS_PERIOD;

/** Whether a table holds a period: what the pipeline can write there, on `today`. */
export function tableHoldsPeriod(table: string, rule: CollectionRule, period: string, today: string): boolean {
  if (!isIsoDate(period) || period > today) return false;
  return periodKindOf(table) === 'reference' ? period >= FIRST_REFERENCE_DATE : isCollectionDate(rule, period);
}

/** Checks the date a community profile is uploaded for: a real date, from Census day 2021 up to today. */
export function checkReferenceDate(date: string, today: string): PeriodCheck {
  const refuse = (code: 'PERIOD_INVALID' | 'PERIOD_IN_FUTURE', message: string): PeriodCheck => ({
    ok: false,
    code,
    message,
  });
  if (!isIsoDate(date)) return refuse('PERIOD_INVALID', `'${date}' is not a date in the form YYYY-MM-DD.`);
  if (date > today) return refuse('PERIOD_IN_FUTURE', `The profile's date ${date} is after today (${today}).`);
  if (date < FIRST_REFERENCE_DATE) {
    const earliest = `${FIRST_REFERENCE_DATE}, Census day 2021, the earliest a community profile may describe`;
    return refuse('PERIOD_INVALID', `The profile's date ${date} is before ${earliest}.`);
  }
  return { ok: true, period: date };
}
