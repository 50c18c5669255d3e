import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

type Row = Readonly<Record<string, unknown>>;

export interface TallySpec {
  /** The columns whose values make a group. */
  readonly keys: readonly string[];
  /** Yes/no columns worked out from each row, that make groups too. */
  readonly flags?: Readonly<Record<string, (row: Row) => boolean>>;
  /** Numeric columns added up in each group (a missing value adds 0). */
  readonly sums: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One tally's groups: each group's key numbers, its row count and its sums. */
class Groups {
  /** Open addressing: each slot holds a group number + 1, or 0 when empty. */
  slots = new Int32Array(1024);
  ids: Int32Array;
  readonly counts: number[] = [];
  readonly totals: number[][];

  constructor(
    readonly spec: TallySpec,
    /** Which of the set's columns make this tally's key. */
    readonly columns: Int32Array,
    /** Which of the set's sums this tally adds up. */
    readonly sums: Int32Array,
  ) {
    this.ids = new Int32Array(1024 * Math.max(1, columns.length));
    this.totals = spec.sums.map(() => []);
  }
}

/**
 * Counts rows, and adds up numeric columns, by group, for several tables at once, as rows stream
 * past: memory holds one entry per group, never the rows. Each tally ends as a small Arquero table
 * (its groups, `rows`, and each sum) for the transforms to finish.
 *
 * It runs once per row, so it is built for speed: each column is read once per row however many
 * tallies use it (the reads are compiled for the columns), each value gets a small number, and a
 * group is found by a hash of its numbers, checked against the numbers themselves.
 */
export class TallySet {
  private readonly readers: ((row: Row) => unknown)[] = [];
  private readonly columnNames: string[] = [];
  private readonly valueIds: Map<unknown, number>[] = [];
  private readonly values: unknown[][] = [];
  private readonly sumReaders: ((row: Row) => unknown)[] = [];
  private readonly sumNames: string[] = [];
  private readonly current: Int32Array;
  private readonly sumValues: Float64Array;
  private readonly groups: Groups[];
  /** For each column, its place in the rows' value numbers (-1 if it has none). */
  private readonly sourceColumn: Int32Array;
  /** For each column, value number + 1 → this tally's number + 1 (0 while unseen). */
  private readonly translate: Int32Array[];

  /**
   * @param specs the tallies to keep
   * @param columnOrder the order of the value numbers passed with each row (the dataset's columns)
   */
  constructor(specs: readonly TallySpec[], columnOrder: readonly string[] = []) {
    const columnIndex = (name: string, reader: (row: Row) => unknown) => {
      let index = this.columnNames.indexOf(name);
      if (index === -1) {
        index = this.columnNames.push(name) - 1;
        this.readers.push(reader);
        this.valueIds.push(new Map());
        this.values.push([]);
      }
      return index;
    };
    const sumIndex = (name: string) => {
      let index = this.sumNames.indexOf(name);
      if (index === -1) {
        index = this.sumNames.push(name) - 1;
        this.sumReaders.push(fieldReader(name));
      }
      return index;
    };
    this.groups = specs.map((spec) => {
      const columns = [
        ...spec.keys.map((name) => columnIndex(name, fieldReader(name))),
        ...Object.entries(spec.flags ?? {}).map(([name, test]) => columnIndex(`flag:${name}`, test)),
      ];
      return new Groups(spec, Int32Array.from(columns), Int32Array.from(spec.sums.map(sumIndex)));
    });
    this.current = new Int32Array(this.columnNames.length);
    this.sumValues = new Float64Array(this.sumNames.length);
    this.sourceColumn = Int32Array.from(this.columnNames, (name) => columnOrder.indexOf(name));
    this.translate = this.columnNames.map(() => new Int32Array(64));
  }

