/**
 * A choice not to share that has ended, or not yet begun, is not shown as in force. The model carried a deny's period
 * but no state, so the screen said "not shared" for a deny that ended last year or starts next month. Each deny's
 * state is now read as the hub applies it (`periodHolds`): UK civil dates, dateTimes as instants, open ends.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import { sharingChoicesFrom, sharingConsent, sharingPeriodState, type SharingPeriod } from '../../src/index.js';
import { periodHolds } from '../../../hub/src/policy/sharing.js';

const ORGANISATIONS = new Map([
  ['org-a', { name: 'Tufnell Green Surgery' }],
  ['org-b', { name: 'Whittington Hospital' }],
]);
// 7 December 2026, 08:00 in London (GMT).
const NOW = new Date('2026-12-07T08:00:00Z');

function choicesWith(periods: (SharingPeriod | undefined)[]) {
  const consent = sharingConsent('pat-1', { organisations: [], categories: [], exceptions: [] });
  consent.provision!.provision = periods.map((period) => ({
    type: 'deny' as const,
    actor: [{ role: { text: 'recipient' }, reference: { reference: 'Organization/org-a' } }],
    ...(period ? { period } : {}),
  }));
  return sharingChoicesFrom(consent, ORGANISATIONS, { now: NOW });
}

describe('the state of a choice not to share', () => {
  test('the reported case: a deny that ended last year has ended; one that starts next month has not begun', () => {
    assert.deepEqual(choicesWith([{ end: '2025-12-31' }]).organisations[0]?.state, { kind: 'ended', on: '2025-12-31' });
    assert.deepEqual(choicesWith([{ start: '2027-01-01' }]).organisations[0]?.state, { kind: 'starts', on: '2027-01-01' });
  });

  const TABLE: [string, (SharingPeriod | undefined)[], unknown][] = [
    ['for ever', [undefined], { kind: 'in-force' }],
    ['ends today (a date holds to its last moment)', [{ end: '2026-12-07' }], { kind: 'in-force', until: '2026-12-07' }],
    ['began today', [{ start: '2026-12-07' }], { kind: 'in-force' }],
    ['a month that is this month', [{ end: '2026-12' }], { kind: 'in-force', until: '2026-12' }],
    ['a year that has passed', [{ end: '2025' }], { kind: 'ended', on: '2025' }],
    ['a dateTime an hour ago', [{ end: '2026-12-07T07:00:00Z' }], { kind: 'ended', on: '2026-12-07T07:00:00Z' }],
    ['a dateTime in an hour', [{ start: '2026-12-07T09:00:00+00:00' }], { kind: 'starts', on: '2026-12-07T09:00:00+00:00' }],
    [
      'ended, and another in force',
      [{ end: '2025-12-31' }, { start: '2026-01-01', end: '2027-06-30' }],
      { kind: 'in-force', until: '2027-06-30' },
    ],
    ['ended, and another to come', [{ end: '2025-12-31' }, { start: '2027-03-01' }], { kind: 'starts', on: '2027-03-01' }],
  ];
  for (const [name, periods, state] of TABLE) test(name, () => assert.deepEqual(choicesWith(periods).organisations[0]?.state, state));

  test('a period that cannot be read: the hub applies none of the choice, so it reads as not applied', () => {
    const choices = choicesWith([{ end: '31/12/2027' }]);
    assert.equal(choices.declinedToAll, 'not-readable');
  });

  test('a category and an exception have a state too', () => {
    const consent = sharingConsent('pat-1', { organisations: [], categories: [], exceptions: [] });
    consent.provision!.provision = [
      {
        type: 'deny',
        securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }],
        period: { end: '2025-01-01' },
      },
      {
        type: 'deny',
        actor: [{ role: { text: 'recipient' }, reference: { reference: 'Organization/org-b' } }],
        securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }],
        period: { start: '2027-01-01' },
      },
    ];
    const choices = sharingChoicesFrom(consent, ORGANISATIONS, { now: NOW });
    assert.deepEqual(choices.categories[0]?.state, { kind: 'ended', on: '2025-01-01' });
    assert.deepEqual(choices.exceptions[0]?.state, { kind: 'starts', on: '2027-01-01' });
  });
});

// The class: for any period in any of its forms and any moment, the screen's state agrees with what the hub applies.
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const boundArbitrary = fc.oneof(
  fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z'), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(
        `${date.getUTCFullYear()}`,
        `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`,
        `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`,
        date.toISOString(),
        `${date.toISOString().slice(0, 19)}+01:00`,
        `${date.toISOString().slice(0, 16)}-05:30`,
      ),
    ),
  fc.constantFrom('not a date', '2026-13-45T99:00'),
);

test('the state agrees with the hub at every moment, for every form (fast-check, fixed seed)', () => {
  fc.assert(
    fc.property(
      fc.record({ start: boundArbitrary, end: boundArbitrary }, { requiredKeys: [] }),
      // Around the clock changes and midnight in London, among any moment.
      fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2028-12-31T23:59:59Z'), noInvalidDate: true }),
      (period, now) => {
        const state = sharingPeriodState(period, now);
        const hub = periodHolds(period, now.getTime());
        if (hub === undefined) assert.equal(state.kind, 'not-known');
        else assert.equal(state.kind === 'in-force', hub, JSON.stringify({ period, now, state }));
      },
    ),
    { seed: 7122026, numRuns: 2000 },
  );
});
