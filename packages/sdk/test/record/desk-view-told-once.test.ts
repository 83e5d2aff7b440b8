/**
 * The record as a receptionist meets it, through the real hub on loopback
 * (real HTTP, real SQLite, the real SMART sign-in). The hub gives the desk
 * every appointment without its reason or notes, always tagged `SUBSETTED`
 * (policy R3). That was told as "Some information is not shown" on every part
 * of the page — the summary's line above every section, the timeline, each
 * appointment — which says nothing the desk can use and hides a real
 * withholding among the noise. Now the desk is told once, with the
 * appointments, in its role's words ("Reasons and notes for appointments are
 * not shown to your role"), and "Some information is not shown" means what it
 * says again: an appointment withheld from the desk still says it. A
 * clinician's record is told as before.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  APPOINTMENTS_FOR_ROLE_NOTICE,
  createHubClient,
  loadAppointments,
  NOT_PERMITTED_NOTICE,
  openRecord,
  WITHHELD_NOTICE,
  type HubClient,
  type RecordNotices,
  type SummaryViewModel,
} from '../../src/index.js';
import { signInPersonas } from '../../../hub/src/index.js';
import { aboutPatient, exampleOf, OTHER_SOURCE } from '../../../hub/test/support/policy-fixtures.js';
import { startTestHub, testNow, type TestHub } from '../../../hub/test/support/test-hub.js';
import { stillToCome } from '../../../hub/test/support/still-to-come.js';

let testHub: TestHub;
/** A resident of the desk's practice with an upcoming appointment (with a reason and notes) and nothing withheld. */
let plain = '';
/** Another, who also has an upcoming appointment with a mental health team elsewhere: withheld from the desk. */
let withMentalHealth = '';
const now = () => new Date(testNow);

const client = async (persona: string): Promise<HubClient> =>
  createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn(persona), retry: { limit: 0 } });

const appointment = (id: string, patientId: string, fields: Record<string, unknown> = {}) =>
  aboutPatient(
    {
      ...exampleOf('Appointment'),
      id,
      status: 'booked',
      ...stillToCome(4, 9, 30),
      description: 'Diabetes review',
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }] }],
      comment: 'HbA1c rising',
      ...fields,
    },
    patientId,
  );

before(async () => {
  testHub = await startTestHub();
  const desk = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
  const related = (await testHub.hub.store.query(
    'SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 2',
    [desk.organizationId],
  )) as { id: string }[];
  [plain, withMentalHealth] = related.map((row) => row.id) as [string, string];
  await testHub.hub.store.transaction(async (store) => {
    await store.put(appointment('desk-review-1', plain));
    await store.put(appointment('desk-review-2', withMentalHealth));
    await store.put(
      appointment('desk-mental-health', withMentalHealth, {
        ...stillToCome(6, 11, 0, 60),
        description: 'Community mental health review',
        meta: { source: OTHER_SOURCE, security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] },
      }),
    );
  });
});
after(() => testHub.close());

/** Every line the summary puts on screen: the line above the sections (as `withheld`) and each section's notices. */
function summaryLines(summary: SummaryViewModel): string[] {
  return [...(summary.withheld ? [WITHHELD_NOTICE] : []), ...summary.order.flatMap((key) => summary.sections[key].notices)];
}
const count = (lines: readonly string[], line: string) => lines.filter((one) => one === line).length;

async function timelineNotices(hub: HubClient, patientId: string): Promise<RecordNotices> {
  const timeline = openRecord(hub, patientId, { audience: 'clinician', now }).timeline();
  for (let page = 0; page < 20 && !(await timeline.loadMore()).done; page++);
  return timeline.notices;
}

describe('the desk is told once, in its own words, what its view of appointments leaves out', () => {
  test('summary: no "Some information is not shown"; the appointments say it once; clinical sections are not permitted', async () => {
    const { summary } = await openRecord(await client('receptionist'), plain, { audience: 'clinician', now }).page();
    const lines = summaryLines(summary);
    assert.equal(summary.withheld, false);
    assert.equal(count(lines, WITHHELD_NOTICE), 0, lines.join(' | '));
    assert.equal(count(lines, APPOINTMENTS_FOR_ROLE_NOTICE), 1, lines.join(' | '));
    assert.deepEqual(summary.sections.appointments.notices, [APPOINTMENTS_FOR_ROLE_NOTICE]);
    assert.ok(summary.sections.appointments.items.some((item) => item.id === 'desk-review-1'));
    assert.equal(summary.sections.appointments.state, 'ready');
    assert.deepEqual(summary.sections.contacts.notices, []);
    for (const key of ['alerts', 'allergies', 'problems', 'medications', 'legal', 'carePlans', 'goals', 'involvement'] as const) {
      assert.equal(summary.sections[key].state, 'not-permitted', key);
      assert.deepEqual(summary.sections[key].notices, [NOT_PERMITTED_NOTICE], key);
    }
  });

  test('timeline: the role line, not "withheld"', async () => {
    const notices = await timelineNotices(await client('receptionist'), plain);
    assert.equal(notices.withheld, false);
    assert.deepEqual(notices.reducedForRole, ['Appointment']);
    assert.ok((notices.notPermittedTypes ?? []).includes('Encounter'));
  });

  test('appointments list for a host that says it is the desk: said for the list, not on each row', async () => {
    const model = await loadAppointments(await client('receptionist'), plain, { audience: 'clinician', now, nonClinicalRole: true });
    assert.equal(model.notices.withheld, false);
    assert.deepEqual(model.notices.reducedForRole, ['Appointment']);
    const rows = [...model.upcoming, ...model.past];
    assert.ok(rows.some((row) => row.id === 'desk-review-1'));
    assert.ok(rows.every((row) => row.detailsWithheld === undefined && row.reason === undefined));
  });

  test('an appointment withheld from the desk is still "Some information is not shown", beside the role line', async () => {
    const hub = await client('receptionist');
    const { summary } = await openRecord(hub, withMentalHealth, { audience: 'clinician', now }).page();
    assert.equal(summary.withheld, true);
    assert.ok(summary.sections.appointments.notices.includes(WITHHELD_NOTICE));
    assert.ok(summary.sections.appointments.notices.includes(APPOINTMENTS_FOR_ROLE_NOTICE));
    assert.ok(summary.sections.appointments.items.every((item) => item.id !== 'desk-mental-health'));
    const notices = await timelineNotices(hub, withMentalHealth);
    assert.equal(notices.withheld, true);
    assert.deepEqual(notices.reducedForRole, ['Appointment']);
    const model = await loadAppointments(hub, withMentalHealth, { audience: 'clinician', now, nonClinicalRole: true });
    assert.equal(model.notices.withheld, true);
  });

  test('the GP, on the same record: the whole appointment, nothing said about a role', async () => {
    const hub = await client('gp');
    const { summary } = await openRecord(hub, plain, { audience: 'clinician', now }).page();
    assert.equal(summary.withheld, false);
    assert.equal(count(summaryLines(summary), APPOINTMENTS_FOR_ROLE_NOTICE), 0);
    assert.deepEqual(summary.sections.appointments.notices, []);
    const notices = await timelineNotices(hub, plain);
    assert.equal(notices.withheld, false);
    assert.equal(notices.reducedForRole, undefined);
  });
});
