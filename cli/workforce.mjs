#!/usr/bin/env node
// The `workforce` command. Runs the prebuilt JavaScript in dist/cli (built by `npm install` and
// `npm run build`, see cli/build.mjs). In a checkout where a source has changed since the build,
// it builds again first (about a second), so the command always runs the code as it stands.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 "pretenures" the objects made at a place in the code once it has seen many of them live long:
// from then on they are made straight in the old generation. Once this process has read the Census
// files whole (for the community profile) and loaded the report's modules, V8 came to pretenure
// short-lived objects of the ingest: the ingest of a 1,000,000-row file then spent 2-3 s collecting
// garbage instead of 0.2 s, and held 100 MB more. Nothing this command keeps gains from pretenuring,
// so it is off. (V8 reads the flag at each collection, so setting it here takes effect.)
setFlagsFromString('--no-allocation-site-pretenuring');
// WebAssembly (HiGHS for disclosure control, parquet-wasm for the lake's files) runs on V8's
// baseline compiler alone. Its optimising compiler paid off for none of this command's short
// solves and writes: over a 100,000-row run's report it took 1 s of CPU and 70 MB to compile the
// solver, where the solves themselves took 0.15 s.
setFlagsFromString('--liftoff-only');

// A failure outside a command's own handling (an event emitted later, say) is one line too; its
// trace only with WORKFORCE_DEBUG=1.
const fail = (error) => {
  const detail = process.env.WORKFORCE_DEBUG
    ? (error?.stack ?? error)
    : 'Run again with WORKFORCE_DEBUG=1 to see where.';
  process.stderr.write(`workforce failed: ${error?.message ?? error}\n${detail}\n`);
  process.exit(2);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const root = new URL('../', import.meta.url);

/** Whether dist/cli is missing, or older than any source it was built from. */
function buildIsStale() {
  let built;
  try {
    built = JSON.parse(readFileSync(new URL('dist/cli/inputs.json', root), 'utf8'));
  } catch {
    return true;
  }
  return built.inputs.some((input) => {
    try {
      return statSync(new URL(input, root)).mtimeMs > built.builtAt;
    } catch {
      return true; // a source gone since: build again
    }
  });
}

if (buildIsStale()) {
  process.stderr.write('workforce: the sources have changed since the last build; building (npm run build)…\n');
  execFileSync(process.execPath, [new URL('cli/build.mjs', root).pathname], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const { main } = await import('../dist/cli/main.mjs');
process.exitCode = await main(process.argv.slice(2));
