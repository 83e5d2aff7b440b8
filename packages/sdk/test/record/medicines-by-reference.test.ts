/**
 * A medicine named by reference, read through the real hub on loopback. GP Connect and most EPRs send
 * `medicationReference: {reference: "Medication/x"}` with the Medication beside it; reviewer R7 found the record
 * reader never asked for the Medication, so a warfarin order read "Not known" — an untrue medicines list.
 *
 * The class: every way a prescription or a statement names its medicine × both types × the readers (a GP, a
 * receptionist, an app launched with narrow `patient/` scopes, and one without `patient/Medication.rs`): each is
 * named as recorded — from the Medication the one request included — and a reference that cannot be read says
 * the name could not be read, never "Not known" and never nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createHubClient, openRecordReader, pageSummary, readMedications, type MedicationsViewModel } from '../../src/index.js';
import { signInPersonas } from '../../../hub/src/index.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const TYPES = ['MedicationRequest', 'MedicationStatement'] as const;
type MedicineType = (typeof TYPES)[number];

/** Each way an item names its medicine, and the name the list must give it. */
const FORMS = {
  contained: {
    fields: (id: string) => ({
      contained: [{ resourceType: 'Medication', id: 'med', code: { text: `Contained ${id}` } }],
      medicationReference: { reference: '#med' },
    }),
    name: (id: string) => `Contained ${id}`,
  },
  'reference, included': {
    fields: (id: string) => ({ medicationReference: { reference: `Medication/med-${id}` } }),
    name: (id: string) => `Warfarin for ${id}`,
  },
  'reference with a display only': {
    fields: (id: string) => ({ medicationReference: { display: `Display ${id}` } }),
    name: (id: string) => `Display ${id}`,
  },
  'reference to none': {
    fields: (id: string) => ({ medicationReference: { reference: `Medication/gone-${id}` } }),
    name: () => 'Name could not be read',
  },
  'reference to none, with a display': {
    fields: (id: string) => ({ medicationReference: { reference: `Medication/gone-${id}`, display: `Kept ${id}` } }),
    name: (id: string) => `Kept ${id}`,
  },
  concept: {
    fields: (id: string) => ({ medicationCodeableConcept: { text: `Concept ${id}` } }),
    name: (id: string) => `Concept ${id}`,
  },
} as const;
type Form = keyof typeof FORMS;

const itemId = (type: MedicineType, form: Form) =>
  `${type === 'MedicationRequest' ? 'mr' : 'ms'}-ref-${form.replaceAll(/[^a-z]+/g, '-').replace(/-$/, '')}`;

