/**
 * The report as version 1 published it (kept as a fixture: tests/fixtures/report-v1), read as an
 * attacker would read it: every table with what its figures mean in base counts, its numbers at
 * the full precision the JSON gave them, its `<5` and `c` marks, the row order it used, and the
 * recorded totals its captions stated. The disclosure audit runs on it to show what it gave away.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGE_BAND,
  DISABILITY,
  EMPLOYMENT_BASIS,
  ETHNICITY,
  ROLE,
  SECTOR,
  SETTING,
  SEX,
  type CodeList,
} from '../../transforms/contract/code-lists.ts';
import {
  baseCountsFromResults,
  type BaseCountQueryName,
  type BaseCounts,
} from '../../transforms/disclosure/base-counts.ts';
import type { FigureTemplate, RowKey, Term } from '../../transforms/disclosure/figures.ts';
import type { CellValue, DisclosureColumn, DisclosureTable } from '../../transforms/disclosure/tables.ts';
import { RATES } from '../../transforms/report/rates.ts';

export const V1_FOLDER = 'tests/fixtures/report-v1';
export const V1_PERIODS = ['2024-09-30', '2025-09-30', '2026-09-30'] as const;
const FULL = 9;

interface V1Table {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly columns: readonly { readonly key: string; readonly label: string; readonly kind: string }[];
  readonly rows: readonly Record<string, CellValue>[];
}

export function v1BaseCounts(): BaseCounts {
  type Saved = Record<BaseCountQueryName, Record<string, unknown>[]>;
  const saved = JSON.parse(readFileSync(join(V1_FOLDER, 'base-counts.json'), 'utf8')) as Saved;
  const result = (rows: Record<string, unknown>[]) => ({ columns: Object.keys(rows[0] ?? {}), rows });
  return baseCountsFromResults({
    base_people: result(saved.base_people),
    base_events: result(saved.base_events),
    base_characteristics: result(saved.base_characteristics),
  });
}

export function v1Tables(period: string): DisclosureTable[] {
  const report = JSON.parse(readFileSync(join(V1_FOLDER, period, 'needs-analysis.json'), 'utf8')) as {
    sections: { blocks: { table: V1Table }[] }[];
    communityAreas: string[];
  };
  const config = JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')) as {
    partners: { id: string; name: string }[];
  };
  const partnerOf = new Map(config.partners.map((p) => [p.name, p.id]));
  const tables = report.sections.flatMap((s) => s.blocks.map((b) => b.table));
  const community = new Map(
    tables
      .find((t) => t.id === 'diversity-ethnic-group')
      ?.rows.map((r) => [codeOf('ethnic_group', String(r.category)), r.community_share as number]) ?? [],
  );
  return tables.flatMap((table) => {
    const converted = convert(table, period, partnerOf, community);
    return converted ? [converted] : [];
  });
}

const GROUPS: Record<string, string> = {
  'Asian, Asian British or Asian Welsh': 'asian',
  'Black, Black British, Black Welsh, Caribbean or African': 'black',
  'Mixed or Multiple ethnic groups': 'mixed',
  White: 'white',
  'Other ethnic group': 'other',
  'Not known': 'not_known',
  Refused: 'refused',
};
const LISTS: Record<string, CodeList> = {
  sector: SECTOR,
  role: ROLE,
  setting: SETTING,
  employment_basis: EMPLOYMENT_BASIS,
  ethnicity: ETHNICITY,
  sex: SEX,
  age_band: AGE_BAND,
  disability: DISABILITY,
};

function codeOf(list: string, label: string): string {
  if (list === 'ethnic_group') return GROUPS[label] ?? label;
  if (list === 'setting' && label === 'Not given') return 'not_given';
  const code = LISTS[list]?.entries.find((e) => e.label === label)?.code;
  if (code === undefined) throw new Error(`No ${list} code for '${label}'.`);
  return code;
}

const count = (key: string, term: Term, exempt = false): Partial<DisclosureColumn> => ({
  kind: 'count',
  format: 'integer',
  figure: { type: 'count', term },
  ...(exempt ? { exempt } : {}),
});
const measure = (figure: FigureTemplate): Partial<DisclosureColumn> => ({ kind: 'derived', precision: FULL, figure });
const employees: Term = { measure: 'people', where: { employment_basis: 'employee' } };

/** What each v1 column meant. */
function columnFor(tableId: string, key: string): Partial<DisclosureColumn> | undefined {
  const rate = RATES.find((r) => r.key === key);
  if (rate)
    return 'numerator' in rate
      ? measure({
          type: 'ratio',
          scale: 100,
          num: rate.numerator,
          den: rate.denominator,
          emptyMeansNoDenominator: true,
        })
      : { kind: 'plain', precision: FULL };
  switch (key) {
    case 'workforce_headcount':
      return tableId.startsWith('diversity') ? undefined : count(key, { measure: 'people' }, true);
    case 'workforce_fte':
      return measure({ type: 'fte', term: { measure: 'people', fte: true } });
    case 'employees_headcount':
      return count(key, employees);
    case 'employees_fte':
      return measure({ type: 'fte', term: { ...employees, fte: true } });
    case 'agency_headcount':
      return count(key, { measure: 'people', where: { employment_basis: 'agency' } });
    case 'leavers_headcount':
      return count(key, { measure: 'leavers' });
    case 'vacancies_fte':
    case 'hard_to_fill_vacancies_fte':
      return { kind: 'plain', precision: FULL, figure: { type: 'plain' } };
    case 'qualification_known_headcount':
      return count(key, { measure: 'qualification_known' });
    case 'qualification_gap_headcount':
      return count(key, { measure: 'qualification_gap' });
    case 'headcount':
      return count(key, { measure: 'people' });
    case 'fte':
      return measure({ type: 'fte', term: { measure: 'people', fte: true } });
    case 'statutory':
    case 'voluntary':
    case 'private':
      return count(key, { measure: 'people', where: { employer_type: key } });
    case 'all':
      return count(key, { measure: 'people' });
    case 'workforce_rows':
      return count(key, { measure: 'people' });
    case 'leavers_rows':
      return count(key, { measure: 'leavers' });
    default:
      return undefined;
  }
}

