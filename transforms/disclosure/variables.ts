import { DIMENSION_CATEGORIES, ETHNIC_GROUP_OF } from '../contract/code-lists.ts';
import type { BaseCounts, EventCount, PeopleCount } from './base-counts.ts';
import { MEASURES, type EventMeasure, type Term, type Where } from './figures.ts';

/** A linear expression over the unknowns: coefficient by variable, plus a constant. */
export interface Expression {
  readonly coefficients: Map<number, number>;
  readonly constant: number;
}

export interface Variable {
  readonly name: string;
  /** A count of people (a whole number) or an FTE. */
  readonly integer: boolean;
  /** The true value (from the lake): the audit's model must admit it. */
  readonly truth: number;
  /** @default no upper bound */
  readonly upper?: number;
}

/** A structural fact an attacker knows whatever is published: sums, and sub-counts at most their whole. */
export interface Relation {
  readonly name: string;
  readonly expression: Expression;
  readonly lower?: number;
  readonly upper?: number;
  /**
   * For a relation `left − right` within bounds: the right-hand side on its own. Where it is
   * published exactly, the relation reads `left` within the bounds shifted by its value, and the two
   * sides need no longer be solved together.
   */
  readonly right?: Expression;
  /**
   * Variables that can always be chosen to satisfy the relation (a characteristic's categories
   * can always be split to cover any workforce): if nothing else mentions them, the relation
   * constrains nothing and is left out.
   */
  readonly absorbedBy?: readonly number[];
}

export const CHARACTERISTICS = ['ethnicity', 'sex', 'age_band', 'disability'] as const;
type Characteristic = (typeof CHARACTERISTICS)[number];
const EVENT_MEASURES = [
  'leavers',
  'starters',
  'aged_55_plus',
  'qualification_known',
  'qualification_gap',
] as const satisfies readonly EventMeasure[];
const EVENT_FTE = ['leavers', 'starters'] as const;
/** FTE per person is at most 1.5 (the contract's limit). */
export const MAX_FTE_PER_PERSON = 1.5;

interface PeopleCell extends Omit<PeopleCount, 'headcount' | 'fte'> {
  readonly n: number;
  readonly f: number;
}

interface EventCell extends Omit<EventCount, 'counts' | 'fte'> {
  readonly n: Readonly<Record<EventMeasure, number>>;
  readonly f: Readonly<Record<(typeof EVENT_FTE)[number], number>>;
}

interface PeriodSpace {
  readonly people: PeopleCell[];
  readonly events: EventCell[];
  /** dimension → partner → category → variable */
  readonly characteristics: Map<Characteristic, Map<string, Map<string, number>>>;
}

const matches = (where: Where | undefined, cell: object): boolean => {
  for (const [name, wanted] of Object.entries(where ?? {})) {
    const value = (cell as Record<string, unknown>)[name];
    if (typeof wanted === 'string' ? value !== wanted : !wanted.includes(String(value))) return false;
  }
  return true;
};

/**
 * The unknowns an attacker solves for: one whole number per base cell of the period (and its FTE),
 * where the lake has one. The attacker is taken to know which combinations of partner, sector,
 * employer type, role, setting and basis exist (an organisation's structure is public), but not
 * how many people are in each, nor anyone's characteristics: a characteristic may fall in any
 * category of any partner's workforce.
 */
export class VariableSpace {
  readonly variables: Variable[] = [];
  readonly relations: Relation[] = [];
  private readonly periods = new Map<string, PeriodSpace>();

  constructor(base: BaseCounts) {
    const periods = new Set([...base.people, ...base.events, ...base.characteristics].map((c) => c.period));
    for (const period of [...periods].sort()) this.periods.set(period, this.buildPeriod(period, base));
  }

  /** The periods the base counts cover. */
  get periodList(): string[] {
    return [...this.periods.keys()];
  }

  /** The sum of base cells a term stands for, in a period. */
  expression(term: Term, period: string): Expression {
    const space = this.periods.get(period);
    const coefficients = new Map<number, number>();
    if (space === undefined) return { coefficients, constant: 0 };
    const add = (variable: number) => coefficients.set(variable, (coefficients.get(variable) ?? 0) + 1);
    const measure = MEASURES[term.measure];
    if (measure.base === 'people') {
      for (const cell of space.people) if (matches(term.where, cell)) add(term.fte ? cell.f : cell.n);
    } else if (measure.base === 'events') {
      const name = term.measure as EventMeasure;
      for (const cell of space.events) {
        if (!matches(term.where, cell)) continue;
        if (term.fte && (name === 'leavers' || name === 'starters')) add(cell.f[name]);
        else if (term.fte) throw new Error(`${name} has no FTE.`);
        else add(cell.n[name]);
      }
    } else {
      const dimension: Characteristic =
        term.measure === 'ethnic_group' ? 'ethnicity' : (term.measure as Characteristic);
      for (const [partner, categories] of space.characteristics.get(dimension) ?? []) {
        for (const [category, variable] of categories) {
          const shown = term.measure === 'ethnic_group' ? (ETHNIC_GROUP_OF[category] ?? category) : category;
          if (matches(term.where, { partner_id: partner, category: shown })) add(variable);
        }
      }
    }
    return { coefficients, constant: 0 };
  }

  private variable(name: string, integer: boolean, truth: number, upper?: number): number {
    this.variables.push({ name, integer, truth, ...(upper === undefined ? {} : { upper }) });
    return this.variables.length - 1;
  }

