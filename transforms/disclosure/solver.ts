import * as HighsModule from 'highs';
import type { Constraint, LinearModel } from './linear-model.ts';
import type { Expression } from './variables.ts';

/**
 * Integer programming over a report's linear model, with HiGHS (compiled to WebAssembly): the
 * smallest and largest value a withheld count can take consistent with everything published, and
 * whether it can take a given value at all. Counts of people are whole numbers; FTEs are not.
 * Each independent part of the model is loaded into the solver once and asked many questions.
 */
interface HighsModel {
  readonly options: { set(name: string, value: unknown): unknown };
  passModel(model: unknown): unknown;
  addRow(lower: number, upper: number, entries: { indices: Int32Array; values: Float64Array }): unknown;
  deleteRows(selection: { kind: 'range'; from: number; to: number }): unknown;
  addVars(lower: Float64Array, upper: Float64Array): unknown;
  deleteCols(selection: { kind: 'range'; from: number; to: number }): unknown;
  changeColsCost(selection: { kind: 'range'; from: number; to: number }, costs: Float64Array): unknown;
  changeObjectiveSense(sense: number): unknown;
  clearIntegrality(): unknown;
  changeColsIntegrality(selection: { kind: 'range'; from: number; to: number }, types: Int32Array): unknown;
  changeColsBounds(selection: { kind: 'set'; indices: Int32Array }, lower: Float64Array, upper: Float64Array): unknown;
  run(): { modelStatus: number };
  getObjectiveValue(): number;
  getSolution(): { colValue: Float64Array };
  getDimensions(): { numRows: number; numCols: number };
  dispose(): void;
}

interface Highs {
  readonly infinity: number;
  readonly constants: { modelStatus: Record<string, number>; objectiveSense: { minimize: number; maximize: number } };
  createModel(): HighsModel;
}

// The package's types describe a CommonJS module; as an ES module its loader is the default export.
const highsLoader = (HighsModule as unknown as { default: () => Promise<Highs> }).default;
let loading: Promise<Highs> | undefined;
const highs = () => (loading ??= highsLoader());

export type Outcome =
  | { readonly status: 'optimal'; readonly value: number; readonly values: Float64Array }
  | { readonly status: 'infeasible' }
  | { readonly status: 'unbounded' };

/**
 * The model split into independent parts: variables linked by a constraint belong together, so
 * a question about one withheld count needs only the part its variables are in (a period, say).
 */
export class Components {
  private readonly parent: Int32Array;
  private readonly programs = new Map<string, Program>();

  constructor(readonly model: LinearModel) {
    this.parent = Int32Array.from(model.variables, (_, i) => i);
    for (const constraint of model.constraints) {
      let first = -1;
      for (const variable of constraint.expression.coefficients.keys()) {
        if (first < 0) first = variable;
        else this.union(first, variable);
      }
    }
  }

  private find(i: number): number {
    while (this.parent[i] !== i) {
      const up = this.parent[this.parent[i] as number] as number;
      this.parent[i] = up;
      i = up;
    }
    return i;
  }

  private union(a: number, b: number): void {
    const [x, y] = [this.find(a), this.find(b)];
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }

  /** The constraints and variables of the part(s) an expression's variables are in. */
  partFor(expression: Expression): { constraints: Constraint[]; variables: number[] } {
    const roots = new Set([...expression.coefficients.keys()].map((v) => this.find(v)));
    const variables = this.model.variables.map((_, i) => i).filter((i) => roots.has(this.find(i)));
    const constraints = this.model.constraints.filter((c) => {
      const first = c.expression.coefficients.keys().next();
      return !first.done && roots.has(this.find(first.value));
    });
    return { constraints, variables };
  }

  /** Frees the solver's copies of every part. */
  async dispose(): Promise<void> {
    for (const program of this.programs.values()) await program.dispose();
    this.programs.clear();
  }

