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
 * - items the persona may read: their section never reads as empty.
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

/** What the persona may read of the resident, asked of the hub directly. */
async function readable(token: string, patientId: string) {
  const search = async (type: string, query = '') => {
    const { status, body } = await testHub.call(token, `/${type}?patient=${patientId}${query}&_count=500`);
    const resources = ((body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? [])
      .map((entry) => entry.resource)
      .filter((resource) => resource['resourceType'] === type);
    return { status, resources };
  };
  const code = (value: unknown) => JSON.stringify(value ?? '');
  const flags = await search('Flag');
  const allergies = await search('AllergyIntolerance');
  const conditions = await search('Condition');
  const orders = await search('MedicationRequest', '&status=active');
  return {
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
      outcomes.push(`${where}: ${shown}${may.restricted ? ' (clinical items not for this role)' : ''}`);

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
      } else {
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
});
