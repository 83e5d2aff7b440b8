/**
 * The reason for an encounter or an appointment is its event's second line.
 * A reason sent as a code with no words (EMIS, TPP and hospital feeds drop
 * displays) was lost: the event showed no reason, as if none was given. It
 * now reads as its code (`SNOMED CT 22298006`), as a title does; words
 * recorded still come first. A reason given only as a reference to the
 * condition (`reasonReference`, as GP Connect sends it) was dropped too, and
 * is shown by the name the reference gives. Nothing is shown only when
 * nothing was sent.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { eventOf, subject } from './one-event.js';

const SNOMED = 'http://snomed.info/sct';

/** The resource types whose second line is their reason, titled by words no reason below uses. */
const WITH_REASON = {
  Encounter: (reasonCode: unknown, reasonReference?: unknown) => ({
    resourceType: 'Encounter',
    status: 'finished',
    class: { code: 'AMB' },
    subject,
    type: [{ text: 'Outpatient visit' }],
    period: { start: '2026-03-01T10:00:00Z' },
    ...(reasonCode === undefined ? {} : { reasonCode }),
    ...(reasonReference === undefined ? {} : { reasonReference }),
  }),
  Appointment: (reasonCode: unknown, reasonReference?: unknown) => ({
    resourceType: 'Appointment',
    status: 'booked',
    serviceType: [{ text: 'Outpatient visit' }],
    start: '2026-03-01T10:00:00Z',
    participant: [{ actor: subject, status: 'accepted' }],
    ...(reasonCode === undefined ? {} : { reasonCode }),
    ...(reasonReference === undefined ? {} : { reasonReference }),
  }),
} as const;

describe('timeline: a reason sent as a code is shown', () => {
  test('the reported case: an encounter for reason SNOMED CT 22298006 with no words', () => {
    const event = eventOf(WITH_REASON.Encounter([{ coding: [{ system: SNOMED, code: '22298006' }] }]), 'clinician');
    assert.equal(event.detail, 'SNOMED CT 22298006');
  });

  test('a reason given as a reference to a condition is shown by its name', () => {
    const event = eventOf(WITH_REASON.Encounter(undefined, [{ reference: 'Condition/c-1', display: 'Pneumonia' }]), 'clinician');
    assert.equal(event.detail, 'Pneumonia');
  });

  const blank = fc.constantFrom(undefined, '', '  ');
  const words = fc.constantFrom('Chest pain', ' Memory  review ', 'Falls');
  const system = fc.constantFrom(undefined, '', SNOMED, 'http://read.info/ctv3', 'https://trust.example/codes');
  const code = fc.oneof(blank, fc.constantFrom('22298006', 'XaIkW', 'LOC-7'));
  const coding = fc.record({ system, code, display: fc.oneof(blank, words) }, { requiredKeys: [] });
  const concept = fc.record({ text: fc.oneof(blank, words), coding: fc.array(coding, { maxLength: 3 }) }, { requiredKeys: [] });
  const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

  test('property: the reason is its first words, else a code sent; none only when nothing was sent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(WITH_REASON) as (keyof typeof WITH_REASON)[])),
        fc.option(fc.array(concept, { maxLength: 3 }), { nil: undefined }),
        fc.constantFrom('clinician', 'resident' as const),
        fc.option(
          fc.array(fc.record({ reference: fc.constant('Condition/c-1'), display: fc.oneof(blank, words) }, { requiredKeys: [] }), {
            maxLength: 2,
          }),
          {
            nil: undefined,
          },
        ),
        (resourceType, reasons, audience, references) => {
          const { detail } = eventOf(WITH_REASON[resourceType](reasons, references), audience);
          const referenced = (references ?? []).map((one) => tidy(one.display)).find(Boolean);
          const sent = (reasons ?? []).map((reason) => ({
            words: [tidy(reason.text), ...(reason.coding ?? []).map((one) => tidy(one.display))].filter(Boolean),
            codes: (reason.coding ?? []).map((one) => tidy(one.code)).filter(Boolean),
          }));
          const firstWords = sent.find((reason) => reason.words.length > 0)?.words;
          const codes = sent.flatMap((reason) => reason.codes);
          if (resourceType === 'Appointment') {
            // An appointment shows every reason it gives, as the appointments view does (`appointments-truthful.test.ts`).
            const every = [
              ...sent.filter((reason) => reason.words.length > 0 || reason.codes.length > 0),
              ...(references ?? []).map((one) => tidy(one.display)).filter(Boolean),
            ];
            for (const reason of every) {
              const shown =
                typeof reason === 'string'
                  ? (detail ?? '').includes(reason)
                  : reason.words.length > 0
                    ? reason.words.some((words) => (detail ?? '').includes(words))
                    : reason.codes.some((one) => (detail ?? '').includes(one));
              assert.ok(shown, `${JSON.stringify(reason)} not in ${detail}`);
            }
            if (every.length === 0) assert.equal(detail, undefined);
          } else if (firstWords)
            assert.ok(detail !== undefined && firstWords.includes(detail), `${detail} is not ${firstWords.join(' / ')}`);
          else if (codes.length > 0)
            assert.ok(detail !== undefined && codes.some((one) => detail.endsWith(one)), `${detail} names none of ${codes.join(', ')}`);
          else if (referenced) assert.equal(detail, referenced);
          else assert.equal(detail, undefined);
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 3000), seed: seedOr(9201) },
    );
  });
});
