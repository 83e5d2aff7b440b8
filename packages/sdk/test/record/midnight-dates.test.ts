/**
 * Many systems hold a recorded fact (a result taken, an encounter, an allergy
 * recorded) as a date and send it as a date-time at midnight. A clinician
 * shown "00:00" reads it as when the sample was taken; a midnight written
 * with another offset (`+01:00` in winter) was shown on the day before. A
 * recorded clock of exactly midnight is now read as the date alone, on the
 * day written; any other time is shown in UK time on its UK day. A booked
 * time is not a recorded fact: an appointment at midnight is at midnight.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { AllergyIntolerance, Appointment, Observation } from '../../src/fhir.js';
import {
  allergyState,
  appointmentsViewModel,
  resultsViewModel,
  summaryViewModel,
  timelineViewModel,
  type TimelineResource,
} from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { ukDay, ukParts } from './uk-clock.js';

const PATIENT = 'pat-0001';
const NOW = '2020-01-01T09:00:00Z';
const organizations = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);
const meta = { source: 'https://care-record.example/source/RZ9' };
const subject = { reference: `Patient/${PATIENT}` };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-01-15` as a clinician reads it: `15-Jan-2026`. */
const clinicianDay = (isoDate: string): string => {
  const [year, month, day] = isoDate.split('-');
  return `${day}-${MONTHS[Number(month) - 1]}-${year}`;
};

/** The UK wall clock at an instant, from the platform's own time zone database: `{ isoDate, time }`. */
const ukClock = (instant: number): { isoDate: string; time: string } => {
  const { hour, minute } = ukParts(instant);
  return { isoDate: ukDay(instant), time: `${hour}:${minute}` };
};

const observation = (effectiveDateTime: string): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k-1',
    meta,
    status: 'final',
    code: { text: 'Potassium' },
    subject,
    valueQuantity: { value: 4.1, unit: 'mmol/L' },
    effectiveDateTime,
  }) as unknown as Observation;

const encounter = (start: string) => ({
  resourceType: 'Encounter',
  id: 'e-1',
  meta,
  status: 'finished',
  class: { code: 'AMB' },
  subject,
  type: [{ text: 'Outpatient visit' }],
  period: { start },
});

const appointment = (start: string): Appointment =>
  ({
    resourceType: 'Appointment',
    id: 'a-1',
    meta,
    status: 'booked',
    serviceType: [{ text: 'Review' }],
    start,
    participant: [{ actor: subject, status: 'accepted' }],
  }) as unknown as Appointment;

const allergy = (recordedDate: string): AllergyIntolerance =>
  ({
    resourceType: 'AllergyIntolerance',
    id: 'alg-1',
    meta,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    code: { text: 'Penicillin' },
    patient: subject,
    recordedDate,
    onsetDateTime: recordedDate,
  }) as unknown as AllergyIntolerance;

function timelineWhen(resource: object): { date: string | undefined; time: string | undefined } {
  const view = timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations },
    { audience: 'clinician', now: NOW },
  );
  const event = view.days[0]?.events[0];
  return { date: event?.date, time: event?.time };
}

const resultDay = (value: string): string | undefined =>
  resultsViewModel(
    { observations: [observation(value)], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience: 'clinician' },
  ).tests[0]?.latest.date;

function allergyDays(value: string): { onset: string; lastUpdated: string } | undefined {
  const state = allergyState(
    { bundle: { entry: [{ resource: allergy(value) }] }, notices: { withheld: false, unavailableSources: [] } },
    { audience: 'clinician', organizations },
  );
  if (state.kind !== 'known') return undefined;
  const [item] = state.items;
  return item && { onset: item.onset, lastUpdated: item.lastUpdated };
}

function appointmentWhen(start: string): { date: string | undefined; time: string | undefined } {
  const view = appointmentsViewModel(
    { appointments: [appointment(start)], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience: 'clinician', now: NOW },
  );
  const [row] = [...view.upcoming, ...view.past];
  return { date: row?.date, time: row?.time };
}

/** The summary's upcoming appointment, when the appointment is still to come. */
function summaryAppointmentWhen(start: string): { date: string | undefined; time: string | undefined } | undefined {
  const [item] = summaryViewModel([appointment(start)], { audience: 'clinician', now: NOW, patientId: PATIENT, organizations }).sections
    .appointments.items;
  return item && { date: item.date, time: item.time };
}

