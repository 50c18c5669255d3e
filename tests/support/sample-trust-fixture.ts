import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { runLocalPipeline, type LocalRunResult } from '../../functions/local/local-pipeline.ts';
import { writeLocalReport } from '../../functions/local/local-report.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { SAMPLE_CONFIG_FILE } from '../lake-helpers.ts';

/**
 * The sample Trust as the pipeline leaves it: every file of sample-data/landing run through the
 * local pipeline, and the needs-analysis report of every period written. Several test files read
 * it; it is built once per test run (by the global setup, in the background, while other files
 * run), and no test may change it. Tests that change a Trust build their own.
 */
export interface SampleTrust {
  /** The pipeline's result: outcomes, the lake and the validation reports. */
  readonly run: LocalRunResult;
  /** The reports folder: <reports>/<period>/ for each period, <reports>/latest/. */
  readonly reportsDir: string;
}

export const SAMPLE_PERIODS = ['2024-09-30', '2025-09-30', '2026-09-30'] as const;
/** When the fixture's reports say they were made. */
export const SAMPLE_REPORT_TIME = new Date('2026-11-28T09:00:00Z');

const DONE = 'fixture.json';
const FAILED = 'fixture-failed.txt';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleTrustDir: string;
  }
}

/** Builds the fixture into an empty folder (the global setup calls it once). */
export async function buildSampleTrust(dir: string): Promise<void> {
  try {
    const config = parseTrustConfig(JSON.parse(readFileSync(SAMPLE_CONFIG_FILE, 'utf8')));
    const run = await runLocalPipeline({ landingDir: 'sample-data/landing', config, outDir: join(dir, 'run') });
    const reportsDir = join(dir, 'reports');
    for (const period of SAMPLE_PERIODS)
      await writeLocalReport({ lakeDir: run.lakeDir, config, reportsDir, period, now: SAMPLE_REPORT_TIME });
    writeFileSync(join(dir, DONE), JSON.stringify({ run, reportsDir } satisfies SampleTrust));
  } catch (error) {
    writeFileSync(join(dir, FAILED), error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

/** The sample Trust, waiting for the global setup to finish building it. */
export async function sampleTrust(): Promise<SampleTrust> {
  const dir = inject('sampleTrustDir');
  for (const started = Date.now(); Date.now() - started < 240_000; await sleep(100)) {
    if (existsSync(join(dir, FAILED)))
      throw new Error(`Building the sample Trust failed:\n${readFileSync(join(dir, FAILED), 'utf8')}`);
    if (existsSync(join(dir, DONE))) return JSON.parse(readFileSync(join(dir, DONE), 'utf8')) as SampleTrust;
  }
  throw new Error(`The sample Trust was not built in 240 s (in ${dir}).`);
}
