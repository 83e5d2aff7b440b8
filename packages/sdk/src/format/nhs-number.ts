/** Why a string is not an NHS number. */
export type NhsNumberProblem = 'empty' | 'not-ten-digits' | 'check-digit';

export type NhsNumberParseResult = { ok: true; value: string } | { ok: false; reason: NhsNumberProblem };

// Digits with at most one space or hyphen between them, as people type
// `943 476 5919`. A no-break space counts as a space: it is what a copy of a
// number kept on one line brings back.
const TYPED_DIGITS = /^\d(?:[ \u00a0-]?\d)*$/;

/** Modulus 11: digits 1-9 weighted 10 down to 2; a remainder giving 10 means no valid number. */
function hasValidCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < 9; index++) sum += (digits.charCodeAt(index) - 48) * (10 - index);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

/** Reads an NHS number as typed or pasted and normalises it to ten digits. */
export function parseNhsNumber(input: string): NhsNumberParseResult {
  const typed = input.trim();
  if (typed === '') return { ok: false, reason: 'empty' };
  const value = typed.replace(/[ \u00a0-]/g, '');
  if (!TYPED_DIGITS.test(typed) || value.length !== 10) return { ok: false, reason: 'not-ten-digits' };
  return hasValidCheckDigit(value) ? { ok: true, value } : { ok: false, reason: 'check-digit' };
}

export function isValidNhsNumber(input: string): boolean {
  return parseNhsNumber(input).ok;
}

/**
 * A valid NHS number as `943 476 5919` (3-3-4). Anything else comes back
 * trimmed and otherwise unchanged, so a wrong number is never dressed up as a
 * right one.
 */
export function formatNhsNumber(input: string): string {
  const parsed = parseNhsNumber(input);
  if (!parsed.ok) return input.trim();
  const { value } = parsed;
  return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
}

/** A valid NHS number in the 999 test range, which is never issued to a person. */
export function isTestRangeNhsNumber(input: string): boolean {
  const parsed = parseNhsNumber(input);
  return parsed.ok && parsed.value.startsWith('999');
}
