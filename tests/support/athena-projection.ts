/**
 * The partition values Athena projects for a table's `period`, from the table's Glue parameters,
 * for a query run at a given instant: Athena's `date` projection as its documentation describes it
 * (and as Trino's implementation of it does): bounds that are dates in the format, or NOW with an
 * optional offset, taken in UTC and cut to the format's precision; values from the start, stepping
 * by the interval, while not after the end; a range that does not run forwards is an error.
 */
const RELATIVE = /^\s*NOW\s*(([+-])\s*([0-9]+)\s*(YEAR|MONTH|WEEK|DAY|HOUR|MINUTE|SECOND)S?\s*)?$/;
const DAY_MS = 86_400_000;

export function projectedPeriods(parameters: Readonly<Record<string, string>>, at: Date): string[] {
  if (parameters['projection.enabled'] !== 'true') throw new Error('Partition projection is not enabled.');
  const type = parameters['projection.period.type'];
  if (type !== 'date') throw new Error(`Only date projection is modelled, not ${type}.`);
  if (parameters['projection.period.format'] !== 'yyyy-MM-dd')
    throw new Error('Only the yyyy-MM-dd format is modelled.');
  const [left, right] = (parameters['projection.period.range'] ?? '').split(',').map((bound) => toDay(bound, at));
  if (left === undefined || right === undefined || !(left < right)) {
    throw new Error(`The range ${parameters['projection.period.range']} does not run forwards at ${at.toISOString()}.`);
  }
  const interval = Number(parameters['projection.period.interval'] ?? 1);
  const unit = (parameters['projection.period.interval.unit'] ?? 'DAYS').toUpperCase();
  const values: string[] = [];
  for (let current = left; current <= right; current = step(current, interval, unit)) values.push(current);
  return values;
}

/** A bound as a UTC day, YYYY-MM-DD. */
function toDay(bound: string, at: Date): string {
  const relative = RELATIVE.exec(bound);
  if (!relative) return bound.trim();
  const [, , sign, amount, unit] = relative;
  const instant = sign ? plus(at, (sign === '-' ? -1 : 1) * Number(amount), unit as string) : at;
  return instant.toISOString().slice(0, 10);
}

function plus(at: Date, amount: number, unit: string): Date {
  const ms = { WEEK: 7 * DAY_MS, DAY: DAY_MS, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000 }[unit];
  if (ms !== undefined) return new Date(at.getTime() + amount * ms);
  const day = step(at.toISOString().slice(0, 10), amount, `${unit}S`);
  return new Date(`${day}T${at.toISOString().slice(11)}`);
}

/** One step on from a day, as java.time does: a month or year later clamps to the month's last day. */
function step(day: string, amount: number, unit: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  if (unit === 'DAYS') return new Date(Date.UTC(year, month - 1, date) + amount * DAY_MS).toISOString().slice(0, 10);
  const months = unit === 'YEARS' ? 12 * amount : unit === 'MONTHS' ? amount : Number.NaN;
  if (Number.isNaN(months)) throw new Error(`The interval unit ${unit} is not modelled.`);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const clamped = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(date, last)));
  return clamped.toISOString().slice(0, 10);
}
