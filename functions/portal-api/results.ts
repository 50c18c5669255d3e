import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { TrustConfig } from '../../transforms/config/trust-config.ts';
import type { PortalBuckets, PortalReader } from '../../transforms/portal/ports.ts';
import type { PresignedPost } from './presigned-post.ts';

export type Result = APIGatewayProxyStructuredResultV2;

export interface PortalApiDependencies {
  readonly config: TrustConfig;
  readonly reader: PortalReader;
  readonly buckets: PortalBuckets & { readonly reportsBucket: string };
  /** A browser-upload form for exactly this key, limited to the Trust's file size. */
  readonly presign: (key: string) => Promise<PresignedPost>;
  /** @default today in the UK */
  readonly today?: () => string;
}

/** A request as the API's routes see it, after the caller is known. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The body as text (decoded when API Gateway sent it base64). */
  readonly body: string;
}

export const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

export const text = (body: string, type: string, headers: Record<string, string> = {}): Result => ({
  statusCode: 200,
  headers: { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers },
  body,
});

export const refuse = (statusCode: number, error: string): Result => json(statusCode, { error });
