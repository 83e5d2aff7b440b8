/**
 * End to end in Chromium, as a resident meets it: open the app, land on the
 * hub's sign-in page, choose yourself, come back signed in, see your record,
 * save a reading. The real reference hub, the real SMART server, the SDK
 * bundled for the browser, under a strict Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { formatResidentName, type HumanNameLike } from '@care-record/sdk';
import { strictContentSecurityPolicy } from '../../../../examples/content-security-policy.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { signInPersonas } from '../../src/index.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const csp = strictContentSecurityPolicy;

let testHub: TestHub;
let browser: Browser;

before(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('resident-app.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source'],
    write: false,
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const page =
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Resident app</title><script type="module" src="/e2e/app.js"></script></head><body><main><p id="result">Loading…</p></main></body></html>';
  testHub = await startTestHub({
    beforeListen: (hub) => {
      hub.app.get('/e2e/', (_request, reply) =>
        reply.headers({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).send(page),
      );
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
      hub.app.get('/e2e/app.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(script));
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await testHub?.close();
});

test('a resident signs in through the hub, sees their record and saves a reading — nothing left in storage or the URL', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text());
  });
  await page.goto(`${testHub.origin}/e2e/`);
  await page.waitForURL(/\/auth\/authorize/);
  const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
  await page.getByRole('button', { name: new RegExp(resident.label.split(' — ')[0]!) }).click();
  await page.waitForURL(`${testHub.origin}/e2e/`);
  const result = page.locator('#result');
  await result.filter({ hasText: /Signed in|Failed/ }).waitFor();
  const text = await result.textContent();
  const patient = (await testHub.hub.store.read('Patient', resident.patientId!))!.resource as { name: HumanNameLike[] };
  const observations = (
    await testHub.hub.store.search({
      type: 'Observation',
      patientId: resident.patientId,
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 1,
      visibility: { hiddenLabels: ['NOPAT'] },
    })
  ).total;
  assert.equal(text, `Signed in: ${formatResidentName(patient.name[0])}; observations: ${observations - 1}; reading: 201`);
  assert.equal(page.url(), `${testHub.origin}/e2e/`, 'no code or state left in the address bar');
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
  assert.deepEqual(stored, { local: 0, session: 0, cookies: '' }, 'no tokens or launch state left in browser storage');
  assert.deepEqual(violations, [], 'no console errors (CSP or otherwise)');
  await context.close();
});
