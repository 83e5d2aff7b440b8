/**
 * A conditional create answers with the entry it matches (R9), and that answer is a read of it: the entry as the
 * caller reads it (R13). The resident's medicine app sends `If-None-Exist: identifier=…` with an identifier she reads
 * on her practice's prescription record; the practice's entry names, as its reason, a condition kept from her
 * (`NOPAT`). A read of the entry leaves that reference out (`withheld-references.ts`), but the conditional create
 * answered with the entry as stored: the condition's id and name with it.
 *
 * The class: what the resident creates (a reading, a medicine, a permission) × where the matched entry names another
 * (an element of its type, an extension) × why that one is kept from her (labelled `NOPAT`, a resource it contains
 * labelled so, another resident's, a type her app's token does not read). Each answer is the entry as a read of it
 * answers: the same body and `ETag`, without the withheld item's id or name.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, OTHER_SOURCE, exampleOf, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu';
/** An app for one kind of entry, which reads nothing else of the record (but the people on it, for a permission). */
const narrowScope = (type: string) =>
  `openid fhirUser launch/patient patient/${type}.rs patient/${type}.${type === 'Consent' ? 'cu' : 'c'}${type === 'Consent' ? ' patient/RelatedPerson.rs' : ''}`;
const SYSTEM = 'https://gp.example/Id/entry';
const CONTACT = 'ccp-contact';
const OTHER_RESIDENT = 'ccp-other-resident';

let testHub: TestHub;
let self = '';

const WHYS = ['NOPAT', 'contained NOPAT', 'another resident', 'outside her token'] as const;
type Why = (typeof WHYS)[number];

/** What she creates: the body her app sends, and where the practice's entry of that type names another item. */
interface Creation {
  type: string;
  body: () => Json;
  practiceEntry: (id: string) => Json;
  element: { name: string; target: string; attach: (entry: Json, reference: Json) => Json };
}
const extension = (target: string) => ({
  name: 'an extension',
  target,
  attach: (entry: Json, reference: Json) => ({ ...entry, extension: [{ url: 'https://gp.example/about', valueReference: reference }] }),
});
const reading = () => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
  subject: { reference: `Patient/${self}` },
  effectiveDateTime: '2026-11-27T08:30:00Z',
  valueQuantity: { value: 71, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});
const medicine = () => ({
  resourceType: 'MedicationStatement',
  status: 'active',
  medicationCodeableConcept: { text: 'Senna tablets (from the pharmacy)' },
  subject: { reference: `Patient/${self}` },
  informationSource: { reference: `Patient/${self}` },
});
const permission = (): Json =>
  buildProxyConsent({ patientId: self, relatedPersonId: CONTACT, actions: ['view-appointments'], withheld: [] }) as unknown as Json;
const practices = (entry: Json, id: string): Json => ({
  ...entry,
  id,
  identifier: [{ system: SYSTEM, value: id }],
  meta: { source: OTHER_SOURCE },
});
const CREATIONS: Creation[] = [
  {
    type: 'MedicationStatement',
    body: medicine,
    practiceEntry: (id) => practices(recordItem('MedicationStatement', id, self), id),
    element: { name: 'reasonReference', target: 'Condition', attach: (entry, reference) => ({ ...entry, reasonReference: [reference] }) },
  },
  {
    type: 'MedicationStatement',
    body: medicine,
    practiceEntry: (id) => practices(recordItem('MedicationStatement', id, self), id),
    element: extension('Condition'),
  },
  {
    type: 'Observation',
    body: reading,
    practiceEntry: (id) => practices(recordItem('Observation', id, self), id),
    element: { name: 'derivedFrom', target: 'DocumentReference', attach: (entry, reference) => ({ ...entry, derivedFrom: [reference] }) },
  },
  {
    type: 'Observation',
    body: reading,
    practiceEntry: (id) => practices(recordItem('Observation', id, self), id),
    element: extension('Condition'),
  },
  {
    type: 'Consent',
    body: permission,
    practiceEntry: (id) => practices(permission(), id),
    element: {
      name: 'sourceReference',
      target: 'DocumentReference',
      attach: (entry, reference) => ({ ...entry, sourceReference: reference }),
    },
  },
  { type: 'Consent', body: permission, practiceEntry: (id) => practices(permission(), id), element: extension('Condition') },
];

