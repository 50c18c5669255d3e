import type { CollectionRule } from '../transforms/config/collection-periods.ts';
import type { HistoryEntry } from '../transforms/portal/history.ts';
import type { ValidationLimits } from '../transforms/contract/limits.ts';
import type { ValidationReport } from '../transforms/validation/report.ts';
import { ApiError } from './api-error.ts';
import { accessToken } from './cognito.ts';
import { LOCAL_CONFIG, type PortalConfig } from './portal-config.ts';
import { sendForm, type PresignedPost } from './presigned-upload.ts';

export interface PartnerMe {
  readonly kind: 'partner';
  readonly trust: string;
  readonly partner: { readonly id: string; readonly name: string };
  readonly datasets: readonly { readonly name: string; readonly title: string }[];
  readonly periods: readonly string[];
  readonly today: string;
  readonly limits: ValidationLimits;
  readonly collection: CollectionRule;
  readonly due: {
    readonly period: string | null;
    readonly datasets: readonly { readonly dataset: string; readonly status: string }[];
  };
}

export interface TrustMe {
  readonly kind: 'trust';
  readonly trust: string;
  readonly periods: readonly string[];
  readonly today: string;
}

export interface UploadOutcome {
  readonly status: 'checked' | 'checking';
  readonly upload?: HistoryEntry;
  readonly report?: ValidationReport & { readonly outcome: string; readonly note?: string };
}

export { ApiError } from './api-error.ts';

let settings: PortalConfig = LOCAL_CONFIG;

/** Which API this page talks to and how it signs in; set once, before the first call. */
export const configureApi = (config: PortalConfig) => (settings = config);
export const portalSettings = () => settings;

/** The request's headers: the Cognito access token when signing in that way (the local service uses a cookie). */
function authorised(headers: Record<string, string> = {}): Record<string, string> {
  const token = settings.signIn.kind === 'cognito' ? accessToken() : undefined;
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = authorised((init.headers as Record<string, string> | undefined) ?? {});
  const response = await fetch(`${settings.apiBase}${path}`, { credentials: 'same-origin', ...init, headers });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok && response.status !== 202)
    throw new ApiError(response.status, body.error ?? `The server answered ${response.status}.`);
  return body;
}

const postJson = <T>(path: string, value: unknown) =>
  call<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });

/** Sends the file to the local service, which stores it in its landing area. */
function uploadToService(
  file: File,
  dataset: string,
  period: string,
  onProgress: (fraction: number) => void,
): Promise<{ uploadId: string; fileName: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const query = new URLSearchParams({ dataset, period, name: file.name });
    request.open('POST', `${settings.apiBase}/api/uploads?${query}`);
    request.setRequestHeader('Content-Type', 'text/csv');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const body = JSON.parse(request.responseText || '{}') as { uploadId?: string; fileName?: string; error?: string };
      if (request.status === 201 && body.uploadId)
        resolve({ uploadId: body.uploadId, fileName: body.fileName ?? file.name });
      else reject(new ApiError(request.status, body.error ?? `The upload failed (${request.status}).`));
    };
    request.onerror = () =>
      reject(new ApiError(0, 'The upload did not reach the server. Check your connection and try again.'));
    request.send(file);
  });
}

/** In AWS: the API plans the upload and signs a form for the one key; the file goes straight to S3. */
async function uploadToBucket(
  file: File,
  dataset: string,
  period: string,
  onProgress: (fraction: number) => void,
): Promise<{ uploadId: string; fileName: string }> {
  const plan = await postJson<{ key: string; fileName: string; post: PresignedPost }>('/api/uploads', {
    dataset,
    period,
    name: file.name,
    size: file.size,
  });
  const versionId = await sendForm(plan.post, file, onProgress);
  const { uploadId } = await postJson<{ uploadId: string }>('/api/uploads/sent', { key: plan.key, versionId });
  return { uploadId, fileName: plan.fileName };
}

/** Saves a file the API gives, as a download: the token goes in a header, so a plain link cannot fetch it. */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await fetch(`${settings.apiBase}${path}`, { headers: authorised(), credentials: 'same-origin' });
  if (!response.ok) throw new ApiError(response.status, `The file could not be fetched (${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  signIn: (token: string) => postJson<{ subject: unknown }>('/api/signin', { token }),
  signOut: () => call('/api/signout', { method: 'POST' }),
  me: () => call<PartnerMe | TrustMe>('/api/me'),
  history: () => call<{ uploads: HistoryEntry[] }>('/api/history'),
  outcome: (uploadId: string) => call<UploadOutcome>(`/api/uploads/${uploadId}?wait=1`),
  coverage: (period: string) =>
    call<{
      period: string;
      partners: {
        id: string;
        name: string;
        datasets: { dataset: string; status: string; latest: HistoryEntry | null }[];
      }[];
    }>(`/api/coverage?period=${encodeURIComponent(period)}`),
  report: () => call<{ period: string | null; generatedAt: string | null; files: string[] }>('/api/report'),
  reportUrl: (uploadId: string, format: 'txt' | 'json') => `/api/reports/${uploadId}.${format}`,

  reportFileUrl: (file: string) => `/api/report/${file}`,

  /** Sends a file to the landing area with the upload's progress; resolves with its upload id. */
  upload: (file: File, dataset: string, period: string, onProgress: (fraction: number) => void) =>
    (settings.signIn.kind === 'cognito' ? uploadToBucket : uploadToService)(file, dataset, period, onProgress),
};
