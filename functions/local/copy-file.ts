import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open, rm, stat } from 'node:fs/promises';

/** A file to store, named by its path: copied by the system rather than read through this process. */
export interface FileBody {
  readonly path: string;
}

/** A FileBody, and not a stream (a file's read stream has a path too, but is read as a stream). */
export const isFileBody = (body: unknown): body is FileBody =>
  typeof body === 'object' &&
  body !== null &&
  !(Symbol.asyncIterator in body) &&
  typeof (body as { path?: unknown }).path === 'string';

/**
 * Copies a file to `target` (which must not exist) and gives the copy's size and MD5: the system
 * copies the bytes (copy_file_range where it can), and the MD5 is of the copy as read back, so it
 * describes exactly the bytes stored even if the source changes meanwhile. A source over maxBytes
 * is refused before anything is copied, and a copy that came out over it (a source growing
 * meanwhile) is removed.
 */
export async function copyWithMd5(
  source: string,
  target: string,
  options: { readonly maxBytes: number; readonly sync: boolean; readonly tooLarge: () => Error },
): Promise<{ size: number; etag: string }> {
  if ((await stat(source)).size > options.maxBytes) throw options.tooLarge();
  await copyFile(source, target, constants.COPYFILE_EXCL);
  const md5 = createHash('md5');
  let size = 0;
  const file = await open(target, 'r+');
  try {
    const buffer = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      md5.update(buffer.subarray(0, bytesRead));
    }
    if (size > options.maxBytes) throw options.tooLarge();
    if (options.sync) await file.sync();
  } catch (error) {
    await file.close();
    await rm(target, { force: true });
    throw error;
  }
  await file.close();
  return { size, etag: md5.digest('hex') };
}
