/**
 * `npm start`: the reference hub with a synthetic borough, and everything
 * built on it, on one origin (http://127.0.0.1:8080 unless PORT/HOST say otherwise):
 *   /                       what is here
 *   /fhir/...               the hub (FHIR R4), seeded on first start into .data/hub.db
 *   /auth/authorize         development SMART sign-in (personas, no passwords)
 *   /docs/                  the hub API reference
 *   /docs/sdk/              the SDK reference (TypeDoc)
 *   /openapi.json           the bundled contract
 *   /demo/gp/               a mock GP system with the record embedded (sign in as the GP)
 *   /demo/react/            a hospital ward board in React 19 with the record embedded (sign in as the ward nurse)
 *   /demo/resident/         the resident portal: a person's own record (sign in as a resident)
 *   /demo/carer/            the carer portal: acting for someone you care for (sign in as a carer or parent)
 *   /examples/plain-html/   the minimum embed
 *   /examples/one-file/     the one-file embed on a page with no build step
 *   /storybook/             Storybook: every element in every state (built here when missing or out of date)
 * Options pass through to the hub: `npm start -- --residents 206000 --faults 5xx=0.1`, and
 * `npm start -- --store postgres://user@host:5432/database` keeps it in PostgreSQL instead of SQLite.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHub, parseFaults } from '@care-record/hub';
import { buildOneFileEmbed, bundleExample, serveExample, serveOneFileExample } from '../examples/pages.ts';
import { serveWardFeed } from '../examples/react-host/ward-feed.ts';
import { buildSdkReference, renderApiReference, SDK_REFERENCE, serveSite } from '../examples/site.ts';
import { storybookFile, storybookIsStale } from './storybook-static.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '2000' },
    db: { type: 'string', default: join(root, '.data/hub.db') },
    store: { type: 'string' },
    faults: { type: 'string' },
  },
});
const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? '127.0.0.1';
const origin = `http://${host}:${port}`;

/** Runs a build step quietly; shows its output only if it fails. */
function step(description: string, command: string, args: string[]): void {
  console.log(`• ${description}`);
  const result = spawnSync(join(root, 'node_modules', '.bin', command), args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`${result.stdout}${result.stderr}\n✘ ${description} failed (exit ${result.status ?? 'signal'})`);
    process.exit(1);
  }
}

step('bundling the contract', 'redocly', ['bundle', 'openapi/openapi.yaml', '--output', 'openapi/dist/hub.openapi.json', '--ext', 'json']);

const spec = readFileSync(join(root, 'openapi/dist/hub.openapi.json'));
console.log('• rendering the API reference (served from the hub, nothing from a CDN)');
const reference = renderApiReference();
if (buildSdkReference().built) console.log('• built the SDK reference (TypeDoc)');

if (storybookIsStale())
  step('building Storybook (missing, or older than the components)', 'storybook', [
    'build',
    '--config-dir',
    '.storybook',
    '--output-dir',
    'storybook-static',
    '--quiet',
  ]);

console.log('• bundling the demo pages');
const gpScript = await bundleExample('gp-system/main.ts', { minify: true });
const residentScript = await bundleExample('resident-portal/main.ts', { minify: true });
const carerScript = await bundleExample('carer-portal/main.ts', { minify: true });
const plainScript = await bundleExample('plain-html/embed.ts', { minify: true });
const reactScript = await bundleExample('react-host/main.tsx', { minify: true });
const oneFile = await buildOneFileEmbed();

const residents = Number(values.residents);
// SQLite unless a store is named: `npm start -- --store postgres://…` (nothing to install for the default).
const store = values.store ?? `sqlite:${values.db}`;
console.log(`• opening the hub store ${store.replace(/\/\/[^@/]*@/, '//…@')} (${residents} residents; the first start seeds it)`);
const hub = await createHub({
  store,
  residents,
  origin,
  ...(values.faults ? { faults: parseFaults(values.faults) } : {}),
  progress: (done, total) => {
    if (done % 10_000 === 0 || done === total) console.log(`  seeding: ${done} of ${total} residents`);
  },
});
if (hub.seeded.seeded) console.log(`  seeded ${hub.seeded.resources} resources in ${(hub.seeded.milliseconds / 1000).toFixed(1)} s`);

serveSite(hub.app, { residents, origin, reference, sdkReference: SDK_REFERENCE });
serveExample(hub.app, { mount: '/demo/gp/', folder: 'gp-system', stylesheet: 'gp-system.css', scriptName: 'main.js', script: gpScript });
serveWardFeed(hub.app, hub);
serveExample(hub.app, {
  mount: '/demo/react/',
  folder: 'react-host',
  stylesheet: 'react-host.css',
  scriptName: 'main.js',
  script: reactScript,
});
serveExample(hub.app, {
  mount: '/demo/resident/',
  folder: 'resident-portal',
  stylesheet: 'resident-portal.css',
  scriptName: 'main.js',
  script: residentScript,
});
serveExample(hub.app, {
  mount: '/demo/carer/',
  folder: 'carer-portal',
  stylesheet: 'carer-portal.css',
  scriptName: 'main.js',
  script: carerScript,
});
serveExample(hub.app, { mount: '/examples/plain-html/', folder: 'plain-html', scriptName: 'embed.js', script: plainScript });
serveOneFileExample(hub.app, '/examples/one-file/', oneFile);
hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
hub.app.get('/openapi.json', (_request, reply) => reply.type('application/json').send(spec));
// The static Storybook; its stories answer themselves (Mock Service Worker), so it needs nothing else from here.
hub.app.get('/storybook', (_request, reply) => reply.redirect('/storybook/'));
hub.app.get<{ Params: { '*': string } }>('/storybook/*', (request, reply) => {
  const found = storybookFile(request.params['*']);
  return found ? reply.type(found.type).send(found.body) : reply.code(404).send();
});

await hub.app.listen({ port, host });
console.log(
  `✔ care-record on ${origin}/ — hub at ${hub.fhirBaseUrl}, sign-in at ${origin}/auth/authorize, API reference at ${origin}/docs/`,
);
