/**
 * Random small Trusts for the disclosure audit: base counts drawn with many small cells, and the
 * report's kinds of tables built from them the way the report builds them (breakdowns sharing
 * totals, roles within sectors, rates on FTE, hidden counts behind rates, ethnicities within ethnic
 * groups, partner totals, rows sorted by a rate), with the figure definitions the report uses.
 */
import { ETHNIC_GROUP_OF } from '../../transforms/contract/code-lists.ts';
import type {
  BaseCounts,
  CharacteristicCount,
  EventCount,
  PeopleCount,
} from '../../transforms/disclosure/base-counts.ts';

import type { RowKey, Term } from '../../transforms/disclosure/figures.ts';
import type { CellValue, DisclosureColumn, DisclosureTable } from '../../transforms/disclosure/tables.ts';
import { count, derived, fte, hiddenCount, label, plain, rate } from '../../transforms/report/columns.ts';
import { REPORTED_RATES, rateOf } from '../../transforms/report/rates.ts';
import { categoriesOf } from '../../transforms/report/sections-people.ts';

const PERIOD = '2026-09-30';
const SECTORS: Record<string, string[]> = {
  education: ['teacher', 'teaching_assistant', 'senco'],
  health: ['nurse', 'health_visitor', 'midwife'],
  social_care: ['social_worker', 'family_support_worker'],
  youth: ['youth_worker'],
};
const ETHNICITIES = [
  'white_british',
  'white_other',
  'asian_indian',
  'black_african',
  'mixed_other',
  'other_arab',
  'not_known',
];

