import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { LOCAL_BUCKETS } from '../../functions/local/local-stack.ts';
import type { PipelineService } from '../../functions/local/service.ts';
import { createPortalApiHandler } from '../../functions/portal-api/handler.ts';
import { presignPost } from '../../functions/portal-api/presigned-post.ts';
import { buildPortalAssets } from '../../functions/portal/assets.ts';
import { appCsp, WORKER_CSP } from '../../functions/portal/http.ts';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import type { PortalReader } from '../../transforms/portal/ports.ts';
import { checkPostForm, type PostCheck } from './s3-post-policy.ts';

// The portal as the AWS stack deploys it, on this machine: CloudFront serving the built pages with
// the stack's security headers and passing /api/* to the API function behind a JWT authorizer; a
// user pool's hosted sign-in (authorization code with PKCE, as Cognito runs it); and the landing
// bucket's browser uploads, with the POST policy checked as S3 checks it. The API function, the
// pages and the pipeline behind them are the real ones.

export const CLIENT_ID = 'portal-pages-client';
const TOKEN_SECRET = randomBytes(32);
const S3_CREDENTIALS = { accessKeyId: 'AKIDPORTALFUNCTION', secretAccessKey: randomBytes(20).toString('hex') };

export interface AwsPortalHarness {
  readonly portalUrl: string;
  readonly signInUrl: string;
  readonly storageUrl: string;
  /** Every form the storage was sent, with what it decided. */
  readonly posts: PostCheck[];
  close(): Promise<void>;
}

const b64url = (buffer: Buffer) => buffer.toString('base64url');
const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A signed access token as Cognito issues them: the user's groups, this client, an hour. */
function accessToken(sub: string, groups: readonly string[]): string {
  const header = b64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const claims = { sub, 'cognito:groups': groups, client_id: CLIENT_ID, token_use: 'access', exp };
  const payload = b64url(Buffer.from(JSON.stringify(claims)));
  return `${header}.${payload}.${b64url(createHmac('sha256', TOKEN_SECRET).update(`${header}.${payload}`).digest())}`;
}

/** API Gateway's JWT authorizer: a valid, unexpired token for the portal client, or nothing. */
function verify(authorization: string | undefined): Record<string, unknown> | undefined {
  const [header, payload, signature] = (authorization ?? '').replace(/^Bearer /, '').split('.');
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac('sha256', TOKEN_SECRET).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return claims.client_id === CLIENT_ID && Number(claims.exp) * 1000 > Date.now() ? claims : undefined;
}

