import { download, portalSettings } from './api.ts';
import { el } from './dom.ts';

/**
 * A link to a file the API serves. With the local service the browser follows it (the session
 * cookie goes with it); in AWS the page fetches it with the access token and saves it.
 */
export function fileLink(
  path: string,
  fileName: string,
  text: string,
  attributes: Record<string, string> = {},
): HTMLAnchorElement {
  const local = portalSettings().signIn.kind === 'invite';
  const link = el(
    'a',
    { href: `${portalSettings().apiBase}${path}`, ...(local ? {} : { download: fileName }), ...attributes },
    text,
  );
  if (!local)
    link.addEventListener('click', (event) => {
      event.preventDefault();
      download(path, fileName).catch((error: unknown) => alert((error as Error).message));
    });
  return link;
}
