/**
 * Every warning the banner shows is also in its `safetyIssues`, so a host
 * that counts and reports data-quality problems sees what the clinician
 * sees: a deceased value that cannot be read, a record merged into another
 * or not in active use, an NHS number that is not valid, not verified,
 * temporary, or one of two that conflict. And nothing is listed that the
 * banner does not warn of. No message carries the NHS number or an id.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState, type BannerViewModel, type RecordAudience, type SafetyIssue } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };
const RUNS = 500;

const banner = (patient: Record<string, unknown>, audience: RecordAudience = 'clinician') =>
  bannerViewModel({ resourceType: 'Patient', id: 'pat-1', ...patient } as unknown as Patient, {
    audience,
    now: '2026-12-07T05:00:00Z',
    organizations: new Map(),
    allergies: notRecorded,
  });

type Warning = 'conflict' | 'invalid' | 'not-verified' | 'temporary' | 'replaced' | 'inactive' | 'deceased-not-known';

/** The warnings the banner element shows, read from what the model gives it: the oracle. */
function warningsShown(model: BannerViewModel): Warning[] {
  const shown: Warning[] = [];
  const number = model.nhsNumber;
  if (typeof number === 'object') {
    if (number.conflict) shown.push('conflict');
    else {
      if (!number.valid) shown.push('invalid');
      if (number.notVerified !== undefined) shown.push('not-verified');
      if (number.temporary !== undefined) shown.push('temporary');
    }
  }
  if (model.notInUse) shown.push(model.notInUse.kind);
  if (model.deceasedNotKnown !== undefined) shown.push('deceased-not-known');
  return shown;
}

/** How each warning is listed: its code, and words in its message that name it. */
const LISTED: Record<Warning, { code: SafetyIssue['code']; words: RegExp }> = {
  conflict: { code: 'identity-conflict', words: /two different current NHS numbers/ },
  invalid: { code: 'identity-warning', words: /NHS number that is not valid/ },
  'not-verified': { code: 'identity-warning', words: /NHS number its source has not verified/ },
  temporary: { code: 'identity-warning', words: /temporary NHS number/ },
  replaced: { code: 'identity-warning', words: /replaced by another record/ },
  inactive: { code: 'identity-warning', words: /not in active use/ },
  'deceased-not-known': { code: 'unreadable', words: /whether the patient has died/ },
};

function assertListed(model: BannerViewModel): void {
  const shown = warningsShown(model);
  for (const warning of shown)
    assert.ok(
      model.safetyIssues.some((issue) => issue.code === LISTED[warning].code && LISTED[warning].words.test(issue.message)),
      `the banner warns "${warning}" but safetyIssues does not list it: ${JSON.stringify(model.safetyIssues)}`,
    );
  assert.equal(model.safetyIssues.length, shown.length, `one issue per warning shown (${shown.join(', ')})`);
  for (const issue of model.safetyIssues) {
    assert.equal(issue.resourceType, 'Patient');
    assert.doesNotMatch(issue.message, /\d{3}|pat-1/, 'no NHS number or id in a message');
  }
}

const verified = (code: string) => ({
  extension: [
    {
      url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
      valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code }] },
    },
  ],
});

describe('banner: every warning it shows is in safetyIssues', () => {
  test('reported: a deceased value of the wrong type is listed, not only told in the banner', () => {
    const model = banner({ deceasedBoolean: 'yes', identifier: [{ system: NHS, value: '9434765919', use: 'official' }] });
    assert.ok(model.deceasedNotKnown);
    assertListed(model);
  });

  test('a patient the banner does not warn of lists nothing', () => {
    assertListed(banner({ identifier: [{ system: NHS, value: '9434765919', use: 'official', ...verified('01') }], active: true }));
  });

  const IDENTIFIERS = [
    { system: NHS, value: '9434765919', use: 'official' },
    { system: NHS, value: '9434765919', use: 'official', ...verified('01') },
    { system: NHS, value: '9434765919', use: 'usual', ...verified('02') },
    { system: NHS, value: '9434765918', use: 'official' },
    { system: NHS, value: '9994021370', use: 'official' },
    { system: NHS, value: '4010232137', use: 'temp' },
    { system: NHS, value: '4010232136', use: 'temp', ...verified('01') },
    { system: NHS, value: '9434765919', use: 'old' },
  ];
  const patient = fc.record(
    {
      identifier: fc.subarray(IDENTIFIERS),
      active: fc.constantFrom(true, false, undefined),
      link: fc.constantFrom(undefined, [{ type: 'replaced-by', other: { reference: 'Patient/pat-9' } }], [{ type: 'seealso' }]),
      deceasedBoolean: fc.constantFrom(undefined, true, false, 'true', 'yes', 1, {}),
      deceasedDateTime: fc.constantFrom(undefined, '2025-03-01', 5),
    },
    { requiredKeys: ['identifier'] },
  );

  test('property: each warning shown is listed once, and nothing else is', () => {
    fc.assert(
      fc.property(patient, fc.constantFrom<RecordAudience>('clinician', 'resident'), (fields, audience) => {
        const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
        assertListed(banner(defined, audience));
      }),
      { numRuns: RUNS, seed: seedOr(7911) },
    );
  });
});
