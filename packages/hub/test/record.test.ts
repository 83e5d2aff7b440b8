/**
 * The SDK's record fetcher against the real hub: the record page in as few
 * round trips as the server allows, the same record through plain FHIR
 * searches when a server has no `$summary`, and medicines from every source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  createHubClient,
  findPatientByNhsNumber,
  formatClinicalName,
  HubError,
  NHS_NUMBER_SYSTEM,
  openRecord,
  PatientLookupError,
  selectOfficialName,
  type HumanNameLike,
} from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

let testHub: TestHub;
let patientId: string;

before(async () => {
  testHub = await startTestHub();
  const gp = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'gp')!;
  // A resident registered at the practice with medicines from more than one source.
  patientId = (
    (
      await testHub.hub.store.query(
        `SELECT r.patient_id AS id FROM resource r JOIN relationship x ON x.patient_id = r.patient_id AND x.organization_id = ?
         WHERE r.type IN ('MedicationRequest', 'MedicationStatement') GROUP BY r.patient_id HAVING COUNT(DISTINCT r.source) > 1 ORDER BY r.patient_id LIMIT 1`,
        [gp.organizationId],
      )
    )[0] as { id: string }
  ).id;
});
after(() => testHub.close());

/** A fetch that counts round trips, and can hide `$summary` from the CapabilityStatement to play a plain FHIR server. */
function countingFetch(options: { hideSummary?: boolean } = {}) {
  const calls: string[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    const response = await fetch(request);
    if (!options.hideSummary || !request.url.endsWith('/metadata')) return response;
    const capabilities = (await response.json()) as { rest: { resource: { operation?: unknown }[] }[] };
    for (const rest of capabilities.rest) for (const resource of rest.resource) delete resource.operation;
    return new Response(JSON.stringify(capabilities), { status: response.status, headers: response.headers });
  };
  return { calls, fetcher };
}

