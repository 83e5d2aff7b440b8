/**
 * Every professional persona against every record element, through the real
 * hub, in Chromium (issue 12): the GP, the hospital nurse, the social worker
 * and the receptionist each sign in to the mock GP system and open the first
 * residents on its list. For each persona × resident × element, what the
 * element says is checked against what the hub lets that persona read,
 * asked independently through the API with the same persona's token:
 *
 * - the whole record refused: one message from the provider, and no element
 *   says anything of its own (least of all "none");
 * - a role that may not read clinical items: "not available to your role",
 *   and never "No alerts recorded", "Allergies not recorded", "No current
 *   medications"…;
 * - items the persona may read: their section never reads as empty;
 * - the receptionist's appointments, which the hub always sends without their
 *   reasons and notes: told once in each element that shows them, in the
 *   role's words, and "Some information is not shown" only where the hub
 *   withheld items; the timeline never ends "No earlier events" (the rest of
 *   the record is not the role's to see). Nobody else is told the role line.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleExample, serveExample } from '../../../../examples/pages.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { shadowText, watchedPage } from '../support/pages.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

const PATIENTS = ['pat-000001', 'pat-000002', 'pat-000003', 'pat-000004', 'pat-000005', 'pat-000006'];
const PERSONAS = [
  { id: 'gp', button: /GP partner/ },
  { id: 'hospital-nurse', button: /Staff nurse/ },
  { id: 'social-worker', button: /Social worker/ },
  { id: 'receptionist', button: /Receptionist/ },
];
const ELEMENTS = ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'];
/** What each element says when it has nothing: the wording a refused or restricted role must never see. */
const NONE = {
  alerts: /No alerts recorded/,
  allergies: /Allergies not recorded|No known allergies/,
  problems: /No active problems recorded/,
  medicines: /No current medic(ation|ine)s recorded|No medicines recorded/,
};

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

/** True once the provider refused the record, or every element has stopped loading and the banner names someone. */
const settled = (): 'refused' | 'shown' | false => {
  const provider = document.querySelector('care-record-provider');
  if (provider?.shadowRoot?.querySelector('[part~="record-message"], [part~="break-glass-form"]')) return 'refused';
  // Any element, in the page or a shadow root, still saying it is busy (walked without a named helper function).
  const roots: ParentNode[] = [document];
  let busy = false;
  while (roots.length > 0 && !busy) {
    const node = roots.pop()!;
    if (node.querySelector('[aria-busy="true"]')) busy = true;
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  }
  const banner = document.querySelector('care-patient-banner')?.shadowRoot?.textContent ?? '';
  const headings = document.querySelector('care-record-summary')?.shadowRoot?.querySelectorAll('h2, h3').length ?? 0;
  return banner.includes('NHS No.') && headings > 2 && !busy ? 'shown' : false;
};

const ROLE_LINE = 'Reasons and notes for appointments are not shown to your role';
const WITHHELD_LINE = 'Some information is not shown';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';

/** Whether an answer says it withheld items: a `REDACTED`/`SUBSETTED` label on it, or an `INFORMATION_WITHHELD` entry. */
const saysWithheld = (body: Record<string, unknown>): boolean => {
  const labels = JSON.stringify((body['meta'] as { security?: unknown } | undefined)?.security ?? []);
  const entries = (body['entry'] as { resource?: Record<string, unknown> }[] | undefined) ?? [];
  return (
    /"(REDACTED|SUBSETTED)"/.test(labels) ||
    entries.some(
      (entry) =>
        entry.resource?.['resourceType'] === 'OperationOutcome' &&
        JSON.stringify(entry.resource).includes(`"${HUB_ERROR}","code":"INFORMATION_WITHHELD"`),
    )
  );
};
const count = (text: string, line: string): number => text.split(line).length - 1;

