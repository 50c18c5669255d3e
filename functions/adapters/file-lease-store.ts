import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LeaseStore } from '../../transforms/ingest/ports.ts';

interface LeaseState {
  readonly holder: string | null;
  readonly expires: number;
}

const GENERATION = /^\d{12}$/;

/**
 * Leases in a folder, shared by every process that uses the same folder (every command on one
 * data folder). A lease's history is a row of numbered files; the highest says who holds it.
 * Taking or releasing it writes the next number, created exclusively (a hard link, which fails
 * if the name exists), so of two processes racing for the same state exactly one wins: a
 * compare-and-swap on the file system.
 */
export class FileLeaseStore implements LeaseStore {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const { generation, state } = await this.current(name);
    const free = state.holder === null || state.holder === holder || state.expires <= this.now();
    if (!free) return false;
    return this.write(name, generation + 1, { holder, expires: this.now() + ttlMs });
  }

  async release(name: string, holder: string): Promise<void> {
    const { generation, state } = await this.current(name);
    if (state.holder !== holder) return;
    await this.write(name, generation + 1, { holder: null, expires: 0 });
  }

  private leaseDir(name: string): string {
    return join(this.dir, createHash('sha256').update(name).digest('hex').slice(0, 32));
  }

  private async current(name: string): Promise<{ generation: number; state: LeaseState }> {
    const dir = this.leaseDir(name);
    for (;;) {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => GENERATION.test(n)).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          return { generation: 0, state: { holder: null, expires: 0 } };
        throw error;
      }
      const newest = names.at(-1);
      if (newest === undefined) return { generation: 0, state: { holder: null, expires: 0 } };
      try {
        return {
          generation: Number(newest),
          state: JSON.parse(await readFile(join(dir, newest), 'utf8')) as LeaseState,
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        // Tidied away by a writer between our listing and our read: look again.
      }
    }
  }

  /** Writes the next state if no one else has; false when another process got there first. */
  private async write(name: string, generation: number, state: LeaseState): Promise<boolean> {
    const dir = this.leaseDir(name);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${process.pid}-${randomBytes(6).toString('hex')}`);
    await writeFile(temp, JSON.stringify({ name, ...state }));
    try {
      await link(temp, join(dir, String(generation).padStart(12, '0')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
    // Keep the last two states: a reader that listed before this write still finds its file.
    const old = (await readdir(dir)).filter((n) => GENERATION.test(n) && Number(n) < generation - 1);
    await Promise.all(old.map((n) => rm(join(dir, n), { force: true })));
    return true;
  }
}
