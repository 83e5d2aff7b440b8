/**
 * Squeezes the `css` literals of the components' built modules in place
 * (`packages/components/dist/**\/*.js`, as `tsc` wrote them): the styles a
 * host bundles are then about 1 KB gzip smaller for the record's five
 * elements, with the same rules (`scripts/squeeze-css.ts`). Lines stay where
 * they were, so the source maps still hold. Run by the package's `build`.
 *
 *   node --import tsx scripts/squeeze-dist-css.ts [dist directory]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { squeezeCssLiterals } from './css-literals.ts';

const dist = process.argv[2] ?? fileURLToPath(new URL('../packages/components/dist', import.meta.url));
let changed = 0;
for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
  // The one-file embed is squeezed by its own (Vite) build.
  if (!entry.isFile() || !entry.name.endsWith('.js') || entry.name === 'care-record.js') continue;
  const file = join(entry.parentPath, entry.name);
  const code = readFileSync(file, 'utf8');
  const squeezed = squeezeCssLiterals(code, file);
  if (squeezed !== code) {
    writeFileSync(file, squeezed);
    changed++;
  }
}
console.log(`squeezed the CSS of ${changed} modules in ${dist}`);
