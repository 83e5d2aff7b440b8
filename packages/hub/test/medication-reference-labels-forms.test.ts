/**
 * The forms 823f007 did not follow. Reviewer R13 found, with another organisation's nurse and the carer, that once a
 * prescription naming a withheld Medication (`Medication/med-prep`) by reference was withheld, the same medicine
 * still reached them by other ways of naming it:
 * - a Medication made of it (`ingredient.itemReference`), named directly, through a contained Medication (`#w`), or
 *   two steps away: `GET /Medication/<wrapper>` was 200 with the withheld id inside, `_include` returned it, and
 *   prescriptions naming the wrapper were shown;
 * - `medicationReference.identifier` carrying the product's code with no `reference`, or a `display` alone;
 * - this hub's own address spelled by another name of its machine (`localhost` for `127.0.0.1`).
 *
 * The class: each item type × each of these forms × each way a Medication is sensitive and an ordinary one × the
 * readers is answered — read by id, search, `_include`, `$summary` — exactly as the same item with the medicine
 * written inline (for an identifier or a display, inline as the same coding or text). A Medication made of one is
 * answered as the one it is made of. A `urn:uuid:` reference the hub cannot resolve says nothing either way: the item
 * is answered as one naming no medicine it can read (docs/access-policy.md, R11).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { MEDICINES } from './support/sensitive-medicines.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

const TYPES = ['MedicationRequest', 'MedicationStatement'] as const;
type ItemType = (typeof TYPES)[number];

const medicationOf = (medicine: string) => MEDICINES[medicine]!.medication;
const firstCoding = (medicine: string) =>
  ((medicationOf(medicine)['code'] as { coding?: { system: string; code: string }[] } | undefined)?.coding ?? [])[0]!;
const textOf = (medicine: string) => (medicationOf(medicine)['code'] as { text?: string } | undefined)?.text ?? 'Not known';

/** An ordinary item naming no medicine the hub can read: what an unresolvable reference is answered as. */
const NOTHING_KNOWN: Json = { medicationCodeableConcept: { text: 'Not known' } };

/**
 * Each form: how an item names its medicine (`fhir`: this hub's base, `wrap`: the wrapper Medications' ids), and the
 * same item written inline that it must be answered as.
 */
