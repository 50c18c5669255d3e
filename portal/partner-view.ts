import type { ValidationReport } from '../transforms/validation/report.ts';
import { api, type PartnerMe } from './api.ts';
import { $, el, formatPeriod, plural, when } from './dom.ts';
import { issueGroups, summaryLine } from './issues-view.ts';
import { fileLink } from './links.ts';
import type { CheckMessage, CheckRequest } from './worker.ts';

let worker: Worker | undefined;
let checked: { file: File; report: ValidationReport } | undefined;
let meRef: PartnerMe | undefined;
const currentMe = () => meRef as PartnerMe;
const rememberMe = (me: PartnerMe) => (meRef = me);

const OUTCOME_TEXT = { accepted: 'Accepted', rejected: 'Rejected', superseded: 'Superseded' } as const;

function tag(outcome: string, warnings = 0): HTMLElement {
  const label =
    outcome === 'accepted' && warnings > 0
      ? 'Accepted with warnings'
      : (OUTCOME_TEXT[outcome as keyof typeof OUTCOME_TEXT] ?? outcome);
  return el('span', { class: `tag ${outcome === 'accepted' && warnings > 0 ? 'warnings' : outcome}` }, label);
}

/** A report's file name, after the file it is about. */
const reportName = (fileName: string, type: 'txt' | 'json') => `${fileName.replace(/\.[^.]*$/, '')} - check.${type}`;

const OUTCOME_WAIT_MS = 10 * 60_000;

/**
 * Waits for the pipeline's outcome: the local service answers when it has one (or after a while);
 * the API in AWS at once, so the page asks again every two seconds, for up to ten minutes.
 */
async function pipelineOutcome(uploadId: string) {
  const until = Date.now() + OUTCOME_WAIT_MS;
  for (;;) {
    const result = await api.outcome(uploadId);
    if (result.status !== 'checking' || Date.now() > until) return result;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** The partner's page: what is due, the check-then-upload form, the history, the templates. */
export async function startPartnerView(me: PartnerMe): Promise<void> {
  rememberMe(me);
  $('partner-title').textContent = 'Send your workforce data';
  $('partner-lead').textContent =
    `${me.partner.name}, for ${me.trust}. Choose the dataset and period, then your CSV file: it is checked on this computer straight away, and again by the Trust's pipeline when you upload it.`;
  $('dataset').replaceChildren(...me.datasets.map((d) => el('option', { value: d.name }, d.title)));
  $('period').replaceChildren(...me.periods.map((p) => el('option', { value: p }, formatPeriod(p))));
  $('downloads').replaceChildren(
    ...me.datasets.map((d) =>
      el(
        'li',
        {},
        fileLink(`/api/contract/templates/${d.name}.csv`, `${d.name}-template.csv`, `${d.title} template (CSV)`),
      ),
    ),
    el(
      'li',
      {},
      fileLink(
        '/api/contract/data-contract.md',
        'data-contract.md',
        'The data contract: every column, code and rule (Markdown)',
      ),
    ),
  );
  for (const id of ['dataset', 'period', 'file']) $(id).addEventListener('change', startCheck);
  $('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void upload(me);
  });
  renderDue(me);
  await renderHistory();
}

function renderDue(me: PartnerMe): void {
  const { period, datasets } = me.due;
  $('due-heading').textContent = period ? `Due for ${formatPeriod(period)}` : 'No collection period is open yet';
  const title = (name: string) => me.datasets.find((d) => d.name === name)?.title ?? name;
  const words = {
    accepted: 'Received and accepted',
    rejected: 'Rejected: send a corrected file',
    missing: 'Still due',
  } as Record<string, string>;
  $('due').replaceChildren(
    ...datasets.map((d) =>
      el(
        'li',
        {},
        el('span', { class: 'name' }, title(d.dataset)),
        el('span', { class: `tag ${d.status}` }, words[d.status] ?? d.status),
      ),
    ),
  );
}

async function renderHistory(): Promise<void> {
  const { uploads } = await api.history();
  if (uploads.length === 0) {
    $('history').replaceChildren(el('p', { class: 'empty' }, 'Nothing sent yet.'));
    return;
  }
  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      ...['File', 'Dataset', 'Period', 'Checked', 'Outcome', 'Rows', 'Report'].map((h) =>
        el('th', { scope: 'col', class: h === 'Rows' ? 'num' : '' }, h),
      ),
    ),
  );
  const rows = uploads.map((u) =>
    el(
      'tr',
      {},
      el('td', {}, u.fileName),
      el('td', {}, u.dataset),
      el('td', {}, u.period ?? ''),
      el('td', {}, when(u.checkedAt)),
      el(
        'td',
        {},
        tag(u.outcome, u.warnings),
        u.errors ? el('span', { class: 'small' }, ` ${plural(u.errors, 'error')}`) : null,
      ),
      el('td', { class: 'num' }, u.rows.toLocaleString('en-GB')),
      el(
        'td',
        {},
        fileLink(api.reportUrl(u.uploadId, 'txt'), reportName(u.fileName, 'txt'), 'Report', {
          'aria-label': `Report for ${u.fileName}`,
        }),
      ),
    ),
  );
  $('history').replaceChildren(el('table', { id: 'history-table' }, head, el('tbody', {}, rows)));
}

