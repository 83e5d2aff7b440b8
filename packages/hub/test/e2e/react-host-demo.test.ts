/**
 * The React host (a hospital ward board in React 19), end to end in Chromium
 * under the strict policy a host may set: the ward nurse signs in, React hands
 * the provider its hub client as a property and the patient as the beds are
 * chosen, the record renders each patient in turn with nothing of the one
 * before, and choosing an item in the record reaches React as `care-select` —
 * with no policy violation and no console error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { formatClinicalName, selectOfficialName, type HumanNameLike } from '@care-record/sdk';
import { bundleExample, serveExample } from '../../../../examples/pages.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { shadowText, watchedPage } from '../support/pages.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let browser: Browser;

before(async () => {
  const script = await bundleExample('react-host/main.tsx');
  testHub = await startTestHub({
    beforeListen: (hub) => {
      serveExample(hub.app, { mount: '/demo/react/', folder: 'react-host', stylesheet: 'react-host.css', scriptName: 'main.js', script });
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await testHub?.close();
});

function clinicalName(patientId: string): string {
  const patient = testHub.hub.store.read('Patient', patientId)!.resource as { name: HumanNameLike[] };
  return formatClinicalName(selectOfficialName(patient.name));
}

test('the ward nurse signs in; React gives the record its client, patient and events, under a strict CSP', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 1000 });

  await page.goto(`${testHub.origin}/demo/react/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: /Staff nurse/ }).click();
  await page.waitForURL(`${testHub.origin}/demo/react/`);

  // The first bed opens by itself; then another bed, then back.
  for (const patientId of ['pat-000003', 'pat-000005', 'pat-000003']) {
    await page.locator(`button[data-patient="${patientId}"]`).click();
    const name = clinicalName(patientId);
    await page.waitForFunction(
      (expected) => document.querySelector('care-patient-banner')?.shadowRoot?.textContent?.includes(expected) ?? false,
      name,
      { timeout: 15_000 },
    );
    await page.waitForFunction(
      () => (document.querySelector('care-record-summary')?.shadowRoot?.querySelectorAll('h2').length ?? 0) > 3,
      undefined,
      {
        timeout: 15_000,
      },
    );
    assert.equal(await page.locator(`button[data-patient="${patientId}"]`).getAttribute('aria-current'), 'true');
    const other = clinicalName(patientId === 'pat-000003' ? 'pat-000005' : 'pat-000003');
    for (const tag of ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'])
      assert.ok(!(await shadowText(page, tag)).includes(other), `${tag} shows no other patient`);
  }

  // Choosing an item in the record reaches React, which opens its own screen.
  const item = page.locator('care-record-summary').locator('[part~="item-button"], button').first();
  await item.click();
  await page.waitForFunction(() => document.querySelector('.case-opened')?.textContent?.includes('Opened in the ward system') ?? false);
  assert.match((await page.locator('.case-opened').textContent()) ?? '', /Opened in the ward system: [A-Za-z]+\/pat-000003-/);

  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});
