/**
 * A resident's access log lists every look, and names no one her record keeps from her (docs/access-policy.md R13,
 * R15). Reported by review: with `NOPAT` on the carer's RelatedPerson, the resident was refused that contact (`404`)
 * yet her log named them — reference and display — as the agent of the carer's read of her record.
 *
 * The class: each way a contact is withheld from her (`NOPAT` on it, `NOPAT` on a resource it contains, a contact on
 * another resident's record) × each place an AuditEvent can name someone (an agent's `who` by reference or by
 * identifier alone, a name or display alone, `onBehalfOf`, `altId`, `name`, network address, an agent's extension, an
 * entity's `what`, `name`, `detail` or extension, the event's own extension, the observer) × each way she reads her log
 * (search, read by id, each in a batch). Nothing that names the contact reaches her, and every event is listed, each
 * saying that something is not shown: in words where a person or item stood, else by the view's `SUBSETTED` tag.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ITEM_NOT_SHOWN, PERSON_NOT_SHOWN } from '../src/fhir/access-log-views.js';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
/** The `carer` persona's RelatedPerson on the resident's record. */
const CARER = 'pat-000003-rp-1';
/** A contact on another resident's record: never hers to see. */
const OTHERS_CONTACT = 'pat-000004-rp-1';
const NOPAT = [{ system: ACT_CODE, code: 'NOPAT' }];
const ADDRESS = '203.0.113.7';

let testHub: TestHub;
let residentToken: string;
let carerToken: string;
let stored: Map<string, Json>;

before(async () => {
  testHub = await startTestHub();
  residentToken = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  carerToken = await testHub.signIn('carer');
  stored = new Map();
  for (const id of [CARER, OTHERS_CONTACT]) stored.set(id, (await testHub.hub.store.read('RelatedPerson', id))!.resource);
});
after(() => testHub.close());

/** The contact as stored, labelled as this case withholds it. */
async function withhold(id: string, how: 'labelled NOPAT' | 'NOPAT on a resource it contains' | 'as stored'): Promise<Json> {
  const { meta, ...contact } = stored.get(id)!;
  const { versionId: _v, lastUpdated: _l, ...rest } = meta as Json;
  const resource: Json =
    how === 'labelled NOPAT'
      ? { ...contact, meta: { ...rest, security: NOPAT } }
      : how === 'NOPAT on a resource it contains'
        ? { ...contact, meta: rest, contained: [{ resourceType: 'Basic', id: 'n', meta: { security: NOPAT }, code: { text: 'A note' } }] }
        : { ...contact, meta: rest };
  await testHub.hub.store.put(resource);
  return resource;
}

/** Every string that would name the contact: its id, each name's words, each identifier's value. */
function namesOf(contact: Json): string[] {
  const names = (contact['name'] as { text?: string; family?: string; given?: string[] }[] | undefined) ?? [];
  const identifiers = (contact['identifier'] as { value?: string }[] | undefined) ?? [];
  return [
    String(contact['id']),
    ...names.flatMap((name) => [name.text ?? '', name.family ?? '', ...(name.given ?? [])]),
    ...identifiers.map((identifier) => identifier.value ?? ''),
  ].filter((text) => text.length > 1);
}

const entries = (bundle: Json) => ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource);

async function batch(path: string): Promise<Json> {
  const answer = await testHub.call(residentToken, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: path } }] },
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const [entry] = answer.body['entry'] as { response: { status: string }; resource?: Json }[];
  assert.equal(entry?.response.status.slice(0, 3), '200', JSON.stringify(entry));
  return entry.resource!;
}

/** The resident's log, each way she reads it: the events with these ids, as she was sent them. */
async function readsOfLog(ids: readonly string[]): Promise<Record<string, Json[]>> {
  const search = await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&_count=100`);
  assert.equal(search.status, 200, JSON.stringify(search.body));
  const searched = entries(search.body).filter((event) => ids.includes(String(event['id'])));
  const batchSearched = entries(await batch(`AuditEvent?patient=${RESIDENT}&_count=100`)).filter((event) =>
    ids.includes(String(event['id'])),
  );
  const read: Json[] = [];
  const batchRead: Json[] = [];
  for (const id of ids) {
    const answer = await testHub.call(residentToken, `/AuditEvent/${id}`);
    assert.equal(answer.status, 200, `a look is never hidden: ${JSON.stringify(answer.body)}`);
    read.push(answer.body);
    batchRead.push(await batch(`AuditEvent/${id}`));
  }
  return { search: searched, 'read by id': read, 'search in a batch': batchSearched, 'read in a batch': batchRead };
}

describe('reported: a carer kept from the resident is not named in her access log', () => {
  test('the carer reads her record; she is refused the contact and her log says someone not shown looked', async () => {
    const carer = await withhold(CARER, 'labelled NOPAT');
    await testHub.hub.store.pruneAuditEvents(Date.now() + 86_400_000);
    assert.equal((await testHub.call(carerToken, `/Patient/${RESIDENT}`)).status, 200);
    assert.equal((await testHub.call(residentToken, `/RelatedPerson/${CARER}`)).status, 404);
    const log = await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&_count=100`);
    const looks = entries(log.body).filter((event) => event['resourceType'] === 'AuditEvent');
    // Her log says that someone not shown looked, never why: `FAMRQT` would say a carer did (R15).
    const carersLook = looks.filter((event) => JSON.stringify(event['agent']).includes(PERSON_NOT_SHOWN));
    assert.equal(carersLook.length, 1, 'the carer’s look is listed');
    const text = JSON.stringify(log.body);
    for (const name of namesOf(carer)) assert.ok(!text.includes(name), `her log does not name the carer (${name})`);
    const [requestor] = carersLook[0]!['agent'] as { who: Json; requestor: boolean }[];
    assert.equal(requestor?.who['display'], PERSON_NOT_SHOWN);
    assert.equal(requestor?.requestor, true);
  });
});

