/**
 * An appointment where the patient is a participant more than once (two
 * entries from two booking systems, or one reference written in two forms)
 * is read as a whole, not by whichever entry is declined: every entry that
 * answers says declined, and it reads as declined; one says declined and
 * another accepted (or tentative, needs action, or a status no code spells),
 * and FHIR gives no order between them, so the list, the summary and the
 * timeline all say the patient's response is unclear rather than pick one.
 * An entry with no status says nothing either way.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import {
  appointmentsViewModel,
  createTimeline,
  summaryViewModel,
  type RecordAudience,
  type TimelineResource,
} from '../../src/record/index.js';

const PATIENT = 'pat-1';
const NOW = '2026-12-07T05:00:00Z';

type Entry = [status: string | undefined, reference: string];

const appointment = (entries: readonly Entry[], status = 'booked'): Appointment =>
  ({
    resourceType: 'Appointment',
    id: 'ap-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status,
    start: '2026-12-10T10:00:00Z',
    end: '2026-12-10T10:30:00Z',
    serviceType: [{ text: 'Oncology clinic' }],
    participant: [
      { actor: { reference: 'Practitioner/pr-1', display: 'Dr Okafor' }, status: 'accepted' },
      ...entries.map(([entryStatus, reference]) => ({
        actor: { reference },
        ...(entryStatus === undefined ? {} : { status: entryStatus }),
      })),
    ],
  }) as unknown as Appointment;

const listRow = (resource: Appointment, audience: RecordAudience) =>
  appointmentsViewModel(
    { appointments: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience, now: NOW },
  ).upcoming[0];

const summaryItem = (resource: Appointment, audience: RecordAudience) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, resource], { audience, now: NOW, patientId: PATIENT }).sections.appointments
    .items[0];

function timelineStatus(resource: Appointment, audience: RecordAudience): string | undefined {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: NOW });
  timeline.add([resource as unknown as TimelineResource]);
  const view = timeline.view();
  return [...view.days.flatMap((day) => day.events), ...view.undated][0]?.status;
}

const DECLINED: Record<RecordAudience, string> = { clinician: 'Declined by the patient', resident: 'Declined' };
const UNCLEAR: Record<RecordAudience, string> = { clinician: "Patient's response unclear", resident: 'Not clear if accepted or declined' };
const BOOKED = 'Booked';

/** What the patient's entries say together: the oracle, written from the rule, not from the code. */
function expected(statuses: readonly (string | undefined)[]): 'declined' | 'unclear' | 'booked' {
  const answered = statuses.filter((status): status is string => status !== undefined).map((status) => status.trim().toLowerCase());
  if (!answered.includes('declined')) return 'booked';
  return answered.every((status) => status === 'declined') ? 'declined' : 'unclear';
}

function assertReads(resource: Appointment, reading: 'declined' | 'unclear' | 'booked'): void {
  for (const audience of ['clinician', 'resident'] as const) {
    const label = reading === 'declined' ? DECLINED[audience] : reading === 'unclear' ? UNCLEAR[audience] : BOOKED;
    const row = listRow(resource, audience);
    assert.equal(row?.statusLabel, label, `list, ${audience}`);
    assert.equal(row?.patientDeclined, reading === 'declined' ? true : undefined, `list patientDeclined, ${audience}`);
    assert.equal(row?.patientResponseUnclear, reading === 'unclear' ? true : undefined, `list patientResponseUnclear, ${audience}`);
    assert.equal(row?.canAddToCalendar, reading === 'booked', `calendar, ${audience}`);
    const item = summaryItem(resource, audience);
    assert.equal(item?.patientDeclined, reading === 'declined' ? true : undefined, `summary patientDeclined, ${audience}`);
    assert.equal(item?.patientResponseUnclear, reading === 'unclear' ? true : undefined, `summary patientResponseUnclear, ${audience}`);
    assert.equal(timelineStatus(resource, audience), label, `timeline, ${audience}`);
  }
}

describe('appointments: the patient a participant twice', () => {
  test('reported: one entry declined, another accepted, reads as unclear, not Declined', () => {
    assertReads(
      appointment([
        ['declined', `Patient/${PATIENT}`],
        ['accepted', `Patient/${PATIENT}`],
      ]),
      'unclear',
    );
  });

  test('two references in different forms, both declined, read as declined', () => {
    assertReads(
      appointment([
        ['declined', `Patient/${PATIENT}`],
        ['DECLINED', `https://fhir.example.nhs.uk/Patient/${PATIENT}/_history/3`],
      ]),
      'declined',
    );
  });

  test("a professional's declining is not an answer of the patient's", () => {
    const resource = appointment([['accepted', `Patient/${PATIENT}`]]);
    resource.participant = [
      ...resource.participant,
      { actor: { reference: 'Practitioner/pr-2' }, status: 'declined' },
    ] as Appointment['participant'];
    assertReads(resource, 'booked');
  });

  // Every pair of the patient's entries: each status (and none, and one no code spells) x each reference form x both orders.
  const STATUSES = ['declined', ' Declined ', 'accepted', 'tentative', 'needs-action', 'maybe', undefined];
  const REFERENCES = [`Patient/${PATIENT}`, `https://fhir.example.nhs.uk/Patient/${PATIENT}`, `Patient/${PATIENT}/_history/2`];
  for (const first of STATUSES)
    for (const second of STATUSES)
      for (const [i, firstReference] of REFERENCES.entries())
        for (const secondReference of REFERENCES.slice(i))
          test(`${JSON.stringify(first)} at ${firstReference}, then ${JSON.stringify(second)} at ${secondReference}`, () => {
            assertReads(
              appointment([
                [first, firstReference],
                [second, secondReference],
              ]),
              expected([first, second]),
            );
          });

  for (const status of ['pending', 'proposed', 'waitlist'])
    test(`${status}: declined and accepted is unclear in the list and timeline too`, () => {
      const resource = appointment(
        [
          ['accepted', `Patient/${PATIENT}`],
          ['declined', `Patient/${PATIENT}`],
        ],
        status,
      );
      for (const audience of ['clinician', 'resident'] as const) {
        assert.equal(listRow(resource, audience)?.statusLabel, UNCLEAR[audience]);
        assert.equal(timelineStatus(resource, audience), UNCLEAR[audience]);
      }
    });
});
