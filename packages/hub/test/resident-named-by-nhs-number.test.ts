/**
 * A source names the resident an item is about in more forms than `Patient/<id>`. Reported (review of fc824f7): an
 * Appointment for two residents whose second participant is named by NHS number alone (`actor.identifier`, as GP
 * Connect and booking systems send) was not in the second resident's record: her GP's search, summary and timeline
 * did not show it.
 *
 * The class: each form (`Patient/<id>`, this hub's address with or without a version, a version of `Patient/<id>`,
 * the NHS number alone, a reference with the NHS number) × each type's subject, and an Appointment's second
 * participant × whether it names a resident the hub holds (one), none (an unknown NHS number, another server's, an id
 * it does not hold), two, an NHS number failing its check digit, or a reference and an NHS number of different
 * residents. One the hub places is in her record as `Patient/<id>` is; one it cannot is refused (the item's subject;
 * a participant's bad input) or, a participant it does not hold, kept in no one's record but the others' — never
 * under another resident, never lost without a word.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import type { FhirHttpError } from '../src/fhir/outcome.js';
import { placeWrittenBefore } from '../src/policy/resident-references.js';
import { openStore } from '../src/store/open-store.js';
import type { HubStore } from '../src/store/store.js';
import { sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { disposeTestStore, newTestStoreSpec } from './support/test-store.js';

type Json = Record<string, unknown>;

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const SOURCE = 'https://care-record.example/source/F83999';

let testHub: TestHub;
let gp = '';
let A = '';
let B = '';
let nhsA = '';
let nhsB = '';
let base = '';
/** A resident the GP's organisation cares for, who has excluded it from her record, and her NHS number. */
let C = '';
let nhsC = '';
let residentToken = '';

/** Ten digits from nine in the test range, with their Modulus 11 check digit (none where it would be 10). */
function withCheckDigit(nine: string): string | undefined {
  const sum = [...nine].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : `${nine}${check}`;
}
const validNumbers = (from: number, count = 4) => {
  const found: string[] = [];
  for (let nine = from; found.length < count; nine += 1) {
    const number = withCheckDigit(String(nine));
    if (number) found.push(number);
  }
  return found;
};
const [UNKNOWN, TWINS] = validNumbers(999_888_770);
/** A number failing its check digit: a valid one with its last digit changed. */
const INVALID = `${UNKNOWN!.slice(0, 9)}${(Number(UNKNOWN!.at(-1)) + 1) % 10}`;

const byNhsNumber = (value: string) => ({ identifier: { system: NHS, value }, display: 'Named by NHS number' });

/** The forms that name B, a resident the hub holds. */
const PLACED_FORMS: Record<string, () => Json> = {
  'Patient/<id>': () => ({ reference: `Patient/${B}` }),
  'this hub’s address': () => ({ reference: `${base}/Patient/${B}` }),
  'this hub’s address, a version': () => ({ reference: `${base}/Patient/${B}/_history/1` }),
  'Patient/<id>, a version': () => ({ reference: `Patient/${B}/_history/1` }),
  'NHS number alone': () => byNhsNumber(nhsB),
  'NHS number with spaces': () => byNhsNumber(`${nhsB.slice(0, 3)} ${nhsB.slice(3, 6)} ${nhsB.slice(6)}`),
  'NHS number with dashes': () => byNhsNumber(`${nhsB.slice(0, 3)}-${nhsB.slice(3, 6)}-${nhsB.slice(6)}`),
  'reference and NHS number': () => ({ reference: `Patient/${B}`, identifier: { system: NHS, value: nhsB } }),
};

