/**
 * The two things the validator takes from Node's `buffer` module, for the browser: `isAscii`, and
 * `Buffer.from(bytes).toString('latin1')`. Same results, so the browser checks a file exactly as
 * the pipeline does.
 */
export function isAscii(bytes: Uint8Array): boolean {
  const words =
    bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : undefined;
  let i = 0;
  if (words) {
    for (const word of words) if (word & 0x80808080) return false;
    i = words.length * 4;
  }
  for (; i < bytes.length; i++) if ((bytes[i] as number) & 0x80) return false;
  return true;
}

const ascii = new TextDecoder('utf-8');

/** Latin-1: each byte is the code point of the same number. */
function latin1(bytes: Uint8Array): string {
  if (isAscii(bytes)) return ascii.decode(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** A view of bytes, as Node's Buffer is, with the one encoding the validator asks of it. */
class BrowserBuffer extends Uint8Array {
  static override from(...args: unknown[]): BrowserBuffer {
    const [buffer, byteOffset, length] = args as [ArrayBuffer, number | undefined, number | undefined];
    return new BrowserBuffer(buffer, byteOffset ?? 0, length);
  }

  override toString(encoding?: string): string {
    if (encoding !== 'latin1') throw new Error(`Buffer stand-in: ${encoding ?? 'no encoding'} is not supported.`);
    return latin1(this);
  }
}

export const Buffer = BrowserBuffer;