describe('a recorded date sent as midnight is a date', () => {
  test('a potassium taken "2026-03-29T00:00:00" is on 29-Mar-2026 with no time, not at 00:00', () => {
    assert.deepEqual(timelineWhen(observation('2026-03-29T00:00:00')), { date: '29-Mar-2026', time: undefined });
  });

  test('an outpatient visit sent as "2026-11-03T00:00:00Z" shows no time', () => {
    assert.deepEqual(timelineWhen(encounter('2026-11-03T00:00:00Z')), { date: '03-Nov-2026', time: undefined });
  });

  test('a result sent as midnight "+01:00" in winter is on the day written, not the day before', () => {
    assert.equal(resultDay('2026-01-15T00:00:00+01:00'), '15-Jan-2026');
  });

  test('an allergy recorded as midnight "+01:00" in winter is on the day written', () => {
    assert.deepEqual(allergyDays('2026-01-15T00:00:00+01:00'), { onset: '15-Jan-2026', lastUpdated: '15-Jan-2026' });
  });

  test('a UK date stored as UTC ("2026-06-14T23:00:00Z", UK midnight in summer) is on 15-Jun-2026 with no time', () => {
    assert.deepEqual(timelineWhen(observation('2026-06-14T23:00:00Z')), { date: '15-Jun-2026', time: undefined });
  });

  test('an appointment booked for midnight is at 00:00, in the appointments and on the summary', () => {
    assert.deepEqual(appointmentWhen('2026-01-15T00:00:00Z'), { date: '15-Jan-2026', time: '00:00' });
    assert.deepEqual(summaryAppointmentWhen('2026-01-15T00:00:00+01:00'), { date: '14-Jan-2026', time: '23:00' });
  });

  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map((value) => value.toISOString().slice(0, 10));
  const zone = fc.constantFrom('', 'Z', '+00:00', '+01:00', '-00:00', '-05:00', '+05:30', '+14:00', '-12:00');
  const midnightClock = fc.constantFrom('T00:00', 'T00:00:00', 'T00:00:00.000', 'T00:00:00.0');

  test('property: a midnight as written, in any offset, is the date written with no time, everywhere it is recorded', () => {
    fc.assert(
      fc.property(day, midnightClock, zone, (isoDate, clock, offset) => {
        const value = `${isoDate}${clock}${offset}`;
        const shown = clinicianDay(isoDate);
        assert.deepEqual(timelineWhen(observation(value)), { date: shown, time: undefined }, value);
        assert.deepEqual(timelineWhen(encounter(value)), { date: shown, time: undefined }, value);
        assert.equal(resultDay(value), shown, value);
        assert.deepEqual(allergyDays(value), { onset: shown, lastUpdated: shown }, value);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 3000), seed: seedOr(9101) },
    );
  });

  test('property: a UK midnight sent in UTC is that UK day with no time', () => {
    fc.assert(
      fc.property(day, (isoDate) => {
        // The instant of UK midnight that day: UTC midnight, or 23:00 UTC the day before in summer time.
        const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
        const instant = ukClock(utcMidnight).time === '00:00' ? utcMidnight : utcMidnight - 3_600_000;
        assert.equal(ukClock(instant).time, '00:00');
        const value = new Date(instant).toISOString();
        assert.deepEqual(timelineWhen(observation(value)), { date: clinicianDay(isoDate), time: undefined }, value);
        assert.equal(resultDay(value), clinicianDay(isoDate), value);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9102) },
    );
  });

  test('property: any other recorded time is its UK time on its UK day; a booked time is kept even at midnight', () => {
    const minuteOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 });
    const second = fc.constantFrom(0, 0, 0, 1, 59);
    fc.assert(
      fc.property(day, minuteOfDay, second, zone, (isoDate, minutes, seconds, offset) => {
        const clock = `T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
        const value = `${isoDate}${clock}${offset}`;
        const sign = offset.startsWith('-') ? -1 : 1;
        const offsetMs = offset === '' || offset === 'Z' ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) * 60_000;
        // Without an offset a time is UK time: find the instant whose UK clock is the one written.
        const written = Date.parse(`${isoDate}${clock}Z`);
        const instant =
          offset === ''
            ? // The earlier when the clocks go back and the time comes twice; when they go forward, the time that is skipped reads as summer time.
              ([written - 3_600_000, written].find((candidate) => ukClock(candidate).time === clock.slice(1, 6)) ?? written)
            : written - offsetMs;
        const uk = ukClock(instant);
        const booked = appointmentWhen(value);
        assert.deepEqual(booked, { date: clinicianDay(uk.isoDate), time: uk.time }, value);
        const summarised = summaryAppointmentWhen(value);
        if (summarised) assert.deepEqual(summarised, booked, value);
        const midnight = minutes === 0 && seconds === 0;
        const ukMidnight = uk.time === '00:00' && seconds === 0;
        if (midnight || ukMidnight) return;
        assert.deepEqual(timelineWhen(observation(value)), { date: clinicianDay(uk.isoDate), time: uk.time }, value);
        assert.equal(resultDay(value), clinicianDay(uk.isoDate), value);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 4000), seed: seedOr(9103) },
    );
  });
});
