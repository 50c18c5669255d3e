import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectStore, StoredObject } from '../../transforms/storage/object-store.ts';
import { copyWithMd5, isFileBody, type FileBody } from './copy-file.ts';
import { KeyLog } from './key-log.ts';

/** One stored version of an object. */
export interface ObjectVersion {
  readonly bucket: string;
  readonly key: string;
  /** Also the S3-style sequencer: 16 hex digits, greater for every later write to the key. */
  readonly versionId: string;
  /** MD5 of the bytes, in hex, as S3 gives for a single-part upload. */
  readonly etag: string;
  readonly size: number;
  readonly contentType: string;
  /** When it was stored, to the millisecond. */
  readonly lastModified: Date;
}

export interface ListOptions {
  readonly prefix?: string;
  /** Groups keys by what follows the prefix up to this (usually '/'), as S3 does. */
  readonly delimiter?: string;
  readonly startAfter?: string;
  /** @default 1000 */
  readonly maxKeys?: number;
}

export interface ListPage {
  readonly objects: readonly ObjectVersion[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** Where the next page starts, when truncated. */
  readonly nextStartAfter?: string;
}

/** The upload went over the size the caller allows; nothing was stored. */
export class ObjectTooLargeError extends Error {
  override readonly name = 'ObjectTooLargeError';
}

const SEQUENCER = /^[0-9A-F]{16}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * A durable, versioned object store in a folder: every write is a new version (an immutable
 * file, synced to disk, then committed by its metadata); reads by version or by ETag; listings
 * in S3's key order with prefixes, delimiters and pages. Safe for several processes at once:
 * versions of a key are claimed by creating their file exclusively, so two writers never share one.
 *
 * Layout: `<root>/<bucket>/objects/<aa>/<sha256 of key>/<version>` (the bytes) and
 * `<version>.json` (its metadata); `<root>/<bucket>/keys.log` lists every key once.
 */
export class DiskObjectStore implements ObjectStore {
  private readonly logs = new Map<string, KeyLog>();

  constructor(
    readonly root: string,
    private readonly options: { readonly now?: () => number; readonly sync?: boolean } = {},
  ) {}

  async putObject(bucket: string, key: string, body: Uint8Array | string, contentType: string): Promise<void> {
    await this.put(bucket, key, body, contentType);
  }

  /** Stores a new version of the key from bytes, a stream or a file, and says what was stored. */
  async put(
    bucket: string,
    key: string,
    body: Uint8Array | string | AsyncIterable<Uint8Array> | FileBody,
    contentType: string,
    maxBytes = Infinity,
  ): Promise<ObjectVersion> {
    if (key.length === 0 || Buffer.byteLength(key) > 1024) throw new Error(`Not an object key: '${key.slice(0, 80)}'.`);
    const temp = await this.writeTemp(bucket, body, maxBytes);
    try {
      const dir = this.keyDir(bucket, key);
      if (!existsSync(dir)) {
        await this.log(bucket).append(key);
        await mkdir(dir, { recursive: true });
      }
      const versionId = await this.claimVersion(dir, temp.path);
      const meta = { key, versionId, etag: temp.etag, size: temp.size, contentType };
      const metaTemp = `${temp.path}.json`;
      await this.writeFileSynced(metaTemp, JSON.stringify(meta));
      await rename(metaTemp, join(dir, `${versionId}.json`));
      return { bucket, ...meta, lastModified: timeOf(versionId) };
    } finally {
      await rm(temp.path, { force: true });
    }
  }

  async getObject(
    bucket: string,
    key: string,
    which: { versionId?: string; etag?: string } = {},
  ): Promise<StoredObject | undefined> {
    const version = await this.head(bucket, key, which.versionId);
    if (version === undefined || (which.etag !== undefined && which.etag.replaceAll('"', '') !== version.etag))
      return undefined;
    return {
      body: createReadStream(this.dataPath(version), { highWaterMark: 64 * 1024 }),
      lastModified: version.lastModified,
      versionId: version.versionId,
      etag: version.etag,
    };
  }

  async getText(bucket: string, key: string): Promise<string | undefined> {
    const version = await this.head(bucket, key);
    return version === undefined ? undefined : readFile(this.dataPath(version), 'utf8');
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    return (await this.head(bucket, key)) !== undefined;
  }

