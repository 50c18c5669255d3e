import type { ReportColumn } from './report-table.ts';

/** Column builders for the report's tables: what kind of figure each is decides how it is protected. */
export const count = (key: string, label: string, extra: Partial<ReportColumn> = {}): ReportColumn => ({ key, label, kind: 'count', format: 'integer', ...extra });
export const derived = (key: string, label: string, basis: readonly string[], format: ReportColumn['format'] = 'percent'): ReportColumn => ({ key, label, kind: 'derived', basis, format });
export const plain = (key: string, label: string, format?: ReportColumn['format']): ReportColumn => ({ key, label, kind: 'plain', ...(format ? { format } : {}) });
export const label = (key: string, text: string): ReportColumn => ({ key, label: text, kind: 'label' });
export const hidden = (key: string): ReportColumn => ({ key, label: key, kind: 'count', hidden: true });

/** The rates, with the counts each rests on, as the DfE defines them. */
export const RATES = [
  { key: 'turnover_rate', label: 'Turnover', basis: ['leavers_headcount', 'employees_headcount'] },
  { key: 'vacancy_rate', label: 'Vacancy rate', basis: ['employees_headcount'] },
  { key: 'agency_rate', label: 'Agency rate', basis: ['agency_headcount', 'employees_headcount'] },
  { key: 'hard_to_fill_rate', label: 'Hard to fill (share of vacant FTE)', basis: [] },
  { key: 'replacement_demand_rate', label: 'Aged 55 and over', basis: ['aged_55_plus_headcount', 'employees_headcount'] },
  { key: 'qualification_gap_rate', label: 'Without the role\'s qualification', basis: ['qualification_gap_headcount', 'qualification_known_headcount'] },
  { key: 'absence_rate', label: 'Sickness absence', basis: ['employees_headcount'] },
] as const;
