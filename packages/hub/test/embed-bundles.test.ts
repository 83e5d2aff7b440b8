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
import { build } from 'esbuild';
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
  for (const [later, left] of cases) {
    test(`${FIRST_SCREEN.join(' + ')} up front, ${later.join(' + ')} on demand`, async () => {
      const upFront = await upFrontRecordModules(FIRST_SCREEN, later);
      assert.ok(upFront.includes('banner.ts') && upFront.includes('summary/summary.ts'), `up front: ${upFront.join(', ')}`);
      assert.deepEqual(
        left.filter((module) => upFront.includes(module)),
        [],
        `up front: ${upFront.join(', ')}`,
      );
    });
  }
});
