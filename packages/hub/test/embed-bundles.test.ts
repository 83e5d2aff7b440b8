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
