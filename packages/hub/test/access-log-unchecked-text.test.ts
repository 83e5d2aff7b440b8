/**
 * A resident's access log shows only what the hub wrote or can check (docs/access-policy.md R15). Review of 847e9f2
 * found three ways a carer kept from her (`NOPAT` on their RelatedPerson) still reached her log:
 *
 * - a reference the hub could not resolve slipped the mask: `agent.who` spelled with a trailing slash, a query, a
 *   leading space, a lower-case type, an absolute URL with a fragment, a `#contained` or a `urn:uuid:` reference kept
 *   its display (the carer's name);
 * - free text passed through: `outcomeDesc`, an entity's `description` (even when what it describes was masked),
 *   `purposeOfEvent.text`, an agent's `role.text` and `name`;
 * - a masked look still said `FAMRQT` (family requested): that a carer she may not see exists.
 *
 * The class: each spelling × each place a reference names someone (`agent.who`, `agent.onBehalfOf`, `entity.what`),
 * and each free-text field, × each way she reads her log (search, read by id, each in a batch): the carer is named
 * nowhere, every look is listed and says that something is not shown; a masked look's purpose says nothing of who;
 * and a search by purpose does not match a look by what it hides. A look the hub wrote of a professional she may see
 * is shown whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ITEM_NOT_SHOWN, PERSON_NOT_SHOWN, PURPOSE_NOT_SHOWN } from '../src/fhir/access-log-views.js';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
/** The `carer` persona's RelatedPerson on the resident's record, kept from her (`NOPAT`). */
const CARER = 'pat-000003-rp-1';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const RECORDED = '2026-11-28T08:00:00Z';

let testHub: TestHub;
let residentToken: string;
let gpToken: string;
let carerToken: string;
/** Every string that would name the carer. */
let names: string[];
let carerName: string;

before(async () => {
  testHub = await startTestHub();
  const { meta, ...contact } = (await testHub.hub.store.read('RelatedPerson', CARER))!.resource;
  const { versionId: _v, lastUpdated: _l, ...rest } = meta as Json;
  await testHub.hub.store.put({ ...contact, meta: { ...rest, security: [{ system: ACT_CODE, code: 'NOPAT' }] } });
  const personNames = (contact['name'] as { text?: string; family?: string; given?: string[] }[] | undefined) ?? [];
  names = [
    CARER,
    ...personNames.flatMap((name) => [name.text ?? '', name.family ?? '', ...(name.given ?? [])]),
    ...((contact['identifier'] as { value?: string }[] | undefined) ?? []).map((identifier) => identifier.value ?? ''),
  ].filter((text) => text.length > 1);
  carerName = [personNames[0]?.given?.[0], personNames[0]?.family].filter(Boolean).join(' ') || 'A Carer';
  residentToken = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  gpToken = await testHub.signIn('gp');
  carerToken = await testHub.signIn('carer');
});
after(() => testHub.close());

/** Spellings of a reference to the carer that the hub cannot resolve as written. */
const SPELLINGS: Record<string, string> = {
  'a trailing slash': `RelatedPerson/${CARER}/`,
  'a query': `RelatedPerson/${CARER}?_format=json`,
  'a leading space': ` RelatedPerson/${CARER}`,
  'a lower-case type': `relatedPerson/${CARER}`,
  'an absolute URL with a fragment': `https://elsewhere.example/fhir/RelatedPerson/${CARER}#x`,
  'a contained reference': '#carer',
  'a urn:uuid': 'urn:uuid:6f1c2b3a-0d4e-4f5a-9b8c-7d6e5f4a3b2c',
};

const practitioner = { reference: 'PractitionerRole/unknown-to-the-hub', display: 'Dr Someone' };
const ownEntity = { what: { reference: `Patient/${RESIDENT}` }, description: 'Patient read' };

/** Each place a reference names someone, given the reference and the carer's name. */
const FIELDS: Record<string, (reference: Json) => { agent?: Json; entity?: Json }> = {
  'agent.who': (reference) => ({ agent: { who: reference, role: [{ text: 'carer' }] } }),
  'agent.onBehalfOf': (reference) => ({ agent: { who: practitioner, onBehalfOf: reference } }),
  'entity.what': (reference) => ({ entity: { what: reference, description: 'RelatedPerson read' } }),
};

