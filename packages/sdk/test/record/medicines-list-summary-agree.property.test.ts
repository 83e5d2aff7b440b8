/**
 * The medication list and the summary's medication headline say the same of
 * one medicine, however many accounts of it there are — a GP authorisation, a
 * hospital order, a statement that it is being taken, each current or not, in
 * date or past its validity: whether it is current, the status it is tagged
 * with, what it is called, and when its prescription expired. One rule (`medicine-status.ts`)
 * decides both; neither takes the word of whichever account it ranks first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { MEDICINE_NAME, MEDICINE_SHAPES, type MedicineShape } from './one-medicine.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { medicineViews } from './medicine-views.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-0001';
const VALIDITY_ENDS = [undefined, '2026-09-30', '2026-10', '2026-11-28T08:00:00Z', '2026-11-28', '2027-03-01', 'soon'] as const;

/** One source's account of the medicine: a prescription (an authorisation or an order) with perhaps a statement of it, or a statement alone. */
interface AccountSpec {
  ods: 'F83999' | 'RZ9';
  request?: { intent: 'plan' | 'order'; status: string; validityEnd: string | undefined; course: string | undefined; shape: MedicineShape };
  statement?: { status: string; shape: MedicineShape; periodEnd: string | undefined };
}

function resources(accounts: readonly AccountSpec[]): (MedicationRequest | MedicationStatement)[] {
  return accounts.flatMap((account, index) => {
    const common = {
      meta: { source: `https://care-record.example/source/${account.ods}` },
      subject: { reference: `Patient/${PATIENT}` },
    };
    const out: Record<string, unknown>[] = [];
    const { request, statement } = account;
    if (request)
      out.push({
        resourceType: 'MedicationRequest',
        id: `mr-${index}`,
        ...common,
        status: request.status,
        intent: request.intent,
        authoredOn: '2026-01-01',
        medicationCodeableConcept: MEDICINE_SHAPES[request.shape],
        ...(request.course ? { courseOfTherapyType: { coding: [{ code: request.course }] } } : {}),
        ...(request.validityEnd ? { dispenseRequest: { validityPeriod: { start: '2026-01-01', end: request.validityEnd } } } : {}),
      });
    if (statement)
      out.push({
        resourceType: 'MedicationStatement',
        id: `ms-${index}`,
        ...common,
        status: statement.status,
        dateAsserted: '2026-06-01',
        medicationCodeableConcept: MEDICINE_SHAPES[statement.shape],
        effectivePeriod: { start: '2026-01-01', ...(statement.periodEnd ? { end: statement.periodEnd } : {}) },
        ...(request ? { basedOn: [{ reference: `MedicationRequest/mr-${index}` }] } : {}),
      });
    return out as unknown as (MedicationRequest | MedicationStatement)[];
  });
}

/** What the list and the summary each say of each current medicine, by name. */
function bothViews(accounts: readonly AccountSpec[], audience: 'clinician' | 'resident' = 'clinician') {
  const { list, summary } = medicineViews(resources(accounts), { audience });
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const listed = list.current.map((row) => ({
    name: row.name,
    // The summary tags a current medicine only when it is not simply active.
    statusLabel: row.status === 'active' ? undefined : row.statusLabel,
    prescriptionExpired: row.prescriptionExpired,
    // Sources that disagree about its status (one stopped it, another has it on hold), each with what it says.
    statusDisagreement: row.disagreements.find((disagreement) => disagreement.field === 'status')?.values,
  }));
  const summarised = summary.items.map(({ name, statusLabel, prescriptionExpired, statusDisagreement }) => ({
    name,
    statusLabel,
    prescriptionExpired,
    statusDisagreement,
  }));
  return { listed: listed.sort(byName), summarised: summarised.sort(byName) };
}

const authorisation = (fields: Partial<NonNullable<AccountSpec['request']>> = {}): NonNullable<AccountSpec['request']> => ({
  intent: 'plan',
  status: 'active',
  validityEnd: undefined,
  course: 'continuous',
  shape: 'both',
  ...fields,
});

