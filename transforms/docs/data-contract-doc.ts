import type { CodeList } from '../contract/code-lists.ts';
import { DIMENSION_CATEGORIES } from '../contract/code-lists.ts';
import type { ColumnSpec, DatasetDefinition } from '../contract/dataset.ts';
import { DATASET_NAMES, datasetDefinition } from '../contract/datasets/registry.ts';
import { fieldMeta } from '../contract/fields.ts';
import { ISSUE_CODES, type IssueCode } from '../contract/issue-codes.ts';
import { LISTED_PER_CODE } from '../validation/report.ts';
import { MAX_ROWS_ABOVE_HEADER } from '../validation/header-finder.ts';
import { DEFAULT_LIMITS } from '../contract/limits.ts';
import { MAX_COLUMNS } from '../validation/validate.ts';
import { UPLOAD_KEY_FORM } from '../storage/object-layout.ts';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const anchor = (list: CodeList) => `code-list-${list.name.replaceAll('_', '-')}`;

function requirementText(spec: ColumnSpec): string {
  if (spec.requirement === 'required') return 'yes';
  if (spec.requirement === 'optional') return 'no';
  return `for ${spec.requirement.when}`;
}

function ruleText(spec: ColumnSpec): string {
  const meta = fieldMeta(spec.field);
  const rule = meta.codeList ? `one of the [${meta.codeList.name}](#${anchor(meta.codeList)}) codes` : meta.rule;
  return spec.unique ? `${rule}; unique in the file` : rule;
}

function datasetSection(dataset: DatasetDefinition): string {
  const columns = Object.entries(dataset.columns).map(
    ([name, spec]) => `| \`${name}\` | ${requirementText(spec)} | ${cell(ruleText(spec))} | ${cell(spec.description)} |`,
  );
  const rules = dataset.rules.map((rule) => `- ${rule.description} (\`${rule.code}\`)`);
  return [
    `### \`${dataset.name}\` — ${dataset.title}`,
    '',
    `${dataset.grain} ${dataset.description} Template: [templates/${dataset.name}.csv](templates/${dataset.name}.csv).`,
    '',
    '| column | required | rule | meaning |',
    '|---|---|---|---|',
    ...columns,
    ...(rules.length > 0 ? ['', 'Across columns:', ...rules] : []),
  ].join('\n');
}

function codeListsUsed(): CodeList[] {
  const lists = new Map<string, CodeList>();
  for (const name of DATASET_NAMES) {
    for (const spec of Object.values(datasetDefinition(name).columns)) {
      const list = fieldMeta(spec.field).codeList;
      if (list) lists.set(list.name, list);
    }
  }
  for (const list of Object.values(DIMENSION_CATEGORIES)) lists.set(list.name, list);
  return [...lists.values()];
}

function codeListSection(list: CodeList): string {
  const rows = list.entries.map((e) => `| \`${e.code}\` | ${cell(e.label)} | ${(e.aliases ?? []).map((a) => `\`${a}\``).join(', ')} |`);
  return [`### <a id="${anchor(list)}"></a>${list.name}`, '', list.description, '', '| code | label | also accepted |', '|---|---|---|', ...rows].join('\n');
}

function issueCodeSection(): string {
  const rows = (Object.keys(ISSUE_CODES) as IssueCode[]).map((code) => {
    const definition = ISSUE_CODES[code];
    return `| \`${code}\` | ${definition.severity} | ${cell(definition.title)} | ${cell(definition.fix)} |`;
  });
  return ['| code | severity | what is wrong | how to fix it |', '|---|---|---|---|', ...rows].join('\n');
}

const MiB = 1024 * 1024;

