/** A mistake in how a command was called; the command line prints it and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

// A reader that stops early (`workforce audit … | head`) closes the pipe: stop quietly, as other commands do.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : undefined));

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};
