import { hasIsoDateForm, isIsoDate, UK_DATE_FORM } from '../transforms/contract/dates.ts';
import { DATASET_NAMES, isDatasetName, type DatasetName } from '../transforms/contract/datasets/registry.ts';
import { nearestSpelling } from '../transforms/contract/spelling.ts';
import { UsageError } from './usage.ts';

/** A dataset named on the command line, or a usage error suggesting the nearest. */
export function datasetChoice(given: string): DatasetName {
  if (isDatasetName(given)) return given;
  const guess = nearestSpelling(given.toLowerCase(), DATASET_NAMES);
  const hint = guess ? ` Did you mean '${guess}'?` : '';
  throw new UsageError(`'${given}' is not a dataset.${hint} Use one of ${DATASET_NAMES.join(', ')}.`);
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** Why a YYYY-MM-DD text is not a real date, in words. */
function whyNotReal(text: string): string {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1) return 'there is no day 0';
  return `${MONTH.format(new Date(Date.UTC(year, month - 1, 1)))} ${year} has ${days} days`;
}

/**
 * What is wrong with a period given on the command line, or undefined when it is a real date
 * written YYYY-MM-DD. One rule and one wording for every command: whether the date is one of the
 * Trust's open collection periods is a separate question, which the pipeline's rule answers.
 */
export function periodProblem(what: string, given: string): string | undefined {
  if (isIsoDate(given)) return undefined;
  if (hasIsoDateForm(given)) return `${what} ${given} is an impossible date: ${whyNotReal(given)}.`;
  const ukDate = UK_DATE_FORM.exec(given);
  const pad = (part: string | undefined) => (part ?? '').padStart(2, '0');
  const rewritten = ukDate ? `${ukDate[3]}-${pad(ukDate[2])}-${pad(ukDate[1])}` : undefined;
  const example =
    rewritten && isIsoDate(rewritten) ? `for '${given}' write ${rewritten}` : `for example 2026-09-30, not '${given}'`;
  return `${what} is a date written YYYY-MM-DD: ${example}.`;
}

/** A period option's value, or a usage error (exit 2) saying what is wrong with it. */
export function periodChoice(what: string, given: string): string {
  const problem = periodProblem(what, given);
  if (problem) throw new UsageError(problem);
  return given;
}
