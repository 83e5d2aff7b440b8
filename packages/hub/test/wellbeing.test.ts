/**
 * Staying well, through the real hub: the well-being library needs no token
 * and is the same for everyone; a resident's plans and goals come with the
 * readings the goals are judged by; goals pass the same gate as every other
 * clinical item, and the clinician's summary carries active plans and goals.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHubClient, loadAdvice, loadWellbeing, orderAdvice } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

const RESIDENT = 'openid fhirUser launch/patient patient/*.rs';

test('the well-being library: no token, plain JSON, seven topics or more, the same for everyone', async () => {
  const anonymous = await fetch(`${hub.fhir}/$wellbeing-advice`);
  assert.equal(anonymous.status, 200);
  assert.match(anonymous.headers.get('content-type') ?? '', /^application\/json/);
  const library = (await anonymous.json()) as { pages: { id: string; sections: unknown[]; helpsWith: unknown[] }[] };
  const ids = library.pages.map((page) => page.id);
  for (const topic of [
    'healthy-eating',
    'getting-active',
    'sleep',
    'alcohol',
    'stopping-smoking',
    'mental-wellbeing',
    'long-term-condition',
  ])
    assert.ok(ids.includes(topic), topic);
  const signedIn = await fetch(`${hub.fhir}/$wellbeing-advice`, {
    headers: { authorization: `Bearer ${await hub.signIn('resident', { scope: RESIDENT })}` },
  });
  assert.deepEqual(await signedIn.json(), library, 'nothing in it depends on who asks');
});

test('a resident with hypertension and diabetes: plans, goals with their readings, and the library in their order', async () => {
  const { resident } = hub.hub.borough.personas;
  const client = createHubClient({ baseUrl: hub.fhir, auth: await hub.signIn('resident', { scope: RESIDENT }), retry: false });
  const model = await loadWellbeing(client, resident.patientId);
  const pressure = model.goals.find((goal) => goal.description.includes('blood pressure'));
  assert.ok(pressure, 'a blood pressure goal');
  assert.deepEqual(
    pressure.targets.map((target) => target.measure),
    ['Systolic blood pressure', 'Diastolic blood pressure'],
  );
  assert.ok(
    pressure.targets.every((target) => target.readings.length > 0),
    'each target has readings to judge it by',
  );
  assert.ok(
    pressure.targets.every((target) => target.latestMeets !== undefined),
    'the latest reading is judged',
  );
  assert.ok(model.plans.some((plan) => plan.title === 'Healthy eating plan' && plan.agreed.length > 0 && plan.review !== 'Not recorded'));
  const ordered = orderAdvice(await loadAdvice(client), model.recordCodes);
  assert.ok(ordered[0]!.fitsBecause.length > 0, 'a page that fits comes first');
  assert.ok(ordered.some((page) => page.fitsBecause.includes('Hypertension')));
});

test('goals pass the gate like any clinical item, and the clinician’s summary carries them', async () => {
  const { resident } = hub.hub.borough.personas;
  const receptionist = await hub.call(await hub.signIn('receptionist'), `/Goal?patient=${resident.patientId}`);
  assert.equal(receptionist.status, 403);
  const gp = await hub.signIn('gp');
  assert.equal((await hub.call(gp, `/Goal?patient=${resident.patientId}`)).status, 200);
  const other = await hub.call(await hub.signIn('resident', { scope: RESIDENT }), `/Goal?patient=pat-000003`);
  assert.equal(other.status, 403);
  const summary = await hub.call(gp, `/Patient/${resident.patientId}/$summary`);
  const types = ((summary.body['entry'] as { resource: { resourceType: string } }[]) ?? []).map((entry) => entry.resource.resourceType);
  assert.ok(types.includes('Goal') && types.includes('CarePlan'));
});
