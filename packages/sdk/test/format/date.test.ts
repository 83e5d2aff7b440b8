import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  formatClinicalDate,
  formatClinicalDateTime,
  formatClinicalTime,
  formatResidentDate,
  type ClinicalDateInput,
} from '../../src/format/index.js';

interface Case {
  name: string;
  input: ClinicalDateInput;
  expected: string;
}

function run(format: (value: ClinicalDateInput) => string, cases: readonly Case[]): void {
  for (const { name, input, expected } of cases) {
    test(name, () => assert.equal(format(input), expected));
  }
}

const MONTHS = [
  ['01', 'Jan', 'January'],
  ['02', 'Feb', 'February'],
  ['03', 'Mar', 'March'],
  ['04', 'Apr', 'April'],
  ['05', 'May', 'May'],
  ['06', 'Jun', 'June'],
  ['07', 'Jul', 'July'],
  ['08', 'Aug', 'August'],
  ['09', 'Sep', 'September'],
  ['10', 'Oct', 'October'],
  ['11', 'Nov', 'November'],
  ['12', 'Dec', 'December'],
] as const;

const NOTHING: Case[] = [
  { name: 'null', input: null, expected: 'Not recorded' },
  { name: 'undefined', input: undefined, expected: 'Not recorded' },
  { name: 'empty string', input: '', expected: 'Not recorded' },
  { name: 'whitespace', input: '  ', expected: 'Not recorded' },
];

const UNREADABLE: Case[] = [
  { name: 'garbage', input: 'yesterday', expected: 'Not known' },
  { name: 'UK slash date', input: '05/04/2008', expected: 'Not known' },
  { name: 'unpadded month and day', input: '2008-4-5', expected: 'Not known' },
  { name: 'month 13', input: '2008-13', expected: 'Not known' },
  { name: 'month 00', input: '2008-00-10', expected: 'Not known' },
  { name: '30 February', input: '2008-02-30', expected: 'Not known' },
  { name: '29 February in a common year', input: '2023-02-29', expected: 'Not known' },
  { name: '31 April', input: '2008-04-31', expected: 'Not known' },
  { name: 'hour 24', input: '2008-04-05T24:00:00Z', expected: 'Not known' },
  { name: 'minute 60', input: '2008-04-05T12:60:00Z', expected: 'Not known' },
  { name: 'offset beyond 14 hours', input: '2008-04-05T12:00:00+15:00', expected: 'Not known' },
  { name: 'year 0000', input: '0000', expected: 'Not known' },
  { name: 'Invalid Date object', input: new Date(Number.NaN), expected: 'Not known' },
];

describe('formatClinicalDate', () => {
  run(
    formatClinicalDate,
    MONTHS.map(([number, short]) => ({
      name: `05 ${short}`,
      input: `2008-${number}-05`,
      expected: `05-${short}-2008`,
    })),
  );
  run(formatClinicalDate, [
    { name: 'double-digit day', input: '2008-04-25', expected: '25-Apr-2008' },
    { name: '29 February in a leap year', input: '2024-02-29', expected: '29-Feb-2024' },
    { name: 'partial date: year and month', input: '2008-04', expected: 'Apr-2008' },
    { name: 'partial date: year', input: '2008', expected: '2008' },
    { name: 'surrounding whitespace', input: ' 2008-04-05 ', expected: '05-Apr-2008' },
    {
      name: 'dateTime at +01:00 before BST began is the day before in London',
      input: '2026-03-29T00:30:00+01:00',
      expected: '28-Mar-2026',
    },
    { name: 'late evening UTC in summer is the next day in London', input: '2026-06-30T23:30:00Z', expected: '01-Jul-2026' },
    { name: 'late evening UTC in winter is the same day in London', input: '2026-12-31T23:30:00Z', expected: '31-Dec-2026' },
    { name: 'negative offset into the next year', input: '2025-12-31T20:00:00-05:00', expected: '01-Jan-2026' },
    { name: 'Date object in summer', input: new Date(Date.UTC(2026, 6, 1, 23, 30)), expected: '02-Jul-2026' },
    ...NOTHING,
    ...UNREADABLE,
  ]);
});

