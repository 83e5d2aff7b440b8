/**
 * A prescription that names a withheld medicine by reference. Reviewer R10 found that once `GET /Medication/prep`
 * was withheld from the carer and from a hospital nurse of another organisation (R11), a MedicationRequest or
 * MedicationStatement naming it only by `medicationReference` was still sent to them, its reference taken out: the
 * SDK showed "Name could not be read" with its dose and prescriber, and which Medications a reader could not open
 * told the rest. Written with the same words inline (`medicationCodeableConcept`) the item was withheld.
 *
 * The class: each medication item type × each way it names its medicine (relative `Medication/x`, a `_history`
 * version of it, this hub's absolute URL, a contained `#med`) × each way a Medication is sensitive (words in its
 * code's text or a coding's display, a SNOMED code, its narrative, a restricted or NOPAT label) and an ordinary one ×
 * the readers (the GP whose practice recorded it, another organisation's nurse, the carer, the resident, a
 * receptionist): a reader is answered about the item by reference — read by id, by `_id` with its total and withheld
 * notice, a search of the record, `_include`, `$summary` — exactly as about the same item with the medicine inline.
 * And the Medication is read when the item is asked for: a change to it counts at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { MEDICINES, type Medicine } from './support/sensitive-medicines.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

const TYPES = ['MedicationRequest', 'MedicationStatement'] as const;
type ItemType = (typeof TYPES)[number];
/** Each way an item names its medicine by reference (`fhir`: this hub's base). */
const FORMS: Record<string, (medicine: Medicine, fhir: string) => Json> = {
  relative: (medicine) => ({ medicationReference: { reference: `Medication/med-${medicine}` } }),
  version: (medicine) => ({ medicationReference: { reference: `Medication/med-${medicine}/_history/1` } }),
  absolute: (medicine, fhir) => ({ medicationReference: { reference: `${fhir}/Medication/med-${medicine}` } }),
  contained: (medicine) => {
    const { meta, ...rest } = MEDICINES[medicine]!.medication;
    // FHIR gives a contained resource no meta of its own but its labels (dom-5); a contained label is the item's.
    const labels = (meta as { security?: unknown } | undefined)?.security;
    return {
      contained: [{ resourceType: 'Medication', id: 'med', ...rest, ...(labels ? { meta: { security: labels } } : {}) }],
      medicationReference: { reference: '#med' },
    };
  },
};
const READERS = ['gp', 'hospital-nurse', 'carer', 'resident', 'receptionist'] as const;
type Reader = (typeof READERS)[number];

let testHub: TestHub;
let source = '';
const tokens: Partial<Record<Reader, string>> = {};
/** The record each reader opens: the carer's is the mother's, everyone else's the resident's. */
const recordOf: Partial<Record<Reader, string>> = {};
const patientMark: Record<string, string> = {};

const itemId = (type: ItemType, medicine: string, form: string, patient: string) =>
  `${type === 'MedicationRequest' ? 'mr' : 'ms'}-${medicine}-${form}-${patientMark[patient]}`;

const item = (type: ItemType, id: string, patient: string, naming: Json): Json => {
  const { meta, ...rest } = naming;
  const labels = (meta as { security?: unknown } | undefined)?.security;
  return {
    resourceType: type,
    id,
    meta: { source, ...(labels ? { security: labels } : {}) },
    status: 'active',
    ...(type === 'MedicationRequest' ? { intent: 'order' } : {}),
    subject: { reference: `Patient/${patient}` },
    ...rest,
  };
};

const entries = (body: Json, mode?: string) =>
  ((body['entry'] as Entry[] | undefined) ?? [])
    .filter((entry) => mode === undefined || entry.search?.mode === mode)
    .map((entry) => entry.resource ?? {});
const idsOf = (resources: Json[], type: string) =>
  resources.filter((resource) => resource['resourceType'] === type).map((resource) => String(resource['id']));
const withheldNotice = (body: Json) => entries(body, 'outcome').some((outcome) => JSON.stringify(outcome).includes('INFORMATION_WITHHELD'));

before(async () => {
  testHub = await startTestHub();
  const hub = testHub.hub;
  const personas = signInPersonas(hub.borough);
  const persona = (id: string) => personas.find((candidate) => candidate.id === id)!;
  const { resident, mother } = await setUpWithheldReferenceReaders(hub, { carer: { actions: ['view-record'] } });
  patientMark[resident] = 'r';
  patientMark[mother] = 'm';
  await hub.store.relate(resident, persona('hospital-nurse').organizationId ?? '');
  source = `https://care-record.example/source/${persona('gp').odsCode}`;
  for (const [medicine, { medication, inline }] of Object.entries(MEDICINES)) {
    const { meta, ...rest } = medication;
    await hub.store.put({ resourceType: 'Medication', id: `med-${medicine}`, meta: { source, ...(meta as Json | undefined) }, ...rest });
    for (const patient of [resident, mother])
      for (const type of TYPES) {
        await hub.store.put(item(type, itemId(type, medicine, 'inline', patient), patient, inline));
        for (const [form, naming] of Object.entries(FORMS))
          await hub.store.put(item(type, itemId(type, medicine, form, patient), patient, naming(medicine, testHub.fhir)));
      }
  }
  for (const reader of READERS) {
    tokens[reader] = await testHub.signIn(reader);
    recordOf[reader] = reader === 'carer' ? mother : resident;
  }
});
after(() => testHub.close());