/** The forms that name no one resident the hub holds, and whether a second participant so named refuses the item. */
const UNPLACED_FORMS: Record<string, { actor: () => Json; participantRefused: boolean }> = {
  'an NHS number no one here holds': { actor: () => byNhsNumber(UNKNOWN!), participantRefused: false },
  'an NHS number two residents hold': { actor: () => byNhsNumber(TWINS!), participantRefused: false },
  'another server’s resident': { actor: () => ({ reference: `https://other.example/fhir/Patient/${B}` }), participantRefused: false },
  'this hub’s address, an id it does not hold': { actor: () => ({ reference: `${base}/Patient/nobody-here` }), participantRefused: false },
  'an NHS number failing its check digit': { actor: () => byNhsNumber(INVALID), participantRefused: true },
  'a reference and an NHS number of different residents': {
    actor: () => ({ reference: `Patient/${B}`, identifier: { system: NHS, value: nhsA } }),
    participantRefused: true,
  },
  'a reference and another’s NHS number, its system in another case': {
    actor: () => ({ reference: `Patient/${B}`, identifier: { system: 'https://FHIR.nhs.uk/id/nhs-number', value: nhsA } }),
    participantRefused: true,
  },
  // A subject so named is no one the hub holds (a participant may be a clinician or a room, and is kept as sent).
  'a display alone': { actor: () => ({ display: 'Mrs B' }), participantRefused: false },
  'a urn:uuid': { actor: () => ({ reference: 'urn:uuid:6b1f0f2e-3c44-4a55-9d2b-0e8f5a7c1d90' }), participantRefused: false },
  'a contained Patient': { actor: () => ({ reference: '#pt' }), participantRefused: false },
};

/** Each type, and the element that names its subject. */
const TYPES: Record<string, { element: string; fields: Json }> = {
  AllergyIntolerance: { element: 'patient', fields: { recordedDate: '2026-10-01' } },
  Condition: { element: 'subject', fields: { recordedDate: '2026-10-01' } },
  MedicationStatement: { element: 'subject', fields: { status: 'active', medicationCodeableConcept: { text: 'Paracetamol' } } },
  MedicationRequest: {
    element: 'subject',
    fields: { status: 'active', intent: 'order', medicationCodeableConcept: { text: 'Paracetamol' } },
  },
  Encounter: { element: 'subject', fields: { status: 'finished', class: { code: 'AMB' }, period: { start: '2026-10-01' } } },
  Observation: { element: 'subject', fields: { status: 'final', code: { text: 'Weight' }, effectiveDateTime: '2026-10-01' } },
  DiagnosticReport: {
    element: 'subject',
    fields: { status: 'final', code: { text: 'Full blood count' }, effectiveDateTime: '2026-10-01' },
  },
  Immunization: { element: 'patient', fields: { status: 'completed', vaccineCode: { text: 'Flu' }, occurrenceDateTime: '2026-10-01' } },
  Procedure: { element: 'subject', fields: { status: 'completed', performedDateTime: '2026-10-01' } },
  CarePlan: { element: 'subject', fields: { status: 'active', intent: 'plan', period: { start: '2026-10-01' } } },
  DocumentReference: { element: 'subject', fields: { status: 'current', date: '2026-10-01T09:00:00Z' } },
  Flag: { element: 'subject', fields: { status: 'active', code: { text: 'Key safe' }, period: { start: '2026-10-01' } } },
};

const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '-');

const itemOf = (type: string, id: string, subject: Json): Json => ({
  resourceType: type,
  id,
  meta: { source: SOURCE },
  ...TYPES[type]!.fields,
  [TYPES[type]!.element]: subject,
});

const jointAppointment = (id: string, second: Json): Json => ({
  resourceType: 'Appointment',
  id,
  meta: { source: SOURCE },
  status: 'booked',
  start: '2027-02-10T10:00:00Z',
  end: '2027-02-10T10:30:00Z',
  participant: [
    { actor: { reference: `Patient/${A}` }, status: 'accepted' },
    { actor: second, status: 'accepted' },
  ],
});

const entriesOf = (body: Json): Json[] =>
  ((body['entry'] as { resource?: Json }[] | undefined) ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));

/** Where the GP finds an item on a resident's record: by id, in a search of its type, in her `$summary`. */
async function foundOn(type: string, id: string, resident: string, withSummary: boolean): Promise<string[]> {
  const found: string[] = [];
  if ((await testHub.call(gp, `/${type}/${id}`)).status === 200) found.push('read');
  const search = await testHub.call(gp, `/${type}?patient=${resident}&_count=100`);
  if (entriesOf(search.body).some((resource) => resource['id'] === id)) found.push('search');
  if (withSummary) {
    const summary = await testHub.call(gp, `/Patient/${resident}/$summary`);
    if (entriesOf(summary.body).some((resource) => resource['id'] === id)) found.push('$summary');
  }
  return found;
}

