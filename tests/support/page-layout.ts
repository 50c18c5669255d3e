import type { Page } from 'playwright-core';

/**
 * Measurements of the report's page in the browser, as a reader would meet them: whether the page
 * scrolls sideways, whether every column of every table can be brought into view, whether a table
 * or chart is wider than the printed page, and how big the charts' text is and whether it is cut.
 * (The tests compile without the DOM library: the few parts of it used here are declared below.)
 */

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
}
interface Element_ {
  readonly id: string;
  readonly tagName: string;
  readonly textContent: string | null;
  readonly classList: { contains(name: string): boolean };
  readonly parentElement: Element_ | null;
  scrollLeft: number;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
  closest(selector: string): Element_ | null;
  querySelector(selector: string): Element_ | null;
  querySelectorAll(selector: string): Iterable<Element_>;
}
declare const window: { readonly innerWidth: number };
declare const document: {
  readonly documentElement: { readonly scrollWidth: number };
  querySelectorAll(selector: string): Iterable<Element_>;
};
declare function getComputedStyle(element: Element_): {
  readonly overflowX: string;
  readonly position: string;
  readonly fontSize: string;
};

/** How far the page itself scrolls sideways, in CSS pixels (0 or less: not at all). */
export const sidewaysScroll = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/**
 * Each table column (its heading cell) and chart that cannot be brought whole into view: one that
 * runs off the screen, or is cut by a box that does not scroll, or (in a box that scrolls) whose
 * left or right edge cannot be scrolled into view clear of the table's held first column; and each
 * table caption that runs past the screen (to be read only by scrolling sideways).
 */
export const unreachable = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const problems: string[] = [];
    const clipper = (element: Element_) => {
      let box = element.parentElement;
      while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
      return box;
    };
    const targets = [...document.querySelectorAll('thead th'), ...document.querySelectorAll('figure.chart svg')];
    for (const target of targets) {
      const name = `${target.closest('[id]')?.id ?? ''} ${target.tagName.toLowerCase()} "${(target.textContent ?? '').slice(0, 30)}"`;
      const box = clipper(target);
      const view = box ? box.getBoundingClientRect() : { left: 0, right: window.innerWidth };
      if (view.left < -1 || view.right > window.innerWidth + 1) problems.push(`${name}: its box runs off the screen`);
      if (!box || !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) {
        const at = target.getBoundingClientRect();
        if (at.left < view.left - 1 || at.right > view.right + 1) problems.push(`${name}: cut off`);
        continue;
      }
      const first = target.closest('tr')?.querySelector('th');
      const held =
        first && first !== target && getComputedStyle(first).position === 'sticky'
          ? first.getBoundingClientRect().width
          : 0;
      const start = box.scrollLeft;
      box.scrollLeft += target.getBoundingClientRect().left - (view.left + held);
      const leftSeen = target.getBoundingClientRect().left;
      box.scrollLeft += target.getBoundingClientRect().right - view.right;
      const rightSeen = target.getBoundingClientRect().right;
      box.scrollLeft = start;
      if (leftSeen < view.left + held - 1 || leftSeen > view.right)
        problems.push(`${name}: its left edge cannot be seen`);
      if (rightSeen > view.right + 1 || rightSeen < view.left + held)
        problems.push(`${name}: its right edge cannot be seen`);
    }
    // A caption is read without scrolling: it stays within its box and the screen.
    for (const caption of document.querySelectorAll('caption')) {
      const box = clipper(caption);
      const right = Math.min(box ? box.getBoundingClientRect().right : window.innerWidth, window.innerWidth);
      if (caption.getBoundingClientRect().right > right + 1) problems.push(`${caption.id}: runs past the screen`);
    }
    return problems;
  });

/** The tables that do not show whole in their box, and must be scrolled to be read. */
export const tablesScrolled = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('.numbers')]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => box.querySelector('table')?.id ?? ''),
  );

/**
 * With print media and the viewport as wide as the printable area of an A4 page (portrait or
 * landscape), each table, figure and drawing of a section printed that way that is wider than it.
 */
export const widerThanPage = (page: Page, orientation: 'portrait' | 'landscape'): Promise<string[]> =>
  page.evaluate((wanted) => {
    const problems: string[] = [];
    for (const section of document.querySelectorAll('main > section')) {
      if (section.classList.contains('wide') !== (wanted === 'landscape')) continue;
      for (const element of section.querySelectorAll('table, figure, svg')) {
        const right = element.getBoundingClientRect().right;
        if (right > window.innerWidth + 1) {
          const where = `${section.getAttribute('aria-labelledby')}: ${element.tagName.toLowerCase()} in #${element.closest('[id]')?.id ?? ''}`;
          problems.push(`${where} reaches ${Math.round(right)} px of ${window.innerWidth}`);
        }
      }
    }
    return problems;
  }, orientation);

export interface ChartText {
  /** The smallest chart text as drawn: its font size times the drawing's scale, in CSS px (12 px is 9 pt). */
  readonly smallestPx: number;
  /** Texts cut short with "…", or drawn partly outside their drawing (which cuts them). */
  readonly cut: string[];
}

/** The text of every chart: its size as drawn and any label cut short. */
export const chartText = (page: Page): Promise<ChartText> =>
  page.evaluate(() => {
    let smallestPx = Number.POSITIVE_INFINITY;
    const cut: string[] = [];
    for (const svg of document.querySelectorAll('figure.chart svg')) {
      const drawing = svg.getBoundingClientRect();
      const scale = drawing.width / Number(svg.getAttribute('width'));
      for (const text of svg.querySelectorAll('text')) {
        const words = text.textContent ?? '';
        if (!words.trim()) continue;
        smallestPx = Math.min(smallestPx, parseFloat(getComputedStyle(text).fontSize) * scale);
        const at = text.getBoundingClientRect();
        const outside =
          at.left < drawing.left - 0.5 ||
          at.right > drawing.right + 0.5 ||
          at.top < drawing.top - 0.5 ||
          at.bottom > drawing.bottom + 0.5;
        if (words.includes('…') || outside) cut.push(`${svg.closest('[id]')?.id ?? ''}: "${words}"`);
      }
    }
    return { smallestPx, cut };
  });
