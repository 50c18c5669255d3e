import { validationPrefix } from '../storage/object-layout.ts';

/** Who is signed in: a partner sees only its own uploads and reports; the Trust sees coverage. */
export type PortalSubject = { readonly kind: 'partner'; readonly partnerId: string } | { readonly kind: 'trust' };

const UPLOAD_ID = /^[0-9a-f]{24}$/;

/** An upload id as the pipeline makes them (24 hex digits); anything else names nothing. */
export const isUploadId = (text: string): boolean => UPLOAD_ID.test(text);

/** The prefix under which a partner's validation reports are, and nothing else's. */
export function reportPrefix(partnerId: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(partnerId)) throw new Error(`Not a partner id: '${partnerId}'.`);
  return validationPrefix(partnerId);
}

/**
 * A file name as sent, made safe as the last part of an object key: no folders, no control
 * characters, no leading dots, at most 120 characters; letters of any script are kept.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{N} ._()+,-]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (cleaned === '') return 'upload.csv';
  if (cleaned.length <= 120) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return `${cleaned.slice(0, 120 - extension.length)}${extension}`;
}
