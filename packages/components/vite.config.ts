/**
 * The one-file embed: every element and the SDK's client and sign-in as one
 * minified ES module, `dist/care-record.js`, for pages with no build step
 * (`<script type="module" src=… integrity=…>`). Built from the sources
 * (`src/embed.ts`, the SDK through the workspace's `source` condition) with
 * Lit's decorators as TypeScript's experimental decorators, as `tsc` builds
 * them. Beside it, `care-record.js.sri` holds its Subresource Integrity hash.
 *
 *   npm run build:embed --workspace @care-record/components
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { squeezeCssLiterals } from '../../scripts/css-literals.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'dist');

/** Writes `care-record.js.sri` (`sha384-…`) once the file is on disk. */
function integrity(): Plugin {
  return {
    name: 'care-record-integrity',
    writeBundle() {
      const file = join(outDir, 'care-record.js');
      const hash = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
      writeFileSync(`${file}.sri`, `${hash}\n`);
    },
  };
}

/** The elements' `css` literals squeezed, as in the package's `dist` (`scripts/squeeze-dist-css.ts`). */
function squeezeCss(): Plugin {
  return {
    name: 'care-record-squeeze-css',
    enforce: 'pre',
    transform(code, id) {
      return /\/packages\/components\/src\/.*\.ts$/.test(id) ? { code: squeezeCssLiterals(code, id), map: null } : undefined;
    },
  };
}

export default defineConfig({
  root: here,
  logLevel: 'warn',
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  oxc: { decorator: { legacy: true } },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    reportCompressedSize: false,
    lib: { entry: join(here, 'src/embed.ts'), formats: ['es'], fileName: () => 'care-record.js' },
  },
  plugins: [squeezeCss(), integrity()],
});