  /** The program over the part an expression's variables are in (all parts it touches). */
  programFor(expression: Expression): Program {
    const roots = [...new Set([...expression.coefficients.keys()].map((v) => this.find(v)))].sort((a, b) => a - b);
    const key = roots.join(',');
    let program = this.programs.get(key);
    if (program === undefined) {
      const part = this.partFor(expression);
      program = new Program(this.model, part.constraints, part.variables);
      this.programs.set(key, program);
    }
    return program;
  }
}

/** A part of a model, loaded into the solver once, to be asked many questions. */
export class Program {
  private readonly columns: Map<number, number>;
  private loaded: Promise<{ solver: Highs; model: HighsModel; rows: number }> | undefined;

  constructor(
    readonly model: LinearModel,
    private readonly constraints: readonly Constraint[] = model.constraints,
    private readonly variables: readonly number[] = model.variables.map((_, i) => i),
    private readonly costs?: ReadonlyMap<number, number>,
  ) {
    this.columns = new Map(variables.map((v, i) => [v, i]));
  }

  private load(): Promise<{ solver: Highs; model: HighsModel; rows: number }> {
    this.loaded ??= (async () => {
      const solver = await highs();
      const inf = solver.infinity;
      const rowLower: number[] = [];
      const rowUpper: number[] = [];
      const starts: number[] = [0];
      const indices: number[] = [];
      const values: number[] = [];
      for (const constraint of this.constraints) {
        const entries = this.entries(constraint.expression);
        if (entries.indices.length === 0) continue;
        rowLower.push(constraint.lower === undefined ? -inf : constraint.lower - constraint.expression.constant);
        rowUpper.push(constraint.upper === undefined ? inf : constraint.upper - constraint.expression.constant);
        indices.push(...entries.indices);
        values.push(...entries.values);
        starts.push(indices.length);
      }
      const n = this.variables.length;
      const model = solver.createModel();
      model.options.set('output_flag', false);
      model.options.set('mip_rel_gap', 0);
      model.options.set('mip_abs_gap', 1e-6);
      model.options.set('time_limit', 60);
      model.passModel({
        numCols: n,
        numRows: rowLower.length,
        colCost: Float64Array.from(this.variables, (v) => this.costs?.get(v) ?? 0),
        colLower: new Float64Array(n),
        colUpper: Float64Array.from(this.variables, (v) => this.model.variables[v]?.upper ?? inf),
        rowLower: Float64Array.from(rowLower),
        rowUpper: Float64Array.from(rowUpper),
        matrix: {
          format: 'csr',
          numRows: rowLower.length,
          numCols: n,
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        },
        integrality: Int32Array.from(this.variables, (v) => (this.model.variables[v]?.integer ? 1 : 0)),
      });
      return { solver, model, rows: rowLower.length };
    })();
    return this.loaded;
  }

  private entries(expression: Expression): { indices: number[]; values: number[] } {
    const indices: number[] = [];
    const values: number[] = [];
    for (const [variable, coefficient] of expression.coefficients) {
      const column = this.columns.get(variable);
      if (column === undefined || coefficient === 0) continue;
      indices.push(column);
      values.push(coefficient);
    }
    return { indices, values };
  }

  /**
   * Optimises an expression (or, with null, looks for any solution; or minimises the costs the
   * program was made with), with extra constraints for this solve alone.
   */
  async solve(
    sense: 'min' | 'max',
    objective: Expression | null | 'costs',
    extra: readonly Constraint[] = [],
    relaxed = false,
    anyWhole = false,
  ): Promise<Outcome> {
    if (relaxed) return this.run(sense, objective, extra, true);
    // The linear relaxation first: if it has no solution, nor has the integer program; if its
    // optimum is whole already, it is the integer optimum too. Only otherwise branch and bound.
    const linear = await this.run(sense, objective, extra, true);
    if (linear.status === 'infeasible' || (linear.status === 'optimal' && this.isWhole(linear.values))) return linear;
    // Where any whole-number solution will do (a witness, not an optimum), try the relaxation's,
    // rounded, with the FTEs solved again around it: far cheaper than branch and bound.
    if (anyWhole && linear.status === 'optimal') {
      const rounded = await this.roundedRun(sense, objective, extra, linear.values);
      if (rounded.status === 'optimal') return rounded;
    }
    return this.run(sense, objective, extra, false);
  }