/** The partner-facing data contract, generated from the zod schemas and issue codes. */
export function dataContractMarkdown(): string {
  return `<!-- Generated from transforms/contract by \`npm run generate\`. Do not edit: change the schemas. -->
# Partner data contract (v1)

What partners of the Children's Trust upload, and what each file gets back. Every column, code and
rule on this page comes from the schemas the pipeline validates with, so it is always what the
pipeline does. Check a file before uploading it:

\`\`\`
npx workforce validate workforce.csv --dataset workforce --period 2026-09-30
\`\`\`

## Files in general
- One CSV file per dataset, per partner, per period. The **period** is the snapshot date
  (\`YYYY-MM-DD\`, by convention 30 September); leavers and starters are those of the 12 months
  ending on it. A period in the future is an error.
- Upload to \`${UPLOAD_KEY_FORM}\`.
- Encoding: UTF-8, with or without a byte-order mark (Excel: "CSV UTF-8 (Comma delimited)").
  A file that is not UTF-8 is read as Windows-1252 (Excel on Windows, plain "CSV (Comma
  delimited)") or as Mac OS Roman (Excel for Mac, plain "Comma Separated Values"), whichever its
  accented letters spell, with a warning. Excel workbooks, PDFs, UTF-16 "Unicode Text", UTF-32,
  binary data, empty files and files with a header but no rows are rejected with a message saying
  what the file is.
- Values are separated by commas. A file separated by semicolons, tabs or vertical bars (Excel in
  many European locales, several HR systems) is read as it is, with one warning naming the
  separator; in a semicolon file a decimal comma (\`0,5\`) is read as a decimal point. CRLF, LF or
  CR line endings; values with the separator, quotes or line breaks in double quotes, with any
  quote inside doubled (\`""\`). Blank lines are skipped. A double quote that is never closed
  swallows the lines after it: the row it opens on gets one error saying how many lines.
- The header row comes first. Case, surrounding spaces, and spaces or hyphens in place of
  underscores do not matter (\`Staff Ref\` = \`staff_ref\`). Columns may come in any order.
  Unknown columns are ignored and never stored (a warning). A missing required column or a column
  given twice is an error. Rows above the header (an HR system's title, a date printed) are
  skipped with a warning saying which row the header is on and which rows to delete; the header
  is looked for in the first ${MAX_ROWS_ABOVE_HEADER} rows. A header of more than
  ${MAX_COLUMNS.toLocaleString('en-GB')} columns is refused.
- A total or subtotal row (its first value \`Total\`, \`Sub-total\`, \`Grand total\`, \`Count:\`) and a
  row of text alone (a note, \`Report generated …\`, \`Page 1 of 1\`) are errors, one per row
  saying what the row is: delete them. The Trust adds up the rows itself.
- Every value is read as text and then checked: \`00123\` stays \`00123\`, and an empty value is
  missing, never 0.
- Codes are matched without regard to case, and the labels and aliases in the code lists below
  are accepted too.
- Dates: \`YYYY-MM-DD\` or \`DD/MM/YYYY\`, without a time. Never month first (US order); two-digit
  years, dates that do not exist (\`30/02/2024\`) and dates with a time (\`01/04/2021 00:00\`) are
  errors, each saying the date to write.
- Numbers: \`.\` as decimal point, no thousands separators, no \`%\`, no unit: \`0.5\`, not \`0.5 FTE\`
  or \`50%\`. A number a spreadsheet formatted is an error saying the number to write.
- A value that is not one of a column's codes is matched against every code's label, aliases and
  other common wordings (the Census 2021, DfE and NHS wordings of ethnic groups) to suggest the
  code meant: \`Indian\` gets "Did you mean \`asian_indian\`?".
- No direct identifiers: a column named like a name, email, phone, address, postcode, date of
  birth, National Insurance or NHS number is an error naming the column, and a value that looks
  like a National Insurance number or an email address, in any column, is an error on its row
  (the report shows such values masked). The staff reference must be a partner-local pseudonym.
- Text that a spreadsheet would run as a formula (starting \`=\`, \`+\`, \`-\`, \`@\`, tab or carriage
  return, also after leading spaces or line breaks, and not a number) gets a warning; it is
  stored as text and never written unescaped into any CSV the pipeline produces.
- Limits, set by the Trust (defaults): ${DEFAULT_LIMITS.maxFileBytes / MiB} MiB and ${DEFAULT_LIMITS.maxRows.toLocaleString('en-GB')} rows per file.

## What a file gets back
- **accepted**: no errors (warnings allowed). Its rows replace the partner's earlier submission
  for the same dataset and period.
- **rejected**: at least one error. Nothing of it is used; the partner's previous accepted
  submission, if any, stays in force.
- Either way, a validation report: \`status\`, \`dataset\`, \`period\`, \`rows\` (\`read\`,
  \`withErrors\`, \`withWarnings\`), and every issue in \`errors\` and \`warnings\` as
  \`{code, severity, row, column, value, message}\`. Row numbers are those a spreadsheet shows
  (the header is row 1); file-wide issues have no row. \`issueCounts\` counts every issue by code;
  the lists show at most the first ${LISTED_PER_CODE.toLocaleString('en-GB')} issues of each code.
- The uploaded file itself is never changed or deleted.

## Datasets

${DATASET_NAMES.map((name) => datasetSection(datasetDefinition(name))).join('\n\n')}

## Code lists

${codeListsUsed().map(codeListSection).join('\n\n')}

## Issue codes

Codes are stable: a code is never renamed or reused.

${issueCodeSection()}
`;
}
