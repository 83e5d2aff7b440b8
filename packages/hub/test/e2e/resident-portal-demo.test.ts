/**
 * The resident portal and the minimum embed, end to end in Chromium under the
 * strict policy a host may set (no inline script or style, Trusted Types
 * required), signed in through the hub's development SMART sign-in.
 *
 * A resident with a full record sees every part of it in their own words,
 * shares a weight (which the hub stores, marked as theirs) and sees the GP's
 * look at their record; a resident new to the area sees a nearly empty record
 * that says so plainly. The plain HTML page shows the banner and summary.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHubClient, formatResidentName, openRecord, selectOfficialName, type HumanNameLike } from '@care-record/sdk';
import { bundleExample, serveExample } from '../../../../examples/pages.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { shadowText, watchedPage } from '../support/pages.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let browser: Browser;

before(async () => {
  const [portal, embed] = await Promise.all([bundleExample('resident-portal/main.ts'), bundleExample('plain-html/embed.ts')]);
  testHub = await startTestHub({
    beforeListen: (hub) => {
      serveExample(hub.app, {
        mount: '/demo/resident/',
        folder: 'resident-portal',
        stylesheet: 'resident-portal.css',
        scriptName: 'main.js',
        script: portal,
      });
      serveExample(hub.app, { mount: '/examples/plain-html/', folder: 'plain-html', scriptName: 'embed.js', script: embed });
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await testHub?.close();
});

/** The text a person sees in an element's shadow root. */
const until = (page: Page, tag: string, text: string) =>
  page.waitForFunction(
    ([name, expected]) => document.querySelector(name!)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').includes(expected!) ?? false,
    [tag, text],
    { timeout: 15_000 },
  );

const openPage = () => watchedPage(browser, { width: 1280, height: 900 });

async function signInAs(page: Page, path: string, persona: string): Promise<void> {
  await page.goto(`${testHub.origin}${path}`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.locator(`button[name="persona"][value="${persona}"]`).click();
  await page.waitForURL(`${testHub.origin}${path}`);
}

async function residentName(patientId: string): Promise<string> {
  const patient = (await testHub.hub.store.read('Patient', patientId))!.resource as { name: HumanNameLike[] };
  return formatResidentName(selectOfficialName(patient.name));
}

test('a resident sees their whole record in their own words, shares a weight, and sees who looked', async () => {
  const { resident } = testHub.hub.borough.personas;
  // The GP looks at the record first, so that the resident has a look to see.
  const gp = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('gp') });
  await openRecord(gp, resident.patientId, { audience: 'clinician' }).page();

  const { page, problems } = await openPage();
  await signInAs(page, '/demo/resident/', 'resident');
  await until(page, 'care-patient-banner', await residentName(resident.patientId));
  await until(page, 'care-record-summary', 'Your allergies');
  await until(page, 'care-results', 'Latest result');
  await until(page, 'care-medication-list', 'Your medicines');
  await until(page, 'care-appointments', 'Upcoming');
  await until(page, 'care-access-log', 'Tufnell Green Surgery');
  await until(page, 'care-sharing', 'Save my choices');
  await until(page, 'care-wellbeing', 'Keep my blood pressure at home below');
  await until(page, 'care-wellbeing', 'It is not advice about your own care');
  await until(page, 'care-carers', 'Nobody can act for you at the moment');
  assert.doesNotMatch(await shadowText(page, 'care-record-summary'), /\d{2}-[A-Z][a-z]{2}-\d{4}/, 'dates in words, not CUI');
  assert.match(await shadowText(page, 'care-access-log'), /GP/);

  // Share a weight: it is saved, and the hub holds it as the resident's own reading.
  const before = (
    await testHub.hub.store.query(`SELECT COUNT(*) AS n FROM resource WHERE type = 'Observation' AND patient_id = ?`, [resident.patientId])
  )[0] as { n: number };
  const form = page.locator('care-reading-form');
  await form.locator('#kind-weight').check();
  await form.locator('#kilograms').fill('72.5');
  await form.locator('[part~="submit-button"]').click();
  await until(page, 'care-reading-form', 'Saved');
  // The entry says Saved once the hub has answered. Its row is looked for for up to 5 s: on a loaded machine the count
  // once came out one short right after Saved, and the cause is not known yet. A reading never stored still fails here.
  const count = async () =>
    (
      (
        await testHub.hub.store.query(`SELECT COUNT(*) AS n FROM resource WHERE type = 'Observation' AND patient_id = ?`, [
          resident.patientId,
        ])
      )[0] as { n: number }
    ).n;
  let after = await count();
  for (let tries = 0; after < before.n + 1 && tries < 20; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    after = await count();
  }
  assert.equal(after, before.n + 1, 'the shared weight is stored once, as the resident’s');

  // Nothing about the sign-in is left in the address or in storage.
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});

test('a resident new to the area sees a nearly empty record that says so, never an error', async () => {
  const { newResident } = testHub.hub.borough.personas;
  assert.ok(newResident, 'the borough has a resident with almost nothing recorded');
  const { page, problems } = await openPage();
  await signInAs(page, '/demo/resident/', 'new-resident');
  await until(page, 'care-patient-banner', await residentName(newResident.patientId));
  await until(page, 'care-results', 'You have no test results');
  await until(page, 'care-record-summary', 'No current health conditions recorded');
  await until(page, 'care-wellbeing', 'You have no plans for staying well recorded yet');
  for (const tag of ['care-record-summary', 'care-results', 'care-appointments', 'care-medication-list', 'care-wellbeing']) {
    assert.doesNotMatch(await shadowText(page, tag), /could not|went wrong|Try again/i, `${tag} shows no error`);
  }
  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});

test('the minimum embed: one script, a provider and two elements show the record', async () => {
  const { page, problems } = await openPage();
  await signInAs(page, '/examples/plain-html/', 'gp');
  const patient = (await testHub.hub.store.read('Patient', 'pat-000001'))!.resource as { name: HumanNameLike[] };
  await until(page, 'care-patient-banner', selectOfficialName(patient.name)?.family?.toUpperCase() ?? '');
  await until(page, 'care-record-summary', 'Allergies and adverse reactions');
  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});
