import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './usage.ts';

/** Where `workforce run` leaves the lake by default (`--out out`). */
export const DEFAULT_LAKE = join('out', 'lake');
/** Where `npm run demo` leaves it: apart from the user's own runs, so the sample Trust never mixes with theirs. */
export const DEMO_LAKE = join('out', 'demo', 'lake');

/**
 * The lake folder to read: the one given with --lake, else out/lake. When there is none, says how
 * to make one, and where the demo's lake is if the demo has been run.
 */
export function lakeFolder(given: string | undefined): string {
  const lake = given ?? DEFAULT_LAKE;
  if (existsSync(lake)) return lake;
  const demoRan = given === undefined && existsSync(DEMO_LAKE);
  const demo = demoRan ? ` The demo's lake is at ${DEMO_LAKE}: add --lake ${DEMO_LAKE}.` : '';
  throw new UsageError(`There is no lake at ${lake}: run 'workforce run <landing-dir>' first, or give --lake.${demo}`);
}
