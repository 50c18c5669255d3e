// How this copy of the portal signs people in and where its API is: the local service's invite
// links (no configuration: the default), or a Cognito user pool's hosted sign-in in AWS. The
// configuration is a file beside the page, /portal-config.json, written when the pages are built
// for a deployment (`buildPortalAssets({ config })`) or by the AWS stack when it deploys them.

/** Signing in with the hosted sign-in of a Cognito user pool: OAuth 2.0 authorization code with PKCE. */
export interface CognitoSignIn {
  readonly kind: 'cognito';
  /** The user pool's sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  /** The app client: public, no secret. */
  readonly clientId: string;
  /** Where the sign-in comes back to: this page's own address. */
  readonly redirectUri: string;
}

export type SignInConfig = { readonly kind: 'invite' } | CognitoSignIn;

export interface PortalConfig {
  /** Prefixed to every /api/... path: '' when the API is served from the page's own origin. */
  readonly apiBase: string;
  readonly signIn: SignInConfig;
}

/** The local service's portal: invite links, the API on the same origin. */
export const LOCAL_CONFIG: PortalConfig = { apiBase: '', signIn: { kind: 'invite' } };

export const CONFIG_PATH = '/portal-config.json';

function isPortalConfig(value: unknown): value is PortalConfig {
  const v = value as Partial<PortalConfig> | null;
  if (!v || typeof v.apiBase !== 'string' || typeof v.signIn !== 'object' || v.signIn === null) return false;
  if (v.signIn.kind === 'invite') return true;
  const s = v.signIn as Partial<CognitoSignIn>;
  return (
    s.kind === 'cognito' &&
    [s.domain, s.clientId, s.redirectUri].every((x) => typeof x === 'string' && x !== '') &&
    /^https?:\/\//.test(s.domain ?? '')
  );
}

/** This portal's configuration: the file beside the page, or the local service's when there is none. */
export async function loadPortalConfig(): Promise<PortalConfig> {
  const response = await fetch(CONFIG_PATH);
  if (response.status === 404) return LOCAL_CONFIG;
  const value: unknown = await response.json().catch(() => undefined);
  if (!response.ok || !isPortalConfig(value))
    throw new Error(`The portal's configuration (${CONFIG_PATH}) is not valid.`);
  return { ...value, apiBase: value.apiBase.replace(/\/+$/, '') };
}
