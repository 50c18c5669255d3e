import { openPeriods } from '../config/collection-periods.ts';
import type { TrustConfig } from '../config/trust-config.ts';
import { PARTNER_DATASETS, type DatasetName } from '../contract/datasets/registry.ts';
import { HISTORY_LIMIT, latestInSlot, type HistoryEntry } from './history.ts';
import type { PortalBuckets, PortalReader } from './ports.ts';
import { ledgerKey } from '../storage/object-layout.ts';

/**
 * Where one partner stands on one dataset for one period: `accepted` (an upload is in force),
 * `rejected` (only rejected uploads, none in force), `missing` (nothing sent).
 */
export type CoverageStatus = 'accepted' | 'rejected' | 'missing';

export interface CoverageCell {
  readonly dataset: DatasetName;
  readonly status: CoverageStatus;
  /** The latest upload's outcome, when it differs from what is in force (a rejected resubmission). */
  readonly latest: HistoryEntry | null;
}

/** The key of the record of which upload is in force for a slot (written by the ingest). */

/** The partner datasets for a period, each with where it stands, from the partner's history. */
export async function partnerCoverage(
  reader: PortalReader,
  buckets: PortalBuckets,
  partnerId: string,
  period: string,
  history: readonly HistoryEntry[],
): Promise<CoverageCell[]> {
  return Promise.all(
    PARTNER_DATASETS.map(async (dataset) => {
      const slot = { partnerId, dataset, period };
      const inForce = (await reader.getText(buckets.lakeBucket, ledgerKey(slot))) !== undefined;
      // From the history; when the history is cut short (HISTORY_LIMIT), the slot's own newest report.
      const latest =
        history.find((h) => h.dataset === dataset && h.period === period) ??
        (history.length >= HISTORY_LIMIT ? await latestInSlot(reader, buckets, slot) : null);
      const status: CoverageStatus = inForce ? 'accepted' : latest ? 'rejected' : 'missing';
      return { dataset, status, latest };
    }),
  );
}

/** The open periods, newest first: the one a partner is asked for now comes first. */
export const periodsNewestFirst = (config: TrustConfig, today: string): string[] =>
  openPeriods(config, today).reverse();
