/**
 * What a published figure means, in terms an audit can check: every count of people the report
 * publishes is a sum of the lake's base counts, and every rate, share or FTE a linear function of
 * them. A report's tables carry these definitions (in needs-analysis.json too), so anyone can
 * rebuild the arithmetic an attacker would do with the published figures.
 */

/** The columns of the base counts that a figure can be restricted by. */
export const PEOPLE_DIMENSIONS = [
  'partner_id',
  'sector',
  'employer_type',
  'role',
  'setting',
  'employment_basis',
] as const;
export const EVENT_DIMENSIONS = ['partner_id', 'sector', 'employer_type', 'role'] as const;
export const CHARACTERISTIC_DIMENSIONS = ['partner_id', 'category'] as const;

export type Dimension = (typeof PEOPLE_DIMENSIONS)[number] | (typeof CHARACTERISTIC_DIMENSIONS)[number];

/**
 * The base counts. `people`: the whole workforce (workforce_by_type), with FTE. Events and
 * sub-counts of employees (recruitment_pressure): leavers and starters (with FTE), employees aged
 * 55+, employees whose qualification is recorded, and those without the role's qualification.
 * Characteristics (workforce_diversity): the whole workforce by ethnicity (and its broad group),
 * sex, age band and disability.
 */
export const MEASURES = {
  people: { base: 'people', dimensions: PEOPLE_DIMENSIONS, fte: true },
  leavers: { base: 'events', dimensions: EVENT_DIMENSIONS, fte: true },
  starters: { base: 'events', dimensions: EVENT_DIMENSIONS, fte: true },
  aged_55_plus: { base: 'events', dimensions: EVENT_DIMENSIONS, fte: false },
  qualification_known: { base: 'events', dimensions: EVENT_DIMENSIONS, fte: false },
  qualification_gap: { base: 'events', dimensions: EVENT_DIMENSIONS, fte: false },
  ethnicity: { base: 'characteristics', dimensions: CHARACTERISTIC_DIMENSIONS, fte: false },
  ethnic_group: { base: 'characteristics', dimensions: CHARACTERISTIC_DIMENSIONS, fte: false },
  sex: { base: 'characteristics', dimensions: CHARACTERISTIC_DIMENSIONS, fte: false },
  age_band: { base: 'characteristics', dimensions: CHARACTERISTIC_DIMENSIONS, fte: false },
  disability: { base: 'characteristics', dimensions: CHARACTERISTIC_DIMENSIONS, fte: false },
} as const;

export type Measure = keyof typeof MEASURES;
export type EventMeasure = { [M in Measure]: (typeof MEASURES)[M]['base'] extends 'events' ? M : never }[Measure];
export type CharacteristicMeasure = {
  [M in Measure]: (typeof MEASURES)[M]['base'] extends 'characteristics' ? M : never;
}[Measure];

export const isMeasure = (name: string): name is Measure => Object.hasOwn(MEASURES, name);

/** Restrictions on the base counts: a value, or any of a list of values. */
export type Where = Readonly<Partial<Record<Dimension, string | readonly string[]>>>;

/** A sum of base counts (or of their FTE) for the row's period and restrictions. */
export interface Term {
  readonly measure: Measure;
  /** The FTE of the people counted, not the people. @default false */
  readonly fte?: boolean;
  readonly where?: Where;
}

/** A part of a ratio: a term, or another figure of the same row (a vacant FTE, say). */
export type Part = Term | { readonly column: string };

/** Statistics of a diversity row, all functions of its count and the known total. */
export type DiversityStat = 'share' | 'ci_low' | 'ci_high' | 'ratio' | 'ratio_low' | 'ratio_high' | 'assessment';

export type FigureTemplate =
  /** A count of people: shown exactly, or withheld. */
  | { readonly type: 'count'; readonly term: Term }
  /** An FTE of people: shown to its precision. */
  | { readonly type: 'fte'; readonly term: Term }
  /**
   * scale × Σnum ÷ Σden, shown to its precision. `emptyMeansNoDenominator`: shown empty exactly
   * when Σden is 0 (a rate of nobody), so an empty one says so.
   */
  | {
      readonly type: 'ratio';
      readonly scale: number;
      readonly num: readonly Part[];
      readonly den: readonly Part[];
      readonly emptyMeansNoDenominator?: boolean;
    }
  /**
   * A statistic of the row's count (column `count`) among the people whose characteristic is
   * known (`known`), against the community share (column `community`, a percentage).
   */
  | {
      readonly type: 'diversity';
      readonly stat: DiversityStat;
      readonly count: string;
      readonly community: string;
      readonly known: Term;
    }
  /** A figure that is not about people (vacant FTE): a constant to the audit, shown to its precision. */
  | { readonly type: 'plain' };

/** Which base counts a row describes: its period, and restrictions shared by its figures. */
export type RowKey = Readonly<Record<string, string | readonly string[]>> & { readonly period: string };

/** Merges the row's restrictions into a term (the term's own win); a restriction the measure cannot take is a mistake. */
export function termFor(term: Term, key: RowKey): Term {
  const fromRow: Record<string, string | readonly string[]> = {};
  const dimensions = MEASURES[term.measure].dimensions as readonly string[];
  for (const [name, value] of Object.entries(key)) {
    if (name === 'period' || (typeof value !== 'string' && !Array.isArray(value))) continue;
    if (!dimensions.includes(name))
      throw new Error(`A row restricted by ${name} cannot hold a figure of ${term.measure}, which has no ${name}.`);
    fromRow[name] = value;
  }
  return { ...term, where: { ...fromRow, ...term.where } };
}

export const isTerm = (part: Part): part is Term => 'measure' in part;
