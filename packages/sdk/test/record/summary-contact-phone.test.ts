/**
 * A contact's phone number as the summary shows it: one that is in use now.
 * A number whose `period` has ended (a landline given up, as GP and council
 * systems keep them) or marked `old` is never shown as the one to ring, nor
 * one that only starts later; the preferred (lowest `rank`) of those in use
 * is shown, and "Not known" only when none is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-1';
const NOW = '2026-11-28T09:30:00Z';

const phoneOf = (telecom: unknown[]) =>
  summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      {
        resourceType: 'RelatedPerson',
        id: 'rp1',
        active: true,
        patient: { reference: `Patient/${PATIENT}` },
        name: [{ family: 'OKAFOR', given: ['Ada'] }],
        relationship: [{ text: 'Daughter' }],
        telecom,
      },
    ],
    { audience: 'clinician', now: NOW, patientId: PATIENT },
  ).sections.contacts.items[0]?.phone;

describe("summary: a contact's phone number is one in use now", () => {
  test('reported: a landline given up in 2020 is not shown before the mobile in use', () => {
    assert.equal(
      phoneOf([
        { system: 'phone', value: '020 7946 0000', period: { end: '2020-01-01' } },
        { system: 'phone', value: '07700 900222' },
      ]),
      '07700 900222',
    );
  });

  /** Periods around now, and whether a number with each is in use now. */
  const PERIODS = {
    none: { period: undefined, inUse: true },
    'ended last year': { period: { end: '2025-06-01' }, inUse: false },
    'ended this morning': { period: { end: '2026-11-28T08:00:00Z' }, inUse: false },
    'ends today': { period: { end: '2026-11-28' }, inUse: true },
    'ends next year': { period: { start: '2020-01-01', end: '2027-01-01' }, inUse: true },
    'starts tomorrow': { period: { start: '2026-11-29' }, inUse: false },
    'started today': { period: { start: '2026-11-28' }, inUse: true },
  } as const;
  type PeriodName = keyof typeof PERIODS;
  const point = fc.record({
    system: fc.constantFrom('phone', 'sms', 'email'),
    value: fc.constantFrom('07700 900001', '07700 900002', '020 7946 0003', '  '),
    use: fc.constantFrom(undefined, 'home', 'mobile', 'work', 'old', 'temp'),
    rank: fc.constantFrom(undefined, 1, 2, 3),
    period: fc.constantFrom(...(Object.keys(PERIODS) as PeriodName[])),
  });

  test(`property: ${RUNS} lists of contact points — the preferred number in use, else "Not known"`, () => {
    fc.assert(
      fc.property(fc.array(point, { maxLength: 5 }), (points) => {
        const telecom = points.map(({ period, ...rest }) => {
          const given = PERIODS[period].period;
          return Object.fromEntries(Object.entries({ ...rest, period: given }).filter(([, value]) => value !== undefined));
        });
        const inUse = points
          .map((one, index) => ({ ...one, index }))
          .filter(
            (one) => (one.system === 'phone' || one.system === 'sms') && one.value.trim() && one.use !== 'old' && PERIODS[one.period].inUse,
          )
          .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.index - b.index);
        assert.equal(phoneOf(telecom), inUse[0]?.value ?? 'Not known', JSON.stringify(telecom));
      }),
      { numRuns: RUNS, seed: seedOr(20261211) },
    );
  });
});
