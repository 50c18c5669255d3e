import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { CONFIG_PATH, type PortalConfig } from '../../portal/portal-config.ts';

export const PORTAL_DIR = resolve(import.meta.dirname, '..', '..', 'portal');

/** The portal's files by URL path: the page, its style, its script and the validation worker. */
export type PortalAssets = ReadonlyMap<string, { readonly body: Uint8Array; readonly type: string }>;

export interface PortalBuildOptions {
  /**
   * How the pages sign in and where the API is, written beside them as /portal-config.json.
   * @default none: the local service's invite links and its own API
   */
  readonly config?: PortalConfig;
}

/**
 * Bundles the page's TypeScript for the browser with esbuild: the app, and the Web Worker that
 * runs the very validation code the pipeline runs (transforms/validation and transforms/contract),
 * with a small stand-in for the two Node Buffer calls it makes.
 */
export async function buildPortalAssets(options: PortalBuildOptions = {}): Promise<PortalAssets> {
  const result = await build({
    entryPoints: { app: join(PORTAL_DIR, 'app.ts'), worker: join(PORTAL_DIR, 'worker.ts') },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    write: false,
    outdir: '/portal',
    alias: { 'node:buffer': join(PORTAL_DIR, 'node-buffer.ts') },
    inject: [join(PORTAL_DIR, 'buffer-global.ts')],
    logLevel: 'silent',
  });
  const assets = new Map<string, { body: Uint8Array; type: string }>();
  for (const file of result.outputFiles)
    assets.set(`/${file.path.split('/').at(-1)}`, { body: file.contents, type: 'text/javascript; charset=utf-8' });
  const html = readFileSync(join(PORTAL_DIR, 'index.html'));
  assets.set('/', { body: html, type: 'text/html; charset=utf-8' });
  assets.set('/style.css', { body: readFileSync(join(PORTAL_DIR, 'style.css')), type: 'text/css; charset=utf-8' });
  if (options.config) {
    const body = new TextEncoder().encode(`${JSON.stringify(options.config, null, 2)}\n`);
    assets.set(CONFIG_PATH, { body, type: 'application/json; charset=utf-8' });
  }
  return assets;
}

/** The built pages as files in a folder (the page as index.html), for a static host; their names. */
export async function writePortalAssets(dir: string, options: PortalBuildOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  for (const [path, asset] of await buildPortalAssets(options)) {
    const name = path === '/' ? 'index.html' : path.slice(1);
    await writeFile(join(dir, name), asset.body);
    names.push(name);
  }
  return names.sort();
}
