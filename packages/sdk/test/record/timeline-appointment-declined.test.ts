/**
 * The timeline says what the appointments list says of an appointment the
 * patient declined while it is still booked or being arranged: `Declined by
 * the patient` (residents: `Declined`), never `Booked`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, createTimeline, type RecordAudience, type TimelineResource } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const NOW = '2026-12-07T05:00:00Z';

const appointment = (status: string, patientStatus: string | undefined): Appointment =>
  ({
    resourceType: 'Appointment',
    id: 'ap-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status,
    start: '2026-12-10T10:00:00Z',
    serviceType: [{ text: 'Oncology clinic' }],
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, ...(patientStatus === undefined ? {} : { status: patientStatus }) }],
  }) as unknown as Appointment;

function timelineStatus(resource: Appointment, audience: RecordAudience): string | undefined {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: NOW });
  timeline.add([resource as unknown as TimelineResource]);
  const view = timeline.view();
  return [...view.days.flatMap((day) => day.events), ...view.undated][0]?.status;
}

const listStatus = (resource: Appointment, audience: RecordAudience) =>
  appointmentsViewModel(
    { appointments: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience, now: NOW },
  ).upcoming[0]?.statusLabel;

describe('timeline: an appointment the patient declined says so', () => {
  test('reported: a booked appointment the patient declined is not "Booked" in the timeline', () => {
    assert.equal(timelineStatus(appointment('booked', 'declined'), 'clinician'), 'Declined by the patient');
  });

  for (const status of ['booked', 'pending', 'proposed', 'waitlist'])
    for (const patientStatus of ['declined', 'DECLINED', 'accepted', undefined])
      for (const audience of ['clinician', 'resident'] as const)
        test(`${status}, patient ${JSON.stringify(patientStatus)}, ${audience}: as the appointments list`, () => {
          const resource = appointment(status, patientStatus);
          const said = timelineStatus(resource, audience);
          if (/declined/i.test(patientStatus ?? '')) assert.equal(said, listStatus(resource, audience));
          else assert.doesNotMatch(said ?? '', /Declined/);
        });
});
