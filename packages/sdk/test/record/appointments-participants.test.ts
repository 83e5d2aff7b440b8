/**
 * Who an appointment is with, as its participants say: a professional who
 * declined is not who the resident will see, in the appointments view or
 * in the summary; one who accepted, might (tentative) or has yet to answer
 * is listed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, summaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';

const appointment = (status: string): Appointment =>
  ({
    resourceType: 'Appointment',
    id: 'ap-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'booked',
    start: '2026-12-20T10:00:00Z',
    description: 'Diabetes review',
    participant: [
      { actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' },
      { actor: { reference: 'Practitioner/pr-1', display: 'Dr Ann JONES' }, status },
      { actor: { reference: 'Practitioner/pr-2', display: 'Nurse Sam LEE' }, status: 'accepted' },
      { actor: { reference: 'Location/loc-1', display: 'Room 4' }, status: 'accepted' },
    ],
  }) as unknown as Appointment;

const shown = (status: string) => {
  const [row] = appointmentsViewModel(
    {
      appointments: [appointment(status)],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience: 'clinician', now: NOW },
  ).upcoming;
  const [item] = summaryViewModel([appointment(status)], { audience: 'clinician', now: NOW, patientId: PATIENT }).sections.appointments
    .items;
  return [row?.with, item?.with];
};

describe('appointments: who it is with', () => {
  test('a doctor who declined is not listed as who it is with', () => {
    assert.deepEqual(shown('declined'), ['Nurse Sam LEE', 'Nurse Sam LEE']);
  });
  for (const status of ['accepted', 'tentative', 'needs-action'])
    test(`a doctor who is "${status}" is listed`, () => {
      assert.deepEqual(shown(status), ['Dr Ann JONES, Nurse Sam LEE', 'Dr Ann JONES, Nurse Sam LEE']);
    });
});
