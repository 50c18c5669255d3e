import type { TrustConfig } from '../config/trust-config.ts';
import { baseCountsFrom } from '../disclosure/base-counts.ts';
import type { ModelContext, QueryResults, ReportDraft, SectionDraft } from './model.ts';
import { REPORT_QUERIES, runReportQuery, type ReportQueryEngine, type ReportQueryName } from './queries.ts';
import { coverageSection, diversitySection, methodologySection, progressSection } from './sections-people.ts';
import { humanDate } from './dates.ts';
import { recruitmentNeedSection } from './sections-forward.ts';
import { headlineSection, pressuresSection, workforceSection } from './sections-workforce.ts';
import type { CswwYear } from '../reference/dfe-csww.ts';

export interface ReportRequest {
  /** @default the latest period held */
  readonly period?: string;
  /** A baseline asked for: the report stops if the lake does not hold it. @default the config's baselinePeriod, noted if not held */
  readonly baseline?: string;
  readonly generatedAt: Date;
  /** The DfE children's social work workforce series, for the comparison with England. @default none: the comparison says so */
  readonly england?: readonly CswwYear[];
}

export class ReportDataError extends Error {
  override readonly name: string = 'ReportDataError';
}

/** A baseline asked for that the lake does not hold: the report is not written without it. */
export class BaselineNotHeldError extends ReportDataError {
  override readonly name = 'BaselineNotHeldError';
}

/** Builds the needs-analysis report for a period from the views, before disclosure control. */
export async function buildReportModel(
  engine: ReportQueryEngine,
  config: TrustConfig,
  request: ReportRequest,
): Promise<ReportDraft> {
  const trend = await runReportQuery(engine, 'trend', []);
  const periods = trend.map((row) => row.period);
  const latest = periods.at(-1);
  if (latest === undefined)
    throw new ReportDataError('The lake holds no accepted workforce data yet: run the pipeline first.');
  const period = request.period ?? latest;
  if (!periods.includes(period))
    throw new ReportDataError(`The lake has no data for ${period}; it holds ${periods.join(', ')}.`);
  const previousPeriod = periods.filter((p) => p < period).at(-1) ?? null;
  const wantedBaseline = request.baseline ?? config.baselinePeriod;
  const held = periods.includes(wantedBaseline) && wantedBaseline <= period;
  if (request.baseline !== undefined && !held) {
    throw new BaselineNotHeldError(
      `The lake holds no data for the baseline ${request.baseline} asked for, on or before ${period}; it holds ${periods.join(', ')}.`,
    );
  }
  // The period itself is no baseline to measure from; nor is one the lake does not hold.
  const baselinePeriod = held && wantedBaseline < period ? wantedBaseline : null;
  const notices = [
    ...(previousPeriod === null ? [`No earlier period is held, so no change since the previous period is shown.`] : []),
    ...(!held
      ? [
          `The baseline, ${humanDate(wantedBaseline)}, is not held in the lake, so no change since the baseline is shown.`,
        ]
      : wantedBaseline === period
        ? [`This is the baseline period, ${humanDate(period)}: later reports measure progress from it.`]
        : []),
  ];

  const answers: Partial<Record<ReportQueryName, unknown>> = { trend };
  const names = Object.keys(REPORT_QUERIES).filter((name) => name !== 'trend') as ReportQueryName[];
  for (const name of names) {
    const parameters = REPORT_QUERIES[name].sql.includes('?') ? [period] : [];
    answers[name] = await runReportQuery(engine, name, parameters);
  }
  // Each query's rows, typed by runReportQuery from its own declaration.
  const results = answers as QueryResults;

  const context: ModelContext = {
    config,
    period,
    previousPeriod,
    baselinePeriod,
    periods,
    results,
    england: request.england ?? [],
  };
  const sections: SectionDraft[] = [
    headlineSection(context),
    workforceSection(context),
    pressuresSection(context),
    recruitmentNeedSection(context),
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
    notices,
    sections,
    base: baseCountsFrom(results),
  };
}
