// Writes docs/ from the contract's schemas: `npm run generate`. tests/docs.test.ts fails when they are stale.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedDocs } from '../transforms/docs/generated-docs.ts';

rmSync('docs/templates', { recursive: true, force: true });
const files = generatedDocs();
for (const [path, text] of files) {
  mkdirSync(dirname(join('docs', path)), { recursive: true });
  writeFileSync(join('docs', path), text);
}
console.log(`Wrote ${files.size} files under docs/`);
