/**
 * `<care-appointments>` inside a provider, through the real hub on loopback,
 * in Chromium. The hub sends a receptionist ("the desk") every appointment
 * without its reasons and notes, tagged `SUBSETTED`, and its Appointment
 * search says nothing of the role; the summary and the timeline told the desk
 * once, in the role's words, but the standalone list said "Some information
 * is not shown" and "Some details of this appointment are not shown" on every
 * row. The element now learns the role from the record page the provider
 * shares (read once, and only when the appointments came partly shown).
 *
 * The class: the receptionist, the GP, the resident and the carer × no
 * appointments, plain appointments, appointments of which the hub withheld
 * one, and only appointments the hub withholds from the viewer or shows them
 * (so a list may be empty though something was withheld). What each should see is worked out from what the hub answers
 * the same token directly: the role's line only for the desk and only over
 * partly shown appointments; "Some information is not shown" whenever the hub
 * withheld items (and, for anyone but the desk, when rows came partly shown);
 * never "none" when something was withheld.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleExample } from '../../../../examples/pages.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { signInPersonas } from '../../src/index.js';
import { shadowText, watchedPage } from '../support/pages.js';
import { aboutPatient, exampleOf, OTHER_SOURCE } from '../support/policy-fixtures.js';
import { stillToCome } from '../support/still-to-come.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import type { AppointmentsPageSetUp } from './appointments-page.js';

const ROLE_LINE = 'Reasons and notes for appointments are not shown to your role';
const WITHHELD_LINE = 'Some information is not shown';
const ROW_LINE = 'Some details of this appointment are not shown';
/** "None" in any audience's words ("No past appointments", "You have no upcoming appointments", "… has no …"). */
const NONE = /\b(?:No|have no|has no) (?:upcoming|past) appointments(?! to show)/;
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

type Viewer = 'receptionist' | 'gp' | 'resident' | 'carer';
type Holding = 'none' | 'present' | 'one withheld' | 'only withheld ones';
const VIEWERS: readonly Viewer[] = ['receptionist', 'gp', 'resident', 'carer'];
const HOLDINGS: readonly Holding[] = ['none', 'present', 'one withheld', 'only withheld ones'];

let testHub: TestHub;
let browser: Browser;
/** The record each viewer opens: the resident's own; the carer's mother, whom the desk and the GP also see. */
const recordOf: Record<Viewer, string> = { receptionist: '', gp: '', resident: '', carer: '' };
const tokens: Partial<Record<Viewer, string>> = {};

