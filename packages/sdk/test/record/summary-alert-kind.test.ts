/**
 * A safeguarding alert is tagged and listed first however the source says it
 * is about safeguarding: in its code, its text, a coding's display (EMIS and
 * hospital feeds send the words only there) or a security label; a safety
 * alert likewise by its category's code or words. Words that say neither
 * leave it an alert of another kind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-0001';
const subject = { reference: `Patient/${PATIENT}` };
const LOCAL = 'https://fhir.example.org/local-alerts';

const kindOf = (flag: Record<string, unknown>) =>
  summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      { resourceType: 'Flag', id: 'f1', status: 'active', subject, period: { start: '2025-01-01' }, ...flag },
    ],
    { audience: 'clinician', now: '2026-11-28T09:30:00Z', patientId: PATIENT },
  ).sections.alerts.items[0]?.kind;

describe('alerts: safeguarding and safety, wherever the source says so', () => {
  test('reported: a safeguarding alert whose words are only in a coding display is tagged safeguarding', () => {
    assert.equal(kindOf({ code: { coding: [{ system: LOCAL, code: 'X123', display: 'Safeguarding concern - adult' }] } }), 'safeguarding');
  });

  /** Where the words can be: text, any coding's display. */
  const place = (words: string) =>
    fc.constantFrom(
      { text: words },
      { coding: [{ system: LOCAL, code: 'X1', display: words }] },
      {
        coding: [
          { system: LOCAL, code: 'X1' },
          { system: LOCAL, code: 'X2', display: words },
        ],
      },
    );
  const safeguardingWords = fc.constantFrom('Safeguarding concern', 'Child protection plan in place', 'SAFEGUARDING - adult at risk');
  const otherWords = fc.constantFrom('Needs an interpreter', 'Hearing impaired', 'Key safe');
  const category = fc.constantFrom(
    { words: 'safety', concept: { coding: [{ code: 'safety' }] } },
    { words: 'safety', concept: { text: 'Safety' } },
    { words: 'safety', concept: { coding: [{ system: LOCAL, code: 'S', display: 'Safety' }] } },
    { words: 'other', concept: { coding: [{ code: 'admin' }] } },
    { words: 'other', concept: { text: 'Administrative' } },
    { words: 'none', concept: undefined },
  );

  test(`property: ${RUNS} alerts with the signal in any place`, () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        safeguardingWords.chain(place),
        otherWords.chain(place),
        category,
        (safeguarding, signal, plain, { words, concept }) => {
          const kind = kindOf({ code: safeguarding ? signal : plain, ...(concept ? { category: [concept] } : {}) });
          assert.equal(kind, safeguarding ? 'safeguarding' : words === 'safety' ? 'safety' : 'other');
        },
      ),
      { numRuns: RUNS, seed: seedOr(20261215) },
    );
  });
});
