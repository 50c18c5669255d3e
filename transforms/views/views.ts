import { readFileSync } from 'node:fs';
import type { TrustConfig } from '../config/trust-config.ts';
import { PARTNER_DATASETS, PEOPLE_DATASET } from '../contract/datasets/registry.ts';
import { smallCountSql } from '../disclosure/threshold.ts';
import { TRUST_UPLOADER } from '../storage/object-layout.ts';

/** The analytics views, in the order they are created. Each is one SQL file for Athena and DuckDB alike. */
export const VIEW_NAMES = ['workforce_summary', 'recruitment_rates', 'diversity_vs_community', 'data_quality'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** The view's SQL as written, with its {{placeholders}} for the Trust's settings. */
export function viewSqlTemplate(name: ViewName): string {
  return readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8');
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

export type ViewSettings = Pick<TrustConfig, 'communityAreas' | 'partners' | 'suppressionThreshold'>;

/**
 * The view's SQL with the Trust's settings filled in: {{community_areas}}, {{partners}}, the
 * registry's {{partner_datasets}} and {{people_dataset}}, and {{small_count(column)}}, the suppression threshold's rule
 * (threshold.ts) on a column.
 */
export function viewSql(name: ViewName, settings: ViewSettings): string {
  const values: Record<string, string> = {
    community_areas: settings.communityAreas.map(quote).join(', '),
    partners: settings.partners.map((partner) => `(${quote(partner.id)})`).join(', '),
    partner_datasets: PARTNER_DATASETS.map((dataset) => `(${quote(dataset)})`).join(', '),
    people_dataset: quote(PEOPLE_DATASET),
    trust_uploader: quote(TRUST_UPLOADER),
  };
  const functions: Record<string, (argument: string) => string> = {
    small_count: (column) => smallCountSql(column, settings.suppressionThreshold),
  };
  return viewSqlTemplate(name).replace(
    /\{\{(\w+)(?:\((\w+)\))?\}\}/g,
    (placeholder, key: string, argument?: string) => {
      const value = argument === undefined ? values[key] : functions[key]?.(argument);
      if (value === undefined) throw new Error(`View ${name} has an unknown placeholder ${placeholder}.`);
      return value;
    },
  );
}
