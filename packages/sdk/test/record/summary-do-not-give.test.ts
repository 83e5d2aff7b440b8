/**
 * A "do not give" order (`MedicationRequest.doNotPerform: true`: hospitals and
 * GP systems record "do not prescribe penicillin" this way) still in force is
 * named in the summary's medicines, with where it came from. It was left out
 * of the summary altogether — never a medicine being taken, rightly, but then
 * not shown at all on the first screen, so a clinician who read "No current
 * medications recorded" there had no sign of it. The summary names the same
 * orders as the medication list's "Do not give" rows, by the list's rule.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const ORGANIZATIONS = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
]);

const order = (id: string, fields: Record<string, unknown> = {}): MedicationRequest =>
  ({
    resourceType: 'MedicationRequest',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'active',
    intent: 'order',
    doNotPerform: true,
    subject: { reference: `Patient/${PATIENT}` },
    authoredOn: '2026-10-01',
    medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', code: '39720311000001101' }], text: 'Phenoxymethylpenicillin' },
    ...fields,
  }) as unknown as MedicationRequest;

const summary = (requests: MedicationRequest[], audience: RecordAudience = 'clinician', nonClinicalRole = false) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...requests], {
    audience,
    now: NOW,
    patientId: PATIENT,
    organizations: ORGANIZATIONS,
    ...(nonClinicalRole ? { nonClinicalRole } : {}),
  }).sections.medications;

const listNames = (requests: MedicationRequest[]) =>
  medicationsViewModel(
    { requests, statements: [], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: ORGANIZATIONS },
    { audience: 'clinician', now: NOW },
  ).doNotGive.map((row) => row.name);

describe('summary: "do not give" orders are named, never dropped', () => {
  test('reported: a GP order not to give penicillin, and nothing else, is named with its source', () => {
    const section = summary([order('dnp-1')]);
    assert.deepEqual(section.doNotGive, [
      { name: 'Phenoxymethylpenicillin', sources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }] },
    ]);
    // Still not a medicine being taken.
    assert.equal(section.headline.total, 0);
    assert.deepEqual(section.items, []);
  });

  // Every status (as spelt by real feeds), intent and course shape: the summary names what the list's "Do not give" shows.
  const STATUSES = [
    'active',
    'on-hold',
    'draft',
    'unknown',
    'Active',
    'ON_HOLD',
    'pending',
    'stopped',
    'completed',
    'cancelled',
    'entered-in-error',
  ];
  const INTENTS = ['order', 'plan', 'original-order', 'instance-order', undefined];
  const COURSES: Record<string, Record<string, unknown>> = {
    'no end': {},
    'course ended': { dosageInstruction: [{ text: 'n/a', timing: { repeat: { boundsPeriod: { end: '2026-11-01' } } } }] },
    'course runs on': { dosageInstruction: [{ text: 'n/a', timing: { repeat: { boundsPeriod: { end: '2027-01-01' } } } }] },
  };
  for (const status of STATUSES)
    for (const intent of INTENTS)
      for (const [course, fields] of Object.entries(COURSES)) {
        test(`status ${status}, intent ${intent ?? '(none)'}, ${course}: as the medication list`, () => {
          const requests = [order('dnp-1', { status, ...(intent === undefined ? { intent: undefined } : { intent }), ...fields })];
          const expected = listNames(requests);
          assert.deepEqual(
            (summary(requests).doNotGive ?? []).map((item) => item.name),
            expected,
          );
        });
      }

  test('one order from the GP and the hospital is named once, with both sources; a medicine being taken is not among them', () => {
    const section = summary([
      order('dnp-gp'),
      order('dnp-rz9', {
        meta: { source: 'https://care-record.example/source/RZ9' },
        medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', code: '39720311000001101' }] },
      }),
      order('taking', { doNotPerform: false, medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' } }),
    ]);
    assert.deepEqual(section.doNotGive, [
      {
        name: 'Phenoxymethylpenicillin',
        sources: [
          { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
          { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' },
        ],
      },
    ]);
    assert.equal(section.headline.total, 1);
  });

  test('another patient’s order is not named; a role that may not see medicines sees none', () => {
    assert.deepEqual(summary([order('stray', { subject: { reference: 'Patient/someone-else' } })]).doNotGive, []);
    assert.deepEqual(summary([order('dnp-1')], 'clinician', true).doNotGive, []);
  });
});
