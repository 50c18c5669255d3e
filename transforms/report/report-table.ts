/**
 * A table of the report, before and after disclosure control. Every breakdown the report
 * publishes (in HTML, CSV or JSON) is one of these, so the suppression rule applies to all alike.
 */
export type CellValue = string | number | boolean | null;

export type ColumnKind =
  /** A row label (a sector, a role, a group). */
  | 'label'
  /** A count of people: suppressed from 1 to threshold − 1. */
  | 'count'
  /** A figure derived from counts (FTE, a rate, a share, a ratio): withheld when a count it rests on is. */
  | 'derived'
  /** A figure that is neither a count of people nor derived from one (vacant FTE, a date). */
  | 'plain';

export interface ReportColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: ColumnKind;
  /** How to show a number: a whole number, one decimal place, a percentage, a ratio. */
  readonly format?: 'integer' | 'decimal' | 'percent' | 'ratio';
  /** For derived figures: the counts they rest on (columns of the same row, shown or hidden). */
  readonly basis?: readonly string[];
  /** Not shown: a count that a shown figure rests on. */
  readonly hidden?: boolean;
  /**
   * For counts: the rows add up to a total published elsewhere (a total row, a headline), so one
   * withheld cell could be recovered by subtraction unless a second is withheld too.
   * @default true
   */
  readonly additive?: boolean;
}

export type ReportRow = Readonly<Record<string, CellValue | undefined>>;

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
  /**
   * Groups of count columns that add up across a row to a total column, e.g. statutory + voluntary
   * + private = all: within a row, one withheld part could be recovered from the total.
   */
  readonly rowSums?: readonly { readonly parts: readonly string[]; readonly total: string }[];
}

/** A table after disclosure control: withheld cells are text, `<5` for a small count, `c` otherwise. */
export interface PublishedTable extends Omit<ReportTable, 'rows' | 'columns'> {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly ReportRow[];
}
