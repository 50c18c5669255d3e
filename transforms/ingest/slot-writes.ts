import { slotMarkerKey, type Slot } from '../storage/object-layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/**
 * Whether a slot's lake files (one partner's dataset for one period) are being written. An
 * accepted upload writes several objects: its table files (three for a workforce file), the
 * superseded upload's record, the ledger, its own submission record. A crash between them leaves
 * the slot's tables disagreeing until the queue's retry finishes the job. So the ingest marks the
 * slot `writing` before its first write and `complete` after its last, and a report refuses to
 * run over a slot that is still `writing`.
 *
 * The marker lives under the lake's prefix (`lake/_slots/`), outside every table's location, so
 * the report function reads it with the access it has to the lake, and a local run's lake folder
 * carries it.
 */
export interface SlotMarker {
  readonly state: 'writing' | 'complete';
  /** The upload being (or last) written into the slot. */
  readonly uploadId: string;
  /** When the marker was written (ISO 8601, UTC). */
  readonly at: string;
}

export async function markSlot(store: ObjectStore, lakeBucket: string, slot: Slot, marker: SlotMarker): Promise<void> {
  await store.putObject(lakeBucket, slotMarkerKey(slot), JSON.stringify(marker), 'application/json');
}

/** A marker's text as written, or undefined for a slot never written (or written before markers). */
export function parseSlotMarker(text: string | undefined): SlotMarker | undefined {
  if (text === undefined) return undefined;
  const marker = JSON.parse(text) as Partial<SlotMarker>;
  if ((marker.state !== 'writing' && marker.state !== 'complete') || typeof marker.uploadId !== 'string') {
    throw new Error(`A slot marker is not one the ingest writes: ${text.slice(0, 200)}`);
  }
  return { state: marker.state, uploadId: marker.uploadId, at: String(marker.at ?? '') };
}
