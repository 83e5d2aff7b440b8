/**
 * `npm start`: bundles the contract, renders its API reference, and serves
 * both with the contract's example hub on one origin:
 *   /              what is here
 *   /docs/         the hub API reference
 *   /openapi.json  the bundled contract
 *   /fhir/...      every operation answered with the contract's examples
 * The reference hub with synthetic residents replaces /fhir when it lands.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExampleHubHandler, FHIR_BASE_PATH } from './example-hub.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? '127.0.0.1';

function step(description: string, command: string, args: string[]): void {
  console.log(`• ${description}`);
  const result = spawnSync(join(root, 'node_modules', '.bin', command), args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error(`✘ ${description} failed (exit ${result.status ?? 'signal'})`);
    process.exit(1);
  }
}

step('bundling the contract', 'redocly', ['bundle', 'openapi/openapi.yaml', '--output', 'openapi/dist/hub.openapi.json', '--ext', 'json']);
step('rendering the API reference', 'redocly', ['build-docs', 'openapi/dist/hub.openapi.json', '--output', 'openapi/dist/index.html']);

const spec = readFileSync(join(root, 'openapi/dist/hub.openapi.json'));
// The rendered reference loads its viewer from a CDN; serve the copy Redocly CLI ships instead, so it works offline.
const viewerPath = join(root, 'node_modules/@redocly/cli/lib/chunks/redoc.standalone.js');
const viewer = readFileSync(viewerPath);
const cdnViewer = /https:\/\/cdn\.redocly\.com\/redoc\/[^"']+\/redoc\.standalone\.js/g;
const renderedReference = readFileSync(join(root, 'openapi/dist/index.html'), 'utf8');
if (!cdnViewer.test(renderedReference))
  console.warn('! the API reference no longer loads its viewer from where expected; /docs/ may not render');
const reference = renderedReference.replace(cdnViewer, '/docs/redoc.standalone.js');
const exampleHub = createExampleHubHandler(JSON.parse(spec.toString('utf8')));

const landing = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>care-record — development server</title>
<style>
body { font: 19px/1.5 Arial, sans-serif; color: #212b32; background: #f0f4f5; margin: 0; }
header { background: #005eb8; color: #fff; padding: 16px 32px; }
main { max-width: 760px; padding: 24px 32px; }
a { color: #005eb8; } code { background: #fff; padding: 2px 6px; }
</style></head>
<body>
<header><strong>care-record</strong> development server</header>
<main>
<h1>The hub contract</h1>
<ul>
<li><a href="/docs/">API reference</a> — every operation, schema and example of the hub</li>
<li><a href="/openapi.json">openapi.json</a> — the bundled OpenAPI 3.1 contract the SDK's types come from</li>
<li><a href="/fhir/metadata">/fhir/metadata</a> — an example hub that answers every operation with the contract's examples,
for example <a href="/fhir/Patient/pat-0001">/fhir/Patient/pat-0001</a></li>
</ul>
<p>Point the SDK at it: <code>createHubClient({ baseUrl: 'http://${host}:${port}/fhir' })</code>.</p>
<p>The example hub returns the same fixed examples whatever is asked; the reference hub with synthetic residents,
sign-in and access policy comes next.</p>
</main>
</body></html>`;

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (path === FHIR_BASE_PATH || path.startsWith(`${FHIR_BASE_PATH}/`)) {
    exampleHub.handle(request, response);
    return;
  }
  if (path === '/') {
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'",
    });
    response.end(landing);
  } else if (path === '/docs' || path === '/docs/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(reference);
  } else if (path === '/docs/redoc.standalone.js') {
    response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    response.end(viewer);
  } else if (path === '/openapi.json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(spec);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
  }
});

server.listen(port, host, () => {
  console.log(`✔ care-record development server on http://${host}:${port}/ (API reference at /docs/, example hub at /fhir)`);
});
