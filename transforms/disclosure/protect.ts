import { bound, valueAt, witness } from './audit.ts';
import { buildModel, figureId, type Constraint, type LinearModel, type WithheldCell } from './linear-model.ts';
import { Components, Program } from './solver.ts';
import type { RowKey } from './figures.ts';
import {
  precisionOf,
  roundTo,
  WITHHELD,
  type CellValue,
  type DisclosureColumn,
  type DisclosureTable,
} from './tables.ts';
import type { Expression, Variable, VariableSpace } from './variables.ts';
import { isSmallCount } from './threshold.ts';

/**
 * Disclosure control over a report's tables as one linked set. Every count of people from 1 to
 * threshold − 1 is withheld (primary suppression), and every figure resting on a withheld count.
 * Then each withheld count is audited against everything still published: where an attacker
 * could pin it (to more than 0, or to less than the threshold), the published figures that pin it
 * are found by an elastic integer program (the fewest, cheapest figures whose constraints must
 * give way) and the cheapest is withheld too (secondary suppression); until every withheld count
 * is protected. Withholding only ever widens what an attacker can conclude, so a count once
 * protected stays protected.
 */
export interface ProtectionResult {
  /** The tables as published: numbers at their shown precision, withheld figures as WITHHELD. */
  readonly tables: DisclosureTable[];
  readonly primary: number;
  readonly secondary: number;
  /** Withheld counts no further suppression could protect (a Trust smaller than the threshold). */
  readonly unprotectable: readonly string[];
}

interface Cell {
  readonly table: DisclosureTable;
  readonly tableIndex: number;
  readonly row: number;
  readonly column: DisclosureColumn;
  readonly id: string;
}

export async function protectTables(
  raw: readonly DisclosureTable[],
  space: VariableSpace,
  threshold: number,
): Promise<ProtectionResult> {
  const withheld = new Set<string>();
  const cells = new Map<string, Cell>();
  raw.forEach((table, tableIndex) =>
    table.rows.forEach((_, row) =>
      table.columns.forEach((column) => {
        const id = figureId(table.id, row, column.key);
        cells.set(id, { table, tableIndex, row, column, id });
      }),
    ),
  );
  const valueOf = (cell: Cell) => cell.table.rows[cell.row]?.[cell.column.key];

  // Primary: the small counts, shown or hidden.
  for (const cell of cells.values()) {
    const value = valueOf(cell);
    const count = cell.column.kind === 'count' && cell.column.exempt !== true && typeof value === 'number';
    if (count && isSmallCount(value, threshold)) withheld.add(cell.id);
  }
  const primary = withheld.size;
  withholdDependents(raw, withheld);

  // What is known to be reachable, by a whole-number solution consistent with what is published:
  // it stays reachable when more is withheld, since withholding only removes constraints.
  const canBeZero = new Set<string>();
  const canBeHigh = new Set<string>();
  const unprotectable: string[] = [];
  let parts: Components | undefined;
  let model: LinearModel | undefined;
  for (;;) {
    const pending = [...withheld].filter(
      (id) =>
        cells.get(id)?.column.kind === 'count' &&
        !(canBeZero.has(id) && canBeHigh.has(id)) &&
        !unprotectable.includes(id),
    );
    if (pending.length === 0) break;
    model ??= buildModel(publish(raw, withheld), space, { threshold });
    parts ??= new Components(model);
    const current = parts;
    const byFigure = new Map(model.withheld.map((c) => [c.figure, c]));
    const open = pending.flatMap((id) => (byFigure.has(id) ? [byFigure.get(id) as WithheldCell] : []));
    for (const id of pending) {
      if (byFigure.has(id)) continue;
      canBeZero.add(id);
      canBeHigh.add(id);
    }
    // The truth itself is a solution.
    for (const cell of open) {
      if (cell.truth <= 1e-9) canBeZero.add(cell.figure);
      if (cell.truth >= threshold) canBeHigh.add(cell.figure);
    }
    const record = (program: Program, values: Float64Array | undefined) => {
      if (values === undefined) return;
      for (const cell of open) {
        if (current.programFor(cell.expression) !== program) continue;
        const value = valueAt(cell.expression, values);
        if (value <= 1e-6) canBeZero.add(cell.figure);
        if (value >= threshold - 1e-6) canBeHigh.add(cell.figure);
      }
    };
    // One solution per part that sets as many of its open counts to 0 as it can.
    const byProgram = new Map<Program, WithheldCell[]>();
    for (const cell of open.filter((c) => !canBeZero.has(c.figure)))
      byProgram.set(current.programFor(cell.expression), [
        ...(byProgram.get(current.programFor(cell.expression)) ?? []),
        cell,
      ]);
    for (const [program, group] of byProgram) {
      const sum = { coefficients: new Map<number, number>(), constant: 0 };
      for (const cell of group)
        for (const [v, c] of cell.expression.coefficients) sum.coefficients.set(v, (sum.coefficients.get(v) ?? 0) + c);
      const outcome = await program.solve('min', sum, [], false, true);
      if (outcome.status === 'optimal') record(program, outcome.values);
    }
    // And one taking as many as it can to the threshold or more.
    const needHigh = new Map<Program, WithheldCell[]>();
    for (const cell of open.filter((c) => !canBeHigh.has(c.figure)))
      needHigh.set(current.programFor(cell.expression), [
        ...(needHigh.get(current.programFor(cell.expression)) ?? []),
        cell,
      ]);
    for (const [program, group] of needHigh)
      record(
        program,
        await program.reachingAtLeast(
          group.map((c) => c.expression),
          threshold,
        ),
      );
    let changed = false;
    const stuck: string[] = [];
    for (const cell of open) {
      const program = current.programFor(cell.expression);
      for (const side of ['low', 'high'] as const) {
        if ((side === 'low' ? canBeZero : canBeHigh).has(cell.figure)) continue;
        record(program, await witness(program, cell, threshold, side));
      }
      if (canBeZero.has(cell.figure) && canBeHigh.has(cell.figure)) continue;
      const target = canBeZero.has(cell.figure) ? { lower: threshold } : { upper: 0 };
      const blocking = (
        await blockingFigures(current, cell, target, (figure) => cost(cells.get(figure), withheld))
      ).filter((figure) => cells.get(figure)?.column.exempt !== true);
      if (blocking.length === 0) {
        // Nothing published pins it alone; what else is withheld may yet free it.
        stuck.push(cell.figure);
        continue;
      }
      // The cheapest relaxation that frees the count: withhold every figure it gives way on.
      for (const figure of blocking) withheld.add(figure);
      withholdDependents(raw, withheld);
      changed = true;
      break;
    }
    if (changed) {
      await parts.dispose();
      model = undefined;
      parts = undefined;
    } else {
      // A whole pass with nothing more to withhold: what is still open cannot be protected.
      unprotectable.push(...stuck);
    }
  }
  await parts?.dispose();
  return { tables: publish(raw, withheld), primary, secondary: withheld.size - primary, unprotectable };
}

