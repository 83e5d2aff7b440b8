/**
 * A vaccination whose date given is absent for a reason the source states
 * (`_occurrenceDateTime` or `_occurrenceString` with FHIR's
 * data-absent-reason extension) reads `Not known`, not `Not recorded`,
 * which says nobody wrote a date down; with only the date it was recorded,
 * that the date given is not known. No date and no reason is still
 * `Not recorded`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

const dateOf = (fields: Record<string, unknown>, audience: RecordAudience = 'clinician'): string | undefined =>
  summaryViewModel(
    [
      {
        resourceType: 'Immunization',
        id: 'imm-1',
        meta: { source: 'https://care-record.example/source/F83999' },
        vaccineCode: { text: 'Influenza vaccine' },
        patient: { reference: `Patient/${PATIENT}` },
        ...fields,
      },
    ],
    { audience, now: '2026-12-07T05:00:00Z', patientId: PATIENT },
  ).sections.immunisations.items[0]?.date;

const absent = (element: string, valueCode: string) => ({ [element]: { extension: [{ url: DATA_ABSENT_REASON, valueCode }] } });

describe('vaccinations: a date given absent for a reason is not known', () => {
  test('reported: completed, _occurrenceDateTime with data-absent-reason unknown, reads Not known', () => {
    assert.equal(dateOf({ status: 'completed', ...absent('_occurrenceDateTime', 'unknown') }), 'Not known');
  });

  for (const element of ['_occurrenceDateTime', '_occurrenceString'])
    for (const code of ['unknown', 'asked-unknown', 'temp-unknown', 'masked', 'error', 'not-asked'])
      for (const status of ['completed', 'not-done'])
        for (const audience of ['clinician', 'resident'] as const)
          test(`${element} ${code}, ${status}, ${audience}`, () => {
            const fields = { status, ...absent(element, code) };
            assert.equal(dateOf(fields, audience), 'Not known');
            const recorded = dateOf({ ...fields, recorded: '2020-04-05' }, audience) ?? '';
            assert.match(recorded, /^Recorded (05-Apr-2020|5 April 2020)[;.] Date given not known$/i);
            assert.notEqual(dateOf({ ...fields, occurrenceDateTime: '2020-04-05' }, audience), 'Not known');
          });

  test('no date and no reason is still Not recorded; with the recorded date, not recorded', () => {
    assert.equal(dateOf({ status: 'completed' }), 'Not recorded');
    assert.equal(dateOf({ status: 'completed', recorded: '2020-04-05' }), 'Recorded 05-Apr-2020; date given not recorded');
    assert.equal(
      dateOf({ status: 'completed', _occurrenceDateTime: { extension: [{ url: 'https://example.org/other', valueCode: 'unknown' }] } }),
      'Not recorded',
    );
  });
});
