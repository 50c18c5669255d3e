#!/usr/bin/env node
// The `workforce` command. Runs the TypeScript sources directly (no build step) through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
