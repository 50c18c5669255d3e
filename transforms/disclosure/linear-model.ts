import { isTerm, termFor, type FigureTemplate, type Part, type RowKey } from './figures.ts';
import { isWithheld, precisionOf, type CellValue, type DisclosureColumn, type DisclosureTable } from './tables.ts';
import type { Expression, Variable, VariableSpace } from './variables.ts';

/** A linear fact: lower ≤ expression ≤ upper. */
export interface Constraint {
  readonly name: string;
  readonly expression: Expression;
  readonly lower?: number;
  readonly upper?: number;
  /** The published figure it comes from; absent for a structural fact, which publishing nothing changes. */
  readonly figure?: string;
}

/** A withheld count of people: what an attacker would try to work out. */
export interface WithheldCell {
  readonly figure: string;
  readonly table: string;
  readonly tableTitle: string;
  readonly row: number;
  readonly rowLabel: string;
  readonly column: string;
  readonly columnLabel: string;
  readonly hidden: boolean;
  readonly expression: Expression;
  /** The true count (from the base counts). */
  readonly truth: number;
}

/** Everything an attacker holding the published report knows, as linear constraints over the base counts. */
export interface LinearModel {
  readonly variables: readonly Variable[];
  readonly constraints: readonly Constraint[];
  readonly withheld: readonly WithheldCell[];
}

export const figureId = (table: string, row: number, column: string) => `${table}/${row}/${column}`;

/** Half the last shown digit: a published number v stands for anything in [v − h, v + h]. */
const halfUnit = (column: Pick<DisclosureColumn, 'format' | 'precision'>) => 0.5 * 10 ** -precisionOf(column);

export interface ModelOptions {
  /** The suppression threshold: what an older report's marks (`<5`, `c`) told an attacker. */
  readonly threshold: number;
}

function combine(parts: readonly { readonly expression: Expression; readonly scale: number }[]): Expression {
  const coefficients = new Map<number, number>();
  let constant = 0;
  for (const { expression, scale } of parts) {
    for (const [variable, coefficient] of expression.coefficients)
      coefficients.set(variable, (coefficients.get(variable) ?? 0) + scale * coefficient);
    constant += scale * expression.constant;
  }
  return { coefficients, constant };
}

/** The value of an expression at the true base counts. */
export function truthOf(expression: Expression, variables: readonly Variable[]): number {
  let total = expression.constant;
  for (const [variable, coefficient] of expression.coefficients)
    total += coefficient * (variables[variable]?.truth ?? 0);
  return total;
}

/**
 * The linear model of a published report: the base counts as unknowns, the structural facts, and
 * one constraint for every figure shown (a count exactly; an FTE, a rate or a share within half
 * its last shown digit; a rate shown as empty makes its denominator 0; a listed row holds
 * someone). Every withheld count becomes a cell to audit.
 */
export function buildModel(
  tables: readonly DisclosureTable[],
  space: VariableSpace,
  options: ModelOptions,
): LinearModel {
  const variables: Variable[] = [...space.variables];
  const constraints: Constraint[] = [];
  const withheld: WithheldCell[] = [];

  for (const table of tables) {
    const labelColumn = table.columns.find((c) => c.kind === 'label');
    table.rows.forEach((row, r) => {
      const key = table.rowKeys[r];
      if (key === undefined) throw new Error(`Table ${table.id} has no key for row ${r}.`);
      if (key === null) return;
      const rowLabel = String(row[labelColumn?.key ?? ''] ?? key.period);
      const plain = new Map<string, number>();
      const partExpression = (part: Part): Expression => {
        if (isTerm(part)) return space.expression(termFor(part, key), key.period);
        let variable = plain.get(part.column);
        if (variable === undefined) {
          const column = table.columns.find((c) => c.key === part.column);
          const value = row[part.column];
          // A figure not shown in the table (a vacant FTE the table leaves out) is an unknown of its own.
          variables.push({
            name: `plain_${table.id}_${r}_${part.column}`.replace(/[^\w]/g, '_'),
            integer: false,
            truth: typeof value === 'number' ? value : Number.NaN,
          });
          variable = variables.length - 1;
          plain.set(part.column, variable);
          if (column !== undefined && typeof value === 'number') {
            const h = halfUnit(column);
            constraints.push({
              name: `shown_${table.id}_${r}_${part.column}`,
              expression: { coefficients: new Map([[variable, 1]]), constant: 0 },
              lower: Math.max(0, value - h),
              upper: value + h,
            });
          }
        }
        return { coefficients: new Map([[variable, 1]]), constant: 0 };
      };

      for (const column of table.columns) {
        const template = column.figure;
        if (template === undefined || template.type === 'plain') continue;
        const value = row[column.key];
        const figure = figureId(table.id, table.rowNumbers?.[r] ?? r, column.key);
        if (template.type === 'count') {
          const expression = space.expression(termFor(template.term, key), key.period);
          if (isWithheld(value)) {
            withheld.push({
              figure,
              table: table.id,
              tableTitle: table.title,
              row: r,
              rowLabel,
              column: column.key,
              columnLabel: column.label,
              hidden: column.hidden === true,
              expression,
              truth: truthOf(expression, variables),
            });
            constraints.push(...markConstraints(value as string, expression, figure, options.threshold, variables));
          } else if (typeof value === 'number' && column.hidden !== true) {
            constraints.push({ name: `shown_${figure}`, expression, lower: value, upper: value, figure });
          }
          continue;
        }
        if (typeof value !== 'number' && value !== null) continue;
        constraints.push(...figureConstraints(template, column, value, figure, partExpression));
      }
      if (table.presence) constraints.push(...presenceConstraint(table, row, r, key, space));
    });
    if (table.order) constraints.push(...orderConstraints(table, space));
  }
  return { variables, constraints: [...relations(space, constraints), ...constraints], withheld };
}

