/**
 * One bad field never takes down the appointments (issue 12, finding 4): a
 * `null` in `participant`, a number where words belong, an object where a
 * date belongs. Each unreadable appointment becomes one line naming its
 * source, is counted in `safetyIssues`, and the rest are shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, unreadableNotices, type AppointmentsViewModel } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['F83999', 'Tufnell Green Surgery']]);

function appointment(id: string, fields: Record<string, unknown> = {}): unknown {
  return {
    resourceType: 'Appointment',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'booked',
    description: 'GP appointment',
    start: '2026-12-22T16:20:00Z',
    participant: [
      { actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' },
      { actor: { reference: 'Practitioner/prac-1', display: 'Dr Amara Okafor' }, status: 'accepted' },
    ],
    ...fields,
  };
}

const view = (appointments: unknown[]): AppointmentsViewModel =>
  appointmentsViewModel(
    {
      appointments: appointments as Appointment[],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: ORGANIZATIONS,
    },
    { audience: 'resident', now: NOW },
  );

const shown = (model: AppointmentsViewModel): string[] => [...model.upcoming, ...model.past].map((row) => row.id).sort();

describe('appointmentsViewModel: one bad item is one line, never the whole list', () => {
  test('a null in participant (the reported case)', () => {
    const patient = { actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' };
    const model = view([appointment('good'), appointment('null-participant', { participant: [patient, null] })]);
    assert.ok(shown(model).includes('good'));
    // A null beside the patient is read past: the appointment is still the patient's and still shown.
    assert.deepEqual(shown(model), ['good', 'null-participant']);
    assertDisplayable(model, 'null participant');
  });

  const malformed: [string, Record<string, unknown>][] = [
    ['description is a number', { description: 42 }],
    ['participant is not a list', { participant: { actor: { reference: `Patient/${PATIENT}` } } }],
    ['a participant actor is a string', { participant: [{ actor: `Patient/${PATIENT}` }] }],
    ['start is an object', { start: { when: 'soon' } }],
    ['serviceType holds a number', { description: undefined, serviceType: [7] }],
    ['extension holds null', { extension: [null] }],
    ['patientInstruction is a list', { patientInstruction: ['bring', 'this'] }],
    ['status is unknown', { status: 'rescheduled' }],
  ];
  for (const [name, fields] of malformed) {
    test(`${name}: the others are shown, and this one is shown or said`, () => {
      const model = view([appointment('good'), appointment('odd', fields)]);
      assert.ok(shown(model).includes('good'), 'the readable appointment is shown');
      const oddShown = shown(model).includes('odd');
      const oddSaid = model.unreadable.some((item) => item.resource === 'Appointment/odd');
      const oddDropped = model.safetyIssues.some((issue) => issue.resourceId === 'odd');
      assert.ok(oddShown || (oddSaid && oddDropped), 'the odd one is shown, or said and counted');
      assertDisplayable({ ...model, unreadable: model.unreadable.length }, name);
    });
  }

  test('unreadable appointments are said per source and counted', () => {
    const model = view([appointment('good'), appointment('bad', { participant: [null, { actor: { reference: 7 } }], start: 12 })]);
    assert.deepEqual(shown(model), ['good']);
    assert.deepEqual(unreadableNotices(model.unreadable), ['One item from Tufnell Green Surgery could not be read']);
    assert.deepEqual(
      model.safetyIssues.map((issue) => [issue.code, issue.resourceType, issue.resourceId]),
      [['unreadable', 'Appointment', 'bad']],
    );
  });

  test('a resource that is not an object is counted too', () => {
    const model = view([appointment('good'), null, 'Appointment']);
    assert.deepEqual(shown(model), ['good']);
  });
});
