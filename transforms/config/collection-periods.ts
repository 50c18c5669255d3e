import { hasIsoDateForm, isIsoDate } from '../contract/dates.ts';

/**
 * Which periods exist: the Trust's collection dates. One rule, used by the pipeline's routing,
 * by validation, by the command line, by the portal, by the IAM policies and by the Athena
 * partition projection, so that a period the pipeline accepts is a period every engine sees.
 *
 * The config may list its collection dates (`collectionDates`); without a list, the collection
 * date is the baseline's day and month in every year from the baseline on (30 September, as in
 * the DfE children's social work workforce census, for the usual baseline). A collection date is
 * open from that day (UK time) on; a later one is not open yet.
 */
export interface CollectionRule {
  readonly baselinePeriod: string;
  readonly collectionDates?: readonly string[] | undefined;
}

export type PeriodCheck =
  | { readonly ok: true; readonly period: string }
  | {
      readonly ok: false;
      readonly code: 'PERIOD_INVALID' | 'PERIOD_IN_FUTURE' | 'PERIOD_NOT_COLLECTED';
      readonly message: string;
    };

/** Whether the rule lists its dates, or repeats the baseline's day and month every year. */
export const isYearly = (rule: CollectionRule): boolean => rule.collectionDates === undefined;

/** The first collection date: nothing before it is a period. */
export function firstCollectionDate(rule: CollectionRule): string {
  return rule.collectionDates === undefined
    ? rule.baselinePeriod
    : ([...rule.collectionDates].sort()[0] ?? rule.baselinePeriod);
}

/** Every collection date up to and including `until` (a YYYY-MM-DD date), oldest first. */
export function collectionDatesUntil(rule: CollectionRule, until: string): string[] {
  if (rule.collectionDates !== undefined) return [...rule.collectionDates].filter((date) => date <= until).sort();
  const dates: string[] = [];
  const monthDay = rule.baselinePeriod.slice(4);
  for (let year = Number(rule.baselinePeriod.slice(0, 4)); `${year}${monthDay}` <= until; year++) {
    dates.push(`${String(year).padStart(4, '0')}${monthDay}`);
  }
  return dates;
}

/** The collection dates open on `today`: every one from the first up to today, oldest first. */
export const openPeriods = (rule: CollectionRule, today: string): string[] => collectionDatesUntil(rule, today);

/** The first collection date after `today`, if the rule has one. */
export function nextCollectionDate(rule: CollectionRule, today: string): string | undefined {
  if (rule.collectionDates !== undefined) return [...rule.collectionDates].sort().find((date) => date > today);
  const monthDay = rule.baselinePeriod.slice(4);
  const year = Math.max(Number(today.slice(0, 4)), Number(rule.baselinePeriod.slice(0, 4)));
  const candidate = `${year}${monthDay}`;
  return candidate > today ? candidate : `${year + 1}${monthDay}`;
}

/** Whether a date is one of the rule's collection dates, open or not. */
export function isCollectionDate(rule: CollectionRule, date: string): boolean {
  if (!isIsoDate(date)) return false;
  if (rule.collectionDates !== undefined) return rule.collectionDates.includes(date);
  return date >= rule.baselinePeriod && date.slice(4) === rule.baselinePeriod.slice(4);
}

/** Lists dates for a person: "2024-09-30, 2025-09-30 and 2026-09-30". */
export function listDates(dates: readonly string[]): string {
  if (dates.length <= 1) return dates[0] ?? 'none';
  return `${dates.slice(0, -1).join(', ')} and ${dates.at(-1)}`;
}

/**
 * Checks a period a partner's file is for: a real date, one of the Trust's collection dates, and
 * not in the future. The message says which dates are open.
 */
export function checkPeriod(rule: CollectionRule, period: string, today: string): PeriodCheck {
  const open = openPeriods(rule, today);
  const next = nextCollectionDate(rule, today);
  const openText = open.length
    ? `The periods open for upload are ${listDates(open)}`
    : 'No period is open for upload yet';
  const nextText = next ? `; the next opens on ${next}.` : '.';
  if (!hasIsoDateForm(period)) {
    return {
      ok: false,
      code: 'PERIOD_INVALID',
      message: `'${period}' is not a period date in the form YYYY-MM-DD. ${openText}${nextText}`,
    };
  }
  if (!isIsoDate(period))
    return { ok: false, code: 'PERIOD_INVALID', message: `'${period}' is an impossible date. ${openText}${nextText}` };
  if (period > today) {
    return {
      ok: false,
      code: 'PERIOD_IN_FUTURE',
      message: `The period ${period} is after today (${today}). ${openText}${nextText}`,
    };
  }
  if (!isCollectionDate(rule, period)) {
    const before =
      period < firstCollectionDate(rule) ? `, and before the first collection (${firstCollectionDate(rule)})` : '';
    return {
      ok: false,
      code: 'PERIOD_NOT_COLLECTED',
      message: `${period} is not one of the Trust's collection dates${before}. ${openText}${nextText}`,
    };
  }
  return { ok: true, period };
}
