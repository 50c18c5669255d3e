import { tableFileKey } from '../storage/object-layout.ts';

/**
 * The lake's tables: one definition of each table's columns and types drives the Parquet writer,
 * the DuckDB schema and the Glue tables. Every table is Hive-partitioned by `period` (a DATE, in
 * the object key, not in the files).
 */
export type ColumnType = 'string' | 'bigint' | 'double';

export interface TableColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly description: string;
}

export interface TableDefinition {
  readonly name: string;
  readonly description: string;
  /** The columns that identify a row (besides period). */
  readonly grain: readonly string[];
  readonly columns: readonly TableColumn[];
}

const string = (name: string, description: string): TableColumn => ({ name, type: 'string', description });
const bigint = (name: string, description: string): TableColumn => ({ name, type: 'bigint', description });
const double = (name: string, description: string): TableColumn => ({ name, type: 'double', description });

const partner = string('partner_id', 'The partner that submitted the data.');
const sector = string('sector', 'Sector code.');
const employerType = string('employer_type', 'Employer type code.');
const role = string('role', 'Role code.');

function table(
  name: string,
  description: string,
  grain: readonly string[],
  columns: readonly TableColumn[],
): TableDefinition {
  for (const key of grain)
    if (!columns.some((c) => c.name === key)) throw new Error(`Grain column ${key} is not a column of ${name}.`);
  return { name, description, grain, columns };
}

export const WORKFORCE_BY_TYPE = table(
  'workforce_by_type',
  'Headcount and FTE of the whole workforce by type, setting and basis.',
  ['partner_id', 'sector', 'employer_type', 'role', 'setting', 'employment_basis', 'contract', 'locality'],
  [
    partner,
    sector,
    employerType,
    role,
    string('setting', 'Setting code; null when not given.'),
    string('employment_basis', 'Employment basis code.'),
    string('contract', 'Contract code, employees only; null otherwise.'),
    string('locality', 'Locality; null when not given.'),
    bigint('headcount', 'People.'),
    double('fte', 'Full-time equivalent (null FTEs count as 0).'),
  ],
);

export const RECRUITMENT_PRESSURE = table(
  'recruitment_pressure',
  "Counts behind the recruitment, retention and replacement rates. Each of a partner's datasets (workforce, vacancies, leavers) contributes its own rows, named by source_dataset, so each file replaces only its own contribution; the rates views sum them.",
  ['partner_id', 'source_dataset', 'sector', 'employer_type', 'role'],
  [
    partner,
    string('source_dataset', 'The dataset the counts come from: workforce, vacancies or leavers.'),
    sector,
    employerType,
    role,
    bigint('employees_headcount', 'Employees (employment_basis employee).'),
    double('employees_fte', 'FTE of employees.'),
    bigint('agency_headcount', 'Agency workers.'),
    double('agency_fte', 'FTE of agency workers.'),
    double('vacancies_fte', 'Vacant FTE.'),
    double('vacancies_agency_cover_fte', 'Vacant FTE covered by agency workers.'),
    double('hard_to_fill_vacancies_fte', 'Vacant FTE the employer finds hard to fill.'),
    bigint('leavers_headcount', 'Employees who left in the 12 months to the period.'),
    double('leavers_fte', 'FTE of those leavers.'),
    bigint('starters_headcount', 'Employees whose start_date falls in the 12 months to the period.'),
    double('starters_fte', 'FTE of those starters.'),
    bigint('aged_55_plus_headcount', 'Employees aged 55 or over.'),
    bigint('qualification_known_headcount', 'Employees whose meets_role_qualification is given.'),
    bigint(
      'qualification_gap_headcount',
      "Employees who do not meet the role's qualification (meets_role_qualification = no).",
    ),
    double('sickness_days', 'Working days lost to sickness by employees with days_sick given.'),
    double('sickness_recorded_fte', 'FTE of employees with days_sick given.'),
  ],
);

export const WORKFORCE_DIVERSITY = table(
  'workforce_diversity',
  'Headcount of the whole workforce (every employment basis) by each diversity characteristic.',
  ['partner_id', 'sector', 'role', 'dimension', 'category'],
  [
    partner,
    sector,
    role,
    string('dimension', 'ethnicity, ethnic_group, sex, age_band or disability.'),
    string(
      'category',
      'A code of the dimension (ethnic_group: asian, black, mixed, white, other, or not_known/refused).',
    ),
    bigint('headcount', 'People.'),
  ],
);

export const COMMUNITY_PROFILE = table(
  'community_profile',
  'The community the workforce serves: the built-in Census 2021 profile of every upper-tier local authority ' +
    '(period 2021-03-21: ethnicity and disability of residents of all ages, sex and age band of residents aged 16 to ' +
    '64), plus uploaded profiles (a later upload for the same area and dimension takes precedence).',
  ['partner_id', 'area_code', 'dimension', 'category'],
  [
    string('partner_id', 'Who supplied the rows (ons-census-2021 for the built-in profile).'),
    string('area_code', 'ONS GSS code or locality name.'),
    string('area_name', 'Area name.'),
    string('dimension', 'ethnicity, ethnic_group, sex, age_band or disability.'),
    string('category', 'A code of the dimension.'),
    bigint('population', 'People.'),
    string(
      'population_basis',
      "Who the counts cover, e.g. 'residents aged 16 to 64'; null when an upload does not say.",
    ),
    string('source', 'Where the figures come from.'),
  ],
);

export const SUBMISSIONS = table(
  'submissions',
  'One row per file received, with its outcome.',
  ['upload_id'],
  [
    string('upload_id', 'Identifies the upload: derived from bucket, key and version.'),
    partner,
    string('dataset', 'The dataset of the file.'),
    string('object_key', "The upload's key in the landing bucket."),
    string('object_version', "The upload's S3 version id (or ETag where the store has no versions)."),
    string('sha256', "SHA-256 of the file's bytes."),
    string('received_at', 'When the file was uploaded (ISO 8601, UTC).'),
    string('processed_at', 'When the pipeline processed it (ISO 8601, UTC).'),
    string('status', 'accepted, rejected or superseded.'),
    bigint('rows', 'Data rows read.'),
    bigint('error_count', 'Errors found.'),
    bigint('warning_count', 'Warnings found.'),
    string('report_key', 'Key of the validation report.'),
    string(
      'order_note',
      'Set when the order of this upload and another for the same slot could not be known (stored in the same second under different names): the one processed last is in force.',
    ),
  ],
);

export const TABLES = [
  WORKFORCE_BY_TYPE,
  RECRUITMENT_PRESSURE,
  WORKFORCE_DIVERSITY,
  COMMUNITY_PROFILE,
  SUBMISSIONS,
] as const;

export type TableName = (typeof TABLES)[number]['name'];

/** The lake key of a table's file (../storage/object-layout.ts). */
export function lakeKey(table: TableDefinition, period: string, fileName: string): string {
  return tableFileKey(table.name, period, fileName);
}
