/**
 * The report's only styles: inline, so the file stands alone. On screen, a column of at most
 * 1100 px; every table shows whole on a desktop screen (beside its chart if it fits there, below it
 * if not); a table too wide for a phone scrolls in its own box under its caption, its first column
 * held, never the page. Printed, A4 with 15 mm margins: the headline under the title on the first
 * sheet, each other section starting a sheet, a section whose tables need it (class `wide`, decided
 * in layout.ts from their columns) on A4 landscape pages; no table's caption, header or last rows
 * left alone at a page's foot or head. No text is smaller than 9 pt (12 px) printed.
 */
export const REPORT_STYLE = `
:root { color: #0b0c0c; font-family: Arial, Helvetica, sans-serif; line-height: 1.4; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.9rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.4rem; border-top: 4px solid #1d70b8; padding-top: 0.6rem; margin-top: 2.4rem; }
h1 .date { white-space: nowrap; }
.kicker { color: #505a5f; font-size: 1.1rem; margin: 0; }
.meta { color: #505a5f; }
.notices { border-left: 6px solid #d4351c; padding: 0 0.8rem; }
nav ol { columns: 2; list-style: none; padding-left: 0; }
a { color: #1d70b8; }
.findings { background: #f3f2f1; border-left: 6px solid #1d70b8; padding: 0.8rem 0.8rem 0.8rem 2rem; }
.findings li { margin: 0.3rem 0; }
.findings li.lead { list-style: none; font-weight: 600; }
.trend { display: inline-block; font-size: 0.85rem; font-weight: bold; padding: 0 0.4em; margin-right: 0.3em;
  border: 1px solid currentColor; border-radius: 3px; background: #fff; }
.trend-better .trend { color: #00703c; }
.trend-worse .trend { color: #d4351c; }
.trend-no-real-change .trend { color: #505a5f; }
.block { margin: 1.4rem 0 2rem; }
.pair { display: flex; flex-wrap: wrap; gap: 8px 32px; align-items: flex-start; }
.pair > figure { flex: 0 1 auto; min-width: 0; }
.pair > .numbers { flex: 1 1 320px; }
figure.chart { margin: 0 0 0.8rem; max-width: 100%; }
figure.chart .drawing { overflow-x: auto; }
figure.chart svg { display: block; max-width: none; height: auto; }
figcaption { font-weight: bold; margin-bottom: 0.4rem; }
.numbers { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.875rem; width: 100%; }
caption { text-align: left; padding-bottom: 0.4rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; vertical-align: bottom; }
/* A row's name (a sector, a role, a date) on one or two lines, not a column of single words. */
tbody th { min-width: 10em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
dl.notes dt { font-weight: bold; margin-top: 0.6rem; }
dl.notes dd { margin-left: 0; }
@media screen {
  .numbers th:first-child { position: sticky; left: 0; z-index: 1; background: #fff; }
  /* A table wider than its box scrolls under its caption, which stays as wide as the box: read without scrolling. */
  .numbers { container-type: inline-size; }
  .numbers caption { position: sticky; left: 0; max-width: 100cqi; }
  .numbers:focus-visible { outline: 3px solid #ffdd00; }
}
/* Beside its chart a table is never squeezed into scrolling: where it does not fit beside it, it goes below. */
@media screen and (min-width: 1000px) {
  .pair > .numbers { container-type: normal; min-width: min-content; }
}
@media screen and (max-width: 640px) {
  body { padding: 16px; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.25rem; }
  nav ol { columns: 1; }
  .findings { padding-left: 1.4rem; }
  tbody th { min-width: 7em; }
}
@page { size: A4 portrait; margin: 15mm; }
@page wide { size: A4 landscape; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  main > section { break-before: page; }
  /* The headline follows the title on the first sheet, not a sheet of its own. */
  main > section:first-child:not(.wide) { break-before: auto; }
  main > section.wide { page: wide; }
  h1 { font-size: 18pt; }
  h2 { margin-top: 0; font-size: 16pt; }
  .findings { padding-top: 0.4rem; padding-bottom: 0.4rem; }
  .findings li { margin: 0.2rem 0; }
  h2, caption, figcaption { break-after: avoid; }
  table { font-size: 10pt; }
  th, td { padding: 2px 5px; }
  /* The headline table's measures each on one line: the table fits the first sheet, under the headline. */
  #table-headline tbody th { white-space: nowrap; }
  tr, caption, figure, .findings li { break-inside: avoid; }
  /* No table leaves one or two rows alone at the foot or the head of a page. */
  tbody tr:nth-child(-n + 2) { break-after: avoid; }
  tbody tr:first-child { break-before: avoid; }
  tbody tr:nth-last-child(-n + 2) { break-before: avoid; }
  .pair { display: block; }
  .numbers, figure.chart .drawing { overflow: visible; }
  .findings, .trend { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;