describe('openRecord', () => {
  test('the record page is the banner and summary from one $summary call (plus one for organisation names)', async () => {
    const token = await testHub.signIn('gp');
    const { calls, fetcher } = countingFetch();
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: token, fetch: fetcher });
    const page = await openRecord(hub, patientId, { audience: 'clinician', now: () => new Date('2026-11-28T09:00:00Z') }).page();
    const patient = (await testHub.hub.store.read('Patient', patientId))!.resource as { name: HumanNameLike[] };
    assert.equal(page.banner.name, formatClinicalName(selectOfficialName(patient.name)));
    assert.deepEqual(page.summary.safetyIssues, []);
    assert.ok(calls.includes(`GET /fhir/Patient/${patientId}/$summary`));
    assert.equal(calls.filter((call) => call !== 'GET /fhir/metadata').length, page.roundTrips);
    assert.ok(page.roundTrips <= 2, `${page.roundTrips} round trips`);
  });

  test('a server without $summary gives the same record through one batch of plain searches', async () => {
    const token = await testHub.signIn('gp');
    // The hub's \$summary lists the appointments still to come by its own clock, the real one: the plain searches
    // must ask from the same moment, or a seeded appointment between the records' "now" and the day the suite runs
    // is in one and not the other.
    const now = () => new Date();
    const viaSummary = await openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId, {
      audience: 'clinician',
      now,
    }).page();
    const { calls, fetcher } = countingFetch({ hideSummary: true });
    const plain = await openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token, fetch: fetcher }), patientId, {
      audience: 'clinician',
      now,
    }).page();
    assert.ok(!calls.some((call) => call.endsWith('$summary')));
    assert.ok(calls.includes('POST /fhir/'), 'one batch');
    assert.equal(plain.banner.name, viaSummary.banner.name);
    assert.equal(plain.banner.allergies.kind, viaSummary.banner.allergies.kind);
    for (const key of [
      'allergies',
      'problems',
      'procedures',
      'immunisations',
      'contacts',
      'carePlans',
      'involvement',
      'appointments',
    ] as const) {
      assert.equal(plain.summary.sections[key].items.length, viaSummary.summary.sections[key].items.length, key);
    }
  });

  test('medicines from every source, merged, each naming its organisations', async () => {
    const token = await testHub.signIn('gp');
    const medicines = await openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId, {
      audience: 'clinician',
      now: () => new Date('2026-11-28T09:00:00Z'),
    }).medications();
    const rows = [...medicines.current, ...medicines.past];
    assert.ok(rows.length > 0);
    assert.deepEqual(medicines.safetyIssues, []);
    const sources = new Set(rows.flatMap((row) => row.sources.map((source) => source.name)));
    assert.ok(sources.size > 1, 'more than one source organisation');
    assert.ok(!sources.has('Not known'), 'every source is named');
  });

  test('a patient change cancels the record being fetched', async () => {
    const token = await testHub.signIn('gp');
    const controller = new AbortController();
    const record = openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId, {
      audience: 'clinician',
      signal: controller.signal,
    });
    controller.abort();
    await assert.rejects(record.page(), (error: unknown) => error instanceof HubError && error.kind === 'aborted');
  });

  test('a receptionist’s page says clinical sections are not permitted, never that they are empty', async () => {
    const token = await testHub.signIn('receptionist', {
      scope: 'openid fhirUser user/Patient.rs user/Appointment.rs user/RelatedPerson.rs',
    });
    const page = await openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId, {
      audience: 'clinician',
      scopes: 'user/Patient.rs user/Appointment.rs user/RelatedPerson.rs',
      nonClinicalRole: true,
    }).page();
    assert.equal(page.summary.sections.allergies.state, 'not-permitted');
    assert.equal(page.summary.sections.problems.state, 'not-permitted');
    assert.notEqual(page.summary.sections.appointments.state, 'not-permitted');
  });
  test('the timeline loads page by page from every search, names its sources, and says when it is done', async () => {
    const token = await testHub.signIn('gp');
    const { calls, fetcher } = countingFetch();
    const record = openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token, fetch: fetcher }), patientId, {
      audience: 'clinician',
      now: () => new Date('2026-11-28T09:00:00Z'),
    });
    const { timeline, loadMore } = record.timeline();
    const first = await loadMore();
    const searched = new Set(calls.filter((call) => call.startsWith('GET')).map((call) => call.split('/').pop()));
    for (const type of ['Encounter', 'Appointment', 'DiagnosticReport', 'Observation', 'DocumentReference', 'CarePlan', 'EpisodeOfCare'])
      assert.ok(searched.has(type), `searched ${type}`);
    const afterFirst = timeline.size;
    assert.ok(afterFirst > 0);
    let done = first.done;
    for (let round = 0; !done && round < 200; round++) done = (await loadMore()).done;
    assert.ok(done, 'every search is exhausted');
    assert.ok(timeline.size >= afterFirst);
    const view = timeline.view();
    assert.deepEqual(view.safetyIssues, []);
    const events = view.days.flatMap((day) => day.events);
    assert.ok(events.length > 0);
    assert.ok(
      events.every((event) => event.source.name !== 'Not known'),
      'every source is named',
    );
    const isoDays = view.days.map((day) => day.isoDate);
    assert.deepEqual(isoDays, [...isoDays].sort().reverse(), 'newest day first');
    assert.deepEqual(await loadMore(), { done: true });
  });

  test('a timeline search failed by the server (500) fails only its part, said; Try again reads it', async () => {
    const token = await testHub.signIn('gp');
    let failNext = false;
    const fetcher: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (failNext && new URL(request.url).pathname.endsWith('/Observation')) {
        failNext = false;
        return new Response(
          JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'down' }] }),
          { status: 500, headers: { 'content-type': 'application/fhir+json' } },
        );
      }
      return fetch(request);
    };
    const record = openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token, fetch: fetcher, retry: 0 }), patientId, {
      audience: 'clinician',
    }).timeline();
    const { timeline } = record;
    failNext = true;
    // One search of several failing is that search's (R17): the rest is shown, and the notice names what could not be read.
    await record.loadMore();
    const kept = timeline.size;
    assert.ok(kept > 0, 'the searches that answered are kept');
    assert.deepEqual(record.notices.unreadTypes, [{ type: 'Observation', reason: 'the server could not answer (error 500)' }]);
    assert.deepEqual(record.failedTypes, ['Observation'], 'Try again is offered');
    await record.retryFailed?.();
    assert.ok(timeline.size > kept, 'trying again reads it');
    assert.equal(record.notices.unreadTypes, undefined);
  });

  test('an aborted record stops the timeline', async () => {
    const token = await testHub.signIn('gp');
    const controller = new AbortController();
    const record = openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId, {
      audience: 'clinician',
      signal: controller.signal,
    });
    controller.abort();
    await assert.rejects(record.timeline().loadMore(), (error: unknown) => error instanceof HubError && error.kind === 'aborted');
  });
});

