import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.ts';
import type { WorkforceStack } from '../../infra/stack.ts';
import { SAMPLE_CONFIG_FILE, temporaryFolder } from '../lake-helpers.ts';

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

/** The day the shared sample stack is written for. */
export const SAMPLE_STACK_NOW = new Date('2026-11-28T12:00:00Z');

let sample: Promise<{ stack: WorkforceStack; template: Template }> | undefined;

/**
 * The sample Trust's stack (written for SAMPLE_STACK_NOW, not bundled) and its template,
 * synthesised once per test worker and shared by the files that only read it. A test that needs
 * another config, or that changes a stack, builds its own with `testApp()`.
 */
export function sampleStack(): Promise<{ stack: WorkforceStack; template: Template }> {
  sample ??= buildApp(testApp(), SAMPLE_CONFIG_FILE, { now: SAMPLE_STACK_NOW }).then((stack) => ({
    stack,
    template: Template.fromStack(stack),
  }));
  return sample;
}
