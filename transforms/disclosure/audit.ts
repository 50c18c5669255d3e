import {
  buildModel,
  expressionKey,
  truthOf,
  type Constraint,
  type LinearModel,
  type WithheldCell,
} from './linear-model.ts';
import { Components, type Program } from './solver.ts';
import type { DisclosureTable } from './tables.ts';
import { protectionInterval } from './threshold.ts';
import type { Expression, VariableSpace } from './variables.ts';

export interface CellRange {
  readonly cell: WithheldCell;
  /** The smallest value consistent with the published report. */
  readonly min: number;
  /** The largest; Infinity when nothing published bounds it. */
  readonly max: number;
  /** `max` is only known to be at least this (an audit of the interval, not the exact range). */
  readonly maxAtLeast?: boolean;
  readonly protected: boolean;
}

export interface AuditOptions {
  /** Only these cells. */
  readonly only?: (cell: WithheldCell) => boolean;
  /**
   * `exact`: the smallest and largest values themselves. `interval`: enough to decide
   * protection, the smallest exactly, the largest only where it falls short of the threshold.
   * @default 'exact'
   */
  readonly ranges?: 'exact' | 'interval';
}

export interface AuditResult {
  readonly threshold: number;
  readonly cells: readonly CellRange[];
  readonly breaches: readonly CellRange[];
}

/** A constraint on one expression, for a single solve. */
export const bound = (name: string, expression: Expression, lower?: number, upper?: number): Constraint => ({
  name,
  expression,
  ...(lower === undefined ? {} : { lower }),
  ...(upper === undefined ? {} : { upper }),
});

/** The model must admit the truth: if it does not, it claims more than was published. */
export function assertTruthAdmitted(model: LinearModel, tolerance = 1e-6): void {
  for (const constraint of model.constraints) {
    const value = truthOf(constraint.expression, model.variables);
    if (Number.isNaN(value)) continue;
    if (
      (constraint.lower !== undefined && value < constraint.lower - tolerance) ||
      (constraint.upper !== undefined && value > constraint.upper + tolerance)
    ) {
      throw new Error(
        `The disclosure model does not admit the true figures: ${constraint.name} is ${value}, outside [${constraint.lower ?? '-∞'}, ${constraint.upper ?? '∞'}].`,
      );
    }
  }
}

/** The exact range of one withheld count, by integer programming (a count known to reach 0 needs no minimising). */
export async function rangeOf(
  program: Program,
  cell: WithheldCell,
  reachesZero = false,
): Promise<{ min: number; max: number }> {
  const low =
    reachesZero || cell.truth === 0
      ? ({ status: 'optimal', value: 0 } as const)
      : await program.solve('min', cell.expression);
  const high = await program.solve('max', cell.expression);
  if (low.status === 'infeasible' || high.status === 'infeasible')
    throw new Error(`The published figures admit no value for ${cell.figure}: the model is inconsistent.`);
  const min = low.status === 'optimal' ? Math.round(low.value * 1e6) / 1e6 : -Infinity;
  const max = high.status === 'optimal' ? Math.round(high.value * 1e6) / 1e6 : Infinity;
  return { min, max };
}

/** A solution in whole numbers consistent with everything published where the count is at most 0 (`low`) or at least the threshold (`high`). */
export async function witness(
  program: Program,
  cell: WithheldCell,
  threshold: number,
  side: 'low' | 'high',
): Promise<Float64Array | undefined> {
  const interval = protectionInterval(threshold);
  return program.feasible([
    side === 'low'
      ? bound('audit_low', cell.expression, undefined, interval.low)
      : bound('audit_high', cell.expression, interval.high),
  ]);
}

/**
 * Audits published tables against the base counts: for every withheld count, the smallest and
 * largest value consistent with every figure published, and whether that range covers the
 * protection interval.
 */
export async function auditTables(
  tables: readonly DisclosureTable[],
  space: VariableSpace,
  threshold: number,
  options: AuditOptions = {},
): Promise<AuditResult> {
  const { only, ranges = 'exact' } = options;
  const model = buildModel(tables, space, { threshold });
  assertTruthAdmitted(model);
  const parts = new Components(model);
  const interval = protectionInterval(threshold);
  const cells: CellRange[] = [];
  const wanted = model.withheld.filter((cell) => !only || only(cell));
  // One solution per part setting as many of its withheld counts to 0 as it can: those need no minimising.
  const zero = new Set<string>();
  const groups = new Map<Program, WithheldCell[]>();
  for (const cell of wanted)
    groups.set(parts.programFor(cell.expression), [...(groups.get(parts.programFor(cell.expression)) ?? []), cell]);
  for (const [program, group] of groups) {
    const sum = { coefficients: new Map<number, number>(), constant: 0 };
    for (const cell of group)
      for (const [v, c] of cell.expression.coefficients) sum.coefficients.set(v, (sum.coefficients.get(v) ?? 0) + c);
    const outcome = await program.solve('min', sum, [], false, true);
    if (outcome.status !== 'optimal') continue;
    for (const cell of group) if (valueAt(cell.expression, outcome.values) <= 1e-6) zero.add(cell.figure);
  }
  // The same count can be withheld in several places (a total in two tables): solve it once.
  const solved = new Map<string, { min: number; max: number; maxAtLeast?: boolean }>();
  for (const cell of wanted) {
    const signature = expressionKey(cell.expression);
    const program = parts.programFor(cell.expression);
    let range = solved.get(signature);
    if (
      range === undefined &&
      ranges === 'interval' &&
      (cell.truth >= interval.high || (await witness(program, cell, threshold, 'high')))
    ) {
      const reachesZero =
        zero.has(cell.figure) || cell.truth === 0 || (await witness(program, cell, threshold, 'low')) !== undefined;
      const low = reachesZero ? 0 : (await rangeOf(program, cell)).min;
      range = { min: low, max: Math.max(interval.high, cell.truth), maxAtLeast: true };
    }
    range ??= await rangeOf(program, cell, zero.has(cell.figure));
    solved.set(signature, range);
    cells.push({ cell, ...range, protected: range.min <= interval.low && range.max >= interval.high });
  }
  await parts.dispose();
  return { threshold, cells, breaches: cells.filter((c) => !c.protected) };
}

/** An expression's value in a solution. */
export function valueAt(expression: Expression, values: Float64Array): number {
  let total = expression.constant;
  for (const [variable, coefficient] of expression.coefficients) total += coefficient * (values[variable] ?? 0);
  return total;
}
