import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../transforms/tables/definitions.ts';
import { VIEW_NAMES } from '../../transforms/views/views.ts';
import { workforceCsv } from '../helpers.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const CLI = resolve('cli/workforce.mjs');
const CONFIG = resolve('sample-data/trust.config.json');
const LANDING = resolve('sample-data/landing/riverside-council/workforce/2025-09-30/workforce.csv');
const folder = temporaryFolder();
const FILE = join(folder, 'staff.csv');
writeFileSync(FILE, workforceCsv());

/** An environment with no AWS settings at all: no region, no credentials, no instance metadata. */
const NO_AWS = {
  PATH: process.env.PATH ?? '',
  HOME: folder,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: join(folder, 'none'),
  AWS_SHARED_CREDENTIALS_FILE: join(folder, 'none'),
};

const workforce = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...options });

/** Runs the command without blocking this process, for tests that serve it something meanwhile. */
function workforceAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const STACK_LINE = /^\s+at /m;
const upload = (...extra: string[]) => [
  'upload',
  FILE,
  '--partner',
  'riverside-council',
  '--dataset',
  'workforce',
  '--config',
  CONFIG,
  ...extra,
];

describe('Command line: mistakes answered in its own words', () => {
  it.each([
    [['validate', FILE, '--perod', '2025-09-30'], "'workforce validate' has no option --perod. Did you mean --period?"],
    [['query', 'SELECT 1', '--fromat', 'csv'], "'workforce query' has no option --fromat. Did you mean --format?"],
    [['validate', FILE, '--period'], '--period needs a value: --period <value>.'],
    [['validate', FILE, '--period', '--json'], '--period needs a value: --period <value>.'],
    [['validate', FILE, '--json=yes'], '--json takes no value; give --json alone.'],
  ])('%j', (args, message) => {
    const result = workforce(args);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`Usage: workforce ${args[0]} `);
    expect(result.stderr).not.toContain('positional argument');
  });

  it('prints its version, from package.json', () => {
    const result = workforce(['--version']);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`workforce ${version} (workforce-needs-analysis)`);
  });

  it('suggests the command and the dataset meant', () => {
    const command = workforce(['valdate', FILE]);
    const dataset = workforce(['validate', FILE, '--dataset', 'workfroce']);

    expect(command.status).toBe(2);
    expect(command.stderr).toContain("Unknown command 'valdate'. Did you mean 'workforce validate'?");
    expect(dataset.status).toBe(2);
    expect(dataset.stderr).toContain("'workfroce' is not a dataset. Did you mean 'workforce'?");
  });
});

describe('Command line: one rule for periods in every command', () => {
  const commands = {
    validate: (period: string) => ['validate', FILE, '--dataset', 'workforce', '--config', CONFIG, '--period', period],
    report: (period: string) => [
      'report',
      '--period',
      period,
      '--lake',
      folder,
      '--config',
      CONFIG,
      '--out',
      join(folder, 'reports'),
    ],
    upload: (period: string) => upload('--period', period, '--out', join(folder, 'stack')),
  };

  it.each([
    ['30/09/2026', "--period is a date written YYYY-MM-DD: for '30/09/2026' write 2026-09-30."],
    ['2026-09-31', '--period 2026-09-31 is an impossible date: September 2026 has 30 days.'],
    ['2026-13-01', '--period 2026-13-01 is an impossible date: there is no month 13.'],
    ['next year', "--period is a date written YYYY-MM-DD: for example 2026-09-30, not 'next year'."],
  ])('refuses %s as a usage error with the same words everywhere', (period, message) => {
    for (const [command, args] of Object.entries(commands)) {
      const result = workforce(args(period));

      expect(result.status, command).toBe(2);
      expect(result.stderr.trim(), command).toBe(message);
    }
  });

  it('says so when a period folder in the path is an impossible date', () => {
    const path = join(folder, 'p', 'workforce', '2026-09-31', 'staff.csv');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, workforceCsv());

    const result = workforce(['validate', path]);

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'The period folder 2026-09-31 is an impossible date: September 2026 has 30 days.',
    );
  });

  it("leaves a real date that is not an open period to the pipeline's rule (validate: rejected, exit 1)", () => {
    const result = workforce([...commands.validate('2026-06-30'), '--json']);

    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).errors[0].code).toBe('PERIOD_NOT_COLLECTED');
  });
});

describe('Command line: query', () => {
  it('lists every table and view in its help, from the definitions', () => {
    const help = workforce(['query', '--help']).stdout;

    for (const name of [...TABLES.map((table) => table.name), ...VIEW_NAMES])
      expect(help).toMatch(new RegExp(`^\\s+${name}$`, 'm'));
  });

  it('refuses more than one statement instead of running the first', () => {
    const result = workforce(['query', "SELECT 1; SELECT ';' AS x -- ;\n;"]);

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Give one SQL statement at a time; this holds 2, separated by ';'.");
  });

  it("points at the demo's lake when there is no lake at the default place but the demo has run", () => {
    const cwd = temporaryFolder();
    mkdirSync(join(cwd, 'out', 'demo', 'lake'), { recursive: true });

    const result = workforce(['query', 'SELECT 1', '--config', CONFIG], { cwd });

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `There is no lake at ${join('out', 'lake')}: run 'workforce run <landing-dir>' first, or give --lake. The demo's lake is at ${join('out', 'demo', 'lake')}: add --lake ${join('out', 'demo', 'lake')}.`,
    );
  });
});

