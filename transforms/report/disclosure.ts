import type { CellValue, PublishedTable, ReportColumn, ReportTable } from './report-table.ts';

/**
 * Disclosure control for every published output. A count from 1 to threshold − 1 is shown as
 * `<threshold` (primary suppression). So that no withheld count can be recovered from a total,
 * wherever a column's rows (or a row's parts) add up to a total and only one cell of them is
 * withheld, the smallest other count is withheld too (secondary suppression), until no group has
 * a single withheld cell. Figures derived from a withheld count (FTE, rates, shares, ratios) are
 * withheld as well, and shown as `c`. Hidden counts take part, so a rate never gives away the
 * small count behind it.
 */
export function protectTable(table: ReportTable, threshold: number): PublishedTable {
  const withheld = table.rows.map(() => new Set<string>());
  const counts = table.columns.filter((c) => c.kind === 'count');
  const primary = table.rows.map(() => new Set<string>());

  table.rows.forEach((row, r) => {
    for (const column of counts) {
      if (isSmall(row[column.key], threshold)) {
        withheld[r]!.add(column.key);
        primary[r]!.add(column.key);
      }
    }
  });

  for (let changed = true; changed; ) {
    changed = false;
    for (const column of counts) {
      if (column.additive === false) continue;
      changed = protectGroup(table.rows.map((row, r) => ({ r, key: column.key, value: row[column.key] })), withheld) || changed;
    }
    for (const sum of table.rowSums ?? []) {
      table.rows.forEach((row, r) => {
        changed = protectGroup(sum.parts.map((key) => ({ r, key, value: row[key] })), withheld) || changed;
      });
    }
  }

  const rows = table.rows.map((row, r) => {
    const published: Record<string, CellValue> = {};
    for (const column of table.columns) {
      if (column.hidden) continue;
      const isWithheld = withheld[r]!.has(column.key) || (column.kind === 'derived' && (column.basis ?? []).some((key) => withheld[r]!.has(key)));
      published[column.key] = isWithheld ? (primary[r]!.has(column.key) ? `<${threshold}` : 'c') : (row[column.key] ?? null);
    }
    return published;
  });
  return { ...table, columns: table.columns.filter((c: ReportColumn) => !c.hidden), rows };
}

function isSmall(value: CellValue | undefined, threshold: number): boolean {
  return typeof value === 'number' && value >= 1 && value < threshold;
}

/** If exactly one cell of an additive group is withheld, withholds the smallest other (positive, if any). */
function protectGroup(cells: { r: number; key: string; value: CellValue | undefined }[], withheld: Set<string>[]): boolean {
  const hidden = cells.filter((c) => withheld[c.r]!.has(c.key));
  if (hidden.length !== 1) return false;
  const others = cells.filter((c) => !withheld[c.r]!.has(c.key) && typeof c.value === 'number');
  // A zero is withheld only when nothing else can be: shown, it would give the withheld cell away.
  const candidates = others.some((c) => (c.value as number) > 0) ? others.filter((c) => (c.value as number) > 0) : others;
  if (candidates.length === 0) return false;
  const smallest = candidates.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
  withheld[smallest.r]!.add(smallest.key);
  return true;
}

/** True when a published cell was withheld. */
export const isWithheld = (value: CellValue | undefined): boolean => typeof value === 'string' && (value === 'c' || /^<\d+$/.test(value));
