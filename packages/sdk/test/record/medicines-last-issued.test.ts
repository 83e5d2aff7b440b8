/**
 * "Last issued" is when a prescription actually went out: an order (or an
 * acute's authorisation, issued when written) that is active, completed, or
 * stopped after it went out. A draft, a proposal, one on hold, cancelled or of
 * a status not known was never issued on the day it was written: it shows no
 * issue date ("Not issued" when nothing of it was issued, "Not recorded" when
 * it may have been), and never its `authoredOn` as one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest } from '../../src/fhir.js';
import { gpRecord, medicineViews } from './medicine-views.js';

const AUTHORED = '2026-11-27T10:00:00+00:00';
const AUTHORED_SHOWN = '27-Nov-2026';
const TYPE_URL = 'https://care-record.example/StructureDefinition/prescription-type';

const request = (status: string, intent: string, type: string | undefined, id = 'mr-1'): MedicationRequest =>
  gpRecord('MedicationRequest', id, {
    status,
    intent,
    authoredOn: AUTHORED,
    medicationCodeableConcept: { text: 'Amoxicillin 500mg capsules' },
    ...(type ? { extension: [{ url: TYPE_URL, valueCoding: { code: type } }] } : {}),
  });

const rowsOf = (requests: MedicationRequest[]) => {
  const { list } = medicineViews(requests);
  return [...list.current, ...list.past, ...list.proposed];
};

describe('medicines: last issued only when issued', () => {
  test('reported: a draft order shows no issue date, and says it was not issued', () => {
    const [row, ...others] = rowsOf([request('draft', 'order', 'acute')]);
    assert.deepEqual(others, []);
    assert.equal(row?.lastIssued, 'Not issued');
  });

  const STATUSES = ['active', 'completed', 'stopped', 'draft', 'on-hold', 'unknown', 'cancelled'] as const;
  const INTENTS = ['order', 'original-order', 'instance-order', 'plan', 'proposal'] as const;
  const TYPES = ['acute', 'repeat', 'repeat-dispensing', undefined] as const;

  /** Whether the record says it went out: an order, or an acute's (or untyped) authorisation, in force, finished or stopped. */
  const issued = (status: string, intent: string, type: string | undefined): boolean =>
    ['active', 'completed', 'stopped'].includes(status) &&
    intent !== 'proposal' &&
    (intent !== 'plan' || (type !== 'repeat' && type !== 'repeat-dispensing'));
  /** Nothing of it could have gone out: a draft, a cancelled one, a proposal. */
  const neverIssued = (status: string, intent: string): boolean => intent === 'proposal' || status === 'draft' || status === 'cancelled';

  test(`matrix: ${STATUSES.length * INTENTS.length * TYPES.length} status × intent × prescription type`, () => {
    const wrong: string[] = [];
    for (const status of STATUSES)
      for (const intent of INTENTS)
        for (const type of TYPES) {
          const rows = rowsOf([request(status, intent, type)]);
          const got = rows.map((row) => row.lastIssued);
          const expected = issued(status, intent, type) ? AUTHORED_SHOWN : neverIssued(status, intent) ? 'Not issued' : 'Not recorded';
          // A proposal no longer current is listed nowhere: that is the proposals' own rule, not this one.
          const rowsExpected = intent === 'proposal' && got.length === 0 ? 0 : 1;
          if (got.length !== rowsExpected || got.some((lastIssued) => lastIssued !== expected))
            wrong.push(`${status} ${intent} ${type ?? '-'}: ${JSON.stringify(got)} not ${expected}`);
        }
    assert.deepEqual(wrong, []);
  });

  test('a repeat authorisation takes its date from its issues that went out, not a draft issue', () => {
    const plan = request('active', 'plan', 'repeat', 'mr-plan');
    const issue = (id: string, status: string, authoredOn: string) => ({
      ...request(status, 'order', 'repeat', id),
      authoredOn,
      basedOn: [{ reference: 'MedicationRequest/mr-plan' }],
    });
    const rows = rowsOf([plan, issue('mr-i1', 'completed', '2026-10-01'), issue('mr-i2', 'draft', '2026-11-27')]);
    assert.deepEqual(
      rows.map((row) => row.lastIssued),
      ['01-Oct-2026'],
    );
  });
});
