/**
 * One medicine in the summary's medication headline, recorded several times —
 * a GP authorisation, a hospital order, a statement that it is being taken;
 * named, coded with dm+d and no name (EMIS and TPP drop displays), or both —
 * keeps what each record says, whatever order they came in: a prescription
 * past its validity period says so unless another prescription of it is still
 * in date, a status that holds it back (on hold, not started) is never lost
 * behind an active record, and its name is never "Not known" when a record
 * names or codes it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { summaryViewModel } from '../../src/record/index.js';
import { GP_AND_HOSPITAL, MEDICINE_CODE, MEDICINE_NAME, MEDICINE_SHAPES, type MedicineShape } from './one-medicine.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const NAME = MEDICINE_NAME;
const ORGANIZATIONS = GP_AND_HOSPITAL;
const SHAPES = MEDICINE_SHAPES;
type Shape = MedicineShape;

/** Validity ends, and the summary's words for each when it has passed (`undefined` when it has not). */
const VALIDITY = {
  none: { end: undefined, expired: undefined, inDate: false },
  'ended 30 September': { end: '2026-09-30', expired: '30-Sep-2026', inDate: false },
  'ended in October': { end: '2026-10', expired: 'Oct-2026', inDate: false },
  'ended this morning': { end: '2026-11-28T08:00:00Z', expired: '28-Nov-2026', inDate: false },
  'ends today': { end: '2026-11-28', expired: undefined, inDate: true },
  'ends next year': { end: '2027-03-01', expired: undefined, inDate: true },
  unreadable: { end: 'soon', expired: undefined, inDate: false },
} as const;
type Validity = keyof typeof VALIDITY;
/** When each passed end ended, to find the latest. */
const ENDED_AT: Record<string, number> = {
  '30-Sep-2026': Date.parse('2026-09-30'),
  'Oct-2026': Date.parse('2026-10-31'),
  '28-Nov-2026': Date.parse('2026-11-28T08:00:00Z'),
};
const LABELS: Record<string, string> = { 'on-hold': 'On hold', draft: 'Draft', intended: 'Intended', unknown: 'Not known' };

interface RecordSpec {
  resourceType: 'MedicationRequest' | 'MedicationStatement';
  intent: 'plan' | 'order';
  status: string;
  shape: Shape;
  validity: Validity;
  course: 'acute' | 'continuous' | undefined;
  ods: 'F83999' | 'RZ9';
}

function resource(spec: RecordSpec, index: number): MedicationRequest | MedicationStatement {
  const common = {
    id: `m-${index}`,
    meta: { source: `https://care-record.example/source/${spec.ods}` },
    status: spec.status,
    subject: { reference: `Patient/${PATIENT}` },
    medicationCodeableConcept: SHAPES[spec.shape],
  };
  const end = VALIDITY[spec.validity].end;
  return (spec.resourceType === 'MedicationStatement'
    ? { resourceType: 'MedicationStatement', ...common, effectivePeriod: { start: '2026-01-01' } }
    : {
        resourceType: 'MedicationRequest',
        ...common,
        intent: spec.intent,
        ...(spec.course ? { courseOfTherapyType: { coding: [{ code: spec.course }] } } : {}),
        ...(end ? { dispenseRequest: { validityPeriod: { start: '2026-01-01', end } } } : {}),
      }) as unknown as MedicationRequest | MedicationStatement;
}

function headline(specs: readonly RecordSpec[], audience: 'clinician' | 'resident' = 'clinician') {
  const resources = specs.map(resource);
  return summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], {
    audience,
    now: NOW,
    patientId: PATIENT,
    organizations: ORGANIZATIONS,
  }).sections.medications;
}

const request = (fields: Partial<RecordSpec>): RecordSpec => ({
  resourceType: 'MedicationRequest',
  intent: 'plan',
  status: 'active',
  shape: 'both',
  validity: 'none',
  course: 'continuous',
  ods: 'F83999',
  ...fields,
});
const statement = (fields: Partial<RecordSpec>): RecordSpec => ({
  ...request({ ods: 'RZ9', ...fields }),
  resourceType: 'MedicationStatement',
});

