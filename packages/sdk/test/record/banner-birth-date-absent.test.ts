/**
 * A date of birth sent as absent for a reason (`_birthDate` with FHIR's
 * data-absent-reason extension, as PDS-fed and Synthea records send it) is
 * not known, and the banner says `Not known` — not `Not recorded`, which says
 * nobody wrote one down. A date of birth sent with the extension beside it
 * is shown as sent.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState } from '../../src/record/index.js';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

const born = (fields: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician') =>
  bannerViewModel({ resourceType: 'Patient', id: 'pat-1', ...fields } as unknown as Patient, {
    audience,
    now: '2026-12-07T05:00:00Z',
    organizations: new Map(),
    allergies: notRecorded,
  }).born;

const absent = (valueCode: string) => ({ _birthDate: { extension: [{ url: DATA_ABSENT_REASON, valueCode }] } });

describe('banner: a date of birth absent for a reason is not known', () => {
  test('reported: _birthDate with data-absent-reason unknown reads Not known', () => {
    assert.deepEqual(born(absent('unknown')), { date: 'Not known', age: 'Not known' });
  });

  for (const code of ['unknown', 'asked-unknown', 'temp-unknown', 'asked-declined', 'masked', 'error', 'not-asked'])
    for (const audience of ['clinician', 'resident'] as const)
      test(`${code}, ${audience}: Not known; a date sent beside it is shown`, () => {
        assert.equal(born(absent(code), audience).date, 'Not known');
        assert.notEqual(born({ birthDate: '1961-03-04', ...absent(code) }, audience).date, 'Not known');
      });

  test('no date and no reason is still Not recorded', () => {
    assert.equal(born({}).date, 'Not recorded');
    assert.equal(born({ _birthDate: { extension: [{ url: 'https://example.org/other', valueCode: 'unknown' }] } }).date, 'Not recorded');
  });
});
