import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasIsoDateForm, isIsoDate } from '../../transforms/contract/dates.ts';
import { csvCell, csvQuote } from '../../transforms/output/csv.ts';
import { escapeHtml, unescapeHtml } from '../../transforms/output/html.ts';

describe('The small helpers, each written once', () => {
  it('tells the form of an ISO date from a real one', () => {
    expect(['2026-09-30', '2024-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-09-31', '2025-02-29', '2026-13-01'].map((d) => [hasIsoDateForm(d), isIsoDate(d)])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(['30/09/2026', '2026-9-30', ' 2026-09-30', '2026-09-30T00:00'].some((d) => hasIsoDateForm(d))).toBe(false);
  });

  it('quotes CSV as RFC 4180 asks, and keeps a spreadsheet from running a cell as a formula', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', ' edge'].map(csvQuote)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '" edge"',
    ]);
    expect(['=SUM(A1)', '-3', '@cmd', 12, null].map(csvCell)).toEqual(["'=SUM(A1)", '-3', "'@cmd", '12', '']);
  });

  it('escapes HTML so that text is never markup, and reads it back', () => {
    const text = `<script>alert("x & y")</script> O'Brien`;
    expect(escapeHtml(text)).toBe("&lt;script&gt;alert(&quot;x &amp; y&quot;)&lt;/script&gt; O'Brien");
    expect(unescapeHtml(escapeHtml(text))).toBe(text);
    expect(unescapeHtml('O&#39;Brien &amp;lt;')).toBe("O'Brien &lt;");
  });

  it('has no copy elsewhere: no other source writes the ISO date pattern, CSV quoting or HTML escaping', () => {
    const copies = [
      { what: 'an ISO date pattern', pattern: /\(?\\d\{4\}\)?-\(?\\d\{2\}\)?-/, home: 'transforms/contract/dates.ts' },
      { what: 'CSV quoting', pattern: /replaceAll\('"', '""'\)/, home: 'transforms/output/csv.ts' },
      { what: 'HTML escaping', pattern: /'&(amp|lt|quot);'/, home: 'transforms/output/html.ts' },
    ];
    const files = ['transforms', 'functions', 'cli', 'infra', 'portal', 'sample-data', 'bench'].flatMap(sourceFiles);
    const found = copies.flatMap(({ what, pattern, home }) =>
      files
        .filter((file) => file !== home && pattern.test(readFileSync(file, 'utf8')))
        .map((file) => `${what} in ${file}`),
    );

    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    // Built or generated output (bench/data's bundles, dist) is not source: it copies what it bundles.
    if (statSync(path).isDirectory()) return ['node_modules', 'dist', 'data'].includes(name) ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}
