import Papa from 'papaparse';
import { z } from 'zod';

/**
 * The DfE "Children's social work workforce" national and regional series (transforms/reference/
 * dfe-csww-england.csv): children and family social workers employed by local authorities, as at
 * 30 September of each year. The file keeps several releases side by side, because a later release
 * revises earlier years; this loader keeps, for each year, geography and measure, the figure of the
 * latest release, and says which release that is.
 */
export const CSWW_SOURCE =
  "Department for Education, Children's social work workforce (Explore Education Statistics), " +
  'Open Government Licence v3.0';

export const CSWW_MEASURES = [
  'inpost_fte',
  'inpost_headcount',
  'starters_fte',
  'starters_headcount',
  'leavers_fte',
  'leavers_headcount',
  'turnover_rate_fte',
  'turnover_rate_headcount',
  'agency_fte',
  'agency_headcount',
  'agency_rate_fte',
  'agency_rate_headcount',
  'agency_cover_fte',
  'agency_cover_rate_fte',
  'vacancy_fte',
  'vacancy_rate_fte',
  'vacancy_agency_cover_rate_fte',
  'absence_rate_fte',
  'working_days_lost_fte',
  'case_holders_fte',
  'cases',
  'caseload_fte',
] as const;
export type CswwMeasure = (typeof CSWW_MEASURES)[number];

/**
 * The DfE rate beside each rate column of the recruitment_rates view: the view computes them with
 * the DfE's definitions (tests/views/dfe-rates.test.ts), so the two can be shown side by side.
 */
export const CSWW_MEASURE_OF_RATE = {
  turnover_rate: 'turnover_rate_fte',
  turnover_rate_headcount: 'turnover_rate_headcount',
  vacancy_rate: 'vacancy_rate_fte',
  agency_rate: 'agency_rate_fte',
  agency_cover_rate: 'agency_cover_rate_fte',
  vacancy_cover_rate: 'vacancy_agency_cover_rate_fte',
  absence_rate: 'absence_rate_fte',
} as const satisfies Record<string, CswwMeasure>;

export const CswwRowSchema = z.object({
  year: z.string().regex(/^\d{4}$/),
  geographic_level: z.enum(['National', 'Regional']),
  geography_code: z.string().regex(/^E\d{8}$/),
  geography: z.string().min(1),
  measure: z.enum(CSWW_MEASURES),
  measure_label: z.string().min(1),
  unit: z.enum(['percent', 'number']),
  /** A number, or `u`: the DfE marks the figure as of low reliability and gives none. */
  value: z.string().regex(/^(\d+(\.\d+)?|u)$/),
  source_release: z.string().regex(/^\d{4} release: \S+$/),
});
export type CswwRow = z.infer<typeof CswwRowSchema>;

export interface CswwFigure {
  /** null when the DfE gives no figure (flag `u`). */
  readonly value: number | null;
  /** `u`: the DfE flags the figure as of low reliability. */
  readonly flag: 'u' | null;
  readonly unit: CswwRow['unit'];
  readonly label: string;
  /** The release the figure is taken from, e.g. `2025 release: csww_indicators_2017_to_2025`. */
  readonly release: string;
}

/** One year's figures for one geography, each from the latest release that holds it. */
export interface CswwYear {
  readonly year: number;
  /** The date the figures describe: 30 September of the year. */
  readonly asAt: string;
  readonly level: 'national' | 'regional';
  readonly geographyCode: string;
  readonly geography: string;
  /** The latest release holding this year (each figure names its own release too). */
  readonly release: string;
  readonly figures: Readonly<Partial<Record<CswwMeasure, CswwFigure>>>;
}

export const ENGLAND_CODE = 'E92000001';

/** A line of the file that does not fit its columns: the shipped copy is damaged. */
export class CswwFileError extends Error {
  override readonly name = 'CswwFileError';
}

const releaseYear = (release: string) => Number(release.slice(0, 4));
const levelOrder = (year: CswwYear) => (year.level === 'national' ? 0 : 1);