function convert(
  table: V1Table,
  period: string,
  partnerOf: Map<string, string>,
  community: Map<string, number>,
): DisclosureTable | undefined {
  const keyed = (labelKey: string, list: string) =>
    table.rows.map((row): RowKey => ({ period, [list]: codeOf(list, String(row[labelKey])) }));
  const columns = (extra: Record<string, Partial<DisclosureColumn>> = {}) =>
    table.columns.map((c): DisclosureColumn => ({
      key: c.key,
      label: c.label,
      kind: c.kind === 'label' ? 'label' : 'plain',
      ...(columnFor(table.id, c.key) ?? {}),
      ...(extra[c.key] ?? {}),
    }));
  const base = { id: table.id, title: table.title, rows: table.rows };
  switch (table.id) {
    case 'headline':
    case 'progress-rates':
      return { ...base, columns: columns(), rowKeys: table.rows.map((r) => ({ period: String(r.period) })) };
    case 'workforce-by-sector-and-employer':
    case 'rates-by-sector':
      return { ...base, columns: columns(), rowKeys: keyed('sector', 'sector') };
    case 'workforce-by-basis':
      return { ...base, columns: columns(), rowKeys: keyed('employment_basis', 'employment_basis') };
    case 'workforce-by-setting':
      return { ...base, columns: columns(), rowKeys: keyed('setting', 'setting') };
    case 'rates-by-role':
      // v1 listed every role of recruitment_pressure, empty or not: its rows said nothing.
      return { ...base, columns: columns(), rowKeys: keyed('role', 'role') };
    case 'skills-gaps':
      return {
        ...base,
        columns: columns(),
        rowKeys: keyed('role', 'role'),
        presence: { anyOf: ['qualification_known_headcount'] },
        // v1 sorted these rows by the true rate, withheld or not.
        order: { column: 'qualification_gap_rate', descending: true, withheldLast: false },
      };
    case 'coverage':
      return {
        ...base,
        columns: columns({
          ethnicity_not_known_share: notKnownShare('ethnicity'),
          disability_not_known_share: notKnownShare('disability'),
          sex_not_known_share: notKnownShare('sex'),
        }),
        rowKeys: table.rows.map((r) => ({ period, partner_id: partnerOf.get(String(r.partner)) ?? String(r.partner) })),
      };
    case 'progress-representation':
      return {
        ...base,
        columns: table.columns.map((c) => {
          const q = community.get(c.key);
          if (c.key === 'period' || q === undefined) return { key: c.key, label: c.label, kind: 'label' as const };
          return {
            key: c.key,
            label: c.label,
            ...measure({
              type: 'ratio',
              scale: 100 / q,
              num: [{ measure: 'ethnic_group', where: { category: c.key } }],
              den: [knownOf('ethnic_group')],
            }),
          } as DisclosureColumn;
        }),
        rowKeys: table.rows.map((r) => ({ period: String(r.period) })),
      };
    default:
      if (table.id.startsWith('diversity-')) return diversity(table, period);
      return undefined;
  }
}