before(async () => {
  const script = await bundleExample('../packages/hub/test/e2e/appointments-page.ts');
  testHub = await startTestHub({
    beforeListen: (hub) => {
      hub.app.get('/e2e/appointments/', (_request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send('<!doctype html><html lang="en-GB"><title>Appointments</title><main></main><script type="module" src="page.js"></script>'),
      );
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
      hub.app.get('/e2e/appointments/page.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(script));
    },
  });
  const personas = signInPersonas(testHub.hub.borough);
  const resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  const carer = personas.find((persona) => persona.id === 'carer')?.fhirUser ?? '';
  const mother = /^RelatedPerson\/(pat-\d+)-rp-/.exec(carer)?.[1] ?? '';
  Object.assign(recordOf, { receptionist: mother, gp: mother, resident, carer: mother });
  for (const viewer of VIEWERS) tokens[viewer] = await testHub.signIn(viewer);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await testHub?.close();
});

const appointment = (id: string, patientId: string, start: string, fields: Record<string, unknown> = {}) =>
  aboutPatient(
    {
      ...exampleOf('Appointment'),
      id,
      status: 'booked',
      start,
      end: start.replace(':30:', ':50:'),
      description: `Review ${id}`,
      reasonCode: [{ text: 'Blood pressure' }],
      comment: 'Bring your readings',
      ...fields,
    },
    patientId,
  );

/** Sets the resident's appointments to the holding: the seeded ones moved off the record, then the test's own. */
async function hold(patientId: string, holding: Holding): Promise<void> {
  await testHub.hub.store.transaction(async (store) => {
    for (let n = 1; n <= 60; n++) {
      const seeded = await store.read('Appointment', `${patientId}-apt-${n}`);
      if (seeded && JSON.stringify(seeded.resource).includes(`"Patient/${patientId}"`))
        await store.put(aboutPatient(seeded.resource, 'ex-elsewhere'));
    }
    const own = [
      appointment(`${patientId}-e2e-upcoming`, patientId, stillToCome(94, 9, 30).start),
      appointment(`${patientId}-e2e-past`, patientId, '2026-06-01T10:30:00Z'),
    ];
    // Withheld from every viewer here: mental health care elsewhere (from the desk), restricted by the service that
    // recorded it (from the GP), and kept from the resident and those who act for them (NOPAT).
    const withheld = [
      appointment(`${patientId}-e2e-mental-health`, patientId, stillToCome(96, 11, 30).start, {
        meta: {
          source: OTHER_SOURCE,
          security: [
            { system: ACT_CODE, code: 'PSY' },
            { system: ACT_CODE, code: 'R' },
          ],
        },
      }),
      appointment(`${patientId}-e2e-not-for-patient`, patientId, stillToCome(98, 11, 30).start, {
        meta: { security: [{ system: ACT_CODE, code: 'NOPAT' }] },
      }),
    ];
    const wanted = (
      { none: [], present: own, 'one withheld': [...own, ...withheld], 'only withheld ones': withheld } as Record<Holding, unknown[]>
    )[holding];
    for (const resource of [...own, ...withheld])
      await store.put(wanted.includes(resource) ? resource : aboutPatient(resource, 'ex-elsewhere'));
  });
}

/** What the hub answers this viewer's Appointment search, asked directly with the same token. */
async function answered(viewer: Viewer) {
  const { status, body } = await testHub.call(tokens[viewer]!, `/Appointment?patient=${recordOf[viewer]}&_count=500`);
  assert.equal(status, 200, `${viewer}: the hub answers the search`);
  const items = ((body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? [])
    .map((entry) => entry.resource)
    .filter((resource) => resource['resourceType'] === 'Appointment');
  const labels = JSON.stringify((body['meta'] as { security?: unknown } | undefined)?.security ?? []);
  const withheld =
    /"(REDACTED|SUBSETTED)"/.test(labels) ||
    JSON.stringify(body['entry'] ?? []).includes(`"system":"${HUB_ERROR}","code":"INFORMATION_WITHHELD"`);
  const partly = items.filter((item) => JSON.stringify(item['meta'] ?? {}).includes('"SUBSETTED"')).length;
  return { items: items.length, partly, withheld };
}

/** Opens the list inside a provider for the viewer and waits until it has loaded. */

/** How many times the page read the record page (the hub's `$summary`). */
const recordPageReads = (page: Page): Promise<number> =>
  page.evaluate(
    () => performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.endsWith('/$summary')).length,
  );

async function show(viewer: Viewer, withSummary = false): Promise<{ page: Page; text: string; problems: string[] }> {
  const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
  await page.goto(`${testHub.origin}/e2e/appointments/`);
  await page.waitForFunction(() => typeof window.showAppointments === 'function');
  const setUp: AppointmentsPageSetUp = {
    fhir: testHub.fhir,
    token: tokens[viewer]!,
    patient: recordOf[viewer],
    audience: viewer === 'carer' ? 'carer' : viewer === 'resident' ? 'resident' : 'clinician',
    withSummary,
  };
  await page.evaluate((given) => window.showAppointments(given), setUp);
  await page.waitForFunction(
    () => {
      const root = document.querySelector('care-appointments')?.shadowRoot;
      return root?.querySelector('[part~="appointments"], [part~="error"]') != null && root.querySelector('[aria-busy="true"]') == null;
    },
    undefined,
    { timeout: 15_000, polling: 100 },
  );
  return { page, text: await shadowText(page, 'care-appointments'), problems };
}

const count = (text: string, line: string): number => text.split(line).length - 1;

describe('the reported case: the desk’s appointments list inside a provider', () => {
  test('the role line once, no "Some information is not shown", no row saying its details are not shown', async () => {
    await hold(recordOf.receptionist, 'present');
    const hub = await answered('receptionist');
    assert.ok(hub.partly > 0 && !hub.withheld, 'the hub sends the desk partly shown appointments and withholds nothing');
    const { page, text, problems } = await show('receptionist');
    assert.equal(count(text, ROLE_LINE), 1, text);
    assert.ok(!text.includes(WITHHELD_LINE), text);
    assert.ok(!text.includes(ROW_LINE), text);
    assert.match(text, /Review /);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('beside the summary, the record page is read once: the list asks for nothing more', async () => {
    await hold(recordOf.receptionist, 'present');
    const { page, text } = await show('receptionist', true);
    assert.equal(await recordPageReads(page), 1, 'one record page for the summary and the list');
    assert.equal(count(text, ROLE_LINE), 1, text);
    await page.close();
  });

  test('a GP whose appointments all came whole is not asked about the role: no record page is read', async () => {
    await hold(recordOf.gp, 'present');
    const { page, text } = await show('gp');
    assert.equal(await recordPageReads(page), 0, 'no record page read for the list alone');
    assert.ok(!text.includes(ROLE_LINE), text);
    await page.close();
  });
});

describe('the class: every viewer × no appointments, plain ones, one withheld, only withheld ones', () => {
  for (const holding of HOLDINGS)
    for (const viewer of VIEWERS)
      test(`${viewer} · ${holding}`, async () => {
        await hold(recordOf[viewer], holding);
        const hub = await answered(viewer);
        if (holding.includes('withheld')) assert.ok(hub.withheld, `${viewer}: the hub withheld an appointment (the case is real)`);
        if (holding === 'none') assert.equal(hub.items, 0, `${viewer}: no appointments`);
        const { page, text, problems } = await show(viewer);
        const desk = viewer === 'receptionist';
        assert.equal(count(text, ROLE_LINE), desk && hub.partly > 0 ? 1 : 0, `the role line: ${text}`);
        assert.equal(text.includes(WITHHELD_LINE), hub.withheld || (!desk && hub.partly > 0), `"not shown": ${text}`);
        assert.equal(text.includes(ROW_LINE), !desk && hub.partly > 0, `each row's own line: ${text}`);
        if (hub.withheld) assert.doesNotMatch(text, NONE, `never "none" when the hub withheld: ${text}`);
        if (hub.items > 0) assert.match(text, /Review /, `the appointments are shown: ${text}`);
        assert.deepEqual(problems, []);
        await page.close();
      });
});
