import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLeaseStore } from '../../functions/adapters/memory-lease-store.ts';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import {
  decodeEventKey,
  objectCreatedEvent,
  sqsBatch,
  type ObjectCreatedEvent,
} from '../../functions/ingest/events.ts';
import { createIngestHandler } from '../../functions/ingest/handler.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { downloadPrefix, listAllKeys, startLocalS3, type LocalS3 } from '../../functions/local/s3-server.ts';
import { parseTrustConfig, type TrustConfig } from '../../transforms/config/trust-config.ts';
import type { ObjectStore } from '../../transforms/storage/object-store.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { workforceCsv } from '../helpers.ts';

const BUCKETS = { landingBucket: 'landing', lakeBucket: 'lake' };
const PARTNERS = Array.from({ length: 24 }, (_, i) => ({
  id: `partner-${String(i + 1).padStart(2, '0')}`,
  name: `Partner ${i + 1}`,
}));
const CONFIG: TrustConfig = parseTrustConfig({
  trust: 'Test Trust',
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: PARTNERS,
});
const PERIOD = '2025-09-30';

let s3: LocalS3;
let run = 0;

beforeAll(async () => {
  s3 = await startLocalS3(temporaryFolder('s3-'), Object.values(BUCKETS));
});
afterAll(async () => s3.close());

/** Each test works under its own period-free namespace: a fresh pair of buckets would be slower. */
let prefix: string;
beforeEach(() => {
  run++;
  prefix = `${run}`;
});

const partner = (i: number) => `${PARTNERS[i]?.id}`;
const keyFor = (partnerIndex: number, file: string, dataset = 'workforce', period = PERIOD) =>
  `uploads/${partner(partnerIndex)}/${dataset}/${period}/${prefix}-${file}`;

async function upload(key: string, body: string | Uint8Array): Promise<ObjectCreatedEvent> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const response = await s3.client.send(new PutObjectCommand({ Bucket: BUCKETS.landingBucket, Key: key, Body: bytes }));
  return objectCreatedEvent({
    bucket: BUCKETS.landingBucket,
    key,
    size: bytes.length,
    etag: response.ETag?.replaceAll('"', ''),
    time: new Date(),
    sequencer: '0',
  });
}

function handlerWith(store: ObjectStore = new S3ObjectStore(s3.client), leases = new MemoryLeaseStore()) {
  const outcomes: string[] = [];
  const handler = createIngestHandler(
    { store, leases, settings: BUCKETS, config: CONFIG },
    { onOutcome: (_, outcome) => outcomes.push(outcome.status) },
  );
  return { handler, outcomes };
}

/** Delivers events as SQS does, again and again for the ones that fail, until none do. */
async function deliver(events: ObjectCreatedEvent[], handler = handlerWith().handler, batchSize = 10): Promise<number> {
  let pending = events;
  let rounds = 0;
  while (pending.length > 0 && rounds++ < 50) {
    const batches = Array.from({ length: Math.ceil(pending.length / batchSize) }, (_, i) =>
      pending.slice(i * batchSize, (i + 1) * batchSize),
    );
    const failed: ObjectCreatedEvent[] = [];
    await Promise.all(
      batches.map(async (batch) => {
        const request = sqsBatch(batch);
        const { batchItemFailures } = await handler(request);
        const ids = new Set(batchItemFailures.map((f) => f.itemIdentifier));
        request.Records.forEach(
          (record, i) => ids.has(record.messageId) && failed.push(batch[i] as ObjectCreatedEvent),
        );
      }),
    );
    pending = failed;
  }
  return rounds;
}

/** The lake as analysts see it now. */
async function lakeNow(): Promise<DuckDbLake> {
  const out = temporaryFolder();
  await downloadPrefix(s3.client, BUCKETS.lakeBucket, 'lake/', out);
  return DuckDbLake.open(join(out, 'lake'), CONFIG);
}

