/**
 * What a host ships is what it shows: an embed of some elements carries the
 * view models of those elements and no others. The provider reads the record;
 * each element builds its own view model, so a page with just the banner does
 * not carry the summary, medicines or timeline code (bundled as a host would,
 * with esbuild, from the packages' sources).
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { build, type Metafile } from 'esbuild';
import { build as vite } from 'vite';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The SDK record modules a bundle of these elements holds, by file name. */
async function recordModules(elements: string[]): Promise<string[]> {
  const result = await build({
    stdin: {
      contents: [
        `import { createHubClient } from '@care-record/sdk';`,
        `export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });`,
        ...elements.map((element) => `import '@care-record/components/${element}/define.js';`),
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    metafile: true,
    conditions: ['source'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'silent',
  });
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  return Object.entries(inputs)
    .filter(([path, input]) => path.startsWith('packages/sdk/src/record/') && input.bytesInOutput > 0)
    .map(([path]) => path.slice('packages/sdk/src/record/'.length))
    .sort();
}

const VIEW_MODELS = ['banner.ts', 'summary/summary.ts', 'medications.ts', 'timeline.ts', 'timeline-event.ts'];
const viewModelsIn = (modules: string[]) => VIEW_MODELS.filter((name) => modules.includes(name));

describe('an embed carries the view models of the elements it shows, and no others', () => {
  const cases: [elements: string[], expected: string[]][] = [
    [['provider'], []],
    [['provider', 'patient-banner'], ['banner.ts']],
    [['provider', 'record-summary'], ['summary/summary.ts']],
    [
      ['provider', 'patient-banner', 'record-summary'],
      ['banner.ts', 'summary/summary.ts'],
    ],
    [['provider', 'medication-list'], ['medications.ts']],
    [
      ['provider', 'timeline'],
      ['timeline.ts', 'timeline-event.ts'],
    ],
    [
      ['provider', 'patient-banner', 'record-summary', 'medication-list', 'timeline'],
      ['banner.ts', 'summary/summary.ts', 'medications.ts', 'timeline.ts', 'timeline-event.ts'],
    ],
  ];
  for (const [elements, expected] of cases) {
    test(elements.join(' + '), async () => {
      assert.deepEqual(viewModelsIn(await recordModules(elements)), expected);
    });
  }
});

/**
 * The SDK record modules in the chunks a page loads up front when it loads
 * `later` on demand (`import()`), bundled by Vite (Rollup's chunking: whole
 * modules go to chunks, so a module holding both the first screen's code and
 * a lazy element's would ship the lazy element's view model up front).
 */
async function upFrontRecordModules(first: string[], later: string[]): Promise<string[]> {
  const entry = '\0host-entry.ts';
  const contents = [
    `import { createHubClient } from '@care-record/sdk';`,
    `export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });`,
    ...first.map((element) => `import '@care-record/components/${element}/define.js';`),
    `export const later = () => Promise.all([${later.map((element) => `import('@care-record/components/${element}/define.js')`).join(', ')}]);`,
  ].join('\n');
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
    ],
    build: {
      write: false,
      minify: false,
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: { input: 'host-entry.ts', preserveEntrySignatures: 'strict' },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((bundle) => ('output' in bundle ? bundle.output : []))
    .flatMap((file) => (file.type === 'chunk' ? [file] : []));
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const upFront = new Set<string>();
  const walk = (name: string) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const imported of byName.get(name)?.imports ?? []) walk(imported);
  };
  const entryChunk = chunks.find((chunk) => chunk.isEntry);
  assert.ok(entryChunk, 'the bundle has an entry chunk');
  walk(entryChunk.fileName);
  const prefix = `${root}packages/sdk/src/record/`;
  return [...upFront]
    .flatMap((name) => Object.entries(byName.get(name)?.modules ?? {}))
    .filter(([path, module]) => path.startsWith(prefix) && module.renderedLength > 0)
    .map(([path]) => path.slice(prefix.length))
    .sort();
}

/**
 * A host's entry (`contents`) built by esbuild with code splitting, as a page would load it: every output file, and
 * the ones loaded up front (the entry and the chunks it imports statically, not those it `import()`s).
 */
async function esbuildSplitBuild(contents: string): Promise<{ outputs: Metafile['outputs']; upFront: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'host.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: `${root}.embed-bundles-split`,
    write: false,
    metafile: true,
    conditions: ['source'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint !== undefined);
  assert.ok(entry, 'the split build has an entry');
  const upFront = new Set<string>();
  const walk = (name: string) => {
    if (upFront.has(name) || !outputs[name]) return;
    upFront.add(name);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement') walk(imported.path);
  };
  walk(entry);
  return { outputs, upFront: [...upFront] };
}

/**
 * The same with esbuild's code splitting (`--splitting`). esbuild gives a module to the chunk of every entry that
 * reaches it through an import record, and a barrel's named re-export (`export { x } from`) of a module the first
 * screen uses was enough to make the timeline's and the medicines' view models reachable from the page's entry, so
 * they were loaded up front; the SDK's barrels take such modules with `export *` from a module of their public names.
 */
async function upFrontRecordModulesEsbuild(first: string[], later: string[]): Promise<string[]> {
  const { outputs, upFront } = await esbuildSplitBuild(
    [
      `import { createHubClient } from '@care-record/sdk';`,
      `export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });`,
      ...first.map((element) => `import '@care-record/components/${element}/define.js';`),
      `export const later = () => Promise.all([${later.map((element) => `import('@care-record/components/${element}/define.js')`).join(', ')}]);`,
    ].join('\n'),
  );
  const prefix = 'packages/sdk/src/record/';
  return upFront
    .flatMap((name) => Object.entries(outputs[name]!.inputs))
    .filter(([path, input]) => path.startsWith(prefix) && input.bytesInOutput > 0)
    .map(([path]) => path.slice(prefix.length))
    .sort();
}

describe('elements loaded on demand leave their view models out of what the page loads up front', () => {
  const FIRST_SCREEN = ['provider', 'patient-banner', 'record-summary'];
  const cases: [later: string[], left: string[]][] = [
    [['medication-list'], ['medications.ts', 'read-medications.ts']],
    [['timeline'], ['timeline.ts', 'timeline-event.ts']],
    [
      ['medication-list', 'timeline'],
      ['medications.ts', 'read-medications.ts', 'timeline.ts', 'timeline-event.ts'],
    ],
  ];
  for (const [bundler, upFrontOf] of [
    ['Vite', upFrontRecordModules],
    ['esbuild --splitting', upFrontRecordModulesEsbuild],
  ] as const)
    for (const [later, left] of cases) {
      test(`${bundler}: ${FIRST_SCREEN.join(' + ')} up front, ${later.join(' + ')} on demand`, async () => {
        const upFront = await upFrontOf(FIRST_SCREEN, later);
        assert.ok(upFront.includes('banner.ts') && upFront.includes('summary/summary.ts'), `up front: ${upFront.join(', ')}`);
        assert.deepEqual(
          left.filter((module) => upFront.includes(module)),
          [],
          `up front: ${upFront.join(', ')}`,
        );
      });
    }
});

/**
 * The provider's message for a record refused as a whole, with the emergency-access form and banner
 * (`provider/record-message.ts` and the reason's check in `provider/break-glass.ts`), is loaded by `import()` the
 * first time a page needs it: never in what a page loads up front, with either bundler, yet in the files it may load;
 * and inside the one-file embed, which stays one file.
 */
const ON_DEMAND = ['provider/record-message.ts', 'provider/break-glass.ts'];
const FIRST_SCREEN_ENTRY = [
  `import { createHubClient } from '@care-record/sdk';`,
  `export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });`,
  ...['provider', 'patient-banner', 'record-summary'].map((element) => `import '@care-record/components/${element}/define.js';`),
].join('\n');
const componentsPrefix = 'packages/components/src/';

/** The components' modules in what the page loads up front (the entry and the chunks it imports), and in every file. */
async function esbuildSplit(): Promise<{ upFront: string[]; all: string[] }> {
  const { outputs, upFront } = await esbuildSplitBuild(FIRST_SCREEN_ENTRY);
  const modulesOf = (names: string[]) =>
    names
      .flatMap((name) => Object.entries(outputs[name]!.inputs))
      .filter(([path, input]) => path.startsWith(componentsPrefix) && input.bytesInOutput > 0)
      .map(([path]) => path.slice(componentsPrefix.length));
  return { upFront: modulesOf(upFront), all: modulesOf(Object.keys(outputs)) };
}

async function viteSplit(): Promise<{ upFront: string[]; all: string[] }> {
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
        load: (id) => (id === entry ? FIRST_SCREEN_ENTRY : undefined),
      },
    ],
    build: {
      write: false,
      minify: false,
      modulePreload: false,
      reportCompressedSize: false,
      rollupOptions: { input: 'host-entry.ts', preserveEntrySignatures: 'strict' },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((bundle) => ('output' in bundle ? bundle.output : []))
    .flatMap((file) => (file.type === 'chunk' ? [file] : []));
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const upFront = new Set<string>();
  const walk = (name: string) => {
    if (upFront.has(name)) return;
    upFront.add(name);
    for (const imported of byName.get(name)?.imports ?? []) walk(imported);
  };
  const entryChunk = chunks.find((chunk) => chunk.isEntry);
  assert.ok(entryChunk, 'the bundle has an entry chunk');
  walk(entryChunk.fileName);
  const prefix = `${root}${componentsPrefix}`;
  const modulesOf = (names: string[]) =>
    names
      .flatMap((name) => Object.entries(byName.get(name)?.modules ?? {}))
      .filter(([path, module]) => path.startsWith(prefix) && module.renderedLength > 0)
      .map(([path]) => path.slice(prefix.length));
  return { upFront: modulesOf([...upFront]), all: modulesOf([...byName.keys()]) };
}

