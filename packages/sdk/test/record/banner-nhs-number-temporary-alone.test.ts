/**
 * A temporary NHS number (`use: temp`) shown because the patient has no
 * lasting one is labelled temporary in words beside it (never by colour
 * alone), and is never presented as a verified NHS number: it stands in
 * until the lasting number is known, so records must not be matched on it,
 * whatever verification status its source sent. A lasting number shown is
 * never labelled temporary.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState, type RecordAudience } from '../../src/record/index.js';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

const banner = (identifier: Record<string, unknown>[], audience: RecordAudience = 'clinician') =>
  bannerViewModel({ resourceType: 'Patient', id: 'pat-1', identifier } as unknown as Patient, {
    audience,
    now: '2026-12-07T05:00:00Z',
    organizations: new Map(),
    allergies: notRecorded,
  });

const VERIFICATION = {
  none: undefined,
  'verified (01)': '01',
  'not traced (02)': '02',
} as const;

const verification = (code: string | undefined) =>
  code === undefined
    ? {}
    : {
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code }],
            },
          },
        ],
      };

const TEMPORARY_WORDS: Record<RecordAudience, string> = { clinician: 'temporary', resident: 'temporary' };
const NOT_VERIFIED: Record<RecordAudience, string> = { clinician: 'not verified', resident: 'not yet confirmed' };

describe('banner: a temporary NHS number shown alone says so', () => {
  test('reported: a temporary number with no lasting one is labelled temporary', () => {
    const model = banner([{ system: NHS, value: '4010232137', use: 'temp' }]);
    assert.deepEqual(model.nhsNumber, { formatted: '401 023 2137', valid: true, temporary: 'temporary', notVerified: 'not verified' });
  });

  // The lasting number beside it (none, valid, invalid, ended, old) x the temporary number's validity x its verification status x audience.
  const LASTING = {
    none: undefined,
    'valid lasting': { value: '9434765919', use: 'official' },
    'invalid lasting': { value: '9434765918', use: 'usual' },
    'ended lasting': { value: '9434765919', use: 'official', period: { end: '2026-01-01' } },
    'old lasting': { value: '9434765919', use: 'old' },
  } as const;
  const TEMPORARY = { valid: '4010232137', invalid: '4010232136' } as const;
  for (const [lastingName, lasting] of Object.entries(LASTING))
    for (const [validity, temporary] of Object.entries(TEMPORARY))
      for (const [verificationName, code] of Object.entries(VERIFICATION))
        for (const audience of ['clinician', 'resident'] as const)
          test(`${lastingName}, temporary ${validity}, ${verificationName}, ${audience}`, () => {
            const model = banner(
              [{ system: NHS, value: temporary, use: 'temp', ...verification(code) }, ...(lasting ? [{ system: NHS, ...lasting }] : [])],
              audience,
            );
            assert.notEqual(model.nhsNumber, 'Not known');
            if (model.nhsNumber === 'Not known') return;
            const current = lasting && lasting.use !== 'old' && !('period' in lasting) ? lasting.value : undefined;
            // A valid lasting number, else a valid temporary one, else the lasting one as recorded, else the temporary one.
            const validLasting = lastingName === 'valid lasting' ? current : undefined;
            const shownTemporary = validLasting === undefined && (validity === 'valid' || current === undefined);
            assert.equal(model.nhsNumber.formatted.replace(/\s/g, ''), shownTemporary ? temporary : current);
            if (shownTemporary) {
              assert.equal(model.nhsNumber.temporary, TEMPORARY_WORDS[audience]);
              assert.equal(model.nhsNumber.notVerified, NOT_VERIFIED[audience], 'a temporary number is never presented as verified');
            } else assert.equal(model.nhsNumber.temporary, undefined);
          });
});
