/**
 * The React host (a hospital ward board in React 19), end to end in Chromium
 * under the strict policy a host may set: the ward nurse signs in, React hands
 * the provider its hub client as a property and the patient as the beds are
 * chosen, the record renders each patient in turn with nothing of the one
 * before, and choosing an item in the record reaches React as `care-select` —
 * with no policy violation and no console error. The board lists exactly the
 * borough's residents on the trust's wards today: no one who has died, and
 * children only on the children's ward.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { formatClinicalName, selectOfficialName, type HumanNameLike } from '@care-record/sdk';
import { bundleExample, serveExample } from '../../../../examples/pages.js';
import { ADULT_WARD, CHILDREN_WARD, serveWardFeed, wardBoard } from '../../../../examples/react-host/ward-feed.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { shadowText, watchedPage } from '../support/pages.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let browser: Browser;

before(async () => {
  const script = await bundleExample('react-host/main.tsx');
  // A borough with two adults and a child on the trust's wards today among its first 60 residents.
  testHub = await startTestHub({
    seed: 'ward-6',
    beforeListen: (hub) => {
      serveWardFeed(hub.app, hub);
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

async function clinicalName(patientId: string): Promise<string> {
  const patient = (await testHub.hub.store.read('Patient', patientId))!.resource as { name: HumanNameLike[] };
  return formatClinicalName(selectOfficialName(patient.name));
}

test('the ward nurse signs in; React gives the record its client, patient and events, under a strict CSP', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 1000 });

  await page.goto(`${testHub.origin}/demo/react/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: /Staff nurse/ }).click();
  await page.waitForURL(`${testHub.origin}/demo/react/`);

  const board = await wardBoard(testHub.hub);
  const adults = board.wards.find((ward) => ward.name === ADULT_WARD)?.beds.map((bed) => bed.patientId) ?? [];
  assert.ok(adults.length >= 2, `${adults.length} adults on the ward`);
  const [first = '', second = ''] = adults;
  await page.getByRole('heading', { name: `${board.hospital} — ward board` }).waitFor();
  // The first bed opens by itself; then another bed, then back.
  for (const patientId of [first, second, first]) {
    await page.locator(`button[data-patient="${patientId}"]`).click();
    const name = await clinicalName(patientId);
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
    const other = await clinicalName(patientId === first ? second : first);
    for (const tag of ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'])
      assert.ok(!(await shadowText(page, tag)).includes(other), `${tag} shows no other patient`);
  }

  // Choosing an item in the record reaches React, which opens its own screen.
  const item = page.locator('care-record-summary').locator('[part~="item-button"], button').first();
  await item.click();
  await page.waitForFunction(() => document.querySelector('.case-opened')?.textContent?.includes('Opened in the ward system') ?? false);
  assert.match((await page.locator('.case-opened').textContent()) ?? '', new RegExp(`^Opened in the ward system: [A-Za-z]+/${first}-`));

  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});

test('the board lists exactly the residents on the trust’s wards today: no one who has died, children on the children’s ward', async () => {
  const board = await wardBoard(testHub.hub);
  const trust = `Organization/${testHub.hub.borough.personas.hospitalNurse.organizationId}`;
  // Worked out from the generator's records, not from the store the board reads.
  const expected = { adults: [] as string[], children: [] as string[] };
  for (let index = 0; index < 60; index++) {
    const record = testHub.hub.borough.resident(index);
    const onAWard = record.resources.some(
      (resource) =>
        resource.resourceType === 'Encounter' &&
        resource.status === 'in-progress' &&
        resource.class?.code === 'IMP' &&
        resource.serviceProvider?.reference === trust,
    );
    if (!onAWard || record.patient.deceasedDateTime) continue;
    const age = (Date.now() - Date.parse(record.patient.birthDate ?? '')) / (365.2425 * 86_400_000);
    (age < 16 ? expected.children : expected.adults).push(record.patient.id ?? '');
  }
  const listed = (name: string) => (board.wards.find((ward) => ward.name === name)?.beds ?? []).map((bed) => bed.patientId).sort();
  assert.deepEqual(listed(ADULT_WARD), expected.adults.sort());
  assert.deepEqual(listed(CHILDREN_WARD), expected.children.sort());
  assert.ok(expected.adults.length >= 2 && expected.children.length >= 1, 'the test borough has adults and a child on the wards');
  // And no one on the board has died: checked against the hub's own Patient resources too.
  for (const ward of board.wards)
    for (const { patientId } of ward.beds)
      assert.equal(
        ((await testHub.hub.store.read('Patient', patientId))?.resource as { deceasedDateTime?: string }).deceasedDateTime,
        undefined,
      );
});
