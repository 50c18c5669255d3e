import { readFileSync } from 'node:fs';
import { REFERENCE_FILES, censusTexts, type CensusTexts, type ReferenceFile } from '../transforms/reference/files.ts';

/** A reference file shipped with the project (see transforms/reference/README.md), read from the checkout. */
export function readReferenceFile(file: ReferenceFile): string {
  return readFileSync(new URL(`../transforms/reference/${REFERENCE_FILES[file]}`, import.meta.url), 'utf8');
}

/** The Census 2021 files the built-in community profile is made from. */
export function readCensusTexts(): CensusTexts {
  return censusTexts(readReferenceFile);
}

/** The DfE children's social work workforce series (England and regions). */
export function readDfeCswwCsv(): string {
  return readReferenceFile('dfeCsww');
}
