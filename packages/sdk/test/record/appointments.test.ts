import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createBorough } from '@care-record/synthetic';

import type { Appointment } from '../../src/fhir.js';
import {
  appointmentCalendar,
  appointmentFileName,
  appointmentsViewModel,
  foldLine,
  icsText,
  organizationNames,
  type AppointmentRow,
  type AppointmentsViewModel,
  type RecordNotices,
} from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const NO_NOTICES: RecordNotices = { withheld: false, unavailableSources: [] };
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['F83999', 'Tufnell Green Surgery']]);
const BOOKING = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';

type Fields = Record<string, unknown>;

function appointment(id: string, fields: Fields = {}): Appointment {
  return {
    resourceType: 'Appointment',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    extension: [{ url: BOOKING, valueReference: { reference: 'Organization/org-f83999', display: 'Tufnell Green Surgery' } }],
    status: 'booked',
    serviceType: [{ text: 'Long-term condition review' }],
    description: 'Annual review with the practice nurse',
    start: '2026-12-22T16:20:00Z',
    end: '2026-12-22T16:40:00Z',
    minutesDuration: 20,
    patientInstruction: 'Please bring a urine sample.',
    participant: [
      { actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' },
      { actor: { reference: 'Practitioner/prac-1', display: 'Mr Samuel Pearce' }, status: 'accepted' },
      { actor: { display: 'Tufnell Green Surgery, Room 2' }, status: 'accepted' },
    ],
    ...fields,
  } as unknown as Appointment;
}

function view(appointments: Appointment[], audience: 'clinician' | 'resident' = 'resident'): AppointmentsViewModel {
  return appointmentsViewModel(
    { appointments, patientId: PATIENT, notices: NO_NOTICES, organizations: ORGANIZATIONS },
    { audience, now: NOW },
  );
}

describe('appointmentsViewModel', () => {
  test('an upcoming appointment in full, for a resident', () => {
    const model = view([appointment('apt-1')]);
    assert.equal(model.heading, 'Your appointments');
    assert.deepEqual(model.upcoming, [
      {
        id: 'apt-1',
        title: 'Annual review with the practice nurse',
        service: 'Long-term condition review',
        status: 'booked',
        statusLabel: 'Booked',
        cancelled: false,
        date: '22 December 2026',
        time: '4:20pm',
        start: '2026-12-22T16:20:00.000Z',
        end: '2026-12-22T16:40:00.000Z',
        location: 'Tufnell Green Surgery, Room 2',
        organisation: 'Tufnell Green Surgery',
        with: 'Mr Samuel Pearce',
        instruction: 'Please bring a urine sample.',
        canAddToCalendar: true,
        source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
      },
    ]);
    assert.deepEqual(model.past, []);
  });

  const placement: { name: string; fields: Fields; list: 'upcoming' | 'past'; label: string; calendar: boolean }[] = [
    { name: 'booked, in the future', fields: {}, list: 'upcoming', label: 'Booked', calendar: true },
    { name: 'cancelled, in the future', fields: { status: 'cancelled' }, list: 'upcoming', label: 'Cancelled', calendar: false },
    { name: 'fulfilled', fields: { status: 'fulfilled', start: '2026-01-05T10:00:00Z' }, list: 'past', label: 'Attended', calendar: false },
    { name: 'missed', fields: { status: 'noshow', start: '2026-01-05T10:00:00Z' }, list: 'past', label: 'Missed', calendar: false },
    { name: 'booked, but in the past', fields: { start: '2026-11-01T10:00:00Z' }, list: 'past', label: 'Booked', calendar: false },
    // Nothing says when, nor that it happened: not past by a guess (`appointmentTiming`).
    { name: 'no readable start', fields: { start: 'soon', end: undefined }, list: 'upcoming', label: 'Booked', calendar: false },
    { name: 'not confirmed yet', fields: { status: 'proposed' }, list: 'upcoming', label: 'Not confirmed yet', calendar: false },
  ];
  for (const { name, fields, list, label, calendar } of placement) {
    test(`${name}: ${list}, "${label}"`, () => {
      const model = view([appointment('apt-1', fields)]);
      const [row] = model[list];
      assert.ok(row, `listed under ${list}`);
      assert.equal(row.statusLabel, label);
      assert.equal(row.canAddToCalendar, calendar);
      assertDisplayable(model, name);
    });
  }

  test('clinicians get CUI dates and "Did not attend"', () => {
    const model = view([appointment('apt-1', { status: 'noshow', start: '2026-04-05T08:30:00Z' })], 'clinician');
    assert.equal(model.heading, 'Appointments');
    assert.equal(model.past[0]!.date, '05-Apr-2026');
    assert.equal(model.past[0]!.time, '09:30');
    assert.equal(model.past[0]!.statusLabel, 'Did not attend');
  });

  test('a cancelled appointment says why, and asks nothing of the resident', () => {
    const [row] = view([appointment('apt-1', { status: 'cancelled', cancelationReason: { text: 'Clinic closed' } })]).upcoming;
    assert.equal(row!.cancelled, true);
    assert.equal(row!.cancellationReason, 'Clinic closed');
    assert.equal(row!.instruction, undefined);
  });

  test('upcoming soonest first, past most recent first; entered-in-error not shown', () => {
    const model = view([
      appointment('later', { start: '2027-02-01T09:00:00Z', end: undefined }),
      appointment('sooner', { start: '2026-12-01T09:00:00Z', end: undefined }),
      appointment('old', { status: 'fulfilled', start: '2020-01-01T09:00:00Z' }),
      appointment('recent', { status: 'fulfilled', start: '2026-06-01T09:00:00Z' }),
      appointment('error', { status: 'entered-in-error' }),
    ]);
    assert.deepEqual(
      model.upcoming.map((row) => row.id),
      ['sooner', 'later'],
    );
    assert.deepEqual(
      model.past.map((row) => row.id),
      ['recent', 'old'],
    );
    // No end, but a duration: the end is worked out for the calendar.
    assert.equal(model.upcoming[0]!.end, '2026-12-01T09:20:00.000Z');
  });

  test('a start with a day but no time is placed by its UK day, and offers no calendar entry', () => {
    const model = view([
      appointment('tomorrow', { start: '2026-11-29', end: undefined }),
      appointment('today', { start: '2026-11-28', end: undefined }),
      appointment('yesterday', { start: '2026-11-27', end: undefined }),
      appointment('unreadable', { start: 'next Tuesday', end: undefined }),
    ]);
    assert.deepEqual(
      model.upcoming.map((row) => row.id),
      ['today', 'tomorrow', 'unreadable'],
    );
    assert.deepEqual(
      model.past.map((row) => row.id),
      ['yesterday'],
    );
    assert.equal(model.upcoming[1]!.canAddToCalendar, false);
  });

  test('missing words are "Not known", never blank', () => {
    const model = view([
      appointment('apt-1', {
        description: ' ',
        serviceType: undefined,
        participant: [{ actor: { reference: `Patient/${PATIENT}` } }],
        extension: undefined,
      }),
    ]);
    const [row] = model.upcoming;
    assert.equal(row!.title, 'Not known');
    assert.equal(row!.location, 'Not known');
    assert.equal(row!.organisation, 'Tufnell Green Surgery');
    assert.equal(row!.with, undefined);
    assertDisplayable(model, 'sparse');
  });

  test("NOPAT and other patients' appointments are not shown", () => {
    const model = view([
      appointment('mine'),
      appointment('hidden', { meta: { security: [{ code: 'NOPAT' }] } }),
      appointment('theirs', { participant: [{ actor: { reference: 'Patient/pat-0002' } }] }),
    ]);
    assert.deepEqual(
      model.upcoming.map((row) => row.id),
      ['mine'],
    );
    assert.equal(model.notices.withheld, true);
    assert.deepEqual(
      model.safetyIssues.map((issue) => issue.message),
      ['One Appointment was not shown: it belongs to a different patient.'],
    );
  });

  test('the synthetic borough: every string fit to show', () => {
    const borough = createBorough({ residents: 10 });
    const organizations = organizationNames(borough.organizations);
    for (let index = 0; index < 10; index++) {
      const record = borough.resident(index);
      const model = appointmentsViewModel(
        {
          appointments: record.resources.filter((resource): resource is Appointment => resource.resourceType === 'Appointment'),
          patientId: record.patient.id!,
          notices: NO_NOTICES,
          organizations,
        },
        { audience: 'resident', now: NOW },
      );
      assertDisplayable(model, `resident ${index}`);
      assert.deepEqual(model.safetyIssues, []);
    }
  });
});

/** Unfolds and splits an .ics file into its properties, checking the line rules on the way. */
function parseIcs(ics: string): Map<string, string[]> {
  assert.ok(ics.endsWith('\r\n'), 'ends with CRLF');
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    assert.ok(new TextEncoder().encode(line).length <= 75, `line within 75 octets: ${line}`);
    assert.ok(!line.includes('\n') && !line.includes('\r'), 'no bare line breaks');
  }
  const properties = new Map<string, string[]>();
  for (const line of physical.join('\r\n').replace(/\r\n /g, '').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    properties.set(name, [...(properties.get(name) ?? []), line.slice(colon + 1)]);
  }
  return properties;
}