/** What a write answers: its refusal's status and text, or `kept`. */
async function written(resource: Json): Promise<{ kept: true } | { status: number; text: string }> {
  try {
    await testHub.hub.store.put(resource);
    return { kept: true };
  } catch (error) {
    const refusal = error as FhirHttpError;
    return { status: refusal.status, text: JSON.stringify(refusal.outcome) };
  }
}

const residentsOf = async (type: string, id: string) =>
  (
    await testHub.hub.store.query<{ patient_id: string | null }>('SELECT patient_id FROM resource WHERE type = ? AND id = ?', [type, id])
  ).map((row) => row.patient_id);

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      A = hub.borough.personas.caredForResident!.patientId;
      B = hub.borough.personas.resident.patientId;
      base = hub.fhirBaseUrl;
      const organizations = [
        ...new Set(signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []))),
      ];
      await hub.store.relateMany(organizations.flatMap((organizationId) => [A, B].map((patientId) => ({ patientId, organizationId }))));
      const nhsNumberOf = async (id: string) =>
        String(
          ((await hub.store.read('Patient', id))?.resource['identifier'] as { system: string; value: string }[]).find(
            (identifier) => identifier.system === NHS,
          )?.value,
        );
      nhsA = await nhsNumberOf(A);
      nhsB = await nhsNumberOf(B);
      const gpOrganization = signInPersonas(hub.borough).find((persona) => persona.id === 'gp')!.organizationId!;
      [{ id: C = '' } = { id: '' }] = await hub.store.query<{ id: string }>(
        `SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (?, ?)
           AND id NOT IN (SELECT patient_id FROM resource WHERE type = 'Consent' AND patient_id IS NOT NULL)
         ORDER BY id LIMIT 1`,
        [A, B],
      );
      nhsC = await nhsNumberOf(C);
      await hub.store.relate(C, gpOrganization);
      await hub.store.put({ ...sharingChoiceExcluding(C, [gpOrganization]), id: 'c-excludes-the-gp' });
      for (const twin of ['twin-one', 'twin-two'])
        await hub.store.put({ resourceType: 'Patient', id: twin, identifier: [{ system: NHS, value: TWINS }], name: [{ family: 'Twin' }] });
    },
  });
  gp = await testHub.signIn('gp');
  residentToken = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs patient/Observation.c' });
});
after(() => testHub.close());

describe('reported: a joint appointment naming its second resident by NHS number alone', () => {
  test('is in her record: her GP reads it, finds it in her search and her summary', async () => {
    const id = 'joint-second-by-nhs-number';
    assert.deepEqual(await written(jointAppointment(id, byNhsNumber(nhsB))), { kept: true });
    assert.deepEqual(await foundOn('Appointment', id, B, true), ['read', 'search', '$summary']);
    assert.deepEqual(await foundOn('Appointment', id, A, true), ['read', 'search', '$summary'], 'and still in the first’s');
  });
});

describe('class: each form naming a resident the hub holds puts the item in her record, as Patient/<id> does', () => {
  for (const [form, subject] of Object.entries(PLACED_FORMS)) {
    test(`${form} × every type’s subject`, async () => {
      const failures: string[] = [];
      for (const type of Object.keys(TYPES)) {
        const id = `${slug(type)}-${slug(form)}`;
        const answer = await written(itemOf(type, id, subject()));
        if (!('kept' in answer)) failures.push(`${type}: refused ${answer.status}`);
        const residents = await residentsOf(type, id);
        if (JSON.stringify(residents) !== JSON.stringify([B])) failures.push(`${type}: kept under ${JSON.stringify(residents)}`);
        const found = await foundOn(type, id, B, false);
        if (found.join() !== 'read,search') failures.push(`${type}: found by ${found.join() || 'nothing'}`);
      }
      assert.deepEqual(failures, []);
    });
    test(`${form} × an appointment’s second participant`, async () => {
      const id = `joint-${slug(form)}`;
      assert.deepEqual(await written(jointAppointment(id, subject())), { kept: true });
      assert.deepEqual(await foundOn('Appointment', id, B, true), ['read', 'search', '$summary']);
      assert.deepEqual(await foundOn('Appointment', id, A, true), ['read', 'search', '$summary']);
    });
  }
});

