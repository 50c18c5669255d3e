import { VariableSpace } from '../disclosure/variables.ts';
import { protectTables } from '../disclosure/protect.ts';
import { isWithheld } from '../disclosure/tables.ts';
import type { PublishedReport, PublishedSection, PublishedTables, ReportDraft } from './model.ts';
import { asPublished, type PublishedTable, type ReportTable } from './report-table.ts';
import { disclosureRule } from './sections-people.ts';

/** The report cannot be published: some withheld count would still be given away. */
export class DisclosureError extends Error {
  override readonly name = 'DisclosureError';
}

/**
 * The report as it may be published: disclosure control over all its tables as one linked set,
 * rows ordered by what is shown, then the findings written from the published tables alone. The
 * only way to a PublishedReport, so the only thing the renderers accept.
 */
export async function publishReport(draft: ReportDraft): Promise<PublishedReport> {
  const drafts = draft.sections.flatMap((section) => section.blocks.map((block) => block.table));
  const protection = await protectTables(drafts, new VariableSpace(draft.base), draft.suppressionThreshold);
  if (protection.unprotectable.length > 0) {
    throw new DisclosureError(
      `The report cannot be published: ${protection.unprotectable.length} withheld counts (${protection.unprotectable.slice(0, 3).join(', ')}) could still be worked out whatever else is withheld, which happens when the whole workforce is smaller than the suppression threshold (${draft.suppressionThreshold}).`,
    );
  }
  const published = new Map<string, PublishedTable>();
  protection.tables.forEach((table, i) =>
    published.set(
      table.id,
      asPublished(
        ordered({
          ...(drafts[i] as ReportTable),
          rows: table.rows,
          rowKeys: table.rowKeys,
          ...(table.rowNumbers ? { rowNumbers: table.rowNumbers } : {}),
        }),
      ),
    ),
  );
  const tables: PublishedTables = published;
  const sections: PublishedSection[] = draft.sections.map((section) => ({
    id: section.id,
    title: section.title,
    blocks: section.blocks.map((block) => ({ ...block, table: published.get(block.table.id) as PublishedTable })),
    ...(section.notes ? { notes: section.notes } : {}),
    findings: section.findings?.(tables) ?? [],
  }));
  const { base: _base, sections: _drafts, ...meta } = draft;
  return {
    ...meta,
    sections,
    disclosure: {
      rule: disclosureRule(draft.suppressionThreshold),
      primary: protection.primary,
      secondary: protection.secondary,
    },
  } as unknown as PublishedReport;
}

/** Rows by the shown figure the table is ordered by; withheld (and empty) ones after, by label. */
function ordered(table: ReportTable): ReportTable {
  const order = table.sortBy;
  if (order === undefined) return table;
  const labelKey = table.columns.find((c) => c.kind === 'label')?.key ?? '';
  const indexed = table.rows.map((row, i) => ({
    row,
    key: table.rowKeys[i],
    number: table.rowNumbers?.[i] ?? i,
    value: row[order.column],
  }));
  indexed.sort((a, b) => {
    const [x, y] = [
      typeof a.value === 'number' && !isWithheld(a.value) ? a.value : null,
      typeof b.value === 'number' ? b.value : null,
    ];
    if (x !== null && y !== null && x !== y) return order.descending ? y - x : x - y;
    if ((x === null) !== (y === null)) return x === null ? 1 : -1;
    return String(a.row[labelKey]).localeCompare(String(b.row[labelKey]));
  });
  return {
    ...table,
    rows: indexed.map((e) => e.row),
    rowKeys: indexed.map((e) => e.key as ReportTable['rowKeys'][number]),
    rowNumbers: indexed.map((e) => e.number),
    order: { column: order.column, descending: order.descending, withheldLast: true },
  };
}
