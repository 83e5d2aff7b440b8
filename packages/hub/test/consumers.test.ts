/**
 * What a vendor meets: the packages packed as npm publishes them, installed
 * from their tarballs (no workspace links) into fresh throwaway projects, and
 * each project type-checked, built and run.
 *
 * - a Vite + TypeScript app using the README's usage (`define.js`, the
 *   provider's `client`, a `care-select` listener on `document`);
 * - a React 19 app with `@care-record/react` and an element in JSX;
 * - a Node ESM script reading a record with the SDK;
 * - a project on TypeScript's older `moduleResolution: node`, type-checked only;
 * - a plain HTML page with the one-file embed and its integrity hash;
 * - the reference hub from its tarball (`care-record-hub`), and the SDK's
 *   conformance checker (`care-record-sdk check`) against it.
 *
 * The browser ones run in Chromium under the strict policy against the
 * reference hub: the elements render a real record and `care-select` reaches
 * the host. Lines that must not compile against the published types do not.
 * Installs come from npm's cache (every version here is one the workspace
 * already installed).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { strictContentSecurityPolicy } from '../../../examples/content-security-policy.js';
import { packWorkspaces, type PackedPackage } from '../../../scripts/pack.js';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.js';
import { watchedPage } from './support/pages.js';
import { freePort, startTestHub, type TestHub } from './support/test-hub.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const consumers = fileURLToPath(new URL('./consumers/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'care-record-consumers-'));
const app = join(scratch, 'app');
const workspaceVersion = (name: string) =>
  (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

let packs: PackedPackage[] = [];
let installLog = '';
let testHub: TestHub;
let browser: Browser;

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}
const bin = (name: string) => join(app, 'node_modules', '.bin', name);
const tsc = (project: string) => run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', project], app);

before(async () => {
  mkdirSync(join(scratch, 'packs'));
  packs = packWorkspaces(join(scratch, 'packs'));
  cpSync(consumers, app, { recursive: true });
  // The plain page is the repository's own one-file example, as a vendor would copy it.
  cpSync(join(root, 'examples/one-file'), join(app, 'plain-html'), { recursive: true });
  const tarball = (name: string) => `file:${packs.find((pack) => pack.name === name)?.tarball ?? ''}`;
  const tools = ['typescript', 'vite', 'react', 'react-dom', '@types/react', '@types/react-dom', '@types/node'];
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'vendor-consumers',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries([
        ...packs.map((pack) => [pack.name, tarball(pack.name)]),
        ...tools.map((name) => [name, workspaceVersion(name)]),
      ]),
    }),
  );
  // Install scripts are skipped: the only one is better-sqlite3's native build, and the workspace holds that
  // very build (same version, same Node); copying it saves a two-minute compile in every test run.
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel', 'warn'], app);
  installLog = install.stdout + install.stderr;
  assert.equal(install.status, 0, installLog);
  const native = 'node_modules/better-sqlite3/build/Release';
  mkdirSync(join(app, native), { recursive: true });
  copyFileSync(join(root, native, 'better_sqlite3.node'), join(app, native, 'better_sqlite3.node'));

  testHub = await startTestHub({
    beforeListen: (hub) => {
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
      for (const [mount, folder] of [
        ['/vendor/vite/', join(app, 'vite-ts/dist')],
        ['/vendor/react/', join(app, 'react-app/dist')],
        ['/vendor/plain/', join(app, 'plain-html')],
      ] as const)
        hub.app.get<{ Params: { '*': string } }>(`${mount}*`, (request, reply) => {
          // Built on demand by the tests below; served as a host would, under the strict policy.
          const name = request.params['*'] === '' ? 'index.html' : request.params['*'];
          const path = join(folder, name);
          if (name.includes('..') || !statSync(path, { throwIfNoEntry: false })?.isFile()) return reply.code(404).send();
          const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(path)] ?? 'application/octet-stream';
          return reply
            .headers({ 'content-security-policy': strictContentSecurityPolicy })
            .type(`${type}; charset=utf-8`)
            .send(readFileSync(path));
        });
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await testHub?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Signs in on the hub's development page as the GP and waits for the host page to show the record. */
async function openAsGp(page: Page, path: string): Promise<void> {
  await page.goto(`${testHub.origin}${path}`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.locator('button[name="persona"][value="gp"]').click();
  await page.waitForURL(`${testHub.origin}${path}`);
}

/** The elements render the resident's record, and choosing a medicine reaches the host. */
async function showsRecordAndHearsSelect(page: Page): Promise<void> {
  await page.waitForFunction(
    () => /NHS No\.\s*\d{3} \d{3} \d{4}/.test(document.querySelector('care-patient-banner')?.shadowRoot?.textContent ?? ''),
    undefined,
    { timeout: 20_000 },
  );
  await page.waitForFunction(
    () => (document.querySelector('care-record-summary')?.shadowRoot?.textContent ?? '').includes('Allerg'),
    undefined,
    {
      timeout: 20_000,
    },
  );
  await page.locator('care-medication-list').locator('button, a').first().click();
  await page.getByText(/^Chosen: MedicationRequest\//).waitFor({ timeout: 10_000 });
}

/** Each `@ts-expect-error` in the file, removed, is exactly one compiler error. */
function eachMistakeFails(project: string, file: string): void {
  const path = join(app, project, file);
  const text = readFileSync(path, 'utf8');
  const expected = (text.match(/@ts-expect-error/g) ?? []).length;
  assert.ok(expected >= 3);
  writeFileSync(path, text.replaceAll('// @ts-expect-error', '// (no longer expected)'));
  try {
    const result = tsc(join(app, project));
    assert.equal((result.stdout.match(/error TS\d+/g) ?? []).length, expected, result.stdout);
  } finally {
    writeFileSync(path, text);
  }
}

describe('installed from the tarballs', () => {
  test('the install', () => {
    assert.deepEqual(packs.map((pack) => pack.name).sort(), [
      '@care-record/components',
      '@care-record/hub',
      '@care-record/react',
      '@care-record/sdk',
      '@care-record/synthetic',
    ]);
    // Every installed package is the packed one, not a link into the workspace.
    for (const pack of packs) {
      const installed = join(app, 'node_modules', pack.name);
      assert.ok(!statSync(installed).isSymbolicLink() && statSync(installed).isDirectory(), `${pack.name} is a copy`);
      assert.ok(!readFileSync(join(installed, 'package.json'), 'utf8').includes('"source"'), `${pack.name} has no source condition`);
    }
    // On a supported Node (22 or later) nothing complains about engines.
    if (Number(process.versions.node.split('.')[0]) >= 22) assert.doesNotMatch(installLog, /EBADENGINE/);
  });

  test('a Vite + TypeScript app: the README usage type-checks, builds, and shows a record in Chromium', async () => {
    const checked = tsc(join(app, 'vite-ts'));
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    eachMistakeFails('vite-ts', 'mistakes.ts');
    const built = run(bin('vite'), ['build', '--base', './', '--logLevel', 'warn'], join(app, 'vite-ts'));
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await openAsGp(page, '/vendor/vite/');
    await showsRecordAndHearsSelect(page);
    assert.deepEqual(problems, [], 'no CSP violations or console errors');
    await page.close();
  });

  test('a React 19 app: the React components and JSX type-check, build, and show a record', async () => {
    const checked = tsc(join(app, 'react-app'));
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    const built = run(bin('vite'), ['build', '--base', './', '--logLevel', 'warn'], join(app, 'react-app'));
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await openAsGp(page, '/vendor/react/');
    await showsRecordAndHearsSelect(page);
    assert.deepEqual(problems, [], 'no CSP violations or console errors');
    await page.close();
  });

  test('a Node ESM script: type-checks, compiles, and reads a record', async () => {
    const compiled = tsc(join(app, 'node-script'));
    assert.equal(compiled.status, 0, compiled.stdout + compiled.stderr);
    const token = await testHub.signIn('gp');
    // Not spawnSync: the hub answering the script runs in this process.
    const script = spawn(process.execPath, [join(app, 'node-script/out/read.mjs'), 'pat-000001'], {
      cwd: app,
      env: { ...process.env, HUB_URL: testHub.fhir, HUB_TOKEN: token },
    });
    let stdout = '';
    let stderr = '';
    script.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    script.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => script.on('close', resolve));
    assert.equal(code, 0, stderr);
    const printed = JSON.parse(stdout) as { patientId: string; name: string; nhsNumber: string };
    assert.equal(printed.patientId, 'pat-000001');
    assert.match(printed.name, /^[A-Z' -]+, /);
    assert.match(printed.nhsNumber, /^\d{3} \d{3} \d{4}$/);
  });

  test("a project on TypeScript's older moduleResolution node (node10) finds every package's types", () => {
    const checked = tsc(join(app, 'node10-types'));
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  });

  test('a plain HTML page: the one-file embed with its integrity hash shows a record', async () => {
    const embed = join(app, 'node_modules/@care-record/components/dist/care-record.js');
    const integrity = readFileSync(`${embed}.sri`, 'utf8').trim();
    const page$ = join(app, 'plain-html');
    copyFileSync(embed, join(page$, 'care-record.js'));
    const html = join(page$, 'index.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace('__CARE_RECORD_INTEGRITY__', integrity));
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await openAsGp(page, '/vendor/plain/');
    await showsRecordAndHearsSelect(page);
    assert.deepEqual(problems, [], 'no CSP violations or console errors');
    await page.close();
  });

  test('the SDK checker runs from its tarball against the reference hub', async () => {
    const token = await testHub.signIn('gp');
    // Not spawnSync: the hub it checks answers from this process.
    const checker = spawn(bin('care-record-sdk'), ['check', testHub.fhir, '--patient', 'pat-000001'], {
      cwd: app,
      env: { ...process.env, CARE_RECORD_TOKEN: token },
    });
    let out = '';
    checker.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    checker.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => checker.on('close', resolve));
    assert.equal(code, 0, out);
    assert.match(out, /The record can be shown truthfully from this server \(one \$summary per record page\)/);
  });

  test('the reference hub runs from its tarball', async () => {
    const port = await freePort();
    const hub = spawn(bin('care-record-hub'), ['--residents', '20', '--db', join(scratch, 'hub.db'), '--port', String(port)], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    hub.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    hub.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 30_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = await fetch(`http://127.0.0.1:${port}/fhir/metadata`).then(
          (response) => response.status,
          () => 0,
        );
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(status, 200, output);
      const capability = (await (await fetch(`http://127.0.0.1:${port}/fhir/metadata`)).json()) as { resourceType: string };
      assert.equal(capability.resourceType, 'CapabilityStatement');
    } finally {
      hub.kill();
    }
  });
});