const FORMS: Record<string, { naming: (medicine: string, fhir: string) => Json; inline: (medicine: string) => Json }> = {
  ingredient: {
    naming: (medicine) => ({ medicationReference: { reference: `Medication/wrap-${medicine}` } }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  'ingredient of an ingredient': {
    naming: (medicine) => ({ medicationReference: { reference: `Medication/wrap2-${medicine}` } }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  'ingredient by absolute URL': {
    naming: (medicine) => ({ medicationReference: { reference: `Medication/wrap-abs-${medicine}` } }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  'contained Medication made of it': {
    naming: (medicine) => ({
      contained: [
        {
          resourceType: 'Medication',
          id: 'w',
          code: { text: 'Compound preparation' },
          ingredient: [{ itemReference: { reference: `Medication/med-${medicine}` } }],
        },
      ],
      medicationReference: { reference: '#w' },
    }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  identifier: {
    naming: (medicine) => {
      const { system, code } = firstCoding(medicine);
      return { medicationReference: { identifier: { system, value: code } } };
    },
    inline: (medicine) => {
      const { system, code } = firstCoding(medicine);
      return { medicationCodeableConcept: { coding: [{ system, code }] } };
    },
  },
  display: {
    naming: (medicine) => ({ medicationReference: { display: textOf(medicine) } }),
    inline: (medicine) => ({ medicationCodeableConcept: { text: textOf(medicine) } }),
  },
  localhost: {
    naming: (medicine, fhir) => ({
      medicationReference: { reference: `${fhir.replace('127.0.0.1', 'localhost')}/Medication/med-${medicine}` },
    }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  'IPv6 loopback': {
    naming: (medicine, fhir) => ({
      medicationReference: { reference: `${fhir.replace('127.0.0.1', '[::1]')}/Medication/med-${medicine}` },
    }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  'short IPv4 loopback': {
    naming: (medicine, fhir) => ({
      medicationReference: { reference: `${fhir.replace('127.0.0.1', '127.1')}/Medication/med-${medicine}` },
    }),
    inline: (medicine) => MEDICINES[medicine]!.inline,
  },
  'urn:uuid': {
    naming: () => ({ medicationReference: { reference: 'urn:uuid:5b7a2f1e-8c1d-4e7a-9b1e-2f6d3c4a5b6c' } }),
    inline: () => NOTHING_KNOWN,
  },
};
const READERS = ['gp', 'hospital-nurse', 'carer', 'resident', 'receptionist'] as const;
type Reader = (typeof READERS)[number];

let testHub: TestHub;
let source = '';
const tokens: Partial<Record<Reader, string>> = {};
const recordOf: Partial<Record<Reader, string>> = {};
const patientMark: Record<string, string> = {};
const formMark = (form: string) => form.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

const itemId = (type: ItemType, medicine: string, form: string, patient: string) =>
  `${type === 'MedicationRequest' ? 'fr' : 'fs'}-${medicine}-${formMark(form)}-${patientMark[patient]}`;

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

/** A Medication made of another, as a pharmacy's compound preparation or a pack names its contents. */
const wrapper = (id: string, reference: string): Json => ({
  resourceType: 'Medication',
  id,
  meta: { source },
  code: { text: 'Compound preparation' },
  ingredient: [{ itemReference: { reference } }],
});

const entries = (body: Json, mode?: string) =>
  ((body['entry'] as Entry[] | undefined) ?? [])
    .filter((entry) => mode === undefined || entry.search?.mode === mode)
    .map((entry) => entry.resource ?? {});
const idsOf = (resources: Json[], type: string) =>
  resources.filter((resource) => resource['resourceType'] === type).map((resource) => String(resource['id']));

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
  for (const [medicine, { medication }] of Object.entries(MEDICINES)) {
    const { meta, ...rest } = medication;
    await hub.store.put({ resourceType: 'Medication', id: `med-${medicine}`, meta: { source, ...(meta as Json | undefined) }, ...rest });
    await hub.store.put(wrapper(`wrap-${medicine}`, `Medication/med-${medicine}`));
    await hub.store.put(wrapper(`wrap2-${medicine}`, `Medication/wrap-${medicine}`));
    await hub.store.put(wrapper(`wrap-abs-${medicine}`, `${testHub.fhir}/Medication/med-${medicine}`));
    for (const patient of [resident, mother])
      for (const type of TYPES)
        for (const [form, { naming, inline }] of Object.entries(FORMS)) {
          await hub.store.put(item(type, `${itemId(type, medicine, form, patient)}-inline`, patient, inline(medicine)));
          await hub.store.put(item(type, itemId(type, medicine, form, patient), patient, naming(medicine, testHub.fhir)));
        }
  }
  for (const reader of READERS) {
    tokens[reader] = await testHub.signIn(reader);
    recordOf[reader] = reader === 'carer' ? mother : resident;
  }
});
after(() => testHub.close());

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

describe('an item follows the labels of the Medication it names, in the forms R13 found', () => {
  test("R13's cases: a Medication made of PrEP, and the prescriptions naming it, reach neither the nurse nor the carer", async () => {
    const shown: Record<string, unknown> = {};
    for (const reader of ['hospital-nurse', 'carer', 'gp'] as const) {
      const token = tokens[reader];
      const patient = recordOf[reader]!;
      for (const id of ['wrap-prep', 'wrap2-prep'])
        shown[`${reader} GET /Medication/${id}`] = (await testHub.call(token, `/Medication/${id}`)).status;
      const included = await testHub.call(token, `/MedicationRequest?patient=${patient}&_include=MedicationRequest:medication&_count=500`);
      shown[`${reader} _include`] = idsOf(entries(included.body), 'Medication')
        .filter((id) => /prep/.test(id))
        .sort();
      for (const form of ['ingredient', 'contained Medication made of it', 'ingredient of an ingredient', 'identifier', 'localhost'])
        shown[`${reader} ${form}`] = (
          await testHub.call(token, `/MedicationRequest/${itemId('MedicationRequest', 'prep', form, patient)}`)
        ).status;
    }
    const withheld = (reader: string) => ({
      [`${reader} GET /Medication/wrap-prep`]: 404,
      [`${reader} GET /Medication/wrap2-prep`]: 404,
      [`${reader} _include`]: [],
      [`${reader} ingredient`]: 404,
      [`${reader} contained Medication made of it`]: 404,
      [`${reader} ingredient of an ingredient`]: 404,
      // PrEP's first coding is a dm+d code that says nothing by itself, as inline: shown (the snomed form is in the matrix).
      [`${reader} identifier`]: 200,
      [`${reader} localhost`]: 404,
    });
    assert.deepEqual(shown, {
      ...withheld('hospital-nurse'),
      ...withheld('carer'),
      'gp GET /Medication/wrap-prep': 200,
      'gp GET /Medication/wrap2-prep': 200,
      'gp _include': ['wrap-abs-prep', 'wrap-prep', 'wrap2-prep'],
      'gp ingredient': 200,
      'gp contained Medication made of it': 200,
      'gp ingredient of an ingredient': 200,
      'gp identifier': 200,
      'gp localhost': 200,
    });
  });

  test('a SNOMED CT code as the identifier of the Medication named is read as the same code inline', async () => {
    const shown: Record<string, number> = {};
    for (const reader of ['hospital-nurse', 'carer'] as const)
      shown[reader] = (
        await testHub.call(tokens[reader], `/MedicationRequest/${itemId('MedicationRequest', 'snomed', 'identifier', recordOf[reader]!)}`)
      ).status;
    assert.deepEqual(shown, { 'hospital-nurse': 404, carer: 404 });
  });

  test('a Medication made of another is read by id as the one it is made of, at any remove', async () => {
    const wrong: string[] = [];
    for (const reader of READERS)
      for (const medicine of Object.keys(MEDICINES)) {
        const made = (await testHub.call(tokens[reader], `/Medication/med-${medicine}`)).status;
        for (const wrap of ['wrap', 'wrap2', 'wrap-abs']) {
          const status = (await testHub.call(tokens[reader], `/Medication/${wrap}-${medicine}`)).status;
          if (status !== made) wrong.push(`${reader} ${wrap}-${medicine}: ${status}, med-${medicine} ${made}`);
        }
      }
    assert.deepEqual(wrong, []);
  });

  test('every type × form × medicine × reader is answered as the medicine written inline', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const reader of READERS) {
      const token = tokens[reader];
      const patient = recordOf[reader]!;
      const summary = await testHub.call(token, `/Patient/${patient}/$summary`);
      for (const type of TYPES) {
        const listed = await testHub.call(token, `/${type}?patient=${patient}&_count=1000`);
        const included = await testHub.call(token, `/${type}?patient=${patient}&_include=${type}:medication&_count=1000`);
        const record = {
          listed: listed.body,
          included: included.body,
          summary: summary.body,
          status: listed.status,
          summaryStatus: summary.status,
        };
        for (const medicine of Object.keys(MEDICINES))
          for (const form of Object.keys(FORMS)) {
            cases++;
            const id = itemId(type, medicine, form, patient);
            const inline = await answersAbout(reader, type, `${id}-inline`, record);
            const named = await answersAbout(reader, type, id, record);
            if (named !== inline) wrong.push(`${reader} ${type} ${medicine} ${form}: ${named}, inline ${inline}`);
          }
      }
    }
    assert.equal(cases, READERS.length * TYPES.length * Object.keys(MEDICINES).length * Object.keys(FORMS).length);
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answers differ from the medicine written inline`);
  });
});
