// An esbuild plugin for bundling this project's sources. The sources read files beside themselves
// at run time (the views' SQL, the reference data, the portal's sources, package.json) through
// `import.meta.url` and `import.meta.dirname`; in a bundle those would name the bundle. Each is
// rewritten to the source file's own place, found from the bundle's place, so the files are read
// from the checkout exactly as when the sources run directly.
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/**
 * @param {string} root the package root
 * @param {string} outDir the folder the bundle's files are written to
 * @returns {import('esbuild').Plugin}
 */
export function sourcePlace(root, outDir) {
  const up = relative(outDir, root).split('\\').join('/');
  return {
    name: 'source-place',
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.')) return { contents: text, loader: 'ts' };
        const file = relative(root, args.path).split('\\').join('/');
        const url = `new URL(${JSON.stringify(`${up}/${file}`)}, import.meta.url).href`;
        const dir = `__workforceFileURLToPath(new URL(${JSON.stringify(`${up}/${dirname(file)}/`)}, import.meta.url)).replace(/[\\\\/]$/, '')`;
        const contents =
          `import { fileURLToPath as __workforceFileURLToPath } from 'node:url';\n` +
          text.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', dir);
        return { contents, loader: 'ts' };
      });
    },
  };
}
