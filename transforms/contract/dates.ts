import type { IssueCode } from './issue-codes.ts';

export type DateParse = { readonly date: string } | { readonly issue: IssueCode; readonly message: string };

/** The form of an ISO date, YYYY-MM-DD, real or not (2026-09-31 has the form): the one pattern for it. */
export const ISO_DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The form of a UK date, DD/MM/YYYY (a day or month may be one digit). */
export const UK_DATE_FORM = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TWO_DIGIT_YEAR = /^\d{1,2}\/\d{1,2}\/\d{2}$/;
/** Day first with dots or hyphens, as many European locales write dates: `01.04.2021`. */
const DOTTED_DATE = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/;
/** A date followed by a time, as spreadsheets and HR systems write them: `01/04/2021 00:00`, `2021-04-01T09:30:00Z`. */
const WITH_TIME = new RegExp(
  String.raw`^(\S+?)(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?` + // the date, then hours, minutes, seconds
    String.raw`(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT|BST|[+-]\d{2}:?\d{2}))?$`, // am/pm, time zone
);

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarDate(raw: string, year: number, month: number, day: number): DateParse {
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { issue: 'DATE_IMPOSSIBLE', message: `'${raw}' is not a real date.` };
  }
  return { date: `${year}-${pad(month)}-${pad(day)}` };
}

/** Parses a contract date: ISO `YYYY-MM-DD` or UK `DD/MM/YYYY`, never US order or two-digit years. */
export function parseContractDate(raw: string): DateParse {
  const iso = ISO_DATE_FORM.exec(raw);
  if (iso) return calendarDate(raw, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DATE_FORM.exec(raw);
  if (uk) {
    const [first, second, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (second > 12 && first <= 12) {
      return {
        issue: 'DATE_US_ORDER',
        message: `'${raw}' looks like month/day/year; write it day first as ${pad(second)}/${pad(first)}/${year}.`,
      };
    }
    return calendarDate(raw, year, second, first);
  }
  const dotted = DOTTED_DATE.exec(raw);
  if (dotted) {
    const separator = raw[(dotted[1] as string).length];
    const date = `${dotted[1]}/${dotted[2]}/${dotted[3]}`;
    const message = `'${raw}' separates day, month and year with '${separator}'; write ${date}.`;
    return { issue: 'DATE_INVALID', message };
  }
  if (TWO_DIGIT_YEAR.test(raw))
    return { issue: 'DATE_TWO_DIGIT_YEAR', message: `'${raw}' has a two-digit year; write the year in full.` };
  const withTime = WITH_TIME.exec(raw);
  if (withTime) {
    const date = withTime[1] as string;
    const parsed = date === raw ? undefined : parseContractDate(date);
    if (parsed && 'date' in parsed) {
      return { issue: 'DATE_INVALID', message: `'${raw}' has a time; give the date alone, ${date}.` };
    }
    if (parsed) return { issue: parsed.issue, message: `${parsed.message} Give the date alone, without the time.` };
  }
  return { issue: 'DATE_INVALID', message: `'${raw}' is not a date; write YYYY-MM-DD or DD/MM/YYYY.` };
}

/** Whether a text has the form YYYY-MM-DD, whether or not the date is real. */
export const hasIsoDateForm = (text: string): boolean => ISO_DATE_FORM.test(text);

/** True for a real calendar date written YYYY-MM-DD: the rule for a period everywhere. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE_FORM.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The ISO date 12 months before an ISO date (29 February falls back to 28 February). */
export function twelveMonthsBefore(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${year - 1}-${pad(month)}-${pad(Math.min(day, daysInMonth(year - 1, month)))}`;
}

// Made once: building a formatter (its time zone rules) costs a thousand times formatting with one.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in the UK, as YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return LONDON_DAY.format(now);
}
