/**
 * A vaccination recorded as given but subpotent (`isSubpotent`: a partial
 * dose, a vaccine stored wrongly, given too early) does not count as a dose
 * and will need repeating: the summary never shows it simply as "Given".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-0001';

const vaccination = (extra: object) => ({
  resourceType: 'Immunization',
  id: 'imm-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  status: 'completed',
  vaccineCode: { text: 'Measles, mumps and rubella vaccine' },
  patient: { reference: `Patient/${PATIENT}` },
  occurrenceDateTime: '2026-06-01',
  ...extra,
});

const shown = (extra: object, audience: RecordAudience) => {
  const [item] = summaryViewModel([vaccination(extra)], { audience, now: '2026-12-06T09:00:00Z', patientId: PATIENT }).sections
    .immunisations.items;
  return [item?.state, item?.status];
};

describe('vaccinations: a subpotent dose', () => {
  for (const [audience, words] of [
    ['clinician', 'Given, subpotent'],
    ['resident', 'Given, but does not count as a full dose'],
  ] as const) {
    test(`${audience}: a subpotent MMR dose is "${words}", not "Given"`, () => {
      assert.deepEqual(shown({ isSubpotent: true, subpotentReason: [{ text: 'Partial dose' }] }, audience), ['given-subpotent', words]);
    });
    test(`${audience}: a dose not said to be subpotent is "Given"`, () => {
      assert.deepEqual(shown({ isSubpotent: false }, audience), ['given', 'Given']);
      assert.deepEqual(shown({}, audience), ['given', 'Given']);
    });
  }
});
