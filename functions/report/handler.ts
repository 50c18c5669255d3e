import { z } from 'zod';
import { isIsoDate, todayInLondon } from '../../transforms/contract/dates.ts';
import { publishScheduledReport, type ScheduledReportDependencies } from '../../transforms/report/scheduled-report.ts';
import { assertSlotsComplete } from '../../transforms/report/slot-completeness.ts';

/**
 * What EventBridge Scheduler sends: the schedule's input, an optional period, and the run (the
 * time the schedule fired, the same for every retry of one firing).
 */
export const ReportEventSchema = z.object({
  period: z.string().refine(isIsoDate, { error: 'period is a date in the form YYYY-MM-DD' }).optional(),
  run: z.string().min(1).max(100).optional(),
});

export type ReportEvent = z.infer<typeof ReportEventSchema>;

/**
 * Names one run of the report, for Athena's idempotency tokens: the schedule's firing, so its
 * retries reuse the queries that succeeded; without one (an invocation by hand), the day.
 */
export function reportRunName(event: unknown, now: Date): string {
  const parsed = ReportEventSchema.safeParse(event ?? {});
  const run = parsed.success && parsed.data.run ? parsed.data.run : now.toISOString().slice(0, 10);
  return `needs-analysis/${run}`;
}

export interface ReportHandlerDependencies extends ScheduledReportDependencies {
  /** The lake bucket, where the ingest marks the slots it is part-way through writing. */
  readonly lakeBucket: string;
}

/**
 * The report function: invoked on the Trust's schedule, writes reports/<period>/ and
 * reports/latest/, and notifies; never while the lake is part-way through writing a slot.
 */
export function createReportHandler(deps: ReportHandlerDependencies) {
  return async (event: unknown): Promise<{ period: string; keys: string[] }> => {
    const parsed = ReportEventSchema.safeParse(event ?? {});
    if (!parsed.success)
      throw new Error(
        `The report was invoked with a bad payload: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
    const today = todayInLondon((deps.now ?? (() => new Date()))());
    await assertSlotsComplete((key) => deps.store.getText(deps.lakeBucket, key), deps.config, today);
    return publishScheduledReport(parsed.data.period ? { period: parsed.data.period } : {}, deps);
  };
}
