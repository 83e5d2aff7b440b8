/**
 * An appointment still being arranged — proposed, pending or on the waiting
 * list — often has no start yet (FHIR allows it), only the period it was
 * requested for. It has not happened: it is listed as upcoming, after the
 * dated ones, with the requested period as its date when there is one,
 * never under "Past".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';

const appointment = (id: string, extra: object): Appointment =>
  ({
    resourceType: 'Appointment',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    description: 'Cataract surgery',
    participant: [{ actor: { reference: `Patient/${PATIENT}` } }],
    ...extra,
  }) as unknown as Appointment;

const view = (appointments: Appointment[], audience: RecordAudience = 'resident') =>
  appointmentsViewModel(
    { appointments, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience, now: NOW },
  );

describe('appointments: still being arranged', () => {
  test('on the waiting list for January to March 2027: upcoming, with the period asked for, not "Past" on a date "Not known"', () => {
    const model = view([
      appointment('wait', { status: 'waitlist', requestedPeriod: [{ start: '2027-01-01', end: '2027-03-31' }] }),
      appointment('clinic', { status: 'booked', start: '2026-12-20T10:00:00Z' }),
    ]);
    assert.deepEqual(
      model.upcoming.map((row) => [row.id, row.date]),
      [
        ['clinic', '20 December 2026'],
        ['wait', 'Between 1 January 2027 and 31 March 2027'],
      ],
    );
    assert.deepEqual(model.past, []);
  });

  test('for a clinician the requested period reads in CUI dates', () => {
    const [row] = view(
      [appointment('wait', { status: 'proposed', requestedPeriod: [{ start: '2027-01-01', end: '2027-03-31' }] })],
      'clinician',
    ).upcoming;
    assert.equal(row?.date, 'Requested 01-Jan-2027 to 31-Mar-2027');
  });

  test('property: one being arranged with no start is never listed as past', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('proposed', 'pending', 'waitlist'),
        fc.constantFrom(
          undefined,
          [],
          [{ start: '2027-01-01' }],
          [{ end: '2027-02-01' }],
          [{ start: '2027-01-01', end: '2027-02-01' }],
          [{ start: 'soon' }],
        ),
        fc.constantFrom(undefined, '', 'not a date'),
        (status, requestedPeriod, start) => {
          const model = view([
            appointment('a', { status, ...(requestedPeriod ? { requestedPeriod } : {}), ...(start !== undefined ? { start } : {}) }),
          ]);
          assert.deepEqual(model.past, []);
          assert.equal(model.upcoming.length, 1);
          assert.ok(model.upcoming[0]?.date, 'it has a date, or says it is not known');
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 500), seed: seedOr(7701) },
    );
  });
});
