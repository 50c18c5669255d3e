import { dirname, join } from 'node:path';
import { BaselineNotHeldError, ReportDataError } from '../../transforms/report/build-model.ts';
import { SlotIncompleteError } from '../../transforms/report/slot-completeness.ts';
import { parseCommandArgs, usageMistake } from '../args.ts';
import { periodChoice } from '../choices.ts';
import { requireTrustConfig } from '../config.ts';
import { lakeFolder } from '../lake.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

export const REPORT_USAGE = `workforce report [--period P] [--baseline P] [--lake DIR] [--config F] --out DIR

Writes the needs-analysis report from the lake's views: DIR/<period>/needs-analysis.html (one
self-contained page), needs-analysis.json (the report's figures) and a CSV of every table, and,
for the latest period held, the same again in DIR/latest/. Disclosure control is applied to all.
  --period    the period reported on, YYYY-MM-DD (default the latest the lake holds); a
              period the lake holds no data for is refused, naming the periods it holds
  --baseline  the period to measure progress from (default the config's baselinePeriod). A
              baseline asked for that the lake does not hold stops the report (exit 1); the
              config's, if not held, is left out with a note in the report and here.
  --lake      the lake folder (default out/lake; the demo's is out/demo/lake)
  --config    the Trust config (default ./trust.config.json, else the one a run left beside the lake)`;

export async function reportCommand(args: string[], output: Output): Promise<number> {
  const options = {
    period: { type: 'string' },
    baseline: { type: 'string' },
    lake: { type: 'string' },
    config: { type: 'string' },
    out: { type: 'string' },
  } as const;
  const { values, positionals } = parseCommandArgs({ command: 'report', usage: REPORT_USAGE, options }, args);
  if (positionals.length > 0) {
    const message = `Unexpected '${positionals[0]}': 'workforce report' takes only options.`;
    throw usageMistake('report', REPORT_USAGE, message);
  }
  if (values.out === undefined) throw usageMistake('report', REPORT_USAGE, 'Say where to write the report with --out.');
  for (const flag of ['period', 'baseline'] as const) {
    const value = values[flag];
    if (value !== undefined) periodChoice(`--${flag}`, value);
  }
  const lake = lakeFolder(values.lake);
  const config = requireTrustConfig(values.config, join(dirname(lake), 'trust.config.json'));
  // The report's modules (DuckDB, Vega, HiGHS) are loaded only now, once the arguments hold.
  const { writeLocalReport } = await import('../../functions/local/local-report.ts');
  try {
    const { report, htmlPath } = await writeLocalReport({
      lakeDir: lake,
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
