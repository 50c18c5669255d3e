import { describe, expect, it } from 'vitest';
import { auditTables, type CellRange } from '../../transforms/disclosure/audit.ts';
import { WITHHELD, type DisclosureTable } from '../../transforms/disclosure/tables.ts';
import { VariableSpace } from '../../transforms/disclosure/variables.ts';
import { V1_PERIODS, v1BaseCounts, v1Tables } from '../support/report-v1.ts';

/**
 * Version 1 of the report, kept as it was published (tests/fixtures/report-v1), attacked as the
 * attacker of issue 9 attacked it: with only the published JSON, and the arithmetic the audit
 * does. Each way it gave counts away is shown by the audit pinning a count with it, and not
 * without it.
 */
const space = new VariableSpace(v1BaseCounts());
const tables = v1Tables('2026-09-30');
const rangeOf = async (
  set: readonly DisclosureTable[],
  table: string,
  row: string,
  column: string,
): Promise<[number, number]> => {
  const { cells } = await auditTables(set, space, 5, {
    only: (c) => c.table === table && c.rowLabel === row && c.column === column,
  });
  const [cell] = cells as [CellRange];
  return [cell.min, cell.max];
};
const withheldWhere = (test: (table: DisclosureTable, key: string, value: unknown) => boolean) =>
  tables.map((t) => ({
    ...t,
    rows: t.rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, test(t, k, v) ? WITHHELD : v])),
    ),
  }));

describe('Audit: the report as version 1 published it', () => {
  it.each(V1_PERIODS)('gives small counts away in %s', async (period) => {
    const audit = await auditTables(v1Tables(period), space, 5);

    const exact = audit.breaches.filter((b) => b.min === b.max);
    expect(audit.breaches.length).toBeGreaterThanOrEqual(10);
    expect(exact.length).toBeGreaterThanOrEqual(5);
    // Whatever is pinned is pinned to the truth: the audit claims nothing that was not published.
    for (const breach of exact) expect(breach.min).toBe(breach.cell.truth);
  });

  it('works a count out from totals shared between tables (Arab = Other ethnic group 42 − Any other 39)', async () => {
    const arab = ['diversity-ethnicity', 'Other ethnic group: Arab', 'workforce_headcount'] as const;
    expect(
      await rangeOf(
        tables.filter((t) => t.id === 'diversity-ethnicity'),
        ...arab,
      ),
    ).toEqual([3, 4]);
    expect(await rangeOf(tables, ...arab)).toEqual([3, 3]);
  });

  it('works a count out from a rate published at full precision times a shown denominator', async () => {
    const gap = ['skills-gaps', 'Police officer', 'qualification_gap_headcount'] as const;
    const noGapRates = withheldWhere((t, key) => key === 'qualification_gap_rate' && t.id !== 'skills-gaps');
    expect(await rangeOf(noGapRates, ...gap)).toEqual([1, 2]);
    expect(await rangeOf(tables, ...gap)).toEqual([2, 2]);
  });

  it('works a count out from where its row is sorted among shown rates', async () => {
    const gap = ['skills-gaps', 'School leader', 'qualification_gap_headcount'] as const;
    const unsorted = tables.map((t) => (t.id === 'skills-gaps' ? { ...t, order: undefined } : t));
    expect(await rangeOf(unsorted, ...gap)).toEqual([1, 4]);
    expect(await rangeOf(tables, ...gap)).toEqual([2, 2]);
  });

  it('works a count out from what its mark says: `<5` is 1 to 4', async () => {
    const arts = ['rates-by-role', 'Arts and culture worker', 'leavers_headcount'] as const;
    expect(
      (
        await rangeOf(
          withheldWhere((_t, _k, v) => v === 'c' || v === '<5'),
          ...arts,
        )
      )[0],
    ).toBe(0);
    expect(await rangeOf(tables, ...arts)).toEqual([1, 1]);
  });

  it('works a count out from what its mark says: `c` beside `<5` is 0, or 5 and more', async () => {
    // Two roles of 3 and 5 people, and their total, 8: v1 showed `<5` and `c`; now both read [c].
    const cell = (role: string, headcount: number) => ({
      period: '2026-09-30',
      partner_id: 'p',
      sector: 'education',
      employer_type: 'statutory',
      role,
      setting: 'school',
      employment_basis: 'employee',
      headcount,
      fte: headcount,
    });
    const unknown = (['ethnicity', 'sex', 'age_band', 'disability'] as const).map((dimension) => ({
      period: '2026-09-30',
      partner_id: 'p',
      dimension,
      category: 'not_known',
      headcount: 8,
    }));
    const small = new VariableSpace({
      people: [cell('teacher', 3), cell('senco', 5)],
      events: [],
      characteristics: unknown,
    });
    const table = (marks: [string, string]): DisclosureTable => ({
      id: 'roles',
      title: 'Roles',
      columns: [
        { key: 'role', label: 'Role', kind: 'label' },
        { key: 'people', label: 'People', kind: 'count', figure: { type: 'count', term: { measure: 'people' } } },
      ],
      rows: [
        { role: 'Teacher', people: marks[0] },
        { role: 'SENCO', people: marks[1] },
        { role: 'All', people: 8 },
      ],
      rowKeys: [
        { period: '2026-09-30', role: 'teacher' },
        { period: '2026-09-30', role: 'senco' },
        { period: '2026-09-30' },
      ],
    });
    const teacher = async (marks: [string, string]) =>
      (await auditTables([table(marks)], small, 5, { only: (c) => c.rowLabel === 'Teacher' })).cells[0];
    expect(await teacher(['<5', 'c'])).toMatchObject({ min: 1, max: 3, protected: false });
    expect(await teacher([WITHHELD, WITHHELD])).toMatchObject({ min: 0, max: 8, protected: true });
  });
});
