// The CDK app: `npx cdk synth` (or deploy) with the Trust config in ./trust.config.json, or
// `-c config=FILE`; with neither, the sample Trust's config, so a fresh clone synthesises.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseTrustConfig } from '../transforms/config/trust-config.ts';
import { writePortalAssets } from '../functions/portal/assets.ts';
import { WorkforceStack } from './stack.ts';
import { describeViews } from './view-schemas.ts';
import { readFile } from 'node:fs/promises';

/** Feature flags the stack relies on, set here so that tests and the CLI synthesise alike. */
const FEATURE_FLAGS = {
  // Access logs are delivered under a bucket policy, not an ACL (the buckets disable ACLs).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  '@aws-cdk/aws-iam:minimizePolicies': true,
};

export interface BuildOptions {
  /** @default now: the day the partners' upload policies are written for */
  readonly now?: Date;
}

export async function buildApp(app: App, configPath: string, options: BuildOptions = {}): Promise<WorkforceStack> {
  for (const [flag, value] of Object.entries(FEATURE_FLAGS))
    if (app.node.tryGetContext(flag) === undefined) app.node.setContext(flag, value);
  const config = parseTrustConfig(JSON.parse(await readFile(configPath, 'utf8')), `Trust config ${configPath}`);
  mkdirSync(app.outdir, { recursive: true });
  const configFile = join(app.outdir, 'trust.config.json');
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  // The portal's pages, built once here; the stack publishes them with the deployment's sign-in settings.
  const pagesDir = join(app.outdir, 'portal-pages');
  await writePortalAssets(pagesDir);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return new WorkforceStack(app, 'WorkforceNeedsAnalysis', {
    config,
    configFile,
    pagesDir,
    views: describeViews(config),
    ...(options.now ? { now: options.now } : {}),
    // Environment-agnostic: the account and region come from where it is deployed.
    description: `${config.trust}: children's workforce needs analysis`.replace(/[^\x20-\x7E\xA1-\xFF]/g, '-'),
  });
}

if (process.argv[1]?.endsWith('app.ts')) {
  const app = new App();
  const configPath =
    (app.node.tryGetContext('config') as string | undefined) ??
    (existsSync('trust.config.json') ? 'trust.config.json' : 'sample-data/trust.config.json');
  await buildApp(app, configPath);
  app.synth();
}
