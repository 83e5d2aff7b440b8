/**
 * What residents really type into the reading form: digits from their phone's
 * own script, both blood pressure numbers in one box, stones in the kilograms
 * box, invisible characters pasted into a name, and a reading that is far more
 * likely a slip than a pressure (300/20). Each is understood, or gets one clear
 * message; an unusual reading is never refused, only checked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  DIASTOLIC_LIMITS,
  SYSTOLIC_LIMITS,
  tidyTypedText,
  UNUSUAL_PULSE_PRESSURE,
  validateEntry,
  type EntryInput,
  type ValidationResult,
} from '../../src/index.js';

const now = Date.parse('2026-12-06T09:00:00Z');
const date = { day: '5', month: '12', year: '2026' };
const check = (input: EntryInput): ValidationResult => validateEntry(input, { now, birthDate: '1950-02-01' });
const messages = (result: ValidationResult) => (result.ok ? [] : result.errors.map((error) => `${error.field}: ${error.message}`));

describe('an unusual blood pressure', () => {
  test('the reported case: 300/20 is checked with the resident, then shared as typed', () => {
    assert.deepEqual(messages(check({ kind: 'blood-pressure', systolic: '300', diastolic: '20', date })), [
      'confirmed: Check your reading: 300/20 is very unusual. If it is what your monitor shows, tick the box to say so',
    ]);
    const confirmed = check({ kind: 'blood-pressure', systolic: '300', diastolic: '20', date, confirmed: true });
    assert.ok(confirmed.ok);
    assert.deepEqual(confirmed.entry, { kind: 'blood-pressure', systolic: 300, diastolic: 20, measured: '2026-12-05' });
  });

  test('every reading in range: asked to check exactly when the gap is unusual, and never refused once confirmed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: SYSTOLIC_LIMITS.low, max: SYSTOLIC_LIMITS.high }),
        fc.integer({ min: DIASTOLIC_LIMITS.low, max: DIASTOLIC_LIMITS.high }),
        (systolic, diastolic) => {
          fc.pre(systolic > diastolic);
          const gap = systolic - diastolic;
          const unusual = gap < UNUSUAL_PULSE_PRESSURE.low || gap > UNUSUAL_PULSE_PRESSURE.high;
          const typed = { kind: 'blood-pressure' as const, systolic: String(systolic), diastolic: String(diastolic), date };
          const first = check(typed);
          assert.equal(first.ok, !unusual);
          if (!first.ok)
            assert.deepEqual(
              first.errors.map((error) => error.field),
              ['confirmed'],
            );
          assert.equal(check({ ...typed, confirmed: true }).ok, true);
        },
      ),
      { numRuns: 2_000, seed: 61206 },
    );
  });

  test('both numbers in the first box, as a monitor shows them, are read as both', () => {
    for (const typed of ['120/80', ' 120 / 80 ', '１２０／８０'])
      assert.deepEqual(check({ kind: 'blood-pressure', systolic: typed, diastolic: '', date }), {
        ok: true,
        entry: { kind: 'blood-pressure', systolic: 120, diastolic: 80, measured: '2026-12-05' },
      });
    // Something in the second box already: the first is read as typed, and said to be wrong.
    assert.deepEqual(messages(check({ kind: 'blood-pressure', systolic: '120/80', diastolic: '80', date })), [
      'systolic: Systolic must be a whole number, like 120',
    ]);
  });
});

/** The digits of a number in another script: each script's zero, then nine more. */
const SCRIPTS = { ascii: 0x30, arabicIndic: 0x660, extendedArabicIndic: 0x6f0, devanagari: 0x966, bengali: 0x9e6, fullWidth: 0xff10 };
const inScript = (text: string, zero: number) => text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));

describe('digits from a phone keyboard in another script', () => {
  test('a weight, a blood pressure and a date typed in any script read as the same entry', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(SCRIPTS)),
        fc.integer({ min: 5, max: 3999 }),
        fc.integer({ min: 90, max: 180 }),
        fc.integer({ min: 50, max: 89 }),
        fc.integer({ min: 1, max: 5 }),
        (zero, tenths, systolic, diastolic, day) => {
          const kilograms = (tenths / 10).toFixed(1);
          const when = { day: String(day), month: '12', year: '2026' };
          const script = (text: string) => inScript(text, zero);
          const asTyped = { day: script(when.day), month: script(when.month), year: script(when.year) };
          assert.deepEqual(
            check({ kind: 'weight', kilograms: script(kilograms), date: asTyped, time: script('8:30') }),
            check({ kind: 'weight', kilograms, date: when, time: '8:30' }),
          );
          assert.deepEqual(
            check({ kind: 'blood-pressure', systolic: script(String(systolic)), diastolic: script(String(diastolic)), date: asTyped }),
            check({ kind: 'blood-pressure', systolic: String(systolic), diastolic: String(diastolic), date: when }),
          );
        },
      ),
      { numRuns: 500, seed: 61206 },
    );
  });
});

describe('stones and pounds typed into the kilograms box', () => {
  for (const typed of ['11st 4lb', '11 stone', '11 stones 4 pounds', '160 lbs', '160lb'])
    test(`"${typed}" says how to enter stones and pounds`, () => {
      assert.deepEqual(messages(check({ kind: 'weight', kilograms: typed, date })), [
        'kilograms: Enter your weight in kilograms, like 72.5, or choose stones and pounds to enter it that way',
      ]);
    });
});

describe('invisible characters in what is typed', () => {
  const invisible = fc.constantFrom(
    '\u0000',
    '\u0007',
    '\u200b',
    '\u2060',
    '\ufeff',
    '\u202e',
    '\u202d',
    '\u2066',
    '\u2069',
    '\u200e',
    '\u061c',
  );
  test('never reach the record, and a name of nothing else is no name', () => {
    fc.assert(
      fc.property(fc.array(invisible, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 20 }), (extra, at) => {
        const name = 'Paracetamol 500mg tablets';
        const position = Math.min(at, name.length);
        const typed = name.slice(0, position) + extra.join('') + name.slice(position);
        assert.deepEqual(check({ kind: 'medicine', name: typed, dose: extra.join('') + 'Two at night' }), {
          ok: true,
          entry: { kind: 'medicine', name, dose: 'Two at night' },
        });
        assert.deepEqual(messages(check({ kind: 'medicine', name: extra.join('') })), ['name: Enter the name of the medicine']);
      }),
      { numRuns: 500, seed: 61206 },
    );
  });

  test('the joiners that scripts and emoji need are kept', () => {
    assert.equal(tidyTypedText('می\u200cخواهم'), 'می\u200cخواهم');
    assert.equal(tidyTypedText('👨\u200d👩\u200d👧'), '👨\u200d👩\u200d👧');
  });
});
