/**
 * The medication list and the summary's medication headline tell the truth
 * about real-world FHIR data (review of the medicines view models): a
 * "do not give" order is never a medicine being taken, a proposal is not a
 * prescription, the headline and the list agree on what is current, a
 * structured dose is said in words, and an ended statement is past.
 *
 * Each reported case first, then the class of fault as a matrix over
 * statuses, intents and flags, decided from the FHIR R4 value sets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { NO_DOSAGE } from '../../src/record/index.js';
import { gpRecord, medicineViews } from './medicine-views.js';

type Fields = Record<string, unknown>;
type Audience = 'clinician' | 'resident';

const source = (odsCode: string) => ({ source: `https://care-record.example/source/${odsCode}` });

const request = (id: string, fields: Fields = {}): MedicationRequest =>
  gpRecord('MedicationRequest', id, {
    intent: 'order',
    authoredOn: '2026-10-01',
    medicationCodeableConcept: { text: 'Amlodipine 5mg tablets', coding: [{ system: 'https://dmd.nhs.uk', code: '319283006' }] },
    dosageInstruction: [{ text: 'One daily' }],
    ...fields,
  });

const statement = (id: string, fields: Fields = {}): MedicationStatement =>
  gpRecord('MedicationStatement', id, { medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' }, ...fields });

/** The list and the summary's medicines of the same records, as a clinician or the resident sees them. */
const both = (requests: MedicationRequest[], statements: MedicationStatement[] = [], audience: Audience = 'clinician') =>
  medicineViews([...requests, ...statements], { audience });

const REQUEST_STATUSES = ['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown'] as const;
const STATEMENT_STATUSES = ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'] as const;
const ORDERS = ['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order'] as const;
const INTENTS = ['proposal', 'plan', ...ORDERS, 'option'] as const;
/** Current, as the list and the headline both read it. */
const CURRENT = new Set(['active', 'on-hold', 'draft', 'intended', 'unknown']);

describe('a "do not give" order (doNotPerform) is never a medicine being taken', () => {
  test('the reported case: not under current or past, not counted, and kept as "Do not give"', () => {
    const penicillin = request('mr-1', {
      doNotPerform: true,
      medicationCodeableConcept: { text: 'Penicillin V 250mg tablets' },
      dosageInstruction: [],
    });
    const { list, summary } = both([penicillin]);
    assert.deepEqual([list.current, list.past], [[], []]);
    assert.deepEqual(
      list.doNotGive.map((row) => [row.name, row.id]),
      [['Penicillin V 250mg tablets', 'MedicationRequest/mr-1']],
    );
    assert.equal(list.doNotGiveHeading, 'Do not give');
    assert.equal(summary.headline.total, 0);
    assert.deepEqual(summary.items, []);
  });

  test('beside the same medicine being taken elsewhere: the taken one is one row of its own source, the order stays apart', () => {
    const { list, summary } = both([
      request('mr-1', { doNotPerform: true, meta: source('RZ9') }),
      request('mr-2', { intent: 'plan', courseOfTherapyType: { coding: [{ code: 'continuous' }] } }),
    ]);
    assert.deepEqual(
      list.current.map((row) => [row.id, row.sources.map((item) => item.odsCode)]),
      [['MedicationRequest/mr-2', ['F83999']]],
    );
    assert.deepEqual(
      list.doNotGive.map((row) => [row.id, row.sources.map((item) => item.odsCode)]),
      [['MedicationRequest/mr-1', ['RZ9']]],
    );
    assert.deepEqual(summary.headline, { total: 1, repeat: 1, acute: 0, other: 0, moreCount: 0 });
    assert.deepEqual(
      summary.items[0]?.sources.map((item) => item.odsCode),
      ['F83999'],
    );
  });

  for (const audience of ['clinician', 'resident'] as const)
    for (const status of REQUEST_STATUSES)
      for (const intent of INTENTS)
        test(`${audience}, status ${status}, intent ${intent}: never listed or counted as taken; "do not give" while it stands`, () => {
          const { list, summary } = both([request('mr-1', { doNotPerform: true, status, intent })], [], audience);
          assert.deepEqual([list.current, list.past, list.proposed], [[], [], []]);
          assert.equal(summary.headline.total, 0);
          assert.deepEqual(
            list.doNotGive.map((row) => row.id),
            CURRENT.has(status) ? ['MedicationRequest/mr-1'] : [],
          );
        });

  test('doNotPerform false or absent is an ordinary order', () => {
    for (const doNotPerform of [false, undefined]) {
      const { list, summary } = both([request('mr-1', { doNotPerform })]);
      assert.equal(list.current.length, 1);
      assert.equal(list.doNotGive.length, 0);
      assert.equal(summary.headline.total, 1);
    }
  });
});

