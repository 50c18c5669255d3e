import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskObjectStore, ObjectTooLargeError } from '../../functions/local/disk-object-store.ts';
import { temporaryFolder } from '../lake-helpers.ts';

const text = async (body: AsyncIterable<Uint8Array> | undefined) => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body ?? []) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

describe('The local object store on disk', () => {
  it('keeps every version, reads each back by its id, and serves the newest by default', async () => {
    const store = new DiskObjectStore(temporaryFolder('store-'));
    const first = await store.put('landing', 'uploads/p/workforce/2025-09-30/staff.csv', 'first', 'text/csv');
    const second = await store.put('landing', 'uploads/p/workforce/2025-09-30/staff.csv', 'second', 'text/csv');

    expect(second.versionId > first.versionId).toBe(true);
    expect(await store.getText('landing', 'uploads/p/workforce/2025-09-30/staff.csv')).toBe('second');
    expect(await text((await store.getObject('landing', first.key, { versionId: first.versionId }))?.body)).toBe(
      'first',
    );
    expect((await store.versions('landing', first.key)).map((v) => v.etag)).toEqual([first.etag, second.etag]);
    expect(first.etag).toBe(createHash('md5').update('first').digest('hex'));
  });

  it('answers a read by ETag only while that ETag is current (If-Match)', async () => {
    const store = new DiskObjectStore(temporaryFolder('store-'));
    const first = await store.put('landing', 'k.csv', 'one', 'text/csv');
    expect(await store.getObject('landing', 'k.csv', { etag: first.etag })).toBeDefined();

    await store.put('landing', 'k.csv', 'two', 'text/csv');

    expect(await store.getObject('landing', 'k.csv', { etag: first.etag })).toBeUndefined();
    expect(await store.getObject('landing', 'k.csv', { versionId: '0000000000000001' })).toBeUndefined();
    expect(await store.getObject('landing', 'k.csv', { versionId: '../../../etc/passwd' })).toBeUndefined();
  });

  it('gives later writes later sequencers and millisecond times, even when the clock stands still', async () => {
    const store = new DiskObjectStore(temporaryFolder('store-'), { now: () => Date.parse('2026-11-22T10:00:00.123Z') });
    const a = await store.put('landing', 'k.csv', 'a', 'text/csv');
    const b = await store.put('landing', 'k.csv', 'b', 'text/csv');

    expect(a.versionId < b.versionId).toBe(true);
    expect(a.lastModified.toISOString()).toBe('2026-11-22T10:00:00.123Z');
  });

  it('lists every key in byte order across pages, and folders at any depth with a delimiter', async () => {
    const store = new DiskObjectStore(temporaryFolder('store-'), { sync: false });
    const keys = Array.from(
      { length: 25 },
      (_, i) => `validation/p${i % 3}/workforce/2025-09-30/${String(i).padStart(2, '0')}.json`,
    );
    keys.push(
      'validation/p1/_unrouted/x.json',
      'validation/p1-b/workforce/2025-09-30/y.json',
      'validation/p1/deep/er/still/z.json',
    );
    for (const key of keys) await store.put('landing', key, key, 'application/json');

    const seen: string[] = [];
    let startAfter: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await store.list('landing', {
        prefix: 'validation/',
        maxKeys: 4,
        ...(startAfter ? { startAfter } : {}),
      });
      seen.push(...page.objects.map((o) => o.key));
      pages++;
      if (!page.isTruncated) break;
      startAfter = page.nextStartAfter;
    }
    expect(pages).toBe(7);
    expect(seen).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));

    const top = await store.list('landing', { prefix: 'validation/p1/', delimiter: '/' });
    expect(top.objects).toEqual([]);
    expect(top.commonPrefixes).toEqual(['validation/p1/_unrouted/', 'validation/p1/deep/', 'validation/p1/workforce/']);
    expect(
      (await store.list('landing', { prefix: 'validation/p1/deep/er/still/', delimiter: '/' })).objects.map(
        (o) => o.key,
      ),
    ).toEqual(['validation/p1/deep/er/still/z.json']);
  });

  it('stores the bytes it is given, exactly, from a stream of chunks', async () => {
    const store = new DiskObjectStore(temporaryFolder('store-'));
    const bytes = Buffer.from(`a,b\r\n${'x,"y ""quoted"""\r\n'.repeat(5000)}`);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 694) yield await Promise.resolve(bytes.subarray(i, i + 694));
    }
    const version = await store.put('landing', 'big.csv', chunks(), 'text/csv');

    expect(version.size).toBe(bytes.length);
    expect(readFileSync(store.dataPath(version)).equals(bytes)).toBe(true);
  });

  it('refuses a stream past the size allowed and keeps nothing of it', async () => {
    const store = new DiskObjectStore(temporaryFolder('store-'));
    await expect(store.put('landing', 'big.csv', Buffer.alloc(2000), 'text/csv', 1000)).rejects.toBeInstanceOf(
      ObjectTooLargeError,
    );
    expect(await store.exists('landing', 'big.csv')).toBe(false);
  });

  it('stores a file named by its path as a copy: the same bytes and ETag, unchanged when the file changes later', async () => {
    const folder = temporaryFolder('store-');
    const store = new DiskObjectStore(join(folder, 'store'));
    const file = join(folder, 'staff.csv');
    const bytes = Buffer.from(`a,b\r\n${'x,é\r\n'.repeat(300_000)}`);
    writeFileSync(file, bytes);

    const version = await store.put('landing', 'staff.csv', { path: file }, 'text/csv');
    writeFileSync(file, 'changed afterwards');

    expect(version.size).toBe(bytes.length);
    expect(version.etag).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(readFileSync(store.dataPath(version)).equals(bytes)).toBe(true);
    expect((await store.versions('landing', 'staff.csv')).map((v) => v.etag)).toEqual([version.etag]);
  });

  it('refuses a file past the size allowed and keeps nothing of it', async () => {
    const folder = temporaryFolder('store-');
    const store = new DiskObjectStore(join(folder, 'store'));
    const file = join(folder, 'big.csv');
    writeFileSync(file, Buffer.alloc(2000));

    await expect(store.put('landing', 'big.csv', { path: file }, 'text/csv', 1000)).rejects.toBeInstanceOf(
      ObjectTooLargeError,
    );
    expect(await store.exists('landing', 'big.csv')).toBe(false);
    expect(readdirSync(join(folder, 'store', 'landing', 'tmp'))).toEqual([]);
  });

  it('lets two stores on one folder write the same key at once without losing or sharing a version', async () => {
    const root = temporaryFolder('store-');
    const [a, b] = [new DiskObjectStore(root), new DiskObjectStore(root)];
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).put('lake', 'state/ledger.json', `v${i}`, 'application/json'),
      ),
    );

    expect(new Set(writes.map((w) => w.versionId)).size).toBe(20);
    expect((await a.versions('lake', 'state/ledger.json')).length).toBe(20);
    const newest = [...writes].sort((x, y) => (x.versionId < y.versionId ? -1 : 1)).at(-1);
    expect(await b.getText('lake', 'state/ledger.json')).toBe(readFileSync(a.dataPath(newest!), 'utf8'));
    expect((await b.listAll('lake')).map((o) => o.key)).toEqual(['state/ledger.json']);
  });
});
