import type { ObjectStore } from '../../transforms/storage/object-store.ts';

/**
 * An object store that says when S3 stored each upload, from a map of key → time, so that the
 * order of two uploads is known without waiting for S3's one-second clock to tick over.
 */
export function withStoredTimes(store: ObjectStore, stored: ReadonlyMap<string, Date>): ObjectStore {
  return {
    getObject: async (bucket, key, which) => {
      const object = await store.getObject(bucket, key, which);
      return object && { ...object, lastModified: stored.get(key) ?? object.lastModified };
    },
    getText: (bucket, key) => store.getText(bucket, key),
    exists: (bucket, key) => store.exists(bucket, key),
    putObject: (bucket, key, body, type) => store.putObject(bucket, key, body, type),
  };
}
