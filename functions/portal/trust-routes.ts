import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { partnerCoverage, periodsNewestFirst } from '../../transforms/portal/coverage.ts';
import { partnerHistory } from '../../transforms/portal/history.ts';
import { LOCAL_BUCKETS } from '../local/local-stack.ts';
import { attachment, HttpError, REPORT_CSP, send, sendJson } from './http.ts';
import type { PortalContext, Route } from './server.ts';

const REPORT_FILE = /^[a-z0-9][a-z0-9_.-]*\.(html|csv|json)$/;
const TYPES = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** What the Trust sees: who has sent what for each period, and the latest report with its files. */
export function trustRoutes(context: PortalContext): Route {
  const { config, reader } = context;
  const latestDir = join(context.reportsDir, 'latest');

  return async (req, res, url, session) => {
    if (session.invite.subject.kind !== 'trust' || req.method !== 'GET') return false;
    const path = url.pathname;
    if (path === '/api/me') {
      sendJson(res, 200, {
        kind: 'trust',
        trust: config.trust,
        periods: periodsNewestFirst(config, context.today()),
        today: context.today(),
        sessionExpiresAt: session.expiresAt,
      });
      return true;
    }
    if (path === '/api/coverage') {
      const periods = periodsNewestFirst(config, context.today());
      const period = url.searchParams.get('period') ?? periods[0];
      if (!period || !periods.includes(period)) throw new HttpError(404, 'That is not an open collection period.');
      const partners = await Promise.all(
        config.partners.map(async (partner) => {
          const history = await partnerHistory(reader, LOCAL_BUCKETS, partner.id);
          return {
            id: partner.id,
            name: partner.name,
            datasets: await partnerCoverage(reader, LOCAL_BUCKETS, partner.id, period, history),
          };
        }),
      );
      sendJson(res, 200, { period, partners });
      return true;
    }
    if (path === '/api/report') {
      const files = (await readdir(latestDir).catch(() => [] as string[])).filter((f) => REPORT_FILE.test(f)).sort();
      const model = files.includes('needs-analysis.json')
        ? (JSON.parse(await readFile(join(latestDir, 'needs-analysis.json'), 'utf8')) as {
            period?: string;
            generatedAt?: string;
          })
        : undefined;
      sendJson(res, 200, { period: model?.period ?? null, generatedAt: model?.generatedAt ?? null, files });
      return true;
    }
    const file = /^\/(?:trust|api)\/report\/([^/]+)$/.exec(path)?.[1];
    if (file !== undefined) {
      const match = REPORT_FILE.exec(file);
      if (!match) throw new HttpError(404, 'No such file.');
      const body = await readFile(join(latestDir, file)).catch(() => undefined);
      if (!body) throw new HttpError(404, 'No report has been written yet.');
      const type = match[1] as keyof typeof TYPES;
      send(
        res,
        200,
        body,
        TYPES[type],
        type === 'html' ? { 'Content-Security-Policy': REPORT_CSP } : { 'Content-Disposition': attachment(file) },
      );
      return true;
    }
    return false;
  };
}
