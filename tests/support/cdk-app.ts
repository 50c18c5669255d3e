import { App } from 'aws-cdk-lib';
import { temporaryFolder } from '../lake-helpers.ts';

/**
 * A CDK app for a stack test, in its own folder. The Lambda code is not bundled (esbuild over
 * every function, on every synth, is most of an infra test's time): these tests read the
 * template, not the code. The bundle itself is built by `cdk synth` in CI and by the one test
 * that asks for `{ bundle: true }`.
 */
export function testApp(options: { readonly bundle?: boolean } = {}): App {
  return new App({
    outdir: temporaryFolder('cdk-out-'),
    ...(options.bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }),
  });
}
