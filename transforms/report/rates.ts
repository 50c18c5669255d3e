import type { Part, Term } from '../disclosure/figures.ts';

/**
 * The rates of recruitment_rates, as the DfE children's social work workforce census defines
 * them, written once: the view's rate columns (VIEW_COLUMNS), the report's columns and queries, the
 * disclosure audit's arithmetic, the methodology text and the demo come from here, and tests hold
 * the view's SQL to it: its rate columns are these, in this order, and each is value() of the row's
 * summed counts (tests/views/rates.test.ts).
 */
export interface RateDefinition {
  /** The view's column. */
  readonly key: string;
  readonly label: string;
  /** The definition in words, for the methodology. */
  readonly definition: string;
  readonly term: string;
  /** Whether the report shows it (its rate columns, methodology, the demo); the others are the view's, for analysts. */
  readonly reported: boolean;
  /** scale × Σnumerator ÷ Σdenominator, in base counts (or, for vacancies, the row's vacant FTE); absent where no count of people is involved. */
  readonly numerator?: readonly Part[];
  readonly denominator?: readonly Part[];
  /** The counts of the row the rate rests on: it is withheld with any of them. */
  readonly basis: readonly string[];
  /** The rate from summed counts, as the view computes it (a test holds the view to it): null when its denominator is 0. */
  readonly value: (sums: Sums) => number | null;
}

/** The summed counts of recruitment_rates a rate is computed from. */
export type Sums = Readonly<Record<SumColumn, number>>;
export const SUM_COLUMNS = [
  'employees_headcount',
  'employees_fte',
  'agency_headcount',
  'agency_fte',
  'vacancies_fte',
  'vacancies_agency_cover_fte',
  'hard_to_fill_vacancies_fte',
  'leavers_headcount',
  'leavers_fte',
  'starters_headcount',
  'starters_fte',
  'aged_55_plus_headcount',
  'qualification_known_headcount',
  'qualification_gap_headcount',
  'sickness_days',
  'sickness_recorded_fte',
] as const;
export type SumColumn = (typeof SUM_COLUMNS)[number];

/** 100 × num ÷ den, or null with nothing to divide by. */
const percent = (num: number, den: number) => (den === 0 ? null : (100 * num) / den);

const employeesFte: Term = { measure: 'people', fte: true, where: { employment_basis: 'employee' } };
const agencyFte: Term = { measure: 'people', fte: true, where: { employment_basis: 'agency' } };
const employees: Term = { measure: 'people', where: { employment_basis: 'employee' } };
const vacancies: Part = { column: 'vacancies_fte' };

