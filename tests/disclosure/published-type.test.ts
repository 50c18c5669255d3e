import { describe, expectTypeOf, it } from 'vitest';
import type { PublishedReport, ReportDraft } from '../../transforms/report/model.ts';
import type { publishReport } from '../../transforms/report/publish.ts';
import type { renderReport } from '../../transforms/report/render.ts';
import type { PublishedTable, ReportTable } from '../../transforms/report/report-table.ts';

describe('Type: what may be rendered', () => {
  it('renders only a report that went through disclosure control', () => {
    expectTypeOf<Parameters<typeof renderReport>[0]>().toEqualTypeOf<PublishedReport>();
    expectTypeOf<ReturnType<typeof publishReport>>().toEqualTypeOf<Promise<PublishedReport>>();
    // A draft, with its true figures, is not a published report, nor is a table a published one.
    expectTypeOf<ReportDraft>().not.toMatchTypeOf<PublishedReport>();
    expectTypeOf<ReportTable>().not.toMatchTypeOf<PublishedTable>();
  });

  it('does not compile a renderer call on a draft', () => {
    const render = (report: PublishedReport) => report;
    const draft = {} as ReportDraft;
    // @ts-expect-error a ReportDraft carries figures disclosure control has not seen
    render(draft);
    const table = {} as ReportTable;
    const publishedOnly = (t: PublishedTable) => t;
    // @ts-expect-error a ReportTable is not a PublishedTable
    publishedOnly(table);
  });
});
