import type { DatasetDefinition } from '../contract/dataset.ts';
import { normalizeKey } from '../contract/normalize.ts';

/** Rows looked at, at most, for a header below a title (HR systems write one to three). */
export const MAX_ROWS_ABOVE_HEADER = 10;

export interface PendingRecord {
  readonly record: string[];
  readonly rowNumber: number;
}

export interface HeaderFound {
  readonly header: string[];
  readonly headerRow: number;
  /** The non-blank rows above the header (a title, a date, a note), skipped. */
  readonly above: readonly PendingRecord[];
  /** Rows read while looking that turned out to be data, to be validated now. */
  readonly replay: readonly PendingRecord[];
}

/**
 * Finds the header row: usually the first non-blank row, found at once. When the first row names
 * fewer than half of the dataset's columns (a title such as "Staff list as at 30/09/2026"), the
 * next rows are looked at too, and the header is the one of the first ten that names the most
 * columns; the rows above it are reported and skipped. If none names any, the first row is the
 * header, as before, and its own issues say what is wrong with it.
 */
export class HeaderFinder {
  private readonly pending: PendingRecord[] = [];
  private readonly columns: ReadonlySet<string>;
  private readonly enough: number;

  constructor(dataset: DatasetDefinition) {
    this.columns = new Set(Object.keys(dataset.columns));
    this.enough = Math.ceil(this.columns.size / 2);
  }

  /** Offers the next non-blank record; returns the header once it is known. */
  offer(record: string[], rowNumber: number): HeaderFound | undefined {
    if (this.pending.length === 0 && this.named(record) >= this.enough) {
      return { header: record, headerRow: rowNumber, above: [], replay: [] };
    }
    this.pending.push({ record, rowNumber });
    return this.pending.length >= MAX_ROWS_ABOVE_HEADER ? this.decide() : undefined;
  }

  /** Decides with the rows seen, at the end of a short file; undefined when there were none. */
  finish(): HeaderFound | undefined {
    return this.pending.length > 0 ? this.decide() : undefined;
  }

  private decide(): HeaderFound {
    let best = 0;
    let bestNamed = 0;
    this.pending.forEach(({ record }, index) => {
      const named = this.named(record);
      if (named > bestNamed) {
        best = index;
        bestNamed = named;
      }
    });
    const { record, rowNumber } = this.pending[best] as PendingRecord;
    const above = this.pending.slice(0, best);
    const found = { header: record, headerRow: rowNumber, above, replay: this.pending.slice(best + 1) };
    this.pending.length = 0;
    return found;
  }

  private named(record: readonly string[]): number {
    const named = new Set<string>();
    for (const cell of record) {
      if (cell.length > 0 && cell.length < 64) {
        const key = normalizeKey(cell);
        if (this.columns.has(key)) named.add(key);
      }
    }
    return named.size;
  }
}
