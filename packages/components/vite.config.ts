/**
 * The one-file embed: every element and the SDK's client and sign-in as one
 * minified ES module, `dist/care-record.js`, for pages with no build step
 * (`<script type="module" src=… integrity=…>`). Built from the sources
 * (`src/embed.ts`, the SDK through the workspace's `source` condition) with
 * Lit's decorators as TypeScript's experimental decorators, as `tsc` builds
 * them, in one file even where the elements load code on demand
 * (`loadedUpFront`). Beside it, `care-record.js.sri` holds its Subresource
 * Integrity hash, and `THIRD-PARTY-NOTICES.txt` the licences of the packages it
 * carries, which also open the file itself (`scripts/third-party-notices.ts`).
 *
 *   npm run build:embed --workspace @care-record/components
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { squeezeCssLiterals } from '../../scripts/css-literals.ts';
import { bundledPackages, noticesComment, noticesText } from '../../scripts/third-party-notices.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'dist');

/** Writes `care-record.js.sri` (`sha384-…`) once the file is on disk. */
function integrity(): Plugin {
  return {
    name: 'care-record-integrity',
    writeBundle(options) {
      const file = join(options.dir ?? outDir, 'care-record.js');
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

/**
 * One file, whose integrity the page pins: what the elements load on demand elsewhere (the provider's record message,
 * the lookup by NHS number) is imported statically here, `import('./x.js')` becoming the module already loaded. (Left
 * as `import()` in one file, the bundler wraps each such module and everything it reaches in code that runs it later:
 * a larger file for nothing.)
 */
function loadedUpFront(): Plugin {
  return {
    name: 'care-record-loaded-up-front',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/packages\/components\/src\/.*\.ts$/.test(id) || !code.includes('import(')) return undefined;
      const imports: string[] = [];
      const rewritten = code.replace(/(?<!typeof\s*)\bimport\((['"])(\.{1,2}\/[^'"]+)\1\)/g, (_call, _quote: string, path: string) => {
        const name = `__loadedUpFront${imports.length}`;
        imports.push(`import * as ${name} from '${path}';`);
        return `Promise.resolve(${name})`;
      });
      return imports.length > 0 ? { code: `${imports.join('\n')}\n${rewritten}`, map: null } : undefined;
    },
  };
}

/**
 * The bundled packages' licences: at the head of the embed (after minifying, as `postBanner`, so they are kept
 * whole) and beside it as `THIRD-PARTY-NOTICES.txt`.
 */
function thirdPartyNotices(): Plugin {
  return {
    name: 'care-record-third-party-notices',
    outputOptions(options) {
      return { ...options, postBanner: (chunk) => noticesComment(bundledPackages(chunk.moduleIds)) };
    },
    generateBundle(_options, bundle) {
      const moduleIds = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? output.moduleIds : []));
      this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-NOTICES.txt', source: noticesText(bundledPackages(moduleIds)) });
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
    // A library's ES build keeps its whitespace (for the host's bundler to tree-shake); this file is what a page loads
    // as it is, so it is minified whole.
    rolldownOptions: { output: { minify: true } },
  },
  plugins: [loadedUpFront(), squeezeCss(), thirdPartyNotices(), integrity()],
});