describe('findPatientByNhsNumber', () => {
  const nhsNumberOf = async (id: string): Promise<string> =>
    ((await testHub.hub.store.read('Patient', id))!.resource as { identifier: { system: string; value: string }[] }).identifier.find(
      (identifier) => identifier.system === NHS_NUMBER_SYSTEM,
    )!.value;

  test('finds the one record with the number, typed with spaces', async () => {
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('gp') });
    const digits = await nhsNumberOf(patientId);
    const typed = `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
    const found = await findPatientByNhsNumber(hub, typed);
    assert.equal(found.patientId, patientId);
    assert.equal(found.patient.id, patientId);
  });

  test('an invalid number is refused without a request; a GP is offered an emergency search for an unknown one', async () => {
    const { calls, fetcher } = countingFetch();
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('gp'), fetch: fetcher });
    for (const typed of ['', '123', '999 000 0001', 'DROP TABLE']) {
      await assert.rejects(findPatientByNhsNumber(hub, typed), (error: unknown) => {
        assert.ok(error instanceof PatientLookupError);
        assert.equal(error.problem, 'invalid-nhs-number');
        return true;
      });
    }
    assert.deepEqual(calls, []);
    // A valid number in the test range that no resident of the borough has.
    const ids = await testHub.hub.store.query<{ id: string }>(`SELECT id FROM resource WHERE type = 'Patient'`);
    const used = new Set(await Promise.all(ids.map((row) => nhsNumberOf(row.id))));
    let unused = '';
    for (let n = 900_000_000; unused === ''; n++) {
      const nine = `999${String(n).slice(3)}`;
      let sum = 0;
      for (let index = 0; index < 9; index++) sum += Number(nine[index]) * (10 - index);
      const check = (11 - (sum % 11)) % 11;
      if (check !== 10 && !used.has(nine + check)) unused = nine + check;
    }
    // The hub answers a number nobody has exactly as one a stranger has, so a GP is offered a search with a reason.
    await assert.rejects(
      findPatientByNhsNumber(hub, unused),
      (error: unknown) => error instanceof PatientLookupError && error.problem === 'none-you-may-open',
    );
    assert.equal(calls.length, 1);
  });

  test('two records with one number are refused: neither is shown', async () => {
    const { calls, fetcher } = countingFetch();
    const digits = await nhsNumberOf(patientId);
    // A server that answers with a second record carrying the same number (a duplicate registration).
    const duplicating: typeof fetch = async (input, init) => {
      const response = await fetcher(input, init);
      const bundle = (await response.json()) as { entry?: { resource: { id: string } }[] };
      const first = bundle.entry?.[0];
      if (first) bundle.entry!.push({ ...first, resource: { ...first.resource, id: `${first.resource.id}-duplicate` } });
      return new Response(JSON.stringify(bundle), { status: response.status, headers: response.headers });
    };
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('gp'), fetch: duplicating });
    await assert.rejects(findPatientByNhsNumber(hub, digits), (error: unknown) => {
      assert.ok(error instanceof PatientLookupError);
      assert.equal(error.problem, 'more-than-one');
      assert.ok(!error.message.includes(digits));
      return true;
    });
    assert.equal(calls.length, 1);
  });
});
