/**
 * What an appointment says is shown, in the list and on the timeline alike.
 *
 * - A cancelled appointment's reason (`cancelationReason`, FHIR R4's
 *   spelling) was shown in the list but not on the timeline.
 * - The appointment's own reason (`reasonCode`, `reasonReference`) was not in
 *   the list at all, and on the timeline a description hid it. Both audiences
 *   see the reason; a clinician also sees the staff's `comment`, which is not
 *   written for the resident. An appointment the hub cut down for a role that
 *   may not see clinical detail (tagged `SUBSETTED`) says some details are not
 *   shown, never that there are none.
 * - An appointment with an end but no start (FHIR allows it) read "Not known"
 *   and was listed as past, even when it ends next year. It is placed by its
 *   end and says so: "Ends 4 March 2027, start not known".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import {
  appointmentsViewModel,
  createTimeline,
  summaryViewModel,
  type AppointmentRow,
  type RecordAudience,
  type TimelineEvent,
  type TimelineResource,
} from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';
const SNOMED = 'http://snomed.info/sct';

const appointment = (id: string, extra: object): Appointment =>
  ({
    resourceType: 'Appointment',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    serviceType: [{ text: 'Diabetes clinic' }],
    participant: [{ actor: { reference: `Patient/${PATIENT}` } }],
    ...extra,
  }) as unknown as Appointment;

function rowOf(item: Appointment, audience: RecordAudience): { row: AppointmentRow; upcoming: boolean } {
  const model = appointmentsViewModel(
    { appointments: [item], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience, now: NOW },
  );
  const [row] = [...model.upcoming, ...model.past];
  assert.ok(row, 'the appointment is listed');
  return { row, upcoming: model.upcoming.includes(row) };
}

function eventOf(item: Appointment, audience: RecordAudience): TimelineEvent {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: NOW });
  timeline.add([item as unknown as TimelineResource]);
  const view = timeline.view();
  const [event] = [...view.days.flatMap((day) => day.events), ...view.undated];
  assert.ok(event, 'the appointment is on the timeline');
  return event;
}

const cancelled = appointment('cancelled', {
  status: 'cancelled',
  start: '2026-12-20T10:00:00Z',
  cancelationReason: { coding: [{ system: SNOMED, code: '182856006' }] },
});

describe('appointments: the reason a cancelled appointment gives', () => {
  for (const audience of ['clinician', 'resident'] as const) {
    test(`is on the timeline as in the list, read as its code when it has no words (${audience})`, () => {
      assert.equal(rowOf(cancelled, audience).row.cancellationReason, 'SNOMED CT 182856006');
      assert.match(eventOf(cancelled, audience).detail ?? '', /SNOMED CT 182856006/);
    });
  }
});

describe("appointments: the appointment's own reason", () => {
  const withReasons = appointment('reasons', {
    status: 'booked',
    start: '2026-12-20T10:00:00Z',
    description: 'Annual review',
    reasonCode: [{ coding: [{ system: SNOMED, code: '44054006' }] }, { text: 'Foot check' }],
    reasonReference: [{ reference: 'Condition/c1', display: 'Type 2 diabetes' }],
    comment: 'Bring glucose diary; interpreter booked',
  });

  for (const audience of ['clinician', 'resident'] as const) {
    test(`every reason is in the list and on the timeline, beside the description (${audience})`, () => {
      const { row } = rowOf(withReasons, audience);
      assert.equal(row.reason, 'SNOMED CT 44054006; Foot check; Type 2 diabetes');
      assert.equal(row.title, 'Annual review');
      const event = eventOf(withReasons, audience);
      const shown = `${event.title} ${event.detail ?? ''}`;
      for (const reason of ['Annual review', 'SNOMED CT 44054006', 'Foot check', 'Type 2 diabetes'])
        assert.ok(shown.includes(reason), `${reason} in "${shown}"`);
    });
  }

  test("the staff's comment is for a clinician, not the resident", () => {
    assert.equal(rowOf(withReasons, 'clinician').row.comment, 'Bring glucose diary; interpreter booked');
    assert.equal(rowOf(withReasons, 'resident').row.comment, undefined);
  });

  test('one the hub cut down for the desk (SUBSETTED) says some details are not shown', () => {
    const desk = appointment('desk', {
      status: 'booked',
      start: '2026-12-20T10:00:00Z',
      meta: { source: 'https://care-record.example/source/RZ9', tag: [{ code: 'SUBSETTED' }] },
    });
    const { row } = rowOf(desk, 'clinician');
    assert.equal(row.detailsWithheld, true);
    assert.equal(row.reason, undefined);
    assert.equal(rowOf(withReasons, 'clinician').row.detailsWithheld, undefined);
  });
});

describe('appointments: an end but no start', () => {
  const endsNextYear = appointment('ends', { status: 'booked', end: '2027-03-04T15:00:00Z' });
  const endedLastYear = appointment('ended', { status: 'booked', end: '2025-03-04' });

  test('ending after now: upcoming in the list and still to come on the timeline, saying what is known', () => {
    const resident = rowOf(endsNextYear, 'resident');
    assert.equal(resident.upcoming, true);
    assert.equal(resident.row.date, 'Ends 4 March 2027 at 3pm, start not known');
    assert.equal(rowOf(endsNextYear, 'clinician').row.date, 'Ends 04-Mar-2027 15:00; start not known');
    const event = eventOf(endsNextYear, 'clinician');
    assert.equal(event.future, true);
    assert.equal(event.date, '04-Mar-2027');
    assert.match(event.dateNote ?? '', /Ends 04-Mar-2027; start not recorded/);
  });

  test('ended before now: past in both, dated by its end', () => {
    const { row, upcoming } = rowOf(endedLastYear, 'clinician');
    assert.equal(upcoming, false);
    assert.equal(row.date, 'Ends 04-Mar-2025; start not known');
    const event = eventOf(endedLastYear, 'clinician');
    assert.equal(event.future, false);
    assert.equal(event.date, '04-Mar-2025');
  });

  test('its length is shown when recorded', () => {
    assert.equal(
      rowOf(appointment('long', { status: 'booked', end: '2027-03-04T15:00:00Z', minutesDuration: 30 }), 'resident').row.duration,
      '30 minutes',
    );
  });
});

describe('the summary says of when what the appointments view says', () => {
  const summaryOf = (appointments: Appointment[], audience: RecordAudience) =>
    summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...appointments] as unknown as Parameters<typeof summaryViewModel>[0], {
      patientId: PATIENT,
      audience,
      now: NOW,
      organizations: new Map(),
    }).sections.appointments.items.map((item) => [item.id, item.date, item.time]);

  test('an end with no start, and a day with no time: no "Not recorded" time beside them', () => {
    const dayOnly = appointment('day', { status: 'booked', start: '2026-12-10' });
    const ends = appointment('ends', { status: 'booked', end: '2027-03-04T15:00:00Z' });
    assert.deepEqual(summaryOf([dayOnly, ends], 'clinician'), [
      ['day', '10-Dec-2026', 'Not known'],
      ['ends', 'Ends 04-Mar-2027 15:00; start not known', 'Not known'],
    ]);
    for (const [, date] of summaryOf([dayOnly, ends], 'resident')) assert.notEqual(date, 'Not recorded');
    assert.deepEqual(
      summaryOf([ends], 'resident').map(([, date]) => date),
      [rowOf(ends, 'resident').row.date],
    );
  });
});
