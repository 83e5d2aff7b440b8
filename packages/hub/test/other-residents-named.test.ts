/**
 * An item on one resident's record that names another resident never shows the other to its reader (docs/access-policy.md
 * R6, R13). Reported by review: an Appointment whose participants are `Patient/A` then `Patient/B` was read by A with
 * B's reference and display — a leak of B to A.
 *
 * The class: each type and place an item can name a resident (an appointment's participant, by reference or by NHS
 * number alone; a
 * performer, asserter, author, contributor, a note's author, an extension) × each reader who may read the record it is
 * on (its resident, the other resident, a GP, a carer acting for A, a receptionist) × each way it is read (by id, a
 * search of its type, `$summary`, a read in a batch). Wherever the item reaches the reader, it carries neither the
 * other resident's reference, name nor NHS number; and its own resident still reads it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

let testHub: TestHub;
let A: string;
let B: string;
const tokens: Record<string, string> = {};
/** Each resident's words that would name them: their id, names and identifiers. */
const namesOf: Record<string, string[]> = {};

const SOURCE = 'https://care-record.example/source/F83999';
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
const nhsNumberOf: Record<string, string> = {};
const patient = (id: string, display?: string) => ({ reference: `Patient/${id}`, ...(display ? { display } : {}) });

/** The items: each on `owner`'s record, naming `other` in one place. */
function items(owner: string, other: string, otherDisplay: string): Record<string, Json> {
  const named = patient(other, otherDisplay);
  const base = { meta: { source: SOURCE } };
  return {
    'Appointment, the other second': {
      resourceType: 'Appointment',
      ...base,
      status: 'booked',
      start: '2027-01-10T10:00:00Z',
      end: '2027-01-10T10:30:00Z',
      participant: [
        { actor: patient(owner), status: 'accepted' },
        { actor: named, status: 'accepted' },
      ],
    },
    'Appointment, the other by NHS number alone': {
      resourceType: 'Appointment',
      ...base,
      status: 'booked',
      start: '2027-01-11T10:00:00Z',
      end: '2027-01-11T10:30:00Z',
      participant: [
        { actor: patient(owner), status: 'accepted' },
        {
          actor: { type: 'Patient', identifier: { system: NHS_NUMBER, value: nhsNumberOf[other]! }, display: otherDisplay },
          status: 'accepted',
        },
      ],
    },
    'Observation performer': {
      resourceType: 'Observation',
      ...base,
      status: 'final',
      code: { text: 'Body weight' },
      subject: patient(owner),
      performer: [named],
    },
    'Observation note author': {
      resourceType: 'Observation',
      ...base,
      status: 'final',
      code: { text: 'Body weight' },
      subject: patient(owner),
      note: [{ authorReference: named, text: 'Weighed at home' }],
    },
    'Condition asserter': {
      resourceType: 'Condition',
      ...base,
      code: { text: 'Asthma' },
      subject: patient(owner),
      asserter: named,
    },
    'CarePlan contributor': {
      resourceType: 'CarePlan',
      ...base,
      status: 'active',
      intent: 'plan',
      subject: patient(owner),
      contributor: [named],
    },
    'DocumentReference author': {
      resourceType: 'DocumentReference',
      ...base,
      status: 'current',
      subject: patient(owner),
      author: [named],
      content: [{ attachment: { contentType: 'text/plain', title: 'Letter' } }],
    },
    'Encounter extension': {
      resourceType: 'Encounter',
      ...base,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      subject: patient(owner),
      extension: [{ url: 'https://example.org/accompanied-by', valueReference: named }],
    },
  };
}