/** Free text a source can put in an event, each naming the carer. */
const FREE_TEXT: Record<string, (name: string) => { event?: Json; agent?: Json; entity?: Json }> = {
  outcomeDesc: (name) => ({ event: { outcomeDesc: `Read by ${name}` } }),
  'entity.description': (name) => ({ entity: { what: { reference: `Patient/${RESIDENT}` }, description: `Read for ${name}` } }),
  'entity.description beside a masked what': (name) => ({
    entity: { what: { reference: `RelatedPerson/${CARER}` }, description: `${name} read` },
  }),
  'purposeOfEvent.text': (name) => ({
    event: { purposeOfEvent: [{ coding: [{ system: ACT_REASON, code: 'TREAT' }], text: `Asked by ${name}` }] },
  }),
  'purposeOfEvent coding display': (name) => ({
    event: { purposeOfEvent: [{ coding: [{ system: ACT_REASON, code: 'TREAT', display: `For ${name}` }] }] },
  }),
  'agent.role.text': (name) => ({ agent: { who: practitioner, role: [{ text: `${name}'s son` }] } }),
  'agent.name': (name) => ({ agent: { who: practitioner, name } }),
};

function eventOf(id: string, place: { event?: Json; agent?: Json; entity?: Json }): Json {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded: RECORDED,
    outcome: '0',
    purposeOfEvent: [{ coding: [{ system: ACT_REASON, code: 'FAMRQT', display: 'family requested' }] }],
    agent: [{ ...(place.agent ?? { who: practitioner }), requestor: true }],
    source: { site: 'care-record hub', observer: { display: 'care-record hub' } },
    entity: [ownEntity, ...(place.entity ? [place.entity] : [])],
    ...place.event,
  };
}

const entries = (bundle: Json) => ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource);

async function batch(path: string): Promise<Json> {
  const answer = await testHub.call(residentToken, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: path } }] },
  });
  const [entry] = answer.body['entry'] as { resource?: Json }[];
  return entry?.resource ?? {};
}

/** The events with these ids, each way she reads her log. */
async function readsOfLog(ids: readonly string[], query = ''): Promise<Record<string, Json[]>> {
  const search = `AuditEvent?patient=${RESIDENT}&_count=200${query}`;
  const listed = (bundle: Json) => entries(bundle).filter((event) => ids.includes(String(event['id'])));
  const read: Json[] = [];
  const batchRead: Json[] = [];
  if (query === '')
    for (const id of ids) {
      const answer = await testHub.call(residentToken, `/AuditEvent/${id}`);
      if (answer.status === 200) read.push(answer.body);
      const inBatch = await batch(`AuditEvent/${id}`);
      if (inBatch['id'] === id) batchRead.push(inBatch);
    }
  return {
    search: listed((await testHub.call(residentToken, `/${search}`)).body),
    'search in a batch': listed(await batch(search)),
    ...(query === '' ? { 'read by id': read, 'read in a batch': batchRead } : {}),
  };
}

const isSubsetted = (event: Json) =>
  ((event['meta'] as { tag?: Json[] } | undefined)?.tag ?? []).some((tag) => tag['code'] === 'SUBSETTED');
const requestorOf = (event: Json) =>
  ((event['agent'] as Json[] | undefined) ?? []).find((agent) => agent['requestor'] === true) ?? ({} as Json);
const isMasked = (value: unknown) => JSON.stringify(value ?? {}).includes('"valueCode":"masked"');

/** What is wrong with how she reads these events. */
function faultsOf(events: Record<string, Json[]>, ids: readonly string[], labels: readonly string[]): string[] {
  const faults: string[] = [];
  for (const [way, listed] of Object.entries(events)) {
    if (listed.length !== ids.length) faults.push(`${way}: ${listed.length} of ${ids.length} looks listed`);
    for (const event of listed) {
      const label = labels[ids.indexOf(String(event['id']))] ?? String(event['id']);
      const text = JSON.stringify(event);
      const leaked = names.filter((name) => text.includes(name));
      if (leaked.length > 0) faults.push(`${way} × ${label}: names ${leaked.join(', ')}`);
      if (!text.includes(PERSON_NOT_SHOWN) && !text.includes(ITEM_NOT_SHOWN) && !isSubsetted(event))
        faults.push(`${way} × ${label}: does not say that something is not shown`);
      // A look by someone not shown says nothing of who they are: not that they are family.
      if (isMasked(requestorOf(event)['who']) && /FAMRQT|family/i.test(JSON.stringify(event['purposeOfEvent'] ?? [])))
        faults.push(`${way} × ${label}: a masked look's purpose says who (${JSON.stringify(event['purposeOfEvent'])})`);
    }
  }
  return faults;
}

async function storeEvents(events: Json[]): Promise<void> {
  await testHub.hub.store.pruneAuditEvents(Date.now() + 86_400_000);
  await testHub.hub.store.putMany(events, Date.parse(RECORDED));
}

