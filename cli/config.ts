import { existsSync, readFileSync } from 'node:fs';
import { parseTrustConfig, type TrustConfig } from '../transforms/config/trust-config.ts';
import { UsageError } from './usage.ts';

export const DEFAULT_CONFIG_FILE = 'trust.config.json';

/**
 * The Trust config named by --config, else ./trust.config.json when there is one. Commands that
 * can run without one (validate) get undefined; the others say how to provide it.
 */
export function loadTrustConfig(path: string | undefined): TrustConfig | undefined {
  const file = path ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new UsageError(`Cannot read the Trust config ${file}: ${(cause as Error).message}. Give an existing file with --config.`);
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