describe('class: a form naming no one resident the hub holds is never kept under another, nor lost without a word', () => {
  for (const [form, { actor, participantRefused }] of Object.entries(UNPLACED_FORMS)) {
    test(`${form} × every type’s subject: refused, saying which element, not the number`, async () => {
      const failures: string[] = [];
      for (const type of Object.keys(TYPES)) {
        const id = `unplaced-${slug(type)}-${slug(form)}`;
        const answer = await written(itemOf(type, id, actor()));
        if ('kept' in answer) failures.push(`${type}: kept`);
        else {
          if (answer.status !== 422) failures.push(`${type}: ${answer.status}`);
          if (!answer.text.includes(`${type}.${TYPES[type]!.element}`)) failures.push(`${type}: the refusal does not name the element`);
          if ([nhsA, nhsB, UNKNOWN!, TWINS!, INVALID].some((number) => answer.text.includes(number)))
            failures.push(`${type}: the refusal tells an NHS number`);
        }
        if ((await testHub.hub.store.read(type, id)) !== undefined) failures.push(`${type}: stored`);
      }
      assert.deepEqual(failures, []);
    });
    test(`${form} × an appointment’s second participant: ${participantRefused ? 'refused' : 'in the first’s record, no one else’s'}`, async () => {
      const id = `joint-unplaced-${slug(form)}`;
      const answer = await written(jointAppointment(id, actor()));
      if (participantRefused) {
        assert.ok(!('kept' in answer) && answer.status === 422, 'refused');
        assert.ok(answer.text.includes('Appointment.participant[1].actor'), 'the refusal names the participant');
        assert.equal(await testHub.hub.store.read('Appointment', id), undefined);
        return;
      }
      assert.deepEqual(answer, { kept: true });
      assert.deepEqual(await foundOn('Appointment', id, A, true), ['read', 'search', '$summary'], 'the first’s record has it');
      const others = await testHub.hub.store.query<{ code: string }>(
        `SELECT t.code FROM search_token t JOIN resource r ON r.rid = t.rid WHERE r.type = 'Appointment' AND r.id = ? AND t.name = '_compartment'`,
        [id],
      );
      assert.deepEqual(others, [], 'in no one else’s record');
      for (const twin of ['twin-one', 'twin-two'])
        assert.ok(!entriesOf((await testHub.call(gp, `/Appointment?patient=${twin}&_count=100`)).body).some((item) => item['id'] === id));
    });
  }
  test('an appointment placing none of the residents it names is refused', async () => {
    const id = 'joint-unplaced-none';
    const appointment = jointAppointment(id, byNhsNumber(UNKNOWN!));
    (appointment['participant'] as Json[])[0] = { actor: byNhsNumber(TWINS!), status: 'accepted' };
    const answer = await written(appointment);
    assert.ok(!('kept' in answer) && answer.status === 422);
    assert.equal(await testHub.hub.store.read('Appointment', id), undefined);
  });
});

