import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The keys of a bucket, one JSON string a line, appended when a key is first written (by any
 * process: each line is one small O_APPEND write). Read incrementally: only what was appended
 * since the last read is parsed.
 */
export class KeyLog {
  private readonly known = new Set<string>();
  private offset = 0;

  constructor(private readonly path: string) {}

  async append(key: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(key)}\n`);
  }

  async keys(): Promise<string[]> {
    let file;
    try {
      file = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const { size } = await file.stat();
      if (size > this.offset) {
        const buffer = Buffer.alloc(size - this.offset);
        await file.read(buffer, 0, buffer.length, this.offset);
        const end = buffer.lastIndexOf(0x0a) + 1;
        for (const line of buffer.subarray(0, end).toString('utf8').split('\n'))
          if (line) this.known.add(JSON.parse(line) as string);
        this.offset += end;
      }
    } finally {
      await file.close();
    }
    return [...this.known];
  }
}
