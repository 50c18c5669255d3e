import { AthenaClient } from '@aws-sdk/client-athena';
import { SNSClient } from '@aws-sdk/client-sns';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AthenaQueryEngine } from '../../functions/adapters/athena-query-engine.ts';
import { S3ObjectStore } from '../../functions/adapters/s3-object-store.ts';
import { SnsNotifier } from '../../functions/adapters/sns-notifier.ts';
import { DuckDbLake } from '../../functions/local/duckdb-lake.ts';
import { DuckDbReportEngine } from '../../functions/local/duckdb-report-engine.ts';
import { runLocalPipeline } from '../../functions/local/local-pipeline.ts';
import { listAllKeys, startLocalS3, type LocalS3 } from '../../functions/local/s3-server.ts';
import { createReportHandler, reportRunName } from '../../functions/report/handler.ts';
import { parseTrustConfig } from '../../transforms/config/trust-config.ts';
import { generateReport } from '../../transforms/report/generate.ts';
import { REPORT_QUERIES } from '../../transforms/report/queries.ts';
import { temporaryFolder } from '../lake-helpers.ts';
import { startFakeAthena, type FakeAthena } from '../support/fake-athena.ts';
import { startFakeSns } from '../support/fake-sns.ts';

const CONFIG = parseTrustConfig(JSON.parse(readFileSync('sample-data/trust.config.json', 'utf8')));
const NOW = new Date('2026-11-01T06:00:00Z');
const TOPIC = 'arn:aws:sns:eu-west-2:000000000000:workforce-reports';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('Function: report handler, through the real Athena adapter and the same SQL', () => {
  let lake: DuckDbLake;
  let athena: FakeAthena;
  let sns: Awaited<ReturnType<typeof startFakeSns>>;
  let s3: LocalS3;
  let handler: ReturnType<typeof createReportHandler>;
  /** The report function as one invocation of a run wires it: its own engine, named for the run. */
  let invocation: (runName: string, startedAt?: Date) => ReturnType<typeof createReportHandler>;

  beforeAll(async () => {
    // One partner's three years of every dataset: every query and every table, at a fifth of the
    // disclosure work of the whole sample Trust (these tests are about the function's plumbing, run
    // nine times over).
    const landing = temporaryFolder('landing-');
    cpSync('sample-data/landing/harbour-family-action', join(landing, 'harbour-family-action'), { recursive: true });
    const run = await runLocalPipeline({ landingDir: landing, config: CONFIG, outDir: temporaryFolder() });
    lake = await DuckDbLake.open(run.lakeDir, CONFIG);
    athena = await startFakeAthena(lake, { pageSize: 7, pollsBeforeDone: 2 });
    sns = await startFakeSns();
    s3 = await startLocalS3(temporaryFolder('s3-'), ['reports', 'lake']);
    const client = () => new AthenaClient({ endpoint: athena.endpoint, region: 'eu-west-2', credentials });
    invocation = (runName, startedAt) =>
      createReportHandler({
        engine: new AthenaQueryEngine(client(), {
          workGroup: 'workforce-analysts',
          database: 'workforce',
          runName,
          firstPollMs: 5,
          ...(startedAt ? { startedAt } : {}),
        }),
        store: new S3ObjectStore(s3.client),
        reportsBucket: 'reports',
        lakeBucket: 'lake',
        notifier: new SnsNotifier(new SNSClient({ endpoint: sns.endpoint, region: 'eu-west-2', credentials }), TOPIC),
        config: CONFIG,
        now: () => NOW,
      });
    handler = invocation('needs-analysis');
  });
  afterAll(async () => {
    await Promise.all([athena?.close(), sns?.close(), s3?.close()]);
    lake?.close();
  });

  it("writes the latest period's report to reports/<period>/ and reports/latest/, and notifies the topic", async () => {
    const result = await handler({});

    expect(result.period).toBe('2026-09-30');
    const keys = await listAllKeys(s3.client, 'reports', 'reports/');
    expect(keys).toContain('reports/2026-09-30/needs-analysis.html');
    expect(keys).toContain('reports/latest/needs-analysis.html');
    expect(keys.filter((k) => k.startsWith('reports/latest/') && k.endsWith('.csv')).length).toBeGreaterThan(10);
    expect(sns.published.at(-1)).toMatchObject({
      TopicArn: TOPIC,
      Subject: "Riverside Children's Trust: workforce needs analysis for 2026-09-30",
    });
    expect(sns.published.at(-1)?.Message).toContain('s3://reports/reports/2026-09-30/needs-analysis.html');
  });

  it('gives exactly the report DuckDB gives locally: same SQL, same figures', async () => {
    await handler({});
    const fromAthena = await new S3ObjectStore(s3.client).getText('reports', 'reports/2026-09-30/needs-analysis.json');
    const local = await generateReport(new DuckDbReportEngine(lake), CONFIG, { generatedAt: NOW });

    expect(JSON.parse(fromAthena as string)).toEqual(JSON.parse(local.files.get('needs-analysis.json') as string));
  });

  it('runs each query in the workgroup with ExecutionParameters, and reuses them when retried', async () => {
    const before = athena.started.length;
    await handler({ period: '2025-09-30' });
    const firstRun = athena.started.slice(before);
    await handler({ period: '2025-09-30' });

    expect(athena.started.length).toBe(before + firstRun.length);
    expect(firstRun.every((q) => q.workGroup === 'workforce-analysts' && q.token && q.token.length >= 32)).toBe(true);
    expect(
      firstRun.filter((q) => q.parameters.length > 0).every((q) => q.parameters.every((p) => p === "'2025-09-30'")),
    ).toBe(true);
    const keys = await listAllKeys(s3.client, 'reports', 'reports/2025-09-30/');
    expect(keys).toContain('reports/2025-09-30/needs-analysis.html');
  });

  const trendQueries = (from: number) => athena.started.slice(from).filter((q) => q.sql === REPORT_QUERIES.trend.sql);

  const states = ['FAILED', 'CANCELLED'] as const;
  it.each(states)('tries a %s query again under a fresh token, and reports', async (state) => {
    const before = athena.started.length;
    athena.failNext(1, state);

    const result = await invocation(`run-${state}`)({ period: '2025-09-30' });

    expect(result.period).toBe('2025-09-30');
    const trend = trendQueries(before);
    expect(trend).toHaveLength(2);
    expect(new Set(trend.map((q) => q.token)).size).toBe(2);
  });

  it('gives up on a query failing thrice in an invocation, naming it; the next invocation tries afresh', async () => {
    const before = athena.started.length;
    athena.failNext(3);

    const outage = invocation('run-outage')({ period: '2025-09-30' });
    await expect(outage).rejects.toThrow(/Athena query trend .* failed: .*giving up/);
    expect(trendQueries(before)).toHaveLength(3);

    // The schedule's retry of the same run: the three failed attempts are passed over, not repeated.
    const retried = await invocation('run-outage', new Date(Date.now() + 1000))({ period: '2025-09-30' });
    expect(retried.period).toBe('2025-09-30');
    const trend = trendQueries(before);
    expect(trend).toHaveLength(4);
    expect(new Set(trend.map((q) => q.token)).size).toBe(4);
  });

  it('does not try again a query that failed for a reason of its own (a query error)', async () => {
    const client = new AthenaClient({ endpoint: athena.endpoint, region: 'eu-west-2', credentials });
    const engine = new AthenaQueryEngine(client, {
      workGroup: 'workforce-analysts',
      database: 'workforce',
      runName: 'bad-sql',
      firstPollMs: 5,
    });
    const before = athena.started.length;

    const bad = engine.run('trend', 'SELECT no_such_column FROM recruitment_rates', []);
    await expect(bad).rejects.toThrow(/failed: .*no_such_column/);
    expect(athena.started.length).toBe(before + 1);
  });

  it("names a run by the schedule's firing, so its retries share tokens and the next firing does not", () => {
    const firing = { run: '2026-12-01T06:00:00Z' };
    const at = (time: string) => reportRunName(firing, new Date(time));
    const [first, retry] = [at('2026-12-01T06:00:01Z'), at('2026-12-01T06:09:00Z')];
    expect(first).toBe(retry);
    expect(reportRunName({ run: '2027-01-01T06:00:00Z' }, NOW)).not.toBe(reportRunName(firing, NOW));
    expect(reportRunName({}, new Date('2026-12-03T10:00:00Z'))).toBe('needs-analysis/2026-12-03');
  });

  it('refuses a payload with a bad period, saying what is wrong', async () => {
    await expect(handler({ period: '30/09/2025' })).rejects.toThrow(/period is a date in the form YYYY-MM-DD/);
  });
});
