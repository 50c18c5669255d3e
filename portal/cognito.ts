import type { CognitoSignIn } from './portal-config.ts';

// Sign-in with a Cognito user pool's hosted pages: the authorization code flow with PKCE (RFC
// 7636), as a public client with no secret. The page keeps the access token for this tab only
// (sessionStorage), never in a cookie or in the address bar.

const TOKEN = 'workforce.portal.token';
const PENDING = 'workforce.portal.pending';

interface StoredToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const random = (length: number) => base64url(crypto.getRandomValues(new Uint8Array(length)));

/** The access token to send to the API, while it has a minute or more to run. */
export function accessToken(): string | undefined {
  const stored = JSON.parse(sessionStorage.getItem(TOKEN) ?? 'null') as StoredToken | null;
  return stored && stored.expiresAt - Date.now() > 60_000 ? stored.accessToken : undefined;
}

export const forgetToken = () => sessionStorage.removeItem(TOKEN);

/** Goes to the hosted sign-in page; it comes back to `redirectUri` with a code. */
export async function beginSignIn(config: CognitoSignIn): Promise<void> {
  const verifier = random(48);
  const state = random(24);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  location.assign(`${config.domain}/oauth2/authorize?${query}`);
}

/**
 * Back from the sign-in page: exchanges the code for tokens, once, and takes the code out of the
 * address bar. Resolves with a message for the person when it fails; undefined otherwise.
 */
export async function completeSignIn(config: CognitoSignIn): Promise<string | undefined> {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return undefined;
  history.replaceState(null, '', new URL(config.redirectUri).pathname);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING);
  // Words of our own: the address bar's error_description is anyone's text, shown on the Trust's page.
  if (query.has('error'))
    return query.get('error') === 'access_denied'
      ? 'Sign-in was cancelled or refused. Sign in again, or ask the Trust if it keeps happening.'
      : 'Sign-in did not complete. Sign in again, or ask the Trust if it keeps happening.';
  if (!pending || query.get('state') !== pending.state) return 'That sign-in was not started here. Sign in again.';
  const response = await fetch(`${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: query.get('code') ?? '',
      redirect_uri: config.redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  const tokens = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
  if (!response.ok || !tokens.access_token) return 'Sign-in did not complete. Sign in again.';
  const stored: StoredToken = {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
  };
  sessionStorage.setItem(TOKEN, JSON.stringify(stored));
  return undefined;
}

/** Signs out here and at the user pool, then comes back to the page. */
export function signOutOfCognito(config: CognitoSignIn): void {
  forgetToken();
  const query = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri });
  location.assign(`${config.domain}/logout?${query}`);
}