const DIMENSIONS: Record<string, 'ethnic_group' | 'ethnicity' | 'sex' | 'age_band' | 'disability'> = {
  'diversity-ethnic-group': 'ethnic_group',
  'diversity-ethnicity': 'ethnicity',
  'diversity-sex': 'sex',
  'diversity-age-band': 'age_band',
  'diversity-disability': 'disability',
};

function knownOf(dimension: string): Term {
  const list =
    dimension === 'ethnic_group' ? Object.values(GROUPS) : (LISTS[dimension]?.entries.map((e) => e.code) ?? []);
  return {
    measure: dimension as Term['measure'],
    where: { category: list.filter((c) => c !== 'not_known' && c !== 'refused') },
  };
}

function notKnownShare(dimension: 'ethnicity' | 'sex' | 'disability'): Partial<DisclosureColumn> {
  return measure({
    type: 'ratio',
    scale: 100,
    num: [{ measure: dimension, where: { category: ['not_known', 'refused'] } }],
    den: [{ measure: dimension }],
  });
}

/** A diversity table, with the recorded total its caption stated as a row of its own. */
function diversity(table: V1Table, period: string): DisclosureTable {
  const dimension = DIMENSIONS[table.id] as string;
  const recorded = Number(/Shares of the ([\d,]+) people/.exec(table.caption)?.[1]?.replaceAll(',', ''));
  const known = knownOf(dimension);
  const columns: DisclosureColumn[] = [
    { key: 'category', label: 'Group', kind: 'label' },
    {
      key: 'workforce_headcount',
      label: 'People',
      ...count('workforce_headcount', { measure: dimension as Term['measure'] }),
    } as DisclosureColumn,
    {
      key: 'workforce_share',
      label: 'Share',
      ...measure({ type: 'ratio', scale: 100, num: [{ measure: dimension as Term['measure'] }], den: [known] }),
    } as DisclosureColumn,
  ];
  const rows = [
    ...table.rows.map((r) => ({
      category: r.category,
      workforce_headcount: r.workforce_headcount,
      workforce_share: r.workforce_share,
    })),
    { category: 'Recorded (caption)', workforce_headcount: recorded, workforce_share: null },
  ];
  const rowKeys: RowKey[] = [
    ...table.rows.map((r) => ({ period, category: codeOf(dimension, String(r.category)) })),
    { period, category: known.where?.category as readonly string[] },
  ];
  return { id: table.id, title: table.title, columns, rows, rowKeys };
}
