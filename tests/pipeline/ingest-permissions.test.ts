import { readFileSync } from 'node:fs';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLeaseStore } from '../../functions/adapters/memory-lease-store.ts';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import { objectCreatedEvent, sqsBatch } from '../../functions/ingest/events.ts';
import { createIngestHandler } from '../../functions/ingest/handler.ts';
import { startLocalS3, type LocalS3 } from '../../functions/local/s3-server.ts';
import { readCensusTexts } from '../../functions/reference-data.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { ensureBuiltInCommunityProfile } from '../../transforms/ingest/community-reference.ts';
import type { ObjectStore } from '../../transforms/storage/object-store.ts';
import { workforceCsv } from '../helpers.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { SAMPLE_STACK_NOW, sampleStack } from '../support/cdk-app.ts';
import { decide, type PolicyStatement } from '../support/iam-policy.ts';

const CONFIG_FILE = 'sample-data/trust.config.json';
const NOW = SAMPLE_STACK_NOW; // the day the shared sample stack is written for
const BUCKETS = { landingBucket: 'landing', lakeBucket: 'lake' };
const KEY = 'uploads/riverside-council/workforce/2026-09-30';

interface S3Request {
  readonly action: string;
  readonly bucket: string;
  readonly key: string;
  /** The object was not there: S3 answers 404 only to a role that may list that key. */
  readonly missing: boolean;
}

/** The ingest's object store, noting every request it makes of S3 and whether the object was there. */
function recording(store: ObjectStore, requests: S3Request[]): ObjectStore {
  const note = (action: string, bucket: string, key: string, missing: boolean) =>
    requests.push({ action, bucket, key, missing });
  return {
    getObject: async (bucket, key, which) => {
      const object = await store.getObject(bucket, key, which);
      note(which?.versionId ? 's3:GetObjectVersion' : 's3:GetObject', bucket, key, object === undefined);
      return object;
    },
    getText: async (bucket, key) => {
      const text = await store.getText(bucket, key);
      note('s3:GetObject', bucket, key, text === undefined);
      return text;
    },
    exists: async (bucket, key) => {
      const found = await store.exists(bucket, key);
      note('s3:GetObject', bucket, key, !found);
      return found;
    },
    putObject: async (bucket, key, body, type) => {
      note('s3:PutObject', bucket, key, false);
      await store.putObject(bucket, key, body, type);
    },
  };
}

describe('Function: ingest, as its AWS role allows it', () => {
  let s3: LocalS3;
  let statements: PolicyStatement[];
  let bucketArns: Record<string, string>;
  const requests: S3Request[] = [];

  beforeAll(async () => {
    const { template } = await sampleStack();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- CloudFormation properties, read as JSON
    type Resource = { Type: string; Properties: Record<string, any> };
    const resources = Object.entries(template.toJSON().Resources as Record<string, Resource>);
    const find = (type: string, id: RegExp) => resources.find(([name, r]) => r.Type === type && id.test(name));
    const [, fn] = find('AWS::Lambda::Function', /^IngestFunction/) as [string, Resource];
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const attached = (r: Resource) => r.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId);
    statements = resources
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && attached(r))
      .flatMap(([, r]) => r.Properties.PolicyDocument.Statement);
    const arn = (id: RegExp) => `arn:aws:s3:::${find('AWS::S3::Bucket', id)?.[0]}`;
    bucketArns = {
      [BUCKETS.landingBucket]: arn(/^DataLakeLanding/),
      [BUCKETS.lakeBucket]: arn(/^DataLake[0-9A-F]{8}$/),
    };

    s3 = await startLocalS3(temporaryFolder('s3-'), Object.values(BUCKETS));
    const store = recording(new S3ObjectStore(s3.client), requests);
    const config = parseTrustConfig(JSON.parse(readFileSync(CONFIG_FILE, 'utf8')));
    const outcomes: string[] = [];
    const deps = { store, leases: new MemoryLeaseStore(), settings: BUCKETS, config, now: () => NOW };
    const handler = createIngestHandler(deps, { onOutcome: (_, o) => outcomes.push(o.status) });
    const bucket = BUCKETS.landingBucket;
    const put = async (key: string, body: string) => {
      const response = await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      const etag = response.ETag?.replaceAll('"', '');
      return objectCreatedEvent({ bucket, key, size: body.length, etag, time: NOW, sequencer: '0' });
    };
    const upload = async (key: string, body: string) => {
      const event = await put(key, body);
      await handler(sqsBatch([event]));
      return event;
    };

    await ensureBuiltInCommunityProfile(store, BUCKETS.lakeBucket, readCensusTexts);
    const first = await upload(`${KEY}/staff.csv`, workforceCsv({}, 12));
    await handler(sqsBatch([first]));
    await upload(`${KEY}/staff-corrected.csv`, workforceCsv({}, 11));
    await upload(`${KEY}/staff-broken.csv`, workforceCsv({ 1: { sector: 'nope' } }, 5));
    await upload('uploads/riverside-council/workforce/2099-09-30/staff.csv', workforceCsv());
    const vanishing = `${KEY}/staff-withdrawn.csv`;
    const withdrawn = await put(vanishing, workforceCsv());
    await s3.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: vanishing }));
    await handler(sqsBatch([withdrawn]));
    expect(outcomes).toEqual(['accepted', 'replayed', 'accepted', 'rejected', 'rejected', 'gone']);
  }, 60_000);
  afterAll(async () => s3?.close());

  it('makes only requests its role allows: first upload, replay, resubmission, rejections, vanished upload', () => {
    expect(requests.length).toBeGreaterThan(30);
    const allowed = ({ action, bucket, key }: S3Request) =>
      decide(statements, { action, resource: `${bucketArns[bucket]}/${key}`, time: NOW }) === 'allowed';
    const refused = requests.filter((request) => !allowed(request));
    expect(refused).toEqual([]);
  });

  it('is told 404, not 403, wherever it looks for what is not there, so a vanished upload is recorded as gone', () => {
    const missing = requests.filter((r) => r.missing);
    expect(missing.some((r) => r.key.endsWith('staff-withdrawn.csv'))).toBe(true);
    const listable = ({ bucket, key }: S3Request) => {
      const resource = bucketArns[bucket] as string;
      return decide(statements, { action: 's3:ListBucket', resource, time: NOW, context: { 's3:prefix': key } });
    };
    const forbidden = missing.filter((request) => listable(request) !== 'allowed');
    expect(forbidden).toEqual([]);
  });
});
