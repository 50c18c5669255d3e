import type { LeaseStore } from '../../transforms/ingest/ports.ts';

/** Leases within one process: the local stack runs every ingest in the same process. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, { holder: string; expires: number }>();

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const lease = this.leases.get(name);
    if (lease && lease.expires > now && lease.holder !== holder) return false;
    this.leases.set(name, { holder, expires: now + ttlMs });
    return true;
  }

  async release(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
  }
}
