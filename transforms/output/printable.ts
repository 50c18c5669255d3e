/**
 * Text from a partner's file (values, file names) ends up in terminals and in plain-text
 * summaries. There, control characters are instructions, not text: an ESC starts an ANSI or OSC
 * sequence that can recolour, retitle or clear the reader's terminal, and a line break can forge
 * a line of the summary. These functions show such characters as escapes (`\u001b`, `\u202e`), so
 * the reader sees exactly what the file holds and the terminal does nothing it was not told to.
 * The escapes are JSON's, so JSON stays valid JSON, with the same values, when it is printed so.
 */

// C0 controls, DEL, C1 controls, and the bidirectional overrides and isolates ("Trojan Source").
// eslint-disable-next-line no-control-regex -- finding control characters is this module's purpose
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, sparing tab and line breaks
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One line of text as it can be shown: every control character, line breaks included, escaped. */
export function printableLine(text: string): string {
  return text.replace(ANY_CONTROL, escape);
}

/** Text of several lines as it can be shown: line breaks and tabs kept, other controls escaped. */
export function printableText(text: string): string {
  return text.replace(CONTROL_BUT_LINES, escape);
}
