/**
 * Bundle size of the resident elements as a host ships them: `care-results`
 * (with lit, d3-array's `ticks` and `nice`, d3-path and the SDK parts it uses:
 * the results view model and its loader) and `care-appointments` (with the
 * calendar writer), each bundled on its own by esbuild (`--bundle --minify
 * --format=esm`), then gzip -9. Also: lit alone, and the d3 parts alone, for
 * comparison.
 *
 *   node --import tsx bench/resident-elements-size.ts
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

async function bundle(contents: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    conditions: ['source'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file) throw new Error('esbuild wrote nothing');
  return file.contents;
}

const entries: Record<string, string> = {
  'care-results (lit, d3, SDK parts)': `import './packages/components/src/results/define.ts';`,
  'care-appointments (lit, SDK parts)': `import './packages/components/src/appointments/define.ts';`,
  'both elements': `import './packages/components/src/results/define.ts'; import './packages/components/src/appointments/define.ts';`,
  'lit alone': `export { LitElement, html, svg, css } from 'lit';`,
  'd3 parts alone (ticks, nice, pathRound)': `export { ticks, nice } from 'd3-array'; export { pathRound } from 'd3-path';`,
  'd3-array ticks and nice alone': `export { ticks, nice } from 'd3-array';`,
  'd3-path pathRound alone': `export { pathRound } from 'd3-path';`,
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log('bundle                                     minified     gzip -9');
for (const [name, contents] of Object.entries(entries)) {
  const code = await bundle(contents);
  console.log(`${name.padEnd(42)} ${kb(code.length).padStart(9)} ${kb(gzipSync(code, { level: 9 }).length).padStart(11)}`);
}
