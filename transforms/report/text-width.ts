/**
 * How wide the charts' text is, for laying them out on the server where there is no canvas to
 * measure with: the widths of Helvetica's characters (Adobe's core font metrics, which Arial and
 * Liberation Sans share), in thousandths of the font size. Without them vega guesses every
 * character at 0.8 of the font size, leaving a wide empty margin beside each chart's labels.
 */

/** Characters from space (32) to tilde (126), regular weight. */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

/** The same, bold. */
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];

/** Any other character (a dash, ÷, an accented letter): as wide as the widest common letters. */
const OTHER = 778;
/** A little over the metrics, so that a difference in rendering never cuts a label. */
const ALLOWANCE = 1.04;

/** The width in pixels of a line of text in Arial at a size in pixels. */
export function arialWidth(text: string, fontSizePx: number, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let thousandths = 0;
  for (const character of text) thousandths += widths[(character.codePointAt(0) ?? 0) - 32] ?? OTHER;
  return (thousandths / 1000) * fontSizePx * ALLOWANCE;
}

/** The parts of a vega text item its width depends on. */
interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
}

/** vega's text measure (vega-scenegraph's `textMetrics.width`): the width of one line of an item's text. */
export function measureTextItem(item: TextItem, line: string | number | null | undefined): number {
  const text = line === null || line === undefined ? '' : String(line).trim();
  const size = item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  return arialWidth(text, size, bold);
}
