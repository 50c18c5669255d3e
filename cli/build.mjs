#!/usr/bin/env node
// Builds the `workforce` command into dist/cli/ with esbuild: plain JavaScript, so the command
// starts without compiling TypeScript. Run by `npm install` (the `prepare` script) and by
// `npm run build`; cli/workforce.mjs runs it again when a source is newer than the build.
//
// Each command is its own chunk, loaded only when it runs ('workforce --help' loads none of them).
// Packages stay in node_modules. Files the code reads beside itself (the views' SQL, the reference
// data, the portal's sources, package.json) are found from each source file's own place
// (cli/source-place.mjs).
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sourcePlace } from './source-place.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'cli');

const staging = `${OUT}.building-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
// Taken before the sources are read: a source saved during the build makes the next run build again.
const builtAt = Date.now();
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { main: 'cli/main.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Packages are bundled too, all but those that load files of their own beside their code (DuckDB's
  // native library, the WebAssembly of parquet-wasm and HiGHS) or are a tool (esbuild) or large and
  // for one command (the AWS SDK): Node then loads a few files, not hundreds.
  external: ['@duckdb/*', 'parquet-wasm', 'highs', 'esbuild', '@aws-sdk/*'],
  // CommonJS packages bundled into ES modules still find require.
  banner: {
    js: "import { createRequire as __workforceCreateRequire } from 'node:module'; const require = __workforceCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourcePlace(ROOT, OUT)],
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
});
// What the build was made from, so the command can tell when a source has changed since.
const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules'));
// The build's own files too, and the lock file: the packages bundled in change with it.
const inputs = [...sources, 'cli/build.mjs', 'cli/source-place.mjs', 'package-lock.json'];
writeFileSync(join(staging, 'inputs.json'), `${JSON.stringify({ builtAt, inputs })}\n`);
// Swapped in whole, so a command starting meanwhile sees the old build or the new, never half.
mkdirSync(dirname(OUT), { recursive: true });
const old = `${OUT}.old-${process.pid}`;
try {
  renameSync(OUT, old);
} catch {
  /* no earlier build */
}
try {
  renameSync(staging, OUT);
} catch (error) {
  // Another build (a second command starting at the same moment) got there first: it is as new.
  rmSync(staging, { recursive: true, force: true });
  if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
}
rmSync(old, { recursive: true, force: true });
