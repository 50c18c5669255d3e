import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, datasetDefinition } from '../transforms/contract/datasets/registry.ts';
import { ISSUE_CODES } from '../transforms/contract/issue-codes.ts';
import { generatedDocs } from '../transforms/docs/generated-docs.ts';

describe('Generated partner docs and templates', () => {
  const docs = generatedDocs();

  it('are up to date with the schemas (run `npm run generate` after changing the contract)', () => {
    expect(readdirSync('docs/templates').sort()).toEqual(DATASET_NAMES.map((name) => `${name}.csv`).sort());
    for (const [path, text] of docs) expect(readFileSync(`docs/${path}`, 'utf8'), `docs/${path} is stale`).toBe(text);
  });

  it('document every column, code and issue code', () => {
    const markdown = docs.get('data-contract.md') as string;
    for (const name of DATASET_NAMES) {
      for (const column of Object.keys(datasetDefinition(name).columns))
        expect(markdown).toContain(`| \`${column}\` |`);
    }
    for (const code of Object.keys(ISSUE_CODES)) expect(markdown).toContain(`| \`${code}\` |`);
    expect(markdown).toContain('| `white_gypsy_irish_traveller` | White: Gypsy or Irish Traveller | `15`, `WIRT` |');
  });

  it("give each dataset a blank template whose header is the dataset's columns", () => {
    const template = docs.get('templates/workforce.csv') as string;

    expect(template.replace('\uFEFF', '').trim().split(',')).toEqual(
      Object.keys(datasetDefinition('workforce').columns),
    );
  });
});
