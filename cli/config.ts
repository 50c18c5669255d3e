import { existsSync, readFileSync } from 'node:fs';
import { parseTrustConfig, type TrustConfig } from '../transforms/config/trust-config.ts';
import { UsageError } from './usage.ts';

export const DEFAULT_CONFIG_FILE = 'trust.config.json';

/**
 * The Trust config named by --config, else ./trust.config.json, else the first fallback that
 * exists. Commands that can run without one (validate) get undefined; the others require one.
 */
export function loadTrustConfig(path: string | undefined, ...fallbacks: string[]): TrustConfig | undefined {
  const file = path ?? [DEFAULT_CONFIG_FILE, ...fallbacks].find((candidate) => existsSync(candidate));
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new UsageError(
      `Cannot read the Trust config ${file}: ${(cause as Error).message}. Give an existing file with --config.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`The Trust config ${file} is not valid JSON: ${(cause as Error).message}`);
  }
  try {
    return parseTrustConfig(json, `Trust config ${file}`);
  } catch (cause) {
    throw new UsageError((cause as Error).message);
  }
}

export function requireTrustConfig(path: string | undefined, ...fallbacks: string[]): TrustConfig {
  const config = loadTrustConfig(path, ...fallbacks);
  if (config === undefined) {
    throw new UsageError(
      `No Trust config found: give one with --config (the sample Trust's is sample-data/trust.config.json).`,
    );
  }
  return config;
}
