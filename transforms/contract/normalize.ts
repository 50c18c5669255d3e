/**
 * The forgiving match used for header names and codes: case, surrounding spaces, and runs of
 * spaces, hyphens or underscores do not matter (`Staff Ref` = `staff_ref`, `Self-employed` =
 * `self_employed`).
 */
export function normalizeKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}
