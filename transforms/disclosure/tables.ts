import type { FigureTemplate, RowKey } from './figures.ts';

/** The one mark of a withheld figure, whatever the reason: a reader cannot tell a small count from one withheld to protect it. */
export const WITHHELD = '[c]';

export type CellValue = string | number | boolean | null;

export type ColumnKind =
  /** A row label (a sector, a role, a group). */
  | 'label'
  /** A count of people: withheld from 1 to threshold − 1, and wherever it would give one away. */
  | 'count'
  /** A figure derived from counts (FTE, a rate, a share, a ratio): withheld when a count it rests on is. */
  | 'derived'
  /** A figure that is not a count of people nor derived from one (vacant FTE, a status). */
  | 'plain';

/** A count of another row of the same table that a figure rests on (a diversity table's recorded total). */
export interface RowBasis {
  readonly row: number;
  readonly column: string;
}

export interface DisclosureColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: ColumnKind;
  /** How a number is shown, which is also the precision it is published at. */
  readonly format?: 'integer' | 'decimal' | 'percent' | 'ratio';
  /** Decimal places published, where they differ from what the format shows (an older report's JSON). */
  readonly precision?: number;
  /** For derived figures: the counts they rest on, in the same row or another; shown or hidden. */
  readonly basis?: readonly (string | RowBasis)[];
  /** Not shown: a count that a shown figure rests on. */
  readonly hidden?: boolean;
  /** The total of the whole workforce: the one count never withheld. */
  readonly exempt?: boolean;
  /** What the figure means in base counts; figures without one are not about people. */
  readonly figure?: FigureTemplate;
}

/**
 * A table as disclosure control sees it: its columns' meaning, its rows' keys, and a value per
 * cell (the truth before protection; what is shown after it).
 */
export interface DisclosureTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly DisclosureColumn[];
  readonly rows: readonly Readonly<Record<string, CellValue | undefined>>[];
  /**
   * Which base counts each row describes; null for a row of reference figures (England's rates
   * set beside the Trust's), which says nothing of the Trust's people.
   */
  readonly rowKeys: readonly (RowKey | null)[];
  /**
   * Each row's number among the rows the table was built with, where some were left out (a row
   * listed for no shown figure): figures keep the number they were protected under. @default the index
   */
  readonly rowNumbers?: readonly number[];
  /**
   * Whether a row's presence says something: a row is listed only when one of these figures is
   * shown and more than 0 (an empty role is left out, and so is one whose figures are all
   * withheld), so a listed row says nothing a shown figure does not; or rows are listed exactly
   * when another table lists them. Absent: every row is listed whatever its figures.
   */
  readonly presence?: { readonly anyOf: readonly string[] } | { readonly sameRowsAs: string };
  /**
   * The order of the rows, when it follows a figure: each row's figure is at least (or at most)
   * the next one's. Rows whose figure is withheld must come after all shown ones (`withheldLast`),
   * or their position tells where their figure lies.
   */
  readonly order?: { readonly column: string; readonly descending: boolean; readonly withheldLast: boolean };
}

/** Decimal places a column is published at. */
export function precisionOf(column: Pick<DisclosureColumn, 'format' | 'precision'>): number {
  if (column.precision !== undefined) return column.precision;
  switch (column.format) {
    case 'integer':
      return 0;
    case 'ratio':
      return 2;
    case 'decimal':
    case 'percent':
      return 1;
    default:
      return 1;
  }
}

/** A number as published: rounded half away from zero to the column's precision. */
export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * Whether a cell is withheld. Besides WITHHELD, reads the marks earlier reports used: `<5` (a
 * count from 1 to 4) and `c` (withheld to protect another), each of which told an attacker more.
 */
export const isWithheld = (value: CellValue | undefined): boolean =>
  value === WITHHELD || value === 'c' || (typeof value === 'string' && /^<\d+$/.test(value));
