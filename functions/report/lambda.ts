// The report Lambda's entry point: Athena, S3 and SNS adapters wired to the handler, with Powertools.
import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { AthenaQueryEngine } from '../adapters/athena-query-engine.ts';
import { S3ObjectStore } from '../adapters/s3-object-store.ts';
import { SnsNotifier } from '../adapters/sns-notifier.ts';
import { parseCswwSeries } from '../../transforms/reference/dfe-csww.ts';
import { bundledReferenceFile, bundledTrustConfig, requiredEnv } from '../lambda-environment.ts';
import { createReportHandler, reportRunName } from './handler.ts';

const logger = new Logger({ serviceName: 'workforce-report' });
const metrics = new Metrics({ serviceName: 'report' });
const config = bundledTrustConfig();
const england = parseCswwSeries(bundledReferenceFile('dfeCsww'));
const athena = new AthenaClient({});
const store = new S3ObjectStore(new S3Client({}));
const notifier = new SnsNotifier(new SNSClient({}), requiredEnv('TOPIC_ARN'));

export const handler = async (event: unknown, context: Context) => {
  logger.addContext(context);
  const startedAt = new Date();
  const engine = new AthenaQueryEngine(athena, {
    workGroup: requiredEnv('WORKGROUP'),
    database: requiredEnv('DATABASE'),
    runName: reportRunName(event, startedAt),
    startedAt,
  });
  try {
    const buckets = { reportsBucket: requiredEnv('REPORTS_BUCKET'), lakeBucket: requiredEnv('LAKE_BUCKET') };
    const result = await createReportHandler({ engine, store, ...buckets, notifier, config, england })(event);
    logger.info('Report written', { period: result.period, files: result.keys.length });
    metrics.addMetric('ReportsWritten', MetricUnit.Count, 1);
    return result;
  } catch (error) {
    logger.error('Report failed', { error: error as Error });
    metrics.addMetric('ReportsFailed', MetricUnit.Count, 1);
    throw error;
  } finally {
    metrics.publishStoredMetrics();
  }
};
