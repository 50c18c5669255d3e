import { api, portalSettings, type TrustMe } from './api.ts';
import { fileLink } from './links.ts';
import { $, el, formatPeriod, when } from './dom.ts';

const WORDS: Record<string, string> = { accepted: 'Accepted', rejected: 'Rejected', missing: 'Missing' };

/** The Trust's page: for each open period, which partner has sent which dataset; the latest report. */
export async function startTrustView(me: TrustMe): Promise<void> {
  $('trust-title').textContent = `${me.trust}: coverage and the report`;
  const select = $<HTMLSelectElement>('coverage-period');
  select.replaceChildren(...me.periods.map((p) => el('option', { value: p }, formatPeriod(p))));
  select.addEventListener('change', () => void renderCoverage(select.value));
  await Promise.all([me.periods[0] ? renderCoverage(me.periods[0]) : Promise.resolve(), renderReport()]);
}

async function renderCoverage(period: string): Promise<void> {
  const { partners } = await api.coverage(period);
  const datasets = partners[0]?.datasets.map((d) => d.dataset) ?? [];
  const cells = partners.flatMap((p) => p.datasets);
  const counts = (status: string) => cells.filter((c) => c.status === status).length;
  $('coverage-summary').textContent =
    `${counts('accepted')} of ${cells.length} files accepted; ${counts('rejected')} rejected; ${counts('missing')} missing.`;
  $('coverage').replaceChildren(
    el(
      'table',
      { id: 'coverage-table' },
      el(
        'thead',
        {},
        el('tr', {}, el('th', { scope: 'col' }, 'Partner'), ...datasets.map((d) => el('th', { scope: 'col' }, d))),
      ),
      el(
        'tbody',
        {},
        partners.map((p) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, p.name, el('br'), el('span', { class: 'small' }, p.id)),
            ...p.datasets.map((d) =>
              el(
                'td',
                {},
                el('span', { class: `tag ${d.status}` }, WORDS[d.status] ?? d.status),
                d.latest && d.latest.outcome !== d.status
                  ? el('div', { class: 'small' }, `latest: ${d.latest.outcome}, ${when(d.latest.checkedAt)}`)
                  : null,
                d.latest && d.latest.outcome === d.status
                  ? el('div', { class: 'small' }, when(d.latest.checkedAt))
                  : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

async function renderReport(): Promise<void> {
  const { period, generatedAt, files } = await api.report();
  if (!files.includes('needs-analysis.html')) {
    $('report').replaceChildren(
      el(
        'p',
        { class: 'empty' },
        // The local service writes it after each accepted change; in AWS the scheduled report function does.
        portalSettings().signIn.kind === 'invite'
          ? 'No report yet: it is written when the first file is accepted.'
          : 'No report yet: it is written at the next scheduled run after the first file is accepted.',
      ),
    );
    return;
  }
  const downloads = files.filter((f) => f !== 'needs-analysis.html');
  $('report').replaceChildren(
    el(
      'p',
      {},
      portalSettings().signIn.kind === 'invite'
        ? el(
            'a',
            { href: api.reportFileUrl('needs-analysis.html'), target: '_blank', rel: 'noopener' },
            `Open the needs-analysis report${period ? ` for ${formatPeriod(period)}` : ''}`,
          )
        : fileLink(
            api.reportFileUrl('needs-analysis.html'),
            'needs-analysis.html',
            `Download the needs-analysis report${period ? ` for ${formatPeriod(period)}` : ''} (a web page)`,
          ),
      generatedAt ? ` (written ${when(generatedAt)})` : '',
    ),
    el(
      'details',
      {},
      el('summary', {}, `Downloads (${downloads.length} files)`),
      el(
        'ul',
        {},
        downloads.map((f) => el('li', {}, fileLink(api.reportFileUrl(f), f, f))),
      ),
    ),
  );
}
