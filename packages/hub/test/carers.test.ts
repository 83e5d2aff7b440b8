/**
 * Carers acting for a resident, through the real hub: sign-in as a carer, the
 * people they act for, what their proxy permission lets them read and add,
 * the age rules for a parent, the resident stopping it (the next request is
 * refused), and the audit the resident reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM, type Consent } from '@care-record/sdk';
import type { CarerPersona } from '@care-record/synthetic';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu';

let hub: TestHub;
let familyCarer: CarerPersona;
let parent: CarerPersona;
let mother: string;
let daughter: string;
let son: string;

const entries = (bundle: Json) => (bundle['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [];
const matches = (bundle: Json) =>
  entries(bundle)
    .filter((entry) => entry.search?.mode !== 'outcome')
    .map((entry) => entry.resource);
const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;

const weight = (patientId: string) => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: '2026-11-27T08:00:00Z',
  valueQuantity: { value: 61.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

before(async () => {
  hub = await startTestHub({
    beforeListen: async (started) => {
      // A mental health item on the mother's record, for the category the resident may keep from her carer.
      await started.store.put(recordItem('Condition', 'carer-test-psy', 'pat-000003', ['PSY']));
    },
  });
  const personas = hub.hub.borough.personas;
  assert.ok(personas.familyCarer && personas.parent && personas.caredForResident, 'the borough has its carers');
  familyCarer = personas.familyCarer;
  parent = personas.parent;
  [mother, daughter, son] = ['pat-000003', 'pat-000011', 'pat-000012'];
});
after(() => hub.close());

const carerToken = (persona: 'carer' | 'parent') => hub.signIn(persona, { scope: CARER_SCOPE });
const residentToken = () => hub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });

/** The resident's proxy permission for this carer, read by the resident. */
async function proxyConsentFor(relatedPersonId: string): Promise<{ consent: Consent; etag: string }> {
  const token = await residentToken();
  const found = await hub.call(
    token,
    `/Consent?patient=${mother}&category=https://care-record.example/CodeSystem/consent-kind|proxy-access`,
  );
  assert.equal(found.status, 200);
  const consent = matches(found.body).find((resource) =>
    JSON.stringify(resource).includes(`RelatedPerson/${relatedPersonId}`),
  ) as unknown as Consent | undefined;
  assert.ok(consent?.id, 'the resident sees the permission she gave');
  const read = await hub.call(token, `/Consent/${consent.id}`);
  return { consent: read.body as unknown as Consent, etag: read.headers.get('etag') ?? '' };
}

async function saveProxy(next: Consent, etag: string): Promise<number> {
  const saved = await hub.call(await residentToken(), `/Consent/${next.id}`, { method: 'PUT', body: next, headers: { 'if-match': etag } });
  return saved.status;
}

describe('a carer signs in and finds the people they act for', () => {
  test('the family carer finds her mother only; the parent finds her daughter, not her son of 16', async () => {
    for (const [persona, carer, expected] of [
      ['carer', familyCarer, [mother]],
      ['parent', parent, [daughter]],
    ] as const) {
      const found = await hub.call(await carerToken(persona), `/RelatedPerson?identifier=${CARER_ACCOUNT_SYSTEM}|${carer.account}`);
      assert.equal(found.status, 200);
      const patients = matches(found.body).map((person) => (person['patient'] as { reference: string }).reference);
      assert.deepEqual(
        patients,
        expected.map((id) => `Patient/${id}`),
      );
    }
  });

  test('nobody else can list a carer’s people, and a carer cannot list someone else’s', async () => {
    const gp = await hub.signIn('gp');
    const asGp = await hub.call(gp, `/RelatedPerson?identifier=${CARER_ACCOUNT_SYSTEM}|${familyCarer.account}`);
    assert.equal(asGp.status, 400);
    const other = await hub.call(await carerToken('carer'), `/RelatedPerson?identifier=${CARER_ACCOUNT_SYSTEM}|${parent.account}`);
    assert.equal(other.status, 400);
  });
});

