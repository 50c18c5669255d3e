import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { md5OfFile } from './disk-object-store.ts';
import { LOCAL_BUCKETS, type LocalStack, type StoredUpload } from './local-stack.ts';
import { uploadKeyOfPath } from '../../transforms/storage/object-layout.ts';

interface Stamp {
  readonly size: number;
  readonly mtimeMs: number;
}

const IGNORED = /^(\.|~\$)|\.(partial|tmp|crdownload|part)$/i;

/**
 * The landing folder: a file dropped at `<partner_id>/<dataset>/<period>/<file>.csv` is stored
 * as an upload to `uploads/<same path>`, as if sent through S3, and processed like any other.
 * Polled: a file is taken once its size and time are unchanged between two scans (so a copy in
 * progress is not taken half-written), and taken again only when it changes. The file itself is
 * left where it is. What was taken is remembered in `stateFile`, so a restart takes nothing twice.
 */
export class LandingFolder {
  private readonly seen = new Map<string, Stamp>();
  private taken: Record<string, Stamp> | undefined;

  constructor(
    readonly dir: string,
    private readonly stack: LocalStack,
    private readonly stateFile: string,
  ) {}

  /** Takes every file that has settled since the last scan; says what it stored. */
  async scan(): Promise<StoredUpload[]> {
    await mkdir(this.dir, { recursive: true });
    const taken = await this.takenFiles();
    const stored: StoredUpload[] = [];
    for (const path of await walk(this.dir)) {
      const rel = relative(this.dir, path).split(sep).join('/');
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      const stamp = { size: info.size, mtimeMs: info.mtimeMs };
      if (same(taken[rel], stamp)) continue;
      if (!same(this.seen.get(rel), stamp)) {
        this.seen.set(rel, stamp);
        continue;
      }
      const key = uploadKeyOfPath(rel);
      const current = await this.stack.store.head(LOCAL_BUCKETS.landingBucket, key);
      if (!current || current.etag !== (await md5OfFile(path))) stored.push(await this.stack.upload(key, { path }));
      taken[rel] = stamp;
      this.seen.delete(rel);
      await this.save(taken);
    }
    return stored;
  }

  private async takenFiles(): Promise<Record<string, Stamp>> {
    if (this.taken) return this.taken;
    try {
      this.taken = JSON.parse(await readFile(this.stateFile, 'utf8')) as Record<string, Stamp>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.taken = {};
    }
    return this.taken;
  }

  private async save(taken: Record<string, Stamp>): Promise<void> {
    await mkdir(dirname(this.stateFile), { recursive: true });
    await writeFile(`${this.stateFile}.tmp`, JSON.stringify(taken));
    await rename(`${this.stateFile}.tmp`, this.stateFile);
  }
}

const same = (a: Stamp | undefined, b: Stamp) => a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (IGNORED.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
