/**
 * The summary's upcoming appointments are the appointments view's upcoming
 * booked ones, in the same order, whatever the shape of the start: a time
 * with no offset is UK time (not the host's), a date without a time is
 * upcoming for the whole of that UK day, and the UK clock's changes (BST)
 * are honoured — on any host time zone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const organizations = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);
const meta = { source: 'https://care-record.example/source/RZ9' };

const appointment = (id: string, start: string, status = 'booked'): Appointment =>
  ({
    resourceType: 'Appointment',
    id,
    meta,
    status,
    start,
    description: `Appointment ${id}`,
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  }) as unknown as Appointment;

const summaryIds = (appointments: Appointment[], now: string): string[] =>
  summaryViewModel(appointments, { audience: 'clinician', now, patientId: PATIENT, organizations }).sections.appointments.items.map(
    (item) => item.id,
  );

const upcomingBookedIds = (appointments: Appointment[], now: string): string[] =>
  appointmentsViewModel(
    { appointments, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience: 'clinician', now },
  )
    .upcoming.filter((row) => row.status === 'booked')
    .map((row) => row.id);

describe('summary: upcoming appointments as the appointments view places them', () => {
  test('at 09:30 BST, a 09:00 appointment sent without an offset has started; one later that day without a time is still to come', () => {
    const now = '2026-07-01T08:30:00Z'; // 09:30 in London
    const list = [
      appointment('started', '2026-07-01T09:00:00'),
      appointment('today', '2026-07-01'),
      appointment('later', '2026-07-01T11:00:00'),
    ];
    assert.deepEqual(summaryIds(list, now), ['today', 'later']);
  });

  test('in winter a time without an offset is still UK time, and the list keeps the order of the day', () => {
    const now = '2026-12-01T08:30:00Z';
    const list = [
      appointment('b', '2026-12-01T10:00:00'),
      appointment('a', '2026-12-01T09:00:00+00:00'),
      appointment('gone', '2026-12-01T08:00:00'),
    ];
    assert.deepEqual(summaryIds(list, now), ['a', 'b']);
  });
});

const starts = fc.constantFrom(
  '2026-03-29T00:30:00',
  '2026-03-29T01:30:00',
  '2026-03-29T02:30:00',
  '2026-03-29T00:30:00Z',
  '2026-03-29T01:30:00+01:00',
  '2026-10-25T01:30:00',
  '2026-10-25T01:30:00Z',
  '2026-10-25T00:30:00Z',
  '2026-10-25',
  '2026-03-29',
  '2026-03',
  '2026',
  '2026-07-01T09:00:00',
  '2026-07-01T09:00:00+01:00',
  '2026-07-01T08:00:00Z',
  '2026-07-01',
  '2026-07-01T23:30:00-05:00',
  '2026-07-02T00:15:00+01:00',
  'not a date',
);
const nows = fc.constantFrom(
  '2026-03-29T00:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-03-29T23:30:00Z',
  '2026-10-25T00:45:00Z',
  '2026-10-25T01:15:00Z',
  '2026-10-24T23:30:00Z',
  '2026-07-01T07:59:00Z',
  '2026-07-01T08:00:00Z',
  '2026-07-01T08:30:00Z',
  '2026-07-01T23:30:00Z',
  '2026-06-30T23:30:00Z',
);
const statuses = fc.constantFrom('booked', 'booked', 'booked', 'cancelled', 'pending', 'noshow', 'fulfilled', 'arrived');

describe('summary: property, any start and any moment', () => {
  test('the summary lists exactly the appointments view’s upcoming booked appointments, in its order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(starts, statuses), { minLength: 1, maxLength: 6 }), nows, (shapes, now) => {
        const list = shapes.map(([start, status], index) => appointment(`a${index}`, start, status));
        assert.deepEqual(summaryIds(list, now), upcomingBookedIds(list, now));
      }),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(7201) },
    );
  });
});
