/**
 * Where the bytes of the five-element embed go: the bundle of
 * `bench/components.ts` (lit, the SDK client, the provider, banner, summary,
 * medication list and timeline) split by the module each byte came from (read
 * from the source map), and its gzip size shared out in proportion to each
 * part's own gzip size. Approximate by nature — gzip compresses across parts —
 * but it says which parts are worth making smaller.
 *
 * Then the text of our own modules on its own — every string and template
 * literal (wording, codes and URLs, markup, CSS) gzipped together — which no refactoring of
 * the code can make smaller without saying less.
 *
 * With `--first-screen`, the same for the first screen's bundle alone
 * (provider, banner, summary and the SDK client): what a host ships up front.
 *
 *   node --import tsx bench/bundle-breakdown.ts [--first-screen]
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { squeezeCssLiterals } from '../scripts/css-literals.ts';
import { squeezedStyles, stylesAsWritten } from './host-bundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const firstScreen = process.argv.includes('--first-screen');
const elements = ['provider', 'patient-banner', 'record-summary', ...(firstScreen ? [] : ['medication-list', 'timeline'])];
const result = await build({
  stdin: {
    contents: `
      ${elements.map((name) => `import '@care-record/components/${name}/define.js';`).join('\n')}
      import { createHubClient } from '@care-record/sdk';
      export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });`,
    resolveDir: root,
    loader: 'ts',
    sourcefile: 'embed.ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  sourcemap: 'external',
  metafile: true,
  outfile: 'embed.js',
  conditions: ['source'],
  tsconfig: `${root}tsconfig.base.json`,
  logLevel: 'silent',
  plugins: [squeezedStyles],
});
const code = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '{}') as {
  sources: string[];
  mappings: string;
};

/** Source-map VLQ segments of one line: [generated column, source index delta, …]. */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function segments(line: string): number[][] {
  return line
    .split(',')
    .filter(Boolean)
    .map((segment) => {
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      return values;
    });
}

const textBySource = new Map<string, string[]>();
const lines = code.split('\n');
const mappingLines = map.mappings.split(';');
let source = 0;
lines.forEach((line, index) => {
  let column = 0;
  const points: [column: number, source: number][] = [];
  for (const [columnDelta = 0, sourceDelta] of segments(mappingLines[index] ?? '')) {
    column += columnDelta;
    if (sourceDelta !== undefined) source += sourceDelta;
    points.push([column, source]);
  }
  points.forEach(([start, from], at) => {
    const name = map.sources[from] ?? '(unmapped)';
    const end = points[at + 1]?.[0] ?? line.length;
    textBySource.set(name, [...(textBySource.get(name) ?? []), line.slice(start, end)]);
  });
});

function group(path: string): string {
  if (path.includes('node_modules/ky/')) return 'ky';
  if (path.includes('node_modules/')) return 'lit, its decorators and repeat, @lit/context';
  if (/packages\/components\/.*(styles|tokens)/.test(path)) return 'components: CSS';
  if (path.includes('packages/components/')) return 'components: elements, wording and markup';
  if (path.includes('packages/sdk/src/record/')) return 'SDK: record view models and reading';
  if (path.includes('packages/sdk/')) return 'SDK: client, auth, CUI formats';
  return 'entry';
}

const total = gzipSync(code, { level: 9 }).length;
const parts = [...textBySource].map(([path, texts]) => {
  const text = texts.join('');
  return { path, min: text.length, gzip: gzipSync(text, { level: 9 }).length };
});
const sum = parts.reduce((all, part) => all + part.gzip, 0);
const groups = new Map<string, { min: number; gzip: number }>();
for (const part of parts) {
  const key = group(part.path);
  const entry = groups.get(key) ?? { min: 0, gzip: 0 };
  entry.min += part.min;
  entry.gzip += (part.gzip * total) / sum;
  groups.set(key, entry);
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`${firstScreen ? 'First-screen' : 'Five-element'} embed: ${kb(code.length)} minified, ${kb(total)} gzip -9\n`);
console.log(`${'part'.padEnd(48)} ${'minified'.padStart(9)} ${'≈ gzip'.padStart(9)}`);
for (const [name, { min, gzip }] of [...groups].sort((a, b) => b[1].gzip - a[1].gzip))
  console.log(`${name.padEnd(48)} ${kb(min).padStart(9)} ${kb(gzip).padStart(9)}`);
console.log('\nLargest modules');
for (const part of parts.sort((a, b) => b.gzip - a.gzip).slice(0, 12))
  console.log(
    `  ${part.path.replace(/^.*?((node_modules|packages)\/)/, '$1').padEnd(62)} ${kb(part.min).padStart(9)} ${kb((part.gzip * total) / sum).padStart(9)}`,
  );

// Our own text: string and template literals of our modules in the bundle (not import paths).
const ours = Object.keys(result.metafile?.outputs['embed.js']?.inputs ?? {}).filter((path) => path.startsWith('packages/'));
const words: string[] = [];
const css: string[] = [];
for (const path of ours) {
  const text = readFileSync(`${root}${path}`, 'utf8');
  const source = ts.createSourceFile(path, stylesAsWritten ? text : squeezeCssLiterals(text, path), ts.ScriptTarget.Latest, true);
  const into = /styles|tokens/.test(path) ? css : words;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) into.push(node.text);
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) into.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
}
const gzipOf = (texts: string[]) => gzipSync(texts.join('\n'), { level: 9 }).length;
console.log('\nOur text on its own (string and template literals of our modules, gzipped together)');
console.log(`  strings and markup ${kb(gzipOf(words)).padStart(9)}`);
console.log(`  CSS                ${kb(gzipOf(css)).padStart(9)}`);
console.log(`  both               ${kb(gzipOf([...words, ...css])).padStart(9)}`);
