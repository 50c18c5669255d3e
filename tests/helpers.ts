import { csvQuote } from '../transforms/output/csv.ts';
import type { DatasetName } from '../transforms/contract/datasets/registry.ts';
import { validateCsv, type RowOfDataset, type ValidateOptions } from '../transforms/validation/validate.ts';
import type { ValidationReport } from '../transforms/validation/report.ts';

export const TODAY = '2026-11-22';
export const PERIOD = '2026-09-30';

/** Yields bytes in chunks of a given size, as a stream would. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield await Promise.resolve(bytes.subarray(i, i + size));
}

export interface Validated<N extends DatasetName> {
  readonly report: ValidationReport;
  readonly rows: RowOfDataset<N>[];
}

/** Validates text or bytes as a file of the given dataset, fed in chunks. */
export async function validateFile<N extends DatasetName>(
  input: string | Uint8Array,
  dataset: N,
  options: Partial<Omit<ValidateOptions<N>, 'dataset' | 'onRows'>> & { chunkSize?: number } = {},
): Promise<Validated<N>> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const rows: RowOfDataset<N>[] = [];
  const report = await validateCsv(chunked(bytes, options.chunkSize ?? 64 * 1024), {
    period: PERIOD,
    today: TODAY,
    ...options,
    dataset,
    onRows: (batch) => rows.push(...batch),
  });
  return { report, rows };
}

export const WORKFORCE_HEADER =
  'staff_ref,sector,employer_type,role,role_title,setting,employment_basis,contract,fte,start_date,age_band,sex,ethnicity,disability,qualification_level,meets_role_qualification,locality,days_sick';

export const GOOD_EMPLOYEE: Readonly<Record<string, string>> = {
  staff_ref: 'RC00001',
  sector: 'social_care',
  employer_type: 'statutory',
  role: 'social_worker',
  role_title: '',
  setting: 'office_locality',
  employment_basis: 'employee',
  contract: 'permanent',
  fte: '1',
  start_date: '2019-04-01',
  age_band: '35_44',
  sex: 'female',
  ethnicity: 'white_british',
  disability: 'no',
  qualification_level: '6',
  meets_role_qualification: 'yes',
  locality: 'Chatham',
  days_sick: '4',
};

/** A workforce file of good employees, with the given changes made to some rows (by index from 0). */
export function workforceCsv(
  changes: Readonly<Record<number, Readonly<Record<string, string>>>> = {},
  rows = 3,
): string {
  const columns = WORKFORCE_HEADER.split(',');
  const lines = [WORKFORCE_HEADER];
  for (let i = 0; i < rows; i++) {
    const row: Record<string, string> = {
      ...GOOD_EMPLOYEE,
      staff_ref: `RC${String(i + 1).padStart(5, '0')}`,
      ...changes[i],
    };
    lines.push(columns.map((c) => csvQuote(row[c] ?? '')).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export const codesOf = (report: ValidationReport) => [...report.errors, ...report.warnings].map((issue) => issue.code);
