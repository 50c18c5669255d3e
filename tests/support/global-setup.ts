import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSampleTrust } from './sample-trust-fixture.ts';

let building: Promise<void> | undefined;
let fixtureDir: string | undefined;

/**
 * Before any test: builds the `workforce` command once (cli/build.mjs), so the tests that run it
 * as a user would start it from plain JavaScript, and none of them builds it on its own. Then
 * starts building the sample Trust (tests/support/sample-trust-fixture.ts) in this process, not
 * waited for: the files that read it run last (tests/support/sequencer.ts), by when it is built.
 */
export function setup(project: TestProject): void {
  execFileSync(process.execPath, ['cli/build.mjs'], { stdio: 'inherit' });
  fixtureDir = mkdtempSync(join(tmpdir(), 'workforce-sample-trust-'));
  project.provide('sampleTrustDir', fixtureDir);
  building = buildSampleTrust(fixtureDir);
}

export async function teardown(): Promise<void> {
  await building;
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
}