describe('what a carer may see', () => {
  test('the family carer reads her mother’s summary, medicines and results', async () => {
    const token = await carerToken('carer');
    const summary = await hub.call(token, `/Patient/${mother}/$summary`);
    assert.equal(summary.status, 200);
    const patient = matches(summary.body).find((resource) => resource['resourceType'] === 'Patient');
    assert.equal(patient?.['id'], mother);
    for (const type of ['MedicationStatement', 'Observation', 'Condition', 'Appointment'])
      assert.equal((await hub.call(token, `/${type}?patient=${mother}`)).status, 200, type);
  });

  test('a carer is refused every record they do not act for, with no break-glass', async () => {
    const token = await carerToken('carer');
    for (const path of [`/Patient/pat-000001`, `/Patient/pat-000001/$summary`, `/Condition?patient=pat-000001`, `/Patient/${daughter}`]) {
      const answer = await hub.call(token, path, { headers: { 'x-break-glass-reason': 'Unconscious in the emergency department' } });
      assert.equal(answer.status, 403, path);
      assert.equal(hubCode(answer.body), 'NO_PROXY_ACCESS', path);
    }
  });

  test('the parent sees her daughter of 7–9, and not her son of 16 whose access she had as a child', async () => {
    const token = await carerToken('parent');
    assert.equal((await hub.call(token, `/Patient/${daughter}/$summary`)).status, 200);
    const refused = await hub.call(token, `/Patient/${son}/$summary`);
    assert.equal(refused.status, 403);
    assert.equal(hubCode(refused.body), 'NO_PROXY_ACCESS');
  });

  test('a batch gives each entry its own answer: the mother’s record, and not someone else’s', async () => {
    const token = await carerToken('carer');
    const answer = await hub.call(token, '/', {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `Patient/${mother}` } }, { request: { method: 'GET', url: 'Patient/pat-000001' } }],
      },
    });
    assert.equal(answer.status, 200);
    const statuses = entries(answer.body).map((entry) => (entry as unknown as { response: { status: string } }).response.status);
    assert.deepEqual(statuses, ['200 OK', '403 Forbidden']);
  });

  test('a carer sees neither who may see the record nor who looked at it', async () => {
    const token = await carerToken('carer');
    assert.equal((await hub.call(token, `/Consent?patient=${mother}`)).status, 403);
    assert.equal((await hub.call(token, `/AuditEvent?patient=${mother}`)).status, 403);
  });
});

