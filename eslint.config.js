// @ts-check
// The linter, configured to the house style (docs: README "How to change it"). `npm run lint`
// runs it, with the type checker and the formatter; CI runs it before the tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The layers, top to bottom: a file may import from its own layer and those below, never above. */
const LAYERS = {
  transforms: ['functions', 'infra', 'cli', 'tests', 'bench', 'portal'],
  functions: ['infra', 'cli', 'tests', 'bench'],
  infra: ['cli', 'tests', 'bench'],
  portal: ['functions', 'infra', 'cli', 'tests', 'bench'],
};

/** `no-restricted-imports` patterns forbidding imports of the layers above a folder. */
const upward = (layer) =>
  LAYERS[layer].map((above) => ({
    group: [`**/${above}/**`, `../${above}/*`, `../../${above}/*`],
    message: `${layer}/ must not import from ${above}/: imports run downward only (handler → core → adapter).`,
  }));

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'out/', 'dist/', 'coverage/', 'bench/data/', 'docs/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'cli/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // House style: `as const` objects, not enums; named exports; `??` for defaults, so that 0 and '' are kept.
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object, not an enum.' },
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
      '@typescript-eslint/prefer-nullish-coalescing': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['transforms/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...upward('transforms'),
            {
              group: [
                '@aws-sdk/*',
                '@aws-lambda-powertools/*',
                'aws-cdk-lib',
                'aws-cdk-lib/*',
                '@duckdb/*',
                'node:http',
                'node:child_process',
              ],
              message:
                'The core (transforms/) uses no AWS SDK, no CDK, no DuckDB and no processes: put it in an adapter under functions/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...upward('functions'),
            { group: ['aws-cdk-lib', 'aws-cdk-lib/*'], message: 'functions/ never needs the CDK.' },
          ],
        },
      ],
    },
  },
  {
    files: ['infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...upward('infra'),
            {
              group: ['**/functions/local/**', '@duckdb/*'],
              message: 'infra/ must not need the local stand-ins (cdk synth runs without DuckDB).',
            },
          ],
        },
      ],
    },
  },
  { files: ['*.js', '*.mjs', 'cli/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Plain JavaScript run by Node (the bin, this file): Node's globals.
  {
    files: ['*.js', '*.mjs', 'cli/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  // Arquero table expressions: Arquero parses these functions' source into its own expression
  // language over untyped rows (`d`, `$`), so they are written in the plain JavaScript it reads
  // (`== null`, `||`) and their values are `any` by Arquero's design.
  {
    files: ['transforms/aggregate/submission-tables.ts', 'tests/support/reference-transforms.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/prefer-nullish-coalescing': 'off',
    },
  },
  // Tests read untyped JSON on purpose (CloudFormation templates from aws-cdk-lib/assertions, parsed
  // reports, API bodies) and assert on it, so a wrong path fails the test; the no-unsafe-* rules,
  // which stop `any` flowing on unchecked through product code, add nothing there. Every other
  // type-checked rule applies to tests as to the product.
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  { files: ['eslint.config.js', 'vitest.config.ts'], rules: { 'no-restricted-syntax': 'off' } },
  // A declaration file describes someone else's module as it is (dynalite's default export).
  { files: ['**/*.d.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
