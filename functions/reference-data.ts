import { readFileSync } from 'node:fs';

/** The ONS Census 2021 TS021 file shipped with the project (see transforms/reference/README.md). */
export function readCensusCsv(): string {
  return readFileSync(new URL('../transforms/reference/census2021-ts021-ethnic-group-utla.csv', import.meta.url), 'utf8');
}
