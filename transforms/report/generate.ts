import type { TrustConfig } from '../config/trust-config.ts';
import { buildReportModel, type ReportRequest } from './build-model.ts';
import type { PublishedReport } from './model.ts';
import { publishReport } from './publish.ts';
import type { ReportQueryEngine } from './queries.ts';
import { renderReport } from './render.ts';
import { LATEST_REPORT_FOLDER, reportFolder } from '../storage/object-layout.ts';

export interface GeneratedReport {
  readonly report: PublishedReport;
  /** File name → content: needs-analysis.html, needs-analysis.json and a CSV per table. */
  readonly files: Map<string, string>;
}

/** Queries the views, builds the model, applies disclosure control, and renders every output. */
export async function generateReport(
  engine: ReportQueryEngine,
  config: TrustConfig,
  request: ReportRequest,
): Promise<GeneratedReport> {
  const report = await publishReport(await buildReportModel(engine, config, request));
  return { report, files: await renderReport(report) };
}

/** Where a report's files go: under reports/<period>/, and under reports/latest/ when it is the latest period held. */
export function reportFolders(report: Pick<PublishedReport, 'period' | 'periods'>): string[] {
  const folder = reportFolder(report.period);
  return report.period === report.periods.at(-1) ? [folder, LATEST_REPORT_FOLDER] : [folder];
}

export function reportKeys(report: Pick<PublishedReport, 'period' | 'periods'>, fileName: string): string[] {
  return reportFolders(report).map((folder) => `${folder}/${fileName}`);
}
