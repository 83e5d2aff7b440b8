/**
 * The desk is never told by an appointment's absence that what it cannot see is sensitive.
 *
 * The reported case: a receptionist reads an Appointment through the desk's reduced view (who, where, when, what it
 * is called — never its reason, comment, contained resources or other extensions). But the hub labelled the item
 * from the whole of it, so an appointment whose only sensitive part was its reason ("Chlamydia", SNOMED 8098009) was
 * labelled SEX and left out of the receptionist's reads, searches, counts, `$summary` and batches, while the same
 * appointment with a harmless reason was shown: its absence told the desk the hidden reason was sensitive. Now a
 * reader of a reduced view is withheld an item by what that view shows — the labels the source put on the item
 * itself, and SEX or PSY by content only as the view has it — and every other reader as before.
 *
 * The class: every element the desk does not see × what makes an item sensitive there (SEX by content; PSY by the
 * service a contained resource names; a label a contained resource carries) — the desk observes the appointment
 * exactly as it did its harmless twin (the same item, changed only there): read (body, ETag, 304), batch, search
 * (entries, total, notice), with `_include`, `_summary=count` and `$summary`. A GP of another organisation reads it as before: the
 * sensitive one withheld where the rule reads that element. The converse: sensitive content in an element the desk
 * does see, and a label the source put on the appointment itself, still withhold it from the desk, which is told
 * that something is not shown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { stillToCome } from './support/still-to-come.js';

type Json = Record<string, unknown>;

const SNOMED = 'http://snomed.info/sct';
const STI = { system: SNOMED, code: '8098009', display: 'Sexually transmitted infectious disease' };
const DIABETES = { system: SNOMED, code: '44054006', display: 'Type 2 diabetes mellitus' };

let testHub: TestHub;
let patientId = '';
const tokens: Record<string, string> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      patientId = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      for (const persona of personas) if (persona.organizationId) await hub.store.relate(patientId, persona.organizationId);
    },
  });
  for (const persona of ['receptionist', 'gp', 'resident']) tokens[persona] = await testHub.signIn(persona);
});
after(() => testHub.close());

/** A booked appointment to come (so `$summary` lists it), recorded by another organisation, with these parts. */
function appointment(id: string, parts: Json): Json {
  const base = recordItem('Appointment', id, patientId);
  return { ...base, status: 'booked', ...stillToCome(45), ...parts };
}

const entries = (body: Json) => (body['entry'] as { resource?: Json; response?: Json; search?: Json }[] | undefined) ?? [];

