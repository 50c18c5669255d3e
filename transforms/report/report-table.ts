import type { DisclosureTable } from '../disclosure/tables.ts';

export type { CellValue, DisclosureColumn as ReportColumn } from '../disclosure/tables.ts';

/**
 * A table of the report before disclosure control: its figures as the views give them, what each
 * means in base counts (so the linked set can be protected and audited), and how it is captioned.
 */
export interface ReportTable extends DisclosureTable {
  readonly caption: string;
  /**
   * Orders the rows after protection by a shown figure (withheld rows last, by label): never by a
   * withheld one, whose place among the shown would tell where it lies.
   */
  readonly sortBy?: { readonly column: string; readonly descending: boolean };
}

declare const published: unique symbol;

/**
 * A table after disclosure control: numbers at the precision shown, withheld figures marked.
 * Only disclosure control (publishReport) makes one, so nothing can render an unprotected table.
 */
export type PublishedTable = ReportTable & { readonly [published]: true };

/** The brand, given by the one module allowed to give it. */
export const asPublished = (table: ReportTable): PublishedTable => table as PublishedTable;
