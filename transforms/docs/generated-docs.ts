import type { DatasetDefinition } from '../contract/dataset.ts';
import { DATASET_NAMES, datasetDefinition } from '../contract/datasets/registry.ts';
import { dataContractMarkdown } from './data-contract-doc.ts';

/**
 * A blank CSV template: the header row, with a byte-order mark and CRLF so that Excel opens it
 * as UTF-8 and saves it back the way the contract asks.
 */
export function csvTemplate(dataset: DatasetDefinition): string {
  return `\uFEFF${Object.keys(dataset.columns).join(',')}\r\n`;
}

/** Every generated documentation file, by path under docs/. */
export function generatedDocs(): Map<string, string> {
  const files = new Map<string, string>([['data-contract.md', dataContractMarkdown()]]);
  for (const name of DATASET_NAMES) files.set(`templates/${name}.csv`, csvTemplate(datasetDefinition(name)));
  return files;
}
