/**
 * Faults found in real GP data, each read by the list and the summary alike:
 * a request whose dosage course has ended stayed current (only its words said
 * it ended); a lone GP statement was called repeat or acute by the summary
 * where the list said "Not known"; and a draft entry of a medicine the GP has
 * active made it read "Not started yet".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { acuteRequest, AMOXICILLIN as NAME, gpRecord, medicineViews, NOW } from './medicine-views.js';

/** The GP's acute order, written on 1 November. */
const request = (fields: Record<string, unknown> = {}): MedicationRequest => acuteRequest({ authoredOn: '2026-11-01', ...fields });

/** The GP's own record that the resident takes it, from 1 November. */
const statement = (fields: Record<string, unknown> = {}): MedicationStatement =>
  gpRecord('MedicationStatement', 'ms-1', {
    category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medication-statement-category', code: 'community' }] },
    medicationCodeableConcept: { text: NAME, coding: [{ system: 'https://dmd.nhs.uk', code: '323509004' }] },
    effectivePeriod: { start: '2026-11-01' },
    ...fields,
  });

const bounded = (text: string, repeat: Record<string, unknown>) => ({ text, timing: { repeat } });

const views = (resources: (MedicationRequest | MedicationStatement)[], now = NOW, audience: 'clinician' | 'resident' = 'clinician') =>
  medicineViews(resources, { now, audience });

describe('medicines: a course that has ended is a past medicine', () => {
  test('reported: a request whose dosage bounds ended on 7 November is past, "Course ended", in the list and the summary', () => {
    const { list, summary } = views([
      request({
        dosageInstruction: [bounded('One three times a day for 7 days', { boundsPeriod: { start: '2026-11-01', end: '2026-11-07' } })],
      }),
    ]);
    assert.deepEqual(list.current, []);
    assert.deepEqual(
      list.past.map((row) => [row.name, row.status, row.courseEnded, row.endDate]),
      [[NAME, 'completed', '07-Nov-2026', '07-Nov-2026']],
    );
    assert.equal(summary.headline.total, 0);
    assert.deepEqual(summary.items, []);
  });

  test('a boundsDuration from authoredOn: 7 days from 1 November ends on 7 November', () => {
    const { list, summary } = views([
      request({ dosageInstruction: [bounded('One three times a day', { boundsDuration: { value: 7, code: 'd' } })] }),
    ]);
    assert.deepEqual(
      list.past.map((row) => row.courseEnded),
      ['07-Nov-2026'],
    );
    assert.equal(summary.headline.total, 0);
  });

  test('a date-only end is taken all that UK day; a midnight end is the day written; an instant end passes at its instant', () => {
    const cases: [end: string, now: string, current: boolean][] = [
      ['2026-11-28', '2026-11-28T23:30:00Z', false], // 23:30 UTC is 28 Nov in the UK in winter: still the last day
      ['2026-11-28', '2026-11-29T00:00:01Z', true],
      ['2026-11-28T00:00:00Z', '2026-11-28T12:00:00Z', false],
      ['2026-06-14T23:00:00Z', '2026-06-14T23:30:00Z', false], // a UK midnight on 15 June, sent as UTC
      ['2026-06-14T23:00:00Z', '2026-06-16T00:30:00+01:00', true],
      ['2026-11-28T08:00:00Z', NOW, true],
      ['2026-11-28T10:00:00Z', NOW, false],
      ['2026-11', NOW, false],
      ['2026-10', NOW, true],
      ['not a date', NOW, false],
    ];
    for (const [end, now, ended] of cases) {
      const { list, summary } = views([request({ dosageInstruction: [bounded('As directed', { boundsPeriod: { end } })] })], now);
      assert.equal(list.current.length, ended ? 0 : 1, `${end} at ${now}`);
      assert.equal(summary.headline.total, ended ? 0 : 1, `${end} at ${now} (summary)`);
    }
  });

  test('a repeat with several dosage lines ends only when all have ended', () => {
    const lines = (secondEnd: string | undefined) => [
      bounded('Two tablets a day for a week', { boundsPeriod: { end: '2026-11-07' } }),
      bounded('Then one a day', secondEnd ? { boundsPeriod: { start: '2026-11-08', end: secondEnd } } : {}),
    ];
    for (const [secondEnd, ended] of [
      [undefined, false],
      ['2026-12-31', false],
      ['2026-11-20', true],
    ] as const) {
      const { list, summary } = views([
        request({ courseOfTherapyType: { coding: [{ code: 'continuous' }] }, dosageInstruction: lines(secondEnd) }),
      ]);
      assert.equal(list.current.length, ended ? 0 : 1, String(secondEnd));
      assert.equal(summary.headline.total, ended ? 0 : 1, String(secondEnd));
      if (ended) assert.equal(list.past[0]?.courseEnded, '20-Nov-2026');
    }
  });

  test('a statement whose period has ended says when its course ended', () => {
    const taken = views([statement({ effectivePeriod: { start: '2026-11-01', end: '2026-11-10' } })]);
    assert.deepEqual(
      taken.list.past.map((row) => row.courseEnded),
      ['10-Nov-2026'],
    );
    assert.equal(taken.summary.headline.total, 0);
  });

  test('a stopped medicine is not said to have run its course', () => {
    const { list } = views([
      request({ status: 'stopped', dosageInstruction: [bounded('As directed', { boundsPeriod: { end: '2026-11-07' } })] }),
    ]);
    assert.deepEqual(
      list.past.map((row) => [row.status, row.courseEnded]),
      [['stopped', undefined]],
    );
  });
});

describe('medicines: a lone GP statement is neither repeat nor acute unless the data says', () => {
  test('reported: a community statement with an end to come is "Not known" in the list and neither repeat nor acute in the summary', () => {
    for (const fields of [
      { effectivePeriod: { start: '2026-11-01', end: '2026-12-31' } },
      { basedOn: [{ reference: 'MedicationRequest/not-sent' }] },
      {},
    ]) {
      const { list, summary } = views([statement(fields)]);
      assert.deepEqual(
        list.current.map((row) => row.type),
        ['Not known'],
      );
      assert.deepEqual([summary.headline.repeat, summary.headline.acute, summary.headline.other], [0, 0, 1], JSON.stringify(fields));
    }
  });
});

describe('medicines: an active entry governs what a medicine reads', () => {
  test('reported: the GP has it active and a draft entry of it exists: it reads "Current", not "Not started yet"', () => {
    for (const draft of [request({ id: 'mr-2', status: 'draft' }), statement({ id: 'ms-2', status: 'intended' })]) {
      const { list, summary } = views([request({ intent: 'plan' }), draft], NOW, 'resident');
      assert.deepEqual(
        list.current.map((row) => row.statusLabel),
        ['Current'],
      );
      assert.deepEqual(
        summary.items.map((item) => item.statusLabel),
        [undefined],
      );
    }
  });

  test('with nothing active, a draft reads as what it is', () => {
    const { list, summary } = views([request({ status: 'draft' })], NOW, 'resident');
    assert.deepEqual(
      list.current.map((row) => row.statusLabel),
      ['Not started yet'],
    );
    assert.deepEqual(
      summary.items.map((item) => item.statusLabel),
      ['Not started yet'],
    );
  });
});
