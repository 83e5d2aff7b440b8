/**
 * The record in the mock GP system, end to end in Chromium against the real
 * hub: the long-history resident's timeline filters before any scrolling
 * (true counts, or said to be so far; no type missing), and a social worker
 * with no care relationship using emergency (break-glass) access, which the
 * resident then sees in their access log with the reason given.
 *
 * Set `CARE_SCREENSHOTS` to a folder to keep screenshots of both.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHubClient, openRecord } from '@care-record/sdk';
import { bundleExample, serveExample } from '../../../../examples/pages.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { signInPersonas } from '../../src/index.js';
import { shadowText, watchedPage } from '../support/pages.js';
import { sharingChoiceExcluding } from '../support/policy-fixtures.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let browser: Browser;
const screenshots = process.env['CARE_SCREENSHOTS'];

before(async () => {
  const script = await bundleExample('gp-system/main.ts');
  testHub = await startTestHub({
    residents: 12,
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

async function signInToDemo(page: Page, persona: RegExp): Promise<void> {
  await page.goto(`${testHub.origin}/demo/gp/`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.getByRole('button', { name: persona }).click();
  await page.waitForURL(`${testHub.origin}/demo/gp/`);
}

const TIMELINE_TYPES = ['Encounter', 'Appointment', 'DiagnosticReport', 'Observation', 'DocumentReference', 'CarePlan', 'EpisodeOfCare'];

test('the long-history timeline: chips before scrolling are true or say "so far", and Admissions is there', async () => {
  const patientId = 'pat-000002';
  const { page, problems } = await watchedPage(browser, { width: 1440, height: 1000 });
  await signInToDemo(page, /GP partner/);
  await page.locator(`button[data-patient="${patientId}"]`).click();
  await page.waitForFunction(
    () =>
      document.querySelector('care-timeline')?.shadowRoot?.querySelector('[part~="counts-note"]')?.textContent?.includes(' of the ') ??
      false,
    undefined,
    { timeout: 30_000 },
  );
  const chips = await page.evaluate(() =>
    [...(document.querySelector('care-timeline')?.shadowRoot?.querySelectorAll('[part~="chip"]') ?? [])].map((chip) =>
      (chip.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  );
  const note = await page.evaluate(
    () =>
      document
        .querySelector('care-timeline')
        ?.shadowRoot?.querySelector('[part~="counts-note"]')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim() ?? '',
  );
  if (screenshots) await page.locator('care-timeline').screenshot({ path: join(screenshots, 'long-history-timeline-filters.png') });

  // The whole record, read to the end in Node with the same sign-in's rights.
  const gpToken = await testHub.signIn('gp');
  let recordTotal = 0;
  for (const type of TIMELINE_TYPES)
    recordTotal += (await testHub.call(gpToken, `/${type}?patient=${patientId}&_summary=count`)).body['total'] as number;
  const whole = openRecord(createHubClient({ baseUrl: testHub.fhir, auth: gpToken }), patientId, {
    audience: 'clinician',
    now: () => new Date('2026-11-28T09:00:00Z'),
  }).timeline();
  for (let round = 0; round < 500 && !(await whole.loadMore()).done; round++);
  const counts = whole.timeline.view().counts;
  const labels: Record<string, number> = {
    GP: counts.settings.gp,
    Hospital: counts.settings.hospital,
    Community: counts.settings.community,
    'Mental health': counts.settings['mental-health'],
    'Social care': counts.settings['social-care'],
    Consultations: counts.types.consultation,
    Admissions: counts.types.admission,
    Discharges: counts.types.discharge,
    'A&E attendances': counts.types['a-and-e'],
    Outpatients: counts.types.outpatient,
    Results: counts.types.result,
    Appointments: counts.types.appointment,
    'Letters and documents': counts.types.letter,
  };

  assert.match(note, new RegExp(`of the ${recordTotal} items in the record`));
  assert.ok(whole.timeline.view().counts.types.admission > 0);
  assert.ok(
    chips.some((chip) => chip.startsWith('Admissions (')),
    `an Admissions chip before scrolling: ${chips.join(', ')}`,
  );
  for (const [label, count] of Object.entries(labels)) {
    if (count === 0) continue;
    const chip = chips.find((text) => text.startsWith(`${label} (`));
    assert.ok(chip, `a chip for ${label}, which the record has`);
    const [, shown = '', soFar] = /\((\d+)( so far)?\)$/.exec(chip) ?? [];
    if (soFar) assert.ok(Number(shown) <= count, `${chip}: no more than the record's ${count}`);
    else assert.equal(Number(shown), count, `${chip} is said to be the whole record's`);
  }
  assert.deepEqual(problems, []);
});

test('a social worker with no relationship: one message, emergency access with a reason, and the resident sees it', async () => {
  const patientId = 'pat-000001';
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await signInToDemo(page, /Social worker/);
  await page.locator(`button[data-patient="${patientId}"]`).click();
  await page.waitForFunction(
    () => document.querySelector('care-record-provider')?.shadowRoot?.querySelector('[part~="break-glass-form"]') !== null,
    undefined,
    {
      timeout: 15_000,
    },
  );
  const message = await shadowText(page, 'care-record-provider');
  assert.match(message, /There is no care relationship between your organisation and this person/);
  for (const tag of ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'])
    assert.equal(await shadowText(page, tag), '', `${tag} shows nothing of its own`);

  if (screenshots) await page.screenshot({ path: join(screenshots, 'record-refused.png') });
  const reason = `Found collapsed at home visit ${Date.now()}`;
  await page.locator('care-record-provider').locator('#break-glass-reason').fill('too short');
  await page.locator('care-record-provider').getByRole('button', { name: 'See the record in an emergency' }).click();
  // The element says so in its next update, which a loaded machine may not have drawn yet when the click returns.
  await page.waitForFunction(
    () => document.querySelector('care-record-provider')?.shadowRoot?.textContent?.includes('at least 10 characters') ?? false,
    undefined,
    { timeout: 15_000 },
  );
  assert.match(await shadowText(page, 'care-record-provider'), /at least 10 characters/);
  await page.locator('care-record-provider').locator('#break-glass-reason').fill(reason);
  await page.locator('care-record-provider').getByRole('button', { name: 'See the record in an emergency' }).click();
  await page.waitForFunction(
    () => document.querySelector('care-patient-banner')?.shadowRoot?.textContent?.includes('NHS No.') ?? false,
    undefined,
    {
      timeout: 15_000,
    },
  );
  await page.waitForFunction(
    () => (document.querySelector('care-timeline')?.shadowRoot?.querySelectorAll('li').length ?? 0) > 0,
    undefined,
    {
      timeout: 15_000,
    },
  );
  const banner = await shadowText(page, 'care-record-provider');
  assert.match(banner, /Emergency access/);
  assert.ok(banner.includes(`Reason given ${reason}`));
  if (screenshots) await page.screenshot({ path: join(screenshots, 'break-glass.png') });

  // The resident's access log: the look, as emergency access, with the reason.
  const residentToken = await testHub.signIn('resident');
  const { status, body } = await testHub.call(residentToken, `/AuditEvent?patient=${patientId}&_count=500`);
  assert.equal(status, 200);
  const events = ((body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? []).map((entry) => entry.resource);
  const emergency = events.filter((event) => JSON.stringify(event['purposeOfEvent'] ?? '').includes(reason));
  assert.ok(emergency.length > 0, 'the access log shows the emergency access with its reason');

  await page.locator('care-record-provider').getByRole('button', { name: 'End emergency access' }).click();
  await page.waitForFunction(
    () => document.querySelector('care-record-provider')?.shadowRoot?.querySelector('[part~="break-glass-banner"]') === null,
  );
  // The record is asked for again without the reason, and refused: the banner may say it is loading until then, and
  // shows nothing of the resident once the refusal (with its emergency-access form) is back.
  await page.waitForFunction(
    () => document.querySelector('care-record-provider')?.shadowRoot?.querySelector('[part~="break-glass-form"]') !== null,
    undefined,
    { timeout: 15_000 },
  );
  assert.equal(await shadowText(page, 'care-patient-banner'), '');
  assert.deepEqual(
    problems.filter((problem) => !/403|Forbidden/.test(problem)),
    [],
  );
});

test('a receptionist refused a resident who declined to share with the practice: the message, no emergency access offered', async () => {
  const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await signInToDemo(page, /Receptionist/);
  await page.locator('#patient-list button').first().waitFor();
  const listed = await page
    .locator('#patient-list button')
    .evaluateAll((buttons) => buttons.map((button) => button.dataset['patient'] ?? ''));
  // One of today's patients (not one the tests above open) has chosen not to share with the practice.
  const declined = listed.at(-1)!;
  assert.ok(!['pat-000001', 'pat-000002'].includes(declined));
  await testHub.hub.store.put(sharingChoiceExcluding(declined, [receptionist.organizationId!], 'e2e-declined-choice'));

  await page.locator(`button[data-patient="${declined}"]`).click();
  await page.waitForFunction(
    () => document.querySelector('care-record-provider')?.shadowRoot?.querySelector('[part~="record-message"]') !== null,
    undefined,
    { timeout: 15_000 },
  );
  // The hub has answered every element by now: nothing it said offers what it would refuse.
  await page.waitForTimeout(500);
  const message = await shadowText(page, 'care-record-provider');
  assert.match(message, /This person has chosen not to share their record with your organisation/);
  assert.equal(await page.locator('care-record-provider').locator('[part~="break-glass-form"]').count(), 0);
  assert.doesNotMatch(message, /emergency/i);
  assert.deepEqual(
    problems.filter((problem) => !/403|Forbidden/.test(problem)),
    [],
  );
});
