import { api, ApiError, configureApi } from './api.ts';
import { accessToken, beginSignIn, completeSignIn, forgetToken, signOutOfCognito } from './cognito.ts';
import { $, el } from './dom.ts';
import { startPartnerView } from './partner-view.ts';
import { loadPortalConfig, type PortalConfig } from './portal-config.ts';
import { startTrustView } from './trust-view.ts';

/** Shows one view and takes the others out of the page, so each label names one control. */
const show = (id: string) => {
  for (const view of ['loading', 'signin-view', 'partner-view', 'trust-view']) {
    if (view === id) $(view).hidden = false;
    else document.getElementById(view)?.remove();
  }
};

async function signInFromLink(): Promise<string | undefined> {
  if (location.pathname !== '/signin' || location.hash.length < 2) return undefined;
  const token = location.hash.slice(1);
  // The token leaves the address bar at once; it was never sent to the server in the URL.
  history.replaceState(null, '', '/');
  try {
    await api.signIn(token);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Signs in as this portal does: an invite link (the local service), or the user pool's sign-in page. */
async function signIn(config: PortalConfig): Promise<string | undefined> {
  const { signIn } = config;
  if (signIn.kind === 'invite') return signInFromLink();
  const failure = await completeSignIn(signIn);
  const button = $<HTMLButtonElement>('signin-button');
  $('signin-message').textContent = 'Sign in with the account the Trust set up for you.';
  button.hidden = false;
  button.addEventListener('click', () => void beginSignIn(signIn));
  return failure ?? (accessToken() ? undefined : '');
}

function signOut(config: PortalConfig): void {
  if (config.signIn.kind === 'cognito') return signOutOfCognito(config.signIn);
  void api.signOut().then(() => location.assign('/'));
}

async function main(): Promise<void> {
  const config = await loadPortalConfig();
  configureApi(config);
  const failure = await signIn(config);
  let me;
  try {
    if (failure === '') throw new ApiError(401, '');
    me = await api.me();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    forgetToken();
    if (failure) $('signin-message').textContent = failure;
    show('signin-view');
    return;
  }
  $('signout').hidden = false;
  $('signout').addEventListener('click', () => signOut(config));
  if (me.kind === 'partner') {
    $('who').textContent = `${me.partner.name} · ${me.trust}`;
    show('partner-view');
    await startPartnerView(me);
  } else {
    $('who').textContent = `${me.trust} (Trust)`;
    show('trust-view');
    await startTrustView(me);
  }
}

main().catch((error: unknown) => {
  show('signin-view');
  $('signin-view').replaceChildren(el('h1', {}, 'Something went wrong'), el('p', {}, (error as Error).message));
});
