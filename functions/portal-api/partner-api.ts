import { z } from 'zod';
import { DATASETS, PARTNER_DATASETS } from '../../transforms/contract/datasets/registry.ts';
import { uploadIdOf } from '../../transforms/ingest/ingest-upload.ts';
import { routeUploadKey } from '../../transforms/ingest/routing.ts';
import { partnerCoverage, periodsNewestFirst } from '../../transforms/portal/coverage.ts';
import { findReportKey, historyEntry, partnerHistory, type StoredReport } from '../../transforms/portal/history.ts';
import { planUpload } from '../../transforms/portal/upload-plan.ts';
import { json, refuse, text, type ApiRequest, type PortalApiDependencies, type Result } from './results.ts';

/** What the page asks to send: the dataset, period, file name and size. Nothing names a folder. */
export const UploadRequestSchema = z.strictObject({
  dataset: z.string().max(64),
  period: z.string().max(32),
  name: z.string().max(1024),
  size: z.number().int().nonnegative(),
});

/** A form sent to S3 (its key and the version S3 gave it): which upload that is. */
export const SentUploadSchema = z.strictObject({
  key: z.string().min(1).max(1024),
  versionId: z.string().min(1).max(1024),
});

const parseBody = <T>(schema: z.ZodType<T>, body: string): T | undefined => {
  try {
    const parsed = schema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/** What one partner may do: see its own uploads and reports, and get a form for its own folder. */
export async function partnerApi(
  deps: PortalApiDependencies,
  partnerId: string,
  today: string,
  { method, path, body }: ApiRequest,
): Promise<Result> {
  const { config, reader, buckets } = deps;
  if (method === 'GET' && path === '/api/me') {
    const periods = periodsNewestFirst(config, today);
    const history = await partnerHistory(reader, buckets, partnerId);
    const due = periods[0] ? await partnerCoverage(reader, buckets, partnerId, periods[0], history) : [];
    return json(200, {
      kind: 'partner',
      trust: config.trust,
      partner: config.partners.find((p) => p.id === partnerId),
      datasets: PARTNER_DATASETS.map((name) => ({ name, title: DATASETS[name].title })),
      periods,
      today,
      limits: config.limits,
      collection: { baselinePeriod: config.baselinePeriod, collectionDates: config.collectionDates ?? null },
      due: { period: periods[0] ?? null, datasets: due.map((c) => ({ dataset: c.dataset, status: c.status })) },
    });
  }
  if (method === 'GET' && path === '/api/history')
    return json(200, { uploads: await partnerHistory(reader, buckets, partnerId) });
  if (method === 'POST' && path === '/api/uploads') {
    const request = parseBody(UploadRequestSchema, body);
    if (!request) return refuse(400, 'Send the dataset, period, file name and size as JSON.');
    const plan = planUpload(config, partnerId, request, today);
    if (!plan.ok) return refuse(plan.status, plan.message);
    return json(201, { key: plan.key, fileName: plan.fileName, post: await deps.presign(plan.key) });
  }
  if (method === 'POST' && path === '/api/uploads/sent') {
    // Only the partner's own uploads have an id it can follow; the id names nothing else.
    const sent = parseBody(SentUploadSchema, body);
    const route = sent ? routeUploadKey(sent.key, config, today) : undefined;
    if (!sent || !route?.ok || route.partnerId !== partnerId) return refuse(400, 'That is not one of your uploads.');
    return json(200, {
      uploadId: uploadIdOf({ bucket: buckets.landingBucket, key: sent.key, versionId: sent.versionId }),
    });
  }
  const upload = /^\/api\/uploads\/([0-9a-f]{24})$/.exec(path);
  const download = /^\/api\/reports\/([0-9a-f]{24})\.(json|txt)$/.exec(path);
  if (method !== 'GET' || !(upload ?? download)) return refuse(404, 'Not found.');
  const uploadId = (upload ?? download)?.[1] as string;
  const key = await findReportKey(reader, buckets, partnerId, uploadId);
  if (!key) return upload ? json(202, { status: 'checking' }) : refuse(404, 'No such report.');
  const stored = (await reader.getText(buckets.landingBucket, key)) as string;
  if (download?.[2] === 'txt')
    return text(
      (await reader.getText(buckets.landingBucket, key.replace(/\.json$/, '.txt'))) ?? '',
      'text/plain; charset=utf-8',
    );
  if (download) return text(stored, 'application/json; charset=utf-8');
  const report = JSON.parse(stored) as StoredReport;
  const [listed] = await reader.list(buckets.landingBucket, key);
  return json(200, {
    status: 'checked',
    upload: historyEntry(uploadId, report, listed?.lastModified ?? new Date()),
    report,
  });
}