describe('Command line: AWS errors as one plain line', () => {
  const args = upload('--period', '2025-09-30', '--bucket', 'landing-bucket');

  it('says no region is set', () => {
    const result = workforce(args, { env: NO_AWS });

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'No AWS region is set: set AWS_REGION (for example `export AWS_REGION=eu-west-2`), or a region in your AWS profile.',
    );
  });

  it('says there are no credentials', () => {
    const result = workforce(args, { env: { ...NO_AWS, AWS_REGION: 'eu-west-2' } });

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      'No AWS credentials found: sign in (for example `aws sso login`), or set AWS_PROFILE, then try again.',
    );
  });

  it('says access was denied, when S3 answers 403 AccessDenied', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      request.resume().on('end', () => {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
        );
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = {
      ...NO_AWS,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_ENDPOINT_URL_S3: endpoint,
    };

    const result = await workforceAsync(args, env).finally(() => server.close());

    expect(requests).toEqual([
      'PUT /landing-bucket/uploads/riverside-council/workforce/2025-09-30/staff.csv?x-id=PutObject',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "AWS denied access: your credentials may not upload to landing-bucket (give your partner role with --role-arn). Ask the Trust to check the role's permissions.",
    );
  });
});

describe('Command line: real exports through workforce validate, one issue each', () => {
  const [header, ...rows] = workforceCsv({}, 3).trimEnd().split('\n') as [string, ...string[]];
  const total = `Total${','.repeat(header.split(',').length - 1)}`;
  it.each([
    [
      'semicolons from Excel in a European locale',
      `\uFEFF${[header, ...rows].map((line) => line.replaceAll(',', ';')).join('\r\n')}\r\n`,
      0,
      'FILE_DELIMITER',
    ],
    [
      'a title row from an HR system',
      ['Riverside Council - Staff list as at 30/09/2025', '', header, ...rows].join('\r\n'),
      0,
      'HEADER_NOT_FIRST_ROW',
    ],
    ['a Total row', [header, ...rows, total].join('\n'), 1, 'ROW_TOTAL'],
  ])('%s', (_, text, status, code) => {
    const file = join(folder, `${code}.csv`);
    writeFileSync(file, text);

    const result = workforce(['validate', file, '--dataset', 'workforce', '--period', '2025-09-30', '--json']);
    const report = JSON.parse(result.stdout);

    expect(result.status).toBe(status);
    expect([...report.errors, ...report.warnings].map((issue: { code: string }) => issue.code)).toEqual([code]);
  });
});

describe('Command line: terminal safety', () => {
  it('shows escape sequences from a file escaped, never as escapes the terminal obeys', () => {
    const file = join(folder, 'title\u001b[2J.csv');
    writeFileSync(file, workforceCsv({ 0: { sector: '\u001b]0;owned\u0007\u009b31m\u007f' } }));

    const text = workforce(['validate', file, '--dataset', 'workforce']);
    const json = workforce(['validate', file, '--dataset', 'workforce', '--json']);

    expect(text.status).toBe(1);
    // eslint-disable-next-line no-control-regex -- the test is that no control character is printed
    expect(text.stdout).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(text.stdout).toContain('title\\u001b[2J.csv');
    expect(text.stdout).toContain("'\\u001b]0;owned\\u0007\\u009b31m\\u007f' is not a sector code");
    // eslint-disable-next-line no-control-regex -- as above, in the JSON
    expect(json.stdout).not.toMatch(/[\u001b\u0007\u009b\u007f]/);
    expect(JSON.parse(json.stdout).errors[0].value).toBe('\u001b]0;owned\u0007\u009b31m\u007f');
  });
});

describe("Command line: no stack trace for a user's mistake", () => {
  const emptyLake = temporaryFolder();
  const notAFolder = FILE;
  it.each([
    ['validate', ['validate', folder, '--dataset', 'workforce']],
    ['validate', ['validate', LANDING, '--config', FILE]],
    ['validate', ['validate', LANDING, '--dataset']],
    ['run', ['run', notAFolder, '--config', CONFIG]],
    ['run', ['run', join(folder, 'nowhere')]],
    ['run', ['run', folder, '--config', CONFIG, '--out', FILE]],
    ['query', ['query']],
    ['query', ['query', 'SELEC 1', '--lake', emptyLake, '--config', CONFIG]],
    ['query', ['query', 'SELECT 1', '--lake', emptyLake, '--format', 'xml']],
    ['report', ['report']],
    ['report', ['report', '--lake', emptyLake, '--config', CONFIG, '--out', join(folder, 'r')]],
    [
      'upload',
      [
        'upload',
        join(folder, 'nothing.csv'),
        '--partner',
        'riverside-council',
        '--dataset',
        'workforce',
        '--period',
        '2025-09-30',
        '--config',
        CONFIG,
      ],
    ],
    ['upload', upload('--period', '2025-09-30', '--bucket', 'b', '--role-arn', 'arn:aws:iam::123456789012:role/x')],
    ['(none)', ['frobnicate', '--help']],
  ])('%s: %j', (_, args) => {
    const result = workforce(args, { env: NO_AWS });

    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().length).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });
});