describe('only an order (or a GP authorisation) is a medicine prescribed', () => {
  test('the reported case: an active proposal is not a current "Active" prescription, nor counted', () => {
    const { list, summary } = both([request('mr-1', { intent: 'proposal' })]);
    assert.deepEqual([list.current, list.past], [[], []]);
    assert.deepEqual(
      list.proposed.map((row) => row.id),
      ['MedicationRequest/mr-1'],
    );
    assert.equal(summary.headline.total, 0);
  });

  for (const intent of INTENTS)
    for (const status of REQUEST_STATUSES)
      test(`intent ${intent}, status ${status}: list and headline agree`, () => {
        const { list, summary } = both([request('mr-1', { intent, status })]);
        const prescribed = intent !== 'proposal' && intent !== 'option';
        const current = prescribed && CURRENT.has(status);
        assert.equal(list.current.length, current ? 1 : 0, 'listed as current');
        assert.equal(summary.headline.total, current ? 1 : 0, 'counted');
        assert.equal(list.past.length, prescribed && !CURRENT.has(status) && status !== 'entered-in-error' ? 1 : 0, 'listed as past');
        assert.equal(list.proposed.length, !prescribed && CURRENT.has(status) ? 1 : 0, 'listed as proposed');
      });
});

describe('the headline and the list agree on what is current', () => {
  test('the reported case: warfarin on hold is current in the list and counted in the headline', () => {
    const { list, summary } = both([request('mr-1', { status: 'on-hold', medicationCodeableConcept: { text: 'Warfarin 1mg tablets' } })]);
    assert.deepEqual(
      list.current.map((row) => [row.name, row.statusLabel]),
      [['Warfarin 1mg tablets', 'On hold']],
    );
    assert.equal(summary.state, 'ready');
    assert.deepEqual(
      summary.items.map((item) => item.name),
      ['Warfarin 1mg tablets'],
    );
  });

  for (const audience of ['clinician', 'resident'] as const) {
    for (const status of REQUEST_STATUSES)
      test(`${audience}: a prescription ${status}`, () => {
        const { list, summary } = both([request('mr-1', { status })], [], audience);
        assert.equal(summary.headline.total, list.current.length);
        assert.equal(list.current.length, CURRENT.has(status) ? 1 : 0);
        if (status === 'unknown') assert.equal(list.current[0]?.statusLabel, 'Not known');
      });
    for (const status of STATEMENT_STATUSES)
      test(`${audience}: a statement ${status}`, () => {
        const { list, summary } = both([], [statement('ms-1', { status })], audience);
        assert.equal(summary.headline.total, list.current.length);
        assert.equal(list.current.length, CURRENT.has(status) ? 1 : 0);
      });
  }

  test('a status that is not a FHIR code is "Not known", current in both', () => {
    const { list, summary } = both([], [statement('ms-1', { status: 'paused-ish' })]);
    assert.deepEqual(
      list.current.map((row) => row.statusLabel),
      ['Not known'],
    );
    assert.equal(summary.headline.total, 1);
  });

  test('a repeat with its statement and issue: the authorisation’s status decides, in both', () => {
    const plan = (status: string) =>
      request('mr-plan', { intent: 'plan', status, courseOfTherapyType: { coding: [{ code: 'continuous' }] } });
    const issue = request('mr-issue', { status: 'active', basedOn: [{ reference: 'MedicationRequest/mr-plan' }] });
    const taken = statement('ms-1', { status: 'active', basedOn: [{ reference: 'MedicationRequest/mr-plan' }] });
    for (const status of REQUEST_STATUSES) {
      const { list, summary } = both([plan(status), issue], [taken]);
      assert.equal(summary.headline.total, list.current.length, status);
      assert.equal(list.current.length, CURRENT.has(status) ? 1 : status === 'entered-in-error' ? 1 : 0, status);
    }
  });

  test('an acute prescription with a statement of its course: the statement says whether it is taken, in both', () => {
    for (const requestStatus of REQUEST_STATUSES)
      for (const statementStatus of STATEMENT_STATUSES) {
        const { list, summary } = both(
          [request('mr-1', { status: requestStatus })],
          [statement('ms-1', { status: statementStatus, basedOn: [{ reference: 'MedicationRequest/mr-1' }] })],
        );
        assert.equal(summary.headline.total, list.current.length, `${requestStatus} / ${statementStatus}`);
      }
  });
});

