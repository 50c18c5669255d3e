import { describe, expect, it } from 'vitest';
import { protectTable } from '../../transforms/report/disclosure.ts';
import type { ReportColumn, ReportRow, ReportTable } from '../../transforms/report/report-table.ts';

const count = (key: string, extra: Partial<ReportColumn> = {}): ReportColumn => ({ key, label: key, kind: 'count', ...extra });
const table = (columns: ReportColumn[], rows: ReportRow[], extra: Partial<ReportTable> = {}): ReportTable => ({ id: 't', title: 'T', caption: '', columns: [{ key: 'name', label: 'name', kind: 'label' }, ...columns], rows, ...extra });
const column = (rows: readonly ReportRow[], key: string) => rows.map((row) => row[key]);

describe('Function: protectTable (disclosure control)', () => {
  it('shows a count from 1 to 4 as <5, and leaves 0 and 5 or more alone', () => {
    const published = protectTable(table([count('people', { additive: false })], [0, 1, 4, 5, 99].map((people, i) => ({ name: `r${i}`, people }))), 5);

    expect(column(published.rows, 'people')).toEqual([0, '<5', '<5', 5, 99]);
  });

  it('withholds a second count when one withheld count could be recovered from the column total', () => {
    // 3 + 40 + 57 = 100, and the total of 100 is published elsewhere: 3 = 100 − 40 − 57.
    const published = protectTable(table([count('people')], [{ name: 'a', people: 3 }, { name: 'b', people: 40 }, { name: 'c', people: 57 }]), 5);

    expect(column(published.rows, 'people')).toEqual(['<5', 'c', 57]);
  });

  it('withholds a second part when one part could be recovered from its row total', () => {
    const published = protectTable(
      table([count('statutory', { additive: false }), count('voluntary', { additive: false }), count('private', { additive: false }), count('all', { additive: false })], [{ name: 'youth', statutory: 2, voluntary: 30, private: 11, all: 43 }], {
        rowSums: [{ parts: ['statutory', 'voluntary', 'private'], total: 'all' }],
      }),
      5,
    );

    expect(published.rows[0]).toEqual({ name: 'youth', statutory: '<5', voluntary: 30, private: 'c', all: 43 });
  });

  it('keeps going until neither rows nor columns leave a withheld cell alone', () => {
    // Withholding a row partner can leave a column with a single withheld cell, and so on.
    const rows = [
      { name: 'early years', statutory: 3, private: 20, all: 23 },
      { name: 'health', statutory: 50, private: 6, all: 56 },
      { name: 'education', statutory: 70, private: 80, all: 150 },
    ];
    const published = protectTable(table([count('statutory'), count('private'), count('all')], rows, { rowSums: [{ parts: ['statutory', 'private'], total: 'all' }] }), 5);

    for (const key of ['statutory', 'private']) {
      expect(column(published.rows, key).filter((v) => typeof v === 'string').length, key).not.toBe(1);
    }
    for (const row of published.rows) {
      expect([row.statutory, row.private].filter((v) => typeof v === 'string').length, String(row.name)).not.toBe(1);
    }
    expect(published.rows[0]?.statutory).toBe('<5');
  });

  it('withholds a zero when it is all that stands between a withheld count and its total', () => {
    const published = protectTable(table([count('people')], [{ name: 'a', people: 2 }, { name: 'b', people: 0 }]), 5);

    expect(column(published.rows, 'people')).toEqual(['<5', 'c']);
  });

  it('withholds every rate, share and FTE that rests on a withheld count, hidden counts included', () => {
    const published = protectTable(
      table(
        [
          count('employees'),
          count('aged_55_plus', { hidden: true }),
          { key: 'fte', label: 'fte', kind: 'derived', basis: ['employees'] },
          { key: 'replacement_rate', label: 'rate', kind: 'derived', basis: ['aged_55_plus', 'employees'] },
          { key: 'vacant_fte', label: 'vacant', kind: 'plain' },
        ],
        [
          { name: 'small team', employees: 3, aged_55_plus: 0, fte: 2.5, replacement_rate: 0, vacant_fte: 1 },
          { name: 'nurses', employees: 60, aged_55_plus: 2, fte: 55, replacement_rate: 3.3, vacant_fte: 4 },
          { name: 'teachers', employees: 200, aged_55_plus: 40, fte: 180, replacement_rate: 20, vacant_fte: 3 },
        ],
      ),
      5,
    );

    expect(published.columns.map((c) => c.key)).not.toContain('aged_55_plus');
    expect(published.rows[0]).toMatchObject({ employees: '<5', fte: 'c', vacant_fte: 1 });
    expect(published.rows[1]).toMatchObject({ employees: 'c', fte: 'c', replacement_rate: 'c' }); // 2 people aged 55+ would be 3.3% × 60
    expect(published.rows[2]).toMatchObject({ replacement_rate: 'c' }); // else 2 = total − 40, from the Trust-wide rate
  });

  it('never shows a count from 1 to 4, whatever the table', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let trial = 0; trial < 200; trial++) {
      const rows = Array.from({ length: 2 + Math.floor(random() * 8) }, (_, i) => ({ name: `r${i}`, a: Math.floor(random() * 12), b: Math.floor(random() * 30) }));
      const published = protectTable(table([count('a'), count('b')], rows.map((r) => ({ ...r, all: r.a + r.b })), { rowSums: [{ parts: ['a', 'b'], total: 'all' }] }), 5);
      for (const row of published.rows) {
        for (const key of ['a', 'b']) {
          const value = row[key];
          expect(typeof value === 'number' && value >= 1 && value <= 4, `${key} ${value}`).toBe(false);
        }
        expect([row.a, row.b].filter((v) => typeof v === 'string').length).not.toBe(1);
      }
      for (const key of ['a', 'b']) expect(column(published.rows, key).filter((v) => typeof v === 'string').length).not.toBe(1);
    }
  });
});
