/**
 * A create repeated with the same `X-Request-ID` (a retry after a lost
 * answer) answered with the stored item as it is now, unchecked: a carer for
 * one resident, repeating a reading the practice had since moved to another
 * resident's record and noted, was answered `200` with the other resident's
 * value and note; a reading the practice had labelled `NOPAT`, which her read
 * no longer finds, came back with its note, its label and its new version
 * (R11). A repeat now answers what a read of the entry by its id would give
 * the caller now, and stores nothing a second time.
 *
 * The class: every type the contract lets a resident or carer create (each
 * caller kind creating what the policy lets it) × each later change (a
 * practice's note, moved to another resident's record, labelled `NOPAT`,
 * `SEX`, `R`, `V` or `PSY`, a carer's permission narrowed to adding) — the
 * repeat answers as the read by id does, status and body. One exception, as
 * `If-None-Exist` answers them: a carer who may add but not read the type is
 * answered with their own entry while nobody has changed it, which is exactly
 * what the first answer gave them. The store keeps no deletes, so there is
 * no deleted case.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildEntryResource, buildProxyConsent, type ProxyAction } from '@care-record/sdk';
import { loadContract } from '../src/contract/contract.js';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { addOnlyCarer, CARER_SCOPE, ENTRY_KINDS, type AddOnlyCarer } from './support/add-only-carer.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const NOTE = 'Safeguarding concern discussed with GP';
const ALL_ACTIONS: ProxyAction[] = ['view-record', 'view-results', 'view-appointments', 'add-readings', 'add-medicines'];
const ADD_ONLY: ProxyAction[] = ['add-readings', 'add-medicines'];

/** The types the contract lets a caller create (`POST /{type}`). */
const CREATE_TYPES = contractOperations(loadContract())
  .filter((operation) => operation.method === 'POST' && /^\/[A-Z][A-Za-z]+$/.test(operation.template))
  .map((operation) => operation.template.slice(1));

let hub: TestHub;
let carer: AddOnlyCarer;
let residentId: string;

before(async () => {
  hub = await startTestHub();
  carer = addOnlyCarer(hub);
  const resident = hub.hub.borough.personas.resident;
  assert.ok(resident);
  residentId = resident.patientId;
});
after(() => hub.close());

/** A new entry of each type, as the SDK (or a resident's app) sends it for this resident (whose token is `owner`). */
const ENTRIES: Record<string, (patientId: string, owner: string) => Promise<Json>> = {
  Observation: async (patientId) => buildEntryResource(ENTRY_KINDS[0].entry, patientId, { key: randomUUID() }) as unknown as Json,
  MedicationStatement: async (patientId) => buildEntryResource(ENTRY_KINDS[1].entry, patientId, { key: randomUUID() }) as unknown as Json,
  RelatedPerson: async (patientId) => ({
    resourceType: 'RelatedPerson',
    patient: { reference: `Patient/${patientId}` },
    name: [{ text: `Neighbour ${randomUUID().slice(0, 4)}` }],
  }),
  Consent: async (patientId, owner) => {
    const someone = await hub.call(owner, '/RelatedPerson', {
      method: 'POST',
      headers: { 'x-request-id': randomUUID() },
      body: await ENTRIES['RelatedPerson']!(patientId, owner),
    });
    assert.equal(someone.status, 201, JSON.stringify(someone.body));
    return buildProxyConsent({
      patientId,
      relatedPersonId: String(someone.body['id']),
      actions: ['view-appointments'],
      withheld: [],
      status: 'proposed',
    }) as unknown as Json;
  },
};

interface Caller {
  kind: 'resident' | 'carer';
  persona: string;
  scope: string;
  /** The resident whose record they add to. */
  owner: string;
  /** The record they add to, and another resident's, whose record they may not open. */
  own: () => string;
  other: () => string;
}

const CALLERS: Caller[] = [
  { kind: 'resident', persona: 'resident', scope: RESIDENT_SCOPE, owner: 'resident', own: () => residentId, other: () => carer.patientId },
  { kind: 'carer', persona: 'carer', scope: CARER_SCOPE, owner: 'cared-for-resident', own: () => carer.patientId, other: () => residentId },
];

const withLabel = (resource: Json, code: string): Json => {
  const system = ['R', 'V'].includes(code)
    ? 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality'
    : 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
  const meta = (resource['meta'] as Json | undefined) ?? {};
  return {
    ...resource,
    meta: { ...meta, security: [...((meta['security'] as unknown[]) ?? []), { system, code }] },
    note: [{ text: NOTE }],
  };
};

interface Change {
  name: string;
  /** The entry as the practice changes it; undefined when the entry is left as it is. */
  entry?: (resource: Json, caller: Caller) => Json;
  /** What else changes: the carer's permission. */
  permission?: ProxyAction[];
  for?: Caller['kind'];
}

