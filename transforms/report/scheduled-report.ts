import type { TrustConfig } from '../config/trust-config.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { generateReport, reportKeys } from './generate.ts';
import type { ReportQueryEngine } from './queries.ts';
import type { CswwYear } from '../reference/dfe-csww.ts';
import { reportFolder } from '../storage/object-layout.ts';

/** Tells the Trust a report is ready (SNS in AWS). */
export interface Notifier {
  notify(subject: string, message: string): Promise<void>;
}

export interface ScheduledReportDependencies {
  readonly engine: ReportQueryEngine;
  readonly store: ObjectStore;
  readonly reportsBucket: string;
  readonly notifier: Notifier;
  readonly config: TrustConfig;
  /** The DfE national series, for the comparison with England. @default none (the report says so) */
  readonly england?: readonly CswwYear[];
  /** @default () => new Date() */
  readonly now?: () => Date;
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
};

/** Writes the report for a period (the latest held if none is given) to reports/, then says so. */
export async function publishScheduledReport(
  request: { readonly period?: string },
  deps: ScheduledReportDependencies,
): Promise<{ period: string; keys: string[] }> {
  const { report, files } = await generateReport(deps.engine, deps.config, {
    ...(request.period ? { period: request.period } : {}),
    ...(deps.england ? { england: deps.england } : {}),
    generatedAt: (deps.now ?? (() => new Date()))(),
  });
  const keys: string[] = [];
  for (const [fileName, content] of files) {
    for (const key of reportKeys(report, fileName)) {
      await deps.store.putObject(
        deps.reportsBucket,
        key,
        content,
        CONTENT_TYPES[fileName.split('.').at(-1) ?? ''] ?? 'application/octet-stream',
      );
      keys.push(key);
    }
  }
  const findings = report.sections.flatMap((section) =>
    section.findings.map((finding) => `- ${finding.trend ? `[${finding.trend}] ` : ''}${finding.text}`),
  );
  await deps.notifier.notify(
    `${report.trust}: workforce needs analysis for ${report.period}`.slice(0, 100),
    [
      `The needs-analysis report for ${report.period} is ready:`,
      `s3://${deps.reportsBucket}/${reportFolder(report.period)}/needs-analysis.html`,
      '',
      ...findings,
    ].join('\n'),
  );
  return { period: report.period, keys };
}
