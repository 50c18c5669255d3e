import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * vitest's order (the slowest files first, from the last run's times), except that the files
 * reading the shared sample Trust (`sampleTrust()`, tests/support/sample-trust-fixture.ts) go
 * last: the global setup builds it while the other files run, so no worker sits waiting for it.
 */
export class FixtureLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const readsFixture = (file: TestSpecification) => readFileSync(file.moduleId, 'utf8').includes('sampleTrust()');
    return [...sorted.filter((f) => !readsFixture(f)), ...sorted.filter(readsFixture)];
  }
}