describe('a resident who excluded an organisation is respected for her part of a joint appointment, however named', () => {
  test('named by NHS number, she is withheld from that organisation exactly as named by Patient/<id>', async () => {
    const ways = async (id: string) => {
      const answers: Record<string, { status: number; text: string }> = {};
      for (const [way, path] of [
        ['read by id', `/Appointment/${id}`],
        ['her search', `/Appointment?patient=${C}&_count=100`],
        ['her $summary', `/Patient/${C}/$summary`],
        ['the other’s search', `/Appointment?patient=${A}&_count=100`],
      ] as const) {
        const answer = await testHub.call(gp, path);
        const holding = answer.status === 200 && 'entry' in answer.body ? entriesOf(answer.body).filter((item) => item['id'] === id) : [];
        const text = JSON.stringify(path.includes('?') || path.includes('$') ? holding : answer.body);
        if (text.includes(C) || text.includes(nhsC)) assert.fail(`${way}: she is shown to an organisation she excluded`);
        answers[way] = { status: answer.status, text: text.replaceAll(id, '<id>').replace(/"versionId":"[^"]*"/g, '') };
      }
      return answers;
    };
    const second = { reference: `Patient/${C}`, identifier: { system: NHS, value: nhsC }, display: 'Named by NHS number' };
    assert.deepEqual(await written(jointAppointment('excluded-by-reference', second)), { kept: true });
    assert.deepEqual(await written(jointAppointment('excluded-by-nhs-number', byNhsNumber(nhsC))), { kept: true });
    const byReference = await ways('excluded-by-reference');
    assert.notEqual(byReference['her search']!.status, 200, 'her record is closed to the organisation she excluded');
    assert.equal(byReference['read by id']!.status, 200, 'read under the other resident');
    assert.deepEqual(await ways('excluded-by-nhs-number'), byReference);
  });
});

describe('a resident’s own entry sent naming her otherwise than Patient/<id>', () => {
  const reading = (subject: Json) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
    subject,
    effectiveDateTime: '2026-11-27T08:30:00Z',
    valueQuantity: { value: 71, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  });
  for (const [form, subject] of Object.entries({ ...PLACED_FORMS, another: () => byNhsNumber(nhsA) }))
    test(`${form}: kept under her, or refused with an OperationOutcome — never under another`, async () => {
      const answer = await testHub.call(residentToken, '/Observation', { method: 'POST', body: reading(subject()) });
      if (answer.status === 201) {
        assert.deepEqual(await residentsOf('Observation', String(answer.body['id'])), [B]);
        assert.notEqual(form, 'another');
      } else {
        assert.ok(answer.status >= 400 && answer.status < 500, `refused, not ${answer.status}`);
        assert.equal(answer.body['resourceType'], 'OperationOutcome');
      }
    });
});

describe('R13: a resident adding to her own record by a version of her reference or her NHS number', () => {
  const reading = (subject: Json) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
    subject,
    effectiveDateTime: '2026-11-28T08:30:00Z',
    valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  });
  test('a version of her own reference is hers: kept under her as Patient/<id>', async () => {
    const answer = await testHub.call(residentToken, '/Observation', {
      method: 'POST',
      body: reading({ reference: `Patient/${B}/_history/1` }),
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.deepEqual(await residentsOf('Observation', String(answer.body['id'])), [B]);
  });
  test('by NHS number, hers or another’s alike: a 422 asking for Patient/<id>, never telling the number', async () => {
    const answers = [];
    for (const number of [nhsB, nhsA, UNKNOWN!]) {
      const answer = await testHub.call(residentToken, '/Observation', { method: 'POST', body: reading(byNhsNumber(number)) });
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      const text = JSON.stringify(answer.body);
      assert.ok(text.includes('Patient/<id>'), 'asks for her reference');
      assert.ok(![nhsA, nhsB, UNKNOWN!].some((held) => text.includes(held)), 'tells no NHS number');
      answers.push(text);
    }
    assert.equal(new Set(answers).size, 1, 'the same answer whoever holds the number');
  });
});

describe('a load of several items at once', () => {
  test('places an item by the NHS number of a resident written earlier in the same load', async () => {
    const [, , newcomer] = validNumbers(999_777_660);
    await testHub.hub.store.putMany(
      [
        { resourceType: 'Patient', id: 'newcomer', identifier: [{ system: NHS, value: newcomer }], name: [{ family: 'Newcomer' }] },
        itemOf('Condition', 'newcomer-condition', byNhsNumber(newcomer!)),
      ],
      Date.now(),
    );
    assert.deepEqual(await residentsOf('Condition', 'newcomer-condition'), ['newcomer']);
  });
  test('refuses the whole load when one item names no one resident', async () => {
    const load = [
      itemOf('Condition', 'load-placed', { reference: `Patient/${B}` }),
      itemOf('Condition', 'load-unknown', byNhsNumber(UNKNOWN!)),
    ];
    await assert.rejects(testHub.hub.store.putMany(load, Date.now()), (error: FhirHttpError) => error.status === 422);
    assert.equal(await testHub.hub.store.read('Condition', 'load-placed'), undefined, 'nothing of it is kept');
  });
});

