import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  formatNhsNumber,
  isTestRangeNhsNumber,
  isValidNhsNumber,
  parseNhsNumber,
  type NhsNumberParseResult,
} from '../../src/format/index.js';

// 943 476 5919: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299;
// 299 mod 11 = 2; 11 − 2 = 9.
const NHS_EXAMPLE = '9434765919';
// 999 000 005?: 9×10 + 9×9 + 9×8 + 5×2 = 253 = 11 × 23, so 11 − 0 = 11, which means 0.
const CHECK_ELEVEN_IS_ZERO = '9990000050';
// 999 000 000?: 9×10 + 9×9 + 9×8 = 243; 243 mod 11 = 1; 11 − 1 = 10: no tenth digit is valid.
const CHECK_TEN_PREFIX = '999000000';

describe('isValidNhsNumber', () => {
  const cases: { name: string; input: string; expected: boolean }[] = [
    { name: 'ten digits with the right check digit', input: NHS_EXAMPLE, expected: true },
    { name: 'check digit 11 read as 0', input: CHECK_ELEVEN_IS_ZERO, expected: true },
    { name: 'check digit 11 with a tenth digit other than 0', input: '9990000051', expected: false },
    { name: 'another test-range number', input: '9990000018', expected: true },
    { name: 'wrong check digit', input: '9434765918', expected: false },
    { name: 'two digits swapped', input: '9434765991', expected: false },
    { name: 'spaced 3-3-4', input: '943 476 5919', expected: true },
    { name: 'surrounding whitespace', input: '  943 476 5919\t\n', expected: true },
    { name: 'hyphenated', input: '943-476-5919', expected: true },
    { name: 'mixed single separators', input: '943-476 5919', expected: true },
    { name: 'no-break spaces from a copied banner', input: '943\u00a0476\u00a05919', expected: true },
    { name: 'double internal space', input: '943  476 5919', expected: false },
    { name: 'double hyphen', input: '943--476-5919', expected: false },
    { name: 'leading hyphen', input: '-9434765919', expected: false },
    { name: 'trailing hyphen', input: '9434765919-', expected: false },
    { name: 'letter in place of a digit', input: '943 476 591A', expected: false },
    { name: 'letter before the digits', input: 'A9434765919', expected: false },
    { name: 'letter O for zero', input: '999000005O', expected: false },
    { name: 'dot separators', input: '943.476.5919', expected: false },
    { name: 'full-width digits', input: '９４３４７６５９１９', expected: false },
    { name: 'nine digits', input: '943476591', expected: false },
    { name: 'eleven digits', input: '94347659190', expected: false },
    { name: 'empty', input: '', expected: false },
    { name: 'whitespace only', input: '   ', expected: false },
    { name: 'all zeros (sum 0, check 0)', input: '0000000000', expected: true },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => assert.equal(isValidNhsNumber(input), expected));
  }

  for (let last = 0; last <= 9; last++) {
    const input = `${CHECK_TEN_PREFIX}${last}`;
    test(`check digit 10 makes ${input} invalid`, () => {
      assert.deepEqual(parseNhsNumber(input), { ok: false, reason: 'check-digit' });
    });
  }
});

describe('parseNhsNumber', () => {
  const cases: { name: string; input: string; expected: NhsNumberParseResult }[] = [
    { name: 'normalises spaces', input: ' 943 476 5919 ', expected: { ok: true, value: NHS_EXAMPLE } },
    { name: 'normalises hyphens', input: '999-000-0050', expected: { ok: true, value: CHECK_ELEVEN_IS_ZERO } },
    { name: 'empty', input: '', expected: { ok: false, reason: 'empty' } },
    { name: 'whitespace only', input: ' \t ', expected: { ok: false, reason: 'empty' } },
    { name: 'nine digits', input: '943 476 591', expected: { ok: false, reason: 'not-ten-digits' } },
    { name: 'eleven digits', input: '943 476 59190', expected: { ok: false, reason: 'not-ten-digits' } },
    { name: 'letters', input: '943 476 591X', expected: { ok: false, reason: 'not-ten-digits' } },
    { name: 'double space', input: '943  476 5919', expected: { ok: false, reason: 'not-ten-digits' } },
    { name: 'wrong check digit', input: '943 476 5910', expected: { ok: false, reason: 'check-digit' } },
    { name: 'check digit 10', input: '999 000 0000', expected: { ok: false, reason: 'check-digit' } },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => assert.deepEqual(parseNhsNumber(input), expected));
  }
});

describe('formatNhsNumber', () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: 'ten digits as 3-3-4', input: NHS_EXAMPLE, expected: '943 476 5919' },
    { name: 'hyphens become spaces', input: '943-476-5919', expected: '943 476 5919' },
    { name: 'odd spacing regrouped', input: ' 9434 765 919 ', expected: '943 476 5919' },
    { name: 'invalid check digit left as typed', input: ' 9434765918 ', expected: '9434765918' },
    { name: 'nine digits left as typed', input: '943 476 591', expected: '943 476 591' },
    { name: 'letters left as typed', input: '943-476-591A', expected: '943-476-591A' },
    { name: 'empty stays empty', input: '', expected: '' },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => assert.equal(formatNhsNumber(input), expected));
  }
});

describe('isTestRangeNhsNumber', () => {
  const cases: { name: string; input: string; expected: boolean }[] = [
    { name: 'valid 999 number', input: '999 000 0050', expected: true },
    { name: 'valid number outside the range', input: NHS_EXAMPLE, expected: false },
    { name: '999 number with a bad check digit', input: '9990000000', expected: false },
    { name: '999 with too few digits', input: '999 000 005', expected: false },
    { name: 'empty', input: '', expected: false },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => assert.equal(isTestRangeNhsNumber(input), expected));
  }
});
