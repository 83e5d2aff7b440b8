/**
 * What the resident or someone acting for them entered reads as theirs on
 * any FHIR server, not as a clinician's or an organisation's: a Patient who
 * recorded, reported or performed an item is `Resident (self-reported)`, a
 * RelatedPerson is named as the carer who added it (both with the `resident`
 * source, as the hub's own `meta.source` says). The patient an appointment
 * is for is a participant, not its source: their name is never shown as
 * where an item came from.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, RESIDENT_SOURCE, sourceOf, summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-01T09:00:00Z';
const patient = { reference: `Patient/${PATIENT}`, display: 'Jane SMITH' };
const carer = { reference: 'RelatedPerson/rp-1', display: "Aoife O'Connor" };
const none = new Map<string, string>();

const overTheCounter = (informationSource: object): MedicationStatement =>
  ({
    resourceType: 'MedicationStatement',
    id: 'ms-1',
    status: 'active',
    subject: { reference: `Patient/${PATIENT}` },
    informationSource,
    medicationCodeableConcept: { text: 'Ibuprofen 200mg tablets' },
    effectiveDateTime: '2026-11-01',
  }) as unknown as MedicationStatement;

describe('source: a resident entry from a server other than the hub', () => {
  test('an over-the-counter medicine the resident reported is theirs, not "Jane SMITH" as if a clinician', () => {
    const statement = overTheCounter(patient);
    const list = medicationsViewModel(
      {
        requests: [],
        statements: [statement],
        patientId: PATIENT,
        notices: { withheld: false, unavailableSources: [] },
        organizations: none,
      },
      { audience: 'clinician', now: NOW },
    );
    assert.deepEqual(list.current[0]?.sources, [RESIDENT_SOURCE]);
    const summary = summaryViewModel([statement], { audience: 'clinician', now: NOW, patientId: PATIENT });
    assert.deepEqual(summary.sections.medications.items[0]?.sources, [RESIDENT_SOURCE]);
  });

  test("a carer's entry is the carer's, with the resident's source", () => {
    assert.deepEqual(sourceOf(overTheCounter(carer), none), { odsCode: 'resident', name: "Aoife O'Connor" });
  });

  test('an appointment is not attributed to the patient it is for', () => {
    const appointment = {
      resourceType: 'Appointment',
      id: 'ap-1',
      status: 'booked',
      start: '2026-12-20T10:00:00Z',
      participant: [{ actor: patient }, { actor: { reference: 'Practitioner/pr-1', display: 'Dr Ann JONES' } }],
    };
    assert.deepEqual(sourceOf(appointment, none), { odsCode: 'unknown', name: 'Dr Ann JONES' });
  });
});

/** Where each resource type says who recorded, reported or performed it. */
const AUTHORING: [resourceType: string, field: string, shape: 'reference' | 'list' | 'actor-list'][] = [
  ['MedicationStatement', 'informationSource', 'reference'],
  ['Observation', 'performer', 'list'],
  ['Condition', 'asserter', 'reference'],
  ['Condition', 'recorder', 'reference'],
  ['AllergyIntolerance', 'asserter', 'reference'],
  ['AllergyIntolerance', 'recorder', 'reference'],
  ['MedicationRequest', 'requester', 'reference'],
  ['MedicationRequest', 'informationSource', 'reference'],
  ['DocumentReference', 'author', 'list'],
  ['CarePlan', 'author', 'reference'],
  ['Flag', 'author', 'reference'],
  ['Procedure', 'performer', 'actor-list'],
  ['Immunization', 'performer', 'actor-list'],
  ['Encounter', 'participant', 'actor-list'],
];

const place = (shape: 'reference' | 'list' | 'actor-list', reference: object): unknown =>
  shape === 'reference' ? reference : shape === 'list' ? [reference] : [{ actor: reference }];

describe('source: matrix, a Patient or RelatedPerson in each field that says who', () => {
  for (const [resourceType, field, shape] of AUTHORING) {
    const resource = (reference: object) => ({
      resourceType,
      id: 'x-1',
      subject: { reference: `Patient/${PATIENT}` },
      [field]: place(shape, reference),
    });
    if (field === 'participant')
      test(`${resourceType}.${field}: the patient is not the source`, () => {
        assert.notEqual(sourceOf(resource(patient), none).name, patient.display);
      });
    else {
      test(`${resourceType}.${field}: a Patient is the resident (self-reported)`, () => {
        assert.deepEqual(sourceOf(resource(patient), none), RESIDENT_SOURCE);
      });
      test(`${resourceType}.${field}: a RelatedPerson is the carer, with the resident's source`, () => {
        assert.deepEqual(sourceOf(resource(carer), none), { odsCode: 'resident', name: carer.display });
      });
    }
  }
});

describe('source: property', () => {
  test('a Patient named anywhere in an item is never shown by name as where it came from', () => {
    const field = fc.constantFrom(...AUTHORING.map(([, name, shape]) => [name, shape] as const), ['participant', 'actor-list'] as const);
    const other = fc.constantFrom(
      { reference: 'Practitioner/pr-1', display: 'Dr Ann JONES' },
      { reference: 'Organization/org-1', display: 'Highbury Vale Hospital' },
      { display: 'Ward 4' },
      { reference: 'RelatedPerson/rp-1', display: "Aoife O'Connor" },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...new Set(AUTHORING.map(([type]) => type)), 'Appointment'),
        fc.array(fc.tuple(field, fc.oneof(fc.constant(patient), other)), { minLength: 1, maxLength: 4 }),
        (resourceType, parts) => {
          const resource: Record<string, unknown> = { resourceType, id: 'x-1' };
          for (const [[name, shape], reference] of parts) {
            const value = place(shape, reference);
            const held = resource[name];
            resource[name] = Array.isArray(held) && Array.isArray(value) ? [...held, ...value] : value;
          }
          const source = sourceOf(resource, none);
          assert.notEqual(source.name, patient.display);
          if (source.odsCode === 'unknown') assert.notEqual(source.name, RESIDENT_SOURCE.name);
        },
      ),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(7301) },
    );
  });
});

describe('allergies: who reported it', () => {
  const allergy = (asserter: object) => ({
    resourceType: 'AllergyIntolerance',
    id: 'al-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    code: { text: 'Penicillin' },
    patient: { reference: `Patient/${PATIENT}` },
    asserter,
  });
  const reported = (asserter: object) => {
    const [item] = summaryViewModel([allergy(asserter)], { audience: 'clinician', now: NOW, patientId: PATIENT }).sections.allergies.items;
    return [item?.reportedByResident, item?.reportedByCarer];
  };

  test('one a carer reported is the carer’s, not the resident’s own', () => {
    assert.deepEqual(reported(carer), [true, "Aoife O'Connor"]);
  });
  test('one the resident reported is theirs', () => {
    assert.deepEqual(reported(patient), [true, undefined]);
  });
  test('one a clinician recorded is neither', () => {
    assert.deepEqual(reported({ reference: 'Practitioner/pr-1', display: 'Dr Ann JONES' }), [false, undefined]);
  });
});