describe('the provider’s record message is loaded on demand, not up front', () => {
  for (const [bundler, split] of [
    ['esbuild --splitting', esbuildSplit],
    ['Vite', viteSplit],
  ] as const) {
    test(bundler, async () => {
      const { upFront, all } = await split();
      assert.ok(upFront.includes('provider/record-provider.ts'), `up front: ${upFront.join(', ')}`);
      assert.deepEqual(
        ON_DEMAND.filter((module) => upFront.includes(module)),
        [],
        `up front: ${upFront.join(', ')}`,
      );
      assert.deepEqual(
        ON_DEMAND.filter((module) => all.includes(module)),
        ON_DEMAND,
        'in a file loaded on demand',
      );
    });
  }

  test('the one-file embed stays one file, with the message inside', async () => {
    const output = await vite({
      configFile: `${root}packages/components/vite.config.ts`,
      logLevel: 'silent',
      build: { write: false, sourcemap: false },
    });
    const chunks = (Array.isArray(output) ? output : [output])
      .flatMap((bundle) => ('output' in bundle ? bundle.output : []))
      .flatMap((file) => (file.type === 'chunk' ? [file] : []));
    assert.deepEqual(
      chunks.map((chunk) => chunk.fileName),
      ['care-record.js'],
    );
    const [embed] = chunks;
    assert.deepEqual(embed!.dynamicImports, []);
    assert.doesNotMatch(embed!.code, /\bimport\(/);
    const modules = Object.keys(embed!.modules).map((path) => path.slice(path.indexOf(componentsPrefix) + componentsPrefix.length));
    assert.deepEqual(
      ON_DEMAND.filter((module) => modules.includes(module)),
      ON_DEMAND,
    );
    assert.match(embed!.code, /Checking access…/);
    assert.match(embed!.code, /There is no care relationship between your organisation and this person\./);
  });
});
