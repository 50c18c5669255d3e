import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbLeaseStore } from '../../functions/adapters/dynamodb-lease-store.ts';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import { objectCreatedEvent, sqsBatch, type ObjectCreatedEvent } from '../../functions/ingest/events.ts';
import { createIngestHandler } from '../../functions/ingest/handler.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { downloadPrefix, startLocalS3, type LocalS3 } from '../../functions/local/s3-server.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { ObjectStore } from '../../transforms/storage/object-store.ts';
import { workforceCsv } from '../helpers.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { withStoredTimes } from '../support/stamped-store.ts';
import { startLocalDynamoDb, type LocalDynamoDb } from '../support/local-dynamodb.ts';

const TABLE = 'leases';

describe('Adapter: DynamoDbLeaseStore, against a DynamoDB running on loopback (dynalite)', () => {
  let dynamo: LocalDynamoDb;
  let clock = Date.parse('2026-11-28T12:00:00Z');
  const store = () => new DynamoDbLeaseStore(dynamo.client, TABLE, { now: () => clock });
  let slot = 0;
  const name = () => `riverside-council/workforce/2026-09-30#${++slot}`;

  beforeAll(async () => {
    dynamo = await startLocalDynamoDb();
    await dynamo.createLeaseTable(TABLE);
  });
  afterAll(async () => dynamo?.close());

  it('gives a lease to one holder at a time, lets its holder renew it, and frees it on release', async () => {
    const [a, b] = [store(), store()];
    const lease = name();

    expect(await a.acquire(lease, 'worker-a', 60_000)).toBe(true);
    expect(await b.acquire(lease, 'worker-b', 60_000)).toBe(false);
    expect(await a.acquire(lease, 'worker-a', 60_000)).toBe(true);
    await b.release(lease, 'worker-b');
    expect(await b.acquire(lease, 'worker-b', 60_000)).toBe(false);
    await a.release(lease, 'worker-a');
    expect(await b.acquire(lease, 'worker-b', 60_000)).toBe(true);
  });

  it("lets another holder take an expired lease, and the old holder's release then leaves it alone", async () => {
    const lease = name();
    expect(await store().acquire(lease, 'crashed', 60_000)).toBe(true);

    clock += 59_999;
    expect(await store().acquire(lease, 'retry', 60_000)).toBe(false);
    clock += 2;
    expect(await store().acquire(lease, 'retry', 60_000)).toBe(true);
    await store().release(lease, 'crashed');
    expect(await store().acquire(lease, 'third', 60_000)).toBe(false);
  });

  it("marks each lease for DynamoDB's TTL to remove once it has long expired", async () => {
    const lease = name();
    await store().acquire(lease, 'worker-a', 60_000);
    const key = { pk: { S: `lease#${lease}` } };
    const { Item } = await dynamo.client.send(new GetItemCommand({ TableName: TABLE, Key: key }));

    expect(Number(Item?.ttl?.N) * 1000).toBeGreaterThan(clock + 60_000);
    expect(Item?.holder?.S).toBe('worker-a');
  });

  it('gives a contested lease to exactly one of two holders racing for it, every time', async () => {
    for (let round = 0; round < 25; round++) {
      const lease = name();
      const race = ['worker-a', 'worker-b'].map((holder) => store().acquire(lease, holder, 60_000));
      const results = await Promise.all(race);
      expect(results.filter(Boolean), `round ${round}`).toHaveLength(1);
    }
  });
});

const BUCKETS = { landingBucket: 'landing', lakeBucket: 'lake' };
const CONFIG = parseTrustConfig({
  trust: 'Test Trust',
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: [{ id: 'riverside-council', name: 'Riverside Council' }],
});
const SLOT = 'uploads/riverside-council/workforce/2025-09-30';
const NOW = new Date('2026-11-28T12:00:00Z');

/**
 * A store that holds one ingest at its first lake write (after it has taken its lease and read
 * the ledger) until told to go on.
 */
function heldAtFirstLakeWrite(store: ObjectStore) {
  let reached!: () => void;
  let go!: () => void;
  const atWrite = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (go = resolve));
  let held = false;
  const wrapped: ObjectStore = {
    getObject: (bucket, key, which) => store.getObject(bucket, key, which),
    getText: (bucket, key) => store.getText(bucket, key),
    exists: (bucket, key) => store.exists(bucket, key),
    putObject: async (bucket, key, body, type) => {
      if (bucket === BUCKETS.lakeBucket && key.startsWith('lake/') && !held) {
        held = true;
        reached();
        await released;
      }
      await store.putObject(bucket, key, body, type);
    },
  };
  return { store: wrapped, atWrite, go };
}

describe('Ingest: two different uploads for one slot, racing, with leases in DynamoDB', () => {
  let dynamo: LocalDynamoDb;
  let s3: LocalS3;

  beforeAll(async () => {
    dynamo = await startLocalDynamoDb();
    await dynamo.createLeaseTable('ingest-leases');
    s3 = await startLocalS3(temporaryFolder('s3-'), Object.values(BUCKETS));
  });
  afterAll(async () => {
    await s3?.close();
    await dynamo?.close();
  });

  it('keeps the newer upload in force when the older one is still being processed as the newer arrives', async () => {
    const upload = async (key: string, rows: number, at: Date): Promise<ObjectCreatedEvent> => {
      const body = workforceCsv({}, rows);
      const bucket = BUCKETS.landingBucket;
      const response = await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      stored.set(key, at);
      const etag = response.ETag?.replaceAll('"', '');
      return objectCreatedEvent({ bucket, key, size: body.length, etag, time: at, sequencer: '0' });
    };
    const stored = new Map<string, Date>();
    const older = await upload(`${SLOT}/staff.csv`, 40, new Date('2026-10-01T09:00:00Z'));
    const newer = await upload(`${SLOT}/staff-corrected.csv`, 41, new Date('2026-10-01T09:05:00Z'));
    const real = withStoredTimes(new S3ObjectStore(s3.client), stored);
    const leases = new DynamoDbLeaseStore(dynamo.client, 'ingest-leases');
    const gate = heldAtFirstLakeWrite(real);
    const handler = (store: ObjectStore) =>
      createIngestHandler({ store, leases, settings: BUCKETS, config: CONFIG, now: () => NOW });

    // One function copy takes the older upload and is held mid-way; another gets the newer one meanwhile.
    const first = handler(gate.store)(sqsBatch([older]));
    await gate.atWrite;
    const second = await handler(real)(sqsBatch([newer]));
    gate.go();
    await first;
    // As SQS would, the message that failed comes back (here at once; in AWS after the visibility timeout).
    if (second.batchItemFailures.length > 0) await handler(real)(sqsBatch([newer]));

    const out = temporaryFolder();
    await downloadPrefix(s3.client, BUCKETS.lakeBucket, 'lake/', out);
    const lake = await DuckDbLake.open(join(out, 'lake'), CONFIG);
    try {
      const people = await lake.query('SELECT CAST(sum(headcount) AS BIGINT) AS people FROM workforce_by_type');
      const submissions = await lake.query('SELECT object_key, status FROM submissions ORDER BY received_at');
      expect(people.rows).toEqual([{ people: 41 }]);
      expect(submissions.rows).toEqual([
        { object_key: `${SLOT}/staff.csv`, status: 'superseded' },
        { object_key: `${SLOT}/staff-corrected.csv`, status: 'accepted' },
      ]);
    } finally {
      lake.close();
    }
  });
});
