/**
 * An appointment that names another patient among its participants (a joint
 * or group session, or a feed that mixed two records) is not shown under
 * this patient's banner by any view — the summary, the timeline or the
 * appointments view — and each reports it, as the appointments view always
 * has. One whose only patient is this one is shown by all three.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, summaryViewModel, timelineViewModel, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';

const appointment = (patients: string[]): Appointment =>
  ({
    resourceType: 'Appointment',
    id: 'ap-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'booked',
    start: '2026-12-20T10:00:00Z',
    description: 'Family therapy session',
    participant: [
      ...patients.map((reference) => ({ actor: { reference, display: reference } })),
      { actor: { reference: 'Practitioner/pr-1', display: 'Dr Ann JONES' } },
    ],
  }) as unknown as Appointment;

/** What each view shows of it (`true` when shown) and how many safety issues each reports. */
function views(resource: Appointment): { shown: boolean[]; issues: number[] } {
  const summary = summaryViewModel([resource], { audience: 'clinician', now: NOW, patientId: PATIENT });
  const timeline = timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations: new Map() },
    { audience: 'clinician', now: NOW },
  );
  const list = appointmentsViewModel(
    { appointments: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience: 'clinician', now: NOW },
  );
  return {
    shown: [
      summary.sections.appointments.items.length > 0,
      timeline.days.some((day) => day.events.length > 0),
      list.upcoming.length + list.past.length > 0,
    ],
    issues: [summary.safetyIssues.length, timeline.safetyIssues.length, list.safetyIssues.length],
  };
}

describe('an appointment that names another patient', () => {
  test('is shown by no view, and each reports it', () => {
    assert.deepEqual(views(appointment([`Patient/${PATIENT}`, 'Patient/pat-0002'])), { shown: [false, false, false], issues: [1, 1, 1] });
  });

  test('one about this patient alone is shown by every view', () => {
    assert.deepEqual(views(appointment([`Patient/${PATIENT}`])), { shown: [true, true, true], issues: [0, 0, 0] });
  });

  test('property: the three views agree, and show it only when every patient it names is this one', () => {
    const reference = fc.constantFrom(
      `Patient/${PATIENT}`,
      `https://fhir.example.org/r4/Patient/${PATIENT}`,
      `Patient/${PATIENT}/_history/2`,
      'Patient/pat-0002',
      'https://fhir.example.org/r4/Patient/pat-0003',
    );
    fc.assert(
      fc.property(fc.array(reference, { minLength: 1, maxLength: 3 }), (patients) => {
        const onlyThis = patients.every((patient) => patient.includes(PATIENT));
        const { shown, issues } = views(appointment(patients));
        assert.deepEqual(shown, [onlyThis, onlyThis, onlyThis]);
        assert.deepEqual(issues, onlyThis ? [0, 0, 0] : [1, 1, 1]);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 1000), seed: seedOr(7801) },
    );
  });
});
