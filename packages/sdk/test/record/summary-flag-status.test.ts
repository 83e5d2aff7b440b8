/**
 * An alert or legal entry whose status is missing or is no FHIR R4 code
 * (feeds send `Active`, ` active `, `current`, or nothing): the source sent
 * it, and nothing says it has ended, so it is never left out as if it were
 * not there — an alerts section with nothing else would say there are none.
 * It is listed, saying its status is not known; `active` in any case is
 * active; inactive and entered in error, in any case, are not listed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const NOW = '2026-11-28T09:30:00Z';
const PATIENT = 'pat-0001';
const subject = { reference: `Patient/${PATIENT}` };
const CODES = {
  alert: { coding: [{ system: 'https://care-record.example/CodeSystem/alert', code: 'violence' }], text: 'Violent towards staff' },
  legal: { coding: [{ system: 'https://care-record.example/CodeSystem/alert', code: 'dols-authorised' }], text: 'DoLS authorised' },
} as const;

const sectionsOf = (flags: Record<string, unknown>[], audience: 'clinician' | 'resident' = 'clinician') =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...flags], { audience, now: NOW, patientId: PATIENT }).sections;

const flag = (id: string, status: unknown, kind: keyof typeof CODES, period?: Record<string, string>) => ({
  resourceType: 'Flag',
  id,
  ...(status === undefined ? {} : { status }),
  subject,
  code: CODES[kind],
  ...(period ? { period } : {}),
});

describe('alerts and legal information: a status missing or not a FHIR code', () => {
  test('reported: a "violent towards staff" alert sent with no status is listed, saying its status is not known', () => {
    const { alerts } = sectionsOf([flag('f1', undefined, 'alert', { start: '2025-01-01' })]);
    assert.equal(alerts.state, 'ready');
    assert.deepEqual(
      alerts.items.map((item) => [item.text, item.statusNotKnown]),
      [['Violent towards staff', true]],
    );
  });

  /** Statuses as feeds send them, and what each says. */
  const STATUSES: [unknown, 'active' | 'not listed' | 'not known'][] = [
    ['active', 'active'],
    ['Active', 'active'],
    [' ACTIVE ', 'active'],
    ['inactive', 'not listed'],
    ['Inactive', 'not listed'],
    ['entered-in-error', 'not listed'],
    ['Entered-In-Error', 'not listed'],
    [undefined, 'not known'],
    [null, 'not known'],
    ['', 'not known'],
    ['current', 'not known'],
    [1, 'not known'],
  ];
  const PERIODS: [Record<string, string> | undefined, 'ended' | 'current' | 'later'][] = [
    [undefined, 'current'],
    [{ start: '2025-01-01' }, 'current'],
    [{ end: '2025-06-30' }, 'ended'],
    [{ start: '2024-01-01', end: '2026-11-28T08:00:00Z' }, 'ended'],
    [{ end: '2026-11-28' }, 'current'],
    [{ start: '2026-12-13' }, 'later'],
  ];

  test(`property: ${RUNS} mixes of alerts and legal entries of every status and period`, () => {
    const entry = fc.tuple(
      fc.constantFrom(...STATUSES),
      fc.constantFrom(...PERIODS),
      fc.constantFrom<keyof typeof CODES>('alert', 'legal'),
    );
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('clinician' as const, 'resident' as const),
        (entries, audience) => {
          const flags = entries.map(([[status], [period], kind], index) => flag(`f${index}`, status, kind, period));
          const { alerts, legal } = sectionsOf(flags, audience);
          for (const [index, [[status, says], [period, when], kind]] of entries.entries()) {
            const items = kind === 'alert' ? alerts.items : legal.items;
            const item = items.find((one) => one.id === `f${index}`);
            const label = `${String(status)} ${JSON.stringify(period)} ${kind}`;
            if (says === 'not listed' || when === 'ended') {
              assert.equal(item, undefined, label);
              continue;
            }
            assert.ok(item, `${label} is listed`);
            assert.equal(item.statusNotKnown === true, says === 'not known', label);
            assert.equal(item.notYetInForce, when === 'later', label);
          }
          const listed = entries.filter(([[, says], [, when]]) => says !== 'not listed' && when !== 'ended').length;
          assert.equal(alerts.items.length + legal.items.length, listed);
        },
      ),
      { numRuns: RUNS, seed: seedOr(20261212) },
    );
  });
});