type Placement = (contact: string, identifier: Json, name: string) => { agent?: Json; entity?: Json; event?: Json };
const practitioner = { who: { reference: 'Practitioner/someone-else', display: 'Dr Someone' }, requestor: false };

/** Each place an AuditEvent can name someone. */
const PLACES: Record<string, Placement> = {
  'agent who by reference': (contact, _identifier, name) => ({ agent: { who: { reference: `RelatedPerson/${contact}`, display: name } } }),
  'agent who by identifier alone': (_contact, identifier, name) => ({ agent: { who: { identifier, display: name } } }),
  'agent who by display alone': (_contact, _identifier, name) => ({ agent: { who: { display: name } } }),
  'agent onBehalfOf': (contact) => ({ agent: { ...practitioner, onBehalfOf: { reference: `RelatedPerson/${contact}` } } }),
  'agent altId and name': (_contact, identifier, name) => ({ agent: { ...practitioner, altId: String(identifier['value']), name } }),
  'agent network address': (contact) => ({
    agent: { who: { reference: `RelatedPerson/${contact}` }, network: { address: ADDRESS, type: '2' } },
  }),
  'agent extension': (contact) => ({
    agent: {
      ...practitioner,
      extension: [{ url: 'https://example.org/acting-for', valueReference: { reference: `RelatedPerson/${contact}` } }],
    },
  }),
  'entity what by reference': (contact) => ({
    entity: { what: { reference: `RelatedPerson/${contact}` }, description: 'RelatedPerson read' },
  }),
  'entity what by identifier': (_contact, identifier) => ({ entity: { what: { identifier }, description: 'RelatedPerson read' } }),
  'entity name and detail': (_contact, _identifier, name) => ({
    entity: { name, detail: [{ type: 'carer', valueString: name }], description: 'Record read' },
  }),
  'entity extension': (contact) => ({
    entity: {
      extension: [{ url: 'https://example.org/about', valueReference: { reference: `RelatedPerson/${contact}` } }],
      description: 'Record read',
    },
  }),
  'event extension': (contact) => ({
    event: { extension: [{ url: 'https://example.org/about', valueReference: { reference: `RelatedPerson/${contact}` } }] },
  }),
  observer: (contact) => ({ event: { source: { site: 'elsewhere', observer: { reference: `RelatedPerson/${contact}` } } } }),
};

/** An allowed event about the resident, naming the contact in one place. */
function eventNaming(id: string, place: ReturnType<Placement>): Json {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded: '2026-11-28T08:00:00Z',
    outcome: '0',
    purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'FAMRQT' }] }],
    agent: [{ ...(place.agent ?? practitioner), requestor: true }],
    source: { site: 'care-record hub', observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: `Patient/${RESIDENT}` }, description: 'Patient read' }, ...(place.entity ? [place.entity] : [])],
    ...place.event,
  };
}

const WITHHOLDINGS = [
  { name: 'labelled NOPAT', contact: CARER, how: 'labelled NOPAT' },
  { name: 'NOPAT on a resource it contains', contact: CARER, how: 'NOPAT on a resource it contains' },
  { name: 'on another resident’s record', contact: OTHERS_CONTACT, how: 'as stored' },
] as const;

describe('class: nothing withheld from her is named in her log, and every look is listed', () => {
  for (const withholding of WITHHOLDINGS)
    test(withholding.name, async () => {
      const contact = await withhold(withholding.contact, withholding.how);
      const [identifier = { system: 'https://example.org/id', value: `${withholding.contact}-id` }] =
        (contact['identifier'] as Json[] | undefined) ?? [];
      const names = [...namesOf(contact), ADDRESS];
      const name = namesOf(contact)[1] ?? 'A Carer';
      await testHub.hub.store.pruneAuditEvents(Date.now() + 86_400_000);
      const ids = Object.keys(PLACES).map((_place, index) => `ae-class-${WITHHOLDINGS.indexOf(withholding)}-${index}`);
      await testHub.hub.store.putMany(
        Object.values(PLACES).map((placement, index) => eventNaming(ids[index]!, placement(withholding.contact, identifier, name))),
        Date.parse('2026-11-28T08:00:00Z'),
      );
      const failures: string[] = [];
      for (const [way, events] of Object.entries(await readsOfLog(ids))) {
        if (events.length !== ids.length) failures.push(`${way}: ${events.length} of ${ids.length} looks listed`);
        events.forEach((event, index) => {
          const place = Object.keys(PLACES)[ids.indexOf(String(event['id']))] ?? String(index);
          const text = JSON.stringify(event);
          const leaked = names.filter((named) => text.includes(named));
          if (leaked.length > 0) failures.push(`${way} × ${place}: names ${leaked.join(', ')}`);
          // A person in their place is said in words; an element left out beside what is shown, by the view's tag.
          const subsetted = ((event['meta'] as { tag?: Json[] } | undefined)?.tag ?? []).some((tag) => tag['code'] === 'SUBSETTED');
          if (!text.includes(PERSON_NOT_SHOWN) && !text.includes(ITEM_NOT_SHOWN) && !subsetted)
            failures.push(`${way} × ${place}: does not say that something is not shown`);
        });
      }
      assert.deepEqual(failures, []);
    });
});
