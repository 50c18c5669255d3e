import { createReadStream, statSync } from 'node:fs';
import { basename, resolve, sep } from 'node:path';
import { checkPeriod } from '../../transforms/config/collection-periods.ts';
import { hasIsoDateForm } from '../../transforms/contract/dates.ts';
import {
  DATASET_NAMES,
  DATASETS,
  isDatasetName,
  namesInWords,
  type DatasetName,
} from '../../transforms/contract/datasets/registry.ts';
import { summarizeReport } from '../../transforms/validation/summary.ts';
import { validateCsv } from '../../transforms/validation/validate.ts';
import { parseCommandArgs } from '../args.ts';
import { datasetChoice, periodChoice } from '../choices.ts';
import { loadTrustConfig } from '../config.ts';
import { EXIT, UsageError, type Output } from '../usage.ts';

export const VALIDATE_USAGE = `workforce validate <file> [--dataset D] [--period YYYY-MM-DD] [--config F] [--json]

Checks a CSV file against the partner data contract, as the pipeline will when it is uploaded.
  --dataset   ${namesInWords(DATASET_NAMES, 'or')}
              (may be left out when the path is laid out <dataset>/<period>/<file>.csv)
  --period    the snapshot date the file describes (taken from the path the same way)
  --config    the Trust config whose file limits and collection periods apply
              (default ./trust.config.json, if present)
  --json      print only the validation report, as JSON
Exit status: 0 accepted (warnings allowed), 1 rejected, 2 usage or I/O error.`;

export async function validateCommand(args: string[], output: Output): Promise<number> {
  const options = {
    dataset: { type: 'string' },
    period: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean', default: false },
  } as const;
  const { values, positionals } = parseCommandArgs({ command: 'validate', usage: VALIDATE_USAGE, options }, args);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0)
    throw new UsageError(`Give exactly one file to validate.\n\n${VALIDATE_USAGE}`);
  const fromPath = layoutOf(file);
  if (values.dataset === undefined && fromPath.dataset === undefined) {
    throw new UsageError(`Say which dataset the file holds with --dataset (${DATASET_NAMES.join(', ')}).`);
  }
  const dataset = values.dataset === undefined ? (fromPath.dataset as DatasetName) : datasetChoice(values.dataset);
  // The same rule for a period however it is given: a bad or impossible date is a usage error.
  const period =
    values.period !== undefined
      ? periodChoice('--period', values.period)
      : fromPath.period && periodChoice('The period folder', fromPath.period);
  const config = loadTrustConfig(values.config);

  try {
    if (!statSync(file).isFile()) throw new Error('it is not a file');
  } catch (cause) {
    output.err(`Cannot read ${file}: ${(cause as Error).message}.`);
    return EXIT.usage;
  }
  let report;
  try {
    report = await validateCsv(createReadStream(file, { highWaterMark: 64 * 1024 }), {
      dataset,
      period: period ?? null,
      limits: config?.limits,
      // With the Trust's config, a partner's file is checked against its collection periods, as the pipeline checks it.
      ...(config && DATASETS[dataset].uploadedBy === 'partner'
        ? { periodRule: (p: string, today: string) => checkPeriod(config, p, today) }
        : {}),
    });
  } catch (cause) {
    output.err(`Reading ${file} failed: ${(cause as Error).message}.`);
    return EXIT.usage;
  }
  output.out(values.json ? JSON.stringify(report, null, 2) : summarizeReport(report, basename(file)));
  return report.status === 'accepted' ? EXIT.ok : EXIT.rejected;
}

/** The dataset and period of a path laid out as the landing folders are: …/<dataset>/<period>/<file>. */
export function layoutOf(file: string): { dataset?: DatasetName; period?: string } {
  const parts = resolve(file).split(sep);
  const period = parts.at(-2);
  const dataset = parts.at(-3);
  if (period === undefined || dataset === undefined || !hasIsoDateForm(period) || !isDatasetName(dataset)) return {};
  return { dataset, period };
}
