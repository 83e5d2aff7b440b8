/**
 * What an appointment is for, and why it was cancelled, when a system sends
 * them as codes with no words or puts the words on a later service type: the
 * appointments view read only the first service type's words and the
 * cancellation reason's words, so such an appointment read "Not known" and
 * its reason was dropped. Now words come first, from any service type and
 * then the appointment type, else the code (`SNOMED CT 394814009`), as the
 * timeline and the summary read them; "Not known" only when nothing was sent.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, type AppointmentRow } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { codesOf, sentConcept, wordsOf } from './sent-concepts.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';
const CANCELLATION = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';

function rowOf(fields: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician'): AppointmentRow {
  const appointment = {
    resourceType: 'Appointment',
    id: 'a-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'booked',
    start: '2026-12-22T10:00:00Z',
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
    ...fields,
  } as unknown as Appointment;
  const view = appointmentsViewModel(
    { appointments: [appointment], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience, now: '2026-12-06T09:00:00Z' },
  );
  const [row] = [...view.upcoming, ...view.past];
  assert.ok(row);
  return row;
}

describe('appointments: a service or a cancellation reason sent as a code', () => {
  test('the reported case: a clinic coded SNOMED CT 394814009 with no words is not "Not known"', () => {
    const row = rowOf({ serviceType: [{ coding: [{ system: SNOMED, code: '394814009' }] }] });
    assert.equal(row.title, 'SNOMED CT 394814009');
    assert.equal(row.service, 'SNOMED CT 394814009');
  });

  test('words on a second service type are read', () => {
    assert.equal(rowOf({ serviceType: [{}, { text: 'Diabetes clinic' }] }).title, 'Diabetes clinic');
  });

  test('a cancellation reason coded with no display is kept', () => {
    const row = rowOf({ status: 'cancelled', cancelationReason: { coding: [{ system: CANCELLATION, code: 'pat-crs' }] } });
    assert.equal(row.cancellationReason, 'pat-crs');
  });

  const concept = sentConcept({
    words: ['Diabetes clinic', ' Memory  service ', 'Patient unwell'],
    systems: [undefined, SNOMED, CANCELLATION, 'https://trust.example/clinics'],
    codes: ['394814009', 'pat-crs', 'CL-7'],
  });

  test('property: the title and the reason are "Not known" or absent only when nothing was sent, words before codes', () => {
    fc.assert(
      fc.property(
        fc.array(concept, { maxLength: 3 }),
        fc.option(concept, { nil: undefined }),
        fc.option(concept, { nil: undefined }),
        fc.constantFrom('clinician', 'resident' as const),
        (serviceType, appointmentType, cancelationReason, audience) => {
          const row = rowOf(
            {
              status: 'cancelled',
              serviceType,
              ...(appointmentType ? { appointmentType } : {}),
              ...(cancelationReason ? { cancelationReason } : {}),
            },
            audience,
          );
          const concepts = [...serviceType, ...(appointmentType ? [appointmentType] : [])];
          const firstWords = concepts.map(wordsOf).find((list) => list.length > 0);
          const codes = concepts.flatMap(codesOf);
          if (firstWords) assert.ok(firstWords.includes(row.title), `${row.title} is not ${firstWords.join(' / ')}`);
          else if (codes.length > 0)
            assert.ok(
              codes.some((code) => row.title.endsWith(code)),
              `${row.title} names none of ${codes.join(', ')}`,
            );
          else assert.equal(row.title, 'Not known');
          const reasonWords = wordsOf(cancelationReason);
          const reasonCodes = codesOf(cancelationReason);
          if (reasonWords.length > 0) assert.ok(reasonWords.includes(row.cancellationReason ?? ''), row.cancellationReason);
          else if (reasonCodes.length > 0)
            assert.ok(
              reasonCodes.some((code) => row.cancellationReason?.endsWith(code)),
              row.cancellationReason,
            );
          else assert.equal(row.cancellationReason, undefined);
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 3000), seed: seedOr(9601) },
    );
  });
});
