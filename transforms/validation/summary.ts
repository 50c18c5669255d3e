import { ISSUE_CODES, type IssueCode } from '../contract/issue-codes.ts';
import { printableLine } from '../output/printable.ts';
import type { ValidationIssue, ValidationReport } from './report.ts';

const EXAMPLES_PER_CODE = 3;
const count = (n: number) => n.toLocaleString('en-GB');

/**
 * A readable summary of a report: the outcome, then each issue code with its count, first examples
 * and fix. Every line is printable: control characters from the file (escape sequences, line
 * breaks) are shown escaped, never passed to the reader's terminal.
 */
export function summarizeReport(report: ValidationReport, fileName?: string): string {
  const lines: string[] = [];
  const outcome = report.status === 'accepted' ? 'ACCEPTED' : 'REJECTED';
  lines.push(
    `${outcome}: ${fileName ? `${fileName} as ` : ''}${report.dataset}${report.period ? ` for period ${report.period}` : ' (no period given: checks against the period date were skipped)'}`,
  );
  lines.push(
    `Rows read ${count(report.rows.read)} · rows with errors ${count(report.rows.withErrors)} · rows with warnings ${count(report.rows.withWarnings)}${report.encoding ? ` · encoding ${report.encoding}` : ''}`,
  );
  const warningsHeading =
    report.status === 'accepted'
      ? 'Warnings (the file is accepted; check these)'
      : 'Warnings (check these too; on their own they would not stop the file)';
  for (const [heading, issues] of [
    ['Errors (the file cannot be accepted until these are fixed)', report.errors],
    [warningsHeading, report.warnings],
  ] as const) {
    if (issues.length === 0) continue;
    lines.push('', heading);
    for (const [code, examples] of groupByCode(issues)) {
      const total = report.issueCounts[code] ?? examples.length;
      lines.push(`  ${code} — ${ISSUE_CODES[code].title} (${count(total)} ${total === 1 ? 'time' : 'times'})`);
      for (const issue of examples.slice(0, EXAMPLES_PER_CODE)) lines.push(`    ${where(issue)}: ${issue.message}`);
      if (total > EXAMPLES_PER_CODE) lines.push(`    … and ${count(total - EXAMPLES_PER_CODE)} more`);
      lines.push(`    How to fix: ${ISSUE_CODES[code].fix}`);
    }
  }
  if (report.status === 'accepted' && report.warnings.length === 0) lines.push('', 'No issues found.');
  return lines.map(printableLine).join('\n');
}

function where(issue: ValidationIssue): string {
  const parts = [issue.row === null ? 'file' : `row ${issue.row}`];
  if (issue.column) parts.push(issue.column);
  return parts.join(', ');
}

function groupByCode(issues: readonly ValidationIssue[]): Map<IssueCode, ValidationIssue[]> {
  const groups = new Map<IssueCode, ValidationIssue[]>();
  for (const issue of issues) {
    const group = groups.get(issue.code);
    if (group) group.push(issue);
    else groups.set(issue.code, [issue]);
  }
  return groups;
}
