/**
 * `npm start`: the reference hub with a synthetic borough, and everything
 * built on it, on one origin (http://127.0.0.1:8080 unless PORT/HOST say otherwise):
 *   /                       what is here
 *   /fhir/...               the hub (FHIR R4), seeded on first start into .data/hub.db
 *   /auth/authorize         development SMART sign-in (personas, no passwords)
 *   /docs/                  the hub API reference
 *   /openapi.json           the bundled contract
 *   /demo/gp/               a mock GP system with the record embedded (sign in as the GP)
 *   /demo/react/            a hospital ward board in React 19 with the record embedded (sign in as the ward nurse)
 *   /demo/resident/         the resident portal: a person's own record (sign in as a resident)
 *   /examples/plain-html/   the minimum embed
 *   /storybook/             Storybook: every element in every state (built here when missing or out of date)
 * Options pass through to the hub: `npm start -- --residents 206000 --faults 5xx=0.1`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHub, parseFaults } from '@care-record/hub';
import { strictContentSecurityPolicy } from '../examples/content-security-policy.ts';
import { bundleExample, serveExample } from '../examples/pages.ts';
import { storybookFile, storybookIsStale } from './storybook-static.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '2000' },
    db: { type: 'string', default: join(root, '.data/hub.db') },
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
step('rendering the API reference', 'redocly', ['build-docs', 'openapi/dist/hub.openapi.json', '--output', 'openapi/dist/index.html']);

const spec = readFileSync(join(root, 'openapi/dist/hub.openapi.json'));
// The rendered reference loads its viewer from a CDN; serve the copy Redocly CLI ships instead, so it works offline.
const viewer = readFileSync(join(root, 'node_modules/@redocly/cli/lib/chunks/redoc.standalone.js'));
const cdnViewer = /https:\/\/cdn\.redocly\.com\/redoc\/[^"']+\/redoc\.standalone\.js/g;
const renderedReference = readFileSync(join(root, 'openapi/dist/index.html'), 'utf8');
if (!cdnViewer.test(renderedReference))
  console.warn('! the API reference no longer loads its viewer from where expected; /docs/ may not render');
const reference = renderedReference.replace(cdnViewer, '/docs/redoc.standalone.js');

/** Bundles a demo page's script for the browser (workspace packages from source). */
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
const plainScript = await bundleExample('plain-html/embed.ts', { minify: true });
const reactScript = await bundleExample('react-host/main.tsx', { minify: true });

const residents = Number(values.residents);
console.log(`• opening the hub database ${values.db} (${residents} residents; the first start seeds it)`);
const hub = await createHub({
  dbPath: values.db,
  residents,
  origin,
  ...(values.faults ? { faults: parseFaults(values.faults) } : {}),
  progress: (done, total) => {
    if (done % 10_000 === 0 || done === total) console.log(`  seeding: ${done} of ${total} residents`);
  },
});
if (hub.seeded.seeded) console.log(`  seeded ${hub.seeded.resources} resources in ${(hub.seeded.milliseconds / 1000).toFixed(1)} s`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/site.css"></head>
<body><header><strong>care-record</strong> development server</header><main>${body}</main></body></html>`;

const siteCss = `body { font: 19px/1.5 Arial, sans-serif; color: #212b32; background: #f0f4f5; margin: 0; }
header { background: #005eb8; color: #fff; padding: 16px 32px; }
main { max-width: 800px; padding: 24px 32px; }
a { color: #005eb8; } a:focus { outline: 3px solid #ffeb3b; background: #ffeb3b; color: #212b32; }
code { background: #fff; padding: 2px 6px; }`;

const landing = page(
  'care-record — development server',
  `<h1>care-record</h1>
<p>The reference hub holds a synthetic borough of ${residents.toLocaleString('en-GB')} residents. Nothing here is about a real person.</p>
<h2>The hub</h2>
<ul>
<li><a href="/fhir/metadata">/fhir/metadata</a> — what the hub serves (FHIR R4 CapabilityStatement)</li>
<li><a href="/fhir/.well-known/smart-configuration">/fhir/.well-known/smart-configuration</a> — SMART on FHIR discovery; sign in at <code>/auth/authorize</code> as a GP, a hospital nurse, a social worker, a receptionist or a resident</li>
<li><a href="/demo/gp/">A mock GP system</a> with the record embedded — sign in as the GP</li>
<li><a href="/demo/react/">A hospital ward board in React</a> with the record embedded — sign in as the ward nurse</li>
<li><a href="/demo/resident/">The resident portal</a> — a person's own record; sign in as a resident</li>
<li><a href="/examples/plain-html/">The minimum embed</a> — one script, three elements</li>
<li><a href="/storybook/">Storybook</a> — every element in every state, for designers (data from a synthetic hub in the browser)</li>
<li><a href="/docs/">API reference</a> — every operation, schema and example of the hub contract (<a href="/openapi.json">openapi.json</a>)</li>
</ul>
<p>Point the SDK at it: <code>createHubClient({ baseUrl: '${origin}/fhir', auth: session })</code>.</p>`,
);

// The demo pages run under the strict policy a host system may set: no inline script or style, Trusted Types required.
const strictPage = {
  'content-security-policy': strictContentSecurityPolicy,
  'content-type': 'text/html; charset=utf-8',
};
hub.app.get('/', (_request, reply) => reply.headers(strictPage).send(landing));
hub.app.get('/site.css', (_request, reply) => reply.type('text/css; charset=utf-8').send(siteCss));
hub.app.get('/docs/', (_request, reply) => reply.type('text/html; charset=utf-8').send(reference));
hub.app.get('/docs', (_request, reply) => reply.redirect('/docs/'));
hub.app.get('/docs/redoc.standalone.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(viewer));
serveExample(hub.app, { mount: '/demo/gp/', folder: 'gp-system', stylesheet: 'gp-system.css', scriptName: 'main.js', script: gpScript });
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
serveExample(hub.app, { mount: '/examples/plain-html/', folder: 'plain-html', scriptName: 'embed.js', script: plainScript });
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