describe('medicines: the list and the summary say the same of one medicine', () => {
  test('reported: a GP authorisation ranked first does not hide that the hospital has the medicine on hold', () => {
    const { listed, summarised } = bothViews([
      { ods: 'F83999', request: authorisation() },
      { ods: 'RZ9', request: authorisation({ intent: 'order', course: 'acute', status: 'on-hold' }) },
    ]);
    assert.deepEqual(listed, [
      {
        name: MEDICINE_NAME,
        statusLabel: 'On hold',
        prescriptionExpired: undefined,
        statusDisagreement: [
          { source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' }, value: 'Active' },
          { source: { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }, value: 'On hold' },
        ],
      },
    ]);
    assert.deepEqual(summarised, listed);
  });

  test('reported: an expired hospital prescription is not hidden behind a GP authorisation that gives no validity', () => {
    const { listed, summarised } = bothViews([
      { ods: 'F83999', request: authorisation() },
      { ods: 'RZ9', request: authorisation({ intent: 'order', course: 'acute', validityEnd: '2026-09-30' }) },
    ]);
    assert.deepEqual(listed, [
      { name: MEDICINE_NAME, statusLabel: undefined, prescriptionExpired: '30-Sep-2026', statusDisagreement: undefined },
    ]);
    assert.deepEqual(summarised, listed);
  });

  test('reported: a medicine being taken on a stopped order is not tagged "Stopped" while it is current', () => {
    const { listed, summarised } = bothViews([
      {
        ods: 'RZ9',
        request: authorisation({ intent: 'order', course: 'acute', status: 'stopped' }),
        statement: { status: 'active', shape: 'both', periodEnd: undefined },
      },
    ]);
    assert.deepEqual(listed, [
      { name: MEDICINE_NAME, statusLabel: undefined, prescriptionExpired: undefined, statusDisagreement: undefined },
    ]);
    assert.deepEqual(summarised, listed);
  });

  test('reported: a GP repeat the hospital stopped on the ward is not shown in the summary as simply current', () => {
    const { listed, summarised } = bothViews([
      { ods: 'F83999', request: authorisation() },
      {
        ods: 'RZ9',
        request: authorisation({ intent: 'order', course: 'acute', status: 'stopped' }),
        statement: { status: 'stopped', shape: 'both', periodEnd: '2026-11-20' },
      },
    ]);
    assert.deepEqual(listed, [
      {
        name: MEDICINE_NAME,
        statusLabel: undefined,
        prescriptionExpired: undefined,
        statusDisagreement: [
          { source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' }, value: 'Active' },
          { source: { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }, value: 'Stopped 20-Nov-2026' },
        ],
      },
    ]);
    assert.deepEqual(summarised, listed);
  });

  const requestSpec = fc.record({
    intent: fc.constantFrom('plan' as const, 'order' as const),
    status: fc.constantFrom('active', 'on-hold', 'draft', 'unknown', 'stopped', 'completed', 'cancelled'),
    validityEnd: fc.constantFrom(...VALIDITY_ENDS),
    course: fc.constantFrom('acute', 'continuous', undefined),
    shape: fc.constantFrom<MedicineShape>('named', 'coded', 'both'),
  });
  const statementSpec = fc.record({
    status: fc.constantFrom('active', 'on-hold', 'intended', 'unknown', 'stopped', 'completed', 'not-taken'),
    shape: fc.constantFrom<MedicineShape>('named', 'coded', 'both'),
    periodEnd: fc.constantFrom(undefined, undefined, '2026-10-01', '2027-01-01'),
  });
  const account: fc.Arbitrary<AccountSpec> = fc
    .record(
      { ods: fc.constantFrom('F83999' as const, 'RZ9' as const), request: requestSpec, statement: statementSpec },
      { requiredKeys: ['ods'] },
    )
    .filter((spec) => spec.request !== undefined || spec.statement !== undefined);
  const shapesOf = (accounts: readonly AccountSpec[]): MedicineShape[] =>
    accounts.flatMap((spec) => [spec.request?.shape, spec.statement?.shape].filter((shape): shape is MedicineShape => shape !== undefined));
  /** Accounts the identity rule makes one medicine: one record carries both the code and the name, or all share a shape. */
  const oneMedicine = fc
    .array(account, { minLength: 1, maxLength: 4 })
    .filter((accounts) => shapesOf(accounts).includes('both') || new Set(shapesOf(accounts)).size === 1);

  for (const audience of ['clinician', 'resident'] as const)
    test(`${audience}: ${RUNS} sets of accounts of one medicine, in any order — the list and the summary agree`, () => {
      fc.assert(
        fc.property(oneMedicine, (accounts) => {
          for (const order of [accounts, [...accounts].reverse()]) {
            const { listed, summarised } = bothViews(order, audience);
            // Records of one medicine that only a record no longer current linked stay apart, in both.
            assert.ok(listed.length <= new Set(shapesOf(order)).size, 'one medicine is one row for each way it is recorded, at most');
            assert.deepEqual(summarised, listed, JSON.stringify(order));
          }
        }),
        { numRuns: RUNS, seed: seedOr(audience === 'clinician' ? 20261206 : 20261207) },
      );
    });
});
