import { checkPeriod, type CollectionRule } from '../transforms/config/collection-periods.ts';
import { isDatasetName } from '../transforms/contract/datasets/registry.ts';
import { summarizeReport } from '../transforms/validation/summary.ts';
import type { ValidationLimits } from '../transforms/contract/limits.ts';
import { validateCsv } from '../transforms/validation/validate.ts';

/** What the page asks: check this file as this dataset and period, under these rules. */
export interface CheckRequest {
  readonly file: File;
  readonly dataset: string;
  readonly period: string;
  readonly today: string;
  readonly limits: ValidationLimits;
  readonly rule: CollectionRule;
}

export type CheckMessage =
  | { readonly type: 'progress'; readonly bytes: number }
  | { readonly type: 'done'; readonly report: Awaited<ReturnType<typeof validateCsv>>; readonly summary: string }
  | { readonly type: 'failed'; readonly message: string };

const scope = self as unknown as {
  postMessage(message: CheckMessage): void;
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
};
const PROGRESS_EVERY = 1024 * 1024;

/** The file's bytes as the validator reads them, telling the page how far it has got. */
async function* bytesOf(file: File): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  let bytes = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (bytes - reported >= PROGRESS_EVERY) {
      reported = bytes;
      scope.postMessage({ type: 'progress', bytes });
    }
    yield value;
  }
  scope.postMessage({ type: 'progress', bytes });
}

// The same validation the pipeline runs: transforms/validation with the contract's zod schemas.
scope.onmessage = ({ data }) => void check(data);

async function check(data: CheckRequest): Promise<void> {
  try {
    if (!isDatasetName(data.dataset)) throw new Error(`'${data.dataset}' is not a dataset.`);
    const report = await validateCsv(bytesOf(data.file), {
      dataset: data.dataset,
      period: data.period,
      today: data.today,
      limits: data.limits,
      periodRule: (period, today) => checkPeriod(data.rule, period, today),
    });
    scope.postMessage({ type: 'done', report, summary: summarizeReport(report, data.file.name) });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: (error as Error).message });
  }
}
