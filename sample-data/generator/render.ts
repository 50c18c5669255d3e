import type { DatasetDefinition } from '../../transforms/contract/dataset.ts';
import { fieldMeta } from '../../transforms/contract/fields.ts';
import { csvQuote } from '../../transforms/output/csv.ts';
import { WINDOWS_1252_HIGH } from '../../transforms/validation/decode.ts';
import type { FileStyle } from './trust.ts';
import { plainText } from '../../transforms/output/plain-text.ts';

type Row = Readonly<Record<string, unknown>>;

const titleCase = (column: string) =>
  column
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/** The header line of a dataset in a partner's style. */
export function renderHeader(dataset: DatasetDefinition, style: FileStyle): string {
  const names = Object.keys(dataset.columns).map((column) => (style.header === 'title' ? titleCase(column) : column));
  if (style.extraColumn) names.push(style.extraColumn.name);
  return names.map(csvQuote).join(',');
}

/** One row as a partner's HR system would write it: its own spelling of codes and dates. */
export function renderRow(dataset: DatasetDefinition, style: FileStyle, row: Row, rowIndex: number): string {
  const values = Object.entries(dataset.columns).map(([column, spec]) => {
    const value = row[column];
    if (value === null || value === undefined) return '';
    const list = fieldMeta(spec.field).codeList;
    if (list)
      return spellCode(
        list.name,
        plainText(value),
        style,
        list.entries.find((e) => e.code === value),
      );
    if (fieldMeta(spec.field).kind === 'date' && style.dates === 'uk') {
      const [year, month, day] = plainText(value).split('-');
      return `${day}/${month}/${year}`;
    }
    return csvQuote(plainText(value));
  });
  if (style.extraColumn)
    values.push(csvQuote(style.extraColumn.values[rowIndex % style.extraColumn.values.length] as string));
  return values.join(',');
}

function spellCode(
  list: string,
  code: string,
  style: FileStyle,
  entry: { label: string; aliases?: readonly string[] } | undefined,
): string {
  const aliases = entry?.aliases ?? [];
  if (list === 'ethnicity' && style.ethnicity !== 'canonical') {
    const alias = aliases.find((a) =>
      (style.ethnicity === 'ons' ? /^\d+$/ : style.ethnicity === 'dfe' ? /^[A-Z]{4}$/ : /^[A-Z]$/).test(a),
    );
    return alias ?? code;
  }
  if (list === 'sex' && style.sexLetters) return aliases[0] ?? code;
  if (list === 'employer_type' && code === 'private' && style.employerTypeAlias) return style.employerTypeAlias;
  if (style.codes === 'labels' && ['sector', 'role', 'setting', 'employment_basis', 'contract'].includes(list) && entry)
    return csvQuote(entry.label);
  return code;
}

/** A whole file's bytes: header, rows, line endings, BOM and encoding as the partner's style says. */
export function renderFile(dataset: DatasetDefinition, style: FileStyle, rows: readonly Row[]): Uint8Array {
  const lines = [renderHeader(dataset, style), ...rows.map((row, i) => renderRow(dataset, style, row, i))];
  const text = lines.join(style.lineEnding) + style.lineEnding;
  if (style.encoding === 'windows-1252') return encodeWindows1252(text);
  const body = Buffer.from(text, 'utf8');
  return style.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

export function encodeWindows1252(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const high = WINDOWS_1252_HIGH.indexOf(text[i] as string);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i] = code;
    else if (high !== -1) bytes[i] = 0x80 + high;
    else throw new Error(`'${text[i]}' cannot be written in Windows-1252.`);
  }
  return bytes;
}