const unescape = (value: string): string =>
  value.replace(/\\([\\;,nN])/g, (_, character: string) => (character.toLowerCase() === 'n' ? '\n' : character));

describe('appointmentCalendar (RFC 5545)', () => {
  const row = (fields: { [Key in keyof AppointmentRow]?: AppointmentRow[Key] | undefined } = {}): AppointmentRow =>
    ({ ...view([appointment('apt-1')]).upcoming[0]!, ...fields }) as AppointmentRow;

  test('a booked appointment: UID, DTSTAMP, start and end in UTC, what, where and who', () => {
    const ics = appointmentCalendar(row(), { now: new Date('2026-11-28T09:00:00.123Z'), domain: 'hub.example.org' })!;
    const properties = parseIcs(ics);
    assert.deepEqual(properties.get('BEGIN'), ['VCALENDAR', 'VEVENT']);
    assert.deepEqual(properties.get('END'), ['VEVENT', 'VCALENDAR']);
    assert.deepEqual(properties.get('VERSION'), ['2.0']);
    assert.ok(properties.get('PRODID')?.[0]);
    assert.deepEqual(properties.get('UID'), ['appointment-apt-1@hub.example.org']);
    assert.deepEqual(properties.get('DTSTAMP'), ['20261128T090000Z']);
    assert.deepEqual(properties.get('DTSTART'), ['20261222T162000Z']);
    assert.deepEqual(properties.get('DTEND'), ['20261222T164000Z']);
    assert.deepEqual(properties.get('SUMMARY'), ['Annual review with the practice nurse']);
    assert.equal(unescape(properties.get('LOCATION')![0]!), 'Tufnell Green Surgery, Room 2');
    assert.equal(
      unescape(properties.get('DESCRIPTION')![0]!),
      'Long-term condition review\nWith Mr Samuel Pearce\nBooked by Tufnell Green Surgery\nPlease bring a urine sample.',
    );
    assert.deepEqual(properties.get('STATUS'), ['CONFIRMED']);
    assert.equal(appointmentFileName(row()), 'appointment-2026-12-22.ics');
  });

  test('text is escaped and long lines folded without splitting a character', () => {
    const title = 'Clinic; room 3, back\\door\nthen ask at the desk — ☕ '.repeat(4);
    const ics = appointmentCalendar(row({ title, cancelled: true }), { now: new Date(NOW) })!;
    const properties = parseIcs(ics);
    assert.equal(unescape(properties.get('SUMMARY')![0]!), title);
    assert.deepEqual(properties.get('STATUS'), ['CANCELLED']);
    assert.ok(!ics.includes('\uFFFD'));
  });

  const escapes: [string, string][] = [
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['a\\b', 'a\\\\b'],
    ['a\r\nb\nc\rd', 'a\\nb\\nc\\nd'],
  ];
  for (const [input, output] of escapes) test(`icsText(${JSON.stringify(input)})`, () => assert.equal(icsText(input), output));

  test('foldLine: 75 octets, then 74 after the leading space; multi-byte characters stay whole', () => {
    const folded = foldLine('é'.repeat(80)).split('\r\n');
    assert.deepEqual(
      folded.map((line) => new TextEncoder().encode(line).length),
      [74, 75, 13],
    );
    assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75));
  });

  // A calendar shows an appointment in the reader's own time zone: the file must name the moment (UTC), and the
  // page must show it in UK time, whatever offset the source wrote and on either side of a clock change.
  const moments: [string, string, string, string, string][] = [
    ['UK summer time, sent with its offset', '2027-07-01T09:30:00+01:00', '09:30', '9:30am', '20270701T083000Z'],
    ['UK summer time, sent in UTC', '2027-07-01T08:30:00Z', '09:30', '9:30am', '20270701T083000Z'],
    ['UK summer time, sent from another zone', '2027-07-01T04:30:00-04:00', '09:30', '9:30am', '20270701T083000Z'],
    ['UK winter time', '2027-01-12T09:30:00Z', '09:30', '9:30am', '20270112T093000Z'],
    ['the night the clocks go forward, before', '2027-03-28T00:30:00Z', '00:30', '12:30am', '20270328T003000Z'],
    ['the night the clocks go forward, after', '2027-03-28T01:30:00Z', '02:30', '2:30am', '20270328T013000Z'],
    ['midday in summer', '2027-07-01T11:00:00Z', '12:00', 'midday', '20270701T110000Z'],
    ['midnight in winter', '2027-01-12T00:00:00Z', '00:00', 'midnight', '20270112T000000Z'],
  ];
  for (const [name, start, clinicianTime, residentTime, dtstart] of moments)
    test(`${name}: shown at ${clinicianTime} (${residentTime} to the resident), DTSTART ${dtstart}`, () => {
      const [forClinician] = view([appointment('apt-1', { start, end: undefined, minutesDuration: 20 })], 'clinician').upcoming;
      assert.equal(forClinician?.time, clinicianTime);
      const [shown] = view([appointment('apt-1', { start, end: undefined, minutesDuration: 20 })]).upcoming;
      assert.equal(shown?.time, residentTime);
      const properties = parseIcs(appointmentCalendar(shown!, { now: new Date(NOW) })!);
      assert.deepEqual(properties.get('DTSTART'), [dtstart]);
      const end = new Date(Date.parse(start) + 20 * 60_000)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      assert.deepEqual(properties.get('DTEND'), [end]);
    });

  test('no start, no calendar', () => {
    assert.equal(appointmentCalendar(row({ start: undefined })), undefined);
    assert.equal(appointmentFileName(row({ start: undefined })), 'appointment.ics');
  });
});
