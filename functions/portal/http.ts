import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request the portal refuses, with the status and a message for the person. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The page's policy: its own scripts, styles and worker only; never framed; no referrer. It may
 * fetch from its own origin and from the origins named (in AWS: the sign-in domain and the bucket
 * the files go to).
 */
export const appCsp = (connect: readonly string[] = []): string =>
  "default-src 'none'; script-src 'self'; worker-src 'self'; " +
  `connect-src ${["'self'", ...connect].join(' ')}; ` +
  "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
export const APP_CSP = appCsp();
/** The validation worker: its own script, compiled checks, and no network. */
export const WORKER_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'";
/** The report: inline styles and SVG of its own, and nothing that runs. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  type: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Content-Security-Policy': APP_CSP,
    ...headers,
  });
  res.end(body);
}

export const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, `${JSON.stringify(value)}\n`, 'application/json; charset=utf-8', headers);

export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Reads a small JSON body; anything larger than `limit` bytes is refused. */
export async function readJson(req: IncomingMessage, limit = 4096): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'Send JSON.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'The request is too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request is not valid JSON.');
  }
}

/**
 * A browser sends Origin (and Sec-Fetch-Site) with every state-changing request: one from another
 * site is refused, whatever cookies it carries (with SameSite=Strict, it carries none anyway).
 */
export function assertSameOrigin(req: IncomingMessage, allowedHosts: ReadonlySet<string>): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw new HttpError(403, 'Requests from other sites are refused.');
  const origin = req.headers.origin;
  if (origin === undefined) {
    if (site === undefined) throw new HttpError(403, 'Requests from other sites are refused.');
    return;
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new HttpError(403, 'Requests from other sites are refused.');
  }
  if (!allowedHosts.has(host)) throw new HttpError(403, 'Requests from other sites are refused.');
}

/** Content-Disposition for a download, with a plain fallback name and the real one encoded. */
export function attachment(fileName: string): string {
  const plain = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
