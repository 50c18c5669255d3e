import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCommandArgs, usageMistake } from '../args.ts';
import { requireTrustConfig } from '../config.ts';
import { lakeFolder } from '../lake.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

export const AUDIT_USAGE = `workforce audit <report-dir> [--lake DIR] [--config F] [--json]

Audits a published report as an attacker would attack it: reads needs-analysis.json, checks that
the HTML page and every CSV say exactly what it says, then for every withheld count works out, by
integer programming over every published figure, the smallest and largest value it could have.
A count is protected when that range runs from 0 to at least the suppression threshold.
  --lake     the lake the report was made from (default out/lake)
  --config   the Trust config (default ./trust.config.json, else the one beside the lake)
  --json     print the ranges as JSON
Exit status: 0 every withheld count protected, 1 a breach (or the outputs disagree), 2 usage error.`;

export async function auditCommand(args: string[], output: Output): Promise<number> {
  const options = {
    lake: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean', default: false },
  } as const;
  const { values, positionals } = parseCommandArgs({ command: 'audit', usage: AUDIT_USAGE, options }, args);
  const [folder, ...extra] = positionals;
  if (folder === undefined || extra.length > 0)
    throw usageMistake(
      'audit',
      AUDIT_USAGE,
      'Give the one report folder to audit (the one holding needs-analysis.json).',
    );
  if (!existsSync(join(folder, 'needs-analysis.json')))
    throw new UsageError(
      `${folder} holds no needs-analysis.json: give a report folder such as out/reports/2026-09-30.`,
    );
  const lake = lakeFolder(values.lake);
  const config = requireTrustConfig(values.config, join(dirname(lake), 'trust.config.json'));
  // The audit's modules (DuckDB, HiGHS) are loaded only now, once the arguments hold.
  const { auditReportFolder } = await import('../../functions/local/local-audit.ts');
  const { read, audit } = await auditReportFolder(folder, lake, config);
  const cells = audit.cells.map((c) => ({
    table: c.cell.table,
    row: c.cell.rowLabel,
    column: c.cell.columnLabel,
    hidden: c.cell.hidden,
    min: c.min,
    max: Number.isFinite(c.max) ? c.max : null,
    protected: c.protected,
  }));
  if (values.json) {
    output.out(
      JSON.stringify(
        {
          period: read.period,
          threshold: audit.threshold,
          disagreements: read.disagreements,
          cells,
          breaches: audit.breaches.length,
        },
        null,
        2,
      ),
    );
  } else {
    output.out(
      `Audit of the ${read.period} report in ${folder} (threshold ${audit.threshold}): ${audit.cells.length} withheld counts, ${audit.breaches.length === 0 ? 'every one protected' : `${audit.breaches.length} NOT protected`}.`,
    );
    for (const line of read.disagreements) output.out(`  The outputs disagree: ${line}`);
    const width = Math.max(0, ...cells.map((c) => `${c.table} · ${c.row} · ${c.column}`.length));
    for (const c of cells) {
      const range = `${c.min} to ${c.max ?? 'no limit'}`;
      output.out(
        `  ${`${c.table} · ${c.row} · ${c.column}`.padEnd(width)}  ${range.padEnd(16)} ${c.protected ? 'protected' : 'BREACH: could be worked out'}${c.hidden ? ' (behind a rate)' : ''}`,
      );
    }
  }
  return audit.breaches.length === 0 && read.disagreements.length === 0 ? EXIT.ok : EXIT.rejected;
}
