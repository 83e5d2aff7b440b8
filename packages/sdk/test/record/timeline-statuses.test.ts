/**
 * What the timeline says of an event's status: a clinician is told every
 * status; a resident every status that changes what the event means (a
 * document replaced by a newer version, a plan stopped, a condition
 * resolved), and only routine ones (final, finished, active) go unsaid.
 * A document's `status` of superseded is never hidden behind its `docStatus`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createTimeline, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };

function eventOf(resource: Record<string, unknown>, audience: 'clinician' | 'resident'): TimelineEvent {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: '2026-11-28T09:00:00Z' });
  timeline.add([{ id: 'x', meta, ...resource } as unknown as TimelineResource]);
  const view = timeline.view();
  const events = [...view.days.flatMap((day) => day.events), ...view.undated];
  assert.equal(events.length, 1, JSON.stringify(resource));
  return events[0]!;
}

const concept = (system: string, code: string) => ({ coding: [{ system, code }] });
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';

/** Each resource type's statuses (FHIR R4 value sets), and the resource that carries one. */
const STATUSES: readonly [type: string, codes: readonly string[], build: (code: string) => Record<string, unknown>][] = [
  [
    'Encounter',
    ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'unknown'],
    (status) => ({
      resourceType: 'Encounter',
      status,
      class: { code: 'AMB' },
      subject,
      period: { start: '2026-08-01' },
      type: [{ text: 'Clinic' }],
    }),
  ],
  [
    'DocumentReference status',
    ['current', 'superseded'],
    (status) => ({ resourceType: 'DocumentReference', status, subject, date: '2026-10-01', type: { text: 'Letter' } }),
  ],
  [
    'DocumentReference docStatus',
    ['preliminary', 'final', 'amended'],
    (docStatus) => ({
      resourceType: 'DocumentReference',
      status: 'current',
      docStatus,
      subject,
      date: '2026-10-01',
      type: { text: 'Letter' },
    }),
  ],
  [
    'CarePlan',
    ['draft', 'active', 'on-hold', 'revoked', 'completed', 'unknown'],
    (status) => ({ resourceType: 'CarePlan', status, intent: 'plan', subject, created: '2026-06-01', title: 'Support plan' }),
  ],
  [
    'EpisodeOfCare',
    ['planned', 'waitlist', 'active', 'onhold', 'finished', 'cancelled'],
    (status) => ({
      resourceType: 'EpisodeOfCare',
      status,
      patient: subject,
      period: { start: '2026-05-01' },
      type: [{ text: 'Reablement' }],
    }),
  ],
  [
    'Condition',
    ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'],
    (code) => ({
      resourceType: 'Condition',
      clinicalStatus: concept(CONDITION_CLINICAL, code),
      subject,
      code: { text: 'Asthma' },
      onsetDateTime: '2020-01-01',
    }),
  ],
];

/** Statuses that say only that all is as it should be: a resident is not told them. */
const ROUTINE: ReadonlySet<string> = new Set(['arrived', 'triaged', 'onleave', 'finished', 'current', 'final', 'active', 'completed']);

describe('timeline: every status is said, to each audience', () => {
  test('reported: a superseded document marked final is "Superseded", never "Final"', () => {
    const superseded = {
      resourceType: 'DocumentReference',
      status: 'superseded',
      docStatus: 'final',
      subject,
      date: '2026-10-01',
      type: { text: 'Discharge summary' },
    };
    assert.equal(eventOf(superseded, 'clinician').status, 'Superseded');
    assert.equal(eventOf(superseded, 'resident').status, 'Replaced by a newer version');
  });

  for (const [type, codes, build] of STATUSES)
    for (const code of codes)
      test(`${type} ${code}: the clinician is told; the resident ${ROUTINE.has(code) ? 'need not be' : 'is told too'}`, () => {
        const clinician = eventOf(build(code), 'clinician').status;
        assert.ok(clinician && clinician !== 'Not known' ? true : code === 'unknown', `clinician: ${clinician}`);
        const resident = eventOf(build(code), 'resident').status;
        if (ROUTINE.has(code)) assert.equal(resident, undefined, `resident: ${resident}`);
        else assert.ok(resident && !/undefined|^$/.test(resident), `resident: ${String(resident)}`);
      });
});
