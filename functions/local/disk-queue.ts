import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A message taken from the queue: process it, then delete it or give it back. */
export interface QueueMessage {
  readonly id: string;
  readonly body: string;
  /** How many times it has been taken, this one included. */
  readonly receiveCount: number;
  /** Its file while it is taken. */
  readonly handle: string;
}

export interface DiskQueueOptions {
  /** How long a taken message stays hidden before another consumer may take it. @default 10 minutes */
  readonly visibilityTimeoutMs?: number;
  /** Takes after which a failing message goes to the dead-letter folder. @default 5 */
  readonly maxReceiveCount?: number;
  readonly now?: () => number;
}

// ready/<visible-from ms>-<receive count>-<id>.json; taken/<taken-at ms>-<receive count>-<id>.json; dead/<id>.json
const ENTRY = /^(\d{13})-(\d+)-([0-9a-f]{24})\.json$/;

/**
 * A durable queue in a folder, as SQS stands between EventBridge and the ingest function: at least
 * once, a visibility timeout, retries with a delay, a dead-letter folder. Several processes may
 * consume at once: a message is taken by renaming its file, which only one of them can do.
 */
export class DiskQueue {
  private readonly visibility: number;
  private readonly maxReceives: number;
  private readonly now: () => number;

  constructor(
    readonly dir: string,
    options: DiskQueueOptions = {},
  ) {
    this.visibility = options.visibilityTimeoutMs ?? 10 * 60 * 1000;
    this.maxReceives = options.maxReceiveCount ?? 5;
    this.now = options.now ?? Date.now;
  }

  async send(body: string, delayMs = 0): Promise<string> {
    const id = randomBytes(12).toString('hex');
    await this.place('ready', this.now() + delayMs, 0, id, body);
    return id;
  }

  /** Up to `max` messages that are visible now, oldest first. */
  async receive(max = 10): Promise<QueueMessage[]> {
    await this.returnExpired();
    const messages: QueueMessage[] = [];
    for (const name of await this.names('ready')) {
      if (messages.length >= max) break;
      const [, visibleFrom, count, id] = ENTRY.exec(name) as RegExpExecArray;
      if (Number(visibleFrom) > this.now()) break;
      const handle = join(this.dir, 'taken', `${this.stamp(this.now())}-${Number(count) + 1}-${id}.json`);
      try {
        await rename(join(this.dir, 'ready', name), handle);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // another consumer took it
        throw error;
      }
      messages.push({
        id: id as string,
        body: await readFile(handle, 'utf8'),
        receiveCount: Number(count) + 1,
        handle,
      });
    }
    return messages;
  }

  /** Done with: it is gone. */
  async delete(message: QueueMessage): Promise<void> {
    await rm(message.handle, { force: true });
  }

  /** Failed: visible again after a delay, or dead-lettered after too many takes. */
  async retry(message: QueueMessage, delayMs: number): Promise<'retry' | 'dead'> {
    if (message.receiveCount >= this.maxReceives) {
      await mkdir(join(this.dir, 'dead'), { recursive: true });
      await rename(message.handle, join(this.dir, 'dead', `${message.id}.json`));
      return 'dead';
    }
    await rename(
      message.handle,
      join(this.dir, 'ready', `${this.stamp(this.now() + delayMs)}-${message.receiveCount}-${message.id}.json`),
    );
    return 'retry';
  }

  /** How many messages wait or are being processed, and how many are dead. */
  async depth(): Promise<{ ready: number; taken: number; dead: number }> {
    const dead = (await this.names('dead')).length;
    return { ready: (await this.names('ready')).length, taken: (await this.names('taken')).length, dead };
  }

  /** The ids of the messages that wait or are being processed. */
  async pendingIds(): Promise<Set<string>> {
    const names = [...(await this.names('ready')), ...(await this.names('taken'))];
    return new Set(names.map((name) => ENTRY.exec(name)?.[3] as string));
  }

  /** The bodies of the messages in a folder ('ready', 'taken' or 'dead'), without taking them. */
  async peek(folder: 'ready' | 'taken' | 'dead'): Promise<string[]> {
    const bodies: string[] = [];
    for (const name of await this.names(folder)) {
      try {
        bodies.push(await readFile(join(this.dir, folder, name), 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return bodies;
  }

  /** Messages whose consumer died while holding them become visible again. */
  private async returnExpired(): Promise<void> {
    for (const name of await this.names('taken')) {
      const [, takenAt, count, id] = ENTRY.exec(name) as RegExpExecArray;
      if (Number(takenAt) + this.visibility > this.now()) continue;
      await rename(
        join(this.dir, 'taken', name),
        join(this.dir, 'ready', `${this.stamp(this.now())}-${count}-${id}.json`),
      ).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  private async place(folder: string, at: number, count: number, id: string, body: string): Promise<void> {
    await Promise.all(['ready', 'taken', 'tmp'].map((f) => mkdir(join(this.dir, f), { recursive: true })));
    const temp = join(this.dir, 'tmp', `${id}.json`);
    await writeFile(temp, body);
    await rename(temp, join(this.dir, folder, `${this.stamp(at)}-${count}-${id}.json`));
  }

  private async names(folder: string): Promise<string[]> {
    try {
      return (await readdir(join(this.dir, folder)))
        .filter((n) => ENTRY.test(n) || (folder === 'dead' && n.endsWith('.json')))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private stamp(ms: number): string {
    return String(Math.max(0, Math.floor(ms))).padStart(13, '0');
  }
}
