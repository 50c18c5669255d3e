import { execFileSync } from 'node:child_process';

/**
 * Before any test: builds the `workforce` command once (cli/build.mjs), so the tests that run it
 * as a user would start it from plain JavaScript, and none of them builds it on its own.
 */
export function setup(): void {
  execFileSync(process.execPath, ['cli/build.mjs'], { stdio: 'inherit' });
}