const CHANGES: Change[] = [
  { name: 'a practice’s note added', entry: (resource) => ({ ...resource, note: [{ text: NOTE }] }) },
  {
    name: 'moved to another resident’s record',
    entry: (resource, caller) => ({
      ...(JSON.parse(JSON.stringify(resource).replaceAll(`Patient/${caller.own()}`, `Patient/${caller.other()}`)) as Json),
      note: [{ text: NOTE }],
    }),
  },
  ...['NOPAT', 'SEX', 'R', 'V', 'PSY'].map((code) => ({ name: `labelled ${code}`, entry: (resource: Json) => withLabel(resource, code) })),
  { name: 'the carer’s permission narrowed to adding', permission: ADD_ONLY, for: 'carer' },
  {
    name: 'a practice’s note added and the carer’s permission narrowed to adding',
    entry: (resource) => ({ ...resource, note: [{ text: NOTE }] }),
    permission: ADD_ONLY,
    for: 'carer',
  },
];

/** How many of the type are stored on either record, whatever their labels. */
async function storedCount(type: string, caller: Caller): Promise<number> {
  let total = 0;
  for (const patientId of [caller.own(), caller.other()])
    total += (
      await hub.hub.store.search({
        type,
        patientId,
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 1,
        visibility: { hiddenLabels: [] },
      })
    ).total;
  return total;
}

interface Outcome {
  first: { status: number; body: Json };
  read: { status: number; body: Json; etag: string | null };
  repeat: { status: number; body: Json; etag: string | null };
  storedBefore: number;
  storedAfter: number;
}

/** Creates an entry with a key, changes it as the practice would, reads it by id, and repeats the create. */
async function repeatAfter(caller: Caller, type: string, change: Change): Promise<Outcome | undefined> {
  if (caller.kind === 'carer') await carer.permitOnly(ALL_ACTIONS);
  const token = await hub.signIn(caller.persona, { scope: caller.scope });
  const key = randomUUID();
  const body = await ENTRIES[type]!(caller.own(), await hub.signIn(caller.owner, { scope: RESIDENT_SCOPE }));
  const send = () => hub.call(token, `/${type}`, { method: 'POST', body, headers: { 'x-request-id': key } });
  const first = await send();
  // What the policy does not let this caller create is not theirs to repeat.
  if (first.status === 403) return undefined;
  assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
  const id = String(first.body['id']);
  if (change.entry) {
    const stored = await hub.hub.store.read(type, id);
    assert.ok(stored);
    await hub.hub.store.put(change.entry(stored.resource, caller), Date.now());
  }
  if (change.permission) await carer.permitOnly(change.permission);
  const read = await hub.call(token, `/${type}/${id}`);
  const storedBefore = await storedCount(type, caller);
  const repeat = await send();
  const storedAfter = await storedCount(type, caller);
  return {
    first,
    read: { status: read.status, body: read.body, etag: read.headers.get('etag') },
    repeat: { status: repeat.status, body: repeat.body, etag: repeat.headers.get('etag') },
    storedBefore,
    storedAfter,
  };
}

