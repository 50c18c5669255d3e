import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import { todayInLondon } from '../../transforms/contract/dates.ts';
import type { PortalReader } from '../../transforms/portal/ports.ts';
import type { PipelineService } from '../local/service.ts';
import { LOCAL_CONFIG } from '../../portal/portal-config.ts';
import { buildPortalAssets, type PortalAssets } from './assets.ts';
import { assertSameOrigin, cookie, HttpError, readJson, send, sendJson, WORKER_CSP } from './http.ts';
import { InviteStore, type Session } from './invites.ts';
import { partnerRoutes } from './partner-routes.ts';
import { trustRoutes } from './trust-routes.ts';
import { errorText } from '../../transforms/output/plain-text.ts';

export const SESSION_COOKIE = 'workforce_session';

export interface PortalServerOptions {
  readonly service: PipelineService;
  readonly config: TrustConfig;
  readonly dataDir: string;
  /** @default 127.0.0.1 (this machine only) */
  readonly host?: string;
  /** @default 8080; 0 for any free port */
  readonly port?: number;
  /** @default today in the UK */
  readonly today?: () => string;
}

export interface PortalContext {
  readonly service: PipelineService;
  readonly config: TrustConfig;
  readonly reader: PortalReader;
  readonly today: () => string;
  readonly reportsDir: string;
}

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL, session: Session) => Promise<boolean>;

export interface PortalServer {
  readonly url: string;
  readonly invites: InviteStore;
  close(): Promise<void>;
}

/** The portal: the page, sign-in by invite link, and the API a signed-in partner or the Trust uses. */
export async function startPortalServer(options: PortalServerOptions): Promise<PortalServer> {
  const assets = await buildPortalAssets({ config: LOCAL_CONFIG });
  const invites = new InviteStore(join(options.dataDir, 'portal'));
  const store = options.service.stack.store;
  const reader: PortalReader = {
    list: async (bucket, prefix) =>
      (await store.listAll(bucket, prefix)).map((o) => ({ key: o.key, lastModified: o.lastModified })),
    getText: (bucket, key) => store.getText(bucket, key),
  };
  const context: PortalContext = {
    service: options.service,
    config: options.config,
    reader,
    today: options.today ?? (() => todayInLondon()),
    reportsDir: options.service.reportsDir,
  };
  const routes: Route[] = [partnerRoutes(context), trustRoutes(context)];
  const allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) process.stderr.write(`portal: ${errorText(error)}\n`);
      // A refused upload's body is not read: the connection closes after the answer.
      const close: Record<string, string> = req.method === 'POST' ? { Connection: 'close' } : {};
      if (!res.headersSent)
        sendJson(
          res,
          status,
          { error: status === 500 ? 'Something went wrong on the server.' : (error as Error).message },
          close,
        );
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A name other than the portal's own (DNS rebinding) gets nothing.
    if (!allowedHosts.has(req.headers.host ?? '')) throw new HttpError(421, 'Unknown host.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') assertSameOrigin(req, allowedHosts);
    if (req.method === 'GET' && serveAsset(res, assets, url.pathname)) return;
    if (url.pathname === '/api/signin' && req.method === 'POST') return signIn(req, res);
    if (url.pathname === '/api/signout' && req.method === 'POST') {
      await invites.signOut(cookie(req, SESSION_COOKIE));
      return sendJson(
        res,
        200,
        { signedOut: true },
        { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` },
      );
    }
    const session = await invites.session(cookie(req, SESSION_COOKIE));
    if (
      !session ||
      (session.invite.subject.kind === 'partner' &&
        !options.config.partners.some((p) => p.id === (session.invite.subject as { partnerId: string }).partnerId))
    ) {
      throw new HttpError(401, 'Sign in with the link the Trust sent you.');
    }
    for (const route of routes) if (await route(req, res, url, session)) return;
    throw new HttpError(404, 'Not found.');
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readJson(req)) as { token?: unknown };
    const signedIn = typeof body.token === 'string' ? await invites.signIn(body.token) : undefined;
    if (!signedIn)
      throw new HttpError(
        401,
        'This sign-in link is not valid: it may have expired or been withdrawn. Ask the Trust for a new one.',
      );
    const maxAge = Math.floor((Date.parse(signedIn.session.expiresAt) - Date.now()) / 1000);
    sendJson(
      res,
      200,
      { subject: signedIn.session.invite.subject },
      {
        'Set-Cookie': `${SESSION_COOKIE}=${signedIn.sessionToken}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`,
      },
    );
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  for (const name of [host, ...(host === '127.0.0.1' ? ['localhost'] : [])]) allowedHosts.add(`${name}:${port}`);
  return {
    url: `http://${host}:${port}/`,
    invites,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function serveAsset(res: ServerResponse, assets: PortalAssets, path: string): boolean {
  const asset = assets.get(path === '/signin' || path === '/trust' ? '/' : path);
  if (!asset) return false;
  // The validator compiles its column checks (new Function) for speed: allowed in the worker only,
  // which has no page to reach and reads nothing but the file the person chose.
  const policy: Record<string, string> = path === '/worker.js' ? { 'Content-Security-Policy': WORKER_CSP } : {};
  send(res, 200, asset.body, asset.type, { 'Cache-Control': 'no-cache', ...policy });
  return true;
}
