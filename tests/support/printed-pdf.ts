import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A printed PDF read back as a reader gets it (poppler's pdftotext and pdftoppm): each page's size,
 * its words where they are printed, and whether anything is printed in its margins.
 */

/** The report's print margins (style.ts: `@page { margin: 15mm }`) and its smallest printed text. */
export const PRINT = { marginMm: 15, smallestTextPt: 9 } as const;

const A4_PT = { short: 595.92, long: 842.88 };

export interface PrintedWord {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

export interface PrintedPage {
  /** From 1. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly words: readonly PrintedWord[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity] ?? entity);

/** Every page of a PDF with its words and their boxes, in points from the page's top left. */
export function printedPages(pdfPath: string): PrintedPage[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages: PrintedPage[] = [];
  for (const [, width, height, body] of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [
      ...(body as string).matchAll(
        /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g,
      ),
    ].map(([, xMin, yMin, xMax, yMax, text]) => ({
      text: unescape(text as string),
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    }));
    pages.push({ number: pages.length + 1, width: Number(width), height: Number(height), words });
  }
  return pages;
}

/** The text of a page, its words in print order joined by spaces. */
export const pageText = (page: PrintedPage): string => page.words.map((w) => w.text).join(' ');

/** The first page whose text holds a phrase (a heading, say). */
export function pageWith(pages: readonly PrintedPage[], phrase: string): PrintedPage | undefined {
  return pages.find((page) => pageText(page).includes(phrase));
}

const isA4 = (page: PrintedPage) =>
  [
    [A4_PT.short, A4_PT.long],
    [A4_PT.long, A4_PT.short],
  ].some(([w, h]) => Math.abs(page.width - (w as number)) < 2 && Math.abs(page.height - (h as number)) < 2);

/**
 * What a reader of the printed pages would find wrong: a page not A4; text smaller than 9 pt (as
 * Chromium shrinks a whole document whose content is wider than its page); ink in a page's margins
 * (content cut at the paper's edge, or a drawing taller than its page). `heightPerPoint` is the
 * height pdftotext gives a word per point of font size, measured on the same browser and fonts.
 */
export function printProblems(pdfPath: string, heightPerPoint: number): string[] {
  const pages = printedPages(pdfPath);
  const problems: string[] = [];
  for (const page of pages) {
    if (!isA4(page)) problems.push(`page ${page.number} is ${page.width} × ${page.height} pt, not A4`);
    const small = page.words.filter((w) => (w.yMax - w.yMin) / heightPerPoint < PRINT.smallestTextPt - 0.05);
    if (small.length) {
      const pt = ((small[0] as PrintedWord).yMax - (small[0] as PrintedWord).yMin) / heightPerPoint;
      const sample = small.slice(0, 3).map((w) => `"${w.text}"`);
      problems.push(
        `page ${page.number}: ${small.length} words under 9 pt (${sample.join(', ')} at ${pt.toFixed(1)} pt)`,
      );
    }
  }
  for (const ink of marginInk(pdfPath))
    problems.push(`page ${ink.page}: printed ${ink.depthMm} mm into the ${ink.side} margin`);
  return problems;
}

interface MarginInk {
  readonly page: number;
  readonly side: 'left' | 'right' | 'top' | 'bottom';
  /** How far into the margin, from the edge of the printable area, the ink reaches. */
  readonly depthMm: number;
}

const DPI = 48;
/** Anti-aliasing at the edge of the printable area is not ink in the margin. */
const TOLERANCE_MM = 1;
/** Paper is 255; anything darker is printed (the palest colour the report prints is #f3f2f1, 242). */
const INK = 250;

/** Pages rendered in grey at a low resolution, and each margin searched for ink. */
function marginInk(pdfPath: string): MarginInk[] {
  const folder = mkdtempSync(join(tmpdir(), 'printed-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', pdfPath, join(folder, 'page')]);
    const files = readdirSync(folder).sort();
    return files.flatMap((file, index) => pageInk(readFileSync(join(folder, file)), index + 1));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The ink in the margins of one page, a binary PGM (P5) image. */
function pageInk(pgm: Buffer, page: number): MarginInk[] {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`page ${page}: not a binary PGM image`);
  const [text, w, h] = header as unknown as [string, string, string];
  const [width, height] = [Number(w), Number(h)];
  const pixels = pgm.subarray(text.length);
  const pxPerMm = DPI / 25.4;
  const free = Math.floor((PRINT.marginMm - TOLERANCE_MM) * pxPerMm);
  const found: Record<MarginInk['side'], number> = { left: 0, right: 0, top: 0, bottom: 0 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((pixels[y * width + x] as number) >= INK) continue;
      if (x < free) found.left = Math.max(found.left, free - x);
      if (x >= width - free) found.right = Math.max(found.right, x - (width - free) + 1);
      if (y < free) found.top = Math.max(found.top, free - y);
      if (y >= height - free) found.bottom = Math.max(found.bottom, y - (height - free) + 1);
    }
  }
  return (Object.entries(found) as [MarginInk['side'], number][])
    .filter(([, depth]) => depth > 0)
    .map(([side, depth]) => ({ page, side, depthMm: Math.round((depth / pxPerMm + TOLERANCE_MM) * 10) / 10 }));
}

/** One page of a PDF as a PNG, for a person to look at. */
export function pageImage(pdfPath: string, page: number, pngPath: string, dpi = 96): void {
  const args = ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile'];
  execFileSync('pdftoppm', [...args, pdfPath, pngPath.replace(/\.png$/, '')]);
}