  /** The current version of a key, or the named one; undefined when there is none. */
  async head(bucket: string, key: string, versionId?: string): Promise<ObjectVersion | undefined> {
    if (versionId !== undefined && !SEQUENCER.test(versionId)) return undefined;
    const dir = this.keyDir(bucket, key);
    const id = versionId ?? (await this.committed(dir)).at(-1);
    if (id === undefined) return undefined;
    try {
      const meta = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as Omit<
        ObjectVersion,
        'bucket' | 'lastModified'
      >;
      return { bucket, ...meta, lastModified: timeOf(id) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Every version of a key, oldest first. */
  async versions(bucket: string, key: string): Promise<ObjectVersion[]> {
    const dir = this.keyDir(bucket, key);
    const found = await Promise.all((await this.committed(dir)).map((id) => this.head(bucket, key, id)));
    return found.filter((v): v is ObjectVersion => v !== undefined);
  }

  /** A page of the current objects under a prefix, in S3's order (by the key's UTF-8 bytes). */
  async list(bucket: string, options: ListOptions = {}): Promise<ListPage> {
    const prefix = options.prefix ?? '';
    const maxKeys = Math.max(1, options.maxKeys ?? 1000);
    const keys = (await this.log(bucket).keys()).filter(
      (key) => key.startsWith(prefix) && (options.startAfter === undefined || byBytes(key, options.startAfter) > 0),
    );
    keys.sort(byBytes);
    const objects: ObjectVersion[] = [];
    const commonPrefixes: string[] = [];
    let last: string | undefined;
    for (const key of keys) {
      if (objects.length + commonPrefixes.length >= maxKeys)
        return { objects, commonPrefixes, isTruncated: true, ...(last ? { nextStartAfter: last } : {}) };
      const cut = options.delimiter ? key.indexOf(options.delimiter, prefix.length) : -1;
      if (cut !== -1) {
        const common = key.slice(0, cut + (options.delimiter as string).length);
        if (commonPrefixes.at(-1) !== common && (await this.anyUnder(bucket, keys, common)))
          commonPrefixes.push(common);
        last = `${common}\u{10FFFF}`;
        continue;
      }
      const version = await this.head(bucket, key);
      if (version) objects.push(version);
      last = key;
    }
    return { objects, commonPrefixes, isTruncated: false };
  }

  /** Every current object under a prefix, all pages. */
  async listAll(bucket: string, prefix = ''): Promise<ObjectVersion[]> {
    const all: ObjectVersion[] = [];
    let startAfter: string | undefined;
    for (;;) {
      const page = await this.list(bucket, { prefix, ...(startAfter ? { startAfter } : {}) });
      all.push(...page.objects);
      if (!page.isTruncated) return all;
      startAfter = page.nextStartAfter;
    }
  }

  /** Where a version's bytes are on disk (read them; never write there). */
  dataPath(version: Pick<ObjectVersion, 'bucket' | 'key' | 'versionId'>): string {
    return join(this.keyDir(version.bucket, version.key), version.versionId);
  }

  private async anyUnder(bucket: string, keys: readonly string[], common: string): Promise<boolean> {
    for (const key of keys) if (key.startsWith(common) && (await this.head(bucket, key))) return true;
    return false;
  }

  private bucketDir(bucket: string): string {
    if (!BUCKET.test(bucket)) throw new Error(`Not a bucket name: '${bucket}'.`);
    return join(this.root, bucket);
  }

  private keyDir(bucket: string, key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return join(this.bucketDir(bucket), 'objects', hash.slice(0, 2), hash);
  }

  private log(bucket: string): KeyLog {
    let log = this.logs.get(bucket);
    if (!log) this.logs.set(bucket, (log = new KeyLog(join(this.bucketDir(bucket), 'keys.log'))));
    return log;
  }

  /** The committed versions in a key's folder, oldest first. */
  private async committed(dir: string): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((n) => n.endsWith('.json') && SEQUENCER.test(n.slice(0, -5)))
      .map((n) => n.slice(0, -5))
      .sort();
  }

  /** Takes the next version of the key by linking the bytes in under a name no other writer has. */
  private async claimVersion(dir: string, tempPath: string): Promise<string> {
    const names = (await readdir(dir)).filter((n) => SEQUENCER.test(n.slice(0, 16))).sort();
    const newest = names.length ? BigInt(`0x${(names.at(-1) as string).slice(0, 16)}`) : 0n;
    let candidate = BigInt(this.now()) << 16n;
    if (candidate <= newest) candidate = newest + 1n;
    for (;;) {
      const id = candidate.toString(16).toUpperCase().padStart(16, '0');
      try {
        await link(tempPath, join(dir, id));
        return id;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        candidate++;
      }
    }
  }

  private async writeTemp(
    bucket: string,
    body: Uint8Array | string | AsyncIterable<Uint8Array> | FileBody,
    maxBytes: number,
  ) {
    const dir = join(this.bucketDir(bucket), 'tmp');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${process.pid}-${randomBytes(8).toString('hex')}`);
    const tooLarge = () => new ObjectTooLargeError(`The upload is larger than ${maxBytes} bytes.`);
    if (isFileBody(body)) {
      return {
        path,
        ...(await copyWithMd5(body.path, path, { maxBytes, sync: this.options.sync !== false, tooLarge })),
      };
    }
    const md5 = createHash('md5');
    let size = 0;
    const file = await open(path, 'wx');
    try {
      const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
        typeof body === 'string' ? [Buffer.from(body)] : body instanceof Uint8Array ? [body] : body;
      for await (const chunk of chunks) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        md5.update(chunk);
        await file.write(chunk);
      }
      if (this.options.sync !== false) await file.sync();
    } catch (error) {
      await file.close();
      await rm(path, { force: true });
      throw error;
    }
    await file.close();
    return { path, size, etag: md5.digest('hex') };
  }

  private async writeFileSynced(path: string, text: string): Promise<void> {
    const file = await open(path, 'wx');
    try {
      await file.write(text);
      if (this.options.sync !== false) await file.sync();
    } finally {
      await file.close();
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** When a version was stored (its first 12 hex digits are the millisecond). */
  static timeOf(versionId: string): Date {
    return timeOf(versionId);
  }

  /** For tests: how many bytes a version holds on disk. */
  async sizeOnDisk(version: ObjectVersion): Promise<number> {
    return (await stat(this.dataPath(version))).size;
  }
}

function timeOf(versionId: string): Date {
  return new Date(Number(BigInt(`0x${versionId}`) >> 16n));
}

/** The MD5 of a file in hex: its ETag, were it stored. */
export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
