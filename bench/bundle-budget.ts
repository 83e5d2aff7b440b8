/**
 * The bundle budgets of issue 17, checked: what a host ships for the record's
 * first screen (provider, banner and summary with the SDK client) — 40 KB
 * gzip — and for all five record elements (with the medication list and the
 * timeline) — 48 KB gzip. Bundled from the packages as a host does
 * (`bench/host-bundle.ts`: esbuild `--bundle --minify --format=esm`, the
 * styles squeezed as the package ships them), gzip -9. Byte counts, so the
 * same code always measures the same.
 *
 * The first screen is measured in one bundle, and code split as a host's bundler
 * splits it (Vite, esbuild `--splitting`): what the page loads up front and in
 * total, the provider's states a first screen rarely reaches (a record refused,
 * emergency access) being loaded on demand.
 *
 * The five elements are measured twice: in one bundle, and with the medication
 * list and the timeline loaded on demand (`import()`, as a page does for
 * elements below the fold) — what the page loads up front and in total —
 * with Vite (Rollup's chunking) and esbuild (`--splitting`).
 * The two single bundles are also made with Vite, for comparison (its
 * minifier gives a smaller file). Then the whole SDK (`export * from '@care-record/sdk'`), for scale.
 *
 * Exits 1 when the first screen, or the five elements, are over budget
 * whichever way they are bundled.
 *
 *   node --import tsx bench/bundle-budget.ts [--styles-as-written]
 */
import { build as esbuild, type Metafile } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { build as vite, type Plugin } from 'vite';
import { squeezeCssLiterals } from '../scripts/css-literals.ts';
import { hostBuild, hostBundle, root, stylesAsWritten } from './host-bundle.ts';

const KB = 1024;
const FIRST_SCREEN_BUDGET = 40 * KB;
const FIVE_BUDGET = 48 * KB;

const CLIENT = `
  import { createHubClient } from '@care-record/sdk';
  export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });
`;
const define = (...names: string[]) => names.map((name) => `import '@care-record/components/${name}/define.js';`).join('\n');
const FIRST_SCREEN = ['provider', 'patient-banner', 'record-summary'];
const BELOW_THE_FOLD = ['medication-list', 'timeline'];
const onDemand = `export const below = () => Promise.all([${BELOW_THE_FOLD.map(
  (name) => `import('@care-record/components/${name}/define.js')`,
).join(', ')}]);`;

