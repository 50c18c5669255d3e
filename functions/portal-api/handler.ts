import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import { DATASETS, PARTNER_DATASETS } from '../../transforms/contract/datasets/registry.ts';
import { partnerCoverage, periodsNewestFirst } from '../../transforms/portal/coverage.ts';
import { findReportKey, historyEntry, partnerHistory, type StoredReport } from '../../transforms/portal/history.ts';
import type { PortalBuckets, PortalReader } from '../../transforms/portal/ports.ts';
import type { PortalSubject } from '../../transforms/portal/scope.ts';
import { planUpload } from '../../transforms/portal/upload-plan.ts';
import { contractFile } from '../portal/contract-files.ts';
import { REPORT_CSP } from '../portal/http.ts';
import { LATEST_REPORT_FOLDER } from '../../transforms/storage/object-layout.ts';
import type { PresignedPost } from './presigned-post.ts';

export interface PortalApiDependencies {
  readonly config: TrustConfig;
  readonly reader: PortalReader;
  readonly buckets: PortalBuckets & { readonly reportsBucket: string };
  /** A browser-upload form for exactly this key, limited to the Trust's file size. */
  readonly presign: (key: string) => Promise<PresignedPost>;
  readonly today?: () => string;
}

type Result = APIGatewayProxyStructuredResultV2;
const LATEST = `${LATEST_REPORT_FOLDER}/`;
const REPORT_FILE = /^[a-z0-9][a-z0-9_.-]*\.(html|csv|json)$/;
const REPORT_TYPES = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;
const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});
const refuse = (statusCode: number, error: string) => json(statusCode, { error });

/**
 * Who the Cognito groups in the token say this is: `trust`, or exactly one `partner-<id>` of a
 * configured partner. Anyone else (no group, two partners' groups) gets nothing.
 */
export function subjectOf(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  config: TrustConfig,
): PortalSubject | undefined {
  const claim = event.requestContext.authorizer?.jwt?.claims?.['cognito:groups'];
  const groups = (
    Array.isArray(claim)
      ? claim.map(String)
      : String(claim ?? '')
          .replace(/^\[|\]$/g, '')
          .split(/[\s,]+/)
  ).filter(Boolean);
  if (groups.includes('trust')) return { kind: 'trust' };
  const partners = groups.filter((g) => g.startsWith('partner-')).map((g) => g.slice('partner-'.length));
  if (partners.length !== 1 || !config.partners.some((p) => p.id === partners[0])) return undefined;
  return { kind: 'partner', partnerId: partners[0] as string };
}

