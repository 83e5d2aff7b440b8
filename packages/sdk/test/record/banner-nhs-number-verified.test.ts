/**
 * An NHS number whose source says it is not verified (UK Core's, or GP
 * Connect's older CareConnect, NHS number verification status: any code but
 * 01 "Number present and verified") is shown with words saying so, so a
 * clinician does not match records on it. A number verified, or sent with no
 * status, is shown as it is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState } from '../../src/record/index.js';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

/** The extension and code system as each standard spells them. */
const SPELLINGS = {
  'UK Core': {
    url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
  },
  'UK Core (older system)': {
    url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus',
  },
  'CareConnect (GP Connect)': {
    url: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-NHSNumberVerificationStatus-1',
    system: 'https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-NHSNumberVerificationStatus-1',
  },
} as const;

const nhsNumber = (status: { url: string; system: string; code: string } | undefined, audience: 'clinician' | 'resident' = 'clinician') =>
  bannerViewModel(
    {
      resourceType: 'Patient',
      id: 'pat-1',
      identifier: [
        {
          system: NHS,
          value: '9994021370',
          ...(status
            ? { extension: [{ url: status.url, valueCodeableConcept: { coding: [{ system: status.system, code: status.code }] } }] }
            : {}),
        },
      ],
    } as unknown as Patient,
    { audience, now: '2026-12-07T05:00:00Z', organizations: new Map(), allergies: notRecorded },
  ).nhsNumber;

const WORDS = { clinician: 'not verified', resident: 'not yet confirmed' } as const;

describe('banner: an NHS number its source has not verified says so', () => {
  test('reported: UK Core code 02 (present but not traced) reads 999 402 1370 (not verified)', () => {
    assert.deepEqual(nhsNumber({ ...SPELLINGS['UK Core'], code: '02' }), {
      formatted: '999 402 1370',
      valid: true,
      notVerified: 'not verified',
    });
  });

  for (const [spelling, { url, system }] of Object.entries(SPELLINGS))
    for (const code of ['01', '02', '03', '04', '05', '06', '07', '08'])
      for (const audience of ['clinician', 'resident'] as const)
        test(`${spelling}, code ${code}, ${audience}`, () => {
          const shown = nhsNumber({ url, system, code }, audience);
          assert.notEqual(shown, 'Not known');
          assert.equal(typeof shown === 'object' && shown.formatted, '999 402 1370');
          assert.equal(typeof shown === 'object' && shown.notVerified, code === '01' ? undefined : WORDS[audience]);
        });

  test('no status sent: shown as it is', () => {
    assert.deepEqual(nhsNumber(undefined), { formatted: '999 402 1370', valid: true });
  });

  test('a status code nobody defined is not read as verified', () => {
    const shown = nhsNumber({ ...SPELLINGS['UK Core'], code: '99' });
    assert.equal(typeof shown === 'object' && shown.notVerified, 'not verified');
  });
});
