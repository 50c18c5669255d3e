import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { DiskObjectStore } from './disk-object-store.ts';

/**
 * Makes `outDir/<key>` a plain copy of the current version of every object under a prefix, for
 * tools that read folders (DuckDB over the lake, a person opening a report). Each file is
 * replaced atomically (copy, then rename), so a reader never sees half a file, and files for keys
 * the store no longer lists are removed — unless written after this pass began (by another
 * process mirroring newer objects at the same time).
 */
export async function mirrorPrefix(
  store: DiskObjectStore,
  bucket: string,
  prefix: string,
  outDir: string,
): Promise<number> {
  const started = Date.now();
  const objects = await store.listAll(bucket, prefix);
  const wanted = new Set<string>();
  let copied = 0;
  for (const object of objects) {
    const target = join(outDir, ...object.key.split('/'));
    if (relative(outDir, target).startsWith('..')) continue;
    wanted.add(target);
    const existing = await stat(target).catch(() => undefined);
    if (existing && existing.size === object.size && Math.abs(existing.mtimeMs - object.lastModified.getTime()) < 1)
      continue;
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(4).toString('hex')}.partial`;
    await copyFile(store.dataPath(object), temp);
    await utimes(temp, object.lastModified, object.lastModified);
    await rename(temp, target);
    copied++;
  }
  await removeStale(join(outDir, ...prefix.split('/').filter(Boolean)), wanted, started);
  return copied;
}

async function removeStale(dir: string, wanted: ReadonlySet<string>, startedAt: number): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await removeStale(path, wanted, startedAt);
    } else if (!wanted.has(path) && !path.endsWith('.partial') && !path.includes(`${sep}.`)) {
      const info = await stat(path).catch(() => undefined);
      if (info && info.ctimeMs < startedAt) await rm(path, { force: true });
    }
  }
}
