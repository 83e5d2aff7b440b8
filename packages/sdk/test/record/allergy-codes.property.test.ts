/**
 * An allergy's coded facts — criticality, type, category, each reaction's
 * severity — as real exports spell them (`Severe`, `HIGH`, `Medication`).
 *
 * Reported: an allergy with a mild reaction and one sent as `Severe` was
 * headlined "Mild", because only the exact code was ranked; `HIGH`
 * criticality sorted below `low`, and was shown as sent.
 *
 * The property: each field × each valid code × generated spellings reads the
 * same as the exact code (words, headline severity and order alike); a value
 * that spells no code reads "Not known", and a reaction whose severity is not
 * known leaves the headline "Not known" unless another was severe.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import { allergyState, type AllergyItem, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 20));
const PATIENT = 'pat-1';
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);

const allergy = (id: string, fields: object) => ({
  resourceType: 'AllergyIntolerance',
  id,
  meta: { source: 'https://care-record.example/source/F83999' },
  patient: { reference: `Patient/${PATIENT}` },
  clinicalStatus: { coding: [{ code: 'active' }] },
  code: { text: `Substance ${id}` },
  recordedDate: '2024-02-06',
  ...fields,
});

const items = (resources: object[], audience: RecordAudience = 'clinician'): AllergyItem[] => {
  const state = allergyState(
    { bundle: { entry: resources.map((resource) => ({ resource })) }, notices: { withheld: false, unavailableSources: [] } },
    { audience, organizations },
  );
  assert.equal(state.kind, 'known');
  return state.kind === 'known' ? state.items : [];
};

/** A spelling of `code` as feeds send it: any letter case, `-` as `_`, a space or nothing, white space around. */
const spelling = (code: string): fc.Arbitrary<string> =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
      separator: fc.constantFrom('-', '_', ' ', ''),
      before: fc.constantFrom('', ' ', '\t'),
      after: fc.constantFrom('', ' ', '\n'),
    })
    .map(
      ({ upper, separator, before, after }) =>
        before +
        [...code].map((letter, index) => (letter === '-' ? separator : upper[index] ? letter.toUpperCase() : letter)).join('') +
        after,
    );

const letters = (value: string): string => value.toLowerCase().replace(/[\s_-]+/g, '');
const notACode = (codes: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(fc.string({ maxLength: 12 }), fc.constantFrom('critical', 'very severe', 'SEV', 'drug', 'unknown', 'N/A', 'adverse reaction'))
    .filter((value) => letters(value) !== '' && !codes.some((code) => letters(code) === letters(value)));

/** Each coded fact, where it sits on the entry, and which item field shows it. */
const FIELDS: [name: string, codes: readonly string[], place: (value: string) => object, shown: keyof AllergyItem][] = [
  ['criticality', ['low', 'high', 'unable-to-assess'], (value) => ({ criticality: value }), 'criticality'],
  ['type', ['allergy', 'intolerance'], (value) => ({ type: value }), 'type'],
  ['category', ['food', 'medication', 'environment', 'biologic'], (value) => ({ category: [value] }), 'category'],
  [
    'reaction severity',
    ['mild', 'moderate', 'severe'],
    (value) => ({ reaction: [{ manifestation: [{ text: 'Rash' }], severity: value }] }),
    'severity',
  ],
];

describe('allergies: coded facts however they are spelt', () => {
  test('reported: a mild reaction beside one sent as "Severe" is headlined Severe', () => {
    const [item] = items([
      allergy('a', {
        reaction: [
          { manifestation: [{ text: 'Rash' }], severity: 'mild' },
          { manifestation: [{ text: 'Wheeze' }], severity: 'Severe' },
        ],
      }),
    ]);
    assert.equal(item?.severity, 'Severe');
    assert.deepEqual(
      item?.reactions.map((reaction) => reaction.severity),
      ['Mild', 'Severe'],
    );
  });

  test('reported: HIGH criticality reads High and comes before low', () => {
    const listed = items([allergy('low', { criticality: 'low' }), allergy('high', { criticality: 'HIGH' })]);
    assert.deepEqual(
      listed.map((item) => [item.id, item.criticality]),
      [
        ['high', 'High'],
        ['low', 'Low'],
      ],
    );
  });

  for (const [name, codes, place, shown] of FIELDS) {
    test(`${name}: every spelling of a valid code reads as the code, in words and order`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...codes).chain((code) => fc.tuple(fc.constant(code), spelling(code))),
          fc.constantFrom<RecordAudience>('clinician', 'resident'),
          ([code, spelt], audience) => {
            const other = allergy('other', { criticality: 'low', reaction: [{ manifestation: [{ text: 'Itch' }], severity: 'moderate' }] });
            const exact = items([other, allergy('x', place(code))], audience);
            assert.deepEqual(items([other, allergy('x', place(spelt))], audience), exact, `${JSON.stringify(spelt)} reads as ${code}`);
          },
        ),
        { numRuns: RUNS, seed: seedOr(8300 + codes.length) },
      );
    });

    test(`${name}: a value that spells no code reads "Not known"`, () => {
      fc.assert(
        fc.property(notACode(codes), (value) => {
          const [item] = items([allergy('x', place(value))]);
          assert.equal(item?.[shown], 'Not known');
        }),
        { numRuns: RUNS, seed: seedOr(8400 + codes.length) },
      );
    });
  }

  test('a reaction whose severity is not known leaves the headline not known, unless another was severe', () => {
    fc.assert(
      fc.property(notACode(['mild', 'moderate', 'severe']), fc.constantFrom('mild', 'moderate', 'severe'), (unknown, known) => {
        const [item] = items([
          allergy('x', {
            reaction: [
              { manifestation: [{ text: 'Rash' }], severity: known },
              { manifestation: [{ text: 'Wheeze' }], severity: unknown },
            ],
          }),
        ]);
        assert.equal(item?.severity, known === 'severe' ? 'Severe' : 'Not known');
      }),
      { numRuns: RUNS, seed: seedOr(8500) },
    );
  });
});