/** Checks the chosen file in a Web Worker, so the page stays responsive however large it is. */
function startCheck(): void {
  const file = $<HTMLInputElement>('file').files?.[0];
  const check = $('check');
  const button = $<HTMLButtonElement>('upload');
  worker?.terminate();
  checked = undefined;
  button.disabled = true;
  $('outcome').replaceChildren();
  $('outcome').className = 'outcome';
  if (!file) {
    check.replaceChildren();
    return;
  }
  const me = currentMe();
  const progress = el('progress', {
    max: String(file.size || 1),
    value: '0',
    id: 'check-progress',
    'aria-label': 'Checking progress',
  });
  check.className = 'check';
  check.replaceChildren(el('p', { class: 'headline' }, `Checking ${file.name}…`), progress);
  worker = new Worker('/worker.js');
  const request: CheckRequest = {
    file,
    dataset: $<HTMLSelectElement>('dataset').value,
    period: $<HTMLSelectElement>('period').value,
    today: me.today,
    limits: me.limits,
    rule: { baselinePeriod: me.collection.baselinePeriod, collectionDates: me.collection.collectionDates ?? undefined },
  };
  worker.onmessage = ({ data }: MessageEvent<CheckMessage>) => {
    if (data.type === 'progress') progress.value = data.bytes;
    else if (data.type === 'failed')
      check.replaceChildren(el('p', { class: 'headline' }, `The file could not be checked: ${data.message}`));
    else showCheck(file, data.report, data.summary);
  };
  worker.postMessage(request);
}

function showCheck(file: File, report: ValidationReport, summary: string): void {
  const check = $('check');
  const ok = report.status === 'accepted';
  const warned = report.warnings.length > 0;
  check.className = `check ${ok ? (warned ? 'warn' : 'good') : 'bad'}`;
  const text = URL.createObjectURL(new Blob([summary], { type: 'text/plain' }));
  check.replaceChildren(
    el(
      'p',
      { class: 'headline' },
      ok
        ? `${file.name} passed the check${warned ? ', with warnings' : ''}. You can upload it.`
        : `${file.name} has errors to fix before it can be accepted.`,
    ),
    el('p', { class: 'summary', id: 'check-summary' }, summaryLine(report)),
    ok
      ? ''
      : el(
          'p',
          {},
          'Correct these in your spreadsheet or HR system, save it as CSV again, and choose the corrected file: it is checked again at once.',
        ),
    ...issueGroups(report),
    el(
      'p',
      { class: 'small' },
      el(
        'a',
        { href: text, download: `${file.name.replace(/\.[^.]*$/, '')} - check.txt` },
        'Download this check as text',
      ),
    ),
  );
  checked = ok ? { file, report } : undefined;
  $<HTMLButtonElement>('upload').disabled = !ok;
}

async function upload(me: PartnerMe): Promise<void> {
  if (!checked) return;
  const { file } = checked;
  const button = $<HTMLButtonElement>('upload');
  const outcome = $('outcome');
  const bar = $<HTMLProgressElement>('upload-progress');
  button.disabled = true;
  $('upload-progress-wrap').hidden = false;
  bar.value = 0;
  outcome.className = 'outcome';
  outcome.replaceChildren(el('p', { class: 'headline' }, `Sending ${file.name}…`));
  try {
    const dataset = $<HTMLSelectElement>('dataset').value;
    const period = $<HTMLSelectElement>('period').value;
    const sent = await api.upload(file, dataset, period, (fraction) => (bar.value = Math.round(fraction * 100)));
    bar.value = 100;
    // The browser's check has done its work: the pipeline's own outcome replaces it below.
    $('check').className = 'check';
    $('check').replaceChildren(
      el(
        'p',
        { class: 'small' },
        `${sent.fileName} was checked here before it was sent. Choose another file to send more.`,
      ),
    );
    $<HTMLInputElement>('file').value = '';
    checked = undefined;
    outcome.replaceChildren(
      el('p', { class: 'headline' }, `${sent.fileName} is uploaded. The Trust's pipeline is checking it…`),
    );
    const result = await pipelineOutcome(sent.uploadId);
    if (!result.upload || !result.report) {
      outcome.replaceChildren(
        el('p', { class: 'headline' }, `${sent.fileName} is uploaded and still being checked: see Your uploads later.`),
      );
      return;
    }
    showOutcome(result.upload, result.report);
    await renderHistory();
    const fresh = await api.me();
    if (fresh.kind === 'partner') renderDue({ ...me, due: fresh.due });
  } catch (error) {
    outcome.className = 'outcome bad';
    outcome.replaceChildren(el('p', { class: 'headline' }, `Not sent: ${(error as Error).message}`));
    button.disabled = false;
  } finally {
    $('upload-progress-wrap').hidden = true;
  }
}

function showOutcome(
  entry: NonNullable<Awaited<ReturnType<typeof api.outcome>>['upload']>,
  report: ValidationReport & { outcome: string; note?: string },
): void {
  const outcome = $('outcome');
  const warned = entry.warnings > 0;
  const word =
    entry.outcome === 'accepted'
      ? warned
        ? 'Accepted with warnings'
        : 'Accepted'
      : (OUTCOME_TEXT[entry.outcome as keyof typeof OUTCOME_TEXT] ?? entry.outcome);
  outcome.className = `outcome ${entry.outcome === 'accepted' ? (warned ? 'warn' : 'good') : 'bad'}`;
  const what = `${entry.fileName}: ${entry.dataset} for ${formatPeriod(entry.period ?? '')}, ${plural(entry.rows, 'row')}.`;
  outcome.replaceChildren(
    el('p', { class: 'headline' }, `${word} — ${what}`),
    el('p', { class: 'summary' }, summaryLine(report)),
    report.note ? el('p', {}, report.note) : '',
    ...issueGroups(report),
    el(
      'p',
      {},
      fileLink(api.reportUrl(entry.uploadId, 'txt'), reportName(entry.fileName, 'txt'), 'Download the report'),
      ' · ',
      fileLink(api.reportUrl(entry.uploadId, 'json'), reportName(entry.fileName, 'json'), 'as JSON'),
    ),
  );
}
