import { api, ApiError } from './api.ts';
import { $, el } from './dom.ts';
import { startPartnerView } from './partner-view.ts';
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

async function main(): Promise<void> {
  const failure = await signInFromLink();
  let me;
  try {
    me = await api.me();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    if (failure) $('signin-message').textContent = failure;
    show('signin-view');
    return;
  }
  $('signout').hidden = false;
  $('signout').addEventListener('click', () => {
    void api.signOut().then(() => location.assign('/'));
  });
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
