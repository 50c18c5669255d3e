import type { RowBasis, DisclosureColumn } from '../disclosure/tables.ts';
import type { Term } from '../disclosure/figures.ts';
import { HIDDEN_COUNTS, type RateDefinition } from './rates.ts';

/**
 * Column builders for the report's tables. What kind of figure each is decides how disclosure
 * control treats it, and its `figure` says what it means in base counts, so the audit can redo an
 * attacker's arithmetic on it.
 */
export const label = (key: string, text: string): DisclosureColumn => ({ key, label: text, kind: 'label' });

/** A count of people. */
export const count = (
  key: string,
  text: string,
  term: Term,
  extra: Partial<DisclosureColumn> = {},
): DisclosureColumn => ({
  key,
  label: text,
  kind: 'count',
  format: 'integer',
  figure: { type: 'count', term },
  ...extra,
});

/** A count a shown rate rests on, not shown itself. */
export const hiddenCount = (key: keyof typeof HIDDEN_COUNTS): DisclosureColumn =>
  count(key, HIDDEN_COUNTS[key].label, HIDDEN_COUNTS[key].term, { hidden: true });

/** The FTE of the people a count counts. */
export const fte = (key: string, text: string, term: Term, basis: readonly string[]): DisclosureColumn => ({
  key,
  label: text,
  kind: 'derived',
  format: 'decimal',
  basis,
  figure: { type: 'fte', term: { ...term, fte: true } },
});

/** A rate of recruitment_rates, as a percentage. */
export const rate = (definition: RateDefinition): DisclosureColumn => ({
  key: definition.key,
  label: definition.label,
  kind: 'derived',
  format: 'percent',
  basis: definition.basis,
  ...(definition.numerator && definition.denominator
    ? {
        figure: {
          type: 'ratio',
          scale: 100,
          num: definition.numerator,
          den: definition.denominator,
          emptyMeansNoDenominator: true,
        },
      }
    : {}),
});

/**
 * A figure that is a function of shown counts alone (a share of a shown total, its interval, a
 * ratio to a published community share): withheld with any of them, and otherwise telling an
 * attacker nothing the counts do not.
 */
export const derived = (
  key: string,
  text: string,
  basis: readonly (string | RowBasis)[],
  format: DisclosureColumn['format'] = 'percent',
): DisclosureColumn => ({
  key,
  label: text,
  kind: 'derived',
  basis,
  format,
});

/** A figure that is not about people (vacant FTE, a date, a status). */
export const plain = (key: string, text: string, format?: DisclosureColumn['format']): DisclosureColumn => ({
  key,
  label: text,
  kind: 'plain',
  ...(format ? { format } : {}),
  ...(format ? { figure: { type: 'plain' } } : {}),
});
