import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/** An Arquero table of some columns of a block of row objects. */
export function blockTable(rows: readonly Readonly<Record<string, unknown>>[], names: readonly string[]): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const name of names) {
    const values = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = (rows[i] as Record<string, unknown>)[name] ?? null;
    columns[name] = values;
  }
  return aq.table(columns);
}

/**
 * Aggregates rows as they stream in blocks, so memory holds one block and the partial sums,
 * never the whole file. Every measure is additive: partials combine by summing.
 */
export class BlockAggregator {
  private block: Readonly<Record<string, unknown>>[] = [];
  private readonly partials: ColumnTable[] = [];

  constructor(
    private readonly aggregateBlock: (rows: readonly Readonly<Record<string, unknown>>[]) => ColumnTable,
    private readonly keys: readonly string[],
    private readonly blockSize = 65_536,
  ) {}

  add(rows: readonly Readonly<Record<string, unknown>>[]): void {
    for (const row of rows) this.block.push(row);
    if (this.block.length >= this.blockSize) this.flush();
  }

  /** The sum of every partial, one row per key. */
  finish(): ColumnTable {
    this.flush();
    const [first, ...rest] = this.partials;
    if (first === undefined) return this.aggregateBlock([]);
    if (rest.length === 0) return first;
    const measures = first.columnNames().filter((name) => !this.keys.includes(name));
    return first
      .concat(...rest)
      .groupby(...this.keys)
      .rollup(Object.fromEntries(measures.map((name) => [name, aq.op.sum(name)])));
  }

  private flush(): void {
    if (this.block.length === 0) return;
    this.partials.push(this.aggregateBlock(this.block));
    this.block = [];
  }
}