/** What the persona may read of the resident, asked of the hub directly. */
async function readable(token: string, patientId: string) {
  const search = async (type: string, query = '') => {
    const { status, body } = await testHub.call(token, `/${type}?patient=${patientId}${query}&_count=500`);
    const resources = ((body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? [])
      .map((entry) => entry.resource)
      .filter((resource) => resource['resourceType'] === type);
    return { status, resources, withheld: saysWithheld(body) };
  };
  const code = (value: unknown) => JSON.stringify(value ?? '');
  const flags = await search('Flag');
  const allergies = await search('AllergyIntolerance');
  const conditions = await search('Condition');
  const orders = await search('MedicationRequest', '&status=active');
  const appointments = await search('Appointment');
  const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
  const summaryItems = ((summary.body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? []).map(
    (entry) => entry.resource,
  );
  const partly = (resource: Record<string, unknown>) => JSON.stringify(resource['meta'] ?? {}).includes('"SUBSETTED"');
  return {
    /** Appointments the persona reads partly shown: in the timeline, and in the summary. */
    partlyAppointments: appointments.resources.filter(partly).length,
    partlyInSummary: summaryItems.filter((resource) => resource['resourceType'] === 'Appointment' && partly(resource)).length,
    /** Whether the hub said it withheld items: of the appointments (the timeline), or of the summary. */
    appointmentsWithheld: appointments.withheld,
    summaryWithheld: saysWithheld(summary.body),
    refused: flags.status === 403 && allergies.status === 403 && (await testHub.call(token, `/Patient/${patientId}`)).status === 403,
    restricted: [flags, allergies, conditions, orders].every((answer) => answer.status === 403),
    activeFlags: flags.resources.filter((flag) => flag['status'] === 'active').length,
    currentAllergies: allergies.resources.filter(
      (allergy) => !code(allergy['code']).includes('716186003') && !/resolved|inactive/.test(code(allergy['clinicalStatus'])),
    ).length,
    currentProblems: conditions.resources.filter((condition) => !/resolved|inactive|remission/.test(code(condition['clinicalStatus'])))
      .length,
    activeOrders: orders.resources.length,
  };
}

async function openPatient(page: Page, patientId: string): Promise<'refused' | 'shown'> {
  await page.locator(`button[data-patient="${patientId}"]`).click();
  const handle = await page.waitForFunction(settled, undefined, { timeout: 20_000, polling: 100 });
  return (await handle.jsonValue()) as 'refused' | 'shown';
}

test('every persona × resident × element says what the hub lets that persona read, and never "none" where it may not', async () => {
  const outcomes: string[] = [];
  let checked = 0;
  for (const persona of PERSONAS) {
    const token = await testHub.signIn(persona.id);
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await page.goto(`${testHub.origin}/demo/gp/`);
    await page.waitForURL(/\/auth\/authorize/);
    await page.getByRole('button', { name: persona.button }).click();
    await page.waitForURL(`${testHub.origin}/demo/gp/`);
    await page.locator('button[data-patient]').first().waitFor();
    for (const patientId of PATIENTS) {
      const where = `${persona.id} × ${patientId}`;
      const may = await readable(token, patientId);
      const shown = await openPatient(page, patientId);
      const text = Object.fromEntries(await Promise.all(ELEMENTS.map(async (tag) => [tag, await shadowText(page, tag)] as const)));
      outcomes.push(
        `${where}: ${shown}${may.restricted ? ' (clinical items not for this role)' : ''}${may.partlyInSummary > 0 && shown === 'shown' ? ' (appointments partly shown in the summary)' : ''}`,
      );

      if (shown === 'refused') {
        for (const tag of ELEMENTS) assert.equal(text[tag], '', `${where}: ${tag} says nothing of its own under the provider's message`);
      } else if (may.restricted) {
        const everything = ELEMENTS.map((tag) => text[tag]).join(' ');
        for (const [what, wording] of Object.entries(NONE)) assert.doesNotMatch(everything, wording, `${where}: ${what} read as none`);
        assert.match(text['care-record-summary'] ?? '', /not available to your role/, `${where}: the summary says why`);
        assert.match(text['care-patient-banner'] ?? '', /not available to your role/i, `${where}: the banner says why`);
        assert.match(text['care-medication-list'] ?? '', /not available to your role/i, `${where}: the medicines say why`);
        assert.match(text['care-timeline'] ?? '', /not available to your role/i, `${where}: the timeline says why`);
        for (const tag of ELEMENTS)
          assert.doesNotMatch(text[tag] ?? '', /could not be loaded|do not have access/i, `${where}: ${tag} is not an error`);
        // The desk's view of appointments is told once where they are shown, and is not "Some information is not shown".
        const timeline = text['care-timeline'] ?? '';
        const summary = text['care-record-summary'] ?? '';
        assert.equal(count(timeline, ROLE_LINE), may.partlyAppointments > 0 ? 1 : 0, `${where}: the timeline's role line`);
        assert.equal(count(summary, ROLE_LINE), may.partlyInSummary > 0 ? 1 : 0, `${where}: the summary's role line`);
        assert.equal(
          timeline.includes(WITHHELD_LINE),
          may.appointmentsWithheld,
          `${where}: the timeline withheld only if the hub withheld`,
        );
        assert.equal(summary.includes(WITHHELD_LINE), may.summaryWithheld, `${where}: the summary withheld only if the hub withheld`);
        assert.doesNotMatch(timeline, /No earlier events(?! that)|No events recorded/, `${where}: the timeline's end is not "none"`);
      } else {
        for (const tag of ELEMENTS) assert.doesNotMatch(text[tag] ?? '', new RegExp(ROLE_LINE), `${where}: ${tag} has no desk's line`);
        if (may.activeFlags > 0) assert.doesNotMatch(text['care-record-summary'] ?? '', NONE.alerts, `${where}: alerts`);
        if (may.currentAllergies > 0) {
          assert.doesNotMatch(text['care-patient-banner'] ?? '', NONE.allergies, `${where}: banner allergies`);
          assert.doesNotMatch(text['care-record-summary'] ?? '', NONE.allergies, `${where}: summary allergies`);
        }
        if (may.currentProblems > 0) assert.doesNotMatch(text['care-record-summary'] ?? '', NONE.problems, `${where}: problems`);
        if (may.activeOrders > 0) assert.doesNotMatch(text['care-medication-list'] ?? '', NONE.medicines, `${where}: medicines`);
      }
      checked++;
    }
    assert.deepEqual(
      problems.filter((problem) => !/40[13]|Forbidden/.test(problem)),
      [],
      `${persona.id}: no CSP violations or console errors`,
    );
    await page.close();
  }
  assert.equal(checked, PERSONAS.length * PATIENTS.length);
  // The matrix holds each kind of outcome: records shown, refused, and restricted by role.
  assert.ok(
    outcomes.some((line) => line.endsWith(': shown')),
    outcomes.join('\n'),
  );
  assert.ok(
    outcomes.some((line) => line.includes(': refused')),
    outcomes.join('\n'),
  );
  assert.ok(
    outcomes.some((line) => line.includes('not for this role')),
    outcomes.join('\n'),
  );
  assert.ok(
    outcomes.some((line) => line.includes('appointments partly shown in the summary')),
    outcomes.join('\n'),
  );
});
