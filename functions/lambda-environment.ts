import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTrustConfig, type TrustConfig } from '../transforms/config/trust-config.ts';
import { REFERENCE_FILES, censusTexts, type CensusTexts, type ReferenceFile } from '../transforms/reference/files.ts';

/** An environment variable the function cannot run without. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`The function's environment has no ${name}; the stack sets it.`);
  return value;
}

/** A file bundled beside the function's code (the stack copies it in). */
export function bundledFile(name: string): string {
  return readFileSync(join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), name), 'utf8');
}

/** The Trust config the stack was deployed with, bundled as trust.config.json. */
export function bundledTrustConfig(): TrustConfig {
  return parseTrustConfig(JSON.parse(bundledFile('trust.config.json')), 'bundled trust.config.json');
}

/** A reference data file bundled beside the function (infra/lambda-bundling.ts referenceFilePath). */
export function bundledReferenceFile(file: ReferenceFile): string {
  return bundledFile(REFERENCE_FILES[file]);
}

/** The Census 2021 files of the built-in community profile, bundled with the ingest function. */
export function bundledCensusTexts(): CensusTexts {
  return censusTexts(bundledReferenceFile);
}
