/**
 * Which of two uploads for the same partner, dataset and period was sent later. S3 gives three
 * clues, none enough alone: its Last-Modified time has one-second resolution; an event's
 * `sequencer` orders the writes to one key (and only to one key); version ids are opaque.
 */
export interface UploadStamp {
  readonly key: string;
  /** When S3 stored the object: ISO time, in practice to the second. */
  readonly lastModified: string;
  /** The S3 event's sequencer, when the event carried one. */
  readonly sequencer?: string | undefined;
}

/** `uncertain`: stored within the same second under different keys, so nothing tells the order. */
export type UploadOrder = 'earlier' | 'later' | 'uncertain';

/**
 * S3's rule for sequencers of one key: right-pad the shorter with zeros, then compare as text;
 * the greater was written later.
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const [x, y] = [a.toUpperCase().padEnd(width, '0'), b.toUpperCase().padEnd(width, '0')];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Where `incoming` stands against `current`. */
export function orderOf(incoming: UploadStamp, current: UploadStamp): UploadOrder {
  if (incoming.key === current.key && incoming.sequencer && current.sequencer) {
    const byWrite = compareSequencers(incoming.sequencer, current.sequencer);
    if (byWrite !== 0) return byWrite > 0 ? 'later' : 'earlier';
  }
  const [a, b] = [Date.parse(incoming.lastModified), Date.parse(current.lastModified)];
  if (a !== b) return a > b ? 'later' : 'earlier';
  return 'uncertain';
}
