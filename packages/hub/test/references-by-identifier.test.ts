/**
 * A reference by identifier alone (`{ "identifier": { "system", "value" } }`, no `reference`) to another resident's
 * item: the hub looks a logical reference up only among the reader's resident's own items (R13), so one naming an
 * item of someone else's record is never checked against that record. What could a caller learn or do through one?
 *
 * - Link her record to another's: what a resident or carer adds names only them, by literal reference alone (R9), so
 *   an entry naming anything by identifier is `422` wherever the reference sits — and answered exactly as one naming
 *   an identifier of nothing, so the refusal does not tell that the other resident's item exists.
 * - Learn of the item through what the hub reads: the hub never resolves a logical reference — not for `_include`
 *   (which follows literal references), nor a display, nor a search — so an item of her record that names another
 *   resident's item by identifier is answered exactly as one naming an identifier of nothing: by read, search with
 *   `_include`, `$summary`, to her and to her GP alike.
 *
 * No leak was found: these tests hold the hub to that, for every place a resident's or carer's entry may hold a
 * reference and every way an item of the record is read.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { addOnlyCarer, CARER_SCOPE } from './support/add-only-carer.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE =
  'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/RelatedPerson.c patient/Consent.cu';
const PROBLEM_SYSTEM = 'https://gp.example/Id/problem';
const OTHERS_ITEM = { system: PROBLEM_SYSTEM, value: 'rbi-P-123' };
const NOTHING = { system: PROBLEM_SYSTEM, value: 'rbi-P-999' };
const OTHER_RESIDENT = 'rbi-other-resident';
const OTHERS_CONDITION = 'rbi-others-condition';

let testHub: TestHub;
let self = '';
let caredFor = '';
const tokens: Record<'resident' | 'carer' | 'gp', string> = { resident: '', carer: '', gp: '' };

/** A resident's entry of each kind she adds, with a reference by identifier put at a place it may sit. */
const logical = (identifier: Json): Json => ({ identifier });
const extension = (identifier: Json) => [
  { url: 'https://care-record.example/StructureDefinition/see-also', valueReference: logical(identifier) },
];
type Entry = { type: string; body: () => Json };
/** The contract's example of what a resident's app sends to add one. */
const createRequest = (file: string): Json => {
  const { value } = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../openapi/examples/${file}.json`, import.meta.url)), 'utf8')) as {
    value: Json;
  };
  // Who added it is the hub's to set (the writer); the example names its own resident.
  const { performer: _performer, informationSource: _source, ...entry } = value;
  return entry;
};
const ENTRIES: Entry[] = [
  { type: 'Observation', body: () => createRequest('observation-create-request') },
  { type: 'MedicationStatement', body: () => createRequest('medication-statement-create-request') },
];
const PLACES: Record<string, Record<string, (entry: Json, identifier: Json) => Json>> = {
  Observation: {
    extension: (entry, identifier) => ({ ...entry, extension: extension(identifier) }),
    'a component’s extension': (entry, identifier) => ({
      ...entry,
      component: [{ code: { text: 'Reading' }, valueQuantity: { value: 1 }, extension: extension(identifier) }],
    }),
    device: (entry, identifier) => ({ ...entry, device: logical(identifier) }),
    'a note’s author': (entry, identifier) => ({ ...entry, note: [{ text: 'Taken at home', authorReference: logical(identifier) }] }),
    'an identifier’s assigner': (entry, identifier) => ({
      ...entry,
      identifier: [{ system: 'urn:x', value: '1', assigner: logical(identifier) }],
    }),
  },
  MedicationStatement: {
    reasonReference: (entry, identifier) => ({ ...entry, reasonReference: [logical(identifier)] }),
    medicationReference: (entry, identifier) => {
      const { medicationCodeableConcept: _medicine, ...rest } = entry;
      return { ...rest, medicationReference: logical(identifier) };
    },
    extension: (entry, identifier) => ({ ...entry, extension: extension(identifier) }),
    'a dosage’s extension': (entry, identifier) => ({ ...entry, dosage: [{ text: 'One at night', extension: extension(identifier) }] }),
  },
};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      const patient = (await hub.store.read('Patient', self))?.resource ?? {};
      await hub.store.put({ ...patient, id: OTHER_RESIDENT, identifier: [] });
      await hub.store.put({ ...recordItem('Condition', OTHERS_CONDITION, OTHER_RESIDENT), identifier: [OTHERS_ITEM] });
      // Items of her record that name the other resident's problem, and twins that name nothing, by identifier.
      for (const [suffix, identifier] of [
        ['others', OTHERS_ITEM],
        ['nothing', NOTHING],
      ] as const) {
        await hub.store.put({ ...recordItem('CarePlan', `rbi-plan-${suffix}`, self), addresses: [logical(identifier)] });
        await hub.store.put({
          ...recordItem('MedicationStatement', `rbi-medicine-${suffix}`, self),
          reasonReference: [logical(identifier)],
        });
      }
    },
  });
  caredFor = addOnlyCarer(testHub).patientId;
  tokens.resident = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  tokens.carer = await testHub.signIn('carer', { scope: CARER_SCOPE });
  tokens.gp = await testHub.signIn('gp');
});
after(() => testHub.close());

/** An answer with the other resident's identifier and the twin's ids written as the other's: equal if nothing differs. */
const asTwin = (body: unknown): string =>
  JSON.stringify(body)
    .replaceAll(OTHERS_ITEM.value, NOTHING.value)
    .replaceAll('rbi-plan-others', 'rbi-plan-nothing')
    .replaceAll('rbi-medicine-others', 'rbi-medicine-nothing')
    .replace(/"(id|versionId|timestamp|lastUpdated|fullUrl|url)":"[^"]*"/g, '"$1":""');

describe('the reported case: her medicine names another resident’s problem by its identifier', () => {
  test('it is refused, as naming nothing is, and nothing is stored', async () => {
    const entry = ENTRIES[1]!.body();
    const send = (identifier: Json) =>
      testHub.call(tokens.resident, '/MedicationStatement', {
        method: 'POST',
        body: { ...entry, subject: { reference: `Patient/${self}` }, reasonReference: [logical(identifier)] },
      });
    const others = await send(OTHERS_ITEM);
    const nothing = await send(NOTHING);
    assert.equal(others.status, 422, JSON.stringify(others.body));
    assert.equal(JSON.stringify(others.body), JSON.stringify(nothing.body));
    const hers = await testHub.hub.store.search({
      type: 'MedicationStatement',
      patientId: self,
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 500,
      visibility: { hiddenLabels: [] },
    });
    const linked = hers.resources.filter(
      (item) => item['id'] !== 'rbi-medicine-others' && JSON.stringify(item).includes(OTHERS_ITEM.value),
    );
    assert.deepEqual(linked, [], 'nothing of hers names the other resident’s item');
  });
});

describe('the class: what a resident or carer adds, every place a reference may sit', () => {
  test('naming an item by identifier is 422 wherever it is, the same whether the item is another resident’s or nothing', async () => {
    const wrong: string[] = [];
    const writers = [
      { name: 'resident', token: () => tokens.resident, patient: () => self },
      { name: 'carer', token: () => tokens.carer, patient: () => caredFor },
    ];
    for (const writer of writers)
      for (const { type, body } of ENTRIES)
        for (const [place, put] of Object.entries(PLACES[type] ?? {})) {
          const entry = { ...body(), subject: { reference: `Patient/${writer.patient()}` } };
          // The entry itself is one they may add: only the reference stands in the way.
          const plain = await testHub.call(writer.token(), `/${type}`, { method: 'POST', body: entry });
          if (plain.status !== 201) wrong.push(`${writer.name}, ${type}: the entry alone is ${plain.status}`);
          const send = (identifier: Json) => testHub.call(writer.token(), `/${type}`, { method: 'POST', body: put(entry, identifier) });
          const others = await send(OTHERS_ITEM);
          const nothing = await send(NOTHING);
          if (others.status !== 422) wrong.push(`${writer.name}, ${type} ${place}: ${others.status}`);
          if (JSON.stringify(others.body) !== JSON.stringify(nothing.body)) wrong.push(`${writer.name}, ${type} ${place}: answers differ`);
        }
    // A permission or sharing choice names people and organisations by literal reference only.
    for (const [place, put] of Object.entries({
      extension: (consent: Json, identifier: Json) => ({ ...consent, extension: extension(identifier) }),
      'the provision’s data': (consent: Json, identifier: Json) => ({
        ...consent,
        provision: { ...(consent['provision'] as Json), data: [{ meaning: 'related', reference: logical(identifier) }] },
      }),
    })) {
      const consent = buildProxyConsent({
        patientId: self,
        relatedPersonId: 'rbi-none',
        actions: ['view-appointments'],
        withheld: [],
      }) as unknown as Json;
      const send = (identifier: Json) => testHub.call(tokens.resident, '/Consent', { method: 'POST', body: put(consent, identifier) });
      const others = await send(OTHERS_ITEM);
      const nothing = await send(NOTHING);
      if (others.status !== 422) wrong.push(`Consent ${place}: ${others.status}`);
      if (JSON.stringify(others.body) !== JSON.stringify(nothing.body)) wrong.push(`Consent ${place}: answers differ`);
    }
    assert.deepEqual(wrong, []);
  });
});

describe('the class: an item of her record naming another resident’s item by identifier, every way it is read', () => {
  test('is answered as its twin naming nothing, and the other resident’s item is never sent', async () => {
    const wrong: string[] = [];
    const ways: { name: string; path: (suffix: string) => string; pick: (body: Json, suffix: string) => unknown }[] = [
      { name: 'read of the plan', path: (suffix) => `/CarePlan/rbi-plan-${suffix}`, pick: (body) => body },
      { name: 'read of the medicine', path: (suffix) => `/MedicationStatement/rbi-medicine-${suffix}`, pick: (body) => body },
      {
        name: 'plans with the conditions they address',
        path: () => `/CarePlan?patient=${self}&_include=CarePlan:condition&_count=500`,
        pick: (body, suffix) => entriesNaming(body, `rbi-plan-${suffix}`),
      },
      {
        name: 'medicines',
        path: () => `/MedicationStatement?patient=${self}&_count=500`,
        pick: (body, suffix) => entriesNaming(body, `rbi-medicine-${suffix}`),
      },
      {
        name: 'the summary',
        path: () => `/Patient/${self}/$summary`,
        pick: (body, suffix) => entriesNaming(body, `rbi-medicine-${suffix}`),
      },
    ];
    for (const caller of ['resident', 'gp'] as const)
      for (const way of ways) {
        const others = await testHub.call(tokens[caller], way.path('others'));
        const nothing = await testHub.call(tokens[caller], way.path('nothing'));
        const name = `${caller}, ${way.name}`;
        const shown = way.pick(nothing.body, 'nothing');
        if (Array.isArray(shown) && shown[0] === undefined) wrong.push(`${name}: the item is not in the answer`);
        if (others.status !== 200) wrong.push(`${name}: ${others.status}`);
        if (asTwin(way.pick(others.body, 'others')) !== asTwin(way.pick(nothing.body, 'nothing')))
          wrong.push(`${name}: answered otherwise`);
        if (JSON.stringify(others.body).includes(OTHERS_CONDITION) || JSON.stringify(others.body).includes(OTHER_RESIDENT))
          wrong.push(`${name}: the other resident’s item is sent`);
      }
    assert.deepEqual(wrong, []);
  });
});

/** The entries of a Bundle about this item: itself, and anything included that it names. */
function entriesNaming(bundle: Json, id: string): unknown[] {
  const entries = (bundle['entry'] as { resource?: Json }[] | undefined) ?? [];
  const own = entries.find((entry) => entry.resource?.['id'] === id);
  return [own, entries.filter((entry) => entry.resource?.['resourceType'] === 'Condition').length];
}
