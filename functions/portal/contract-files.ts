import {
  DATASET_NAMES,
  PARTNER_DATASETS,
  datasetDefinition,
  isDatasetName,
} from '../../transforms/contract/datasets/registry.ts';
import { dataContractMarkdown } from '../../transforms/docs/data-contract-doc.ts';
import { csvTemplate } from '../../transforms/docs/generated-docs.ts';

/** A file of the data contract a partner can download: the contract itself, or a dataset's template. */
export function contractFile(
  name: string,
): { readonly name: string; readonly body: string; readonly type: string } | undefined {
  if (name === 'data-contract.md') return { name, body: dataContractMarkdown(), type: 'text/markdown; charset=utf-8' };
  const template = /^templates\/([a-z_]+)\.csv$/.exec(name);
  const dataset = template?.[1];
  if (dataset && isDatasetName(dataset) && DATASET_NAMES.includes(dataset)) {
    return {
      name: `${dataset}-template.csv`,
      body: csvTemplate(datasetDefinition(dataset)),
      type: 'text/csv; charset=utf-8',
    };
  }
  return undefined;
}

/** The templates a partner is offered. */
export const PARTNER_TEMPLATES = PARTNER_DATASETS.map((dataset) => `templates/${dataset}.csv`);
