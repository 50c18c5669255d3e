import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { landingFiles } from '../../functions/local/landing-files.ts';
import { runLocalPipeline, type FileOutcome } from '../../functions/local/local-pipeline.ts';
import { parseCommandArgs, usageMistake } from '../args.ts';
import { requireTrustConfig } from '../config.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

export const RUN_USAGE = `workforce run <landing-dir> [--config F] [--out DIR]

Runs the whole pipeline on this machine: stores every CSV file of <landing-dir> (laid out
<partner_id>/<dataset>/<period>/*.csv; other files, a README or a manifest, are listed and left
out) in the local stack kept in DIR (a versioned store on disk, shared safely with 'workforce serve'
and other commands on the same folder), delivers each upload's event to the ingest function, and
leaves the Parquet lake in DIR/lake, the validation reports in DIR/validation, and the
needs-analysis report for the latest period in DIR/reports. A file unchanged since an earlier run
is not stored again: its event is replayed, which changes nothing.
  --config  the Trust config (default ./trust.config.json, else one beside <landing-dir>)
  --out     where to write (default out)
Exit status: 0 when every file was processed (rejected files are an outcome, not a failure).`;

const describe = ({ outcome }: FileOutcome): string => {
  if (outcome.status === 'replayed') return `unchanged (${outcome.recorded} in an earlier run)`;
  if (outcome.status === 'gone') return 'gone (replaced before it was processed)';
  return outcome.status;
};

export async function runCommand(args: string[], output: Output): Promise<number> {
  const options = { config: { type: 'string' }, out: { type: 'string', default: 'out' } } as const;
  const { values, positionals } = parseCommandArgs({ command: 'run', usage: RUN_USAGE, options }, args);
  const [landingDir, ...extra] = positionals;
  if (landingDir === undefined || extra.length > 0) {
    throw usageMistake('run', RUN_USAGE, 'Give the one landing folder to run.');
  }
  if (!existsSync(landingDir) || !statSync(landingDir).isDirectory())
    throw new UsageError(`${landingDir} is not a folder.`);
  const config = requireTrustConfig(values.config, join(dirname(landingDir), 'trust.config.json'));
  const outDir = values.out;
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(`--out ${outDir} is a file, not a folder.`);
  }

  output.out(`${config.trust}: running the pipeline on ${landingDir} into ${outDir}/`);
  const { ignored } = landingFiles(landingDir);
  if (ignored.length > 0) {
    const files = ignored.length === 1 ? 'file that is' : 'files that are';
    output.out(`Left out ${ignored.length} ${files} not partner CSV files:`);
    for (const { file, reason } of ignored) output.out(`  ${file} (${reason})`);
  }
  const started = performance.now();
  const result = await runLocalPipeline({
    landingDir,
    config,
    outDir,
    onOutcome: (file, done, total) =>
      output.out(
        `  [${String(done).padStart(String(total).length)}/${total}] ${describe(file).padEnd(10)} ${file.file}`,
      ),
  });

  const partners = [...new Set(result.outcomes.map((o) => o.file.split(/[\\/]/)[0] as string))].sort();
  output.out(`\n${'partner'.padEnd(30)}${'accepted'.padEnd(10)}${'rejected'.padEnd(10)}superseded`);
  for (const partner of partners) {
    const mine = result.outcomes.filter((o) => o.file.startsWith(`${partner}/`) || o.file.startsWith(`${partner}\\`));
    const count = (status: string) =>
      mine.filter(
        (o) => o.outcome.status === status || (o.outcome.status === 'replayed' && o.outcome.recorded === status),
      ).length;
    output.out(
      `${partner.padEnd(30)}${String(count('accepted')).padEnd(10)}${String(count('rejected')).padEnd(10)}${count('superseded')}`,
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  output.out(
    `\n${result.outcomes.length} files processed in ${seconds} s. Lake: ${relative('.', result.lakeDir) || '.'}/  Validation reports: ${relative('.', result.validationDir)}/`,
  );
  if (result.undelivered.length > 0) {
    output.err(`${result.undelivered.length} files could not be processed: ${result.undelivered.join(', ')}`);
    return EXIT.rejected;
  }
  if (
    result.outcomes.some(
      (o) => o.outcome.status === 'accepted' || (o.outcome.status === 'replayed' && o.outcome.recorded === 'accepted'),
    )
  ) {
    // Loaded only now: the report's modules (DuckDB, Vega, HiGHS) are not held during the ingest.
    const { writeLocalReport } = await import('../../functions/local/local-report.ts');
    const { htmlPath } = await writeLocalReport({
      lakeDir: result.lakeDir,
      config,
      reportsDir: join(outDir, 'reports'),
    });
    output.out(`Needs-analysis report: ${htmlPath}`);
  } else {
    output.out('No file was accepted, so there is no report.');
  }
  return EXIT.ok;
}
