import { z } from 'zod';
import { publishScheduledReport, type ScheduledReportDependencies } from '../../transforms/report/scheduled-report.ts';

/** What EventBridge Scheduler sends: the schedule's input, an optional period. */
export const ReportEventSchema = z.object({
  period: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'period is a date in the form YYYY-MM-DD' })
    .optional(),
});

export type ReportEvent = z.infer<typeof ReportEventSchema>;

/** The report function: invoked on the Trust's schedule, writes reports/<period>/ and reports/latest/, and notifies. */
export function createReportHandler(deps: ScheduledReportDependencies) {
  return async (event: unknown): Promise<{ period: string; keys: string[] }> => {
    const parsed = ReportEventSchema.safeParse(event ?? {});
    if (!parsed.success) throw new Error(`The report was invoked with a bad payload: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    return publishScheduledReport(parsed.data.period ? { period: parsed.data.period } : {}, deps);
  };
}