describe('what a carer adds, and what the resident controls', () => {
  test('a weight added by the carer is stored as added by her, and the GP sees it so', async () => {
    const token = await carerToken('carer');
    const created = await hub.call(token, '/Observation', { method: 'POST', body: weight(mother) });
    assert.equal(created.status, 201);
    const performer = (created.body['performer'] as { reference: string; display?: string }[])[0];
    assert.equal(performer?.reference, `RelatedPerson/${familyCarer.relatedPersonId}`);
    assert.equal(performer?.display, `${familyCarer.name}, acting for the resident (daughter)`);
    const gp = await hub.signIn('gp');
    const seen = await hub.call(gp, `/Observation/${String(created.body['id'])}`);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body['performer'], created.body['performer']);
  });

  test('a carer cannot add to a record they do not act for', async () => {
    const token = await carerToken('carer');
    const refused = await hub.call(token, '/Observation', { method: 'POST', body: weight('pat-000001') });
    assert.equal(refused.status, 403);
  });

  test('the resident keeps mental health from her carer: withheld and announced', async () => {
    const { consent, etag } = await proxyConsentFor(familyCarer.relatedPersonId);
    const token = await carerToken('carer');
    const before = await hub.call(token, `/Condition/carer-test-psy`);
    assert.equal(before.status, 200);
    const narrowed = buildProxyConsent(
      {
        patientId: mother,
        relatedPersonId: familyCarer.relatedPersonId,
        actions: ['view-record', 'view-appointments', 'view-results', 'add-readings', 'add-medicines'],
        withheld: ['mental-health'],
      },
      consent,
    );
    assert.equal(await saveProxy(narrowed, etag), 200);
    assert.equal((await hub.call(token, `/Condition/carer-test-psy`)).status, 404);
    const search = await hub.call(token, `/Condition?patient=${mother}`);
    assert.ok(!matches(search.body).some((resource) => resource['id'] === 'carer-test-psy'));
    assert.ok(JSON.stringify(search.body).includes('INFORMATION_WITHHELD'), 'the carer is told something is not shown');
  });

  test('appointments only: the rest is refused, and the summary says what it leaves out', async () => {
    const { consent, etag } = await proxyConsentFor(familyCarer.relatedPersonId);
    const appointmentsOnly = buildProxyConsent(
      { patientId: mother, relatedPersonId: familyCarer.relatedPersonId, actions: ['view-appointments'], withheld: [] },
      consent,
    );
    assert.equal(await saveProxy(appointmentsOnly, etag), 200);
    const token = await carerToken('carer');
    assert.equal((await hub.call(token, `/Appointment?patient=${mother}`)).status, 200);
    const condition = await hub.call(token, `/Condition?patient=${mother}`);
    assert.equal(condition.status, 403);
    assert.equal(hubCode(condition.body), 'PROXY_RESTRICTED');
    const added = await hub.call(token, '/Observation', { method: 'POST', body: weight(mother) });
    assert.equal(added.status, 403);
    const summary = await hub.call(token, `/Patient/${mother}/$summary`);
    assert.equal(summary.status, 200);
    assert.ok(!matches(summary.body).some((resource) => resource['resourceType'] === 'Condition'));
    assert.ok(JSON.stringify(summary.body).includes('PROXY_RESTRICTED'), 'the summary says sections were left out');
  });

  test('the resident stops her carer’s access: the next request is refused', async () => {
    const token = await carerToken('carer');
    assert.equal((await hub.call(token, `/Patient/${mother}`)).status, 200);
    const { consent, etag } = await proxyConsentFor(familyCarer.relatedPersonId);
    assert.equal(await saveProxy({ ...consent, status: 'inactive' }, etag), 200);
    const refused = await hub.call(token, `/Patient/${mother}`);
    assert.equal(refused.status, 403);
    assert.equal(hubCode(refused.body), 'NO_PROXY_ACCESS');
    const people = await hub.call(token, `/RelatedPerson?identifier=${CARER_ACCOUNT_SYSTEM}|${familyCarer.account}`);
    assert.deepEqual(matches(people.body), [], 'she no longer finds her mother among the people she acts for');
  });

  test('the resident’s access log names her carer, as her own record names her', async () => {
    const log = await hub.call(await residentToken(), `/AuditEvent?patient=${mother}&_count=200`);
    assert.equal(log.status, 200);
    const byCarer = matches(log.body).filter((event) =>
      JSON.stringify(event['agent']).includes(`"RelatedPerson/${familyCarer.relatedPersonId}"`),
    );
    assert.ok(byCarer.length > 0, 'the carer’s looks are in the log');
    for (const event of byCarer) {
      const agent = (event['agent'] as { who: { display?: string }; role?: { text?: string }[] }[])[0];
      assert.equal(agent?.who.display, familyCarer.name);
      assert.equal(agent?.role?.[0]?.text, 'carer');
    }
  });
});

describe('audit of carer sessions', () => {
  test('every request a carer makes about a record is audited, allowed or refused, as the carer on that record', async () => {
    const token = await carerToken('parent');
    const parentPeople = parent.residents.map((entry) => `"RelatedPerson/${entry.relatedPersonId}"`);
    const events = async () =>
      (await hub.hub.store.query<{ json: string }>(`SELECT json FROM audit_event WHERE type = 'AuditEvent' ORDER BY rid`))
        .map((row) => JSON.parse(row.json) as Json)
        .filter((event) => parentPeople.some((reference) => JSON.stringify(event['agent']).includes(reference)));
    const before = (await events()).length;
    const requests = [
      [`/Patient/${daughter}`, 200],
      [`/Patient/${daughter}/$summary`, 200],
      [`/Observation?patient=${daughter}`, 200],
      [`/Patient/${son}`, 403],
      [`/Condition?patient=${son}`, 403],
      [`/Consent?patient=${daughter}`, 403],
    ] as const;
    for (const [path, status] of requests) assert.equal((await hub.call(token, path)).status, status, path);
    const written = (await events()).slice(before);
    assert.equal(written.length, requests.length, 'one AuditEvent per request');
    assert.deepEqual(
      written.map((event) => String(event['outcome'])),
      requests.map(([, status]) => (status === 200 ? '0' : '4')),
      'allowed ones with outcome 0, refused ones with outcome 4, in the order asked',
    );
    for (const event of written.filter((item) => item['outcome'] === '0')) {
      const agent = (event['agent'] as { who: { reference: string } }[])[0];
      assert.equal(
        agent?.who.reference,
        `RelatedPerson/${parent.residents[0]!.relatedPersonId}`,
        'named as the daughter’s record names her',
      );
    }
  });
});
