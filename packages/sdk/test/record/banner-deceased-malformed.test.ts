/**
 * Whether the patient has died, sent with the wrong JSON type, is never read
 * as alive. A `deceasedBoolean` that spells a boolean once trimmed and
 * case-folded (`"true"`, `" TRUE "`) is read as it, like any FHIR code the
 * SDK reads; anything else that is not a boolean — and a `deceasedDateTime`
 * that is not text — leaves the patient's state not known: no age counted to
 * today, and words on the banner saying so.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState } from '../../src/record/index.js';

const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

const banner = (fields: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician') =>
  bannerViewModel({ resourceType: 'Patient', id: 'pat-1', birthDate: '1950-02-03', ...fields } as unknown as Patient, {
    audience,
    now: '2026-12-07T05:00:00Z',
    organizations: new Map(),
    allergies: notRecorded,
  });

const NOT_KNOWN_WORDS = {
  clinician: 'Not known whether alive or deceased',
  resident: 'Not known whether this person has died',
} as const;

type State = 'deceased' | 'living' | 'not known';
const stateOf = (model: ReturnType<typeof banner>): State =>
  model.deceased ? 'deceased' : model.deceasedNotKnown !== undefined ? 'not known' : 'living';

describe('banner: a malformed deceased value is never read as alive', () => {
  test('reported: deceasedBoolean "true" (a string) shows the patient as deceased', () => {
    const model = banner({ deceasedBoolean: 'true' });
    assert.deepEqual(model.deceased, { date: 'Not recorded', ageAtDeath: 'Not known' });
    assert.equal(model.deceasedNotKnown, undefined);
  });

  const BOOLEANS: [unknown, State][] = [
    [undefined, 'living'],
    [null, 'living'],
    [true, 'deceased'],
    [false, 'living'],
    ['true', 'deceased'],
    [' TRUE ', 'deceased'],
    ['True', 'deceased'],
    ['false', 'living'],
    ['FALSE', 'living'],
    ['yes', 'not known'],
    ['', 'not known'],
    [1, 'not known'],
    [0, 'not known'],
    [{}, 'not known'],
    [[true], 'not known'],
  ];
  const DATE_TIMES: [unknown, 'date' | 'absent' | 'malformed'][] = [
    [undefined, 'absent'],
    [null, 'absent'],
    ['2026-11-01', 'date'],
    [20261101, 'malformed'],
    [{ value: '2026-11-01' }, 'malformed'],
    [true, 'malformed'],
  ];

  for (const [deceasedBoolean, booleanState] of BOOLEANS)
    for (const [deceasedDateTime, dateState] of DATE_TIMES)
      for (const audience of ['clinician', 'resident'] as const)
        test(`deceasedBoolean ${JSON.stringify(deceasedBoolean)}, deceasedDateTime ${JSON.stringify(deceasedDateTime)}, ${audience}`, () => {
          const model = banner(
            {
              ...(deceasedBoolean !== undefined ? { deceasedBoolean } : {}),
              ...(deceasedDateTime !== undefined ? { deceasedDateTime } : {}),
            },
            audience,
          );
          // A date of death says died; a date that cannot be read leaves nothing known unless the flag says died.
          const expected: State =
            dateState === 'date' || booleanState === 'deceased' ? 'deceased' : dateState === 'malformed' ? 'not known' : booleanState;
          assert.equal(stateOf(model), expected);
          if (expected === 'not known') {
            assert.equal(model.deceasedNotKnown, NOT_KNOWN_WORDS[audience]);
            assert.equal(model.born.age, 'Not known');
          }
          if (expected === 'deceased' && dateState === 'malformed') assert.equal(model.deceased?.date, 'Not known');
          if (expected === 'living') assert.notEqual(model.born.age, 'Not known');
        });
});
