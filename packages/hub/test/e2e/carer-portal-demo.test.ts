/**
 * The carer portal end to end in Chromium under the strict policy a host may
 * set, signed in through the hub's development SMART sign-in: a daughter
 * picks her mother and sees her record named unmistakably as her mother's,
 * adds a weight that the GP then sees as added by a carer; the mother stops
 * her access and the daughter's next request is refused. A mother sees her
 * daughter of 7–9 and is not offered — nor shown — her son of 16.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatResidentName, selectOfficialName, sourceOf, type HumanNameLike } from '@care-record/sdk';
import { bundleExample, serveExample } from '../../../../examples/pages.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { axeFindings, shadowText, watchedPage } from '../support/pages.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let browser: Browser;

before(async () => {
  const [portal, resident] = await Promise.all([bundleExample('carer-portal/main.ts'), bundleExample('resident-portal/main.ts')]);
  testHub = await startTestHub({
    beforeListen: (hub) => {
      serveExample(hub.app, {
        mount: '/demo/resident/',
        folder: 'resident-portal',
        stylesheet: 'resident-portal.css',
        scriptName: 'main.js',
        script: resident,
      });
      serveExample(hub.app, {
        mount: '/demo/carer/',
        folder: 'carer-portal',
        stylesheet: 'carer-portal.css',
        scriptName: 'main.js',
        script: portal,
      });
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await testHub?.close();
});

/** Waits until an element shows the text; on a timeout, says what it showed instead. */
async function until(page: Page, tag: string, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([name, expected]) => document.querySelector(name!)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').includes(expected!) ?? false,
      [tag, text],
      { timeout: 15_000 },
    );
  } catch {
    assert.fail(`${tag} never showed "${text}"; it showed: ${(await shadowText(page, tag)).slice(0, 600)}`);
  }
}

async function signInAs(page: Page, persona: string, path = '/demo/carer/'): Promise<void> {
  await page.goto(`${testHub.origin}${path}`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.locator(`button[name="persona"][value="${persona}"]`).click();
  await page.waitForURL(`${testHub.origin}${path}`);
}

async function nameOf(patientId: string): Promise<string> {
  const patient = (await testHub.hub.store.read('Patient', patientId))!.resource as { name: HumanNameLike[] };
  return formatResidentName(selectOfficialName(patient.name));
}

/** Everything the page shows, shadow roots included. */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const parts: string[] = [document.body.innerText];
    for (const element of document.querySelectorAll('*')) if (element.shadowRoot) parts.push(element.shadowRoot.textContent ?? '');
    return parts.join(' ').replace(/\s+/g, ' ');
  });