interface Case {
  id: string;
  creation: Creation;
  why: Why;
  target: string;
  marker: string;
}
const cases: Case[] = [];

function target(type: string, id: string, why: Why): Json {
  const item = recordItem(type, id, why === 'another resident' ? OTHER_RESIDENT : self);
  const nopat = [{ system: ACT_CODE, code: 'NOPAT' }];
  if (why === 'NOPAT') return { ...item, meta: { ...(item['meta'] as Json), security: nopat } };
  if (why === 'contained NOPAT') return { ...item, contained: [{ resourceType: 'Basic', id: 'note', meta: { security: nopat } }] };
  return item;
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      const patient = (await hub.store.read('Patient', self))?.resource ?? {};
      await hub.store.put({ ...patient, id: OTHER_RESIDENT, identifier: [] });
      await hub.store.put({
        ...exampleOf('RelatedPerson'),
        id: CONTACT,
        active: true,
        patient: { reference: `Patient/${self}` },
        identifier: [],
      });
      for (const creation of CREATIONS)
        for (const why of WHYS) {
          const id = `ccp-${cases.length}`;
          const marker = `ZQX${cases.length}QZ`;
          await hub.store.put(target(creation.element.target, `${id}-target`, why));
          await hub.store.put(
            creation.element.attach(creation.practiceEntry(id), {
              reference: `${creation.element.target}/${id}-target`,
              display: marker,
            }),
          );
          cases.push({ id, creation, why, target: `${id}-target`, marker });
        }
    },
  });
});
after(() => testHub.close());

const tokenFor = (item: Case) =>
  testHub.signIn('resident', { scope: item.why === 'outside her token' ? narrowScope(item.creation.type) : RESIDENT_SCOPE });

/** The conditional create of the case, and a read of the entry it names, as she makes them. */
async function createAndRead(item: Case) {
  const token = await tokenFor(item);
  const created = await testHub.call(token, `/${item.creation.type}`, {
    method: 'POST',
    body: item.creation.body(),
    headers: { 'if-none-exist': `identifier=${SYSTEM}|${item.id}`, 'x-request-id': randomUUID() },
  });
  const read = await testHub.call(token, `/${item.creation.type}/${item.id}`);
  return { created, read };
}

describe('the reported case: her medicine app matches her practice’s prescription record', () => {
  test('the answer is the entry as she reads it, without the condition kept from her', async () => {
    const item = cases.find((each) => each.creation.element.name === 'reasonReference' && each.why === 'NOPAT')!;
    const { created, read } = await createAndRead(item);
    assert.equal(read.status, 200, 'she reads the entry');
    assert.ok(!JSON.stringify(read.body).includes(item.marker), 'a read leaves the condition out');
    assert.equal(created.status, 200, 'the entry is the match');
    assert.equal(created.body['id'], item.id);
    assert.ok(!JSON.stringify(created.body).includes(item.marker), 'the condition kept from her is not named');
    assert.ok(!JSON.stringify(created.body).includes(item.target), 'nor is its id');
  });
});

describe('the class: what she creates × where the entry names another × why it is kept from her', () => {
  test('every match is answered as a read of it answers', async () => {
    const wrong: string[] = [];
    for (const item of cases) {
      const name = `${item.creation.type} ${item.creation.element.name} / ${item.why}`;
      const { created, read } = await createAndRead(item);
      if (read.status !== 200 || created.status !== 200 || created.body['id'] !== item.id) {
        wrong.push(`${name}: read ${read.status}, create ${created.status} ${String(created.body['id'])}`);
        continue;
      }
      const text = JSON.stringify(created.body);
      if (text.includes(item.marker) || text.includes(item.target)) wrong.push(`${name}: names what is kept from her`);
      if (JSON.stringify(created.body) !== JSON.stringify(read.body)) wrong.push(`${name}: not the entry as she reads it`);
      if (created.headers.get('etag') !== read.headers.get('etag')) wrong.push(`${name}: not the version she reads`);
    }
    assert.equal(cases.length, CREATIONS.length * WHYS.length);
    assert.deepEqual(wrong, []);
  });
});