describe('formatClinicalDateTime', () => {
  run(formatClinicalDateTime, [
    { name: 'BST time with its own offset', input: '2008-04-05T14:07:00+01:00', expected: '05-Apr-2008 14:07' },
    { name: 'UTC time in summer shown in BST', input: '2008-04-05T13:07:00Z', expected: '05-Apr-2008 14:07' },
    { name: 'UTC time in winter shown as GMT', input: '2008-01-05T14:07:00Z', expected: '05-Jan-2008 14:07' },
    { name: 'seconds and fractions are not rounded up', input: '2008-04-05T14:07:59.999+01:00', expected: '05-Apr-2008 14:07' },
    { name: 'minutes-only time', input: '2008-04-05T13:07Z', expected: '05-Apr-2008 14:07' },
    { name: 'time without an offset is read as UK time', input: '2008-04-05T14:07:00', expected: '05-Apr-2008 14:07' },
    { name: 'winter time without an offset', input: '2008-01-05T09:05:00', expected: '05-Jan-2008 09:05' },
    { name: 'India offset', input: '2026-01-15T05:30:00+05:30', expected: '15-Jan-2026 00:00' },
    // 2026: BST from 01:00 UTC on 29 March to 01:00 UTC on 25 October.
    { name: 'spring: last GMT hour', input: '2026-03-29T00:30:00Z', expected: '29-Mar-2026 00:30' },
    { name: 'spring: last GMT minute', input: '2026-03-29T00:59:59Z', expected: '29-Mar-2026 00:59' },
    { name: 'spring: BST begins at 01:00 UTC', input: '2026-03-29T01:00:00Z', expected: '29-Mar-2026 02:00' },
    { name: 'spring: first BST hour', input: '2026-03-29T01:30:00Z', expected: '29-Mar-2026 02:30' },
    { name: 'spring: day before', input: '2026-03-28T23:30:00Z', expected: '28-Mar-2026 23:30' },
    { name: 'autumn: evening before is BST', input: '2026-10-24T23:30:00Z', expected: '25-Oct-2026 00:30' },
    { name: 'autumn: first 01:30 (BST)', input: '2026-10-25T00:30:00Z', expected: '25-Oct-2026 01:30' },
    { name: 'autumn: last BST minute', input: '2026-10-25T00:59:00Z', expected: '25-Oct-2026 01:59' },
    { name: 'autumn: GMT resumes at 01:00 UTC', input: '2026-10-25T01:00:00Z', expected: '25-Oct-2026 01:00' },
    { name: 'autumn: second 01:30 (GMT)', input: '2026-10-25T01:30:00Z', expected: '25-Oct-2026 01:30' },
    { name: 'autumn: BST offset given for the second 01:30', input: '2026-10-25T02:30:00+01:00', expected: '25-Oct-2026 01:30' },
    { name: 'last Sunday is the 31st (2024 spring)', input: '2024-03-31T01:00:00Z', expected: '31-Mar-2024 02:00' },
    { name: 'day before the 31st is still GMT (2024)', input: '2024-03-24T01:00:00Z', expected: '24-Mar-2024 01:00' },
    { name: 'last Sunday is the 31st (2027 autumn)', input: '2027-10-31T00:59:00Z', expected: '31-Oct-2027 01:59' },
    { name: 'GMT after 31 October 2027 change', input: '2027-10-31T01:00:00Z', expected: '31-Oct-2027 01:00' },
    { name: 'Date object', input: new Date(Date.UTC(2025, 7, 6, 8, 5)), expected: '06-Aug-2025 09:05' },
    { name: 'date only shows no time', input: '2008-04-05', expected: '05-Apr-2008' },
    { name: 'partial date only shows no time', input: '2008-04', expected: 'Apr-2008' },
    ...NOTHING,
    ...UNREADABLE,
  ]);
});

describe('formatClinicalTime', () => {
  run(formatClinicalTime, [
    { name: '24-hour afternoon', input: '2008-04-05T14:07:00+01:00', expected: '14:07' },
    { name: 'leading zeros', input: '2008-01-05T09:05:00Z', expected: '09:05' },
    { name: 'midnight', input: '2008-01-05T00:00:00Z', expected: '00:00' },
    { name: 'BST from UTC', input: '2026-03-29T01:30:00Z', expected: '02:30' },
    { name: 'GMT before the spring change', input: '2026-03-29T00:30:00Z', expected: '00:30' },
    { name: 'GMT after the autumn change', input: '2026-10-25T01:30:00Z', expected: '01:30' },
    { name: 'date with no time', input: '2008-04-05', expected: 'Not recorded' },
    ...NOTHING,
    ...UNREADABLE,
  ]);
});

describe('formatResidentDate', () => {
  run(
    formatResidentDate,
    MONTHS.map(([number, , long]) => ({ name: `6 ${long}`, input: `2018-${number}-06`, expected: `6 ${long} 2018` })),
  );
  run(formatResidentDate, [
    { name: 'double-digit day', input: '2018-08-16', expected: '16 August 2018' },
    { name: 'partial date: year and month', input: '2018-08', expected: 'August 2018' },
    { name: 'partial date: year', input: '2018', expected: '2018' },
    { name: 'dateTime late UTC evening in summer', input: '2018-08-05T23:30:00Z', expected: '6 August 2018' },
    { name: 'Date object', input: new Date(Date.UTC(2018, 7, 6, 12)), expected: '6 August 2018' },
    ...NOTHING,
    ...UNREADABLE,
  ]);
});
