/**
 * The two single-byte encodings spreadsheets write when asked for plain "CSV": Windows-1252
 * (Excel on Windows, "CSV (Comma delimited)") and Mac OS Roman (Excel on a Mac, "Comma Separated
 * Values"). Both agree with ASCII; they differ in every byte from 0x80 up, so a file read in the
 * wrong one turns "Crèche" into "CrÏche" or "Children’s" into "ChildrenÕs". Which one a file is
 * written in is told from what its non-ASCII bytes spell in each.
 */
export type SingleByteEncoding = 'windows-1252' | 'mac-roman';

/** Windows-1252, 0x80–0x9F: the rest is Latin-1 (Node's TextDecoder treats it all as Latin-1). */
export const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Mac OS Roman, 0x80–0xFF (0xDB is the euro sign since Mac OS 8.5; 0xF0 the Apple logo). */
export const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü' +
  '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø' +
  '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ' +
  '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

const C1_RANGE = /[\u0080-\u009f]/g;
const HIGH_RANGE = /[\u0080-\u00ff]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  return latin1(bytes).replace(C1_RANGE, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

export function decodeMacRoman(bytes: Uint8Array): string {
  return latin1(bytes).replace(HIGH_RANGE, (c) => MAC_ROMAN_HIGH[c.charCodeAt(0) - 0x80] as string);
}

export function decodeSingleByte(encoding: SingleByteEncoding, bytes: Uint8Array): string {
  return encoding === 'mac-roman' ? decodeMacRoman(bytes) : decodeWindows1252(bytes);
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

const TYPOGRAPHY = new Set('’‘“”–—…€£');
const UNLIKELY = /[\u0080-\u009f√∆◊ﬁﬂ≈∂∑∏π∫Ω≠∞ı˘˙˚˝˛ˇ¯¸⁄\uf8ff¬]/u;
const LETTER = /\p{L}/u;
const LOWER = /\p{Ll}/u;

/**
 * How plausible a decoding is: non-ASCII letters inside words that keep the word's case, and
 * typographic punctuation, count for it; control characters and mathematical symbols, against.
 */
function plausibility(text: string): number {
  let score = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char.charCodeAt(0) < 0x80) continue;
    if (TYPOGRAPHY.has(char)) score += 1;
    else if (UNLIKELY.test(char)) score -= 2;
    else if (LETTER.test(char)) {
      const before = text[i - 1] ?? ' ';
      const after = text[i + 1] ?? ' ';
      const inWord = LETTER.test(before) || LETTER.test(after);
      const caseFits = LOWER.test(char) || !LOWER.test(before);
      score += inWord && caseFits ? 1 : -1;
    }
  }
  return score;
}

/** Which of the two a file's bytes are more plausibly written in; Windows-1252 when in doubt. */
export function guessSingleByteEncoding(bytes: Uint8Array): SingleByteEncoding {
  return plausibility(decodeMacRoman(bytes)) > plausibility(decodeWindows1252(bytes)) ? 'mac-roman' : 'windows-1252';
}
