/**
 * The development server's own pages, served by `npm start` and by their
 * end-to-end test alike: the landing page (what is here), and the hub's API
 * reference at /docs/ — rendered by Redocly CLI and served entirely from the
 * hub, so it works on a closed network and a hospital network never sends a
 * request to a public CDN to read it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hub } from '@care-record/hub';
import { newestChange, storybookFile } from '../scripts/storybook-static.ts';
import { strictContentSecurityPolicy } from './content-security-policy.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/site.css"></head>
<body><header><p class="site-name">care-record <span>development server</span></p></header><main>${body}</main></body></html>`;

export const siteCss = `body { font: 19px/1.5 Arial, sans-serif; color: #212b32; background: #f0f4f5; margin: 0; }
header { background: #005eb8; color: #fff; padding: 16px 32px; }
.site-name { margin: 0; font-weight: bold; } .site-name span { font-weight: normal; }
main { max-width: 800px; padding: 24px 32px; box-sizing: border-box; }
@media (max-width: 480px) { header, main { padding-left: 16px; padding-right: 16px; } }
a { color: #005eb8; } a:focus { outline: 3px solid #ffeb3b; background: #ffeb3b; color: #212b32; }
code { background: #fff; padding: 2px 6px; overflow-wrap: anywhere; }`;

/** The landing page: what the development server holds, and where. */
export function landingPage(residents: number, origin: string): string {
  return page(
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
<li><a href="/demo/carer/">The carer portal</a> — someone acting for a person they care for; sign in as a carer or a parent</li>
<li><a href="/examples/plain-html/">The minimum embed</a> — one script, three elements</li>
<li><a href="/examples/one-file/">One file, no build step</a> — the whole package as one script with its integrity hash, on a plain page</li>
<li><a href="/storybook/">Storybook</a> — every element in every state, for designers (data from a synthetic hub in the browser)</li>
<li><a href="/docs/">API reference</a> — every operation, schema and example of the hub contract (<a href="/openapi.json">openapi.json</a>)</li>
<li><a href="/docs/sdk/">SDK reference</a> — every function and type of <code>@care-record/sdk</code>, from its TSDoc</li>
</ul>
<p>Point the SDK at it: <code>createHubClient({ baseUrl: '${origin}/fhir', auth: session })</code>.</p>`,
  );
}

/** Where the rendered reference and its viewer reach outside the hub, and what the hub serves instead. */
const OFFLINE = [
  // The viewer itself.
  { from: /https:\/\/cdn\.redocly\.com\/redoc\/[^"'`]+\/redoc\.standalone\.js/g, to: '/docs/redoc.standalone.js' },
  // The "API docs by Redocly" badge's logo.
  { from: /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, to: '/docs/badge.svg' },
  // Icon sets (asked for only by documents that use them; this one does not): kept on the hub, which has none.
  { from: /https:\/\/cdn\.redocly\.com\/icons\//g, to: '/docs/icons/' },
] as const;

/** Any address outside the hub that a browser would load from (not links a person may follow). */
export const EXTERNAL_LOAD = /https:\/\/cdn\.[a-z.]+\/[^"'`\s)]*/g;

const offline = (text: string): string => OFFLINE.reduce((rewritten, { from, to }) => rewritten.replace(from, to), text);

/** A small badge mark of our own, in place of the CDN's. */
const BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect width="16" height="16" rx="3" fill="#005eb8"/><path d="M4 8h8M8 4v8" stroke="#fff" stroke-width="2"/></svg>`;

export interface ApiReference {
  /** The rendered reference page. */
  html: string;
  /** Its viewer script, with every CDN address pointed at the hub. */
  viewer: string;
}

/** Renders the API reference from the bundled contract (`openapi/dist/hub.openapi.json`) for serving from the hub. */
export function renderApiReference(): ApiReference {
  const scratch = mkdtempSync(join(tmpdir(), 'care-record-docs-'));
  try {
    const output = join(scratch, 'index.html');
    const result = spawnSync(
      join(root, 'node_modules', '.bin', 'redocly'),
      ['build-docs', join(root, 'openapi/dist/hub.openapi.json'), '--output', output],
      { cwd: root, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`rendering the API reference failed: ${result.stdout}${result.stderr}`);
    const html = offline(readFileSync(output, 'utf8'));
    const viewer = offline(readFileSync(join(root, 'node_modules/@redocly/cli/lib/chunks/redoc.standalone.js'), 'utf8'));
    return { html, viewer };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Where the SDK reference is built (TypeDoc, from the SDK's TSDoc): build output, not committed. */
export const SDK_REFERENCE = join(root, '.data', 'sdk-reference');

/** Builds the SDK reference with TypeDoc when it is missing or older than the SDK's sources (about 20 s). */
export function buildSdkReference(out = SDK_REFERENCE): { built: boolean } {
  const index = join(out, 'index.html');
  const sdk = join(root, 'packages', 'sdk');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(newestChange(join(sdk, 'src')), newestChange(join(sdk, 'README.md'))))
    return { built: false };
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'typedoc'),
    ['--options', 'typedoc.json', '--out', out, '--logLevel', 'Error'],
    {
      cwd: sdk,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`building the SDK reference failed: ${result.stdout}${result.stderr}`);
  return { built: true };
}

/** Serves the landing page, its stylesheet, the API reference and (when built) the SDK reference at /docs/sdk/. */
export function serveSite(
  app: Hub['app'],
  { residents, origin, reference, sdkReference }: { residents: number; origin: string; reference: ApiReference; sdkReference?: string },
): void {
  const landing = landingPage(residents, origin);
  app.get('/', (_request, reply) =>
    reply.headers({ 'content-security-policy': strictContentSecurityPolicy, 'content-type': 'text/html; charset=utf-8' }).send(landing),
  );
  app.get('/site.css', (_request, reply) => reply.type('text/css; charset=utf-8').send(siteCss));
  app.get('/docs/', (_request, reply) => reply.type('text/html; charset=utf-8').send(reference.html));
  app.get('/docs', (_request, reply) => reply.redirect('/docs/'));
  app.get('/docs/redoc.standalone.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(reference.viewer));
  app.get('/docs/badge.svg', (_request, reply) => reply.type('image/svg+xml').send(BADGE_SVG));
  if (sdkReference) {
    app.get('/docs/sdk', (_request, reply) => reply.redirect('/docs/sdk/'));
    app.get<{ Params: { '*': string } }>('/docs/sdk/*', (request, reply) => {
      const found = storybookFile(request.params['*'], sdkReference);
      return found ? reply.type(found.type).send(found.body) : reply.code(404).send();
    });
  }
}
