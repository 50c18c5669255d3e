/**
 * Where every object lives, written once. Three buckets (one folder each in the embedded store):
 *
 * - landing: `uploads/<partner_id>/<dataset>/<period>/<file>.csv` as partners send them (the
 *   Trust's community profile under `uploads/_trust/`), and the validation reports on them,
 *   `validation/<partner_id>/<dataset>/<period>/<upload_id>.json` (`…/_unrouted/…` for a file
 *   whose key routes nowhere);
 * - lake: the tables, `lake/<table>/period=<YYYY-MM-DD>/<file>.parquet`, the slot markers under
 *   `lake/_slots/`, and the pipeline's own state under `state/`;
 * - reports: `reports/<period>/` and `reports/latest/`.
 *
 * The ingest, the report, the CLI, the portal, the infra's grants and the tests take keys and
 * prefixes from here, so a folder is renamed in one place.
 */
export const PREFIXES = {
  uploads: 'uploads/',
  validation: 'validation/',
  lake: 'lake/',
  state: 'state/',
  reports: 'reports/',
} as const;

/** The uploader folder of the Trust's own datasets (its community profiles): not a partner id, which cannot start with '_'. */
export const TRUST_UPLOADER = '_trust';

/** The validation-report folder of a file whose key routes to no dataset and period. */
export const UNROUTED = '_unrouted';

// ---- landing bucket ----

/** The folder of one partner's (or the Trust's) uploads; with a dataset and a period, of one slot. */
export const uploadsPrefix = (uploader: string, dataset?: string, period?: string): string =>
  `${PREFIXES.uploads}${[uploader, dataset, period].filter((part) => part !== undefined).join('/')}/`;

/** The key a partner's file is sent to. */
export const uploadKey = (uploader: string, dataset: string, period: string, fileName: string): string =>
  `${uploadsPrefix(uploader, dataset, period)}${fileName}`;

/** The form of an upload's key, as partners are told it. */
export const UPLOAD_KEY_FORM = uploadKey('<partner_id>', '<dataset>', '<period>', '<file>.csv');

/** The key of a file in a landing folder laid out `<partner_id>/<dataset>/<period>/<file>`. */
export const uploadKeyOfPath = (relativePath: string): string => `${PREFIXES.uploads}${relativePath}`;

/** The folder of one partner's validation reports, and nothing else's. */
export const validationPrefix = (partnerId: string): string => `${PREFIXES.validation}${partnerId}/`;

/** The validation report on an upload filed under its slot. */
export const validationKey = (slot: Slot, uploadId: string): string => `${slotValidationPrefix(slot)}${uploadId}.json`;

/** The folder of the validation reports on one slot's uploads. */
export const slotValidationPrefix = (slot: Slot): string => `${PREFIXES.validation}${slotPath(slot)}/`;

/** The validation report on an upload whose key routes nowhere, under whatever partner folder it named. */
export const unroutedValidationKey = (partnerId: string | undefined, uploadId: string): string =>
  `${validationPrefix(partnerId ?? UNROUTED)}${UNROUTED}/${uploadId}.json`;

// ---- lake bucket ----

/** The folder of a table's files: Glue's table location. */
export const tablePrefix = (table: string): string => `${PREFIXES.lake}${table}/`;

/** A period's partition folder in a table's location (Hive style: Glue and DuckDB read the period from it). */
export const partitionFolder = (period: string): string => `period=${period}`;

/** A table's file: `lake/<table>/period=<YYYY-MM-DD>/<name>.parquet`. */
export const tableFileKey = (table: string, period: string, fileName: string): string =>
  `${tablePrefix(table)}${partitionFolder(period)}/${fileName}.parquet`;

/** The period of a partition folder's name (`period=2026-09-30`), or undefined. */
export const periodOfPartition = (folder: string): string | undefined => /^period=(.*)$/.exec(folder)?.[1];

/** The slot markers: under the lake's prefix, outside every table's location. */
export const SLOT_MARKER_PREFIX = `${PREFIXES.lake}_slots/`;

/** One partner's dataset for one period: what an upload replaces. */
export interface Slot {
  readonly partnerId: string;
  readonly dataset: string;
  readonly period: string;
}

const slotPath = (slot: Slot): string => `${slot.partnerId}/${slot.dataset}/${slot.period}`;

export const slotMarkerKey = (slot: Slot): string => `${SLOT_MARKER_PREFIX}${slotPath(slot)}.json`;

/** Written once an upload is fully processed: its replay changes nothing. */
export const uploadDoneKey = (uploadId: string): string => `${PREFIXES.state}uploads/${uploadId}.json`;

/** Which upload is in force for a slot. */
export const ledgerKey = (slot: Slot): string => `${PREFIXES.state}ledger/${slotPath(slot)}.json`;

/** An upload's submission record, as the submissions table holds it. */
export const submissionStateKey = (uploadId: string): string => `${PREFIXES.state}submissions/${uploadId}.json`;

/** Records that the built-in Census community profile has been written. */
export const CENSUS_PROFILE_STATE_KEY = `${PREFIXES.state}reference/community-profile.json`;

// ---- reports bucket ----

export const LATEST_REPORT_FOLDER = `${PREFIXES.reports}latest`;

/** The folder of one period's report. */
export const reportFolder = (period: string): string => `${PREFIXES.reports}${period}`;