export async function startAwsPortal(
  service: PipelineService,
  config: TrustConfig,
  users: Readonly<Record<string, readonly string[]>>,
): Promise<AwsPortalHarness> {
  const servers = [createServer(), createServer(), createServer()] as const;
  const [portalUrl, signInUrl, storageUrl] = (await Promise.all(servers.map(listen))) as [string, string, string];
  const [portal, signIn, storage] = servers;
  const posts: PostCheck[] = [];
  const store = service.stack.store;
  const reader: PortalReader = {
    list: async (bucket, prefix) =>
      (await store.listAll(bucket, prefix)).map((o) => ({ key: o.key, lastModified: o.lastModified })),
    getText: (bucket, key) => store.getText(bucket, key),
  };
  const api = createPortalApiHandler({
    config,
    reader,
    buckets: { ...LOCAL_BUCKETS, reportsBucket: 'workforce-reports' },
    presign: (key) =>
      Promise.resolve(
        presignPost({
          bucket: LOCAL_BUCKETS.landingBucket,
          region: 'eu-west-2',
          key,
          maxBytes: config.limits.maxFileBytes,
          credentials: S3_CREDENTIALS,
          url: `${storageUrl}/`,
        }),
      ),
  });
  const assets = await buildPortalAssets({
    config: {
      apiBase: '',
      signIn: { kind: 'cognito', domain: signInUrl, clientId: CLIENT_ID, redirectUri: `${portalUrl}/` },
    },
  });
  const pageCsp = appCsp([signInUrl, storageUrl]);

  portal.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', portalUrl);
      if (url.pathname.startsWith('/api/')) {
        const claims = verify(req.headers.authorization);
        if (!claims) return json(res, 401, { message: 'Unauthorized' });
        const groups = claims['cognito:groups'] as string[];
        const event = {
          rawPath: url.pathname,
          queryStringParameters: Object.fromEntries(url.searchParams),
          body: await bodyOf(req),
          isBase64Encoded: false,
          requestContext: {
            http: { method: req.method },
            // As API Gateway passes a list claim on: one string, `[a b]`.
            authorizer: { jwt: { claims: { ...claims, 'cognito:groups': `[${groups.join(' ')}]` }, scopes: null } },
          },
        } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
        const result = await api(event);
        res.writeHead(result.statusCode ?? 200, { 'Content-Security-Policy': pageCsp, ...result.headers });
        return res.end(result.body);
      }
      const asset = assets.get(url.pathname === '/index.html' ? '/' : url.pathname);
      if (!asset) return json(res, 403, { message: 'AccessDenied' });
      res.writeHead(200, {
        'Content-Type': asset.type,
        'Content-Security-Policy': url.pathname === '/worker.js' ? WORKER_CSP : pageCsp,
        'X-Frame-Options': 'DENY',
        'Cache-Control': 'no-cache',
      });
      res.end(asset.body);
    })();
  });

  const codes = new Map<string, { user: string; challenge: string; redirectUri: string }>();
  signIn.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', signInUrl);
      const cors = { 'Access-Control-Allow-Origin': portalUrl };
      if (url.pathname === '/oauth2/authorize') {
        const q = url.searchParams;
        const ok =
          q.get('client_id') === CLIENT_ID &&
          q.get('redirect_uri') === `${portalUrl}/` &&
          q.get('response_type') === 'code' &&
          q.get('code_challenge_method') === 'S256' &&
          /^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '');
        if (!ok) return json(res, 400, { error: 'invalid_request' });
        res.writeHead(200, { 'Content-Type': 'text/html' });
        const options = Object.keys(users).map((u) => `<option>${u}</option>`);
        return res.end(
          `<!doctype html><title>Sign in</title><form method="post" action="/login">` +
            `<label for="user">Email</label><select id="user" name="user">${options.join('')}</select>` +
            `<input type="hidden" name="state" value="${q.get('state') ?? ''}">` +
            `<input type="hidden" name="challenge" value="${q.get('code_challenge') ?? ''}">` +
            `<button>Sign in</button></form>`,
        );
      }
      if (url.pathname === '/login' && req.method === 'POST') {
        const form = new URLSearchParams(await bodyOf(req));
        const code = randomBytes(16).toString('hex');
        codes.set(code, {
          user: form.get('user') ?? '',
          challenge: form.get('challenge') ?? '',
          redirectUri: `${portalUrl}/`,
        });
        const back = new URL(`${portalUrl}/`);
        back.search = new URLSearchParams({ code, state: form.get('state') ?? '' }).toString();
        res.writeHead(302, { Location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/oauth2/token' && req.method === 'POST') {
        const form = new URLSearchParams(await bodyOf(req));
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const proof = createHash('sha256').update(verifier).digest('base64url');
        if (
          !grant ||
          form.get('client_id') !== CLIENT_ID ||
          form.get('redirect_uri') !== grant.redirectUri ||
          proof !== grant.challenge
        )
          return json(res, 400, { error: 'invalid_grant' }, cors);
        const token = accessToken(grant.user, users[grant.user] ?? []);
        return json(res, 200, { access_token: token, id_token: token, token_type: 'Bearer', expires_in: 3600 }, cors);
      }
      if (url.pathname === '/logout') {
        res.writeHead(302, { Location: url.searchParams.get('logout_uri') ?? portalUrl });
        return res.end();
      }
      json(res, 404, { error: 'not_found' });
    })();
  });

  storage.on('request', (req, res) => {
    void (async () => {
      const cors = {
        'Access-Control-Allow-Origin': req.headers.origin === portalUrl ? portalUrl : 'null',
        'Access-Control-Expose-Headers': 'x-amz-version-id, ETag',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(200, {
          ...cors,
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
        });
        return res.end();
      }
      const request = new Request(storageUrl, {
        method: 'POST',
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(req) as ReadableStream,
        duplex: 'half',
      });
      const check = await checkPostForm(await request.formData(), LOCAL_BUCKETS.landingBucket, S3_CREDENTIALS);
      posts.push(check);
      if (!check.ok) {
        res.writeHead(check.status, { ...cors, 'Content-Type': 'application/xml' });
        return res.end(`<Error><Code>${check.code}</Code><Message>${check.message}</Message></Error>`);
      }
      const stored = await service.stack.upload(check.key, Readable.from(check.body));
      void service.work();
      res.writeHead(204, { ...cors, 'x-amz-version-id': stored.version.versionId, ETag: `"${stored.version.etag}"` });
      res.end();
    })();
  });

  return {
    portalUrl: `${portalUrl}/`,
    signInUrl,
    storageUrl,
    posts,
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
