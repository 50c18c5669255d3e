import type { TrustConfig } from '../config/trust-config.ts';
import { baseCountsFrom } from '../disclosure/base-counts.ts';
import type { ModelContext, QueryResults, ReportDraft, SectionDraft } from './model.ts';
import { REPORT_QUERIES, type ReportQueryEngine, type ReportQueryName } from './queries.ts';
import { coverageSection, diversitySection, methodologySection, progressSection } from './sections-people.ts';
import { headlineSection, pressuresSection, workforceSection } from './sections-workforce.ts';

export interface ReportRequest {
  /** @default the latest period held */
  readonly period?: string;
  /** @default the config's baselinePeriod */
  readonly baseline?: string;
  readonly generatedAt: Date;
}

export class ReportDataError extends Error {
  override readonly name = 'ReportDataError';
}

/** Builds the needs-analysis report for a period from the views, before disclosure control. */
export async function buildReportModel(engine: ReportQueryEngine, config: TrustConfig, request: ReportRequest): Promise<ReportDraft> {
  const trend = await engine.run('trend', REPORT_QUERIES.trend, []);
  const periods = trend.map((row) => String(row.period));
  if (periods.length === 0) throw new ReportDataError('The lake holds no accepted workforce data yet: run the pipeline first.');
  const period = request.period ?? (periods.at(-1) as string);
  if (!periods.includes(period)) throw new ReportDataError(`The lake has no data for ${period}; it holds ${periods.join(', ')}.`);
  const previousPeriod = periods.filter((p) => p < period).at(-1) ?? null;
  const wantedBaseline = request.baseline ?? config.baselinePeriod;
  const baselinePeriod = periods.includes(wantedBaseline) && wantedBaseline < period ? wantedBaseline : null;

  const results = { trend } as QueryResults;
  const names = Object.keys(REPORT_QUERIES).filter((name) => name !== 'trend') as ReportQueryName[];
  for (const name of names) {
    const parameters = REPORT_QUERIES[name].includes('?') ? [period] : [];
    results[name] = await engine.run(name, REPORT_QUERIES[name], parameters);
  }

  const context: ModelContext = { config, period, previousPeriod, baselinePeriod, periods, results };
  const sections: SectionDraft[] = [
    headlineSection(context),
    workforceSection(context),
    pressuresSection(context),
    diversitySection(context),
    progressSection(context),
    coverageSection(context),
    methodologySection(context),
  ];
  return {
    trust: config.trust,
    period,
    previousPeriod,
    baselinePeriod,
    periods,
    communityAreas: config.communityAreas,
    suppressionThreshold: config.suppressionThreshold,
    generatedAt: request.generatedAt.toISOString(),
    sections,
    base: baseCountsFrom(results),
  };
}
