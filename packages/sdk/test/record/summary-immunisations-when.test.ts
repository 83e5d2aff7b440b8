/**
 * A vaccination recorded as given (`completed`) on a date that has not come
 * yet cannot have been given: the summary says it was recorded so and asks for
 * the record to be checked, rather than showing "Given". Not done is never
 * "Given", and entered in error is never shown. "The future" is on the UK
 * calendar: a date without a time is future from the next UK day, a time
 * without an offset is UK wall-clock time. One with no date given, only the
 * date it was recorded, says that date is when it was recorded, not when it
 * was given.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, type ImmunisationItem, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { addDays, ukDay, ukWallClock } from './uk-clock.js';

const PATIENT = 'pat-0001';

const vaccination = (fields: Record<string, unknown>) => ({
  resourceType: 'Immunization',
  id: 'imm-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  vaccineCode: { text: 'Influenza vaccine' },
  patient: { reference: `Patient/${PATIENT}` },
  ...fields,
});

const itemsOf = (fields: Record<string, unknown>, now: string, audience: RecordAudience = 'clinician'): ImmunisationItem[] =>
  summaryViewModel([vaccination(fields)], { audience, now, patientId: PATIENT }).sections.immunisations.items;

describe('vaccinations: given on a future date', () => {
  const NOW = '2026-12-06T09:00:00Z';
  for (const audience of ['clinician', 'resident'] as const) {
    test(`${audience}: completed, dated next week, is not "Given" and says to check`, () => {
      const [item] = itemsOf({ status: 'completed', occurrenceDateTime: '2026-12-13' }, NOW, audience);
      assert.equal(item?.state, 'given-future-date');
      assert.notEqual(item?.status, 'Given');
      assert.match(item?.status ?? '', /future|not come/i);
    });
  }
  test('completed today (date only) is given', () => {
    assert.equal(itemsOf({ status: 'completed', occurrenceDateTime: '2026-12-06' }, NOW)[0]?.state, 'given');
  });
  test('completed later today (a time) is not yet given', () => {
    assert.equal(itemsOf({ status: 'completed', occurrenceDateTime: '2026-12-06T15:00:00Z' }, NOW)[0]?.state, 'given-future-date');
  });
  test('in summer, 00:30 UK time tomorrow (23:30 UTC today) is future', () => {
    const [item] = itemsOf({ status: 'completed', occurrenceDateTime: '2026-07-02T00:30:00+01:00' }, '2026-07-01T23:00:00Z');
    assert.equal(item?.state, 'given-future-date');
  });
  test('a subpotent dose on a future date is still the future-date warning', () => {
    const [item] = itemsOf({ status: 'completed', isSubpotent: true, occurrenceDateTime: '2027-01-01' }, NOW);
    assert.equal(item?.state, 'given-future-date');
  });
});

describe('vaccinations: dated only by when they were recorded', () => {
  const NOW = '2026-12-06T09:00:00Z';
  for (const [audience, words] of [
    ['clinician', 'Recorded 05-Apr-2020; date given not recorded'],
    ['resident', 'Recorded 5 April 2020. Date given not recorded'],
  ] as const)
    test(`${audience}: the recorded date is not shown as the date given`, () => {
      const [item] = itemsOf({ status: 'completed', recorded: '2020-04-05' }, NOW, audience);
      assert.equal(item?.date, words);
    });
  test('a date given, or the words for it, are shown as they are', () => {
    assert.equal(itemsOf({ status: 'completed', occurrenceDateTime: '2019-10-01', recorded: '2020-04-05' }, NOW)[0]?.date, '01-Oct-2019');
    assert.equal(itemsOf({ status: 'completed', occurrenceString: 'At school', recorded: '2020-04-05' }, NOW)[0]?.date, 'At school');
  });
  test('with neither, not recorded', () => {
    assert.equal(itemsOf({ status: 'completed' }, NOW)[0]?.date, 'Not recorded');
  });
});

const HOUR = 3_600_000;

/** An occurrence and whether it is after `now`, built from `now` by an offset. */
const occurrence = (now: number) =>
  fc.oneof(
    fc
      .integer({ min: -72 * 60, max: 72 * 60 })
      .filter((minutes) => minutes !== 0)
      .map((minutes) => ({
        fields: { occurrenceDateTime: new Date(now + minutes * 60_000).toISOString() },
        future: minutes > 0,
      })),
    // Without an offset: at least two hours away, so the hour the clocks go back (read either way) cannot flip it.
    fc
      .integer({ min: 2, max: 72 })
      .chain((hours) => fc.constantFrom(hours, -hours))
      .map((hours) => ({ fields: { occurrenceDateTime: ukWallClock(now + hours * HOUR) }, future: hours > 0 })),
    fc.integer({ min: -400, max: 400 }).map((days) => ({
      fields: { occurrenceDateTime: addDays(ukDay(now), days) },
      future: days > 0,
    })),
    // Words: the date cannot be read, so it is never said to be in the future.
    fc.constantFrom('Autumn 2026', 'At school', 'Next week').map((words) => ({ fields: { occurrenceString: words }, future: false })),
  );

describe('vaccinations: property over status × occurrence × now', () => {
  test('given only when completed and not in the future; not done never given; entered in error never shown', () => {
    const start = Date.UTC(2024, 0, 1);
    const end = Date.UTC(2028, 11, 31);
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end }).chain((now) =>
          fc.record({
            now: fc.constant(now),
            when: occurrence(now),
            status: fc.constantFrom('completed', 'not-done', 'entered-in-error', 'in-progress', undefined),
            subpotent: fc.boolean(),
            audience: fc.constantFrom<RecordAudience>('clinician', 'resident'),
          }),
        ),
        ({ now, when, status, subpotent, audience }) => {
          const fields = { ...when.fields, ...(status ? { status } : {}), ...(subpotent ? { isSubpotent: true } : {}) };
          const items = itemsOf(fields, new Date(now).toISOString(), audience);
          if (status === 'entered-in-error') return assert.equal(items.length, 0);
          assert.equal(items.length, 1);
          const [item] = items as [ImmunisationItem];
          const expected =
            status === 'completed'
              ? when.future
                ? 'given-future-date'
                : subpotent
                  ? 'given-subpotent'
                  : 'given'
              : status === 'not-done'
                ? 'not-given'
                : 'not-known';
          assert.equal(item.state, expected, JSON.stringify({ now: new Date(now).toISOString(), fields }));
          if (expected !== 'given') assert.doesNotMatch(item.status, /^Given$/);
          if (status !== 'completed') assert.doesNotMatch(item.status, /^Given/);
        },
      ),
      { numRuns: PROPERTY_RUNS / 5, seed: seedOr(6121) },
    );
  });
});
