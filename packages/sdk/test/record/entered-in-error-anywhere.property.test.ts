/**
 * An entry its source withdrew as entered in error is never shown, however the
 * status is spelt (`Entered-In-Error`, `ENTERED_IN_ERROR`, ` entered in error `):
 * 4125c45 made the allergies, problems, results, appointments and medicines
 * read a status that way; the timeline, the summary's procedures and
 * vaccinations and the resident's well-being readings still compared it
 * exactly, so a withdrawn entry stayed on them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { createTimeline, summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-1';
const NOW = new Date('2026-11-28T09:30:00Z');

/** Spellings of entered-in-error a person reads as it: case, `_`, spaces, padding. */
const spelling = fc
  .tuple(
    fc.constantFrom('entered', 'Entered', 'ENTERED'),
    fc.constantFrom('in', 'In', 'IN'),
    fc.constantFrom('error', 'Error', 'ERROR'),
    fc.constantFrom('-', '_', ' '),
    fc.constantFrom('', ' ', '  '),
  )
  .map(([a, b, c, join, pad]) => `${pad}${a}${join}${b}${join}${c}${pad}`);

const subject = { reference: `Patient/${PATIENT}` };
/** One withdrawn entry of each type the timeline reads, with `status` as its status. */
const timelineEntries = (status: string) => [
  { resourceType: 'Encounter', id: 'enc', status, class: { code: 'AMB' }, subject, period: { start: '2026-10-01T10:00:00Z' } },
  { resourceType: 'Observation', id: 'obs', status, code: { text: 'Weight' }, subject, effectiveDateTime: '2026-10-02T10:00:00Z' },
  { resourceType: 'DiagnosticReport', id: 'rep', status, code: { text: 'Full blood count' }, subject, effectiveDateTime: '2026-10-03' },
  { resourceType: 'CarePlan', id: 'plan', status, intent: 'plan', subject, period: { start: '2026-10-04' }, title: 'Plan' },
  { resourceType: 'EpisodeOfCare', id: 'ep', status, patient: subject, period: { start: '2026-10-05' } },
  {
    resourceType: 'DocumentReference',
    id: 'doc',
    status: 'current',
    docStatus: status,
    subject,
    date: '2026-10-06T10:00:00Z',
    type: { text: 'Letter' },
  },
  { resourceType: 'DocumentReference', id: 'doc2', status, subject, date: '2026-10-07T10:00:00Z', type: { text: 'Letter' } },
];

function timelineIds(resources: readonly unknown[]): string[] {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience: 'clinician', now: NOW });
  timeline.add(resources as never);
  while (timeline.read(1_000) > 0);
  return timeline.view({}).days.flatMap((day) => day.events.map((event) => event.id));
}

function summaryOf(status: string) {
  return summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      { resourceType: 'Procedure', id: 'proc', status, code: { text: 'Appendicectomy' }, subject, performedDateTime: '2020-01-01' },
      {
        resourceType: 'Immunization',
        id: 'imm',
        status,
        vaccineCode: { text: 'Flu vaccine' },
        patient: subject,
        occurrenceDateTime: '2025-10-01',
      },
    ] as never,
    { audience: 'clinician', now: NOW, patientId: PATIENT },
  );
}

describe('entered in error, however spelt, is never shown', () => {
  test('reported: a timeline encounter "Entered-In-Error" is not on the timeline', () => {
    assert.deepEqual(timelineIds([timelineEntries('Entered-In-Error')[0]]), []);
  });

  test('the control: the same entries with a status that is not withdrawn are shown', () => {
    assert.ok(timelineIds(timelineEntries('finished').filter((item) => item.resourceType === 'Encounter')).length === 1);
    const summary = summaryOf('completed');
    assert.equal(summary.sections.procedures.items.length, 1);
    assert.equal(summary.sections.immunisations.items.length, 1);
  });

  test('property: the timeline, the summary’s procedures and its vaccinations leave out every spelling', () => {
    fc.assert(
      fc.property(spelling, (status) => {
        assert.deepEqual(timelineIds(timelineEntries(status)), [], `timeline, status ${JSON.stringify(status)}`);
        const summary = summaryOf(status);
        assert.equal(summary.sections.procedures.items.length, 0, `procedures, status ${JSON.stringify(status)}`);
        assert.equal(summary.sections.immunisations.items.length, 0, `vaccinations, status ${JSON.stringify(status)}`);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 300), seed: seedOr(83) },
    );
  });
});