describe('a store written before items were placed', () => {
  const itemsOf = async (store: HubStore, type: string, patientId: string): Promise<string[]> =>
    (
      await store.search({
        type,
        patientId,
        criteria: [],
        sort: { by: 'lastUpdated', descending: false },
        count: 10,
        visibility: { hiddenLabels: [] },
      })
    ).matches
      .map((match) => match.id)
      .sort();

  test('places what names a resident it holds once opened, and leaves what names no one as it was', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'care-record-placed-'));
    const spec = newTestStoreSpec(directory);
    const [held] = validNumbers(999_666_550);
    try {
      // As an older hub wrote them: kept as sent, under no one or the first participant only.
      const store = await openStore(spec);
      try {
        await store.put({ resourceType: 'Patient', id: 'pat-held', identifier: [{ system: NHS, value: held }] });
        await store.put(jointAppointment('before-joint', byNhsNumber(held!)));
        await store.put(itemOf('Condition', 'before-nhs-number', byNhsNumber(held!)));
        await store.put(itemOf('Condition', 'before-version', { reference: 'Patient/pat-held/_history/1' }));
        await store.put(itemOf('Condition', 'before-unknown', byNhsNumber(UNKNOWN!)));
        assert.deepEqual(await itemsOf(store, 'Condition', 'pat-held'), [], 'the older store misses them (the case this guards)');
        assert.deepEqual(await placeWrittenBefore(store, ['https://hub.example/fhir']), { placed: 3, unplaced: 1 });
        assert.deepEqual(await itemsOf(store, 'Condition', 'pat-held'), ['before-nhs-number', 'before-version']);
        assert.deepEqual(await itemsOf(store, 'Appointment', 'pat-held'), ['before-joint']);
        assert.deepEqual(await itemsOf(store, 'Appointment', A), ['before-joint'], 'still the first participant’s');
        assert.notEqual(await store.read('Condition', 'before-unknown'), undefined, 'what names no one is kept as it was');
        assert.deepEqual(
          await placeWrittenBefore(store, ['https://hub.example/fhir']),
          { placed: 0, unplaced: 1 },
          'tried again while one is left, the placed not written again',
        );
        await store.put({ resourceType: 'Patient', id: 'pat-later', identifier: [{ system: NHS, value: UNKNOWN }] });
        assert.deepEqual(
          await placeWrittenBefore(store, ['https://hub.example/fhir']),
          { placed: 1, unplaced: 0 },
          'placed once she is here',
        );
        assert.deepEqual(await itemsOf(store, 'Condition', 'pat-later'), ['before-unknown']);
        assert.deepEqual(await placeWrittenBefore(store, ['https://hub.example/fhir']), { placed: 0, unplaced: 0 }, 'then done');
      } finally {
        await store.close();
      }
    } finally {
      await disposeTestStore(spec);
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/**
 * R13: a number is placed by its current holder. A Patient holds it currently by an identifier of any `use` but `old`;
 * an inactive record `replaced-by` another is taken to the record that replaced it (a chain followed, a loop refused);
 * an inactive record no one replaced holds no one's number; two active holders are ambiguous.
 */
describe('class: an NHS number is placed under its current holder — holder states × forms × writers', () => {
  type Holder = { id: string; number?: boolean; use?: string; active?: false; replacedBy?: string };
  const STATES: Record<string, { holders: Holder[]; placedUnder?: string }> = {
    'an active record': { holders: [{ id: 'h-active', number: true }], placedUnder: 'h-active' },
    'an active record, secondary use': { holders: [{ id: 'h-secondary', number: true, use: 'secondary' }], placedUnder: 'h-secondary' },
    'a record replaced by hers, holding it as old (R13)': {
      holders: [
        { id: 'h-merged-old', number: true, use: 'old', active: false, replacedBy: 'h-merged' },
        { id: 'h-merged', number: true },
      ],
      placedUnder: 'h-merged',
    },
    'only a record replaced by hers (R13)': {
      holders: [{ id: 'h-dead', number: true, active: false, replacedBy: 'h-survivor' }, { id: 'h-survivor' }],
      placedUnder: 'h-survivor',
    },
    'a chain of two replaced records': {
      holders: [
        { id: 'h-chain-1', number: true, active: false, replacedBy: 'h-chain-2' },
        { id: 'h-chain-2', active: false, replacedBy: 'h-chain-end' },
        { id: 'h-chain-end' },
      ],
      placedUnder: 'h-chain-end',
    },
    'an active record and an inactive duplicate no one replaced': {
      holders: [
        { id: 'h-kept', number: true },
        { id: 'h-retired', number: true, active: false },
      ],
      placedUnder: 'h-kept',
    },
    'an active record holding it as old only': { holders: [{ id: 'h-old-only', number: true, use: 'old' }] },
    'an inactive record no one replaced': { holders: [{ id: 'h-inactive', number: true, active: false }] },
    'records replacing each other in a loop': {
      holders: [
        { id: 'h-loop-1', number: true, active: false, replacedBy: 'h-loop-2' },
        { id: 'h-loop-2', active: false, replacedBy: 'h-loop-1' },
      ],
    },
    'two active records': {
      holders: [
        { id: 'h-two-1', number: true },
        { id: 'h-two-2', number: true },
      ],
    },
  };
  const states = Object.entries(STATES);
  const numbers = validNumbers(999_555_440, states.length);
  const numberOf = new Map(states.map(([state], index) => [state, numbers[index]!]));
  const spaced = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
  const FORMS: Record<string, (n: string, holder: string | undefined) => Json | undefined> = {
    'NHS number alone': (n) => byNhsNumber(n),
    'NHS number with dashes': (n) => byNhsNumber(spaced(n).replaceAll(' ', '-')),
    'NHS number with spaces': (n) => byNhsNumber(spaced(n)),
    'NHS number, its system in another case': (n) => ({ identifier: { system: 'https://FHIR.NHS.uk/id/NHS-number', value: n } }),
    'her reference and the NHS number': (n, holder) =>
      holder === undefined ? undefined : { reference: `Patient/${holder}`, identifier: { system: NHS, value: n } },
  };
  const WRITERS: Record<string, (item: Json) => Promise<unknown>> = {
    put: (item) => testHub.hub.store.put(item),
    putMany: (item) => testHub.hub.store.putMany([item], Date.now()),
    'a transaction': (item) => testHub.hub.store.transaction((store) => store.put(item)),
  };

  before(async () => {
    for (const [state, { holders }] of states)
      for (const holder of holders)
        await testHub.hub.store.put({
          resourceType: 'Patient',
          id: holder.id,
          ...(holder.active === false ? { active: false } : { active: true }),
          identifier: holder.number ? [{ system: NHS, value: numberOf.get(state), ...(holder.use ? { use: holder.use } : {}) }] : [],
          ...(holder.replacedBy ? { link: [{ other: { reference: `Patient/${holder.replacedBy}` }, type: 'replaced-by' }] } : {}),
          name: [{ family: 'Holder' }],
        });
  });

  for (const [state, { placedUnder }] of states)
    test(`${state}: ${placedUnder === undefined ? 'refused, never guessed at' : 'under the record now hers'}`, async () => {
      const n = numberOf.get(state)!;
      const failures: string[] = [];
      for (const [form, subjectOf] of Object.entries(FORMS))
        for (const [writer, write] of Object.entries(WRITERS)) {
          const subject = subjectOf(n, placedUnder);
          if (subject === undefined) continue;
          const id = `held-${slug(state)}-${slug(form)}-${slug(writer)}`.slice(0, 64);
          let refusal: FhirHttpError | undefined;
          await write(itemOf('Condition', id, subject)).catch((error: FhirHttpError) => (refusal = error));
          const residents = await residentsOf('Condition', id);
          const where = `${form} by ${writer}`;
          if (placedUnder !== undefined) {
            if (refusal) failures.push(`${where}: refused ${refusal.status}`);
            if (JSON.stringify(residents) !== JSON.stringify([placedUnder])) failures.push(`${where}: under ${JSON.stringify(residents)}`);
          } else {
            if (refusal?.status !== 422) failures.push(`${where}: ${refusal ? refusal.status : `kept under ${JSON.stringify(residents)}`}`);
            if (refusal && JSON.stringify(refusal.outcome).includes(n)) failures.push(`${where}: the refusal tells the NHS number`);
            if (residents.length > 0) failures.push(`${where}: stored`);
          }
        }
      assert.deepEqual(failures, []);
    });
});