/** The portal's API in AWS (API Gateway HTTP API, Cognito JWT authorizer): every answer scoped to the caller. */
export function createPortalApiHandler(deps: PortalApiDependencies) {
  const { config, reader, buckets } = deps;
  const today = deps.today ?? (() => todayInLondon());

  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Result> => {
    const subject = subjectOf(event, config);
    if (!subject) return refuse(403, "Your account is not in a partner's group: ask the Trust to add it.");
    const method = event.requestContext.http.method;
    const path = event.rawPath;
    if (method === 'GET' && path.startsWith('/api/contract/')) {
      const file = contractFile(path.slice('/api/contract/'.length));
      return file
        ? { statusCode: 200, headers: { 'Content-Type': file.type }, body: file.body }
        : refuse(404, 'No such file.');
    }
    if (subject.kind === 'trust') return trustRoute(method, path, event.queryStringParameters?.period);
    const partnerId = subject.partnerId;
    const periods = periodsNewestFirst(config, today());

    if (method === 'GET' && path === '/api/me') {
      const history = await partnerHistory(reader, buckets, partnerId);
      const due = periods[0] ? await partnerCoverage(reader, buckets, partnerId, periods[0], history) : [];
      return json(200, {
        kind: 'partner',
        trust: config.trust,
        partner: config.partners.find((p) => p.id === partnerId),
        datasets: PARTNER_DATASETS.map((name) => ({ name, title: DATASETS[name].title })),
        periods,
        today: today(),
        limits: config.limits,
        collection: { baselinePeriod: config.baselinePeriod, collectionDates: config.collectionDates ?? null },
        due: { period: periods[0] ?? null, datasets: due.map((c) => ({ dataset: c.dataset, status: c.status })) },
      });
    }
    if (method === 'GET' && path === '/api/history')
      return json(200, { uploads: await partnerHistory(reader, buckets, partnerId) });
    if (method === 'POST' && path === '/api/uploads') {
      let body: { dataset?: unknown; period?: unknown; name?: unknown; size?: unknown };
      try {
        body = JSON.parse(
          event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '{}'),
        );
      } catch {
        return refuse(400, 'Send JSON.');
      }
      const plan = planUpload(
        config,
        partnerId,
        {
          dataset: String(body.dataset ?? ''),
          period: String(body.period ?? ''),
          name: String(body.name ?? ''),
          ...(typeof body.size === 'number' ? { size: body.size } : {}),
        },
        today(),
      );
      if (!plan.ok) return refuse(plan.status, plan.message);
      return json(201, { key: plan.key, fileName: plan.fileName, post: await deps.presign(plan.key) });
    }
    const upload = /^\/api\/uploads\/([0-9a-f]{24})$/.exec(path);
    const download = /^\/api\/reports\/([0-9a-f]{24})\.(json|txt)$/.exec(path);
    if (method === 'GET' && (upload || download)) {
      const uploadId = (upload ?? download)?.[1] as string;
      const key = await findReportKey(reader, buckets, partnerId, uploadId);
      if (!key) return upload ? json(202, { status: 'checking' }) : refuse(404, 'No such report.');
      const text = (await reader.getText(buckets.landingBucket, key)) as string;
      if (download?.[2] === 'txt')
        return {
          statusCode: 200,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          body: (await reader.getText(buckets.landingBucket, key.replace(/\.json$/, '.txt'))) ?? '',
        };
      if (download)
        return { statusCode: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: text };
      const [listed] = await reader.list(buckets.landingBucket, key);
      return json(200, {
        status: 'checked',
        upload: historyEntry(uploadId, JSON.parse(text) as StoredReport, listed?.lastModified ?? new Date()),
        report: JSON.parse(text),
      });
    }
    return refuse(404, 'Not found.');
  };

  async function trustRoute(method: string, path: string, period: string | undefined): Promise<Result> {
    const periods = periodsNewestFirst(config, today());
    if (method !== 'GET') return refuse(404, 'Not found.');
    if (path === '/api/me') return json(200, { kind: 'trust', trust: config.trust, periods, today: today() });
    if (path === '/api/coverage') {
      const chosen = period ?? periods[0];
      if (!chosen || !periods.includes(chosen)) return refuse(404, 'That is not an open collection period.');
      const partners = await Promise.all(
        config.partners.map(async (p) => ({
          id: p.id,
          name: p.name,
          datasets: await partnerCoverage(reader, buckets, p.id, chosen, await partnerHistory(reader, buckets, p.id)),
        })),
      );
      return json(200, { period: chosen, partners });
    }
    if (path === '/api/report') {
      const objects = await reader.list(buckets.reportsBucket, LATEST);
      const files = objects.map((o) => o.key.slice(LATEST.length)).filter((f) => REPORT_FILE.test(f));
      const model = files.includes('needs-analysis.json')
        ? (JSON.parse((await reader.getText(buckets.reportsBucket, `${LATEST}needs-analysis.json`)) ?? '{}') as {
            period?: string;
            generatedAt?: string;
          })
        : {};
      return json(200, { period: model.period ?? null, generatedAt: model.generatedAt ?? null, files });
    }
    const file = /^\/api\/report\/([^/]+)$/.exec(path)?.[1];
    const type = file ? REPORT_FILE.exec(file)?.[1] : undefined;
    if (file && type) {
      const body = await reader.getText(buckets.reportsBucket, `${LATEST}${file}`);
      if (body === undefined) return refuse(404, 'No report has been written yet.');
      return {
        statusCode: 200,
        headers: {
          'Content-Type': REPORT_TYPES[type as keyof typeof REPORT_TYPES],
          'Content-Security-Policy': REPORT_CSP,
        },
        body,
      };
    }
    return refuse(404, 'Not found.');
  }
}
