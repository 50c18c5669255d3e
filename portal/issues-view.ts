import { ISSUE_CODES, type IssueCode } from '../transforms/contract/issue-codes.ts';
import type { ValidationIssue, ValidationReport } from '../transforms/validation/report.ts';
import { el, plural } from './dom.ts';

const SHOWN = 10;

function issueRows(issues: readonly ValidationIssue[]): HTMLTableSectionElement {
  return el(
    'tbody',
    {},
    issues.map((issue) =>
      el(
        'tr',
        {},
        el('td', { class: 'num' }, issue.row === null ? 'file' : String(issue.row)),
        el('td', {}, issue.column ?? ''),
        el('td', { class: 'value' }, issue.value ?? ''),
        el('td', {}, issue.message),
      ),
    ),
  );
}

const head = () =>
  el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { class: 'num', scope: 'col' }, 'Row'),
      el('th', { scope: 'col' }, 'Column'),
      el('th', { scope: 'col' }, 'Value'),
      el('th', { scope: 'col' }, 'Problem'),
    ),
  );

/**
 * Every issue of a report, grouped by code as `workforce validate` groups them: the code, what is
 * wrong, how many times, how to fix it, and each listed issue with its row, column and value.
 */
export function issueGroups(report: ValidationReport): HTMLElement[] {
  const sections: HTMLElement[] = [];
  for (const [heading, issues] of [
    ['Errors — the file cannot be accepted until these are fixed', report.errors],
    ['Warnings — the file is accepted; check these', report.warnings],
  ] as const) {
    if (issues.length === 0) continue;
    const groups = new Map<IssueCode, ValidationIssue[]>();
    for (const issue of issues) groups.set(issue.code, [...(groups.get(issue.code) ?? []), issue]);
    sections.push(el('h3', {}, heading));
    for (const [code, listed] of groups) {
      const total = report.issueCounts[code] ?? listed.length;
      const unlisted = total - listed.length;
      sections.push(
        el(
          'section',
          { class: 'issue-group', 'data-code': code },
          el('h4', {}, el('span', { class: 'code' }, code), `${ISSUE_CODES[code].title} (${plural(total, 'time')})`),
          el('p', { class: 'fix' }, el('strong', {}, 'How to fix: '), ISSUE_CODES[code].fix),
          el('table', {}, head(), issueRows(listed.slice(0, SHOWN))),
          listed.length > SHOWN
            ? el(
                'details',
                {},
                el('summary', {}, `Show the other ${plural(listed.length - SHOWN, 'issue')} of this kind`),
                el('table', {}, head(), issueRows(listed.slice(SHOWN))),
              )
            : null,
          unlisted > 0 ? el('p', { class: 'small' }, `… and ${plural(unlisted, 'more')} not listed.`) : null,
        ),
      );
    }
  }
  return sections;
}

/** The report's counts in one line. */
export function summaryLine(report: ValidationReport): string {
  const errors = Object.entries(report.issueCounts).reduce(
    (n, [code, c]) => n + (ISSUE_CODES[code as IssueCode].severity === 'error' ? (c ?? 0) : 0),
    0,
  );
  const warnings = Object.entries(report.issueCounts).reduce(
    (n, [code, c]) => n + (ISSUE_CODES[code as IssueCode].severity === 'warning' ? (c ?? 0) : 0),
    0,
  );
  const errorText = errors ? `${plural(errors, 'error')} in ${plural(report.rows.withErrors, 'row')}` : 'no errors';
  return `Rows read ${report.rows.read.toLocaleString('en-GB')} · ${errorText} · ${warnings ? plural(warnings, 'warning') : 'no warnings'}${report.encoding ? ` · encoding ${report.encoding}` : ''}`;
}
