import type { TrustConfig } from '../config/trust-config.ts';
import type { BaseCounts } from '../disclosure/base-counts.ts';
import type { CswwYear } from '../reference/dfe-csww.ts';
import type { ReportQueryName, ReportRow } from './queries.ts';
import type { PublishedTable, ReportTable } from './report-table.ts';

/** A chart of one of a section's tables; drawn from the table's published numbers only. */
export type ChartKind = 'stacked-bars' | 'grouped-bars' | 'bars' | 'intervals' | 'lines';

export interface ChartRequest {
  readonly kind: ChartKind;
  readonly title: string;
  /** What the chart shows, in words, for screen readers. */
  readonly description: string;
  /** The label column (the categories). */
  readonly category: string;
  /** The value columns drawn. */
  readonly values: readonly string[];
  /** For interval charts: the low and high columns. */
  readonly interval?: readonly [string, string];
  /** A reference line (1 for representation ratios). */
  readonly reference?: number;
  readonly unit: string;
}

export interface SectionBlock<T extends ReportTable> {
  readonly table: T;
  readonly chart?: ChartRequest;
}

/** The published tables of a report, by id: what findings may quote. */
export type PublishedTables = ReadonlyMap<string, PublishedTable>;

interface SectionBase<T extends ReportTable> {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly SectionBlock<T>[];
  /** Prose (the methodology). */
  readonly notes?: readonly { readonly term: string; readonly text: string }[];
}

/** Whether a finding is good news: a change beyond chance for the better or the worse, or none. */
export type Trend = 'better' | 'worse' | 'no real change';

/** A finding in words, marked better, worse or no real change where it is about a change or a comparison. */
export interface Finding {
  readonly text: string;
  readonly trend?: Trend;
}

/** A section before disclosure control: its findings are written afterwards, from the published tables alone. */
export interface SectionDraft extends SectionBase<ReportTable> {
  readonly findings?: (tables: PublishedTables) => readonly Finding[];
}

export interface PublishedSection extends SectionBase<PublishedTable> {
  /** Findings in words: the roles under most pressure, the groups under-represented. */
  readonly findings: readonly Finding[];
}

interface ReportMeta {
  readonly trust: string;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly baselinePeriod: string | null;
  /** Every period the lake holds, oldest first. */
  readonly periods: readonly string[];
  readonly communityAreas: readonly string[];
  readonly suppressionThreshold: number;
  readonly generatedAt: string;
  /** What the report could not do as asked (no baseline held, no previous period), said at its top. */
  readonly notices: readonly string[];
}

/** The report as built from the views, before disclosure control. */
export interface ReportDraft extends ReportMeta {
  readonly sections: readonly SectionDraft[];
  /** What disclosure control protects: the base counts every published count is a sum of. */
  readonly base: BaseCounts;
}

/** What disclosure control did, for the methodology and the JSON. */
export interface DisclosureSummary {
  readonly rule: string;
  readonly primary: number;
  readonly secondary: number;
}

declare const publishedReport: unique symbol;

/** The report as it may be published: only publishReport makes one; only it can be rendered. */
export type PublishedReport = ReportMeta & {
  readonly sections: readonly PublishedSection[];
  readonly disclosure: DisclosureSummary;
  readonly [publishedReport]: true;
};

/** The rows of each of the report's queries, typed from its declaration. */
export type QueryResults = { readonly [N in ReportQueryName]: readonly ReportRow<N>[] };

/** What every section is built from: the config, the periods, and the answers to the report's queries. */
export interface ModelContext {
  readonly config: TrustConfig;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly baselinePeriod: string | null;
  readonly periods: readonly string[];
  readonly results: QueryResults;
  /** The DfE children's social work workforce series (England), or none. */
  readonly england: readonly CswwYear[];
}
