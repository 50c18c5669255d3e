/**
 * Remembers values to spot repeats, in flat typed arrays rather than a Map of strings: a
 * million staff references take 24 MB, not a few hundred. Each value is kept as a 64-bit
 * fingerprint (two independent 32-bit FNV-1a hashes) with the row it was first seen on. Two
 * different values share a fingerprint with a chance of about n² / 2⁶⁵: for two million rows,
 * one in ten million files.
 */
export class UniqueValues {
  private capacity = 1 << 18;
  private size = 0;
  private low = new Int32Array(this.capacity);
  private high = new Int32Array(this.capacity);
  private rows = new Int32Array(this.capacity);

  /** The row the value was first seen on, or undefined when it is new (and now remembered at `row`). */
  firstRowOf(value: string, row: number): number | undefined {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ value.length;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    // Zero marks an empty slot, so a fingerprint is never zero.
    if (a === 0 && b === 0) a = 1;
    const mask = this.capacity - 1;
    for (let slot = (a ^ (b >>> 7)) & mask; ; slot = (slot + 1) & mask) {
      const storedLow = this.low[slot] as number;
      if (storedLow === 0 && this.high[slot] === 0) {
        this.low[slot] = a;
        this.high[slot] = b;
        this.rows[slot] = row;
        if (++this.size * 2 > this.capacity) this.grow();
        return undefined;
      }
      if (storedLow === a && this.high[slot] === b) return this.rows[slot];
    }
  }

  private grow(): void {
    const { low, high, rows } = this;
    this.capacity *= 2;
    this.low = new Int32Array(this.capacity);
    this.high = new Int32Array(this.capacity);
    this.rows = new Int32Array(this.capacity);
    const mask = this.capacity - 1;
    for (let i = 0; i < low.length; i++) {
      const a = low[i] as number;
      const b = high[i] as number;
      if (a === 0 && b === 0) continue;
      let slot = (a ^ (b >>> 7)) & mask;
      while (this.low[slot] !== 0 || this.high[slot] !== 0) slot = (slot + 1) & mask;
      this.low[slot] = a;
      this.high[slot] = b;
      this.rows[slot] = rows[i] as number;
    }
  }
}
