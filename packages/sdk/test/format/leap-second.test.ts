/**
 * FHIR's dateTime allows a leap second (`23:59:60`, as 31-Dec-2016 had): it is
 * the last second of the minute written, on the day written. It was read as
 * the start of that day (`31-Dec-2016 00:00`), a day out of place in a
 * timeline and a time that never happened.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import { formatClinicalDateTime, formatResidentDateTime } from '../../src/index.js';
import { seedOr } from '../record/property-runs.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number): string => String(value).padStart(2, '0');

describe('a leap second is in the minute it was written in', () => {
  test('reported: 31-Dec-2016 23:59:60 UTC reads 31-Dec-2016 23:59, not 00:00', () => {
    assert.equal(formatClinicalDateTime('2016-12-31T23:59:60Z'), '31-Dec-2016 23:59');
    assert.equal(formatResidentDateTime('2016-12-31T23:59:60Z'), '31 December 2016, 11:59pm');
  });

  // UTC in winter months (GMT since 1972), any second including 60, with or without a fraction: the wall clock written.
  test('property: a winter UTC time shows the day, hour and minute written, whatever its second', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1973, max: 2099 }),
        fc.constantFrom(1, 2, 11, 12),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
        (year, month, day, hour, minute, second, fraction) => {
          const written = `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${
            fraction === undefined ? '' : `.${String(fraction).padStart(3, '0')}`
          }Z`;
          const expected = `${two(day)}-${MONTHS[month - 1]}-${year} ${two(hour)}:${two(minute)}`;
          assert.equal(formatClinicalDateTime(written), expected, written);
        },
      ),
      { seed: seedOr(20261207), numRuns: 2000 },
    );
  });
});
