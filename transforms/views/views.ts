import { readFileSync } from 'node:fs';
import type { TrustConfig } from '../config/trust-config.ts';
import { PARTNER_DATASETS } from '../contract/datasets/registry.ts';
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

/** The view's SQL with the Trust's community areas, partners and suppression threshold filled in. */
export function viewSql(name: ViewName, settings: ViewSettings): string {
  const values: Record<string, string> = {
    community_areas: settings.communityAreas.map(quote).join(', '),
    partners: settings.partners.map((partner) => `(${quote(partner.id)})`).join(', '),
    suppression_threshold: String(Math.trunc(settings.suppressionThreshold)),
    partner_datasets: PARTNER_DATASETS.map((dataset) => `(${quote(dataset)})`).join(', '),
    trust_uploader: quote(TRUST_UPLOADER),
  };
  return viewSqlTemplate(name).replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`View ${name} has an unknown placeholder ${placeholder}.`);
    return value;
  });
}
