/**
 * Issue 12, finding 4: one bad field costs one item. A resource that cannot be
 * read becomes one line naming its source, is counted in `safetyIssues`, and
 * the rest of the record — the banner's identity above all — still renders.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, Patient } from '../../src/fhir.js';
import { medicationsViewModel, pageBanner, summaryViewModel, type RecordPageData } from '../../src/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:12Z';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);
const patient = {
  resourceType: 'Patient',
  id: PATIENT,
  meta,
  name: [{ use: 'official', family: 'Kaya', given: ['Hatice'], prefix: ['Mrs'] }],
  birthDate: '1950-03-02',
  gender: 'female',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
} as unknown as Patient;
const goodAllergy = { resourceType: 'AllergyIntolerance', id: 'alg-1', meta, patient: subject, code: { text: 'Penicillin' } };
/** The reported case: a number where a string belongs in one allergy's display. */
const badAllergy = {
  resourceType: 'AllergyIntolerance',
  id: 'alg-2',
  meta,
  patient: subject,
  code: { coding: [{ display: 42 }] },
  reaction: 7,
};

const page = (resources: unknown[]): RecordPageData => ({
  patient,
  resources: [patient, ...resources],
  notices: { withheld: false, unavailableSources: [] },
  organizations,
  at: new Date(NOW),
  roundTrips: 1,
});

describe('finding 4: an unreadable item is one line, never the whole element', () => {
  test('the reported case: a bad allergy leaves the banner’s identity and the other allergy in view', () => {
    const banner = pageBanner(page([goodAllergy, badAllergy]), { audience: 'clinician' });
    assert.equal(banner.name, 'KAYA, Hatice (Mrs)');
    assert.deepEqual(banner.nhsNumber, { formatted: '943 476 5919', valid: true });
    assert.equal(banner.allergies.kind, 'known');
    assert.deepEqual(banner.allergies.unreadable, [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }]);
    assert.deepEqual(
      banner.safetyIssues.map((issue) => [issue.code, issue.resourceType, issue.resourceId]),
      [['unreadable', 'AllergyIntolerance', 'alg-2']],
    );
  });

  test('a bad allergy alone makes the allergy area unavailable, never "not recorded" or "no known allergies"', () => {
    const banner = pageBanner(page([badAllergy]), { audience: 'clinician' });
    assert.equal(banner.name, 'KAYA, Hatice (Mrs)');
    assert.equal(banner.allergies.kind, 'unavailable');
    assert.equal(banner.allergies.label, 'Allergies unavailable');
    const summary = summaryViewModel(page([badAllergy]).resources, { audience: 'clinician', now: NOW, patientId: PATIENT, organizations });
    assert.ok(summary.sections.allergies.notices.includes('One item from Tufnell Green Surgery could not be read'));
  });

  test('a null in Appointment.participant and a bad alert: the summary keeps every other section, with one line each', () => {
    const appointment = {
      resourceType: 'Appointment',
      id: 'apt-1',
      meta,
      status: 'booked',
      start: '2026-12-04T10:00:00Z',
      participant: [null, { actor: subject }],
    };
    const goodAppointment = { ...appointment, id: 'apt-2', participant: [{ actor: subject }], description: 'Review' };
    const badFlag = { resourceType: 'Flag', id: 'flag-1', status: 'active', subject, code: null };
    const condition = { resourceType: 'Condition', id: 'con-1', meta, subject, code: { text: 'Asthma' } };
    const model = summaryViewModel(page([appointment, goodAppointment, badFlag, condition]).resources, {
      audience: 'clinician',
      now: NOW,
      patientId: PATIENT,
      organizations,
    });
    assert.deepEqual(
      model.sections.problems.items.map((item) => item.text),
      ['Asthma'],
    );
    assert.ok(model.sections.appointments.items.some((item) => item.id === 'apt-2'));
    assert.equal(model.sections.alerts.state, 'ready');
    assert.deepEqual(model.sections.alerts.notices, ['One item from Not known could not be read']);
    assert.ok(model.safetyIssues.every((issue) => ['unreadable', 'wrong-patient', 'no-patient-reference'].includes(issue.code)));
    assert.ok(model.safetyIssues.some((issue) => issue.code === 'unreadable' && issue.resourceId === 'flag-1'));
  });

  test('a medicine record with wrong types is one line in the medication list; the rest are listed', () => {
    const good = {
      resourceType: 'MedicationRequest',
      id: 'mr-1',
      meta,
      status: 'active',
      intent: 'order',
      subject,
      medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
    };
    // Another medicine, so that it is one line of its own however much of it can be read.
    const bad = {
      ...good,
      id: 'mr-2',
      medicationCodeableConcept: { text: 'Ramipril 5mg capsules' },
      dosageInstruction: 'twice a day',
      dispenseRequest: 12,
      extension: 'x',
    };
    const model = medicationsViewModel(
      {
        requests: [good, bad] as unknown as MedicationRequest[],
        statements: [],
        patientId: PATIENT,
        notices: { withheld: false, unavailableSources: [] },
        organizations,
      },
      { audience: 'clinician', now: NOW },
    );
    assert.ok(model.current.some((row) => row.name === 'Amlodipine 5mg tablets'));
    assert.equal(model.current.length + model.unreadable.length, 2);
  });
});
