import type { IssueCode } from './issue-codes.ts';

export type DateParse = { readonly date: string } | { readonly issue: IssueCode; readonly message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TWO_DIGIT_YEAR = /^\d{1,2}\/\d{1,2}\/\d{2}$/;
const ISO_WITH_TIME = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/;

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
  const iso = ISO_DATE.exec(raw);
  if (iso) return calendarDate(raw, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const uk = UK_DATE.exec(raw);
  if (uk) {
    const [first, second, year] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
    if (second > 12 && first <= 12) {
      return { issue: 'DATE_US_ORDER', message: `'${raw}' looks like month/day/year; write it day first as ${pad(second)}/${pad(first)}/${year}.` };
    }
    return calendarDate(raw, year, second, first);
  }
  if (TWO_DIGIT_YEAR.test(raw)) return { issue: 'DATE_TWO_DIGIT_YEAR', message: `'${raw}' has a two-digit year; write the year in full.` };
  const withTime = ISO_WITH_TIME.exec(raw);
  if (withTime) return { issue: 'DATE_INVALID', message: `'${raw}' has a time; give the date alone, ${withTime[1]}.` };
  return { issue: 'DATE_INVALID', message: `'${raw}' is not a date; write YYYY-MM-DD or DD/MM/YYYY.` };
}

/** The ISO date 12 months before an ISO date (29 February falls back to 28 February). */
export function twelveMonthsBefore(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${year - 1}-${pad(month)}-${pad(Math.min(day, daysInMonth(year - 1, month)))}`;
}

/** Today's date in the UK, as YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
}
