/**
 * Sexual health services by their abbreviations, and HIV pre-exposure prophylaxis (PrEP), are sensitive (R11).
 * Reviewer R8: a medicine the resident added, "Truvada (PrEP) for HIV prevention", reached a hospital nurse whole
 * (200 on GET /MedicationStatement/{id}); and an appointment at an "STI clinic", an "STD clinic" or a "GUM clinic",
 * so written, reached another organisation's GP (task F7, fault 1).
 *
 * PrEP is provided by sexual health clinics in England, so it is sexual health as they are; HIV alone is not (a GP's
 * diagnosis, an antenatal screen's test), nor "prep" in other cases ("bowel prep"), nor pre-exposure prophylaxis of
 * anything else.
 *
 * The class: each phrase, sensitive or an ordinary look-alike, × each place R11 reads words in, stored and read as
 * the same item labelled SEX (or not), and searched as it is read, by a GP of another organisation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { isSensitiveContent } from '../src/policy/sensitive-content.js';
import { defaultVisibility, isWithheld, labelsOf } from '../src/policy/visibility.js';
import { askAs, signInCallers } from './support/callers.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;

describe('the reported cases, over HTTP', () => {
  let testHub: TestHub;
  let patientId: string;
  let tokens: Record<string, string>;
  /** Each item: how it is put on the record, and whether another organisation's clinician may read it. */
  const APPOINTMENTS: { id: string; says: Json; shown: boolean }[] = [
    { id: 'sti', says: { serviceType: [{ text: 'STI clinic' }] }, shown: false },
    { id: 'std', says: { participant: [{ actor: { display: 'STD clinic' }, status: 'accepted' }] }, shown: false },
    {
      id: 'gum',
      says: { serviceType: [{ coding: [{ system: 'https://rz9.example/clinics', code: 'G1', display: 'GUM clinic' }] }] },
      shown: false,
    },
    // Ordinary look-alikes on the same record.
    { id: 'prep', says: { description: 'Bowel prep for colonoscopy' }, shown: true },
    { id: 'dental', says: { serviceType: [{ text: 'Gum clinic' }] }, shown: true },
    { id: 'antenatal', says: { reasonReference: [{ display: 'Antenatal screen: HIV test negative' }] }, shown: true },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        patientId = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
        await relateEveryOrganization(hub, [patientId]);
        await hub.store.transaction(async (store) => {
          for (const { id, says } of APPOINTMENTS) {
            const item = recordItem('Appointment', id, patientId);
            await store.put({
              ...item,
              ...says,
              participant: [...(item['participant'] as Json[]), ...((says['participant'] as Json[]) ?? [])],
            });
          }
        });
      },
    });
    tokens = await signInCallers(testHub, patientId);
  });
  after(() => testHub.close());

  /** The resident adds a medicine of her own; its id. */
  async function residentAdds(words: string): Promise<string> {
    const { status, body } = await testHub.call(tokens['resident'], '/MedicationStatement', {
      method: 'POST',
      headers: { 'x-request-id': randomUUID() },
      body: {
        resourceType: 'MedicationStatement',
        status: 'active',
        subject: { reference: `Patient/${patientId}` },
        medicationCodeableConcept: { text: words },
      },
    });
    assert.equal(status, 201, JSON.stringify(body));
    return String(body['id']);
  }

  test('a hospital nurse is not given the resident’s PrEP, and is given her bowel preparation', async () => {
    const prep = await residentAdds('Truvada (PrEP) for HIV prevention');
    const bowel = await residentAdds('Moviprep bowel prep');
    const wrong: string[] = [];
    const page = await askAs(testHub, tokens['hospital-nurse'], `/MedicationStatement?patient=${patientId}&_count=100`, false, {});
    assert.equal(page.status, 200);
    const found = ((page.body['entry'] as { resource: Json }[] | undefined) ?? []).map(({ resource }) => resource['id']);
    for (const [id, shown] of [
      [prep, false],
      [bowel, true],
    ] as const) {
      const read = await askAs(testHub, tokens['hospital-nurse'], `/MedicationStatement/${id}`, false, {});
      if ((read.status === 200) !== shown) wrong.push(`${id}: read ${read.status}`);
      if (found.includes(id) !== shown) wrong.push(`${id}: ${shown ? 'not found' : 'found'}`);
      // The resident still reads her own.
      assert.equal((await askAs(testHub, tokens['resident'], `/MedicationStatement/${id}`, false, {})).status, 200);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of 4 answered otherwise`);
  });

  test('another organisation’s GP is not given an STI, STD or GUM clinic’s appointment, and is given the look-alikes', async () => {
    const wrong: string[] = [];
    const page = await askAs(testHub, tokens['gp'], `/Appointment?patient=${patientId}&_count=100`, false, {});
    assert.equal(page.status, 200);
    const found = ((page.body['entry'] as { resource: Json }[] | undefined) ?? []).map(({ resource }) => resource['id']);
    for (const { id, shown } of APPOINTMENTS) {
      const read = await askAs(testHub, tokens['gp'], `/Appointment/${id}`, false, {});
      if ((read.status === 200) !== shown) wrong.push(`${id}: read ${read.status}`);
      if (found.includes(id) !== shown) wrong.push(`${id}: ${shown ? 'not found' : 'found'}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${APPOINTMENTS.length * 2} answered otherwise`);
  });
});

/** Words naming a sexual health service or HIV PrEP (R11), as records write them. */
const SENSITIVE = [
  'PrEP',
  'Truvada (PrEP) for HIV prevention',
  'HIV PrEP',
  'hiv prep',
  'HIV pre-exposure prophylaxis',
  'Pre exposure prophylaxis against HIV',
  'PEPSE',
  'Post-exposure prophylaxis following sexual exposure',
  'STI clinic',
  'STI screen',
  'Sexually transmitted infection (STI) service',
  'STIs',
  'STD clinic',
  'std service',
  'STD screening',
  'GUM clinic',
  'GUM Service',
  'GUM department',
  'GUM follow-up',
  'GUM f/u 2 weeks',
  'GUM appt',
  'GUM Appointment',
  'GUM referral',
  'GUM screen',
  'GUM results',
  'Referred to GUM',
  'seen in GUM',
  'Attended GUM',
  'CaSH',
  'Sexual and reproductive health',
  'Community Sexual & Reproductive Health',
];

/** Near, but not these: what an ordinary item says. */
const ORDINARY = [
  'Bowel prep',
  'Prep for colonoscopy',
  'PREP',
  'Preparation',
  'Moviprep',
  'Rabies pre-exposure prophylaxis',
  'COVID-19 pre-exposure prophylaxis',
  'Post-exposure prophylaxis after needlestick injury',
  'HIV test negative',
  'HIV infection',
  'STD deviation',
  'Std dose',
  'Gum clinic',
  'gum disease',
  'GUM disease',
  'Gum follow-up',
  'gum review',
  'GUM DISEASE REVIEW',
  'NICOTINE GUM 2MG',
  'Nicotine gum',
  'Referred to periodontist for gum review',
  'Petty cash',
  'CASH',
  'Reproductive health',
  'Sexual function',
  'Sting',
];

/** Each place R11 reads words in, on the type that defines it. */
const PLACES: Record<string, { type: string; put: (words: string) => Json }> = {
  'a medicine’s text': { type: 'MedicationStatement', put: (words) => ({ medicationCodeableConcept: { text: words } }) },
  'a medicine coding’s display': {
    type: 'MedicationRequest',
    put: (words) => ({ medicationCodeableConcept: { coding: [{ system: 'https://rz9.example/meds', code: 'M1', display: words }] } }),
  },
  'a dosage text': { type: 'MedicationStatement', put: (words) => ({ dosage: [{ text: `One tablet daily, ${words}` }] }) },
  'a service type': { type: 'Appointment', put: (words) => ({ serviceType: [{ text: words }] }) },
  'an appointment’s description': { type: 'Appointment', put: (words) => ({ description: words }) },
  'an appointment type’s text': { type: 'Appointment', put: (words) => ({ appointmentType: { text: words } }) },
  'a reason’s display': { type: 'Encounter', put: (words) => ({ reasonReference: [{ reference: 'Condition/c1', display: words }] }) },
  'an observation’s code': { type: 'Observation', put: (words) => ({ code: { text: words } }) },
  'a contained medicine’s code': {
    type: 'MedicationStatement',
    put: (words) => ({
      contained: [{ resourceType: 'Medication', id: 'm', code: { text: words } }],
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#m' },
    }),
  },
};

/** A medicine for PrEP by its ingredients and what it is for, and ordinary ones beside it. */
const MEDICINES: { name: string; says: Json; sensitive: boolean }[] = [
  {
    name: 'Truvada for pre-exposure',
    says: { medicationCodeableConcept: { text: 'Truvada 200mg/245mg tablets' }, reasonCode: [{ text: 'Pre-exposure prophylaxis' }] },
    sensitive: true,
  },
  {
    name: 'the two ingredients, prep in the dosage',
    says: {
      contained: [
        {
          resourceType: 'Medication',
          id: 'm',
          ingredient: [{ itemCodeableConcept: { text: 'Emtricitabine' } }, { itemCodeableConcept: { text: 'Tenofovir disoproxil' } }],
        },
      ],
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#m' },
      dosage: [{ text: 'One tablet daily (prep)' }],
    },
    sensitive: true,
  },
  {
    name: 'Truvada alone, treating HIV',
    says: {
      medicationCodeableConcept: { text: 'Emtricitabine 200mg / Tenofovir disoproxil 245mg tablets' },
      dosage: [{ text: 'One daily' }],
    },
    sensitive: false,
  },
  {
    name: 'a bowel preparation',
    says: { medicationCodeableConcept: { text: 'Moviprep oral powder' }, dosage: [{ text: 'Bowel prep the day before' }] },
    sensitive: false,
  },
];

test('every phrase × place, and PrEP by its medicine: labelled, read and searched as its labelled twin', async () => {
  const store = await openTestStore();
  const cases = new Map<string, { name: string; type: string; sensitive: boolean }>();
  await store.transaction(async (inside) => {
    for (const [words, sensitive] of [
      ...SENSITIVE.map((words) => [words, true] as const),
      ...ORDINARY.map((words) => [words, false] as const),
    ])
      for (const [place, { type, put }] of Object.entries(PLACES)) {
        const id = `case-${cases.size}`;
        await inside.put({ ...recordItem(type, id, 'pat-1'), ...put(words) });
        cases.set(id, { name: `"${words}" as ${place}`, type, sensitive });
      }
    for (const { name, says, sensitive } of MEDICINES) {
      const id = `case-${cases.size}`;
      await inside.put({ ...recordItem('MedicationStatement', id, 'pat-1'), ...says });
      cases.set(id, { name, type: 'MedicationStatement', sensitive });
    }
  });
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const shown = new Set<string>();
  for (const type of new Set([...cases.values()].map(({ type }) => type))) {
    const page = await store.search({
      type,
      patientId: 'pat-1',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 1000,
      visibility: gp,
    });
    for (const item of page.resources) shown.add(String(item['id']));
  }
  const wrong: string[] = [];
  for (const [id, { name, type, sensitive }] of cases) {
    const stored = await store.read(type, id);
    if (stored === undefined) throw new Error(`${id} was not stored`);
    const labelled = labelsOf(stored.resource).includes('SEX');
    const read = isWithheld(stored.resource, gp);
    const searched = !shown.has(id);
    if (labelled !== sensitive || read !== sensitive || searched !== sensitive)
      wrong.push(`${name}: labelled ${labelled}, read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}`);
  }
  await store.close();
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${cases.size} answered otherwise`);
});

test('a note stays unread: PrEP in a comment does not make the medicine sensitive', () => {
  assert.ok(
    !isSensitiveContent({
      resourceType: 'MedicationStatement',
      medicationCodeableConcept: { text: 'Folic acid' },
      note: [{ text: 'PrEP' }],
    }),
  );
});
