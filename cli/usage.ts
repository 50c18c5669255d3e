import { printableText } from '../transforms/output/printable.ts';

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
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? process.exit(0) : undefined));

/**
 * The terminal. What is printed may hold text from a file or a lake (a value, a file name), so
 * control characters are shown escaped: an escape sequence in a partner's file never reaches the
 * terminal as one.
 */
export const processOutput: Output = {
  out: (text) => process.stdout.write(`${printableText(text)}\n`),
  err: (text) => process.stderr.write(`${printableText(text)}\n`),
};
