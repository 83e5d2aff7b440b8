/**
 * An appointment the patient has declined (their `participant.status` is
 * `declined`: "will not participate") while the booking system leaves the
 * appointment `booked` is not shown as simply booked: the appointments list
 * says the patient declined it and offers no calendar entry, and the
 * summary's upcoming appointments say so beside it. A professional who
 * declined was already left out of "with"; the patient declining was not read.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, summaryViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const NOW = '2026-12-07T05:00:00Z';

const appointment = (status: string, patientStatus: string | undefined, reference = `Patient/${PATIENT}`): Appointment =>
  ({
    resourceType: 'Appointment',
    id: 'ap-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status,
    start: '2026-12-10T10:00:00Z',
    end: '2026-12-10T10:30:00Z',
    serviceType: [{ text: 'Oncology clinic' }],
    participant: [
      { actor: { reference }, ...(patientStatus === undefined ? {} : { status: patientStatus }) },
      { actor: { reference: 'Practitioner/pr-1', display: 'Dr Okafor' }, status: 'accepted' },
    ],
  }) as unknown as Appointment;

const listRow = (resource: Appointment, audience: RecordAudience = 'clinician') =>
  appointmentsViewModel(
    { appointments: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience, now: NOW },
  ).upcoming[0];

const summaryItem = (resource: Appointment, audience: RecordAudience = 'clinician') =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, resource], { audience, now: NOW, patientId: PATIENT }).sections.appointments
    .items[0];

describe('appointments: one the patient declined says so', () => {
  test('reported: a booked oncology appointment the patient declined reads as declined, not booked', () => {
    const resource = appointment('booked', 'declined');
    const row = listRow(resource);
    assert.equal(row?.statusLabel, 'Declined by the patient');
    assert.equal(row?.patientDeclined, true);
    assert.equal(row?.canAddToCalendar, false);
    assert.equal(summaryItem(resource)?.patientDeclined, true);
  });

  // Appointment statuses still ahead, the patient's participation however spelt, references in each form, both audiences.
  const STATUSES = ['booked', 'pending', 'proposed', 'waitlist'];
  const PATIENT_STATUSES: [string | undefined, boolean][] = [
    ['declined', true],
    ['Declined', true],
    [' DECLINED ', true],
    ['accepted', false],
    ['tentative', false],
    ['needs-action', false],
    [undefined, false],
  ];
  const REFERENCES = [`Patient/${PATIENT}`, `https://fhir.example.nhs.uk/Patient/${PATIENT}`];
  for (const status of STATUSES)
    for (const [patientStatus, declined] of PATIENT_STATUSES)
      for (const reference of REFERENCES)
        for (const audience of ['clinician', 'resident'] as const)
          test(`${status}, patient ${JSON.stringify(patientStatus)}, ${reference}, ${audience}`, () => {
            const resource = appointment(status, patientStatus, reference);
            const row = listRow(resource, audience);
            assert.equal(row?.patientDeclined, declined ? true : undefined);
            if (declined) {
              assert.equal(row?.statusLabel, audience === 'clinician' ? 'Declined by the patient' : 'Declined');
              assert.equal(row?.canAddToCalendar, false);
            } else assert.doesNotMatch(row?.statusLabel ?? '', /Declined/);
            // The summary lists booked appointments only; one it lists says when the patient declined it.
            if (status === 'booked') assert.equal(summaryItem(resource, audience)?.patientDeclined, declined ? true : undefined);
          });

  test('a professional declining is not the patient declining', () => {
    const resource = appointment('booked', 'accepted');
    resource.participant = [
      ...resource.participant,
      { actor: { reference: 'Practitioner/pr-2' }, status: 'declined' },
    ] as Appointment['participant'];
    assert.equal(listRow(resource)?.patientDeclined, undefined);
    assert.equal(listRow(resource)?.statusLabel, 'Booked');
  });
});
