import type { TrustConfig } from '../config/trust-config.ts';
import type { QueryRow, ReportQueryName } from './queries.ts';
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

export interface SectionBlock<T extends ReportTable | PublishedTable = ReportTable> {
  readonly table: T;
  readonly chart?: ChartRequest;
}

export interface Section<T extends ReportTable | PublishedTable = ReportTable> {
  readonly id: string;
  readonly title: string;
  /** Findings in words: the roles under most pressure, the groups under-represented. */
  readonly findings: readonly string[];
  readonly blocks: readonly SectionBlock<T>[];
  /** Prose (the methodology). */
  readonly notes?: readonly { readonly term: string; readonly text: string }[];
}

export interface ReportModel<T extends ReportTable | PublishedTable = ReportTable> {
  readonly trust: string;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly baselinePeriod: string | null;
  /** Every period the lake holds, oldest first. */
  readonly periods: readonly string[];
  readonly communityAreas: readonly string[];
  readonly suppressionThreshold: number;
  readonly generatedAt: string;
  readonly sections: readonly Section<T>[];
}

export type PublishedReport = ReportModel<PublishedTable>;

export type QueryResults = Record<ReportQueryName, QueryRow[]>;

/** What every section is built from: the config, the periods, and the answers to the report's queries. */
export interface ModelContext {
  readonly config: TrustConfig;
  readonly period: string;
  readonly previousPeriod: string | null;
  readonly baselinePeriod: string | null;
  readonly periods: readonly string[];
  readonly results: QueryResults;
}