test('a daughter acts for her mother: whose record it is, a weight she adds, and access stopped', async () => {
  const { familyCarer, caredForResident } = testHub.hub.borough.personas;
  assert.ok(familyCarer && caredForResident);
  const mother = caredForResident.patientId;
  const motherName = await nameOf(mother);
  const first = motherName.split(' ')[0]!;

  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await signInAs(page, 'carer');
  const people = page.locator('#people input[name="person"]');
  await people.first().waitFor();
  assert.equal(await people.count(), 1);
  assert.match(await page.locator('#people').innerText(), new RegExp(motherName.replace(/[’']/g, '.')));
  await people.first().check();

  // Named unmistakably at the top, and every element speaks of her.
  await until(page, 'care-record-provider', `You are acting for ${motherName}`);
  await until(page, 'care-patient-banner', motherName);
  await until(page, 'care-record-summary', `${first}’s health conditions`);
  await until(page, 'care-medication-list', `${first}’s medicines`);
  await until(page, 'care-appointments', 'Upcoming');
  const text = await pageText(page);
  assert.doesNotMatch(
    text,
    /Your (medicines|record summary|appointments|test results|allergies|health conditions|last \d)/,
    'no "your" about someone else',
  );
  assert.deepEqual(await axeFindings(page), [], 'axe finds nothing on the carer’s view');

  // A weight she adds for her mother: saved, said to be hers, and seen by the GP as added by a carer.
  const form = page.locator('care-reading-form');
  await form.locator('#kind-weight').check();
  await form.locator('#kilograms').fill('58.2');
  await form.locator('[part~="submit-button"]').click();
  await until(page, 'care-reading-form', `Added by you for ${first}`);
  const [stored] = await testHub.hub.store.query<{ json: string }>(
    `SELECT json FROM resource WHERE type = 'Observation' AND patient_id = ? AND json LIKE '%58.2%'`,
    [mother],
  );
  assert.ok(stored, 'the hub holds the weight on her mother’s record');
  const gp = await testHub.signIn('gp');
  const seen = await testHub.call(gp, `/Observation/${String((JSON.parse(stored.json) as { id: string }).id)}`);
  assert.equal(seen.status, 200);
  assert.equal(sourceOf(seen.body, new Map()).name, `${familyCarer.name}, acting for the resident (daughter)`, 'the GP sees who added it');

  // The mother stops her daughter's access in her own portal; the daughter's next request is refused.
  assert.deepEqual(problems, [], 'no CSP violations or console errors while she had access');
  const motherPage = await watchedPage(browser, { width: 1280, height: 900 });
  await signInAs(motherPage.page, 'cared-for-resident', '/demo/resident/');
  await until(motherPage.page, 'care-carers', `${familyCarer.name} (${familyCarer.residents[0]!.relationship})`);
  const carers = motherPage.page.locator('care-carers');
  await carers.locator('[part~="stop-button"]').first().click();
  await carers.getByRole('button', { name: 'Yes, stop their access' }).click();
  await until(motherPage.page, 'care-carers', 'can no longer act for you');
  await until(motherPage.page, 'care-carers', 'Access stopped.');
  assert.deepEqual(motherPage.problems, [], 'no CSP violations or console errors in the mother’s portal');
  await motherPage.page.close();
  await page.evaluate(async () => {
    const provider = document.querySelector('care-record-provider') as unknown as {
      patient: string | undefined;
      updateComplete: Promise<boolean>;
    };
    const id = provider.patient;
    provider.patient = undefined;
    await provider.updateComplete;
    provider.patient = id;
  });
  await until(page, 'care-record-provider', 'You no longer have access to this person’s record');
  assert.doesNotMatch(await shadowText(page, 'care-medication-list'), new RegExp(`${first}’s medicines`), 'nothing of her record is left');
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0]);
  // The browser logs each refused request; nothing else may go wrong.
  assert.deepEqual(
    problems.filter((problem) => !/status of 403/.test(problem)),
    [],
    'no CSP violations or other errors',
  );
  await page.close();
});

test('a mother sees her daughter under 11, and is neither offered nor shown her son of 16', async () => {
  const { parent } = testHub.hub.borough.personas;
  assert.ok(parent);
  const [daughter, son] = parent.residents;
  assert.ok(daughter && son);
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await signInAs(page, 'parent');
  const people = page.locator('#people input[name="person"]');
  await people.first().waitFor();
  assert.equal(await people.count(), 1, 'only the daughter is offered');
  assert.doesNotMatch(await page.locator('#people').innerText(), new RegExp(son.name));
  await people.first().check();
  await until(page, 'care-record-provider', `You are acting for ${await nameOf(daughter.patientId)}`);
  await until(page, 'care-record-summary', '’s health conditions');
  assert.deepEqual(problems, [], 'no CSP violations or console errors while the daughter’s record is shown');

  // Asked for the son's record anyway (as a crafted page could): refused, and none of it shown.
  await page.evaluate((id) => {
    (document.querySelector('care-record-provider') as unknown as { patient: string }).patient = id;
  }, son.patientId);
  await until(page, 'care-record-provider', 'You no longer have access to this person’s record');
  const text = await pageText(page);
  assert.doesNotMatch(text, new RegExp(son.name.split(' ')[0]!), 'nothing of the son is shown');
  assert.deepEqual(
    problems.filter((problem) => !/status of 403/.test(problem)),
    [],
    'no CSP violations or other errors',
  );
  await page.close();
});

test('a resident invites a friend, who accepts the code at sign-in and sees what she was given', async () => {
  const { resident } = testHub.hub.borough.personas;
  const residentName = await nameOf(resident.patientId);
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await signInAs(page, 'resident', '/demo/resident/');
  const carers = page.locator('care-carers');
  await carers.locator('[part~="invite-button"]').first().click();
  // Nothing chosen to do: refused before anything is sent, said next to the choices.
  await carers.locator('#invite-name').fill('Amira Haddad');
  await carers.getByRole('button', { name: 'Create invitation' }).click();
  await until(page, 'care-carers', 'Choose at least one thing they can do');
  await carers.locator('#invite-relationship').selectOption('FRND');
  await carers.locator('#invite-view-appointments').check();
  await carers.locator('#invite-view-record').check();
  await carers.locator('#invite-mental-health').check();
  assert.deepEqual(await axeFindings(page), [], 'axe finds nothing on the invitation form');
  await carers.getByRole('button', { name: 'Create invitation' }).click();
  await until(page, 'care-carers', 'Give this code to Amira Haddad');
  const code = (await carers.locator('[part~="invitation-code"]').innerText()).trim();
  assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.deepEqual(await axeFindings(page), [], 'axe finds nothing on the code');
  await carers.getByRole('button', { name: 'Done' }).click();
  await until(page, 'care-carers', 'Invited, not accepted yet.');
  assert.deepEqual(problems, [], 'no CSP violations or console errors while inviting');
  assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length]), [0, 0], 'the code is kept nowhere');

  // The friend signs in with the code on the sign-in page, and acts for the resident as allowed.
  const friend = await watchedPage(browser, { width: 1280, height: 900 });
  await friend.page.goto(`${testHub.origin}/demo/carer/`);
  await friend.page.waitForURL(/\/auth\/authorize/);
  // Enter in the code field signs her in as herself (never as the first persona on the page).
  await friend.page.locator('#invitation-invited-carer').fill(code.toLowerCase());
  await friend.page.locator('#invitation-invited-carer').press('Enter');
  await friend.page.waitForURL(`${testHub.origin}/demo/carer/`);
  const people = friend.page.locator('#people input[name="person"]');
  await people.first().waitFor();
  assert.equal(await people.count(), 1);
  await people.first().check();
  await until(friend.page, 'care-record-provider', `You are acting for ${residentName}`);
  await until(friend.page, 'care-appointments', 'Upcoming');
  assert.deepEqual(friend.problems, [], 'no CSP violations or console errors for the friend');
  await friend.page.close();

  // Back in the resident's portal: she can act now, and the log names her.
  await signInAs(page, 'resident', '/demo/resident/');
  await until(page, 'care-carers', 'Amira Haddad (friend)');
  await until(page, 'care-carers', 'Can act for you now.');
  await page.close();
});