/**
 * The structural relations, each split from its right-hand side where that is published exactly,
 * without those that constrain nothing (a characteristic nothing published mentions can always be
 * split to cover its workforce).
 */
function relations(space: VariableSpace, published: readonly Constraint[]): Constraint[] {
  const exact = new Map<string, number>();
  for (const c of published)
    if (c.figure !== undefined && c.lower !== undefined && c.lower === c.upper)
      exact.set(expressionKey(c.expression), c.lower - c.expression.constant);
  const uses = new Map<number, number>();
  const count = (expression: Expression, by: number) => {
    for (const variable of expression.coefficients.keys()) uses.set(variable, (uses.get(variable) ?? 0) + by);
  };
  for (const c of published) count(c.expression, 1);
  for (const r of space.relations) count(r.expression, 1);
  const kept = new Set(space.relations);
  for (let changed = true; changed;) {
    changed = false;
    for (const relation of kept) {
      if (relation.absorbedBy === undefined || relation.absorbedBy.some((v) => (uses.get(v) ?? 0) > 1)) continue;
      kept.delete(relation);
      count(relation.expression, -1);
      changed = true;
    }
  }
  return [...kept].map((relation) => {
    const known = relation.right && exact.get(expressionKey(relation.right));
    if (relation.right === undefined || known === undefined) {
      return {
        name: relation.name,
        expression: relation.expression,
        ...(relation.lower === undefined ? {} : { lower: relation.lower }),
        ...(relation.upper === undefined ? {} : { upper: relation.upper }),
      };
    }
    const left = new Map(relation.expression.coefficients);
    for (const variable of relation.right.coefficients.keys()) left.delete(variable);
    return {
      name: relation.name,
      expression: { coefficients: left, constant: 0 },
      ...(relation.lower === undefined ? {} : { lower: relation.lower + known }),
      ...(relation.upper === undefined ? {} : { upper: relation.upper + known }),
    };
  });
}

/** Two expressions over the same base counts have the same key. */
export function expressionKey(expression: Expression): string {
  return `${[...expression.coefficients.entries()]
    .filter(([, c]) => c !== 0)
    .sort((a, b) => a[0] - b[0])
    .map(([v, c]) => `${c}x${v}`)
    .join('+')}+${expression.constant}`;
}

/**
 * What a withheld mark itself says. `<N`: from 1 to N − 1. `c` beside `<N` marks: 0, or the
 * threshold or more (an integer switch b: x ≤ M·b and x ≥ threshold·b). WITHHELD says nothing.
 */
function markConstraints(
  mark: string,
  expression: Expression,
  figure: string,
  threshold: number,
  variables: Variable[],
): Constraint[] {
  const small = /^<(\d+)$/.exec(mark);
  if (small) return [{ name: `mark_${figure}`, expression, lower: 1, upper: Number(small[1]) - 1, figure }];
  if (mark !== 'c') return [];
  variables.push({
    name: `switch_${figure}`.replace(/[^\w]/g, '_'),
    integer: true,
    truth: truthOf(expression, variables) >= threshold ? 1 : 0,
    upper: 1,
  });
  const b = variables.length - 1;
  const big = 1e6;
  return [
    {
      name: `mark_big_${figure}`,
      expression: combine([
        { expression, scale: 1 },
        { expression: { coefficients: new Map([[b, -big]]), constant: 0 }, scale: 1 },
      ]),
      upper: 0,
      figure,
    },
    {
      name: `mark_small_${figure}`,
      expression: combine([
        { expression, scale: 1 },
        { expression: { coefficients: new Map([[b, -threshold]]), constant: 0 }, scale: 1 },
      ]),
      lower: 0,
      figure,
    },
  ];
}

