/**
 * A host that splits its bundle (esbuild `--splitting`) gets the provider's
 * message for a record refused as a whole, with the emergency-access form, as
 * a chunk of its own, fetched only when a refusal comes. Under the demo pages'
 * strict Content-Security-Policy (scripts only from the page's own origin, no
 * inline script or style, Trusted Types required) that chunk loads and the
 * message, the form and its styles are shown, with no violation and no error.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { strictContentSecurityPolicy } from '../../../../examples/content-security-policy.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { watchedPage } from '../support/pages.js';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** The page's script: the provider and a banner over a client the hub refuses (no relationship, emergency access open). */
const PAGE_SCRIPT = `
  import '@care-record/components/provider/define.js';
  import '@care-record/components/patient-banner/define.js';
  import { HubError } from '@care-record/sdk';
  const coded = (code) => ({ coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code }] });
  const error = new HubError({
    kind: 'http', operation: 'GET /Patient/pat-1', requestId: 'req-1', status: 403,
    outcome: { resourceType: 'OperationOutcome', issue: [
      { severity: 'error', code: 'forbidden', details: coded('NO_LEGITIMATE_RELATIONSHIP') },
      { severity: 'information', code: 'informational', details: coded('BREAK_GLASS_AVAILABLE') },
    ] },
  });
  const refuse = () => Promise.reject(error);
  const client = { baseUrl: 'https://hub.example', get: refuse, request: refuse, batch: refuse, pages: async function* () { throw error; } };
  const provider = document.createElement('care-record-provider');
  provider.client = client;
  provider.patient = 'pat-1';
  provider.append(document.createElement('care-patient-banner'));
  document.body.append(provider);
`;

let server: Server;
let origin: string;
let browser: Browser;
let entry: string;
let files: Map<string, string>;
/** The files the page loads before anything on demand: its script and the chunks that imports statically. */
const upFront = new Set<string>();
const requested: string[] = [];

before(async () => {
  const result = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: root, loader: 'js', sourcefile: 'page.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: `${root}.split-bundle-csp`,
    write: false,
    metafile: true,
    conditions: ['source'],
    tsconfig: `${root}tsconfig.base.json`,
    logLevel: 'silent',
  });
  const name = (path: string) => `/${path.split('/').pop()}`;
  files = new Map(result.outputFiles.map((file) => [name(file.path), file.text]));
  const outputs = result.metafile.outputs;
  const entryPath = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined)!;
  entry = name(entryPath);
  const walk = (path: string) => {
    if (upFront.has(name(path)) || !outputs[path]) return;
    upFront.add(name(path));
    for (const imported of outputs[path].imports) if (imported.kind === 'import-statement') walk(imported.path);
  };
  walk(entryPath);
  server = createServer((request, response) => {
    const url = request.url ?? '/';
    requested.push(url);
    const page = `<!doctype html><html lang="en"><title>Split</title><script type="module" src="${entry}"></script>`;
    const body = url === '/' ? page : files.get(url);
    if (body === undefined) return void response.writeHead(url === '/favicon.ico' ? 204 : 404).end();
    response
      .writeHead(200, {
        'content-type': url === '/' ? 'text/html' : 'text/javascript',
        'content-security-policy': strictContentSecurityPolicy,
      })
      .end(body);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the refused record’s message arrives as its own chunk under a strict CSP, and is shown whole', async () => {
  const lazy = [...files.keys()].filter((file) => files.get(file)!.includes('There is no care relationship between your organisation'));
  assert.equal(lazy.length, 1, 'the message’s words are in one file');
  assert.ok(!upFront.has(lazy[0]!), `not in what the page loads up front (${[...upFront].join(', ')})`);

  const { page, problems } = await watchedPage(browser, { width: 1024, height: 768 });
  await page.goto(`${origin}/`);
  await page.waitForFunction(
    () => document.querySelector('care-record-provider')?.shadowRoot?.querySelector('[part~="break-glass-form"]') ?? false,
    undefined,
    { timeout: 10_000 },
  );
  const shown = await page.evaluate(() => {
    const root = document.querySelector('care-record-provider')!.shadowRoot!;
    const message = root.querySelector('[part~="record-message"]')!;
    return {
      text: message.textContent!.replace(/\s+/g, ' ').trim(),
      busy: message.getAttribute('aria-busy'),
      inputDisplay: getComputedStyle(root.querySelector('#break-glass-reason')!).display,
    };
  });
  assert.match(shown.text, /^This record is not shown There is no care relationship between your organisation and this person\./);
  assert.match(shown.text, /See the record in an emergency Request ID req-1$/);
  assert.equal(shown.busy, 'false');
  assert.equal(shown.inputDisplay, 'block', 'the form’s styles were adopted');
  assert.ok(requested.includes(lazy[0]!), 'the chunk was fetched');
  assert.deepEqual(problems, []);
  await page.close();
});
