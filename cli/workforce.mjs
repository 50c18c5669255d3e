#!/usr/bin/env node
// The `workforce` command. Runs the TypeScript sources directly (no build step) through tsx.
import { register } from 'tsx/esm/api';

// A failure outside a command's own handling (an event emitted later, say) is one line too; its
// trace only with WORKFORCE_DEBUG=1.
const fail = (error) => {
  const detail = process.env.WORKFORCE_DEBUG ? error?.stack ?? error : 'Run again with WORKFORCE_DEBUG=1 to see where.';
  process.stderr.write(`workforce failed: ${error?.message ?? error}\n${detail}\n`);
  process.exit(2);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
