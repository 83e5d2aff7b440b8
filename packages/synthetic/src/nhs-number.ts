/**
 * NHS numbers for synthetic residents: only the 999 test range, which is
 * never issued to a person, each with a valid Modulus 11 check digit, and a
 * different number for every resident index without keeping any state.
 */
import { isTestRangeNhsNumber } from '@care-record/sdk/format';

/** Resident indexes that get a number: nine per block of ten stems, 100,000 blocks. */
export const NHS_NUMBER_CAPACITY = 900_000;

/** Modulus 11 over digits 1–9 (weights 10 down to 2); `undefined` when the stem can have no valid number. */
function checkDigit(nineDigits: string): number | undefined {
  let sum = 0;
  for (let position = 0; position < 9; position++) sum += (nineDigits.charCodeAt(position) - 48) * (10 - position);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : check;
}

/**
 * The NHS number of resident `index`. The index picks a block of ten numbers
 * `999 BBB BBx ?` (blocks spread over the range by a multiplication that is a
 * bijection modulo 100,000) and a slot among the block's valid last digits;
 * changing the ninth digit moves the check sum by twice the digit, so at most
 * one of the ten is invalid and nine slots always exist.
 */
export function nhsNumberForIndex(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= NHS_NUMBER_CAPACITY) {
    throw new RangeError(`Resident index ${index} is outside 0–${NHS_NUMBER_CAPACITY - 1}`);
  }
  const block = (Math.floor(index / 9) * 7919 + 40_213) % 100_000;
  const slot = index % 9;
  const stem = `999${String(block).padStart(5, '0')}`;
  let valid = 0;
  for (let ninth = 0; ninth <= 9; ninth++) {
    const check = checkDigit(`${stem}${ninth}`);
    if (check === undefined) continue;
    if (valid === slot) {
      const number = `${stem}${ninth}${check}`;
      if (!isTestRangeNhsNumber(number)) throw new Error(`Generated an invalid NHS number for index ${index}`);
      return number;
    }
    valid++;
  }
  throw new Error(`No NHS number slot ${slot} in block ${block}`);
}