test('a carer already acting for someone accepts another person’s code in the portal', async () => {
  const { parent, resident } = testHub.hub.borough.personas;
  assert.ok(parent);
  const token = await testHub.signIn('resident', {
    scope: 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu patient/RelatedPerson.c',
  });
  const added = await testHub.call(token, '/RelatedPerson', {
    method: 'POST',
    headers: { 'x-request-id': crypto.randomUUID() },
    body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${resident.patientId}` }, name: [{ text: 'A neighbour' }] },
  });
  const id = String(added.body['id']);
  const { buildProxyConsent } = await import('@care-record/sdk');
  await testHub.call(token, '/Consent', {
    method: 'POST',
    body: buildProxyConsent({
      patientId: resident.patientId,
      relatedPersonId: id,
      actions: ['view-appointments'],
      withheld: [],
      status: 'proposed',
    }),
  });
  const invited = await testHub.call(token, `/RelatedPerson/${id}/$invite`, { method: 'POST' });
  const code = String((invited.body['parameter'] as { name: string; valueString?: string }[])[0]?.valueString);

  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await signInAs(page, 'parent');
  await page.locator('#people input[name="person"]').first().waitFor();
  await page.locator('#invitation-code').fill('AAAA-BBBB-CCCC');
  await page.locator('#accept-button').click();
  await page.locator('#invitation-problem', { hasText: 'This code did not work' }).waitFor();
  assert.equal(await page.locator('#invitation-code').getAttribute('aria-invalid'), 'true');
  await page.locator('#invitation-code').fill(code);
  await page.locator('#accept-button').click();
  await page.locator('#accept-status', { hasText: 'Accepted.' }).waitFor();
  assert.equal(await page.locator('#people input[name="person"]').count(), 2, 'the new person joins the list');
  await until(page, 'care-record-provider', `You are acting for ${await nameOf(resident.patientId)}`);
  assert.deepEqual(await axeFindings(page), [], 'axe finds nothing on the portal with the invitation form');
  assert.deepEqual(
    // The code that did not work (422), and what her appointments-only access leaves out (403), are logged by the browser.
    problems.filter((problem) => !/status of (422|403)/.test(problem)),
    [],
    'no CSP violations or other errors',
  );
  await page.close();
});