async function headcounts(where = '1 = 1'): Promise<Record<string, number>> {
  const lake = await lakeNow();
  try {
    const { rows } = await lake.query(
      `SELECT partner_id, CAST(sum(headcount) AS BIGINT) AS people FROM workforce_by_type WHERE ${where} GROUP BY partner_id ORDER BY partner_id`,
    );
    return Object.fromEntries(rows.map((r) => [r.partner_id as string, r.people as number]));
  } finally {
    lake.close();
  }
}

async function submissionsOf(partnerId: string) {
  const lake = await lakeNow();
  try {
    return (
      await lake.query(
        `SELECT object_key, status FROM submissions WHERE partner_id = '${partnerId}' ORDER BY received_at, object_key`,
      )
    ).rows;
  } finally {
    lake.close();
  }
}

/** The second S3 says it stored an upload in. */
async function storedSecond(event: ObjectCreatedEvent): Promise<number | undefined> {
  const response = await s3.client.send(
    new GetObjectCommand({ Bucket: BUCKETS.landingBucket, Key: decodeEventKey(event.detail.object.key) }),
  );
  await response.Body?.transformToByteArray();
  return response.LastModified?.getTime();
}

async function reportsOf(partnerId: string): Promise<{ outcome: string; note?: string }[]> {
  const store = new S3ObjectStore(s3.client);
  const keys = (await listAllKeys(s3.client, BUCKETS.landingBucket, `validation/${partnerId}/`)).filter((key) =>
    key.endsWith('.json'),
  );
  return Promise.all(
    keys.map(
      async (key) =>
        JSON.parse((await store.getText(BUCKETS.landingBucket, key)) as string) as { outcome: string; note?: string },
    ),
  );
}

