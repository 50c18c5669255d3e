import { describe, expect, it } from 'vitest';
import { DiskQueue } from '../../functions/local/disk-queue.ts';
import { temporaryFolder } from '../lake-helpers.ts';

describe('The local event queue on disk', () => {
  it('hands each message to one consumer only, even with several on the folder', async () => {
    const dir = temporaryFolder('queue-');
    const producer = new DiskQueue(dir);
    for (let i = 0; i < 30; i++) await producer.send(`event ${i}`);

    const taken = await Promise.all(
      [new DiskQueue(dir), new DiskQueue(dir), new DiskQueue(dir)].map((q) => q.receive(30)),
    );

    const bodies = taken.flat().map((m) => m.body);
    expect(bodies).toHaveLength(30);
    expect(new Set(bodies).size).toBe(30);
  });

  it('gives a failed message back after its delay, and dead-letters it after too many takes', async () => {
    let now = 1_000_000;
    const queue = new DiskQueue(temporaryFolder('queue-'), { maxReceiveCount: 2, now: () => now });
    await queue.send('poison');

    const [first] = await queue.receive();
    expect(await queue.retry(first!, 500)).toBe('retry');
    expect(await queue.receive()).toEqual([]);
    now += 500;
    const [second] = await queue.receive();
    expect(second).toMatchObject({ body: 'poison', receiveCount: 2 });
    expect(await queue.retry(second!, 500)).toBe('dead');

    expect(await queue.depth()).toEqual({ ready: 0, taken: 0, dead: 1 });
  });

  it('makes a message visible again when its consumer died holding it', async () => {
    let now = 1_000_000;
    const dir = temporaryFolder('queue-');
    const crashed = new DiskQueue(dir, { visibilityTimeoutMs: 60_000, now: () => now });
    await crashed.send('event');
    await crashed.receive();

    const survivor = new DiskQueue(dir, { visibilityTimeoutMs: 60_000, now: () => now });
    expect(await survivor.receive()).toEqual([]);
    now += 60_000;
    expect((await survivor.receive()).map((m) => m.body)).toEqual(['event']);
  });
});