/**
 * A table ordered by a figure: a withheld row between two shown ones lies between their figures.
 * (Between two withheld rows the order is a product of unknowns; no linear fact is added.)
 */
function orderConstraints(table: DisclosureTable, space: VariableSpace): Constraint[] {
  const order = table.order;
  // Withheld rows placed after the shown ones, by label, say nothing by their place.
  if (order === undefined || order.withheldLast) return [];
  const column = table.columns.find((c) => c.key === order.column);
  const template = column?.figure;
  if (column === undefined || template?.type !== 'ratio') return [];
  const constraints: Constraint[] = [];
  const h = halfUnit(column);
  table.rows.forEach((row, r) => {
    const key = table.rowKeys[r];
    if (!isWithheld(row[order.column]) || !key) return;
    const parts = (list: readonly Part[]) =>
      combine(
        list.filter(isTerm).map((term) => ({ expression: space.expression(termFor(term, key), key.period), scale: 1 })),
      );
    if (template.num.some((p) => !isTerm(p)) || template.den.some((p) => !isTerm(p))) return;
    const [num, den] = [parts(template.num), parts(template.den)];
    const shownBefore = table.rows
      .slice(0, r)
      .map((x) => x[order.column])
      .filter((v): v is number => typeof v === 'number')
      .at(-1);
    const shownAfter = table.rows
      .slice(r + 1)
      .map((x) => x[order.column])
      .find((v): v is number => typeof v === 'number');
    // Descending: the row's rate is at most the one before it and at least the one after it.
    const [atMost, atLeast] = order.descending ? [shownBefore, shownAfter] : [shownAfter, shownBefore];
    const name = `order_${table.id}_${r}`;
    if (atMost !== undefined)
      constraints.push({
        name: `${name}_max`,
        expression: combine([
          { expression: num, scale: template.scale },
          { expression: den, scale: -(atMost + h) },
        ]),
        upper: 0,
      });
    if (atLeast !== undefined)
      constraints.push({
        name: `${name}_min`,
        expression: combine([
          { expression: num, scale: template.scale },
          { expression: den, scale: -(atLeast - h) },
        ]),
        lower: 0,
      });
  });
  return constraints;
}

function figureConstraints(
  template: Exclude<FigureTemplate, { type: 'count' | 'plain' }>,
  column: DisclosureColumn,
  value: number | null,
  figure: string,
  partExpression: (part: Part) => Expression,
): Constraint[] {
  const h = halfUnit(column);
  if (template.type === 'fte') {
    if (value === null) return [];
    return [
      {
        name: `shown_${figure}`,
        expression: partExpression(template.term),
        lower: Math.max(0, value - h),
        upper: value + h,
        figure,
      },
    ];
  }
  if (template.type === 'diversity') return [];
  const num = combine(template.num.map((part) => ({ expression: partExpression(part), scale: 1 })));
  const den = combine(template.den.map((part) => ({ expression: partExpression(part), scale: 1 })));
  if (value === null)
    return template.emptyMeansNoDenominator
      ? [{ name: `empty_${figure}`, expression: den, lower: 0, upper: 0, figure }]
      : [];
  // (value − h)·den ≤ scale·num ≤ (value + h)·den, as two linear constraints.
  return [
    {
      name: `low_${figure}`,
      expression: combine([
        { expression: num, scale: template.scale },
        { expression: den, scale: -(value - h) },
      ]),
      lower: 0,
      figure,
    },
    {
      name: `high_${figure}`,
      expression: combine([
        { expression: num, scale: template.scale },
        { expression: den, scale: -(value + h) },
      ]),
      upper: 0,
      figure,
    },
  ];
}

/**
 * A row listed only because one of its presence figures is more than 0: unless a shown one is,
 * its counts (shown as 0, withheld or hidden) add up to at least 1.
 */
function presenceConstraint(
  table: DisclosureTable,
  row: Readonly<Record<string, CellValue | undefined>>,
  r: number,
  key: RowKey,
  space: VariableSpace,
): Constraint[] {
  const presence = table.presence;
  if (presence === undefined || 'sameRowsAs' in presence) return [];
  const shownPositive = presence.anyOf.some((name) => typeof row[name] === 'number' && row[name] > 0);
  if (shownPositive) return [];
  const counts = presence.anyOf
    .map((name) => table.columns.find((c) => c.key === name))
    .filter((c): c is DisclosureColumn => c?.figure?.type === 'count')
    .map((c) => space.expression(termFor((c.figure as { term: Parameters<typeof termFor>[0] }).term, key), key.period));
  if (counts.length === 0) return [];
  return [
    {
      name: `listed_${table.id}_${r}`,
      expression: combine(counts.map((expression) => ({ expression, scale: 1 }))),
      lower: 1,
    },
  ];
}