/** What withholding a figure costs the reader: its size, and the figures that go with it. */
function cost(cell: Cell | undefined, withheld: ReadonlySet<string>): number {
  if (cell === undefined) return Infinity;
  if (cell.column.exempt) return Infinity;
  const value = cell.table.rows[cell.row]?.[cell.column.key];
  const size = typeof value === 'number' ? Math.abs(value) : 0;
  if (cell.column.kind === 'count') {
    // A withheld count must itself be able to be 0: the larger it is, the more must be withheld
    // around it, so large counts cost more than in proportion; and its dependents go with it.
    const dependents = dependentsOf(cell.table, cell.row, cell.column.key).filter((id) => !withheld.has(id));
    return Math.max(size, 5) ** 1.5 + 2 * dependents.length;
  }
  if (cell.column.figure?.type === 'fte') return 5 + size;
  return 10;
}

/** The derived figures that rest on a count: in its row, or in any row that names it. */
function dependentsOf(table: DisclosureTable, row: number, countKey: string): string[] {
  const ids: string[] = [];
  table.rows.forEach((_, r) => {
    for (const column of table.columns) {
      const rests = (column.basis ?? []).some((b) =>
        typeof b === 'string' ? r === row && b === countKey : b.row === row && b.column === countKey,
      );
      if (rests) ids.push(figureId(table.id, r, column.key));
    }
  });
  return ids;
}

/** Withholds every derived figure resting on a withheld count (in its row, or the row it names). */
function withholdDependents(raw: readonly DisclosureTable[], withheld: Set<string>): void {
  for (const table of raw) {
    table.rows.forEach((_, row) => {
      for (const column of table.columns) {
        const rests = (column.basis ?? []).some((b) =>
          withheld.has(typeof b === 'string' ? figureId(table.id, row, b) : figureId(table.id, b.row, b.column)),
        );
        if (rests) withheld.add(figureId(table.id, row, column.key));
      }
    });
  }
}