describe('reported: what the hub cannot check does not name a carer kept from her', () => {
  test('agent.who with a trailing slash and the carer’s name is masked', async () => {
    await storeEvents([eventOf('ae-slash', FIELDS['agent.who']!({ reference: `RelatedPerson/${CARER}/`, display: carerName }))]);
    const read = await testHub.call(residentToken, '/AuditEvent/ae-slash');
    assert.equal(read.status, 200);
    const text = JSON.stringify(read.body);
    for (const name of names) assert.ok(!text.includes(name), `not named (${name})`);
    assert.equal((requestorOf(read.body)['who'] as Json)['display'], PERSON_NOT_SHOWN);
  });
  test('the carer’s own look is listed, masked, and not as family requested', async () => {
    await testHub.hub.store.pruneAuditEvents(Date.now() + 86_400_000);
    assert.equal((await testHub.call(carerToken, `/Patient/${RESIDENT}`)).status, 200);
    const log = entries((await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&_count=100`)).body);
    const masked = log.filter((event) => isMasked(requestorOf(event)['who']));
    assert.equal(masked.length, 1, 'the carer’s look is listed, masked');
    assert.doesNotMatch(JSON.stringify(masked[0]!['purposeOfEvent']), /FAMRQT|family/i);
    // A CodeableConcept saying so in its own words (`text`), marked masked.
    assert.deepEqual(masked[0]!['purposeOfEvent'], [
      { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }], text: PURPOSE_NOT_SHOWN },
    ]);
  });
});

describe('class: every spelling × field, every free text, every way of reading', () => {
  test('references the hub cannot resolve', async () => {
    const labels: string[] = [];
    const events: Json[] = [];
    for (const [spelling, reference] of Object.entries(SPELLINGS))
      for (const [field, place] of Object.entries(FIELDS)) {
        labels.push(`${spelling} in ${field}`);
        events.push(eventOf(`ae-spelling-${events.length}`, place({ reference, display: carerName })));
      }
    await storeEvents(events);
    const ids = events.map((event) => String(event['id']));
    assert.deepEqual(faultsOf(await readsOfLog(ids), ids, labels), []);
  });
  test('free text', async () => {
    const labels = Object.keys(FREE_TEXT);
    const events = Object.values(FREE_TEXT).map((place, index) => eventOf(`ae-text-${index}`, place(carerName)));
    await storeEvents(events);
    const ids = events.map((event) => String(event['id']));
    assert.deepEqual(faultsOf(await readsOfLog(ids), ids, labels), []);
  });
  test('a search by purpose does not match a masked look by the purpose it hides', async () => {
    // A look masked (its agent cannot be checked) whose stored purpose is TREAT, beside the GP's own look.
    await storeEvents([
      {
        ...eventOf('ae-masked-treat', FIELDS['agent.who']!({ reference: `RelatedPerson/${CARER}/`, display: carerName })),
        purposeOfEvent: [{ coding: [{ system: ACT_REASON, code: 'TREAT' }] }],
      },
    ]);
    assert.equal((await testHub.call(gpToken, `/Patient/${RESIDENT}`)).status, 200);
    for (const path of [`/AuditEvent?patient=${RESIDENT}&purpose=TREAT`, `/AuditEvent?patient=${RESIDENT}&purpose=TREAT,ETREAT`]) {
      const search = await testHub.call(residentToken, path);
      assert.equal(search.status, 200, JSON.stringify(search.body));
      const ids = entries(search.body)
        .filter((event) => event['resourceType'] === 'AuditEvent')
        .map((event) => String(event['id']));
      assert.equal(ids.length, 1, `${path}: the GP's look alone, not the masked one (${ids.join(', ')})`);
      assert.equal((search.body as { total?: number }).total ?? 1, 1, `${path}: its total counts the masked look`);
      const inBatch = entries(await batch(path.slice(1))).filter((event) => event['resourceType'] === 'AuditEvent');
      assert.equal(inBatch.length, 1, `${path} in a batch`);
    }
  });
  test('a look the hub wrote of a professional she may see is shown whole', async () => {
    await testHub.hub.store.pruneAuditEvents(Date.now() + 86_400_000);
    assert.equal((await testHub.call(gpToken, `/Patient/${RESIDENT}`)).status, 200);
    const [event] = entries((await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&_count=100`)).body).filter(
      (resource) => resource['resourceType'] === 'AuditEvent',
    );
    assert.ok(event);
    assert.equal(isSubsetted(event), false, JSON.stringify(event));
    assert.match(JSON.stringify(event['purposeOfEvent']), /"TREAT"/);
    const requestor = requestorOf(event);
    assert.match(String((requestor['who'] as Json)['reference']), /^PractitionerRole\//);
    assert.deepEqual(requestor['role'], [{ text: 'gp' }]);
  });
});