/** A seeded generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomTrust {
  readonly base: BaseCounts;
  readonly tables: DisclosureTable[];
}

export function randomTrust(seed: number): RandomTrust {
  const rand = random(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  // Mostly small numbers, sometimes larger: the cases disclosure control has to work at.
  const size = () => (rand() < 0.5 ? int(4) : rand() < 0.8 ? 5 + int(15) : 20 + int(60));

  const people: PeopleCount[] = [];
  const events: EventCount[] = [];
  const characteristics: CharacteristicCount[] = [];
  const partners = Array.from({ length: 2 + int(1) }, (_, i) => `p${i + 1}`);
  for (const partner of partners) {
    const sector = pick(Object.keys(SECTORS));
    const employer = pick(['statutory', 'voluntary', 'private']);
    const roles = (SECTORS[sector] as string[]).filter(() => rand() < 0.7);
    const ages = new Map<string, number>();
    const drawAges = (n: number) => {
      let old = 0;
      for (let i = 0; i < n; i++) {
        const band = pick(['25_34', '35_44', '55_64']);
        ages.set(band, (ages.get(band) ?? 0) + 1);
        if (band === '55_64') old++;
      }
      return old;
    };
    let total = 0;
    for (const role of roles.length ? roles : [(SECTORS[sector] as string[])[0] as string]) {
      let employees = 0;
      let aged = 0;
      for (const basis of ['employee', 'agency', 'volunteer']) {
        if (basis !== 'employee' && rand() < 0.5) continue;
        const headcount = size();
        if (headcount === 0) continue;
        const fteEach = basis === 'volunteer' ? 0 : 0.6 + rand() * 0.4;
        people.push({
          period: PERIOD,
          partner_id: partner,
          sector,
          employer_type: employer,
          role,
          setting: pick(['school', 'community_health', 'office_locality']),
          employment_basis: basis,
          headcount,
          fte: Math.round(headcount * fteEach * 10) / 10,
        });
        total += headcount;
        const old = drawAges(headcount);
        if (basis === 'employee') {
          employees += headcount;
          aged += old;
        }
      }
      const leavers = int(Math.max(2, Math.round(employees / 3)));
      const known = int(employees);
      events.push({
        period: PERIOD,
        partner_id: partner,
        sector,
        employer_type: employer,
        role,
        counts: {
          leavers,
          starters: int(employees),
          aged_55_plus: aged,
          qualification_known: known,
          qualification_gap: int(known),
        },
        fte: { leavers: Math.round(leavers * 0.8 * 10) / 10, starters: 0 },
      });
    }
    for (const [category, headcount] of ages)
      characteristics.push({ period: PERIOD, partner_id: partner, dimension: 'age_band', category, headcount });
    // Each person's ethnicity, sex and disability, at random.
    const tally = (categories: readonly string[], dimension: CharacteristicCount['dimension']) => {
      const counts = new Map<string, number>();
      const drawn = Array.from({ length: total }, () => pick(categories));
      for (const c of drawn) counts.set(c, (counts.get(c) ?? 0) + 1);
      for (const [category, headcount] of counts)
        if (headcount > 0)
          characteristics.push({ period: PERIOD, partner_id: partner, dimension, category, headcount });
    };
    tally(ETHNICITIES, 'ethnicity');
    tally(['female', 'male', 'not_known'], 'sex');
    tally(['yes', 'no'], 'disability');
  }
  const base: BaseCounts = { people, events, characteristics };
  return { base, tables: tablesOf(base, partners) };
}

// --- the report's tables, from the base counts -------------------------------------------------

type Row = Record<string, CellValue>;
type Where = Partial<Record<'partner_id' | 'sector' | 'employer_type' | 'role', string>>;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function peopleWhere(
  base: BaseCounts,
  where: Where & { employment_basis?: string },
  of: 'headcount' | 'fte' = 'headcount',
): number {
  return sum(
    base.people
      .filter((c) => Object.entries(where).every(([k, v]) => (c as unknown as Record<string, unknown>)[k] === v))
      .map((c) => c[of]),
  );
}

function eventsWhere(base: BaseCounts, where: Where, measure: keyof EventCount['counts']): number {
  return sum(
    base.events
      .filter((c) => Object.entries(where).every(([k, v]) => (c as unknown as Record<string, unknown>)[k] === v))
      .map((c) => c.counts[measure]),
  );
}

function leaverFte(base: BaseCounts, where: Where): number {
  return sum(
    base.events
      .filter((c) => Object.entries(where).every(([k, v]) => (c as unknown as Record<string, unknown>)[k] === v))
      .map((c) => c.fte.leavers),
  );
}

const ratio = (num: number, den: number) => (den === 0 ? null : (100 * num) / den);

/** The rate columns of a row (sector, role or the Trust), as recruitment_rates gives them. */
function rateRow(base: BaseCounts, where: Where, vacancies: number): Row {
  const employees = peopleWhere(base, { ...where, employment_basis: 'employee' });
  const employeesFte = peopleWhere(base, { ...where, employment_basis: 'employee' }, 'fte');
  const agency = peopleWhere(base, { ...where, employment_basis: 'agency' });
  const agencyFte = peopleWhere(base, { ...where, employment_basis: 'agency' }, 'fte');
  const known = eventsWhere(base, where, 'qualification_known');
  const gap = eventsWhere(base, where, 'qualification_gap');
  const aged = eventsWhere(base, where, 'aged_55_plus');
  return {
    employees_headcount: employees,
    employees_fte: employeesFte,
    agency_headcount: agency,
    vacancies_fte: vacancies,
    leavers_headcount: eventsWhere(base, where, 'leavers'),
    turnover_rate: ratio(leaverFte(base, where), employeesFte),
    vacancy_rate: ratio(vacancies, vacancies + employeesFte),
    agency_rate: ratio(agencyFte, agencyFte + employeesFte),
    hard_to_fill_rate: 100,
    replacement_demand_rate: ratio(aged, employees),
    qualification_gap_rate: ratio(gap, known),
    absence_rate: null,
    aged_55_plus_headcount: aged,
    qualification_known_headcount: known,
    qualification_gap_headcount: gap,
  };
}

