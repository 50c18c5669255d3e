/** The report's only styles: inline, so the file stands alone; readable on screen and on A4. */
export const REPORT_STYLE = `
:root { color: #0b0c0c; font-family: Arial, Helvetica, sans-serif; line-height: 1.4; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.9rem; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.4rem; border-top: 4px solid #1d70b8; padding-top: 0.6rem; margin-top: 2.4rem; }
.kicker { color: #505a5f; font-size: 1.1rem; margin: 0; }
.meta { color: #505a5f; }
nav ol { columns: 2; padding-left: 1.2rem; }
a { color: #1d70b8; }
.findings { background: #f3f2f1; border-left: 6px solid #1d70b8; padding: 0.8rem 0.8rem 0.8rem 2rem; }
.findings li { margin: 0.3rem 0; }
.pair { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; margin: 1.2rem 0; }
.pair > figure { flex: 0 1 480px; margin: 0; }
.pair > .numbers { flex: 1 1 420px; overflow-x: auto; }
.numbers { margin: 1.2rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #505a5f; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.85rem; width: 100%; }
caption { text-align: left; padding-bottom: 0.4rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.notes dt { font-weight: bold; margin-top: 0.6rem; }
dl.notes dd { margin-left: 0; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-before: page; }
  h2:first-of-type { break-before: auto; }
  .pair, table, figure { break-inside: avoid; }
  .pair { display: block; }
  a { color: inherit; text-decoration: none; }
}
`;
