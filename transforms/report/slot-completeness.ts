import { openPeriods, type CollectionRule } from '../config/collection-periods.ts';
import { PARTNER_DATASETS } from '../contract/datasets/registry.ts';
import { parseSlotMarker, type SlotMarker } from '../ingest/slot-writes.ts';
import { slotMarkerKey, type Slot } from '../storage/object-layout.ts';

/** Reads a lake object's text by its key (lake/…): the lake bucket in AWS, the lake folder locally. */
export type LakeReader = (key: string) => Promise<string | undefined>;

export interface IncompleteSlot extends Slot {
  readonly marker: SlotMarker;
}

/** The lake is part-way through writing a slot the report would read: it names each one. */
export class SlotIncompleteError extends Error {
  override readonly name = 'SlotIncompleteError';

  constructor(readonly slots: readonly IncompleteSlot[]) {
    const named = slots.map(
      (s) => `${s.partnerId}'s ${s.dataset} for ${s.period} (upload ${s.marker.uploadId}, since ${s.marker.at})`,
    );
    super(
      `The report was not written: the lake is part-way through writing ${named.join('; ')}, ` +
        'so its tables do not yet agree. The ingest retries an upload within minutes; run the report again then. ' +
        "If this persists, the upload is in the ingest's dead-letter queue: redrive it, or have the partner upload " +
        'the file again.',
    );
  }
}

export interface SlotSettings extends CollectionRule {
  readonly partners: readonly { readonly id: string }[];
}

/** Every slot a report can read: each partner's datasets for each open period. */
export function reportSlots(settings: SlotSettings, today: string): Slot[] {
  return openPeriods(settings, today).flatMap((period) =>
    settings.partners.flatMap((partner) =>
      PARTNER_DATASETS.map((dataset) => ({ partnerId: partner.id, dataset, period })),
    ),
  );
}

/** Refuses (SlotIncompleteError) if any slot the report reads is still being written. */
export async function assertSlotsComplete(read: LakeReader, settings: SlotSettings, today: string): Promise<void> {
  const slots = reportSlots(settings, today);
  const incomplete: IncompleteSlot[] = [];
  for (let i = 0; i < slots.length; i += 16) {
    const batch = slots.slice(i, i + 16);
    const markers = await Promise.all(batch.map(async (slot) => parseSlotMarker(await read(slotMarkerKey(slot)))));
    batch.forEach((slot, j) => {
      const marker = markers[j];
      if (marker?.state === 'writing') incomplete.push({ ...slot, marker });
    });
  }
  if (incomplete.length > 0) throw new SlotIncompleteError(incomplete);
}