/** Every geography's years, oldest first, England first within a year. */
export function parseCswwSeries(csvText: string): CswwYear[] {
  const text = csvText.replace(/^\uFEFF/, '').trim();
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const latest = new Map<string, CswwRow>();
  data.forEach((record, index) => {
    const parsed = CswwRowSchema.safeParse(record);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new CswwFileError(`dfe-csww line ${index + 2}: ${issues}`);
    }
    const row = parsed.data;
    const key = `${row.year}|${row.geography_code}|${row.measure}`;
    const held = latest.get(key);
    if (held !== undefined && releaseYear(held.source_release) === releaseYear(row.source_release)) {
      const what = `${row.measure} for ${row.geography} ${row.year}`;
      throw new CswwFileError(`dfe-csww line ${index + 2}: ${what} appears twice in the ${row.source_release}.`);
    }
    if (held === undefined || releaseYear(row.source_release) > releaseYear(held.source_release)) latest.set(key, row);
  });
  type Year = { meta: CswwRow; figures: Partial<Record<CswwMeasure, CswwFigure>>; release: string };
  const years = new Map<string, Year>();
  for (const row of latest.values()) {
    const key = `${row.year}|${row.geography_code}`;
    const entry = years.get(key) ?? { meta: row, figures: {}, release: row.source_release };
    entry.figures[row.measure] = {
      value: row.value === 'u' ? null : Number(row.value),
      flag: row.value === 'u' ? 'u' : null,
      unit: row.unit,
      label: row.measure_label,
      release: row.source_release,
    };
    if (releaseYear(row.source_release) > releaseYear(entry.release)) entry.release = row.source_release;
    years.set(key, entry);
  }
  return [...years.values()]
    .map(({ meta, figures, release }): CswwYear => ({
      year: Number(meta.year),
      asAt: `${meta.year}-09-30`,
      level: meta.geographic_level === 'National' ? 'national' : 'regional',
      geographyCode: meta.geography_code,
      geography: meta.geography,
      release,
      figures,
    }))
    .sort((a, b) => a.year - b.year || levelOrder(a) - levelOrder(b) || a.geography.localeCompare(b.geography));
}

/** England's years, oldest first. */
export function englandSeries(series: readonly CswwYear[]): CswwYear[] {
  return series.filter((year) => year.geographyCode === ENGLAND_CODE);
}

/**
 * The CSWW year to set beside a period: the latest 30 September on or before the period date
 * (a Trust's 30 September 2025 is the DfE's 2025; a 31 March 2026 period is compared with 2025).
 */
export function cswwYearOf(period: string): number {
  const year = Number(period.slice(0, 4));
  return period.slice(5) >= '09-30' ? year : year - 1;
}

/** The geography's figures for the year matching the period, or undefined when the DfE has not published it. */
export function cswwFor(
  series: readonly CswwYear[],
  period: string,
  geographyCode = ENGLAND_CODE,
): CswwYear | undefined {
  const year = cswwYearOf(period);
  return series.find((entry) => entry.year === year && entry.geographyCode === geographyCode);
}

export type RateColumn = keyof typeof CSWW_MEASURE_OF_RATE;

/** England's rates to set beside the Trust's, keyed by the recruitment_rates column they match. */
export interface EnglandRates {
  readonly year: number;
  readonly asAt: string;
  readonly release: string;
  readonly rates: Readonly<Record<RateColumn, CswwFigure | undefined>>;
}

/**
 * England's rates for the year matching the period, or undefined when the DfE has not published
 * that year yet (then say so, and name the latest year held: `englandSeries(series).at(-1)`).
 */
export function englandRatesFor(series: readonly CswwYear[], period: string): EnglandRates | undefined {
  const year = cswwFor(series, period);
  if (year === undefined) return undefined;
  const columns = Object.keys(CSWW_MEASURE_OF_RATE) as RateColumn[];
  const rates = Object.fromEntries(columns.map((column) => [column, year.figures[CSWW_MEASURE_OF_RATE[column]]]));
  return { year: year.year, asAt: year.asAt, release: year.release, rates: rates as EnglandRates['rates'] };
}