/** Everything a reader observes of one appointment and of the resident's appointments around it. */
async function observe(persona: string, id: string, etag?: string): Promise<Json> {
  const token = tokens[persona];
  const read = await testHub.call(token, `/Appointment/${id}`);
  const notModified =
    etag === undefined ? undefined : (await testHub.call(token, `/Appointment/${id}`, { headers: { 'if-none-match': etag } })).status;
  const batch = await testHub.call(token, '', {
    method: 'POST',
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Appointment/${id}` } },
        { request: { method: 'GET', url: `Appointment?patient=${patientId}&_count=500` } },
      ],
    },
  });
  const search = await testHub.call(token, `/Appointment?patient=${patientId}&_count=500`);
  const count = await testHub.call(token, `/Appointment?patient=${patientId}&_summary=count`);
  const included = await testHub.call(token, `/Appointment?patient=${patientId}&_count=500&_include=Appointment:actor`);
  const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
  return {
    read: { status: read.status, body: stable(read.body), etag: read.headers.get('etag'), lastModified: read.headers.get('last-modified') },
    notModified,
    batch: { status: batch.status, body: stable(batch.body) },
    search: { status: search.status, body: stable(search.body) },
    count: { status: count.status, body: stable(count.body) },
    included: { status: included.status, body: stable(included.body) },
    summary: { status: summary.status, body: stable(summary.body) },
  };
}

/** An answer without what every Bundle has new each time it is made (its id and timestamp). */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (typeof value !== 'object' || value === null) return value;
  const bundle = (value as Json)['resourceType'] === 'Bundle';
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(bundle && (key === 'id' || key === 'timestamp')))
      .map(([key, child]) => [key, stable(child)]),
  );
}

const shows = (observed: Json, id: string) => {
  const read = observed['read'] as { status: number };
  const search = (observed['search'] as { body: Json }).body;
  const summary = (observed['summary'] as { body: Json }).body;
  return {
    read: read.status,
    search: entries(search).some((entry) => entry.resource?.['id'] === id),
    summary: entries(summary).some((entry) => entry.resource?.['id'] === id),
  };
};

const saysNotShown = (bundle: Json) =>
  entries(bundle).some((entry) => entry.search?.['mode'] === 'outcome' && JSON.stringify(entry.resource).includes('INFORMATION_WITHHELD'));

/**
 * Each element the desk does not see, holding what makes an item sensitive or its harmless twin — and whether the
 * hub's rule for everyone else reads it there (a narrative and a comment are free text it does not read).
 */
interface Hidden {
  sensitive: Json;
  harmless: Json;
  /** What a GP of another organisation is answered of the sensitive one: the rules for them are unchanged. */
  gpWithheld: boolean;
}
const MENTAL_HEALTH_ENCOUNTER = (serviceType: string): Json => ({
  contained: [
    {
      resourceType: 'Encounter',
      id: 'booked-from',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      serviceType: { text: serviceType },
    },
  ],
});
const containedCondition = (coding: Json, meta?: Json): Json => ({
  contained: [
    { resourceType: 'Condition', id: 'reason', ...(meta ? { meta } : {}), code: { coding: [coding] }, subject: { reference: `Patient/x` } },
  ],
});
const extension = (url: string, coding: Json): Json[] => [{ url, valueCodeableConcept: { coding: [coding] } }];
const narrative = (words: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${words}</div>` });

const HIDDEN: Record<string, Hidden> = {
  'reasonCode (SEX by its SNOMED code)': {
    sensitive: { reasonCode: [{ coding: [STI] }] },
    harmless: { reasonCode: [{ coding: [DIABETES] }] },
    gpWithheld: true,
  },
  'reasonCode (SEX by its words)': {
    sensitive: { reasonCode: [{ text: 'Chlamydia' }] },
    harmless: { reasonCode: [{ text: 'Diabetes' }] },
    gpWithheld: true,
  },
  'reasonReference display': {
    sensitive: {
      reasonReference: [
        { identifier: { system: 'https://source.example/problem', value: '7' }, display: 'Chlamydia trachomatis infection' },
      ],
    },
    harmless: { reasonReference: [{ identifier: { system: 'https://source.example/problem', value: '7' }, display: 'Type 2 diabetes' }] },
    gpWithheld: true,
  },
  'basedOn display (the referral)': {
    sensitive: { basedOn: [{ display: 'Referral for termination of pregnancy' }] },
    harmless: { basedOn: [{ display: 'Referral for diabetes review' }] },
    gpWithheld: true,
  },
  'supportingInformation display': {
    sensitive: { supportingInformation: [{ display: 'Genital herpes swab result' }] },
    harmless: { supportingInformation: [{ display: 'HbA1c result' }] },
    gpWithheld: true,
  },
  comment: { sensitive: { comment: 'Chlamydia follow-up' }, harmless: { comment: 'Diabetes follow-up' }, gpWithheld: false },
  'text (the narrative)': {
    sensitive: { text: narrative('Chlamydia follow-up') },
    harmless: { text: narrative('Diabetes follow-up') },
    gpWithheld: false,
  },
  'a contained resource (SEX by its code)': {
    sensitive: containedCondition(STI),
    harmless: containedCondition(DIABETES),
    gpWithheld: true,
  },
  'a contained resource (PSY by the service it names)': {
    sensitive: MENTAL_HEALTH_ENCOUNTER('Community mental health team'),
    harmless: MENTAL_HEALTH_ENCOUNTER('Diabetes clinic'),
    gpWithheld: false,
  },
  'a contained resource’s own label (SEX)': {
    sensitive: containedCondition(DIABETES, { security: [{ system: ACT_CODE, code: 'SEX' }] }),
    harmless: containedCondition(DIABETES),
    gpWithheld: true,
  },
  'a contained resource’s own label (R)': {
    sensitive: containedCondition(DIABETES, { security: [{ system: ACT_CODE, code: 'R' }] }),
    harmless: containedCondition(DIABETES),
    gpWithheld: true,
  },
  'a source’s own extension': {
    sensitive: { extension: extension('https://source.example/fhir/StructureDefinition/appointment-reason', STI) },
    harmless: { extension: extension('https://source.example/fhir/StructureDefinition/appointment-reason', DIABETES) },
    gpWithheld: true,
  },
  'a modifier extension': {
    sensitive: { modifierExtension: extension('https://source.example/fhir/StructureDefinition/appointment-kind', STI) },
    harmless: { modifierExtension: extension('https://source.example/fhir/StructureDefinition/appointment-kind', DIABETES) },
    gpWithheld: true,
  },
};

/** Each element the desk sees, holding what makes an item sensitive (SEX by content, PSY by the service). */
const SEEN: Record<string, Json> = {
  'serviceType (SEX)': { serviceType: [{ text: 'Sexual health clinic' }] },
  'serviceCategory (SEX)': { serviceCategory: [{ coding: [{ system: SNOMED, code: '1', display: 'Genito-urinary medicine' }] }] },
  'specialty (SEX)': { specialty: [{ coding: [{ system: SNOMED, code: '2', display: 'Genitourinary medicine' }] }] },
  'appointmentType (SEX)': { appointmentType: { coding: [STI] } },
  'cancelationReason (SEX)': { cancelationReason: { text: 'Moved to the sexual health clinic' } },
  'participant display (SEX)': {
    participant: [
      { actor: { reference: `Patient/{patient}` }, status: 'accepted' },
      { actor: { display: 'Sexual health centre, Level 1' }, status: 'accepted' },
    ],
  },
  'the booking organisation extension (SEX)': {
    extension: [
      {
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization',
        valueReference: { display: 'Integrated sexual health service' },
      },
    ],
  },
  'serviceType (PSY)': { serviceType: [{ text: 'Community mental health team' }] },
  'specialty (PSY)': { specialty: [{ text: 'Psychiatry' }] },
};

/** Labels the source puts on the appointment itself: the desk sees them in its view, and they are honoured. */
const OWN_LABELS = ['SEX', 'SDV', 'R', 'V', 'PSY'];

let made = 0;
const nextId = (prefix: string) => `${prefix}-${(made += 1)}`;

describe('the reported case', () => {
  test('an appointment whose only sensitive part is its reason is shown to the desk as its harmless twin is', async () => {
    const harmless = appointment('desk-reported-harmless', { reasonCode: [{ coding: [DIABETES] }] });
    const sensitive = appointment('desk-reported-sensitive', { reasonCode: [{ coding: [STI], text: 'Chlamydia' }] });
    await testHub.hub.store.transaction(async (store) => {
      await store.put(harmless);
      await store.put(sensitive);
    });
    for (const id of ['desk-reported-harmless', 'desk-reported-sensitive']) {
      const observed = await observe('receptionist', id);
      assert.deepEqual(shows(observed, id), { read: 200, search: true, summary: true }, id);
      assert.equal(JSON.stringify(observed).includes('Chlamydia'), false, `${id}: no reason reaches the desk`);
      assert.equal(JSON.stringify(observed).includes('8098009'), false);
    }
    // The GP of another organisation is withheld the sensitive one, as before.
    assert.deepEqual(shows(await observe('gp', 'desk-reported-sensitive'), 'desk-reported-sensitive'), {
      read: 404,
      search: false,
      summary: false,
    });
    assert.deepEqual(shows(await observe('gp', 'desk-reported-harmless'), 'desk-reported-harmless'), {
      read: 200,
      search: true,
      summary: true,
    });
  });
});

describe('the class: what the desk does not see never withholds an appointment from it', () => {
  for (const [where, hidden] of Object.entries(HIDDEN))
    test(where, async () => {
      const id = nextId('desk-hidden');
      await testHub.hub.store.put(appointment(id, hidden.harmless));
      const desk = await observe('receptionist', id);
      const gp = await observe('gp', id);
      assert.deepEqual(shows(desk, id), { read: 200, search: true, summary: true }, 'the desk reads the harmless one');
      assert.equal((desk['included'] as Json)['status'], 200, 'the desk searches with `_include`');
      assert.equal((desk['count'] as Json)['status'], 200, 'the desk counts');
      assert.deepEqual(shows(gp, id), { read: 200, search: true, summary: true }, 'the GP reads the harmless one');
      await testHub.hub.store.put(appointment(id, hidden.sensitive));
      const deskAfter = await observe('receptionist', id, String((desk['read'] as Json)['etag']));
      assert.equal(deskAfter['notModified'], 304, 'the ETag the desk read is still current');
      assert.deepEqual({ ...deskAfter, notModified: undefined }, { ...desk, notModified: undefined }, 'the desk observes nothing new');
      const gpAfter = await observe('gp', id);
      assert.deepEqual(
        shows(gpAfter, id),
        hidden.gpWithheld ? { read: 404, search: false, summary: false } : { read: 200, search: true, summary: true },
        'the GP of another organisation is answered as the rules for them say',
      );
      assert.deepEqual(shows(await observe('resident', id), id), { read: 200, search: true, summary: true }, 'the resident reads it');
    });
});

describe('the converse: what the desk sees, and the source’s own label, still withhold it from the desk', () => {
  for (const [where, parts] of Object.entries(SEEN))
    test(where, async () => {
      const id = nextId('desk-seen');
      const filled = JSON.parse(JSON.stringify(parts).replaceAll('{patient}', patientId)) as Json;
      await testHub.hub.store.put(appointment(id, filled));
      const desk = await observe('receptionist', id);
      assert.deepEqual(shows(desk, id), { read: 404, search: false, summary: false });
      assert.ok(saysNotShown((desk['search'] as { body: Json }).body), 'the desk is told something is not shown');
      assert.equal(JSON.stringify(desk).includes(id), false, 'nothing of it reaches the desk');
      assert.deepEqual(shows(await observe('resident', id), id), { read: 200, search: true, summary: true }, 'the resident reads it');
    });

  for (const label of OWN_LABELS)
    test(`the appointment labelled ${label} by its source`, async () => {
      const id = nextId('desk-labelled');
      const item = appointment(id, {});
      await testHub.hub.store.put({ ...item, meta: { ...(item['meta'] as Json), security: [{ system: ACT_CODE, code: label }] } });
      const desk = await observe('receptionist', id);
      assert.deepEqual(shows(desk, id), { read: 404, search: false, summary: false });
      assert.ok(saysNotShown((desk['search'] as { body: Json }).body));
      assert.equal(
        (desk['count'] as { body: Json }).body['total'],
        (desk['search'] as { body: Json }).body['total'],
        '_summary=count agrees',
      );
    });
});
