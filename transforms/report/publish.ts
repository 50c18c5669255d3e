import { protectTable } from './disclosure.ts';
import type { PublishedReport, ReportModel } from './model.ts';

/** The report as it may be published: disclosure control applied to every table, once, here. */
export function publishReport(model: ReportModel): PublishedReport {
  return {
    ...model,
    sections: model.sections.map((section) => ({
      ...section,
      blocks: section.blocks.map((block) => ({ ...block, table: protectTable(block.table, model.suppressionThreshold) })),
    })),
  };
}
