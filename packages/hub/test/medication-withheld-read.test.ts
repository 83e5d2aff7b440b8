/**
 * A sensitive medicine read by its Medication id. Reviewer R10 found on a hub on loopback that `GET /Medication/prep`
 * answered `200` "Emtricitabine/tenofovir (HIV PrEP)" to the resident's carer and to a hospital nurse of another
 * organisation, while `GET /Medication?_id=prep` answered neither of them (R11): a read withheld nothing that a
 * search withholds. And a Medication whose narrative says "Estradiol for gender reassignment" was labelled by
 * nothing, so a carer was given it by its id and in `GET /Medication`.
 *
 * The class: each way a Medication says it is sensitive (words in `code.text`, in a coding's display, a SNOMED code
 * the hub reads as sensitive, its narrative `text.div`) and an ordinary one × the readers (the GP whose practice
 * recorded it, a hospital nurse of another organisation, the carer, the resident, a receptionist) × how it is asked
 * for (by its id, by `_id`, by `_include` from a prescription and a medicine statement naming it, in `$summary`):
 * every way answers what a read by its id answers, and that is shown exactly when R11 lets the reader see it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

/** Each way a Medication says what it is for; `sensitive` when R11 withholds it from another organisation. */
const MEDICINES: Record<string, { sensitive: boolean; medication: Json }> = {
  prep: {
    sensitive: true,
    medication: { code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000002' }], text: 'Emtricitabine/tenofovir (HIV PrEP)' } },
  },
  'display-words': {
    sensitive: true,
    medication: {
      code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000003', display: 'Mifepristone for termination of pregnancy' }] },
    },
  },
  'snomed-code': {
    sensitive: true,
    medication: {
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '105629000' },
          { system: 'https://dmd.nhs.uk', code: '9990000004' },
        ],
      },
    },
  },
  narrative: {
    sensitive: true,
    medication: {
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Estradiol for gender reassignment</div>' },
      code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000005' }] },
    },
  },
  warfarin: {
    sensitive: false,
    medication: { code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000001' }], text: 'Warfarin 1mg tablets' } },
  },
};
const READERS = ['gp', 'hospital-nurse', 'carer', 'resident', 'receptionist'] as const;
type Reader = (typeof READERS)[number];

let testHub: TestHub;
const tokens: Partial<Record<Reader, string>> = {};
/** The record each reader opens: the carer's is the mother's, everyone else's the resident's. */
const recordOf: Partial<Record<Reader, string>> = {};

const entries = (body: Json, mode?: string) =>
  ((body['entry'] as Entry[] | undefined) ?? [])
    .filter((entry) => mode === undefined || entry.search?.mode === mode)
    .map((entry) => entry.resource ?? {});
const medicationIds = (resources: Json[]) =>
  resources.filter((resource) => resource['resourceType'] === 'Medication').map((resource) => String(resource['id']));

before(async () => {
  testHub = await startTestHub();
  const hub = testHub.hub;
  const personas = signInPersonas(hub.borough);
  const persona = (id: string) => personas.find((candidate) => candidate.id === id)!;
  const { resident, mother } = await setUpWithheldReferenceReaders(hub, { carer: { actions: ['view-record'] } });
  await hub.store.relate(resident, persona('hospital-nurse').organizationId ?? '');
  const source = `https://care-record.example/source/${persona('gp').odsCode}`;
  for (const [id, { medication }] of Object.entries(MEDICINES)) {
    await hub.store.put({ resourceType: 'Medication', id, meta: { source }, ...medication });
    for (const patient of [resident, mother]) {
      // The prescription names its medicine by reference only: nothing in it says what it is for.
      await hub.store.put({
        resourceType: 'MedicationRequest',
        id: `mr-${id}-${patient}`,
        meta: { source },
        status: 'active',
        intent: 'order',
        subject: { reference: `Patient/${patient}` },
        medicationReference: { reference: `Medication/${id}` },
      });
      await hub.store.put({
        resourceType: 'MedicationStatement',
        id: `ms-${id}-${patient}`,
        meta: { source },
        status: 'active',
        subject: { reference: `Patient/${patient}` },
        medicationReference: { reference: `Medication/${id}` },
      });
    }
  }
  for (const reader of READERS) {
    tokens[reader] = await testHub.signIn(reader);
    recordOf[reader] = reader === 'carer' ? mother : resident;
  }
});
after(() => testHub.close());

/** Whether R11 lets this reader see a Medication: the recording practice, the resident, and anyone if ordinary. */
const shownTo = (reader: Reader, id: string) => reader === 'gp' || reader === 'resident' || !MEDICINES[id]!.sensitive;

describe('a withheld Medication read by its id', () => {
  test('the reported case: the PrEP medicine by its id is withheld from the carer and another organisation', async () => {
    const answers: Record<string, number> = {};
    for (const reader of ['carer', 'hospital-nurse', 'gp'] as const)
      answers[reader] = (await testHub.call(tokens[reader], '/Medication/prep')).status;
    assert.deepEqual(answers, { carer: 404, 'hospital-nurse': 404, gp: 200 });
    const search = await testHub.call(tokens['carer'], '/Medication?_id=prep');
    assert.equal(search.status, 200);
    assert.deepEqual(medicationIds(entries(search.body, 'match')), []);
  });

  test('every sensitivity form × reader × way of asking answers alike, and as R11 says', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const reader of READERS) {
      const token = tokens[reader];
      const patient = recordOf[reader]!;
      const listed = await testHub.call(token, '/Medication?_count=100');
      const summary = await testHub.call(token, `/Patient/${patient}/$summary`);
      const includes = await Promise.all(
        (['MedicationRequest', 'MedicationStatement'] as const).map(async (type) => ({
          type,
          answer: await testHub.call(token, `/${type}?patient=${patient}&_include=${type}:medication&_count=100`),
        })),
      );
      for (const id of Object.keys(MEDICINES)) {
        cases++;
        const read = await testHub.call(token, `/Medication/${id}`);
        const byId = await testHub.call(token, `/Medication?_id=${id}`);
        if (reader === 'receptionist') {
          // R3: a medicine is clinical, whatever it is.
          for (const [way, status] of [
            ['read', read.status],
            ['_id', byId.status],
            ['list', listed.status],
          ] as const)
            if (status !== 403) wrong.push(`${reader} ${id} ${way}: ${status}`);
          continue;
        }
        const expected = shownTo(reader, id);
        const ways: [string, boolean | string][] = [
          ['read', read.status === 200 ? true : read.status === 404 ? false : `status ${read.status}`],
          ['_id', byId.status === 200 ? medicationIds(entries(byId.body, 'match')).includes(id) : `status ${byId.status}`],
          ['list', listed.status === 200 ? medicationIds(entries(listed.body, 'match')).includes(id) : `status ${listed.status}`],
          ['$summary', summary.status === 200 ? medicationIds(entries(summary.body)).includes(id) : `status ${summary.status}`],
          ...includes.map(({ type, answer }): [string, boolean | string] => [
            `_include ${type}`,
            answer.status === 200 ? medicationIds(entries(answer.body, 'include')).includes(id) : `status ${answer.status}`,
          ]),
        ];
        for (const [way, shown] of ways) if (shown !== expected) wrong.push(`${reader} ${id} ${way}: ${String(shown)}, not ${expected}`);
      }
    }
    assert.equal(cases, READERS.length * Object.keys(MEDICINES).length);
    assert.deepEqual(wrong, [], `${wrong.length} wrong answers over ${cases} reader × medicine cases`);
  });
});
