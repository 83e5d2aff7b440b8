/**
 * A vaccination sent with a vaccine code and no words (GP feeds send the dm+d
 * or SNOMED CT code and drop the display) named the vaccine "Not known", as if
 * the record did not say what was given. The vaccine now reads as its code
 * (`SNOMED CT 871751006`, the code alone from a system the record does not
 * name); recorded words still come first, and "Not known" is kept for a
 * vaccine code that carries nothing. The same holds for why a dose was not
 * given or did not count: a coded reason is not "Reason not recorded".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(500, Math.floor(PROPERTY_RUNS / 5));
const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';
const DMD = 'https://dmd.nhs.uk';
const AUDIENCES: readonly RecordAudience[] = ['clinician', 'resident'];

const vaccination = (extra: object) => ({
  resourceType: 'Immunization',
  id: 'imm-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  status: 'completed',
  patient: { reference: `Patient/${PATIENT}` },
  occurrenceDateTime: '2026-06-01',
  ...extra,
});

const itemOf = (extra: object, audience: RecordAudience = 'clinician') => {
  const [item] = summaryViewModel([vaccination(extra)], { audience, now: '2026-12-06T09:00:00Z', patientId: PATIENT }).sections
    .immunisations.items;
  assert.ok(item, 'the vaccination is listed');
  return item;
};

describe('vaccinations: a vaccine sent only as a code is named by its code', () => {
  test('reported: a vaccine coded SNOMED CT 871751006 with no text or display', () => {
    assert.equal(itemOf({ vaccineCode: { coding: [{ system: SNOMED, code: '871751006' }] } }).vaccine, 'SNOMED CT 871751006');
  });

  const shapes: readonly [string, unknown, string][] = [
    ['text', { text: 'Influenza vaccine', coding: [{ system: SNOMED, code: '871751006' }] }, 'Influenza vaccine'],
    ['display', { coding: [{ system: SNOMED, code: '871751006', display: 'Flu vaccine' }] }, 'Flu vaccine'],
    [
      'display on a second coding',
      {
        coding: [
          { system: SNOMED, code: '871751006' },
          { system: DMD, display: 'Fluenz' },
        ],
      },
      'Fluenz',
    ],
    ['dm+d code only', { coding: [{ system: DMD, code: '39114911000001105' }] }, 'dm+d 39114911000001105'],
    ['code in an unknown system', { coding: [{ system: 'https://gp.example/vaccines', code: 'FLU23' }] }, 'FLU23'],
    ['nothing: an empty concept', {}, 'Not known'],
    ['nothing: a coding with no code', { coding: [{ system: SNOMED, display: '  ' }] }, 'Not known'],
    ['nothing: no vaccine code', undefined, 'Not known'],
  ];
  for (const [name, vaccineCode, want] of shapes) {
    for (const audience of AUDIENCES) {
      test(`${name}, ${audience}: "${want}"`, () => assert.equal(itemOf({ vaccineCode }, audience).vaccine, want));
    }
  }

  test('a coded reason it was not given, or did not count, is shown, not "Reason not recorded"', () => {
    const coded = { coding: [{ system: SNOMED, code: '591000119102' }] };
    const notGiven = itemOf({ status: 'not-done', vaccineCode: { text: 'Flu vaccine' }, statusReason: coded });
    assert.equal(notGiven.reason, 'SNOMED CT 591000119102');
    const subpotent = itemOf({ vaccineCode: { text: 'Flu vaccine' }, isSubpotent: true, subpotentReason: [{}, coded] });
    assert.equal(subpotent.reason, 'SNOMED CT 591000119102');
    assert.equal(itemOf({ status: 'not-done', vaccineCode: { text: 'Flu vaccine' }, statusReason: {} }).reason, 'Reason not recorded');
  });

  const blank = fc.constantFrom(undefined, '', '  ');
  const words = fc.constantFrom('Flu vaccine', ' Measles, mumps and  rubella ', 'Shingrix');
  const system = fc.constantFrom(undefined, '', SNOMED, DMD, 'http://snomed.info/sct/', 'https://gp.example/vaccines');
  const code = fc.oneof(blank, fc.constantFrom('871751006', '39114911000001105', 'FLU23'));
  const coding = fc.record({ system, code, display: fc.oneof(blank, words) }, { requiredKeys: [] });
  const concept = fc.record({ text: fc.oneof(blank, words), coding: fc.array(coding, { maxLength: 3 }) }, { requiredKeys: [] });
  const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

  test(`property: ${RUNS} vaccine codes — "Not known" exactly when nothing was sent, the words when any were`, () => {
    fc.assert(
      fc.property(concept, fc.constantFrom(...AUDIENCES), (vaccineCode, audience) => {
        const { vaccine } = itemOf({ vaccineCode }, audience);
        const codings = vaccineCode.coding ?? [];
        const displays = codings.map((one) => tidy(one.display)).filter(Boolean);
        const codes = codings.map((one) => tidy(one.code)).filter(Boolean);
        const saidSomething = tidy(vaccineCode.text) !== '' || displays.length > 0 || codes.length > 0;
        assert.equal(vaccine === 'Not known', !saidSomething);
        if (tidy(vaccineCode.text)) assert.equal(vaccine, tidy(vaccineCode.text));
        else if (displays.length > 0) assert.equal(vaccine, displays[0]);
        else if (codes.length > 0) {
          // A code, with its system's name or alone: one of the codes sent, never a made-up name.
          assert.ok(
            codes.some((one) => vaccine === one || vaccine.endsWith(` ${one}`)),
            vaccine,
          );
          assert.doesNotMatch(vaccine, /undefined/);
        }
      }),
      { numRuns: RUNS, seed: seedOr(20261206) },
    );
  });
});
