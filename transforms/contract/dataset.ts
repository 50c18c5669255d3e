import type { z } from 'zod';
import type { FieldSchema } from './fields.ts';
import type { IssueCode } from './issue-codes.ts';

/** `required` and `optional` are checked by the engine; a conditional requirement is a rule. */
export type Requirement = 'required' | 'optional' | { readonly when: string };

export interface ColumnSpec<S extends FieldSchema = FieldSchema> {
  readonly field: S;
  readonly requirement: Requirement;
  readonly description: string;
  /** No two rows may share a value. */
  readonly unique?: boolean;
}

export type ColumnSpecs = Readonly<Record<string, ColumnSpec>>;

/** A validated row: canonical codes, numbers, ISO dates; null where an optional value is missing. */
export type RowOf<C extends ColumnSpecs> = {
  -readonly [K in keyof C]: C[K]['requirement'] extends 'required'
    ? z.output<C[K]['field']>
    : z.output<C[K]['field']> | null;
};

export interface RuleContext {
  /** The period (snapshot) date, when known; rules about it are skipped otherwise. */
  readonly period: string | null;
  /** The day after the date 12 months before the period: the first day of the period's year. */
  readonly yearStartExclusive: string | null;
}

/**
 * A rule across the fields of one row. It runs only when every column it reads parsed cleanly,
 * and returns the message for the partner when the row breaks it. A rule may canonicalise the
 * value of its own column (a category whose code list depends on another column).
 */
export interface RowRule<Row> {
  readonly code: IssueCode;
  /** The column the issue is reported against (defineDataset checks the dataset has it). */
  readonly column: string;
  /** Every column the rule reads. */
  readonly reads: readonly string[];
  /** The rule in words, for the partner docs. */
  readonly description: string;
  // A method, so a rule of a specific row type also serves where any row is expected.
  check(row: Row, context: RuleContext): string | undefined;
}

export interface DatasetDefinition<C extends ColumnSpecs = ColumnSpecs> {
  readonly name: string;
  readonly title: string;
  /** What one row means. */
  readonly grain: string;
  readonly description: string;
  /**
   * Who sends it: each partner sends its own `partner` datasets for the Trust's collection
   * periods; `trust` datasets are the Trust's own (a community profile), never a partner's.
   */
  readonly uploadedBy: 'partner' | 'trust';
  readonly columns: C;
  readonly rules: readonly RowRule<RowOf<C>>[];
}

export function defineDataset<const C extends ColumnSpecs>(definition: DatasetDefinition<C>): DatasetDefinition<C> {
  for (const rule of definition.rules) {
    for (const column of [rule.column, ...rule.reads]) {
      if (!(column in definition.columns)) {
        throw new Error(
          `Rule ${rule.code} of dataset ${definition.name} names column '${column}', which the dataset does not have.`,
        );
      }
    }
  }
  return definition;
}

export const required = 'required' as const;
export const optional = 'optional' as const;
