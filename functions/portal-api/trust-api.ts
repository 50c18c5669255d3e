import { partnerCoverage, periodsNewestFirst } from '../../transforms/portal/coverage.ts';
import { partnerHistory } from '../../transforms/portal/history.ts';
import { LATEST_REPORT_FOLDER } from '../../transforms/storage/object-layout.ts';
import { REPORT_CSP } from '../portal/http.ts';
import { json, refuse, text, type ApiRequest, type PortalApiDependencies, type Result } from './results.ts';

const LATEST = `${LATEST_REPORT_FOLDER}/`;
const REPORT_FILE = /^[a-z0-9][a-z0-9_.-]*\.(html|csv|json)$/;
const REPORT_TYPES = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** What the Trust's staff see: who has sent what for each open period, and the latest report's files. */
export async function trustApi(
  deps: PortalApiDependencies,
  today: string,
  { method, path, query }: ApiRequest,
): Promise<Result> {
  const { config, reader, buckets } = deps;
  const periods = periodsNewestFirst(config, today);
  if (method !== 'GET') return refuse(404, 'Not found.');
  if (path === '/api/me') return json(200, { kind: 'trust', trust: config.trust, periods, today });
  if (path === '/api/coverage') {
    const chosen = query.period ?? periods[0];
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
  const type = file ? (REPORT_FILE.exec(file)?.[1] as keyof typeof REPORT_TYPES | undefined) : undefined;
  if (file && type) {
    const body = await reader.getText(buckets.reportsBucket, `${LATEST}${file}`);
    if (body === undefined) return refuse(404, 'No report has been written yet.');
    return text(body, REPORT_TYPES[type], type === 'html' ? { 'Content-Security-Policy': REPORT_CSP } : {});
  }
  return refuse(404, 'Not found.');
}
