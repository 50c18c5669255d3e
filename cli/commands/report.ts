import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeLocalReport } from '../../functions/local/local-report.ts';
import { BaselineNotHeldError, ReportDataError } from '../../transforms/report/build-model.ts';
import { SlotIncompleteError } from '../../transforms/report/slot-completeness.ts';
import { requireTrustConfig } from '../config.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

export const REPORT_USAGE = `workforce report [--period P] [--baseline P] [--lake DIR] [--config F] --out DIR

Writes the needs-analysis report from the lake's views: DIR/<period>/needs-analysis.html (one
self-contained page), needs-analysis.json (the report's figures) and a CSV of every table, and,
for the latest period held, the same again in DIR/latest/. Disclosure control is applied to all.
  --period    the period reported on (default the latest the lake holds)
  --baseline  the period to measure progress from (default the config's baselinePeriod). A
              baseline asked for that the lake does not hold stops the report (exit 1); the
              config's, if not held, is left out with a note in the report and here.
  --lake      the lake folder (default out/lake)
  --config    the Trust config (default ./trust.config.json, else the one a run left beside the lake)`;

const PERIOD = /^\d{4}-\d{2}-\d{2}$/;

export async function reportCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: false,
    options: { period: { type: 'string' }, baseline: { type: 'string' }, lake: { type: 'string', default: join('out', 'lake') }, config: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length > 0 || values.out === undefined) throw new UsageError(`Say where to write the report with --out.\n\n${REPORT_USAGE}`);
  for (const flag of ['period', 'baseline'] as const) {
    const value = values[flag];
    if (value !== undefined && !PERIOD.test(value)) throw new UsageError(`--${flag} is a date in the form YYYY-MM-DD, not '${value}'.`);
  }
  if (!existsSync(values.lake)) throw new UsageError(`There is no lake at ${values.lake}: run 'workforce run <landing-dir>' first, or give --lake.`);
  const config = requireTrustConfig(values.config, join(dirname(values.lake), 'trust.config.json'));
  try {
    const { report, htmlPath } = await writeLocalReport({
      lakeDir: values.lake,
      config,
      reportsDir: values.out,
      ...(values.period ? { period: values.period } : {}),
      ...(values.baseline ? { baseline: values.baseline } : {}),
    });
    output.out(`Needs-analysis report for ${report.period}: ${htmlPath}`);
    for (const notice of report.notices) output.err(`Note: ${notice}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof BaselineNotHeldError) {
      output.err(error.message);
      return EXIT.rejected;
    }
    if (error instanceof ReportDataError || error instanceof SlotIncompleteError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}
