/**
 * How long an ingest may take, and so how long its lease lasts and how soon a failed upload is
 * retried: one set of numbers, derived from the measured worst case, that the stack (function
 * timeout, queue visibility timeout, event source) and the ingest (lease) both read.
 */

/**
 * The slowest file the limits let through, measured: 2,000,000 rows (the row limit; 294 MB, over
 * the 256 MiB byte limit too) validated, transformed and written as Parquet in 8.2 s on one CPU
 * (`BENCH_ROWS=2000000 BENCH_REPEATS=2 npm run bench`; bench/results/bench-2026-11-28T17-17-15-525Z.json).
 */
export const WORST_CASE_FILE_SECONDS = 8.2;

/**
 * Room for what the benchmark does not see: a slower CPU than the bench machine's (Lambda's one
 * vCPU at 1,769 MB), streaming the upload from S3, writing the lake, a cold start.
 */
export const SAFETY_FACTOR = 4;

/** Uploads per invocation: one, so one slow file never holds up (or times out) another. */
export const INGEST_BATCH_SIZE = 1;

/** The ingest function's timeout: the worst case with its margin, in whole minutes. */
export const INGEST_TIMEOUT_SECONDS =
  Math.ceil((INGEST_BATCH_SIZE * WORST_CASE_FILE_SECONDS * SAFETY_FACTOR) / 60) * 60;

/**
 * A lease outlives the invocation that took it (it cannot run past its timeout), so a crashed
 * holder never blocks its slot for longer than that.
 */
export const LEASE_TTL_MS = INGEST_TIMEOUT_SECONDS * 1000;

/**
 * How long a received message stays hidden: six times the timeout, as Lambda advises for SQS
 * sources (room for a throttled invocation's retries). A message that failed, or whose invocation
 * crashed, is delivered again when this runs out: within minutes, after the lease has expired.
 */
export const QUEUE_VISIBILITY_SECONDS = 6 * INGEST_TIMEOUT_SECONDS;

/** How many invocations the queue may run at once, unless the Trust reserves concurrency. */
export const DEFAULT_MAX_CONCURRENCY = 5;