/** Whether a reader is withheld some of these items (every reader but the recording practice is: NOPAT, or R11). */
const withheldSomeFrom = (reader: Reader) => reader !== 'gp';

/** Everything a reader is told about one item, its id left out: what must not differ between ways of naming it. */
async function answersAbout(
  reader: Reader,
  type: ItemType,
  id: string,
  record: { listed: Json; included: Json; summary: Json; status: number; summaryStatus: number },
): Promise<string> {
  const read = await testHub.call(tokens[reader], `/${type}/${id}`);
  return JSON.stringify({
    read: read.status,
    listed: record.status === 200 ? idsOf(entries(record.listed, 'match'), type).includes(id) : record.status,
    included: record.status === 200 ? idsOf(entries(record.included, 'match'), type).includes(id) : record.status,
    summary: record.summaryStatus === 200 ? idsOf(entries(record.summary), type).includes(id) : record.summaryStatus,
  });
}

describe('an item follows the labels of the Medication it names', () => {
  test('the reported case: a PrEP prescription by reference is withheld from the carer and another organisation', async () => {
    const shown: Record<string, number | boolean> = {};
    for (const reader of ['carer', 'hospital-nurse', 'gp'] as const) {
      const id = itemId('MedicationRequest', 'prep', 'relative', recordOf[reader]!);
      shown[`${reader} read`] = (await testHub.call(tokens[reader], `/MedicationRequest/${id}`)).status;
      const search = await testHub.call(tokens[reader], `/MedicationRequest?patient=${recordOf[reader]}&_count=200`);
      shown[`${reader} search`] = idsOf(entries(search.body, 'match'), 'MedicationRequest').includes(id);
    }
    assert.deepEqual(shown, {
      'carer read': 404,
      'carer search': false,
      'hospital-nurse read': 404,
      'hospital-nurse search': false,
      'gp read': 200,
      'gp search': true,
    });
  });

  test('every type × reference form × medicine × reader is answered as the medicine written inline', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const reader of READERS) {
      const token = tokens[reader];
      const patient = recordOf[reader]!;
      const summary = await testHub.call(token, `/Patient/${patient}/$summary`);
      for (const type of TYPES) {
        const listed = await testHub.call(token, `/${type}?patient=${patient}&_count=500`);
        const included = await testHub.call(token, `/${type}?patient=${patient}&_include=${type}:medication&_count=500`);
        // Counted as withheld, never in the total: the total is what is shown, and the notice says some are not.
        const matches = idsOf(entries(listed.body, 'match'), type).length;
        if (listed.status === 200 && (listed.body['total'] !== matches || withheldNotice(listed.body) !== withheldSomeFrom(reader)))
          wrong.push(
            `${reader} ${type} search: total ${String(listed.body['total'])} of ${matches} shown, notice ${withheldNotice(listed.body)}`,
          );
        const record = {
          listed: listed.body,
          included: included.body,
          summary: summary.body,
          status: listed.status,
          summaryStatus: summary.status,
        };
        for (const medicine of Object.keys(MEDICINES)) {
          const inline = await answersAbout(reader, type, itemId(type, medicine, 'inline', patient), record);
          for (const form of Object.keys(FORMS)) {
            cases++;
            const named = await answersAbout(reader, type, itemId(type, medicine, form, patient), record);
            if (named !== inline) wrong.push(`${reader} ${type} ${medicine} ${form}: ${named}, inline ${inline}`);
          }
        }
      }
    }
    assert.equal(cases, READERS.length * TYPES.length * Object.keys(MEDICINES).length * Object.keys(FORMS).length);
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answers differ from the medicine written inline`);
  });

  test('a Medication changed after the prescription was written counts at once, both ways', async () => {
    const carer = tokens['carer'];
    const patient = recordOf['carer']!;
    const { medication } = MEDICINES['warfarin']!;
    await testHub.hub.store.put({ resourceType: 'Medication', id: 'med-changing', meta: { source }, ...medication });
    await testHub.hub.store.put(
      item('MedicationStatement', 'ms-changing', patient, { medicationReference: { reference: 'Medication/med-changing' } }),
    );
    const seen = async () => (await testHub.call(carer, '/MedicationStatement/ms-changing')).status;
    const answers = [await seen()];
    await testHub.hub.store.put({ resourceType: 'Medication', id: 'med-changing', meta: { source }, ...MEDICINES['prep']!.medication });
    answers.push(await seen());
    await testHub.hub.store.put({ resourceType: 'Medication', id: 'med-changing', meta: { source }, ...medication });
    answers.push(await seen());
    assert.deepEqual(answers, [200, 404, 200]);
  });
});