describe('summary medicines: one medicine recorded several times keeps what each record says', () => {
  test('reported: a hospital order counted first does not hide that the GP authorisation of the medicine has expired', () => {
    const hospitalOrder = request({ intent: 'order', course: 'acute', ods: 'RZ9', shape: 'named' });
    const expiredAuthorisation = request({ course: undefined, validity: 'ended 30 September' });
    for (const records of [
      [hospitalOrder, expiredAuthorisation],
      [statement({ shape: 'named' }), hospitalOrder, expiredAuthorisation],
    ]) {
      const medicines = headline(records);
      assert.deepEqual(
        medicines.items.map((item) => [item.name, item.prescriptionExpired]),
        [[NAME, '30-Sep-2026']],
      );
    }
  });

  test('reported: a medicine on hold at the hospital is not shown as plainly active behind the GP record', () => {
    const medicines = headline([
      statement({ shape: 'named' }),
      request({ intent: 'order', course: undefined, ods: 'RZ9', status: 'on-hold', shape: 'named' }),
      request({ intent: 'order', course: 'acute', shape: 'named', validity: 'ended 30 September' }),
    ]);
    assert.deepEqual(
      medicines.items.map((item) => [item.name, item.statusLabel, item.prescriptionExpired]),
      [[NAME, 'On hold', '30-Sep-2026']],
    );
  });

  test('a dm+d code with no name counted first is named by the record that names it, not "Not known"', () => {
    const medicines = headline([request({ shape: 'coded' }), statement({ shape: 'both' })]);
    assert.deepEqual(
      medicines.items.map((item) => item.name),
      [NAME],
    );
  });

  test('a prescription still in date is not called expired because another of the same medicine has', () => {
    const medicines = headline([
      request({ validity: 'ended 30 September' }),
      request({ validity: 'ends next year', ods: 'RZ9', intent: 'order', course: 'acute' }),
    ]);
    assert.deepEqual(
      medicines.items.map((item) => [item.name, item.prescriptionExpired]),
      [[NAME, undefined]],
    );
  });

  const spec: fc.Arbitrary<RecordSpec> = fc.oneof(
    fc.record({
      resourceType: fc.constant('MedicationRequest' as const),
      intent: fc.constantFrom('plan' as const, 'order' as const),
      status: fc.constantFrom('active', 'on-hold', 'draft', 'unknown'),
      shape: fc.constantFrom<Shape>('named', 'coded', 'both'),
      validity: fc.constantFrom(...(Object.keys(VALIDITY) as Validity[])),
      course: fc.constantFrom('acute' as const, 'continuous' as const, undefined),
      ods: fc.constantFrom('F83999' as const, 'RZ9' as const),
    }),
    fc.record({
      resourceType: fc.constant('MedicationStatement' as const),
      intent: fc.constant('plan' as const),
      status: fc.constantFrom('active', 'on-hold', 'intended', 'unknown'),
      shape: fc.constantFrom<Shape>('named', 'coded', 'both'),
      validity: fc.constant<Validity>('none'),
      course: fc.constant(undefined),
      ods: fc.constantFrom('F83999' as const, 'RZ9' as const),
    }),
  );
  /** Records that the rule makes one medicine: one of them carries both the code and the name, or all share a shape. */
  const oneMedicine = fc
    .array(spec, { minLength: 1, maxLength: 5 })
    .filter((specs) => specs.some((one) => one.shape === 'both') || new Set(specs.map((one) => one.shape)).size === 1);

  test(`property: ${RUNS} mixes and orders of records of one medicine — one item, truthful status, expiry and name`, () => {
    fc.assert(
      fc.property(oneMedicine, fc.infiniteStream(fc.nat()), (specs, shuffles) => {
        const requests = specs.filter((one) => one.resourceType === 'MedicationRequest');
        const statuses = new Set(specs.map((one) => one.status));
        // Held back first, then active (a source knows it), and "Not known" only when no record knows.
        const expectedStatus = ['on-hold', 'active', 'intended', 'draft', 'unknown'].find((status) => statuses.has(status));
        const inDate = requests.some((one) => VALIDITY[one.validity].inDate);
        const ended = requests.flatMap((one) => VALIDITY[one.validity].expired ?? []);
        const latest = ended.sort((a, b) => ENDED_AT[b]! - ENDED_AT[a]!)[0];
        const expected = [
          {
            name: specs.some((one) => one.shape !== 'coded') ? NAME : `dm+d ${MEDICINE_CODE}`,
            statusLabel: expectedStatus === 'active' ? undefined : LABELS[expectedStatus!],
            prescriptionExpired: inDate ? undefined : latest,
          },
        ];
        // Every order of the same records says the same.
        const orders = [specs, [...specs].reverse(), [...specs].sort(() => (shuffles.next().value % 3) - 1)];
        for (const order of orders) {
          const shown = headline(order).items.map(({ name, statusLabel, prescriptionExpired }) => ({
            name,
            statusLabel,
            prescriptionExpired,
          }));
          assert.deepEqual(shown, expected, JSON.stringify(order));
        }
      }),
      { numRuns: RUNS, seed: seedOr(20261206) },
    );
  });
});
