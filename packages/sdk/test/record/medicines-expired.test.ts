/**
 * An active prescription whose validity period has ended: still listed as
 * current (it has not been stopped, and the resident may still be taking
 * it), but never as if nothing were wrong — the list and the summary both say
 * the prescription has expired, and when.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest } from '../../src/fhir.js';
import { acuteRequest, medicineViews } from './medicine-views.js';

/** The GP's acute order, written on 1 March, valid for `validity`. */
const request = (validity: Record<string, string> | undefined, fields: Record<string, unknown> = {}): MedicationRequest =>
  acuteRequest({
    authoredOn: '2026-03-01',
    dosageInstruction: [{ text: 'One three times a day' }],
    ...(validity ? { dispenseRequest: { validityPeriod: validity } } : {}),
    ...fields,
  });

const views = (requests: MedicationRequest[], audience: 'clinician' | 'resident' = 'clinician') => medicineViews(requests, { audience });

describe('medicines: a prescription past its validity period', () => {
  test('reported: an active acute whose validity ended on 30 September is current, and says it expired then', () => {
    const { list, summary } = views([request({ start: '2026-03-01', end: '2026-09-30' })]);
    assert.deepEqual(
      list.current.map((row) => [row.name, row.statusLabel, row.prescriptionExpired]),
      [['Amoxicillin 500mg capsules', 'Active', '30-Sep-2026']],
    );
    assert.deepEqual(
      summary.items.map((item) => [item.name, item.prescriptionExpired]),
      [['Amoxicillin 500mg capsules', '30-Sep-2026']],
    );
  });

  const ENDS = {
    'ended last month': { end: '2026-10-31', expired: true, clinician: '31-Oct-2026', resident: '31 October 2026' },
    'ended this morning': { end: '2026-11-28T08:00:00Z', expired: true, clinician: '28-Nov-2026', resident: '28 November 2026' },
    'ends today': { end: '2026-11-28', expired: false },
    'ends later today': { end: '2026-11-28T17:00:00Z', expired: false },
    'ends next year': { end: '2027-03-01', expired: false },
    'ended in October (a month only)': { end: '2026-10', expired: true, clinician: 'Oct-2026', resident: 'October 2026' },
    'ends in November (a month only)': { end: '2026-11', expired: false },
    'ended in 2025 (a year only)': { end: '2025', expired: true, clinician: '2025', resident: '2025' },
    'with no end': { end: undefined, expired: false },
    'with an unreadable end': { end: 'soon', expired: false },
  } as const;
  const STATUSES = {
    active: 'current',
    'on-hold': 'current',
    draft: 'current',
    unknown: 'current',
    completed: 'past',
    stopped: 'past',
    cancelled: 'past',
  } as const;
  const KINDS = {
    acute: {},
    'repeat authorisation': {
      intent: 'plan',
      courseOfTherapyType: { coding: [{ code: 'continuous' }] },
      dispenseRequest: { numberOfRepeatsAllowed: 6 },
    },
  } as const;

  for (const audience of ['clinician', 'resident'] as const)
    for (const [kind, fields] of Object.entries(KINDS))
      for (const [status, standing] of Object.entries(STATUSES))
        for (const [when, expected] of Object.entries(ENDS)) {
          const expired = standing === 'current' && expected.expired;
          test(`${audience}: ${status} ${kind}, validity ${when}: ${standing}${expired ? ', expired' : ''}`, () => {
            const validity = expected.end === undefined ? { start: '2026-03-01' } : { start: '2026-03-01', end: expected.end };
            const base = request(undefined, { ...fields, status });
            const withValidity = {
              ...base,
              dispenseRequest: { ...(base.dispenseRequest ?? {}), validityPeriod: validity },
            } as MedicationRequest;
            const { list, summary } = views([withValidity], audience);
            const rows = standing === 'current' ? list.current : list.past;
            assert.equal(rows.length, 1, 'listed where its status puts it');
            const [row] = rows;
            const shouldSay = expired ? (expected as { clinician: string; resident: string })[audience] : undefined;
            assert.equal(row?.prescriptionExpired, shouldSay);
            const items = summary.items;
            assert.equal(items.length, standing === 'current' ? 1 : 0, 'the summary counts it as the list does');
            if (items[0]) assert.equal(items[0].prescriptionExpired, shouldSay, 'the summary says what the list says');
          });
        }
});