/** The tables as they would be published with these figures withheld. */
export function publish(raw: readonly DisclosureTable[], withheld: ReadonlySet<string>): DisclosureTable[] {
  const listed = (table: DisclosureTable) =>
    table.rows
      .map((_, r) => r)
      .filter((r) => isListed(table, table.rows[r] ?? {}, (key) => withheld.has(figureId(table.id, r, key))));
  const shownRow = (table: DisclosureTable, r: number) => {
    const row = table.rows[r] ?? {};
    const shown: Record<string, CellValue | undefined> = {};
    for (const column of table.columns) {
      const value = row[column.key];
      if (withheld.has(figureId(table.id, r, column.key))) shown[column.key] = WITHHELD;
      else if (column.hidden) shown[column.key] = null;
      else if (typeof value === 'number' && column.kind !== 'label')
        shown[column.key] = roundTo(value, precisionOf(column));
      else shown[column.key] = value ?? null;
    }
    return shown;
  };
  // A table listing its rows by another's lists those the other lists.
  const keep = new Map(raw.map((table) => [table.id, listed(table)]));
  const keyOf = (key: unknown) => JSON.stringify(key);
  return raw.map((table) => {
    const presence = table.presence;
    let rows = keep.get(table.id) ?? [];
    if (presence && 'sameRowsAs' in presence) {
      const other = raw.find((t) => t.id === presence.sameRowsAs);
      const kept = new Set((keep.get(presence.sameRowsAs) ?? []).map((r) => keyOf(other?.rowKeys[r])));
      rows = rows.filter((r) => kept.has(keyOf(table.rowKeys[r])));
    }
    return {
      ...table,
      rows: rows.map((r) => shownRow(table, r)),
      rowKeys: rows.map((r) => table.rowKeys[r] as RowKey),
      rowNumbers: rows,
    };
  });
}

/** Whether a row is listed: always, unless the table lists only rows with a presence figure shown and more than 0. */
function isListed(
  table: DisclosureTable,
  row: Readonly<Record<string, CellValue | undefined>>,
  isWithheldKey: (key: string) => boolean,
): boolean {
  const presence = table.presence;
  if (presence === undefined || 'sameRowsAs' in presence) return true;
  return presence.anyOf.some((key) => !isWithheldKey(key) && typeof row[key] === 'number' && row[key] > 0);
}

/**
 * The published figures that stop a withheld count from reaching a value: relax every figure's
 * constraints by slack, at a price per unit of the figure's cost, fix the count at the value, and
 * minimise the price. The figures whose slack is used, cheapest first.
 */
async function blockingFigures(
  parts: Components,
  cell: WithheldCell,
  target: { lower?: number; upper?: number },
  price: (figure: string) => number,
): Promise<string[]> {
  const variables: Variable[] = [...parts.model.variables];
  const slackOf = new Map<number, string>();
  const objective = new Map<number, number>();
  const part = parts.partFor(cell.expression);
  const constraints: Constraint[] = part.constraints.map((constraint) => {
    if (constraint.figure === undefined) return constraint;
    const weight = price(constraint.figure);
    if (!Number.isFinite(weight)) return constraint;
    const scale = Math.max(1, ...[...constraint.expression.coefficients.values()].map(Math.abs));
    const coefficients = new Map(constraint.expression.coefficients);
    const slack = (sign: 1 | -1) => {
      variables.push({ name: `slack_${variables.length}`, integer: false, truth: 0 });
      const index = variables.length - 1;
      coefficients.set(index, sign);
      objective.set(index, weight / scale);
      slackOf.set(index, constraint.figure as string);
    };
    if (constraint.lower !== undefined) slack(1);
    if (constraint.upper !== undefined) slack(-1);
    return {
      ...constraint,
      expression: { coefficients, constant: constraint.expression.constant } satisfies Expression,
    };
  });
  const slacks = [...slackOf.keys()];
  const program = new Program(
    { variables, constraints, withheld: [] },
    constraints,
    [...part.variables, ...slacks],
    objective,
  );
  const targetRow = [bound('target', cell.expression, target.lower, target.upper)];
  try {
    // The linear relaxation first (fast); where it needs no relaxation but whole numbers do, the integer program.
    for (const relaxed of [true, false]) {
      const outcome = await program.solve('min', 'costs', targetRow, relaxed);
      if (outcome.status !== 'optimal') continue;
      const used = new Map<string, number>();
      for (const [index, figure] of slackOf) if ((outcome.values[index] ?? 0) > 1e-6) used.set(figure, price(figure));
      if (used.size > 0)
        return [...used.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).map(([figure]) => figure);
    }
    return [];
  } finally {
    await program.dispose();
  }
}
