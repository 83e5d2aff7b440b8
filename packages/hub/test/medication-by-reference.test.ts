/**
 * A medicine named by reference. GP Connect and most EPRs send a prescription as
 * `medicationReference: {reference: "Medication/x"}` with the Medication beside it, as the contract allows
 * (`MedicationChoice`). Reviewer R7 found the hub could not supply it: `_include=MedicationRequest:medication` was
 * `400` and `GET /Medication/x` was `404`, so a warfarin order read "Not known".
 *
 * The class: every way a prescription or a statement names its medicine (a contained Medication, a reference to one
 * the hub holds, a reference with a display only, a reference to none, a concept) × both types × the readers (a GP,
 * a receptionist, an app launched with narrow `patient/` scopes): what is included is exactly the Medications named
 * that the reader may read by their id, and every answer is the contract's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { checkResponse } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

const TYPES = ['MedicationRequest', 'MedicationStatement'] as const;
type MedicineType = (typeof TYPES)[number];

/** Each way an item names its medicine; `named` is the Medication it points at in this hub, if any. */
const FORMS = {
  contained: (id: string) => ({
    contained: [{ resourceType: 'Medication', id: 'med', code: { text: `Contained ${id}` } }],
    medicationReference: { reference: '#med' },
  }),
  'reference, included': (id: string) => ({ medicationReference: { reference: `Medication/med-${id}` } }),
  'reference with a display only': (id: string) => ({ medicationReference: { display: `Display ${id}` } }),
  'reference to none': (id: string) => ({ medicationReference: { reference: `Medication/gone-${id}` } }),
  concept: (id: string) => ({ medicationCodeableConcept: { text: `Concept ${id}` } }),
} as const;
type Form = keyof typeof FORMS;

let testHub: TestHub;
let patientId = '';
let source = '';
const tokens: Record<string, string> = {};

