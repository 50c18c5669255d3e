import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { FileLeaseStore } from '../../functions/adapters/file-lease-store.ts';
import { MemoryLeaseStore } from '../../functions/adapters/memory-lease-store.ts';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import { objectCreatedEvent, sqsBatch } from '../../functions/ingest/events.ts';
import { createIngestHandler } from '../../functions/ingest/handler.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { LOCAL_BUCKETS, LocalStack } from '../../functions/local/local-stack.ts';
import { startLocalS3 } from '../../functions/local/s3-server.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import type { IngestOutcome } from '../../transforms/ingest/ingest-upload.ts';
import type { SubmissionRecord } from '../../transforms/ingest/submission-record.ts';
import { workforceCsv } from '../helpers.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const CONFIG = parseTrustConfig({
  trust: 'Test Trust',
  communityAreas: ['E06000035'],
  baselinePeriod: '2024-09-30',
  partners: [{ id: 'partner-a', name: 'A' }],
});
const SAMPLE = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const KEY = 'uploads/partner-a/workforce/2025-09-30/staff.csv';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function submission(stack: LocalStack, uploadId: string): Promise<SubmissionRecord> {
  return JSON.parse(
    (await stack.store.getText(LOCAL_BUCKETS.lakeBucket, `state/submissions/${uploadId}.json`)) as string,
  ) as SubmissionRecord;
}

describe('The local stack: a retried event for an overwritten key', () => {
  it('ingests the bytes its event announced, not the newer ones stored since (versions)', async () => {
    const stack = new LocalStack(temporaryFolder('stack-'), CONFIG);
    const [older, newer] = [workforceCsv({}, 10), workforceCsv({}, 12)];
    const first = await stack.upload(KEY, older);
    const second = await stack.upload(KEY, newer);

    await stack.processUntilDone([first.messageId, second.messageId]);

    expect(await submission(stack, first.uploadId)).toMatchObject({
      rows: 10,
      sha256: sha256(older),
      status: 'superseded',
    });
    expect(await submission(stack, second.uploadId)).toMatchObject({
      rows: 12,
      sha256: sha256(newer),
      status: 'accepted',
    });
  });

  it.each(['the local store on disk', 'the S3 adapter over HTTP (s3rver)'])(
    'finds an event that names only an overwritten ETag gone, with %s',
    async (which) => {
      const [older, newer] = [workforceCsv({}, 10), workforceCsv({}, 12)];
      const s3 = which.startsWith('the S3')
        ? await startLocalS3(temporaryFolder('s3-'), Object.values(LOCAL_BUCKETS))
        : undefined;
      try {
        const local = new LocalStack(temporaryFolder('stack-'), CONFIG).store;
        const store = s3 ? new S3ObjectStore(s3.client) : local;
        const put = async (body: string) =>
          s3
            ? (
                (
                  await s3.client.send(
                    new PutObjectCommand({ Bucket: LOCAL_BUCKETS.landingBucket, Key: KEY, Body: body }),
                  )
                ).ETag as string
              ).replaceAll('"', '')
            : (await local.put(LOCAL_BUCKETS.landingBucket, KEY, body, 'text/csv')).etag;
        const etag = await put(older);
        await put(newer);
        const outcomes: IngestOutcome[] = [];
        const handler = createIngestHandler(
          { store, leases: new MemoryLeaseStore(), settings: LOCAL_BUCKETS, config: CONFIG },
          { onOutcome: (_, o) => outcomes.push(o) },
        );

        const event = objectCreatedEvent({
          bucket: LOCAL_BUCKETS.landingBucket,
          key: KEY,
          size: older.length,
          etag,
          time: new Date(),
          sequencer: '01',
        });
        const response = await handler(sqsBatch([event]));

        expect(response.batchItemFailures).toEqual([]);
        expect(outcomes.map((o) => o.status)).toEqual(['gone']);
      } finally {
        await s3?.close();
      }
    },
  );
});

describe('Leases shared through a data folder', () => {
  it('lets one holder in at a time, across separate lease stores on the same folder', async () => {
    const dir = temporaryFolder('leases-');
    const [a, b] = [new FileLeaseStore(dir), new FileLeaseStore(dir)];

    expect(await a.acquire('p/workforce/2025-09-30', 'a', 60_000)).toBe(true);
    expect(await b.acquire('p/workforce/2025-09-30', 'b', 60_000)).toBe(false);
    expect(await b.acquire('p/vacancies/2025-09-30', 'b', 60_000)).toBe(true);
    await b.release('p/workforce/2025-09-30', 'b'); // not b's: changes nothing
    expect(await b.acquire('p/workforce/2025-09-30', 'b', 60_000)).toBe(false);
    await a.release('p/workforce/2025-09-30', 'a');
    expect(await b.acquire('p/workforce/2025-09-30', 'b', 60_000)).toBe(true);
  });

  it('lets another holder take a lease its holder let expire', async () => {
    let now = 1_000_000;
    const dir = temporaryFolder('leases-');
    const [a, b] = [new FileLeaseStore(dir, () => now), new FileLeaseStore(dir, () => now)];
    await a.acquire('slot', 'a', 1000);

    now += 999;
    expect(await b.acquire('slot', 'b', 1000)).toBe(false);
    now += 1;
    expect(await b.acquire('slot', 'b', 1000)).toBe(true);
    expect(await a.acquire('slot', 'a', 1000)).toBe(false);
  });

  it('gives a contested lease to exactly one of many racing holders', async () => {
    const dir = temporaryFolder('leases-');
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => new FileLeaseStore(dir).acquire(`slot-${round}`, `holder-${i}`, 60_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });
});

describe('Two processes on one data folder', () => {
  it('both finish, and the lake holds each file once', async () => {
    const landing = temporaryFolder('landing-');
    for (const partner of ['riverside-council', 'brightstart-nurseries', 'riverside-police']) {
      cpSync(join('sample-data/landing', partner), join(landing, partner), { recursive: true });
    }
    const out = temporaryFolder('out-');
    const run = () =>
      promisify(execFile)(
        'node',
        ['cli/workforce.mjs', 'run', landing, '--config', 'sample-data/trust.config.json', '--out', out],
        { env: { ...process.env, NO_COLOR: '1' } },
      );

    const results = await Promise.allSettled([run(), run()]);

    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason).slice(0, 500) : 'ok'))).toEqual(['ok', 'ok']);
    const lake = await DuckDbLake.open(join(out, 'lake'), SAMPLE);
    try {
      const { rows } = await lake.query(
        `SELECT partner_id, count(*) AS files FROM submissions WHERE status = 'accepted' GROUP BY partner_id ORDER BY partner_id`,
      );
      expect(rows).toEqual([
        { partner_id: 'brightstart-nurseries', files: 9 },
        { partner_id: 'riverside-council', files: 9 },
        { partner_id: 'riverside-police', files: 8 },
      ]);
    } finally {
      lake.close();
    }
  });
});
