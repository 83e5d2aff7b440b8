/**
 * The mock GP system, end to end in Chromium under the strict policy a host
 * may set (no inline script or style, Trusted Types required): the GP signs in
 * through the hub, picks a patient, and every element of the record renders
 * that patient — with no policy violation and no console error. Switching
 * patient never leaves the previous patient's name on screen.
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
  const script = await bundleExample('gp-system/main.ts');
  testHub = await startTestHub({
    beforeListen: (hub) => {
      serveExample(hub.app, { mount: '/demo/gp/', folder: 'gp-system', stylesheet: 'gp-system.css', scriptName: 'main.js', script });
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

test('the GP signs in, opens two patients in turn, and the whole record renders under a strict CSP', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 1000 });

  await page.goto(`${testHub.origin}/demo/gp/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: /GP partner/ }).click();
  await page.waitForURL(`${testHub.origin}/demo/gp/`);

  for (const patientId of ['pat-000003', 'pat-000005']) {
    const name = await clinicalName(patientId);
    await page.locator(`button[data-patient="${patientId}"]`).click();
    await page.waitForFunction(
      (expected) => document.querySelector('care-patient-banner')?.shadowRoot?.textContent?.includes(expected) ?? false,
      name,
      { timeout: 15_000 },
    );
    await page.waitForFunction(
      () => (document.querySelector('care-timeline')?.shadowRoot?.querySelectorAll('li').length ?? 0) > 0,
      undefined,
      { timeout: 15_000 },
    );
    const banner = await shadowText(page, 'care-patient-banner');
    assert.match(banner, /NHS No\. ?999 \d{3} \d{4}/);
    const summary = await shadowText(page, 'care-record-summary');
    assert.match(summary, /Allergies and adverse reactions/);
    const medicines = await page.evaluate(
      () => document.querySelector('care-medication-list')?.shadowRoot?.querySelector('table, p')?.textContent ?? '',
    );
    assert.notEqual(medicines.trim(), '');
    // The other patient's name is nowhere in the record.
    const other = await clinicalName(patientId === 'pat-000003' ? 'pat-000005' : 'pat-000003');
    for (const tag of ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline']) {
      assert.ok(!(await shadowText(page, tag)).includes(other), `${tag} shows no other patient`);
    }
  }
  const deceased = await shadowText(page, 'care-patient-banner');
  assert.match(deceased, /Died/);
  // Choosing an item in the record reaches the GP system, which would open its own screen.
  await page.locator('care-record-summary').locator('button').first().click();
  await page.waitForFunction(() => !(document.querySelector<HTMLElement>('#host-opened')?.hidden ?? true));
  assert.match((await page.locator('#host-opened').textContent()) ?? '', /^Opened in Junction Clinical: [A-Za-z]+\/pat-000005-/);
  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});

test('the header names who is signed in, and signing out ends the session and clears the page', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  let accessToken = '';
  page.on('response', (response) => {
    if (!response.url().endsWith('/auth/token')) return;
    void response.json().then((body: { access_token?: string }) => (accessToken = body.access_token ?? accessToken));
  });
  await page.goto(`${testHub.origin}/demo/gp/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: /GP partner/ }).click();
  await page.waitForURL(`${testHub.origin}/demo/gp/`);
  const gp = testHub.hub.borough.personas.gp;
  const organization = String((await testHub.hub.store.read('Organization', gp.organizationId))?.resource['name']);
  await page.waitForFunction(() => document.querySelector('#signed-in-as')?.textContent?.includes(' · ') ?? false, undefined, {
    timeout: 15_000,
  });
  const header = (await page.locator('#signed-in-as').textContent()) ?? '';
  assert.ok(header.includes(organization), header);
  assert.doesNotMatch(header, /PractitionerRole\/|prr-/);
  assert.ok(gp.display.includes(header.split(' · ')[0]?.split(' ').at(-1) ?? '—'), `${header} names ${gp.display}`);
  await page.locator('button[data-patient="pat-000003"]').click();
  await page.waitForFunction(() => document.querySelector('care-patient-banner')?.shadowRoot?.textContent?.includes('NHS No.') ?? false);
  assert.notEqual(accessToken, '');
  assert.equal((await testHub.call(accessToken, '/Patient/pat-000003')).status, 200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
  // Nothing of the record is left on the page, and the token the page held is refused at the hub.
  assert.equal(await page.locator('care-record-provider, care-patient-banner, #patient-list').count(), 0);
  assert.equal((await testHub.call(accessToken, '/Patient/pat-000003')).status, 401);
  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});

test('the first screen first: the timeline asks for nothing until the record page for the banner and summary has arrived', async () => {
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  const order: string[] = [];
  page.on('request', (request) => order.push(`asked ${decodeURIComponent(request.url())}`));
  page.on('requestfinished', (request) => order.push(`answered ${decodeURIComponent(request.url())}`));
  await page.goto(`${testHub.origin}/demo/gp/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: /GP partner/ }).click();
  await page.waitForURL(`${testHub.origin}/demo/gp/`);
  for (const patientId of ['pat-000003', 'pat-000005']) {
    order.length = 0;
    await page.locator(`button[data-patient="${patientId}"]`).click();
    await page.waitForFunction(
      () => (document.querySelector('care-timeline')?.shadowRoot?.querySelectorAll('[part~="event"]').length ?? 0) > 0,
      undefined,
      { timeout: 15_000 },
    );
    const summaryAnswered = order.indexOf(`answered ${testHub.origin}/fhir/Patient/${patientId}/$summary`);
    const firstSearch = order.findIndex((line) => line.startsWith('asked') && line.includes(`patient=${patientId}&_sort=-date`));
    assert.ok(summaryAnswered >= 0, `the record page of ${patientId} was read: ${order.join('\n')}`);
    assert.ok(firstSearch > summaryAnswered, `the timeline's searches wait for the record page:\n${order.join('\n')}`);
  }
  assert.deepEqual(problems, [], 'no CSP violations or console errors');
  await page.close();
});
