import { ApiError } from './api-error.ts';

/** A browser-upload form the API signed: S3's address and the fields to send before the file. */
export interface PresignedPost {
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** What S3 says when it refuses a form: its error code and message, from the XML it answers. */
function s3Refusal(xml: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
  if (code === 'EntityTooLarge') return 'The file is larger than the Trust allows.';
  if (code === 'AccessDenied' && /expired/i.test(xml)) return 'The upload took too long to start. Try again.';
  return `The storage refused the file${code ? ` (${code})` : ''}. Try again, or tell the Trust.`;
}

/**
 * Sends the file to S3 with the signed form's fields, reporting progress; resolves with the
 * version S3 stored it as (S3 says which in the x-amz-version-id header).
 */
export function sendForm(post: PresignedPost, file: File, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', post.url);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const version = request.getResponseHeader('x-amz-version-id');
      if (request.status >= 200 && request.status < 300 && version) resolve(version);
      else if (request.status >= 200 && request.status < 300)
        reject(new ApiError(request.status, 'The file was stored, but the storage did not say as which version.'));
      else reject(new ApiError(request.status, s3Refusal(request.responseText)));
    };
    request.onerror = () =>
      reject(new ApiError(0, 'The upload did not reach the storage. Check your connection and try again.'));
    request.send(form);
  });
}