let testHub: TestHub;
let patientId = '';
const tokens: Record<string, string> = {};

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patientId = personas.find((persona) => persona.id === 'resident')!.patientId!;
  const source = `https://care-record.example/source/${personas.find((persona) => persona.id === 'gp')!.odsCode}`;
  for (const type of TYPES)
    for (const form of Object.keys(FORMS) as Form[]) {
      const id = itemId(type, form);
      if (form === 'reference, included')
        await testHub.hub.store.put({
          resourceType: 'Medication',
          id: `med-${id}`,
          meta: { source },
          code: { text: `Warfarin for ${id}` },
        });
      await testHub.hub.store.put({
        resourceType: type,
        id,
        meta: { source },
        status: 'active',
        ...(type === 'MedicationRequest' ? { intent: 'order' } : {}),
        subject: { reference: `Patient/${patientId}` },
        ...FORMS[form].fields(id),
      });
    }
  const launch = async () => {
    const answer = await fetch(`${testHub.origin}/auth/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: patientId }),
    });
    return ((await answer.json()) as { launch: string }).launch;
  };
  tokens['GP'] = await testHub.signIn('gp');
  tokens['receptionist'] = await testHub.signIn('receptionist');
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

/** The medicines list as a reader sees it, and the requests it took. */
async function medicinesAs(reader: string): Promise<{ model: MedicationsViewModel; requests: string[] }> {
  const requests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    requests.push(
      `${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${String(input instanceof Request ? input.url : input)}`,
    );
    return fetch(input, init);
  };
  const hub = createHubClient({ baseUrl: testHub.fhir, auth: tokens[reader]!, retry: false, fetch: counting });
  const model = await readMedications(
    openRecordReader(hub, patientId, { audience: 'clinician', now: () => new Date('2026-11-28T09:00:00Z') }),
  );
  return { model, requests };
}

const rowNames = (model: MedicationsViewModel) =>
  new Map([...model.current, ...model.past].map((row) => [row.id.slice(row.id.indexOf('/') + 1), row.name]));

describe('a medicine named by reference, as the medicines list reads it', () => {
  test('the reported case: a GP sees the warfarin order by the name its Medication gives', async () => {
    const { model } = await medicinesAs('GP');
    const id = itemId('MedicationRequest', 'reference, included');
    assert.equal(rowNames(model).get(id), `Warfarin for ${id}`);
  });

  test('the record page reads the Medications its medicines name, by $summary and by plain searches', async () => {
    // The summary names medicines from the page's resources (its preview shows a few; the Medication must be there).
    const wanted = `med-${itemId('MedicationRequest', 'reference, included')}`;
    const options = { audience: 'clinician' as const, now: () => new Date('2026-11-28T09:00:00Z') };
    const medicationsOf = (resources: readonly unknown[]) =>
      resources.flatMap((resource) => {
        const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
        return resourceType === 'Medication' ? [String(id)] : [];
      });
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: tokens['GP']!, retry: false });
    const bySummary = await openRecordReader(hub, patientId, options).page();
    assert.ok(medicationsOf(bySummary.resources).includes(wanted), `$summary: ${medicationsOf(bySummary.resources).join(', ')}`);
    // A server without the hub's $summary: the page's plain searches, in one batch.
    const plain = createHubClient({
      baseUrl: testHub.fhir,
      auth: tokens['GP']!,
      retry: false,
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.endsWith('/metadata'))
          return new Response(JSON.stringify({ resourceType: 'CapabilityStatement', rest: [] }), {
            status: 200,
            headers: { 'content-type': 'application/fhir+json' },
          });
        return fetch(input, init);
      },
    });
    const bySearches = await openRecordReader(plain, patientId, options).page();
    assert.ok(medicationsOf(bySearches.resources).includes(wanted), `searches: ${medicationsOf(bySearches.resources).join(', ')}`);
    assert.ok(pageSummary(bySearches, options).sections.medications.headline.total > 0);
  });

  test('every form × both types × each reader: named as recorded, or said to be unread; one request', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const reader of ['GP', 'receptionist', 'narrow-scope app', 'app without Medication']) {
      const { model, requests } = await medicinesAs(reader);
      // One batch for both searches, with the Medications in it: never a request for each medicine.
      if (requests.filter((request) => request.includes('Medication/')).length > 0 || requests.length > 2)
        wrong.push(`${reader}: ${requests.length} requests`);
      if (reader === 'receptionist') {
        cases++;
        if (!model.notPermitted || model.current.length + model.past.length > 0) wrong.push(`${reader}: not told it is not for their role`);
        continue;
      }
      const names = rowNames(model);
      for (const type of TYPES)
        for (const form of Object.keys(FORMS) as Form[]) {
          cases++;
          const id = itemId(type, form);
          const unreadable = reader === 'app without Medication' && form === 'reference, included';
          const expected = unreadable ? 'Name could not be read' : FORMS[form].name(id);
          if (names.get(id) !== expected) wrong.push(`${reader} ${type} ${form}: ${String(names.get(id))}, not ${expected}`);
        }
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} cases`);
    assert.equal(cases, 1 + 3 * TYPES.length * Object.keys(FORMS).length);
  });
});
