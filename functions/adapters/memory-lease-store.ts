import type { LeaseStore } from '../../transforms/ingest/ports.ts';

/** Leases within one process: the local stack runs every ingest in the same process. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, { holder: string; expires: number }>();

  acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const lease = this.leases.get(name);
    if (lease && lease.expires > now && lease.holder !== holder) return Promise.resolve(false);
    this.leases.set(name, { holder, expires: now + ttlMs });
    return Promise.resolve(true);
  }

  release(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
    return Promise.resolve();
  }
}