export const RATES = [
  {
    key: 'turnover_rate',
    label: 'Turnover',
    term: 'Turnover',
    definition: 'FTE of employees who left in the 12 months to the period date ÷ FTE of employees in post on it.',
    numerator: [{ measure: 'leavers', fte: true }],
    denominator: [employeesFte],
    basis: ['leavers_headcount', 'employees_headcount'],
    reported: true,
    value: (s) => percent(s.leavers_fte, s.employees_fte),
  },
  {
    key: 'turnover_rate_headcount',
    label: 'Turnover (headcount)',
    term: 'Turnover by headcount',
    definition: 'Employees who left in the 12 months to the period date ÷ employees in post on it.',
    basis: ['leavers_headcount', 'employees_headcount'],
    reported: false,
    value: (s) => percent(s.leavers_headcount, s.employees_headcount),
  },
  {
    key: 'vacancy_rate',
    label: 'Vacancy rate',
    term: 'Vacancy rate',
    definition: 'Vacant FTE ÷ (vacant FTE + FTE of employees in post).',
    numerator: [vacancies],
    denominator: [vacancies, employeesFte],
    basis: ['employees_headcount'],
    reported: true,
    value: (s) => percent(s.vacancies_fte, s.vacancies_fte + s.employees_fte),
  },
  {
    key: 'agency_rate',
    label: 'Agency rate',
    term: 'Agency rate',
    definition: 'FTE of agency workers ÷ (FTE of agency workers + FTE of employees).',
    numerator: [agencyFte],
    denominator: [agencyFte, employeesFte],
    basis: ['agency_headcount', 'employees_headcount'],
    reported: true,
    value: (s) => percent(s.agency_fte, s.agency_fte + s.employees_fte),
  },
  {
    key: 'agency_cover_rate',
    label: 'Agency workers covering vacancies',
    term: 'Agency cover',
    definition: 'Vacant FTE covered by agency workers ÷ FTE of agency workers.',
    basis: ['agency_headcount'],
    reported: false,
    value: (s) => percent(s.vacancies_agency_cover_fte, s.agency_fte),
  },
  {
    key: 'vacancy_cover_rate',
    label: 'Vacancies covered by agency workers',
    term: 'Vacancy cover',
    definition: 'Vacant FTE covered by agency workers ÷ all vacant FTE.',
    basis: [],
    reported: false,
    value: (s) => percent(s.vacancies_agency_cover_fte, s.vacancies_fte),
  },
  {
    key: 'hard_to_fill_rate',
    label: 'Hard to fill (share of vacant FTE)',
    term: 'Hard to fill',
    definition: 'Vacant FTE the employer reports hard to fill ÷ all vacant FTE.',
    basis: [],
    reported: true,
    value: (s) => percent(s.hard_to_fill_vacancies_fte, s.vacancies_fte),
  },
  {
    key: 'starter_rate',
    label: 'Starters',
    term: 'Starter rate',
    definition: 'FTE of employees who started in the 12 months to the period date ÷ FTE of employees in post on it.',
    numerator: [{ measure: 'starters', fte: true }],
    denominator: [employeesFte],
    basis: ['starters_headcount', 'employees_headcount'],
    reported: false,
    value: (s) => percent(s.starters_fte, s.employees_fte),
  },
  {
    key: 'replacement_demand_rate',
    label: 'Aged 55 and over',
    term: 'Replacement demand',
    definition: 'Employees aged 55 and over ÷ all employees.',
    numerator: [{ measure: 'aged_55_plus' }],
    denominator: [employees],
    basis: ['aged_55_plus_headcount', 'employees_headcount'],
    reported: true,
    value: (s) => percent(s.aged_55_plus_headcount, s.employees_headcount),
  },
  {
    key: 'qualification_gap_rate',
    label: "Without the role's qualification",
    term: 'Skills gap',
    definition:
      'Employees who do not hold the qualification their role requires ÷ employees whose qualification is recorded.',
    numerator: [{ measure: 'qualification_gap' }],
    denominator: [{ measure: 'qualification_known' }],
    basis: ['qualification_gap_headcount', 'qualification_known_headcount'],
    reported: true,
    value: (s) => percent(s.qualification_gap_headcount, s.qualification_known_headcount),
  },
  {
    key: 'absence_rate',
    label: 'Sickness absence',
    term: 'Sickness absence',
    definition: 'Working days lost ÷ (FTE of employees with days lost recorded × 253 working days).',
    basis: ['employees_headcount'],
    reported: true,
    value: (s) => percent(s.sickness_days, s.sickness_recorded_fte * 253),
  },
] as const satisfies readonly RateDefinition[];

export type RateKey = (typeof RATES)[number]['key'];

/** The rates the report shows, in its order. */
export const REPORTED_RATES = RATES.filter((rate) => rate.reported);

export const rateOf = (key: RateKey): RateDefinition => RATES.find((rate) => rate.key === key) as RateDefinition;

/** The hidden counts rates rest on, by column: what they count, and what to call them. */
export const HIDDEN_COUNTS = {
  starters_headcount: { term: { measure: 'starters' }, label: 'Starters' },
  aged_55_plus_headcount: { term: { measure: 'aged_55_plus' }, label: 'Employees aged 55 and over' },
  qualification_known_headcount: {
    term: { measure: 'qualification_known' },
    label: 'Employees with qualification recorded',
  },
  qualification_gap_headcount: {
    term: { measure: 'qualification_gap' },
    label: "Employees without the role's qualification",
  },
} as const satisfies Record<string, { term: Term; label: string }>;