const gzip = (text: string) => gzipSync(text, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB`;

interface Split {
  upFront: number;
  total: number;
  /** Files the page loads before anything on demand. */
  chunks: number;
}

/** Up front: the entry and every chunk it imports statically; total: every chunk. */
function split(files: { name: string; code: string; imports: string[] }[], entry: string): Split {
  const byName = new Map(files.map((file) => [file.name, file]));
  const upFront = new Set<string>();
  const walk = (name: string) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const imported of byName.get(name)?.imports ?? []) walk(imported);
  };
  walk(entry);
  let up = 0;
  let total = 0;
  for (const file of files) {
    const size = gzip(file.code);
    total += size;
    if (upFront.has(file.name)) up += size;
  }
  return { upFront: up, total, chunks: upFront.size };
}

async function esbuildSplit(contents: string): Promise<Split> {
  const result = await esbuild(hostBuild(contents, { splitting: true, outdir: `${root}bench/.split`, metafile: true }));
  const outputs = (result.metafile as Metafile).outputs;
  const name = (path: string) => path.replace(/^.*[\\/]/, '');
  const files = (result.outputFiles ?? []).map((file) => {
    const output = Object.entries(outputs).find(([path]) => name(path) === name(file.path))?.[1];
    return {
      name: name(file.path),
      code: file.text,
      imports: (output?.imports ?? []).filter((imported) => imported.kind === 'import-statement').map((imported) => name(imported.path)),
    };
  });
  const entry = Object.entries(outputs).find(([, output]) => output.entryPoint)?.[0] ?? '';
  return split(files, name(entry));
}

/** The components' styles squeezed, as in the package's `dist`. */
const viteSqueeze: Plugin = {
  name: 'squeezed-styles',
  enforce: 'pre',
  transform(code, id) {
    return !stylesAsWritten && /[\\/]packages[\\/]components[\\/]src[\\/].*\.ts$/.test(id)
      ? { code: squeezeCssLiterals(code, id), map: null }
      : undefined;
  },
};

async function viteSplit(contents: string): Promise<Split> {
  const entry = '\0host-entry.ts';
  const output = await vite({
    configFile: false,
    root,
    logLevel: 'silent',
    resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
    oxc: { decorator: { legacy: true } },
    plugins: [
      {
        name: 'host-entry',
        resolveId: (id) => (id === 'host-entry.ts' ? entry : undefined),
        load: (id) => (id === entry ? contents : undefined),
      },
      viteSqueeze,
    ],
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: { input: 'host-entry.ts', preserveEntrySignatures: 'strict' },
    },
  });
  const bundles = Array.isArray(output) ? output : [output];
  const chunks = bundles.flatMap((bundle) => ('output' in bundle ? bundle.output : [])).filter((file) => file.type === 'chunk');
  const entryChunk = chunks.find((chunk) => chunk.isEntry);
  return split(
    chunks.map((chunk) => ({ name: chunk.fileName, code: chunk.code, imports: chunk.imports })),
    entryChunk?.fileName ?? '',
  );
}

const firstScreen = gzip(await hostBundle(`${define(...FIRST_SCREEN)} ${CLIENT}`));
const five = gzip(await hostBundle(`${define(...FIRST_SCREEN, ...BELOW_THE_FOLD)} ${CLIENT}`));
const firstScreenVite = (await viteSplit(`${define(...FIRST_SCREEN)} ${CLIENT}`)).total;
const fiveVite = (await viteSplit(`${define(...FIRST_SCREEN, ...BELOW_THE_FOLD)} ${CLIENT}`)).total;
const firstScreenSplitVite = await viteSplit(`${define(...FIRST_SCREEN)} ${CLIENT}`);
const firstScreenSplitEsbuild = await esbuildSplit(`${define(...FIRST_SCREEN)} ${CLIENT}`);
const lazyVite = await viteSplit(`${define(...FIRST_SCREEN)} ${CLIENT} ${onDemand}`);
const lazyEsbuild = await esbuildSplit(`${define(...FIRST_SCREEN)} ${CLIENT} ${onDemand}`);
const wholeSdk = gzip(await hostBundle(`export * from '@care-record/sdk';`));

const verdict = (bytes: number, budget: number) => (bytes <= budget ? 'within' : `OVER by ${kb(bytes - budget)}`);
console.log(`Bundle budgets (gzip -9)${stylesAsWritten ? ', styles as written' : ''}\n`);
console.log(
  `  first screen: provider + banner + summary + SDK client   ${kb(firstScreen).padStart(9)}   budget 40 KB: ${verdict(firstScreen, FIRST_SCREEN_BUDGET)}`,
);
console.log(
  `  five record elements, one bundle                          ${kb(five).padStart(9)}   budget 48 KB: ${verdict(five, FIVE_BUDGET)}`,
);
console.log(`  the same two with Vite (Rolldown), one bundle each        ${kb(firstScreenVite).padStart(9)} and ${kb(fiveVite)}`);
for (const [label, result] of [
  ['Vite', firstScreenSplitVite],
  ['esbuild', firstScreenSplitEsbuild],
] as const)
  console.log(
    `  first screen, code split (${label.padEnd(7)})              up front ${kb(result.upFront).padStart(9)} in ${result.chunks} files, in total ${kb(result.total)}`,
  );
for (const [label, result] of [
  ['Vite', lazyVite],
  ['esbuild', lazyEsbuild],
] as const)
  console.log(
    `  five, medicines and timeline on demand (${label.padEnd(7)}) up front ${kb(result.upFront).padStart(9)} in ${result.chunks} files, in total ${kb(result.total)}`,
  );
console.log(`  the whole SDK (export * from '@care-record/sdk')          ${kb(wholeSdk).padStart(9)}`);

const fiveBest = Math.min(five, fiveVite, lazyVite.upFront, lazyEsbuild.upFront);
const firstScreenBest = Math.min(firstScreen, firstScreenVite, firstScreenSplitVite.upFront, firstScreenSplitEsbuild.upFront);
const within = firstScreenBest <= FIRST_SCREEN_BUDGET && fiveBest <= FIVE_BUDGET;
console.log(`\n${within ? 'Within both budgets.' : 'Over budget.'}`);
process.exitCode = within ? 0 : 1;
