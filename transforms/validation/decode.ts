import { isAscii } from 'node:buffer';
import type { IssueCode } from '../contract/issue-codes.ts';
import { decodeSingleByte, guessSingleByteEncoding, type SingleByteEncoding } from './single-byte.ts';

export { decodeWindows1252, WINDOWS_1252_HIGH } from './single-byte.ts';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'mac-roman';

export interface FileProblem {
  readonly code: IssueCode;
  readonly message: string;
}

const SNIFF_BYTES = 4096;
const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((byte, i) => bytes[i] === byte);

/** Recognises what a file is from its first bytes, when that rules it out as a CSV. */
export function sniffFileStart(start: Uint8Array): FileProblem | undefined {
  if (start.length === 0) return { code: 'FILE_EMPTY', message: 'The file is empty (0 bytes).' };
  if (startsWith(start, [0x50, 0x4b, 0x03, 0x04])) {
    return {
      code: 'FILE_EXCEL_WORKBOOK',
      message: 'This is an Excel workbook (.xlsx) or another ZIP archive, not a CSV file.',
    };
  }
  if (startsWith(start, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { code: 'FILE_EXCEL_WORKBOOK', message: 'This is an Excel 97–2003 workbook (.xls), not a CSV file.' };
  }
  if (startsWith(start, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { code: 'FILE_PDF', message: 'This is a PDF document, not a CSV file.' };
  const window = start.subarray(0, SNIFF_BYTES);
  // UTF-32's byte-order mark begins with UTF-16's (FF FE), so it is looked for first.
  const utf32Mark = startsWith(start, [0xff, 0xfe, 0x00, 0x00]) || startsWith(start, [0x00, 0x00, 0xfe, 0xff]);
  if (utf32Mark || looksLikeUtf32(window)) {
    return { code: 'FILE_UTF32', message: 'This file is UTF-32 text, not UTF-8.' };
  }
  if (startsWith(start, [0xff, 0xfe]) || startsWith(start, [0xfe, 0xff])) {
    return { code: 'FILE_UTF16', message: 'This file is UTF-16 text (Excel\'s "Unicode Text"), not UTF-8.' };
  }
  let evenNuls = 0;
  let oddNuls = 0;
  let controls = 0;
  for (let i = 0; i < window.length; i++) {
    const byte = window[i] as number;
    if (byte === 0) {
      if (i % 2 === 0) evenNuls++;
      else oddNuls++;
    } else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) {
      controls++;
    }
  }
  const pairs = window.length / 2;
  if (pairs >= 2 && (evenNuls > pairs * 0.3 || oddNuls > pairs * 0.3) && Math.min(evenNuls, oddNuls) < pairs * 0.05) {
    return { code: 'FILE_UTF16', message: 'This file is UTF-16 text (Excel\'s "Unicode Text"), not UTF-8.' };
  }
  if (evenNuls + oddNuls > 0 || controls > window.length * 0.01) {
    return { code: 'FILE_BINARY', message: 'This file holds binary data (control bytes), not CSV text.' };
  }
  return undefined;
}

/** Text in UTF-32 without a byte-order mark: in most groups of four bytes, three are NUL. */
function looksLikeUtf32(window: Uint8Array): boolean {
  const groups = Math.floor(window.length / 4);
  if (groups < 2) return false;
  let littleEndian = 0;
  let bigEndian = 0;
  for (let i = 0; i < groups * 4; i += 4) {
    if (window[i + 1] === 0 && window[i + 2] === 0 && window[i + 3] === 0 && window[i] !== 0) littleEndian++;
    if (window[i] === 0 && window[i + 1] === 0 && window[i + 2] === 0 && window[i + 3] !== 0) bigEndian++;
  }
  return Math.max(littleEndian, bigEndian) > groups * 0.7;
}

export interface DecodeLimits {
  readonly maxFileBytes: number;
}

/**
 * Turns a stream of byte chunks into text chunks, detecting the encoding as it goes: UTF-8 (with
 * or without BOM), or, when the first non-ASCII bytes are not UTF-8, Windows-1252 or Mac OS Roman
 * (whichever they spell more plausibly). Stops at the first problem that makes the file
 * unreadable and records it in `problem`.
 */
export class CsvTextDecoder {
  encoding: TextEncodingName | undefined;
  problem: FileProblem | undefined;
  /** The single-byte encoding the file was read in because it is not UTF-8, if it was. */
  fellBackTo: SingleByteEncoding | undefined;
  bytesRead = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private nonAsciiUtf8Seen = false;

  constructor(private readonly limits: DecodeLimits) {}

  async *decode(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
    let head: Uint8Array | undefined = new Uint8Array(0);
    for await (const chunk of source) {
      if (head !== undefined) {
        head = concat(head, chunk);
        if (head.length < SNIFF_BYTES) continue;
        const first: Uint8Array = head;
        head = undefined;
        yield* this.start(first);
      } else {
        yield* this.next(chunk);
      }
      if (this.problem) return;
    }
    if (head !== undefined) yield* this.start(head);
    if (this.problem) return;
    if (this.fellBackTo === undefined) {
      try {
        const tail = this.utf8.decode();
        if (tail) yield tail;
      } catch {
        this.problem = { code: 'FILE_ENCODING_MIXED', message: 'The file ends part-way through a UTF-8 character.' };
      }
    }
  }

  private *start(first: Uint8Array): Generator<string> {
    this.problem = sniffFileStart(first);
    if (this.problem) return;
    if (startsWith(first, [0xef, 0xbb, 0xbf])) {
      this.encoding = 'utf-8-bom';
      yield* this.next(first.subarray(3), 3);
    } else {
      this.encoding = 'utf-8';
      yield* this.next(first);
    }
  }

  private *next(chunk: Uint8Array, alreadyCounted = 0): Generator<string> {
    const offset = this.bytesRead;
    this.bytesRead += chunk.length + alreadyCounted;
    if (this.bytesRead > this.limits.maxFileBytes) {
      this.problem = {
        code: 'FILE_TOO_LARGE',
        message: `The file is larger than the ${formatBytes(this.limits.maxFileBytes)} the Trust allows.`,
      };
      return;
    }
    const nul = chunk.indexOf(0);
    if (nul !== -1) {
      this.problem = {
        code: 'FILE_BINARY',
        message: `The file has a NUL byte at byte ${offset + nul + alreadyCounted}; it is not CSV text.`,
      };
      return;
    }
    if (this.fellBackTo !== undefined) {
      yield decodeSingleByte(this.fellBackTo, chunk);
      return;
    }
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (isAscii(buffer) && !this.nonAsciiUtf8Seen) {
      yield buffer.toString('latin1');
      return;
    }
    try {
      const text = this.utf8.decode(chunk, { stream: true });
      this.nonAsciiUtf8Seen = true;
      yield text;
    } catch {
      const invalid = firstInvalidUtf8(chunk);
      if (this.nonAsciiUtf8Seen || invalid.utf8Before) {
        const at = offset + alreadyCounted + invalid.index;
        this.problem = {
          code: 'FILE_ENCODING_MIXED',
          message: `The file has UTF-8 text, and at byte ${at} a byte that is not UTF-8.`,
        };
        return;
      }
      this.fellBackTo = guessSingleByteEncoding(chunk);
      this.encoding = this.fellBackTo;
      yield decodeSingleByte(this.fellBackTo, chunk);
    }
  }
}

/** Where the first byte that is not UTF-8 is, and whether a multi-byte UTF-8 character came before it. */
export function firstInvalidUtf8(bytes: Uint8Array): { readonly index: number; readonly utf8Before: boolean } {
  let utf8Before = false;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead <= 0xdf
          ? 2
          : lead >= 0xe0 && lead <= 0xef
            ? 3
            : lead >= 0xf0 && lead <= 0xf4
              ? 4
              : 0;
    if (length === 0 || i + length > bytes.length) return { index: i, utf8Before };
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return { index: i, utf8Before };
    if (length > 1) utf8Before = true;
    i += length;
  }
  return { index: bytes.length, utf8Before };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
