import { join, resolve } from 'node:path';
import { type Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { REFERENCE_FILES, type ReferenceFile } from '../transforms/reference/files.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/** The Node.js runtime the functions run on: the newest the CDK offers. */
export const RUNTIME = lambda.Runtime.NODEJS_24_X;

/** The CloudWatch namespace every function's metrics go to (and the alarms read): Powertools takes it from the environment. */
export const METRIC_NAMESPACE = 'WorkforceNeedsAnalysis';

// An ES module bundle; packages that are CommonJS inside (parquet-wasm) still find require and __dirname.
const ESM_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; import { dirname as __pathDirname } from 'node:path'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url); const __dirname = __pathDirname(__filename);";

/** The absolute path of a reference data file shipped with the project, to bundle beside a function. */
export function referenceFilePath(file: ReferenceFile): string {
  return join(PROJECT_ROOT, 'transforms/reference', REFERENCE_FILES[file]);
}

export interface FunctionOptions {
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Absolute paths of files to copy beside the bundle (the Trust config, reference data, wasm). */
  readonly files: readonly string[];
  readonly reservedConcurrentExecutions?: number;
}

/** A function bundled with esbuild on this machine (never Docker), as an ES module, with its files beside it. */
export function bundledFunction(scope: Construct, id: string, options: FunctionOptions): nodejs.NodejsFunction {
  return new nodejs.NodejsFunction(scope, id, {
    entry: join(PROJECT_ROOT, options.entry),
    handler: 'handler',
    runtime: RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    description: options.description,
    memorySize: options.memorySize,
    timeout: options.timeout,
    environment: {
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
      ...options.environment,
    },
    logGroup: new logs.LogGroup(scope, `${id}Logs`, { retention: logs.RetentionDays.SIX_MONTHS }),
    tracing: lambda.Tracing.ACTIVE,
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    ...(options.reservedConcurrentExecutions
      ? { reservedConcurrentExecutions: options.reservedConcurrentExecutions }
      : {}),
    bundling: {
      forceDockerBundling: false,
      format: nodejs.OutputFormat.ESM,
      target: 'node24',
      minify: true,
      sourceMap: true,
      banner: ESM_BANNER,
      externalModules: [],
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_input: string, output: string) => options.files.map((file) => `cp "${file}" "${output}/"`),
      },
    },
  });
}
