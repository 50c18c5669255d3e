import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as CodeLists from '../../transforms/contract/code-lists.ts';
import type { CodeList } from '../../transforms/contract/code-lists.ts';
import { resolveCode } from '../../transforms/contract/code-lookup.ts';
import { normalizeKey } from '../../transforms/contract/normalize.ts';
import { DATASET_NAMES, datasetDefinition, type WorkforceRow } from '../../transforms/contract/datasets/index.ts';
import { parseContractDate, twelveMonthsBefore } from '../../transforms/contract/dates.ts';
import { fieldMeta } from '../../transforms/contract/fields.ts';
import { ISSUE_CODES } from '../../transforms/contract/issue-codes.ts';

const LISTS = (Object.values(CodeLists) as unknown[]).filter(
  (value): value is CodeList => typeof value === 'object' && value !== null && 'entries' in value,
);

describe('Code lists', () => {
  it.each(LISTS.map((list) => [list.name, list] as const))('%s: every spelling means exactly one code', (_, list) => {
    const owner = new Map<string, string>();
    for (const entry of list.entries) {
      for (const spelling of [entry.code, entry.label, ...(entry.aliases ?? [])]) {
        const key = normalizeKey(spelling);
        expect(owner.get(key) ?? entry.code, `'${spelling}' is claimed by ${owner.get(key)} and ${entry.code}`).toBe(
          entry.code,
        );
        owner.set(key, entry.code);
        expect(resolveCode(list, spelling.toUpperCase())).toBe(entry.code);
      }
    }
  });

  it.each([
    ['1', 'asian_bangladeshi'],
    ['13', 'white_british'],
    ['18', 'other_arab'],
    ['19', 'other_any'],
    ['WBRI', 'white_british'],
    ['wirt', 'white_gypsy_irish_traveller'],
    ['NOBT', 'not_known'],
    ['REFU', 'refused'],
    ['A', 'white_british'],
    ['S', 'other_any'],
    ['Z', 'not_known'],
    ['White: Irish', 'white_irish'],
  ])('ethnicity %s is %s (ONS, DfE and NHS codes, and labels)', (spelling, code) => {
    expect(resolveCode(CodeLists.ETHNICITY, spelling)).toBe(code);
  });

  it('groups each census category into its broad ethnic group', () => {
    expect(CodeLists.ETHNIC_GROUP_OF).toMatchObject({
      asian_indian: 'asian',
      black_african: 'black',
      mixed_other: 'mixed',
      white_roma: 'white',
      other_arab: 'other',
    });
    expect(Object.keys(CodeLists.ETHNIC_GROUP_OF)).toHaveLength(19);
  });
});

describe('Datasets', () => {
  it("types a validated workforce row with the contract's codes", () => {
    expectTypeOf<WorkforceRow['employment_basis']>().toEqualTypeOf<
      'employee' | 'agency' | 'self_employed' | 'volunteer' | 'carer'
    >();
    expectTypeOf<WorkforceRow['fte']>().toEqualTypeOf<number | null>();
    expectTypeOf<WorkforceRow['staff_ref']>().toEqualTypeOf<string>();
  });

  it.each(DATASET_NAMES)('%s: every column has a registered field, and every rule says what it checks', (name) => {
    const dataset = datasetDefinition(name);
    for (const spec of Object.values(dataset.columns)) {
      expect(fieldMeta(spec.field).rule.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeGreaterThan(10);
    }
    for (const rule of dataset.rules) expect(rule.description.length, rule.code).toBeGreaterThan(10);
  });
});

describe('Issue codes', () => {
  const contract = readFileSync('docs/data-contract.md', 'utf8');
  const codes = Object.entries(ISSUE_CODES);
  const source = ['transforms', 'functions', 'cli']
    .flatMap(sourceFiles)
    .filter((file) => !file.endsWith('issue-codes.ts'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');

  it.each(codes)('%s: tells the partner what is wrong and what to do, in words of its own', (_, definition) => {
    for (const text of [definition.title, definition.fix]) expect(text).toMatch(/^\S.{10,}[.)]$/s);
    expect(definition.fix).not.toBe(definition.title);
    // A fix to act on: not the problem restated, nor a pointer to nothing.
    expect(definition.fix.toLowerCase()).not.toContain(definition.title.toLowerCase().replace(/\.$/, ''));
  });

  it.each(codes)("%s: is in the partners' data contract with its fix, and something raises it", (code, definition) => {
    const escape = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
    expect(contract).toContain(
      `| \`${code}\` | ${definition.severity} | ${escape(definition.title)} | ${escape(definition.fix)} |`,
    );
    expect(source, `${code} is never raised`).toContain(`'${code}'`);
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('Dates', () => {
  it.each([
    ['2024-02-29', { date: '2024-02-29' }],
    ['29/02/2024', { date: '2024-02-29' }],
    ['1/4/2019', { date: '2019-04-01' }],
    ['29/02/2023', { issue: 'DATE_IMPOSSIBLE' }],
    ['2019-4-1', { issue: 'DATE_INVALID' }],
    ['13/13/2020', { issue: 'DATE_IMPOSSIBLE' }],
    ['12/13/2020', { issue: 'DATE_US_ORDER' }],
    ['1/4/19', { issue: 'DATE_TWO_DIGIT_YEAR' }],
  ])('reads %s', (raw, expected) => {
    expect(parseContractDate(raw)).toMatchObject(expected);
  });

  it('finds the start of the 12 months to a period, 29 February included', () => {
    expect(twelveMonthsBefore('2026-09-30')).toBe('2025-09-30');
    expect(twelveMonthsBefore('2024-02-29')).toBe('2023-02-28');
  });
});
