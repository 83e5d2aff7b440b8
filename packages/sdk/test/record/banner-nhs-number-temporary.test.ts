/**
 * A temporary NHS number (`use: temp`) stands in only while the patient has
 * no lasting one: beside a current valid number of any other use (official,
 * usual, secondary, none) the lasting number is shown, and the pair is not
 * an identity conflict. Old, ended and not-yet-started numbers never count.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState } from '../../src/record/index.js';

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

const banner = (identifier: Record<string, unknown>[]) =>
  bannerViewModel({ resourceType: 'Patient', id: 'pat-1', identifier } as unknown as Patient, {
    audience: 'clinician',
    now: '2026-12-07T05:00:00Z',
    organizations: new Map(),
    allergies: notRecorded,
  });

const PERIODS = {
  'no period': undefined,
  current: { start: '2020-01-01' },
  ended: { end: '2026-01-01' },
  'not yet started': { start: '2027-06-01' },
} as const;
const LASTING = { valid: '9434765919', invalid: '9434765918' } as const;
const TEMPORARY = { valid: '4010232137', invalid: '4010232136' } as const;

const identifier = (value: string, use: string | undefined, period: keyof typeof PERIODS) => ({
  system: NHS,
  value,
  ...(use ? { use } : {}),
  ...(PERIODS[period] ? { period: PERIODS[period] } : {}),
});

describe('banner: a temporary NHS number gives way to a lasting one', () => {
  test('reported: an official number and a temporary one show the official number, no conflict', () => {
    const model = banner([identifier('9434765919', 'official', 'no period'), identifier('4010232137', 'temp', 'no period')]);
    assert.deepEqual(model.nhsNumber, { formatted: '943 476 5919', valid: true });
    assert.deepEqual(model.safetyIssues, []);
  });

  const periods = Object.keys(PERIODS) as (keyof typeof PERIODS)[];
  for (const use of ['official', 'usual', undefined, 'secondary', 'old'])
    for (const lastingPeriod of periods)
      for (const lastingValidity of ['valid', 'invalid'] as const)
        for (const tempPeriod of periods)
          for (const tempValidity of ['valid', 'invalid'] as const)
            test(`${use ?? 'no use'} ${lastingValidity} (${lastingPeriod}) beside temp ${tempValidity} (${tempPeriod})`, () => {
              const current = (period: keyof typeof PERIODS) => period === 'no period' || period === 'current';
              const lasting = use !== 'old' && current(lastingPeriod) ? LASTING[lastingValidity] : undefined;
              const temporary = current(tempPeriod) ? TEMPORARY[tempValidity] : undefined;
              // A valid lasting number, else a valid temporary one, else whichever current one there is, as recorded.
              const expected =
                (lastingValidity === 'valid' ? lasting : undefined) ??
                (tempValidity === 'valid' ? temporary : undefined) ??
                lasting ??
                temporary;
              const model = banner([
                identifier(TEMPORARY[tempValidity], 'temp', tempPeriod),
                identifier(LASTING[lastingValidity], use, lastingPeriod),
              ]);
              const shown = typeof model.nhsNumber === 'object' ? model.nhsNumber.formatted.replace(/\s/g, '') : undefined;
              assert.equal(shown, expected);
              if (expected === undefined) assert.equal(model.nhsNumber, 'Not known');
              assert.deepEqual(
                model.safetyIssues.filter((issue) => issue.code === 'identity-conflict'),
                [],
                'no identity conflict (banner-warnings-listed.test.ts checks every other warning)',
              );
            });

  test('two different current temporary numbers and no lasting one are still a conflict', () => {
    const model = banner([identifier('9434765919', 'temp', 'no period'), identifier('4010232137', 'temp', 'current')]);
    assert.equal(typeof model.nhsNumber === 'object' && model.nhsNumber.conflict, true);
  });

  test('two different current lasting numbers are still a conflict beside a temporary one', () => {
    const model = banner([
      identifier('9434765919', 'official', 'no period'),
      identifier('9994021370', 'usual', 'no period'),
      identifier('4010232137', 'temp', 'no period'),
    ]);
    assert.equal(typeof model.nhsNumber === 'object' && model.nhsNumber.conflict, true);
  });
});