/** The stored items: id → [owner, the other named, what]. */
const stored = new Map<string, { owner: string; other: string; what: string; type: string }>();

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      A = hub.borough.personas.caredForResident!.patientId;
      B = hub.borough.personas.resident.patientId;
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany(
        [...new Set(organizations)].flatMap((organizationId) => [A, B].map((patientId) => ({ patientId, organizationId }))),
      );
      for (const id of [A, B]) {
        const resident = (await hub.store.read('Patient', id))!.resource;
        const names = (resident['name'] as { family?: string; given?: string[] }[] | undefined) ?? [];
        const identifiers = (resident['identifier'] as { system?: string; value?: string }[] | undefined) ?? [];
        nhsNumberOf[id] = identifiers.find((identifier) => identifier.system === NHS_NUMBER)?.value ?? '';
        namesOf[id] = [
          `Patient/${id}`,
          ...names.flatMap((name) => [name.family ?? '', ...(name.given ?? [])]),
          ...identifiers.map((identifier) => identifier.value ?? ''),
        ].filter((text) => text.length > 2);
      }
      const display = (id: string) => namesOf[id]!.slice(1, 3).join(', ');
      let index = 0;
      for (const [owner, other] of [
        [A, B],
        [B, A],
      ] as const)
        for (const [what, item] of Object.entries(items(owner, other, display(other)))) {
          const id = `named-${index++}`;
          stored.set(id, { owner, other, what, type: String(item['resourceType']) });
          await hub.store.put({ ...item, id });
        }
    },
  });
  for (const persona of ['gp', 'receptionist', 'carer', 'resident']) tokens[persona] = await testHub.signIn(persona);
  tokens['cared-for-resident'] = await testHub.signIn('cared-for-resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

const entriesOf = (body: Json): Json[] =>
  ((body['entry'] as { resource?: Json }[] | undefined) ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));

/** Every answer of each way of reading that holds the item, as text. */
async function answersHolding(token: string, id: string, type: string, owner: string): Promise<Record<string, string>> {
  const holds = (resource: Json) => resource['id'] === id;
  const answers: Record<string, string> = {};
  const read = await testHub.call(token, `/${type}/${id}`);
  if (read.status === 200) answers['read by id'] = JSON.stringify(read.body);
  const search = await testHub.call(token, `/${type}?patient=${owner}&_count=100`);
  if (search.status === 200) answers['search'] = JSON.stringify(entriesOf(search.body).filter(holds));
  const summary = await testHub.call(token, `/Patient/${owner}/$summary`);
  if (summary.status === 200) answers['$summary'] = JSON.stringify(entriesOf(summary.body).filter(holds));
  const batch = await testHub.call(token, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `${type}/${id}` } }] },
  });
  const [entry] = (batch.body['entry'] as { resource?: Json }[] | undefined) ?? [];
  if (entry?.resource?.['id'] === id) answers['read in a batch'] = JSON.stringify(entry.resource);
  return answers;
}

describe('reported: an appointment naming two residents', () => {
  test('A reads it without B', async () => {
    const [id] = [...stored].find(([, item]) => item.owner === A && item.type === 'Appointment')!;
    const read = await testHub.call(tokens['cared-for-resident']!, `/Appointment/${id}`);
    assert.equal(read.status, 200);
    const text = JSON.stringify(read.body);
    for (const name of namesOf[B]!) assert.ok(!text.includes(name), `A is not shown B (${name})`);
    assert.ok(text.includes(`Patient/${A}`), 'A is still named on her own appointment');
  });
});

describe('class: no reader is shown another resident named on a record', () => {
  const readers = ['cared-for-resident', 'resident', 'gp', 'carer', 'receptionist'];
  for (const reader of readers)
    test(reader, async () => {
      const failures: string[] = [];
      // The resident whose record a resident-side reader reads: her own, or the one the carer acts for.
      const readerResident = ({ 'cared-for-resident': A, carer: A, resident: B } as Record<string, string | undefined>)[reader];
      for (const [id, item] of stored) {
        const answers = await answersHolding(tokens[reader]!, id, item.type, item.owner);
        // An appointment naming both — by reference, or the other by an NHS number the hub places — is in both records
        // (FHIR's Patient compartment): its resident reader reads it on her own record, and it is the other one who is
        // not shown.
        const shared = item.what.startsWith('Appointment, the other') && readerResident === item.other;
        const hidden = shared ? item.owner : item.other;
        for (const [way, text] of Object.entries(answers)) {
          const leaked = namesOf[hidden]!.filter((name) => text.includes(name));
          if (leaked.length > 0)
            failures.push(`${item.what} on ${item.owner === A ? 'A' : 'B'}’s record × ${way}: names ${leaked.join(', ')}`);
        }
        // Its own resident still reads it: the item is not lost by naming someone else.
        const own = (item.owner === A && reader === 'cared-for-resident') || (item.owner === B && reader === 'resident');
        if (own && answers['read by id'] === undefined) failures.push(`${item.what}: its own resident cannot read it`);
      }
      assert.deepEqual(failures, []);
    });
});
