import type { DatasetDefinition } from '../contract/dataset.ts';
import type { IssueCode } from '../contract/issue-codes.ts';
import { normalizeKey } from '../contract/normalize.ts';
import { identifierColumnKind } from './identifiers.ts';

export interface HeaderIssue {
  readonly code: IssueCode;
  readonly column: string;
  readonly message: string;
}

export interface HeaderMatch {
  /** Position in the record of each contract column found. */
  readonly positions: ReadonlyMap<string, number>;
  /** Positions of columns outside the contract: read for identifiers, never stored. */
  readonly ignoredPositions: readonly number[];
  readonly ignoredNames: readonly string[];
  /** The ignored columns as a report lists them: named ones (at most 100), then a count of unnamed ones. */
  readonly ignoredListed: readonly string[];
  readonly issues: readonly HeaderIssue[];
  /** The name of the column at a position: the contract's name, else the header's, else its number. */
  readonly columnAt: (position: number) => string;
}

const IGNORED_LISTED = 100;

const nonEmpty = (text: string | undefined): string | undefined => (text === '' ? undefined : text);

/** Matches a header row to a dataset's columns: case, spaces and hyphens versus underscores do not matter. */
export function matchHeader(header: readonly string[], dataset: DatasetDefinition): HeaderMatch {
  const positions = new Map<string, number>();
  const ignoredPositions: number[] = [];
  const ignoredNames: string[] = [];
  const issues: HeaderIssue[] = [];
  const ignoredListed: string[] = [];
  let unnamed = 0;
  header.forEach((given, position) => {
    const name = normalizeKey(given);
    const shown = given.trim() || `(column ${position + 1}, no name)`;
    if (name === '') unnamed++;
    else if (!(name in dataset.columns) && ignoredListed.length <= IGNORED_LISTED) ignoredListed.push(shown);
    if (name in dataset.columns) {
      if (positions.has(name)) {
        issues.push({
          code: 'HEADER_DUPLICATE_COLUMN',
          column: name,
          message: `Column '${shown}' (column ${position + 1}) repeats ${name} (column ${(positions.get(name) as number) + 1}).`,
        });
      } else {
        positions.set(name, position);
      }
      return;
    }
    ignoredPositions.push(position);
    ignoredNames.push(shown);
    const identifier = identifierColumnKind(name);
    if (identifier) {
      issues.push({
        code: 'HEADER_IDENTIFIER_COLUMN',
        column: shown,
        message: `Column '${shown}' looks like it holds ${identifier}; remove the column.`,
      });
    } else if (name !== '') {
      issues.push({
        code: 'HEADER_UNKNOWN_COLUMN',
        column: shown,
        message: `Column '${shown}' is not a ${dataset.name} column; it was ignored.`,
      });
    }
  });
  for (const [column, spec] of Object.entries(dataset.columns)) {
    if (spec.requirement === 'required' && !positions.has(column)) {
      issues.push({
        code: 'HEADER_MISSING_COLUMN',
        column,
        message: `The required column ${column} is missing from the header row.`,
      });
    }
  }
  if (ignoredListed.length > IGNORED_LISTED) {
    ignoredListed.splice(IGNORED_LISTED, 1, `… and ${ignoredNames.length - unnamed - IGNORED_LISTED} more`);
  }
  if (unnamed > 0) {
    ignoredListed.push(`(${unnamed.toLocaleString('en-GB')} ${unnamed === 1 ? 'column' : 'columns'} with no name)`);
  }
  const contractNameAt = new Map([...positions].map(([name, position]) => [position, name]));
  const columnAt = (position: number) =>
    contractNameAt.get(position) ?? nonEmpty(header[position]?.trim()) ?? `column ${position + 1}`;
  return { positions, ignoredPositions, ignoredNames, ignoredListed, issues, columnAt };
}