function rateColumns(detail: boolean): DisclosureColumn[] {
  const employees: Term = { measure: 'people', where: { employment_basis: 'employee' } };
  return [
    count('employees_headcount', 'Employees', employees),
    fte('employees_fte', 'Employees (FTE)', employees, ['employees_headcount']),
    count(
      'agency_headcount',
      'Agency workers',
      { measure: 'people', where: { employment_basis: 'agency' } },
      detail ? { hidden: true } : {},
    ),
    plain('vacancies_fte', 'Vacant FTE', 'decimal'),
    count('leavers_headcount', 'Leavers', { measure: 'leavers' }, detail ? { hidden: true } : {}),
    ...REPORTED_RATES.map(rate),
    hiddenCount('aged_55_plus_headcount'),
    hiddenCount('qualification_known_headcount'),
    hiddenCount('qualification_gap_headcount'),
  ];
}

function tablesOf(base: BaseCounts, partners: readonly string[]): DisclosureTable[] {
  const key = (extra: Record<string, string | readonly string[]> = {}): RowKey => ({ period: PERIOD, ...extra });
  const sectors = Object.keys(SECTORS);
  // Vacant FTE by role (0 for some), and summed to sectors and the Trust.
  const vacancyOf = new Map(
    [...new Set(base.events.map((e) => e.role))].map((role, i) => [role, (role.length + i) % 3 === 0 ? 0 : 1.5]),
  );
  const sectorOfRole = new Map(base.events.map((e) => [e.role, e.sector]));
  const vacancies = (where: Where) =>
    sum(
      [...vacancyOf]
        .filter(([role]) =>
          where.role ? role === where.role : where.sector ? sectorOfRole.get(role) === where.sector : true,
        )
        .map(([, v]) => v),
    );
  const roles = [...new Set(base.events.map((e) => e.role))].sort();
  const tables: DisclosureTable[] = [];

  const headlineColumns = [
    label('period', 'Period'),
    count('workforce_headcount', 'Whole workforce', { measure: 'people' }, { exempt: true }),
    ...rateColumns(false),
  ];
  tables.push({
    id: 'headline',
    title: 'Headline',
    columns: headlineColumns,
    rows: [{ period: PERIOD, workforce_headcount: peopleWhere(base, {}), ...rateRow(base, {}, vacancies({})) }],
    rowKeys: [key()],
  });

  const employers = ['statutory', 'voluntary', 'private'];
  // Every sector is listed, people or not: a listed sector then says nothing of its size.
  tables.push({
    id: 'by-sector-and-employer',
    title: 'By sector and employer',
    columns: [
      label('sector', 'Sector'),
      ...employers.map((e) => count(e, e, { measure: 'people', where: { employer_type: e } })),
      count('all', 'All', { measure: 'people' }),
    ],
    rows: sectors.map((sector) => ({
      sector,
      ...Object.fromEntries(employers.map((e) => [e, peopleWhere(base, { sector, employer_type: e })])),
      all: peopleWhere(base, { sector }),
    })),
    rowKeys: sectors.map((sector) => key({ sector })),
  });

  const presence = { anyOf: ['employees_headcount', 'agency_headcount', 'leavers_headcount', 'vacancies_fte'] };
  const active = (where: Where) =>
    ['employees_headcount', 'agency_headcount', 'leavers_headcount', 'vacancies_fte'].some(
      (k) => Number(rateRow(base, where, vacancies(where))[k]) > 0,
    );
  const activeSectors = sectors.filter((sector) => active({ sector }));
  const activeRoles = roles.filter((role) => active({ role }));
  tables.push({
    id: 'rates-by-sector',
    title: 'By sector',
    columns: [label('sector', 'Sector'), ...rateColumns(false)],
    rows: activeSectors.map((sector) => ({ sector, ...rateRow(base, { sector }, vacancies({ sector })) })),
    rowKeys: activeSectors.map((sector) => key({ sector })),
    presence,
  });
  tables.push({
    id: 'rates-by-role',
    title: 'By role',
    columns: [label('role', 'Role'), ...rateColumns(true)],
    rows: activeRoles.map((role) => ({ role, ...rateRow(base, { role }, vacancies({ role })) })),
    rowKeys: activeRoles.map((role) => key({ role })),
    presence,
  });

  const skilled = activeRoles;
  tables.push({
    id: 'skills-gaps',
    title: 'Skills gaps',
    columns: [
      label('role', 'Role'),
      count('qualification_known_headcount', 'Known', { measure: 'qualification_known' }),
      count('qualification_gap_headcount', 'Gap', { measure: 'qualification_gap' }),
      rate(rateOf('qualification_gap_rate')),
    ],
    rows: skilled.map((role) => ({
      role,
      qualification_known_headcount: eventsWhere(base, { role }, 'qualification_known'),
      qualification_gap_headcount: eventsWhere(base, { role }, 'qualification_gap'),
      qualification_gap_rate: ratio(
        eventsWhere(base, { role }, 'qualification_gap'),
        eventsWhere(base, { role }, 'qualification_known'),
      ),
    })),
    rowKeys: skilled.map((role) => key({ role })),
    presence: { sameRowsAs: 'rates-by-role' },
  });

  const characteristic = (dimension: 'ethnicity' | 'ethnic_group' | 'sex') => {
    const { known, unknown } = categoriesOf(dimension);
    const countOf = (category: string) =>
      sum(
        base.characteristics
          .filter(
            (c) =>
              c.dimension === (dimension === 'ethnic_group' ? 'ethnicity' : dimension) &&
              (dimension === 'ethnic_group' ? (ETHNIC_GROUP_OF[c.category] ?? c.category) : c.category) === category,
          )
          .map((c) => c.headcount),
      );
    const recorded = sum(known.map(countOf));
    const columns = [
      label('category', 'Group'),
      count('workforce_headcount', 'People', { measure: dimension }),
      derived('workforce_share', 'Share', [
        'workforce_headcount',
        { row: known.length, column: 'workforce_headcount' },
      ]),
    ];
    const rows: Row[] = [
      ...known.map((c) => ({
        category: c,
        workforce_headcount: countOf(c),
        workforce_share: ratio(countOf(c), recorded),
      })),
      { category: 'recorded', workforce_headcount: recorded, workforce_share: null },
      ...unknown.map((c) => ({ category: c, workforce_headcount: countOf(c), workforce_share: null })),
    ];
    tables.push({
      id: `diversity-${dimension}`,
      title: dimension,
      columns,
      rows,
      rowKeys: [
        ...known.map((c) => key({ category: c })),
        key({ category: known }),
        ...unknown.map((c) => key({ category: c })),
      ],
    });
  };
  characteristic('ethnic_group');
  characteristic('ethnicity');
  // (sex and disability are tallied, but only ethnicity is tabled: one characteristic's linkage is the point)

  const unknownEthnicity = (partner: string) =>
    sum(
      base.characteristics
        .filter(
          (c) =>
            c.partner_id === partner &&
            c.dimension === 'ethnicity' &&
            (c.category === 'not_known' || c.category === 'refused'),
        )
        .map((c) => c.headcount),
    );
  tables.push({
    id: 'coverage',
    title: 'Coverage',
    columns: [
      label('partner', 'Partner'),
      count('workforce_rows', 'People counted', { measure: 'people' }),
      count(
        'ethnicity_unknown',
        'Ethnicity not known',
        { measure: 'ethnicity', where: { category: ['not_known', 'refused'] } },
        { hidden: true },
      ),
      {
        key: 'ethnicity_not_known_share',
        label: 'Ethnicity not known',
        kind: 'derived',
        format: 'percent',
        basis: ['workforce_rows', 'ethnicity_unknown'],
        figure: {
          type: 'ratio',
          scale: 100,
          num: [{ measure: 'ethnicity', where: { category: ['not_known', 'refused'] } }],
          den: [{ measure: 'ethnicity' }],
        },
      },
    ],
    rows: partners.map((partner) => ({
      partner,
      workforce_rows: peopleWhere(base, { partner_id: partner }),
      ethnicity_unknown: unknownEthnicity(partner),
      ethnicity_not_known_share: ratio(unknownEthnicity(partner), peopleWhere(base, { partner_id: partner })),
    })),
    rowKeys: partners.map((partner) => key({ partner_id: partner })),
  });
  return tables;
}
