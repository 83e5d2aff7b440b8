/**
 * Issue 12, findings 2 and 3: an active order based on something other than a
 * medication authorisation stays in the medication headline, and a medicine
 * named by a contained or included Medication is named everywhere.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, medicineName, summaryViewModel, type SummaryViewModel } from '../../src/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:12Z';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const DMD = 'https://dmd.nhs.uk';

const request = (id: string, extra: Record<string, unknown> = {}): MedicationRequest =>
  ({
    resourceType: 'MedicationRequest',
    id,
    meta,
    status: 'active',
    intent: 'order',
    subject,
    authoredOn: '2026-11-01',
    medicationCodeableConcept: { text: 'Amlodipine 5mg tablets', coding: [{ system: DMD, code: '319283006' }] },
    ...extra,
  }) as unknown as MedicationRequest;

const summary = (resources: unknown[]): SummaryViewModel =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], { audience: 'clinician', now: NOW, patientId: PATIENT });

const list = (requests: MedicationRequest[], statements: MedicationStatement[] = [], medications: unknown[] = []) =>
  medicationsViewModel(
    {
      requests,
      statements,
      medications,
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience: 'clinician', now: NOW },
  );

describe('finding 2: only an authorisation makes an order an issue', () => {
  test('the reported case: an active order based on a CarePlan is a current medicine in the headline and the list', () => {
    const order = request('mr-1', { basedOn: [{ reference: 'CarePlan/cp-1' }] });
    const model = summary([order, { resourceType: 'CarePlan', id: 'cp-1', status: 'active', intent: 'plan', subject }]);
    assert.equal(model.sections.medications.headline.total, 1);
    assert.equal(model.sections.medications.state, 'ready');
    assert.deepEqual(
      model.sections.medications.items.map((item) => item.name),
      ['Amlodipine 5mg tablets'],
    );
    assert.deepEqual(
      list([order]).current.map((row) => row.name),
      ['Amlodipine 5mg tablets'],
    );
  });

  const plan = (id: string, status = 'active') => request(id, { intent: 'plan', status });
  const cases: { name: string; resources: MedicationRequest[]; total: number }[] = [
    { name: 'based on a ServiceRequest', resources: [request('mr-1', { basedOn: [{ reference: 'ServiceRequest/sr-1' }] })], total: 1 },
    {
      name: 'based on an authorisation not in view',
      resources: [request('mr-1', { basedOn: [{ reference: 'MedicationRequest/gone' }] })],
      total: 1,
    },
    // Status per plan, as GP systems show it: an issue of a stopped authorisation is not a current medicine.
    {
      name: 'an issue of a stopped authorisation',
      resources: [plan('mr-a', 'stopped'), request('mr-1', { basedOn: [{ reference: 'MedicationRequest/mr-a' }] })],
      total: 0,
    },
    { name: 'based on a reference with no type', resources: [request('mr-1', { basedOn: [{ display: 'Care plan' }] })], total: 1 },
    { name: 'based on itself', resources: [request('mr-1', { basedOn: [{ reference: 'MedicationRequest/mr-1' }] })], total: 1 },
    { name: 'based on a null and a CarePlan', resources: [request('mr-1', { basedOn: [null, { reference: 'CarePlan/cp' }] })], total: 1 },
    {
      name: 'an issue of an active plan counts once, with the plan',
      resources: [plan('mr-a'), request('mr-1', { basedOn: [{ reference: 'MedicationRequest/mr-a' }] })],
      total: 1,
    },
    {
      name: 'an issue of an active original order counts once, with it',
      resources: [
        request('mr-a', { intent: 'original-order' }),
        request('mr-1', { basedOn: [{ reference: 'https://hub.example/fhir/MedicationRequest/mr-a/_history/2' }] }),
      ],
      total: 1,
    },
    {
      name: 'an issue of another medicine’s plan is not this medicine: the plan counts, the order is its issue',
      resources: [
        plan('mr-a'),
        request('mr-1', { basedOn: [{ reference: 'CarePlan/cp-1' }], medicationCodeableConcept: { text: 'Ramipril 5mg capsules' } }),
      ],
      total: 2,
    },
  ];
  for (const { name, resources, total } of cases) {
    test(`matrix: ${name}`, () => {
      const model = summary(resources);
      assert.equal(model.sections.medications.headline.total, total);
      assert.equal(model.sections.medications.state, total > 0 ? 'ready' : 'empty');
      assert.equal(list(resources).current.length, total, 'the medication list counts the same current medicines');
    });
  }
});

describe('finding 3: a medicine named by a contained or included Medication', () => {
  const contained = {
    resourceType: 'Medication',
    id: 'med0311',
    code: { text: 'Amoxicillin 500mg capsules', coding: [{ system: DMD, code: '323509004', display: 'Amoxicillin 500mg capsules' }] },
  };
  const byContained = request('mr-c', {
    medicationCodeableConcept: undefined,
    medicationReference: { reference: '#med0311' },
    contained: [contained],
  });

  test('the reported case: a contained Medication names the order in the headline and the list', () => {
    assert.deepEqual(
      summary([byContained]).sections.medications.items.map((item) => item.name),
      ['Amoxicillin 500mg capsules'],
    );
    const rows = list([byContained]).current;
    assert.deepEqual(
      rows.map((row) => [row.name, row.codes]),
      [['Amoxicillin 500mg capsules', ['323509004']]],
    );
  });

  test('an included Medication (relative, absolute or versioned reference) names it too, and is not a safety issue', () => {
    const included = { ...contained, id: 'med-9' };
    for (const reference of ['Medication/med-9', 'https://fhir.example.org/r4/Medication/med-9', 'Medication/med-9/_history/3']) {
      const order = request('mr-i', { medicationCodeableConcept: undefined, medicationReference: { reference } });
      const model = summary([order, included]);
      assert.deepEqual(
        model.sections.medications.items.map((item) => item.name),
        ['Amoxicillin 500mg capsules'],
        reference,
      );
      assert.deepEqual(model.safetyIssues, [], 'a Medication in the bundle is about no patient');
      assert.equal(list([order], [], [included]).current[0]?.name, 'Amoxicillin 500mg capsules', reference);
    }
  });

  test('the same dm+d code inline at one source and by reference at another is one medicine', () => {
    const hospital = request('mr-h', {
      meta: { source: 'https://care-record.example/source/RZ9' },
      medicationCodeableConcept: { text: 'Amoxicillin 500mg capsules', coding: [{ system: DMD, code: '323509004' }] },
    });
    assert.equal(summary([byContained, hospital]).sections.medications.headline.total, 1);
    assert.equal(list([byContained, hospital]).current.length, 1);
  });

  test('what cannot be resolved falls back to the reference display, then says the name was not read; never another medicine', () => {
    const displayed = request('mr-d', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#missing', display: 'Co-codamol 30/500' },
    });
    const unnamed = request('mr-u', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#missing' },
      contained: [{ ...contained, id: 'other' }],
    });
    const wrongType = request('mr-w', {
      medicationCodeableConcept: undefined,
      medicationReference: { reference: '#med0311' },
      contained: [{ ...contained, resourceType: 'Substance' }],
    });
    assert.equal(medicineName(displayed), 'Co-codamol 30/500');
    assert.equal(medicineName(unnamed), undefined);
    assert.equal(medicineName(wrongType), undefined);
    // Not "Not known": a Medication names it, which could not be read (reviewer R7).
    assert.deepEqual(
      summary([unnamed]).sections.medications.items.map((item) => item.name),
      ['Name could not be read'],
    );
    assert.equal(list([unnamed]).current[0]?.name, 'Name could not be read');
  });
});