  /** The linear program with every count fixed at the nearest whole number to a solution's. */
  private async roundedRun(
    sense: 'min' | 'max',
    objective: Expression | null | 'costs',
    extra: readonly Constraint[],
    values: Float64Array,
  ): Promise<Outcome> {
    const { solver, model } = await this.load();
    const integers = this.variables.flatMap((v, i) => (this.model.variables[v]?.integer ? [i] : []));
    if (integers.length === 0) return { status: 'infeasible' };
    const selection = { kind: 'set' as const, indices: Int32Array.from(integers) };
    const fixed = Float64Array.from(integers, (i) => Math.max(0, Math.round(values[this.variables[i] as number] ?? 0)));
    const uppers = Float64Array.from(
      integers,
      (i) => this.model.variables[this.variables[i] as number]?.upper ?? solver.infinity,
    );
    model.changeColsBounds(selection, fixed, fixed);
    try {
      return await this.run(sense, objective, extra, true);
    } finally {
      model.changeColsBounds(selection, new Float64Array(integers.length), uppers);
    }
  }

  private async run(
    sense: 'min' | 'max',
    objective: Expression | null | 'costs',
    extra: readonly Constraint[],
    relaxed: boolean,
  ): Promise<Outcome> {
    const { solver, model, rows } = await this.load();
    const n = this.variables.length;
    const inf = solver.infinity;
    const cost = new Float64Array(n);
    if (objective === 'costs') this.variables.forEach((v, i) => (cost[i] = this.costs?.get(v) ?? 0));
    else if (objective)
      for (const [variable, coefficient] of objective.coefficients) {
        const column = this.columns.get(variable);
        if (column !== undefined) cost[column] = coefficient;
      }
    if (n > 0) model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
    model.changeObjectiveSense(
      sense === 'min' ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize,
    );
    let added = 0;
    for (const constraint of extra) {
      const entries = this.entries(constraint.expression);
      const lower = constraint.lower === undefined ? -inf : constraint.lower - constraint.expression.constant;
      const upper = constraint.upper === undefined ? inf : constraint.upper - constraint.expression.constant;
      if (entries.indices.length === 0) {
        if (lower > 1e-9 || upper < -1e-9) return { status: 'infeasible' };
        continue;
      }
      model.addRow(lower, upper, {
        indices: Int32Array.from(entries.indices),
        values: Float64Array.from(entries.values),
      });
      added++;
    }
    if (relaxed && n > 0) model.clearIntegrality();
    try {
      const started = performance.now();
      const { modelStatus } = model.run();
      SOLVES.count++;
      SOLVES.ms += performance.now() - started;
      if (relaxed) SOLVES.relaxed++;
      const codes = solver.constants.modelStatus;
      if (modelStatus === codes.infeasible) return { status: 'infeasible' };
      if (modelStatus === codes.unbounded || modelStatus === codes.unboundedOrInfeasible) {
        if (objective === null) return { status: 'infeasible' };
        const feasible = await this.run(sense, null, extra, relaxed);
        return feasible.status === 'infeasible' ? feasible : { status: 'unbounded' };
      }
      if (modelStatus !== codes.optimal) throw new Error(`The solver stopped with status ${modelStatus}.`);
      const values = new Float64Array(this.model.variables.length);
      const solution = model.getSolution().colValue;
      this.variables.forEach((v, i) => (values[v] = solution[i] ?? 0));
      const constant = objective && objective !== 'costs' ? objective.constant : 0;
      return { status: 'optimal', value: constant + model.getObjectiveValue(), values };
    } finally {
      if (added > 0) model.deleteRows({ kind: 'range', from: rows, to: rows + added - 1 });
      if (relaxed && n > 0)
        model.changeColsIntegrality(
          { kind: 'range', from: 0, to: n - 1 },
          Int32Array.from(this.variables, (v) => (this.model.variables[v]?.integer ? 1 : 0)),
        );
    }
  }