describe('a repeated create answers as a read by id would', () => {
  test('the reported case (a): a reading moved to another resident is not the answer to a carer’s repeat', async () => {
    const outcome = await repeatAfter(CALLERS[1]!, 'Observation', CHANGES[1]!);
    assert.ok(outcome);
    assert.equal(outcome.read.status, 404);
    assert.equal(outcome.repeat.status, 404, JSON.stringify(outcome.repeat.body).slice(0, 300));
    assert.ok(!JSON.stringify(outcome.repeat.body).includes(NOTE), 'the other resident’s note is not sent');
    assert.ok(!JSON.stringify(outcome.repeat.body).includes(`Patient/${residentId}`), 'nor their reference');
    assert.equal(outcome.storedAfter, outcome.storedBefore, 'nothing stored a second time');
  });

  test('the reported case (b): a reading labelled NOPAT with a note is not sent back by a repeat', async () => {
    for (const caller of CALLERS) {
      const outcome = await repeatAfter(
        caller,
        'Observation',
        CHANGES.find((change) => change.name === 'labelled NOPAT')!,
      );
      assert.ok(outcome);
      assert.equal(outcome.read.status, 404, caller.kind);
      assert.equal(outcome.repeat.status, 404, `${caller.kind}: ${JSON.stringify(outcome.repeat.body).slice(0, 300)}`);
      assert.ok(!JSON.stringify(outcome.repeat.body).includes(NOTE), caller.kind);
      assert.equal(outcome.storedAfter, outcome.storedBefore, 'nothing stored a second time');
    }
  });

  test('every create type of the contract has an entry to send', () => {
    assert.ok(CREATE_TYPES.length > 0);
    assert.deepEqual(
      CREATE_TYPES.filter((type) => ENTRIES[type] === undefined),
      [],
    );
  });

  for (const caller of CALLERS)
    for (const change of CHANGES.filter((candidate) => candidate.for === undefined || candidate.for === caller.kind))
      test(`${caller.kind}: ${change.name}`, async () => {
        const failures: string[] = [];
        let created = 0;
        for (const type of CREATE_TYPES) {
          const outcome = await repeatAfter(caller, type, change);
          if (!outcome) continue;
          created += 1;
          const { first, read, repeat } = outcome;
          if (outcome.storedAfter !== outcome.storedBefore) failures.push(`${type}: stored again`);
          // A carer who may add but not read is answered with their own entry as its first answer gave it, or not at all.
          const asFirstAnswered =
            read.status !== 200 && change.permission !== undefined && repeat.status === 200 && first.body['id'] === repeat.body['id'];
          if (asFirstAnswered) {
            // Each element it shows is as the first answer gave it; its meta says only how much is shown (no label).
            const beyond = Object.entries(repeat.body).filter(
              ([name, value]) => name !== 'meta' && JSON.stringify(value) !== JSON.stringify(first.body[name]),
            );
            if (beyond.length > 0 || JSON.stringify(repeat.body['meta']).includes('security'))
              failures.push(`${type}: more than the first answer (${beyond.map(([name]) => name).join(', ')})`);
            continue;
          }
          if (repeat.status !== read.status) failures.push(`${type}: repeat ${repeat.status}, read ${read.status}`);
          else if (JSON.stringify(repeat.body) !== JSON.stringify(read.body)) failures.push(`${type}: the body differs from the read`);
          else if (read.status === 200 && repeat.etag !== read.etag) failures.push(`${type}: etag ${repeat.etag}, read ${read.etag}`);
        }
        assert.ok(created > 0, 'the caller may create some type');
        assert.deepEqual(failures, []);
      });
});

/** The descriptions of the access-log entries one request wrote. */
async function loggedAs(token: string, path: string, init: { method: string; body: unknown; headers?: Record<string, string> }) {
  const newest = async () =>
    (
      await hub.hub.store.search({
        type: 'AuditEvent',
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 50,
        visibility: { hiddenLabels: [] },
      })
    ).resources;
  const before = new Set((await newest()).map((event) => event['id']));
  const answer = await hub.call(token, path, init);
  const written = (await newest()).filter((event) => !before.has(event['id']));
  const descriptions = written.flatMap((event) =>
    ((event['entity'] as { description?: string }[] | undefined) ?? []).flatMap((item) => item.description ?? []),
  );
  return { status: answer.status, body: answer.body, descriptions };
}

describe('what a repeated create is logged as', () => {
  test('a repeat, keyed or conditional, is not logged as an addition', async () => {
    const token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
    const failures: string[] = [];
    for (const type of CREATE_TYPES) {
      const body = await ENTRIES[type]!(residentId, token);
      const key = randomUUID();
      const identifier = (body['identifier'] as { system?: string; value?: string }[] | undefined)?.[0];
      const send = (requestId: string) =>
        loggedAs(token, `/${type}`, {
          method: 'POST',
          body,
          headers: {
            'x-request-id': requestId,
            ...(identifier?.value ? { 'if-none-exist': `identifier=${identifier.system ?? ''}|${identifier.value}` } : {}),
          },
        });
      const first = await send(key);
      const repeats = [await send(key), ...(identifier?.value ? [await send(randomUUID())] : [])];
      const added = first.descriptions[0] ?? '';
      if (first.status !== 201 || first.descriptions.length !== 1) failures.push(`${type}: first ${first.status} ${first.descriptions}`);
      for (const repeat of repeats)
        if (repeat.status !== 200 || repeat.descriptions.length !== 1 || repeat.descriptions[0] === added)
          failures.push(`${type}: repeat ${repeat.status} logged as ${JSON.stringify(repeat.descriptions)} (first: ${added})`);
    }
    assert.deepEqual(failures, []);
  });

  test('a carer refused for an entry on no resident’s record is told as a carer', async () => {
    await carer.permitOnly(ALL_ACTIONS);
    const token = await hub.signIn('carer', { scope: CARER_SCOPE });
    const body = buildEntryResource(ENTRY_KINDS[0].entry, carer.patientId, { key: randomUUID() }) as unknown as Json;
    const answer = await hub.call(token, '/Observation', {
      method: 'POST',
      body: { ...body, subject: { reference: 'Group/household-1' } },
      headers: { 'x-request-id': randomUUID() },
    });
    assert.equal(answer.status, 403, JSON.stringify(answer.body).slice(0, 300));
    const said = JSON.stringify(answer.body);
    assert.ok(!said.includes('A resident can add'), said.slice(0, 300));
  });
});