async function lakeSnapshot(): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  for (const key of await listAllKeys(s3.client, BUCKETS.lakeBucket, '')) {
    const response = await s3.client.send(new GetObjectCommand({ Bucket: BUCKETS.lakeBucket, Key: key }));
    snapshot.set(
      key,
      createHash('sha256')
        .update(await response.Body!.transformToByteArray())
        .digest('hex'),
    );
  }
  return snapshot;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Function: ingest handler over the local S3 server', () => {
  it("ingests an upload into the partner's lake files, with its report and submission record", async () => {
    const event = await upload(keyFor(0, 'staff.csv'), workforceCsv({}, 12));

    const { handler, outcomes } = handlerWith();
    const response = await handler(sqsBatch([event]));

    expect(response.batchItemFailures).toEqual([]);
    expect(outcomes).toEqual(['accepted']);
    expect((await headcounts(`partner_id = '${partner(0)}'`))[partner(0)]).toBe(12);
    const reports = await listAllKeys(
      s3.client,
      BUCKETS.landingBucket,
      `validation/${partner(0)}/workforce/${PERIOD}/`,
    );
    expect(reports.filter((k) => k.endsWith('.json'))).toHaveLength(1);
    expect(reports.filter((k) => k.endsWith('.txt'))).toHaveLength(1);
  });

  it('changes nothing when an event is delivered again', async () => {
    const event = await upload(keyFor(1, 'staff.csv'), workforceCsv({}, 7));
    await deliver([event]);
    const before = await lakeSnapshot();

    const { handler, outcomes } = handlerWith();
    await handler(sqsBatch([event, event]));

    expect(outcomes).toEqual(['replayed', 'replayed']);
    expect(await lakeSnapshot()).toEqual(before);
  });

  it("replaces a partner's rows for a dataset and period when it resubmits", async () => {
    await deliver([await upload(keyFor(2, 'staff.csv'), workforceCsv({}, 30))]);
    await sleep(1100);

    await deliver([await upload(keyFor(2, 'staff-corrected.csv'), workforceCsv({}, 25))]);

    expect((await headcounts(`partner_id = '${partner(2)}'`))[partner(2)]).toBe(25);
    expect((await submissionsOf(partner(2))).map((s) => s.status)).toEqual(['superseded', 'accepted']);
  });

  it('never lets an older upload processed late overwrite a newer one', async () => {
    const older = await upload(keyFor(3, 'z-first.csv'), workforceCsv({}, 40));
    await sleep(1100);
    const newer = await upload(keyFor(3, 'a-second.csv'), workforceCsv({}, 41));

    await deliver([newer]);
    await deliver([older]);

    expect((await headcounts(`partner_id = '${partner(3)}'`))[partner(3)]).toBe(41);
    expect(await submissionsOf(partner(3))).toMatchObject([
      { object_key: older.detail.object.key, status: 'superseded' },
      { object_key: newer.detail.object.key, status: 'accepted' },
    ]);
  });

  it('keeps the earlier accepted data in force when a resubmission is rejected', async () => {
    await deliver([await upload(keyFor(4, 'staff.csv'), workforceCsv({}, 15))]);
    await sleep(1100);

    const { handler, outcomes } = handlerWith();
    await handler(sqsBatch([await upload(keyFor(4, 'staff-v2.csv'), workforceCsv({ 3: { sector: 'nope' } }, 99))]));

    expect(outcomes).toEqual(['rejected']);
    expect((await headcounts(`partner_id = '${partner(4)}'`))[partner(4)]).toBe(15);
    const lake = await lakeNow();
    const { rows } = await lake.query(
      `SELECT latest_status, in_force, rejected_count FROM data_quality WHERE partner_id = '${partner(4)}' AND dataset = 'workforce'`,
    );
    lake.close();
    expect(rows).toEqual([{ latest_status: 'rejected', in_force: true, rejected_count: 1 }]);
  });

  it.each([
    [
      'a key off the pattern',
      `uploads/${PARTNERS[5]?.id}/staff.csv`,
      `validation/${PARTNERS[5]?.id}/_unrouted/`,
      'UPLOAD_KEY_INVALID',
    ],
    [
      'an unknown partner',
      `uploads/stranger/workforce/${PERIOD}/staff.csv`,
      'validation/_unrouted/_unrouted/',
      'PARTNER_UNKNOWN',
    ],
    [
      'an unknown dataset',
      `uploads/${PARTNERS[8]?.id}/staff/${PERIOD}/staff.csv`,
      `validation/${PARTNERS[8]?.id}/_unrouted/`,
      'DATASET_UNKNOWN',
    ],
    [
      'a bad period',
      `uploads/${PARTNERS[9]?.id}/workforce/30-09-2025/staff.csv`,
      `validation/${PARTNERS[9]?.id}/_unrouted/`,
      'PERIOD_INVALID',
    ],
    [
      'a community profile from a partner',
      `uploads/${PARTNERS[10]?.id}/community_profile/2021-03-21/census.csv`,
      `validation/${PARTNERS[10]?.id}/_unrouted/`,
      'DATASET_NOT_PERMITTED',
    ],
    [
      'a period that is not a collection date',
      `uploads/${PARTNERS[11]?.id}/workforce/2025-11-27/staff.csv`,
      `validation/${PARTNERS[11]?.id}/_unrouted/`,
      'PERIOD_NOT_COLLECTED',
    ],
    [
      'a period before the first collection',
      `uploads/${PARTNERS[12]?.id}/workforce/2023-09-30/staff.csv`,
      `validation/${PARTNERS[12]?.id}/_unrouted/`,
      'PERIOD_NOT_COLLECTED',
    ],
    [
      'a future collection period',
      `uploads/${PARTNERS[13]?.id}/workforce/2099-09-30/staff.csv`,
      `validation/${PARTNERS[13]?.id}/_unrouted/`,
      'PERIOD_IN_FUTURE',
    ],
    [
      "the Trust's prefix with a partner's dataset",
      `uploads/_trust/workforce/${PERIOD}/staff.csv`,
      'validation/_trust/_unrouted/',
      'DATASET_NOT_PERMITTED',
    ],
  ])('rejects an upload with %s, with a report', async (_, key, reportPrefix, code) => {
    const before = await lakeSnapshot();
    const { handler, outcomes } = handlerWith();

    await handler(sqsBatch([await upload(key, workforceCsv())]));

    expect(outcomes).toEqual(['rejected']);
    const reports = await listAllKeys(s3.client, BUCKETS.landingBucket, reportPrefix);
    const report = await new S3ObjectStore(s3.client).getText(
      BUCKETS.landingBucket,
      reports.find((k) => k.endsWith('.json')) as string,
    );
    expect(JSON.parse(report as string).errors[0].code).toBe(code);
    expect(await lakeSnapshot()).toEqual(before);
  });

  it('keeps a correction stored in the same second as the file it corrects, and says the order was uncertain', async () => {
    // S3 keeps Last-Modified to the second, so two uploads under different names in one second
    // cannot be ordered: the one processed last (here the correction, as it was sent last) wins.
    let original: ObjectCreatedEvent;
    let correction: ObjectCreatedEvent;
    let attempt = 0;
    do {
      attempt++;
      original = await upload(keyFor(14, `staff-${attempt}.csv`), workforceCsv({}, 30));
      correction = await upload(keyFor(14, `staff-${attempt}-corrected.csv`), workforceCsv({}, 29));
    } while ((await storedSecond(original)) !== (await storedSecond(correction)) && attempt < 10);

    await deliver([original]);
    await deliver([correction]);

    expect((await headcounts(`partner_id = '${partner(14)}'`))[partner(14)]).toBe(29);
    const submissions = await submissionsOf(partner(14));
    expect(submissions.filter((s) => s.status === 'accepted').map((s) => s.object_key)).toEqual([
      correction.detail.object.key,
    ]);
    const reports = await reportsOf(partner(14));
    expect(reports.map((r) => r.outcome).sort()).toEqual(['accepted', 'superseded']);
    for (const report of reports) expect(report.note).toMatch(/stored in the same second.*in force/);
    const lake = await lakeNow();
    const { rows } = await lake.query(
      `SELECT latest_status, order_note FROM data_quality WHERE partner_id = '${partner(14)}' AND dataset = 'workforce' AND period = DATE '${PERIOD}'`,
    );
    lake.close();
    expect(rows).toEqual([{ latest_status: 'accepted', order_note: expect.stringMatching(/cannot be known/) }]);
  });

  it("accepts the Trust's own community profile, under its own prefix, and compares the workforce with it", async () => {
    const key = `uploads/_trust/community_profile/2025-06-30/${prefix}-profile.csv`;
    const profile = [
      'area_code,area_name,dimension,category,population',
      'E06000035,Medway,sex,female,500',
      'E06000035,Medway,sex,male,500',
    ].join('\n');
    const { handler, outcomes } = handlerWith();

    await handler(sqsBatch([await upload(key, profile)]));

    expect(outcomes).toEqual(['accepted']);
    const lake = await lakeNow();
    const { rows } = await lake.query(
      `SELECT DISTINCT community_share FROM diversity_vs_community WHERE dimension = 'sex' AND category = 'female'`,
    );
    const partners = await lake.query(`SELECT DISTINCT partner_id FROM data_quality`);
    lake.close();
    expect(rows).toEqual([{ community_share: 50 }]);
    expect(partners.rows.map((r) => r.partner_id)).not.toContain('_trust');
  });

  it('never changes the raw upload', async () => {
    const body = workforceCsv({ 1: { role_title: '=cmd|"/c calc"!A1' } }, 5);
    const key = keyFor(6, 'staff.csv');

    await deliver([await upload(key, body)]);

    const stored = await s3.client.send(new GetObjectCommand({ Bucket: BUCKETS.landingBucket, Key: key }));
    expect(await stored.Body!.transformToString()).toBe(body);
  });

  it("recovers from a crash part-way through, by the queue's retry, with no row lost or doubled", async () => {
    const real = new S3ObjectStore(s3.client);
    let lakeWrites = 0;
    const crashing: ObjectStore = {
      getObject: (...args) => real.getObject(...args),
      getText: (...args) => real.getText(...args),
      exists: (...args) => real.exists(...args),
      putObject: async (bucket, key, body, type) => {
        if (key.startsWith('lake/') && ++lakeWrites === 2) throw new Error('simulated crash');
        return real.putObject(bucket, key, body, type);
      },
    };
    const event = await upload(keyFor(7, 'staff.csv'), workforceCsv({}, 33));

    const first = await handlerWith(crashing).handler(sqsBatch([event]));
    await deliver([event]);

    expect(first.batchItemFailures).toHaveLength(1);
    expect((await headcounts(`partner_id = '${partner(7)}'`))[partner(7)]).toBe(33);
    expect((await submissionsOf(partner(7))).map((s) => s.status)).toEqual(['accepted']);
  });

  it('sends a message that is not an S3 upload event to the batch failures with its reason, and ingests the rest of the batch', async () => {
    const good = await upload(keyFor(9, 'staff.csv'), workforceCsv({}, 12));
    const deleted = { ...good, 'detail-type': 'Object Deleted' };
    const noKey = { ...good, detail: { ...good.detail, object: { size: 3 } } };
    const overIpv6 = { ...good, detail: { ...good.detail, 'source-ip-address': '2001:db8::1' } };
    const request = sqsBatch([good, good, good, good, good]);
    const [first, second, third, fourth, fifth] = request.Records as [
      SQSRecord,
      SQSRecord,
      SQSRecord,
      SQSRecord,
      SQSRecord,
    ];
    first.body = JSON.stringify(deleted);
    second.body = JSON.stringify(noKey);
    third.body = '{"detail-type": "Object Created", "detail": ';
    fourth.body = JSON.stringify(overIpv6);
    (fifth as { eventSource: string }).eventSource = 'aws:kinesis';
    const reasons = new Map<string, string>();
    const outcomes: string[] = [];
    const logged = createIngestHandler(
      { store: new S3ObjectStore(s3.client), leases: new MemoryLeaseStore(), settings: BUCKETS, config: CONFIG },
      {
        onOutcome: (_, outcome) => outcomes.push(outcome.status),
        onFailure: (id, error) => reasons.set(id, `${(error as Error).name}: ${(error as Error).message}`),
      },
    );

    const response = await logged(request);

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      [first, second, third, fifth].map((r) => r.messageId).sort(),
    );
    expect(reasons.get(first.messageId)).toMatch(
      /^MalformedMessageError: Not an S3 Object Created event \(detail-type: /,
    );
    expect(reasons.get(second.messageId)).toMatch(/detail\.object\.key/);
    expect(reasons.get(third.messageId)).toMatch(/^MalformedMessageError: /);
    expect(reasons.get(fifth.messageId)).toMatch(/^MalformedMessageError: Not an SQS record \(eventSource/);
    expect(outcomes).toEqual(['accepted']);
    expect((await headcounts(`partner_id = '${partner(9)}'`))[partner(9)]).toBe(12);
    await expect(logged({ notRecords: [] })).rejects.toThrow(/not an SQS batch/);
  });

  it("ingests twenty partners' files at once, each delivered twice, with no row lost or doubled", async () => {
    const events: ObjectCreatedEvent[] = [];
    const twenty = PARTNERS.slice(0, 20);
    for (let i = 0; i < 20; i++)
      events.push(await upload(keyFor(i, 'concurrent.csv', 'workforce', '2024-09-30'), workforceCsv({}, 20 + i)));
    const leases = new MemoryLeaseStore();
    const handlers = [handlerWith(undefined, leases), handlerWith(undefined, leases), handlerWith(undefined, leases)];

    await Promise.all(
      handlers.map(({ handler }, h) =>
        deliver(
          [...events].sort(() => (h % 2 === 0 ? 1 : -1)),
          handler,
          3,
        ),
      ),
    );

    const counts = await headcounts(`period = DATE '2024-09-30'`);
    expect(counts).toEqual(Object.fromEntries(twenty.map((p, i) => [p.id, 20 + i])));
    const accepted = handlers.flatMap((h) => h.outcomes).filter((status) => status === 'accepted');
    expect(accepted).toHaveLength(20);
  });
});
