#!/usr/bin/env node
/**
 * Bundle size of the SDK as a vendor ships it: a client that does a typed
 * read and a paged search, bundled with ky by esbuild (`--bundle --minify
 * --format=esm`), then gzip -9. Budget: 12 KB (ky 2 alone is about 8.9 KB).
 * Also reports ky alone and the CUI format helpers alone, for comparison.
 *
 *   npm run bench
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const budgetBytes = 12 * 1024;

const entries = {
  'SDK + ky: typed read and paged search': `
    import { createHubClient } from './packages/sdk/src/index.ts';
    const hub = createHubClient({ baseUrl: 'https://hub.example.org/fhir', auth: 'token' });
    export const patient = await hub.get('/Patient/{id}', { path: { id: 'pat-0001' } });
    export const found = [];
    for await (const observation of hub.matches('/Observation', { query: { patient: 'pat-0001' } })) found.push(observation);
  `,
  'ky alone': `import ky from 'ky'; export const get = (url) => ky.get(url).json();`,
  'format helpers alone': `export * from './packages/sdk/src/format/index.ts';`,
};

const rows = [];
for (const [name, contents] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  rows.push({ name, minified: code.length, gzip: gzipSync(code, { level: 9 }).length });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
console.log('bundle                                   minified     gzip -9');
for (const row of rows) console.log(`${row.name.padEnd(40)} ${kb(row.minified).padStart(9)} ${kb(row.gzip).padStart(11)}`);
const sdk = rows[0];
const kyAlone = rows[1];
console.log(`\nSDK's own code on top of ky: ${kb(sdk.gzip - kyAlone.gzip)} gzip`);
console.log(`Budget ${kb(budgetBytes)}: ${sdk.gzip <= budgetBytes ? 'within' : 'OVER'} (${kb(sdk.gzip)})`);
process.exitCode = sdk.gzip <= budgetBytes ? 0 : 1;
