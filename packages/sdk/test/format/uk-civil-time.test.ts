/**
 * UK local time across its real history, not today's rule applied backwards:
 * British Standard Time all year from 1968 to 1971, the changeover dates of
 * the 1980s and 1990s, double summer time in the war, and today's rule. The
 * expected wall-clock times are the UK's published ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatClinicalDateTime } from '../../src/index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const cases: [instant: string, ukWallClock: string, why: string][] = [
  ['1995-10-25T12:00:00Z', '25-Oct-1995 12:00', 'summer time ended on 22 Oct 1995, not the last Sunday'],
  ['1995-10-21T12:00:00Z', '21-Oct-1995 13:00', 'still summer time the day before it ended'],
  ['1968-12-01T12:00:00Z', '01-Dec-1968 13:00', 'British Standard Time: GMT+1 all year, 1968–71'],
  ['1970-01-15T08:30:00Z', '15-Jan-1970 09:30', 'British Standard Time in January'],
  ['1972-01-15T08:30:00Z', '15-Jan-1972 08:30', 'GMT again in winter from 1972'],
  ['1981-03-29T00:59:00Z', '29-Mar-1981 00:59', 'the minute before summer time began in 1981'],
  ['1981-03-29T01:00:00Z', '29-Mar-1981 02:00', 'summer time began at 01:00 UTC'],
  ['1987-10-25T00:30:00Z', '25-Oct-1987 01:30', 'summer time in 1987 ended on 25 Oct'],
  ['1944-06-06T06:30:00Z', '06-Jun-1944 08:30', 'double summer time (GMT+2) in the war'],
  ['2026-03-29T00:59:00Z', '29-Mar-2026 00:59', 'today’s rule: the minute before the clocks go forward'],
  ['2026-03-29T01:00:00Z', '29-Mar-2026 02:00', 'today’s rule: the clocks go forward'],
  ['2026-10-25T00:59:00Z', '25-Oct-2026 01:59', 'today’s rule: the last summer minute'],
  ['2026-10-25T01:00:00Z', '25-Oct-2026 01:00', 'today’s rule: the clocks go back'],
  ['2026-07-01T23:30:00-05:00', '02-Jul-2026 05:30', 'an offset from elsewhere, moved to UK time'],
];

describe('UK local time follows the UK’s real history', () => {
  for (const [instant, expected, why] of cases) {
    test(`${instant} is ${expected} (${why})`, () => {
      assert.equal(formatClinicalDateTime(instant), expected);
    });
  }

  test('a time written without an offset is read as UK time, in summer and in winter', () => {
    assert.equal(formatClinicalDateTime('1968-12-01T09:15:00'), '01-Dec-1968 09:15');
    assert.equal(formatClinicalDateTime('2026-07-01T09:15:00'), '01-Jul-2026 09:15');
    assert.equal(formatClinicalDateTime('2026-01-01T09:15:00'), '01-Jan-2026 09:15');
  });

  test('every hour of a year that crossed both changeovers agrees with the platform’s Europe/London', () => {
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hourCycle: 'h23',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    for (const year of [1971, 1995, 2026]) {
      for (let hour = 0; hour < 366 * 24; hour += 7) {
        const instant = new Date(Date.UTC(year, 0, 1) + hour * 3_600_000 + 17 * 60_000);
        const parts = Object.fromEntries(wall.formatToParts(instant).map((part) => [part.type, part.value]));
        const month = MONTHS[Number(parts['month']) - 1];
        const expected = `${parts['day']}-${month}-${parts['year']} ${parts['hour']}:${parts['minute']}`;
        assert.equal(formatClinicalDateTime(instant.toISOString()), expected, instant.toISOString());
      }
    }
  });
});
