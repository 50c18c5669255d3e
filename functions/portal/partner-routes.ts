import { DATASETS, PARTNER_DATASETS } from '../../transforms/contract/datasets/registry.ts';
import { partnerCoverage, periodsNewestFirst } from '../../transforms/portal/coverage.ts';
import { findReportKey, historyEntry, partnerHistory, type StoredReport } from '../../transforms/portal/history.ts';
import { isUploadId } from '../../transforms/portal/scope.ts';
import { planUpload, tooLargeMessage } from '../../transforms/portal/upload-plan.ts';
import { ObjectTooLargeError } from '../local/disk-object-store.ts';
import { LOCAL_BUCKETS } from '../local/local-stack.ts';
import { contractFile } from './contract-files.ts';
import { attachment, HttpError, send, sendJson } from './http.ts';
import type { PortalContext, Route } from './server.ts';

const WAIT_MS = 25_000;

/** What a signed-in partner may do: see its own uploads and reports, and send files. Nothing else. */
export function partnerRoutes(context: PortalContext): Route {
  const { config, reader, service } = context;
  const pending = new Map<string, string>();

  const report = async (partnerId: string, uploadId: string) => {
    const key = await findReportKey(reader, LOCAL_BUCKETS, partnerId, uploadId);
    if (key === undefined) return undefined;
    const text = (await reader.getText(LOCAL_BUCKETS.landingBucket, key)) as string;
    const [listed] = await reader.list(LOCAL_BUCKETS.landingBucket, key);
    return {
      key,
      text,
      entry: historyEntry(uploadId, JSON.parse(text) as StoredReport, listed?.lastModified ?? new Date()),
    };
  };

  return async (req, res, url, session) => {
    const path = url.pathname;
    if (req.method === 'GET' && path.startsWith('/api/contract/')) {
      const file = contractFile(path.slice('/api/contract/'.length));
      if (!file) throw new HttpError(404, 'No such file.');
      send(res, 200, file.body, file.type, { 'Content-Disposition': attachment(file.name) });
      return true;
    }
    const subject = session.invite.subject;
    if (subject.kind !== 'partner') return false;
    const partnerId = subject.partnerId;

    if (req.method === 'GET' && path === '/api/me') {
      const periods = periodsNewestFirst(config, context.today());
      const history = await partnerHistory(reader, LOCAL_BUCKETS, partnerId);
      const due = periods[0] ? await partnerCoverage(reader, LOCAL_BUCKETS, partnerId, periods[0], history) : [];
      sendJson(res, 200, {
        kind: 'partner',
        trust: config.trust,
        partner: config.partners.find((p) => p.id === partnerId),
        datasets: PARTNER_DATASETS.map((name) => ({ name, title: DATASETS[name].title })),
        periods,
        today: context.today(),
        limits: config.limits,
        collection: { baselinePeriod: config.baselinePeriod, collectionDates: config.collectionDates ?? null },
        due: { period: periods[0] ?? null, datasets: due.map((c) => ({ dataset: c.dataset, status: c.status })) },
        sessionExpiresAt: session.expiresAt,
      });
      return true;
    }
    if (req.method === 'GET' && path === '/api/history') {
      sendJson(res, 200, { uploads: await partnerHistory(reader, LOCAL_BUCKETS, partnerId) });
      return true;
    }
    if (req.method === 'POST' && path === '/api/uploads') {
      const length = Number(req.headers['content-length']);
      if (!Number.isSafeInteger(length)) throw new HttpError(411, 'Send the file with its length.');
      const query = url.searchParams;
      const plan = planUpload(
        config,
        partnerId,
        {
          dataset: query.get('dataset') ?? '',
          period: query.get('period') ?? '',
          name: query.get('name') ?? '',
          size: length,
        },
        context.today(),
      );
      if (!plan.ok) throw new HttpError(plan.status, plan.message);
      const { key, fileName } = plan;
      let stored;
      try {
        stored = await service.stack.upload(key, req, config.limits.maxFileBytes);
      } catch (error) {
        if (error instanceof ObjectTooLargeError) throw new HttpError(413, tooLargeMessage(config));
        throw error;
      }
      pending.set(stored.uploadId, partnerId);
      void service.work();
      sendJson(res, 201, { uploadId: stored.uploadId, key, fileName });
      return true;
    }
    const upload = /^\/api\/uploads\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && upload) {
      const uploadId = upload[1] as string;
      if (!isUploadId(uploadId)) throw new HttpError(404, 'No such upload.');
      const waiting =
        url.searchParams.has('wait') && pending.get(uploadId) === partnerId
          ? service.waitFor(uploadId, WAIT_MS)
          : undefined;
      let found = await report(partnerId, uploadId);
      if (!found && waiting) {
        await waiting;
        found = await report(partnerId, uploadId);
      }
      if (found)
        sendJson(res, 200, { status: 'checked', upload: found.entry, report: JSON.parse(found.text) as unknown });
      else if (pending.get(uploadId) === partnerId) sendJson(res, 202, { status: 'checking' });
      else throw new HttpError(404, 'No such upload.');
      return true;
    }
    const download = /^\/api\/reports\/([^/]+)\.(json|txt)$/.exec(path);
    if (req.method === 'GET' && download) {
      const found = await report(partnerId, download[1] as string);
      if (!found) throw new HttpError(404, 'No such report.');
      const stem = found.entry.fileName.replace(/\.[^.]*$/, '');
      const when = found.entry.checkedAt.slice(0, 16).replace('T', ' ').replace(':', '.');
      if (download[2] === 'json') {
        send(res, 200, found.text, 'application/json; charset=utf-8', {
          'Content-Disposition': attachment(`${stem} - check ${when}.json`),
        });
      } else {
        const text = (await reader.getText(LOCAL_BUCKETS.landingBucket, found.key.replace(/\.json$/, '.txt'))) ?? '';
        send(res, 200, text, 'text/plain; charset=utf-8', {
          'Content-Disposition': attachment(`${stem} - check ${when}.txt`),
        });
      }
      return true;
    }
    return false;
  };
}