  private relation(
    name: string,
    terms: readonly (readonly [number, number])[],
    bounds: { lower?: number; upper?: number },
    right?: readonly number[],
    absorbedBy?: readonly number[],
  ): void {
    const coefficients = new Map<number, number>();
    for (const [variable, coefficient] of terms)
      coefficients.set(variable, (coefficients.get(variable) ?? 0) + coefficient);
    const rightSide = right && { coefficients: new Map(right.map((v) => [v, 1])), constant: 0 };
    this.relations.push({
      name,
      expression: { coefficients, constant: 0 },
      ...bounds,
      ...(rightSide ? { right: rightSide } : {}),
      ...(absorbedBy ? { absorbedBy } : {}),
    });
  }

  private buildPeriod(period: string, base: BaseCounts): PeriodSpace {
    const tag = period.replaceAll('-', '');
    const people: PeopleCell[] = base.people
      .filter((c) => c.period === period)
      .map((c, i) => {
        const { headcount, fte, ...key } = c;
        const n = this.variable(`p${tag}_${i}`, true, headcount);
        const f = this.variable(`pf${tag}_${i}`, false, fte);
        this.relation(
          `fte_p${tag}_${i}`,
          [
            [f, 1],
            [n, -MAX_FTE_PER_PERSON],
          ],
          { upper: 0 },
        );
        return { ...key, n, f };
      });

    // Events happen where the partner has that sector, employer type and role (or had, for leavers).
    const eventKey = (c: Pick<EventCount, 'partner_id' | 'sector' | 'employer_type' | 'role'>) =>
      `${c.partner_id}|${c.sector}|${c.employer_type}|${c.role}`;
    const recorded = new Map(base.events.filter((c) => c.period === period).map((c) => [eventKey(c), c]));
    const keys = new Map<string, Pick<EventCount, 'partner_id' | 'sector' | 'employer_type' | 'role'>>();
    for (const cell of [...people, ...recorded.values()])
      keys.set(eventKey(cell), {
        partner_id: cell.partner_id,
        sector: cell.sector,
        employer_type: cell.employer_type,
        role: cell.role,
      });
    const events: EventCell[] = [...keys.entries()].map(([key, cell], i) => {
      const truth = recorded.get(key);
      const employees = people.filter((p) => eventKey(p) === key && p.employment_basis === 'employee').map((p) => p.n);
      const n = Object.fromEntries(
        EVENT_MEASURES.map((m) => [m, this.variable(`${m}${tag}_${i}`, true, truth?.counts[m] ?? 0)]),
      ) as Record<EventMeasure, number>;
      const f = Object.fromEntries(
        EVENT_FTE.map((m) => [m, this.variable(`${m}f${tag}_${i}`, false, truth?.fte[m] ?? 0)]),
      ) as Record<(typeof EVENT_FTE)[number], number>;
      for (const m of EVENT_FTE)
        this.relation(
          `fte_${m}${tag}_${i}`,
          [
            [f[m], 1],
            [n[m], -MAX_FTE_PER_PERSON],
          ],
          { upper: 0 },
        );
      // Starters, the over-55s and the qualification counts are employees of that cell.
      for (const m of ['starters', 'aged_55_plus', 'qualification_known'] as const) {
        this.relation(`${m}_within_employees${tag}_${i}`, [[n[m], 1], ...employees.map((e) => [e, -1] as const)], {
          upper: 0,
        });
      }
      this.relation(
        `gap_within_known${tag}_${i}`,
        [
          [n.qualification_gap, 1],
          [n.qualification_known, -1],
        ],
        { upper: 0 },
      );
      return { ...cell, period, n, f };
    });

    // Characteristics: every category possible for every partner with people in the period.
    const partners = [...new Set(people.map((p) => p.partner_id))].sort();
    const truths = new Map(
      base.characteristics
        .filter((c) => c.period === period)
        .map((c) => [`${c.dimension}|${c.partner_id}|${c.category}`, c.headcount]),
    );
    const characteristics = new Map<Characteristic, Map<string, Map<string, number>>>();
    for (const dimension of CHARACTERISTICS) {
      const byPartner = new Map<string, Map<string, number>>();
      for (const partner of partners) {
        const categories = new Map<string, number>();
        for (const { code } of DIMENSION_CATEGORIES[dimension].entries) {
          categories.set(
            code,
            this.variable(
              `${dimension}${tag}_${partner}_${code}`,
              true,
              truths.get(`${dimension}|${partner}|${code}`) ?? 0,
            ),
          );
        }
        byPartner.set(partner, categories);
        // Each characteristic covers the partner's whole workforce.
        const everyone = people.filter((p) => p.partner_id === partner).map((p) => p.n);
        this.relation(
          `${dimension}_covers${tag}_${partner}`,
          [...[...categories.values()].map((v) => [v, 1] as const), ...everyone.map((v) => [v, -1] as const)],
          { lower: 0, upper: 0 },
          everyone,
          [...categories.values()],
        );
      }
      characteristics.set(dimension, byPartner);
    }
    // Employees aged 55 and over are among the partner's people aged 55 and over.
    for (const partner of partners) {
      const ages = characteristics.get('age_band')?.get(partner);
      const old = ['55_64', '65_plus'].map((band) => ages?.get(band)).filter((v): v is number => v !== undefined);
      const over55 = events.filter((e) => e.partner_id === partner).map((e) => [e.n.aged_55_plus, 1] as const);
      this.relation(
        `over_55_within_ages${tag}_${partner}`,
        [...over55, ...old.map((v) => [v, -1] as const)],
        { upper: 0 },
        undefined,
        old,
      );
    }
    return { people, events, characteristics };
  }
}
