import type { CollectionRule } from '../transforms/config/collection-periods.ts';
import type { HistoryEntry } from '../transforms/portal/history.ts';
import type { ValidationLimits } from '../transforms/contract/limits.ts';
import type { ValidationReport } from '../transforms/validation/report.ts';

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

/** A refusal from the API, with its message for the person. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok && response.status !== 202)
    throw new ApiError(response.status, body.error ?? `The server answered ${response.status}.`);
  return body;
}

export const api = {
  signIn: (token: string) =>
    call<{ subject: unknown }>('/api/signin', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    }),
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

  /** Sends a file to the landing area with the upload's progress; resolves with its upload id. */
  upload(
    file: File,
    dataset: string,
    period: string,
    onProgress: (fraction: number) => void,
  ): Promise<{ uploadId: string; fileName: string }> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      const query = new URLSearchParams({ dataset, period, name: file.name });
      request.open('POST', `/api/uploads?${query}`);
      request.setRequestHeader('Content-Type', 'text/csv');
      request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
      request.onload = () => {
        const body = JSON.parse(request.responseText || '{}') as {
          uploadId?: string;
          fileName?: string;
          error?: string;
        };
        if (request.status === 201 && body.uploadId)
          resolve({ uploadId: body.uploadId, fileName: body.fileName ?? file.name });
        else reject(new ApiError(request.status, body.error ?? `The upload failed (${request.status}).`));
      };
      request.onerror = () =>
        reject(new ApiError(0, 'The upload did not reach the server. Check your connection and try again.'));
      request.send(file);
    });
  },
};