  /** Counts a row; `valueIds`, when given, are its value numbers in the constructor's column order. */
  add(row: Row, valueIds?: Int32Array): void {
    const current = this.current;
    for (let c = 0; c < current.length; c++) {
      // The validator numbers each distinct value: a number seen before needs no lookup by value.
      const source = this.sourceColumn[c] as number;
      const known = valueIds !== undefined && source >= 0 ? (valueIds[source] as number) : -1;
      if (known >= 0) {
        const translate = this.translate[c] as Int32Array;
        if (known < translate.length) {
          const mapped = translate[known] as number;
          if (mapped !== 0) {
            current[c] = mapped - 1;
            continue;
          }
        }
      }
      const value = (this.readers[c] as (row: Row) => unknown)(row) ?? null;
      const ids = this.valueIds[c] as Map<unknown, number>;
      let id = ids.get(value);
      if (id === undefined) {
        id = ids.size;
        ids.set(value, id);
        (this.values[c] as unknown[]).push(value);
      }
      current[c] = id;
      if (known >= 0) this.remember(c, known, id);
    }
    const sums = this.sumValues;
    for (let s = 0; s < sums.length; s++) {
      const value = (this.sumReaders[s] as (row: Row) => unknown)(row);
      sums[s] = typeof value === 'number' ? value : 0;
    }
    for (const groups of this.groups) {
      const group = this.find(groups);
      groups.counts[group] = (groups.counts[group] as number) + 1;
      for (let s = 0; s < groups.sums.length; s++) {
        const total = groups.totals[s] as number[];
        total[group] = (total[group] as number) + (sums[groups.sums[s] as number] as number);
      }
    }
  }

  private remember(column: number, valueNumber: number, id: number): void {
    let translate = this.translate[column] as Int32Array;
    if (valueNumber >= translate.length) {
      const grown = new Int32Array(Math.max(translate.length * 2, valueNumber + 1));
      grown.set(translate);
      translate = grown;
      this.translate[column] = grown;
    }
    translate[valueNumber] = id + 1;
  }

  /** The group of `groups` whose key numbers are the current row's: found by hash, then checked number by number. */
  private find(groups: Groups): number {
    const { columns } = groups;
    const width = columns.length;
    const current = this.current;
    let hash = 0x811c9dc5;
    for (let k = 0; k < width; k++) hash = Math.imul(hash ^ (current[columns[k] as number] as number), 0x01000193);
    const mask = groups.slots.length - 1;
    for (let slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const stored = groups.slots[slot] as number;
      if (stored === 0) return this.create(groups, slot);
      const group = stored - 1;
      let same = true;
      for (let k = 0; k < width; k++) {
        if (groups.ids[group * width + k] !== current[columns[k] as number]) {
          same = false;
          break;
        }
      }
      if (same) return group;
    }
  }

  private create(groups: Groups, slot: number): number {
    const { columns } = groups;
    const width = columns.length;
    const created = groups.counts.length;
    if ((created + 1) * width > groups.ids.length) {
      const grown = new Int32Array(groups.ids.length * 2);
      grown.set(groups.ids);
      groups.ids = grown;
    }
    for (let k = 0; k < width; k++) groups.ids[created * width + k] = this.current[columns[k] as number] as number;
    groups.counts.push(0);
    for (const total of groups.totals) total.push(0);
    groups.slots[slot] = created + 1;
    if ((created + 1) * 2 > groups.slots.length) rehash(groups);
    return created;
  }

  /** The i-th tally: one row per group, with its key columns, flags, `rows`, and each sum. */
  table(i: number): ColumnTable {
    const groups = this.groups[i] as Groups;
    const { spec, columns } = groups;
    const width = columns.length;
    const names = [...spec.keys, ...Object.keys(spec.flags ?? {})];
    const count = groups.counts.length;
    const table: Record<string, unknown[]> = {};
    names.forEach((name, k) => {
      const values = this.values[columns[k] as number] as unknown[];
      table[name] = Array.from({ length: count }, (_, g) => values[groups.ids[g * width + k] as number]);
    });
    table.rows = [...groups.counts];
    spec.sums.forEach((name, s) => {
      table[name] = [...(groups.totals[s] as number[])];
    });
    return aq.table(table);
  }
}

/** Doubles a tally's slots, placing every group again. */
function rehash(groups: Groups): void {
  const width = groups.columns.length;
  const slots = new Int32Array(groups.slots.length * 2);
  const mask = slots.length - 1;
  for (let group = 0; group < groups.counts.length; group++) {
    let hash = 0x811c9dc5;
    for (let k = 0; k < width; k++) hash = Math.imul(hash ^ (groups.ids[group * width + k] as number), 0x01000193);
    let slot = (hash ^ (hash >>> 16)) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = group + 1;
  }
  groups.slots = slots;
}

/** A compiled read of one field: a plain property load, which the engine keeps fast. */
function fieldReader(name: string): (row: Row) => unknown {
  if (!IDENTIFIER.test(name)) throw new Error(`'${name}' cannot be tallied: column names are plain identifiers.`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a plain property load, compiled once per column; the name is checked as an identifier above
  return new Function('row', `return row.${name};`) as (row: Row) => unknown;
}
