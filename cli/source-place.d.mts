import type { Plugin } from 'esbuild';

/** An esbuild plugin: each source's import.meta.url and import.meta.dirname name its own place. */
export function sourcePlace(root: string, outDir: string): Plugin;
