import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_USAGE } from '../../cli/commands/upload.ts';
import { SAMPLE_DATASETS } from '../../sample-data/generator/sample-files.ts';
import { VALIDATE_USAGE } from '../../cli/commands/validate.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import {
  DATASET_NAMES,
  DATASETS,
  PARTNER_DATASETS,
  PEOPLE_DATASET,
  TRUST_DATASETS,
} from '../../transforms/contract/datasets/registry.ts';
import { ISSUE_CODES } from '../../transforms/contract/issue-codes.ts';
import { routeUploadKey } from '../../transforms/ingest/routing.ts';
import { TRUST_UPLOADER } from '../../transforms/storage/object-layout.ts';
import type { ModelContext } from '../../transforms/report/model.ts';
import { coverageSection } from '../../transforms/report/sections-people.ts';
import { SUBMISSIONS } from '../../transforms/tables/definitions.ts';
import { TEST_SETTINGS, temporaryFolder, writeLakeFile } from '../lake-helpers.ts';

const PERIOD = '2025-09-30';
const RULES = { ...TEST_SETTINGS, partners: TEST_SETTINGS.partners };

/**
 * The dataset registry is the only list of datasets: each consumer shows every dataset it lists,
 * so a dataset added to the registry reaches them all, and no source file spells a list of its own.
 */
describe('The dataset registry: every consumer takes its datasets from it', () => {
  let lake: DuckDbLake;
  beforeAll(async () => {
    const out = temporaryFolder();
    const submission = {
      upload_id: 'u1',
      partner_id: 'partner-a',
      dataset: PEOPLE_DATASET,
      object_key: 'k',
      object_version: 'v',
      sha256: 's',
      received_at: '2025-10-01T10:00:00.000Z',
      processed_at: 'x',
      status: 'accepted',
      rows: 10,
      error_count: 0,
      warning_count: 0,
      report_key: 'r',
    };
    writeLakeFile(out, SUBMISSIONS, PERIOD, 'partner-a.u1', [submission]);
    lake = await DuckDbLake.open(join(out, 'lake'), TEST_SETTINGS);
  });
  afterAll(() => lake?.close());

  it("data_quality expects every partner dataset of every partner, and none of the Trust's", async () => {
    const { rows } = await lake.query('SELECT DISTINCT partner_id, dataset FROM data_quality ORDER BY ALL');

    expect(rows).toEqual(
      TEST_SETTINGS.partners.flatMap((p) =>
        [...PARTNER_DATASETS].sort().map((dataset) => ({ partner_id: p.id, dataset })),
      ),
    );
  });

  it("the report's coverage table has a column for each partner dataset", () => {
    const context = { results: { coverage: [] }, period: PERIOD, config: TEST_SETTINGS } as unknown as ModelContext;
    const [block] = coverageSection(context).blocks;

    expect(block?.table.columns.map((c) => c.key).filter((key) => key.endsWith('_status'))).toEqual(
      PARTNER_DATASETS.map((d) => `${d}_status`),
    );
  });

  it('the routing takes each dataset from its uploader, and refuses it from the other', () => {
    const key = (uploader: string, dataset: string) => `uploads/${uploader}/${dataset}/${PERIOD}/file.csv`;
    const route = (uploader: string, dataset: string) => routeUploadKey(key(uploader, dataset), RULES, '2026-01-01');
    for (const dataset of PARTNER_DATASETS) {
      expect(route('partner-a', dataset), dataset).toMatchObject({ ok: true, dataset });
      expect(route(TRUST_UPLOADER, dataset), dataset).toMatchObject({ ok: false, code: 'DATASET_NOT_PERMITTED' });
    }
    for (const dataset of TRUST_DATASETS) {
      expect(route(TRUST_UPLOADER, dataset), dataset).toMatchObject({ ok: true, dataset });
      expect(route('partner-a', dataset), dataset).toMatchObject({ ok: false, code: 'DATASET_NOT_PERMITTED' });
    }
  });

  it("the sample Trust's partners send every partner dataset", () => {
    expect(Object.keys(SAMPLE_DATASETS)).toEqual(PARTNER_DATASETS);
    for (const [name, definition] of Object.entries(SAMPLE_DATASETS))
      expect(definition).toBe(DATASETS[name as keyof typeof DATASETS]);
  });

  it("the issue codes' fixes and the command line's usage name every dataset", () => {
    for (const dataset of DATASET_NAMES) {
      expect(ISSUE_CODES.DATASET_UNKNOWN.fix).toContain(dataset);
      expect(VALIDATE_USAGE).toContain(dataset);
    }
    for (const dataset of PARTNER_DATASETS) {
      expect(ISSUE_CODES.DATASET_NOT_PERMITTED.fix).toContain(dataset);
      expect(UPLOAD_USAGE).toContain(dataset);
    }
    for (const dataset of TRUST_DATASETS) {
      expect(ISSUE_CODES.DATASET_NOT_PERMITTED.fix).toContain(`uploads/_trust/${dataset}/`);
      expect(UPLOAD_USAGE).toContain(`--dataset ${dataset}`);
      expect(UPLOAD_USAGE).toContain(`own ${DATASETS[dataset].title.toLowerCase()}`);
    }
  });

  it("no source file outside the registry spells out a list of datasets, nor SQL a dataset's name", () => {
    // The datasets' own definitions, and the table descriptions of which datasets feed a table.
    const allowed = (file: string) =>
      file.startsWith('transforms/contract/datasets/') || file === 'transforms/tables/definitions.ts';
    const names = (line: string, pattern: string) =>
      new Set([...line.matchAll(new RegExp(pattern, 'g'))].map((match) => match[1])).size;
    const quoted = `['"\`](${DATASET_NAMES.join('|')})['"\`]`;
    const word = `\\b(${DATASET_NAMES.join('|')})\\b`;
    const spells = (file: string, line: string) =>
      file.endsWith('.sql') ? names(line, quoted) > 0 : names(line, quoted) > 1 || names(line, word) > 2;
    const files = ['transforms', 'functions', 'cli', 'infra', 'portal'].flatMap((root) => sourceFiles(root));
    const spelled = files
      .filter((file) => !allowed(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${file}:${i + 1}`, code: withoutComment(file, line) }))
          .filter(({ code }) => spells(file, code))
          .map(({ where, code }) => `${where}: ${code.trim()}`),
      );

    expect(files.filter((file) => file.endsWith('.sql')).length).toBeGreaterThanOrEqual(4);
    expect(spelled).toEqual([]);
  });
});

/** A line without its comment: `--` in SQL; `//` and the lines of a block comment in TypeScript. */
function withoutComment(file: string, line: string): string {
  return file.endsWith('.sql') ? line.replace(/--.*$/, '') : line.replace(/(^|\s)\/\/.*$|^\s*(\/\*\*?|\*).*$/, '');
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return ['node_modules', 'dist', 'data'].includes(name) ? [] : sourceFiles(path);
    return /\.(ts|sql|mjs)$/.test(name) ? [path] : [];
  });
}