describe('a dose recorded only in structured form is said in words', () => {
  const dosageOf = (dosageInstruction: unknown[]): string => {
    const { list } = both([request('mr-1', { dosageInstruction })]);
    // A course that has run its length is a past medicine: its dose is said the same there.
    return (list.current[0] ?? list.past[0])?.dosage ?? 'no row';
  };

  test('the reported case (Synthea): "2 tablet, 1 time a day", not "No information available"', () => {
    assert.equal(
      dosageOf([
        {
          sequence: 1,
          timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } },
          asNeededBoolean: false,
          doseAndRate: [{ doseQuantity: { value: 2, unit: 'tablet' } }],
        },
      ]),
      '2 tablet, 1 time a day',
    );
  });

  test('as needed only: "When required"', () => {
    assert.equal(dosageOf([{ asNeededBoolean: true }]), 'When required');
    assert.equal(dosageOf([{ asNeededCodeableConcept: { text: 'pain' } }]), 'When required for pain');
  });

  test('text is kept verbatim when present, whatever the structure says', () => {
    assert.equal(
      dosageOf([
        { text: 'Take TWO  each morning', timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd' } }, asNeededBoolean: true },
      ]),
      'Take TWO  each morning',
    );
  });

  test('no text and no structure: "No information available"', () => {
    assert.equal(dosageOf([{ asNeededBoolean: false }]), NO_DOSAGE);
    assert.equal(dosageOf([{ sequence: 1 }]), NO_DOSAGE);
    assert.equal(dosageOf([]), NO_DOSAGE);
  });

  const timings: [repeat: Fields, words: string][] = [
    [{ frequency: 1, period: 1, periodUnit: 'd' }, '1 time a day'],
    [{ frequency: 2, period: 1, periodUnit: 'd' }, '2 times a day'],
    [{ frequency: 4, period: 1, periodUnit: 'd' }, '4 times a day'],
    [{ frequency: 1, period: 4, periodUnit: 'h' }, 'every 4 hours'],
    [{ frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' }, 'every 4 to 6 hours'],
    [{ frequency: 1, period: 1, periodUnit: 'h' }, '1 time an hour'],
    [{ frequency: 1, period: 1, periodUnit: 'wk' }, '1 time a week'],
    [{ frequency: 3, period: 1, periodUnit: 'wk' }, '3 times a week'],
    [{ frequency: 1, period: 1, periodUnit: 'mo' }, '1 time a month'],
    [{ frequency: 1, frequencyMax: 2, period: 1, periodUnit: 'd' }, '1 to 2 times a day'],
    [{ frequency: 2, period: 3, periodUnit: 'd' }, '2 times every 3 days'],
    [{ frequency: 1, period: 1, periodUnit: 'd', when: ['MORN'] }, '1 time a day, in the morning'],
    [{ frequency: 1, period: 1, periodUnit: 'd', boundsDuration: { value: 7, code: 'd' } }, '1 time a day, for 7 days'],
  ];
  for (const [repeat, words] of timings)
    test(`${JSON.stringify(repeat)}: "${words}"`, () => {
      assert.equal(
        dosageOf([{ timing: { repeat }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'capsule' } }] }]),
        `1 capsule, ${words}`,
      );
      assert.equal(dosageOf([{ timing: { repeat } }]), words.charAt(0).toUpperCase() + words.slice(1));
    });

  test('a dose alone, a dose range, a dose as needed, and a coded timing in the source’s words', () => {
    assert.equal(dosageOf([{ doseAndRate: [{ doseQuantity: { value: 5, unit: 'mL' } }] }]), '5 mL');
    assert.equal(dosageOf([{ doseAndRate: [{ doseRange: { low: { value: 1 }, high: { value: 2, unit: 'tablet' } } }] }]), '1 to 2 tablet');
    assert.equal(
      dosageOf([{ asNeededBoolean: true, doseAndRate: [{ doseQuantity: { value: 1, unit: 'puff' } }] }]),
      '1 puff, when required',
    );
    assert.equal(dosageOf([{ timing: { code: { text: 'Twice a day' } } }]), 'Twice a day');
  });

  test('several instructions: each its text or its words, in order', () => {
    assert.equal(
      dosageOf([
        { text: '40mg daily for 5 days' },
        { doseAndRate: [{ doseQuantity: { value: 30, unit: 'mg' } }], timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' } } },
      ]),
      '40mg daily for 5 days; 30 mg, 1 time a day',
    );
  });

  test('a statement’s structured dosage too', () => {
    const { list } = both([], [statement('ms-1', { dosage: [{ asNeededBoolean: true }] })]);
    assert.equal(list.current[0]?.dosage, 'When required');
  });
});

describe('a statement whose period has ended is past, in the list and the headline', () => {
  test('the reported case: active, ended in 2020', () => {
    const { list, summary } = both([], [statement('ms-1', { effectivePeriod: { start: '2020-01-01', end: '2020-02-01' } })]);
    assert.deepEqual(list.current, []);
    assert.deepEqual(
      list.past.map((row) => [row.id, row.statusLabel, row.endDate]),
      [['MedicationStatement/ms-1', 'Completed', '01-Feb-2020']],
    );
    assert.equal(summary.headline.total, 0);
  });

  const ends: [end: string | undefined, ended: boolean][] = [
    [undefined, false],
    ['2020-02-01', true],
    ['2026-11-27', true],
    ['2026-11-28T08:59:00Z', true],
    ['2026-11-28', false], // a day without a time covers the whole of it
    ['2026-11-28T10:00:00Z', false],
    ['2027-01-01', false],
    ['not a date', false],
  ];
  for (const status of STATEMENT_STATUSES.filter((code) => CURRENT.has(code)))
    for (const [end, ended] of ends)
      test(`${status}, ending ${end ?? 'never'}: ${ended ? 'past' : 'current'} in both`, () => {
        const { list, summary } = both([], [statement('ms-1', { status, effectivePeriod: { start: '2019-01-01', end } })]);
        assert.equal(list.current.length, ended ? 0 : 1);
        assert.equal(list.past.length, ended ? 1 : 0);
        assert.equal(summary.headline.total, list.current.length);
      });
});
