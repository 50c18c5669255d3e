// `npm run bench`: what users wait for, beside a reference on the same machine, one CPU each:
// the ingest path and the whole `workforce run` against DuckDB on the same workforce files, and the
// command's cold start against a bare Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { sourcePlace } from '../cli/source-place.mjs';

const SIZES = (process.env.BENCH_ROWS ?? '100000,1000000').split(',').map(Number);
const PERIOD = '2026-09-30';
const DATA = join('bench', 'data');
const RESULTS = join('bench', 'results');
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

interface Run {
  readonly seconds: number;
  readonly rows: number;
  readonly peakRssBytes: number;
}

function generate(rows: number): string {
  const file = join(DATA, `workforce-${rows}.csv`);
  if (!existsSync(file)) {
    console.log(`Generating ${file} (seeded; cached for next time)…`);
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'sample-data/generator/main.ts', '--rows', String(rows), '--file', file],
      { stdio: 'inherit' },
    );
  }
  return file;
}

/**
 * Bundles a worker with esbuild, as the Lambda function is bundled, so that it runs on plain Node
 * (no TypeScript loader in the process, or in its memory).
 */
async function bundle(worker: string): Promise<string> {
  const outfile = join(DATA, 'bundles', `${worker}-worker.mjs`);
  const banner =
    "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; import { dirname as __dn } from 'node:path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);";
  await build({
    entryPoints: [join('bench', `${worker}-worker.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    external: ['@duckdb/*'],
    banner: { js: banner },
    // The views' SQL, read beside its source, is found from the bundle.
    plugins: [sourcePlace(resolve('.'), resolve(DATA, 'bundles'))],
    outfile,
  });
  copyFileSync(
    join('node_modules', 'parquet-wasm', 'node', 'parquet_wasm_bg.wasm'),
    join(DATA, 'bundles', 'parquet_wasm_bg.wasm'),
  );
  return outfile;
}

/** Runs a worker in its own process, pinned to one CPU where taskset exists, and reads its JSON line. */
function measure(worker: string, file: string): Run & Record<string, unknown> {
  const out = join(DATA, `out-${worker}`);
  rmSync(out, { recursive: true, force: true });
  const args = [bundles[worker] as string, file, out, PERIOD];
  const pinned = existsSync('/usr/bin/taskset');
  const result = spawnSync(
    pinned ? '/usr/bin/taskset' : process.execPath,
    pinned ? ['-c', '0', process.execPath, ...args] : args,
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`${worker} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) as string);
}

const PIN = existsSync('/usr/bin/taskset') ? ['/usr/bin/taskset', '-c', '0'] : [];
const TIME = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'time %e %M'] : [];

const PARTNER = 'riverside-council';
const CONFIG = 'sample-data/trust.config.json';

/** A command in its own process, pinned to one CPU: its wall time from start to exit, and its peak RSS. */
function timed(command: readonly string[], rows: number): Run {
  const started = performance.now();
  const result = spawnSync(command[0] as string, command.slice(1), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const kb = Number(/time [\d.]+ (\d+)/.exec(result.stderr)?.[1] ?? 0);
  return { seconds, rows, peakRssBytes: kb * 1024 };
}

/**
 * The whole command, as a user runs it: `workforce run` over a landing folder holding one
 * partner's workforce file (start-up, store, ingest, lake, report), pinned to one CPU, with its
 * peak RSS from /usr/bin/time.
 */
function measureRun(file: string, rows: number): Run {
  const landing = join(DATA, `e2e-${rows}`, 'landing');
  const csv = join(landing, PARTNER, 'workforce', PERIOD, 'workforce.csv');
  if (!existsSync(csv)) {
    mkdirSync(join(landing, PARTNER, 'workforce', PERIOD), { recursive: true });
    linkSync(file, csv);
  }
  const out = join(DATA, `e2e-${rows}`, 'out');
  rmSync(out, { recursive: true, force: true });
  const run = ['cli/workforce.mjs', 'run', landing, '--config', CONFIG, '--out', out];
  return timed([...PIN, ...TIME, process.execPath, ...run], rows);
}

/**
 * Its reference, timed the same way: DuckDB doing the same work with one thread in its own process
 * (bench/duckdb-run-worker.ts: the checks, the three tables as Parquet in the lake, the report's
 * queries over the lake's views). Its lake starts with what ours holds besides the partner's
 * tables, the built-in community profile and the upload's record, copied from our run's lake.
 */
function measureReference(file: string, rows: number): Run {
  const lake = join(DATA, `e2e-${rows}`, 'duckdb-lake');
  rmSync(lake, { recursive: true, force: true });
  for (const table of ['community_profile', 'submissions']) {
    cpSync(join(DATA, `e2e-${rows}`, 'out', 'lake', table), join(lake, table), { recursive: true });
  }
  const worker = [bundles['duckdb-run'] as string, file, lake, PERIOD, CONFIG, PARTNER];
  return timed([...PIN, ...TIME, process.execPath, ...worker], rows);
}

/** Wall time of a short command, pinned to one CPU. */
function wall(command: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(command[0] as string, command.slice(1), { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed`);
  return (performance.now() - started) / 1000;
}

const best = (runs: Run[]) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const mb = (bytes: number) => bytes / 1024 / 1024;

mkdirSync(RESULTS, { recursive: true });
mkdirSync(join(DATA, 'bundles'), { recursive: true });
const bundles: Record<string, string> = {
  ingest: await bundle('ingest'),
  duckdb: await bundle('duckdb'),
  'duckdb-run': await bundle('duckdb-run'),
};
const table: Record<string, string | number>[] = [];
for (const rows of SIZES) {
  const file = generate(rows);
  const size = statSync(file).size;
  const runs: Record<'ingest' | 'duckdb', Run[]> = { ingest: [], duckdb: [] };
  for (let i = 0; i < REPEATS; i++) {
    for (const worker of ['ingest', 'duckdb'] as const) runs[worker].push(measure(worker, file));
  }
  const ours = best(runs.ingest);
  const duck = best(runs.duckdb);
  for (const [engine, run] of [
    ['ingest (ours)', ours],
    ['DuckDB', duck],
  ] as const) {
    table.push({
      rows,
      engine,
      'wall s': Number(run.seconds.toFixed(2)),
      'rows/s': Math.round(run.rows / run.seconds),
      'MB/s': Number((mb(size) / run.seconds).toFixed(1)),
      'peak RSS MB': Math.round(
        mb(Math.max(...runs[engine === 'DuckDB' ? 'duckdb' : 'ingest'].map((r) => r.peakRssBytes))),
      ),
      'ours/DuckDB': engine === 'DuckDB' ? '' : Number((ours.seconds / duck.seconds).toFixed(2)),
    });
  }
}

console.log(
  `\nIngest (validate + transform + Parquet) vs DuckDB (read + SQL checks + group-bys + Parquet), one CPU, best of ${REPEATS}:\n`,
);
console.table(table);

// The whole run, beside DuckDB doing the same work, each timed from its process's start to its exit.
const E2E_REPEATS = Math.min(REPEATS, 3);
const endToEnd: Record<string, string | number>[] = [];
for (const rows of SIZES) {
  const file = generate(rows);
  const runs: Run[] = [];
  const duck: Run[] = [];
  for (let i = 0; i < E2E_REPEATS; i++) {
    runs.push(measureRun(file, rows));
    duck.push(measureReference(file, rows));
  }
  const ours = best(runs);
  const reference = best(duck);
  endToEnd.push({
    rows,
    'workforce run s': Number(ours.seconds.toFixed(2)),
    'DuckDB s': Number(reference.seconds.toFixed(2)),
    'run/DuckDB': Number((ours.seconds / reference.seconds).toFixed(2)),
    'run peak RSS MB': Math.round(mb(Math.max(...runs.map((r) => r.peakRssBytes)))),
    'DuckDB peak RSS MB': Math.round(mb(Math.max(...duck.map((r) => r.peakRssBytes)))),
  });
}
console.log(
  `\nEnd to end, one CPU, best of ${E2E_REPEATS} interleaved, each from its process's start to its exit:\n` +
    '  workforce run: start-up, store, ingest, lake, report;\n' +
    "  DuckDB: start-up, the same checks and tables as Parquet in the lake, the report's queries over its views.\n",
);
console.table(endToEnd);

// Cold start: the command's help against Node doing nothing, interleaved, best of 15.
const COLD = 15;
const help: number[] = [];
const bare: number[] = [];
wall([process.execPath, 'cli/workforce.mjs', '--help']); // builds first if a source changed
for (let i = 0; i < COLD; i++) {
  help.push(wall([...PIN, process.execPath, 'cli/workforce.mjs', '--help']));
  bare.push(wall([...PIN, process.execPath, '-e', '0']));
}
const coldStart = {
  'workforce --help s': Number(Math.min(...help).toFixed(3)),
  'node -e 0 s': Number(Math.min(...bare).toFixed(3)),
  ratio: Number((Math.min(...help) / Math.min(...bare)).toFixed(2)),
};
console.log(`\nCold start, one CPU, best of ${COLD}:\n`);
console.table([coldStart]);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const record = {
  when: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  repeats: REPEATS,
  results: table,
  endToEnd,
  coldStart,
};
writeFileSync(join(RESULTS, `bench-${stamp}.json`), `${JSON.stringify(record, null, 2)}\n`);
writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(record, null, 2)}\n`);
console.log(`Written to ${join(RESULTS, `bench-${stamp}.json`)}`);