const itemId = (type: MedicineType, form: Form) =>
  `${type === 'MedicationRequest' ? 'mr' : 'ms'}-by-${form.replaceAll(/[^a-z]+/g, '-').replace(/-$/, '')}`;

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patientId = personas.find((persona) => persona.id === 'resident')!.patientId!;
  source = `https://care-record.example/source/${personas.find((persona) => persona.id === 'gp')!.odsCode}`;
  for (const type of TYPES)
    for (const form of Object.keys(FORMS) as Form[]) {
      const id = itemId(type, form);
      if (form === 'reference, included')
        await testHub.hub.store.put({
          resourceType: 'Medication',
          id: `med-${id}`,
          meta: { source },
          code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000001' }], text: `Warfarin for ${id}` },
        });
      await testHub.hub.store.put({
        resourceType: type,
        id,
        meta: { source },
        status: 'active',
        ...(type === 'MedicationRequest' ? { intent: 'order' } : {}),
        subject: { reference: `Patient/${patientId}` },
        ...FORMS[form](id),
      });
    }
  tokens['GP'] = await testHub.signIn('gp');
  tokens['receptionist'] = await testHub.signIn('receptionist');
  const launch = async () => {
    const answer = await fetch(`${testHub.origin}/auth/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: patientId }),
    });
    return ((await answer.json()) as { launch: string }).launch;
  };
  tokens['narrow-scope app'] = await testHub.signIn('gp', {
    launch: await launch(),
    scope: 'openid fhirUser launch patient/MedicationRequest.rs patient/MedicationStatement.rs patient/Medication.rs',
  });
  tokens['app without Medication'] = await testHub.signIn('gp', {
    launch: await launch(),
    scope: 'openid fhirUser launch patient/MedicationRequest.rs patient/MedicationStatement.rs',
  });
});
after(() => testHub.close());

const entries = (body: Json, mode: string) =>
  ((body['entry'] as Entry[] | undefined) ?? []).filter((entry) => entry.search?.mode === mode).map((entry) => entry.resource!);
const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined) ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .map((coding) => coding.code)[0];

async function searchWithMedicines(reader: string, type: MedicineType) {
  const answer = await testHub.call(tokens[reader], `/${type}?patient=${patientId}&_include=${type}:medication&_count=500`);
  const check = checkResponse(testHub.hub.schemas, 'GET', `/${type}`, answer.status, answer.body);
  return { ...answer, check };
}

describe('a medicine named by reference', () => {
  test('the reported case: a GP reads a warfarin order with its Medication, by _include and by its id', async () => {
    const search = await searchWithMedicines('GP', 'MedicationRequest');
    assert.equal(search.status, 200);
    assert.deepEqual(search.check.errors, []);
    const id = itemId('MedicationRequest', 'reference, included');
    assert.ok(entries(search.body, 'match').some((match) => match['id'] === id));
    const included = entries(search.body, 'include').filter((resource) => resource['resourceType'] === 'Medication');
    assert.deepEqual(
      included.map((medication) => (medication['code'] as { text?: string }).text),
      [`Warfarin for ${id}`],
    );
    const read = await testHub.call(tokens['GP'], `/Medication/med-${id}`);
    assert.equal(read.status, 200);
    assert.deepEqual(checkResponse(testHub.hub.schemas, 'GET', '/Medication/{id}', 200, read.body).errors, []);
  });

  test('every form × both types × each reader: exactly the readable Medications named are included', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const reader of ['GP', 'receptionist', 'narrow-scope app', 'app without Medication'])
      for (const type of TYPES) {
        const search = await searchWithMedicines(reader, type);
        if (!search.check.valid) wrong.push(`${reader} ${type}: not the contract's (${search.check.errors.join('; ')})`);
        if (reader === 'receptionist') {
          cases++;
          // R3: medicines are clinical; so is what names them.
          if (search.status !== 403 || hubCode(search.body) !== 'ROLE_RESTRICTED')
            wrong.push(`${reader} ${type}: ${search.status} ${String(hubCode(search.body))}`);
          continue;
        }
        if (search.status !== 200) {
          for (const form of Object.keys(FORMS)) {
            cases++;
            wrong.push(`${reader} ${type} ${form}: ${search.status}`);
          }
          continue;
        }
        const matched = new Set(entries(search.body, 'match').map((match) => match['id']));
        const included = new Set(
          entries(search.body, 'include').map((resource) => `${String(resource['resourceType'])}/${String(resource['id'])}`),
        );
        for (const form of Object.keys(FORMS) as Form[]) {
          cases++;
          const id = itemId(type, form);
          if (!matched.has(id)) wrong.push(`${reader} ${type} ${form}: not found`);
          const named =
            form === 'reference, included' ? `Medication/med-${id}` : form === 'reference to none' ? `Medication/gone-${id}` : undefined;
          if (named === undefined) continue;
          const read = await testHub.call(tokens[reader], `/${named}`);
          if (!checkResponse(testHub.hub.schemas, 'GET', '/Medication/{id}', read.status, read.body).valid)
            wrong.push(`${reader} reads ${named}: not the contract's ${read.status}`);
          const readable = read.status === 200;
          const expected = form === 'reference, included' && reader !== 'app without Medication';
          if (readable !== expected) wrong.push(`${reader} reads ${named}: ${read.status}`);
          if (included.has(named) !== readable)
            wrong.push(`${reader} ${type} ${form}: included ${included.has(named)}, readable ${readable}`);
        }
      }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} cases`);
    assert.equal(cases, 4 * 2 * 5 - 2 * 4);
  });

  test('the summary carries the Medications its medicines name, to each reader who may read them', async () => {
    const wrong: string[] = [];
    const named = TYPES.map((type) => `Medication/med-${itemId(type, 'reference, included')}`);
    for (const reader of ['GP', 'receptionist', 'narrow-scope app', 'app without Medication']) {
      const answer = await testHub.call(tokens[reader], `/Patient/${patientId}/$summary`);
      const check = checkResponse(testHub.hub.schemas, 'GET', '/Patient/{id}/$summary', answer.status, answer.body);
      if (!check.valid) wrong.push(`${reader}: not the contract's ${answer.status} (${check.errors.join('; ')})`);
      const medications = ((answer.body['entry'] as Entry[] | undefined) ?? [])
        .map((entry) => entry.resource ?? {})
        .filter((resource) => resource['resourceType'] === 'Medication')
        .map((resource) => `Medication/${String(resource['id'])}`)
        .sort();
      // Readable by its id, as a search's _include gives it; the summary of a narrow app holds no Patient.
      const expected = reader === 'GP' || reader === 'narrow-scope app' ? named : [];
      if (answer.status === 200 && JSON.stringify(medications) !== JSON.stringify(expected))
        wrong.push(`${reader}: ${medications.join(', ') || 'none'}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('Medication is searched by _id and by its dm+d code; a receptionist is refused it', async () => {
    const id = `med-${itemId('MedicationStatement', 'reference, included')}`;
    for (const query of [`_id=${id}`, `code=${encodeURIComponent('https://dmd.nhs.uk|9990000001')}`]) {
      const answer = await testHub.call(tokens['GP'], `/Medication?${query}`);
      assert.equal(answer.status, 200, query);
      assert.deepEqual(checkResponse(testHub.hub.schemas, 'GET', '/Medication', 200, answer.body).errors, []);
      const found = entries(answer.body, 'match').map((match) => match['id']);
      assert.ok(found.includes(id), `${query}: ${found.join(', ')}`);
    }
    const refused = await testHub.call(tokens['receptionist'], `/Medication/${id}`);
    assert.deepEqual([refused.status, hubCode(refused.body)], [403, 'ROLE_RESTRICTED']);
  });
});
