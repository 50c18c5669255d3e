/**
 * Every issue a validation report can carry. Codes are stable: partners and their suppliers
 * write tooling against them, so a code is never renamed or reused; new problems get new codes.
 */
export type Severity = 'error' | 'warning';

export interface IssueCodeDefinition {
  readonly severity: Severity;
  /** What is wrong, in one line. */
  readonly title: string;
  /** What the partner should do about it. */
  readonly fix: string;
}

import { datasetAdvice } from './datasets/registry.ts';

const error = (title: string, fix: string): IssueCodeDefinition => ({ severity: 'error', title, fix });
const warning = (title: string, fix: string): IssueCodeDefinition => ({ severity: 'warning', title, fix });

const DATASETS_IN_WORDS = datasetAdvice();
const SAVE_AS_CSV = 'In Excel use File › Save As › "CSV UTF-8 (Comma delimited)" and upload that file.';

export const ISSUE_CODES = {
  // The file as a whole
  FILE_EMPTY: error(
    'The file is empty.',
    'Export the data again; the file must have a header row and at least one data row.',
  ),
  FILE_NO_ROWS: error(
    'The file has a header but no data rows.',
    'Add the data rows under the header, or do not upload a file for this dataset and period.',
  ),
  FILE_EXCEL_WORKBOOK: error('The file is an Excel workbook, not a CSV file.', SAVE_AS_CSV),
  FILE_PDF: error(
    'The file is a PDF document, not a CSV file.',
    'Export the data from the source system as CSV, not as a PDF report.',
  ),
  FILE_UTF16: error('The file is UTF-16 text ("Unicode Text"), not UTF-8.', SAVE_AS_CSV),
  FILE_UTF32: error('The file is UTF-32 text, not UTF-8.', 'Save the file as CSV in UTF-8 (Excel: "CSV UTF-8").'),
  FILE_BINARY: error(
    'The file holds binary data, not text.',
    'Upload a CSV text file exported from your HR system or spreadsheet.',
  ),
  FILE_ENCODING_MIXED: error('The file mixes UTF-8 with another character encoding.', SAVE_AS_CSV),
  FILE_WINDOWS_1252: warning(
    'The file is not UTF-8; it was read as Windows-1252 (Excel\'s plain "CSV (Comma delimited)").',
    'Check accented characters came through, and next time save as "CSV UTF-8 (Comma delimited)".',
  ),
  FILE_MAC_ROMAN: warning(
    'The file is not UTF-8; it was read as Mac OS Roman (Excel for Mac\'s plain "Comma Separated Values").',
    'Check accented characters came through, and next time save as "CSV UTF-8 (Comma delimited)".',
  ),
  FILE_DELIMITER: warning(
    'The values are separated by semicolons, tabs or vertical bars, not commas; the file was read that way.',
    'Nothing to do for this file; in a semicolon file a comma is read as the decimal point (0,5). Next time, save ' +
      "with commas between values if you can (Excel uses the computer's list separator; make it a comma).",
  ),
  FILE_TOO_LARGE: error(
    'The file is larger than the Trust allows.',
    'Split the extract, or ask the Trust to raise limits.maxFileBytes.',
  ),
  FILE_TOO_MANY_ROWS: error(
    'The file has more rows than the Trust allows.',
    'Split the extract, or ask the Trust to raise limits.maxRows.',
  ),
  PERIOD_INVALID: error(
    'The period is not a date in the form YYYY-MM-DD.',
    'Give the snapshot date as YYYY-MM-DD, for example 2025-09-30.',
  ),
  PERIOD_IN_FUTURE: error(
    'The period is in the future.',
    'Give the snapshot date the extract describes; it cannot be later than today.',
  ),
  PERIOD_NOT_COLLECTED: error(
    "The period is not one of the Trust's collection dates.",
    'Upload for one of the open collection dates the message lists (by convention 30 September); ask the Trust if a date is missing.',
  ),
  UPLOAD_KEY_INVALID: error(
    'The upload is not at a place the pipeline recognises.',
    'Upload to uploads/<partner_id>/<dataset>/<period>/<file>.csv, for example uploads/riverside-council/workforce/2025-09-30/workforce.csv.',
  ),
  PARTNER_UNKNOWN: error(
    'The partner is not one the Trust has configured.',
    'Check the partner id in the upload path, or ask the Trust to add the partner.',
  ),
  DATASET_UNKNOWN: error("The dataset is not one of the contract's datasets.", DATASETS_IN_WORDS.unknown),
  DATASET_NOT_PERMITTED: error('Partners do not upload this dataset.', DATASETS_IN_WORDS.notPermitted),

  // The header row
  HEADER_NOT_FIRST_ROW: warning(
    'The header is not on the first row; the rows above it (a title, a date, a note) were skipped.',
    'Delete the rows above the header before the next upload, so that the header is row 1.',
  ),
  HEADER_TOO_MANY_COLUMNS: error(
    'The header row has more columns than a spreadsheet can hold (16,384); the file was not read further.',
    'Export only the columns of the data contract (the CSV template for the dataset has them all).',
  ),
  HEADER_MISSING_COLUMN: error(
    'A required column is missing from the header row.',
    'Add the column (the CSV template for the dataset has every column in order).',
  ),
  HEADER_DUPLICATE_COLUMN: error(
    'Two columns of the header mean the same column.',
    'Keep one of them and delete the other.',
  ),
  HEADER_UNKNOWN_COLUMN: warning(
    'A column is not part of the contract; it was ignored and not stored.',
    "Remove the column, or rename it if it is one of the contract's columns misspelt.",
  ),
  HEADER_IDENTIFIER_COLUMN: error(
    'A column looks like it holds a direct identifier (a name, contact detail, date of birth, NI or NHS number).',
    'Remove the column. The Trust must not receive directly identifying data; use a partner-local staff reference instead.',
  ),

  // CSV structure
  ROW_FIELD_COUNT: error(
    'The row has a different number of fields from the header.',
    'Check for a stray comma, or a value with a comma that should be in double quotes.',
  ),
  ROW_QUOTES: error(
    'A quoted value is not closed, is followed by stray characters, or runs on over the lines below it.',
    'Remove the stray double quote, or close it where the value ends. Put values containing commas or quotes in ' +
      'double quotes, and double any quote inside ("").',
  ),
  ROW_TOTAL: error(
    'The row is a total, subtotal or count, not a row of data.',
    'Delete the row: the Trust adds the rows up itself, and a total would count everyone twice.',
  ),
  ROW_NOTE: error('The row holds only a line of text (a note, a footer, a page number), not data.', 'Delete the row.'),
  ROW_TOO_LONG: error(
    'A row is longer than 1 MiB, usually an unclosed quote.',
    'Find the opening double quote that is never closed and close it.',
  ),

  // Values
  VALUE_REQUIRED: error(
    'A required value is missing.',
    'Fill in the value; the data contract says when each column is required.',
  ),
  CODE_UNKNOWN: error(
    'The value is not one of the codes for this column.',
    'Use one of the listed codes; labels and listed aliases are accepted too, in any case.',
  ),
  DATE_INVALID: error(
    'The value is not a date in a form the contract accepts, or it has a time.',
    'Write dates as YYYY-MM-DD (2025-09-30) or DD/MM/YYYY (30/09/2025), without a time: in a spreadsheet, ' +
      'format the column as a date (Short Date) before saving.',
  ),
  DATE_US_ORDER: error(
    'The date looks like month-first (US) order.',
    'Write dates day first, DD/MM/YYYY, or as YYYY-MM-DD.',
  ),
  DATE_TWO_DIGIT_YEAR: error('The date has a two-digit year.', 'Write the year in full: 30/09/2025, not 30/09/25.'),
  DATE_IMPOSSIBLE: error('The date does not exist.', 'Check the day and month (for example, 30/02 does not exist).'),
  DATE_AFTER_PERIOD: error(
    'The date is after the period date.',
    'Check the date; a snapshot cannot include dates after its period.',
  ),
  DATE_OUTSIDE_YEAR: error(
    'The date is not within the 12 months ending on the period date.',
    "Include only events in the 12 months to the period date, in that period's file.",
  ),
  NUMBER_INVALID: error(
    'The value is not a plain number: it has a unit, a % sign or thousands separators, or is no number at all.',
    'Write the number alone, with a . as decimal point: 0.5, not 0.5 FTE or 50%; 1234, not 1,234. In a ' +
      'spreadsheet, format the column as Number with no 1000 separator before saving.',
  ),
  NUMBER_OUT_OF_RANGE: error(
    'The number is outside the range this column allows.',
    'Check the value against the range in the data contract.',
  ),
  TEXT_TOO_LONG: error(
    'The text is longer than this column allows.',
    'Shorten the text to the limit given in the data contract.',
  ),
  STAFF_REF_INVALID: error(
    'The staff reference has characters other than letters, digits, _ - and ., or is too long.',
    'Use a partner-local pseudonymous reference of 1–64 letters, digits, _ - or .',
  ),
  STAFF_REF_DUPLICATE: error(
    'The staff reference appears on more than one row.',
    'Give each person one row; if a person holds two posts, report their main post.',
  ),
  IDENTIFIER_VALUE: error(
    'A value looks like a National Insurance number or an email address.',
    'Remove it: the Trust must not receive directly identifying data. In staff_ref, use a partner-local ' +
      'pseudonymous reference.',
  ),
  FORMULA_TEXT: warning(
    'The value starts with a character a spreadsheet would run as a formula (=, +, -, @), perhaps after spaces.',
    'Check the value is what you meant; the pipeline stores it as text and never writes it where a spreadsheet would run it.',
  ),
  CONTRACT_NOT_EMPLOYEE: error(
    'A contract type is given for someone who is not an employee.',
    'Leave contract empty for agency workers, the self-employed, volunteers and carers.',
  ),
  FTE_NOT_POSITIVE: error(
    'The FTE is 0 for an employee or agency worker.',
    'Give the contracted full-time equivalent, more than 0 and at most 1.5.',
  ),
  FTE_ABOVE_ONE: warning(
    'The FTE is above 1.0.',
    'Check the value; one full-time post is 1.0, so this is only right for extended hours.',
  ),
  ROLE_TITLE_MISSING: warning(
    'The role is `other` but no role_title is given.',
    'Add the job title in role_title so the Trust can see what the role is.',
  ),
  START_DATE_MISSING: warning(
    'No start date is given for an employee.',
    'Add the start date; it is needed to count starters.',
  ),
  AGENCY_COVER_EXCEEDS_VACANCIES: error(
    'The agency cover is more than the vacant FTE.',
    'agency_cover_fte can be at most vacancies_fte.',
  ),
  CATEGORY_NOT_IN_DIMENSION: error(
    "The category is not a code of the row's dimension.",
    "Use a code from the dimension's code list (ethnicity, sex, age_band or disability).",
  ),
} as const satisfies Record<string, IssueCodeDefinition>;

export type IssueCode = keyof typeof ISSUE_CODES;

export const severityOf = (code: IssueCode): Severity => ISSUE_CODES[code].severity;
