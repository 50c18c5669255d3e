import { PutObjectCommand } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLeaseStore } from '../../functions/adapters/memory-lease-store.ts';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import { objectCreatedEvent, sqsBatch, type ObjectCreatedEvent } from '../../functions/ingest/events.ts';
import { createIngestHandler } from '../../functions/ingest/handler.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { DuckDbReportEngine } from '../../functions/local/duckdb-report-engine.ts';
import { writeLocalReport } from '../../functions/local/local-report.ts';
import { downloadPrefix, listAllKeys, startLocalS3, type LocalS3 } from '../../functions/local/s3-server.ts';
import { createReportHandler } from '../../functions/report/handler.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { ObjectStore } from '../../transforms/storage/object-store.ts';
import { SlotIncompleteError } from '../../transforms/report/slot-completeness.ts';
import { workforceCsv } from '../helpers.ts';
import { withStoredTimes } from '../support/stamped-store.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const BUCKETS = { landingBucket: 'landing', lakeBucket: 'lake' };
const CONFIG = parseTrustConfig({
  trust: 'Test Trust',
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: [
    { id: 'riverside-council', name: 'Riverside Council' },
    { id: 'riverside-police', name: 'Riverside Police' },
  ],
});
const NOW = new Date('2026-11-28T12:00:00Z');
const SLOT = 'uploads/riverside-council/workforce/2025-09-30';

/** A store that fails the Nth write of a lake table file from now on, as a crash would. */
function crashingAtLakeWrite(store: ObjectStore, n: number): ObjectStore {
  let writes = 0;
  return {
    getObject: (...args) => store.getObject(...args),
    getText: (...args) => store.getText(...args),
    exists: (...args) => store.exists(...args),
    putObject: async (bucket, key, body, type) => {
      if (/^lake\/[a-z_]+\/period=/.test(key) && ++writes === n) throw new Error('simulated crash');
      await store.putObject(bucket, key, body, type);
    },
  };
}

describe('Crash window: a resubmission crashes between its lake writes', () => {
  let s3: LocalS3;
  let correction: ObjectCreatedEvent;
  const notices: string[] = [];
  const stored = new Map<string, Date>();
  const ingest = (store: ObjectStore) => {
    const deps = { leases: new MemoryLeaseStore(), settings: BUCKETS, config: CONFIG, now: () => NOW };
    return createIngestHandler({ store: withStoredTimes(store, stored), ...deps });
  };
  const upload = async (key: string, body: string, at: Date) => {
    const bucket = BUCKETS.landingBucket;
    const response = await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    stored.set(key, at);
    const etag = response.ETag?.replaceAll('"', '');
    return objectCreatedEvent({ bucket, key, size: body.length, etag, time: at, sequencer: '0' });
  };
  /** Headcount as the workforce table, and as the recruitment counts, see it. */
  const counts = async (lake: DuckDbLake) => {
    const people = await lake.query('SELECT CAST(sum(headcount) AS BIGINT) AS n FROM workforce_by_type');
    const employees = await lake.query(
      'SELECT CAST(sum(employees_headcount) AS BIGINT) AS n FROM recruitment_pressure ' +
        "WHERE source_dataset = 'workforce'",
    );
    return [people.rows[0]?.n, employees.rows[0]?.n];
  };
  const localLake = async () => {
    const out = temporaryFolder();
    await downloadPrefix(s3.client, BUCKETS.lakeBucket, 'lake/', out);
    return join(out, 'lake');
  };
  const reportFunction = async () => {
    const lake = await DuckDbLake.open(await localLake(), CONFIG);
    const handler = createReportHandler({
      engine: new DuckDbReportEngine(lake),
      store: new S3ObjectStore(s3.client),
      reportsBucket: 'reports',
      lakeBucket: BUCKETS.lakeBucket,
      notifier: { notify: (subject) => Promise.resolve(void notices.push(subject)) },
      config: CONFIG,
      now: () => NOW,
    });
    return { run: () => handler({}), close: () => lake.close() };
  };

  beforeAll(async () => {
    s3 = await startLocalS3(temporaryFolder('s3-'), [...Object.values(BUCKETS), 'reports']);
    const store = new S3ObjectStore(s3.client);
    const original = await upload(`${SLOT}/staff.csv`, workforceCsv({}, 30), new Date('2026-10-01T09:00:00Z'));
    await ingest(store)(sqsBatch([original]));
    correction = await upload(`${SLOT}/staff-corrected.csv`, workforceCsv({}, 25), new Date('2026-10-01T09:00:02Z'));
    const crashed = await ingest(crashingAtLakeWrite(store, 2))(sqsBatch([correction]));
    expect(crashed.batchItemFailures).toHaveLength(1);
  });
  afterAll(async () => s3?.close());

  it("leaves the slot's tables disagreeing until the retry: the window that must never be published", async () => {
    const lake = await DuckDbLake.open(await localLake(), CONFIG);
    try {
      expect(await counts(lake)).toEqual([25, 30]);
    } finally {
      lake.close();
    }
  });

  it('refuses to write the report locally, naming the slot and the upload', async () => {
    const reportsDir = temporaryFolder('reports-');
    const attempt = writeLocalReport({ lakeDir: await localLake(), config: CONFIG, reportsDir, now: NOW });

    await expect(attempt).rejects.toThrow(SlotIncompleteError);
    await expect(attempt).rejects.toThrow(/writing riverside-council's workforce for 2025-09-30 \(upload [0-9a-f]{24}/);
  });

  it('refuses in the report function too, before publishing or notifying anything', async () => {
    const report = await reportFunction();
    try {
      await expect(report.run()).rejects.toThrow(/riverside-council's workforce for 2025-09-30/);
    } finally {
      report.close();
    }
    expect(await listAllKeys(s3.client, 'reports', '')).toEqual([]);
    expect(notices).toEqual([]);
  });

  it('writes the report once the retry has finished the slot, with the correction in force everywhere', async () => {
    const retried = await ingest(new S3ObjectStore(s3.client))(sqsBatch([correction]));
    expect(retried.batchItemFailures).toEqual([]);

    const report = await reportFunction();
    try {
      expect((await report.run()).period).toBe('2025-09-30');
    } finally {
      report.close();
    }
    const lakeDir = await localLake();
    const reportsDir = temporaryFolder('reports-');
    const local = await writeLocalReport({ lakeDir, config: CONFIG, reportsDir, now: NOW });
    expect(local.report.period).toBe('2025-09-30');
    expect(notices).toHaveLength(1);
    const lake = await DuckDbLake.open(lakeDir, CONFIG);
    try {
      expect(await counts(lake)).toEqual([25, 25]);
    } finally {
      lake.close();
    }
  });
});