  /**
   * Whether the constraints (and these extra ones) admit a solution in whole numbers. The linear
   * relaxation answers first: if it has no solution, nor has the integer program; if its solution
   * is whole already, that is the answer; only otherwise is the integer program solved.
   */
  async feasible(extra: readonly Constraint[]): Promise<Float64Array | undefined> {
    const whole = await this.solve('min', null, extra, false, true);
    return whole.status === 'optimal' ? whole.values : undefined;
  }

  private isWhole(values: Float64Array): boolean {
    for (const v of this.variables) {
      if (!this.model.variables[v]?.integer) continue;
      const value = values[v] ?? 0;
      if (Math.abs(value - Math.round(value)) > 1e-7) return false;
    }
    return true;
  }

  /**
   * A whole-number solution taking as many of these counts as it can to at least `cap`: it
   * maximises the sum of min(count, cap), with a variable y ≤ count, y ≤ cap for each.
   */
  async reachingAtLeast(expressions: readonly Expression[], cap: number): Promise<Float64Array | undefined> {
    const { solver, model, rows } = await this.load();
    const n = this.variables.length;
    const k = expressions.length;
    if (k === 0) return undefined;
    const inf = solver.infinity;
    model.addVars(new Float64Array(k), new Float64Array(k).fill(cap));
    for (let i = 0; i < k; i++) {
      const entries = this.entries(expressions[i] as Expression);
      model.addRow(-inf, 0, {
        indices: Int32Array.from([n + i, ...entries.indices]),
        values: Float64Array.from([1, ...entries.values.map((v) => -v)]),
      });
    }
    const cost = new Float64Array(n + k);
    cost.fill(1, n);
    try {
      model.changeColsCost({ kind: 'range', from: 0, to: n + k - 1 }, cost);
      model.changeObjectiveSense(solver.constants.objectiveSense.maximize);
      for (const relaxed of [true, false]) {
        if (relaxed) model.clearIntegrality();
        else
          model.changeColsIntegrality(
            { kind: 'range', from: 0, to: n + k - 1 },
            Int32Array.from({ length: n + k }, (_, i) =>
              i < n && this.model.variables[this.variables[i] as number]?.integer ? 1 : 0,
            ),
          );
        const { modelStatus } = model.run();
        SOLVES.count++;
        if (modelStatus !== solver.constants.modelStatus.optimal) return undefined;
        const solution = model.getSolution().colValue;
        const values = new Float64Array(this.model.variables.length);
        this.variables.forEach((v, i) => (values[v] = solution[i] ?? 0));
        if (!relaxed || this.isWhole(values)) return values;
        // Rounded, with the FTEs solved again around it, before branch and bound.
        const rounded = await this.roundedRun('min', null, [], values);
        if (rounded.status === 'optimal') return rounded.values;
      }
      return undefined;
    } finally {
      model.deleteRows({ kind: 'range', from: rows, to: rows + k - 1 });
      model.deleteCols({ kind: 'range', from: n, to: n + k - 1 });
      model.changeColsIntegrality(
        { kind: 'range', from: 0, to: n - 1 },
        Int32Array.from(this.variables, (v) => (this.model.variables[v]?.integer ? 1 : 0)),
      );
    }
  }

  /** Frees the solver's copy of the model. */
  async dispose(): Promise<void> {
    if (this.loaded) (await this.loaded).model.dispose();
    this.loaded = undefined;
  }
}

/** How many solves, and how long they took: for the benchmark and for tuning. */
export const SOLVES = { count: 0, relaxed: 0, ms: 0 };
