import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ageAt, formatAge, formatAgeAtDeath, type Age } from '../../src/format/index.js';

interface Case {
  name: string;
  birth: string;
  at: string | Date;
  expected: string;
}

describe('formatAge', () => {
  const cases: Case[] = [
    // Birth with a time: minutes under 2 hours, hours under 2 days.
    { name: 'just born', birth: '2026-11-28T09:15:00Z', at: '2026-11-28T09:15:00Z', expected: '0min' },
    { name: '45 minutes old', birth: '2026-11-28T09:15:00Z', at: '2026-11-28T10:00:00Z', expected: '45min' },
    { name: 'one minute short of 2 hours', birth: '2026-11-28T09:15:00Z', at: '2026-11-28T11:14:59Z', expected: '119min' },
    { name: '2 hours old', birth: '2026-11-28T09:15:00Z', at: '2026-11-28T11:15:00Z', expected: '2h' },
    { name: '1 day old', birth: '2026-11-28T09:15:00Z', at: '2026-11-29T09:15:00Z', expected: '24h' },
    { name: 'one hour short of 2 days', birth: '2026-11-28T09:15:00Z', at: '2026-11-30T08:15:00Z', expected: '47h' },
    { name: '2 days old', birth: '2026-11-28T09:15:00Z', at: '2026-11-30T09:15:00Z', expected: '2d' },
    { name: 'Date object for now', birth: '2026-11-28T09:15:00Z', at: new Date(Date.UTC(2026, 10, 28, 10, 45)), expected: '90min' },
    { name: 'hours across the start of BST', birth: '2026-03-29T00:30:00Z', at: '2026-03-29T03:30:00+01:00', expected: '2h' },
    { name: 'birth offset honoured', birth: '2026-07-01T10:00:00+01:00', at: '2026-07-01T09:30:00Z', expected: '30min' },
    // Birth date only: no minutes or hours.
    { name: 'date only, born today', birth: '2026-11-28', at: '2026-11-28T23:59:00Z', expected: '0d' },
    { name: 'date only, born yesterday', birth: '2026-11-28', at: '2026-11-29T00:01:00Z', expected: '1d' },
    { name: 'date only, now in BST late evening UTC', birth: '2026-07-01', at: '2026-07-01T23:30:00Z', expected: '1d' },
    { name: 'date only, date-only moment', birth: '2026-11-28', at: '2026-11-29', expected: '1d' },
    { name: 'birth time known, moment a date', birth: '2026-11-28T09:15:00Z', at: '2026-11-29', expected: '1d' },
    // Days under 4 weeks, then weeks and days under a year.
    { name: '3 weeks old', birth: '2026-01-01', at: '2026-01-22', expected: '21d' },
    { name: '27 days old', birth: '2026-01-01', at: '2026-01-28', expected: '27d' },
    { name: '4 weeks old', birth: '2026-01-01', at: '2026-01-29', expected: '4w 0d' },
    { name: '4 weeks 1 day old', birth: '2026-01-01', at: '2026-01-30', expected: '4w 1d' },
    { name: 'day before the first birthday', birth: '2025-01-01', at: '2025-12-31', expected: '52w 0d' },
    // Months and days under 2 years.
    { name: 'first birthday', birth: '2025-01-01', at: '2026-01-01', expected: '12m 0d' },
    { name: '13 months 8 days', birth: '2025-01-01', at: '2026-02-09', expected: '13m 8d' },
    { name: 'day before the second birthday', birth: '2024-01-31', at: '2026-01-30', expected: '23m 30d' },
    // Years and months under 18, then years.
    { name: 'second birthday', birth: '2024-01-31', at: '2026-01-31', expected: '2y 0m' },
    { name: '4 years 1 month', birth: '2020-01-15', at: '2024-02-15', expected: '4y 1m' },
    { name: 'day before the 18th birthday', birth: '2008-04-05', at: '2026-04-04', expected: '17y 11m' },
    { name: '18th birthday today', birth: '2008-04-05', at: '2026-04-05', expected: '18y' },
    { name: '61 years', birth: '1964-05-01', at: '2026-01-01', expected: '61y' },
    { name: 'day before a birthday', birth: '1964-05-01', at: '2026-04-30', expected: '61y' },
    { name: 'birthday today', birth: '1964-05-01', at: '2026-05-01', expected: '62y' },
    {
      name: 'birthday counts from the start of the day',
      birth: '1964-05-01T23:59:00+01:00',
      at: '2026-05-01T00:01:00+01:00',
      expected: '62y',
    },
    // Born 29 February: UK convention, the birthday in a common year is 1 March.
    { name: 'leap-day birth on 28 Feb of a common year', birth: '2020-02-29', at: '2025-02-28', expected: '4y 11m' },
    { name: 'leap-day birth on 1 Mar of a common year', birth: '2020-02-29', at: '2025-03-01', expected: '5y 0m' },
    { name: 'leap-day birth on 29 Feb of a leap year', birth: '2020-02-29', at: '2024-02-29', expected: '4y 0m' },
    { name: 'leap-day baby on 28 Feb, one year on', birth: '2020-02-29', at: '2021-02-28', expected: '52w 1d' },
    { name: 'leap-day baby on 1 Mar, one year on', birth: '2020-02-29', at: '2021-03-01', expected: '12m 0d' },
    { name: 'leap-day birth, not 18 on 28 Feb', birth: '2008-02-29', at: '2026-02-28', expected: '17y 11m' },
    { name: 'leap-day birth, 18 on 1 Mar', birth: '2008-02-29', at: '2026-03-01', expected: '18y' },
    // Month-end births: a missing day rolls to the 1st of the next month.
    { name: '31 Jan birth on 28 Feb', birth: '2026-01-31', at: '2026-02-28', expected: '4w 0d' },
    { name: '31 Jan birth on 28 Feb a year on', birth: '2025-01-31', at: '2026-02-28', expected: '12m 28d' },
    { name: '31 Jan birth on 1 Mar a year on', birth: '2025-01-31', at: '2026-03-01', expected: '13m 0d' },
    { name: '31 Jan birth on 30 Mar a year on', birth: '2025-01-31', at: '2026-03-30', expected: '13m 29d' },
    { name: '31 Jan birth on 31 Mar a year on', birth: '2025-01-31', at: '2026-03-31', expected: '14m 0d' },
    { name: '31 Aug birth on 30 Sep', birth: '2020-08-31', at: '2024-09-30', expected: '4y 0m' },
    { name: '31 Aug birth on 1 Oct', birth: '2020-08-31', at: '2024-10-01', expected: '4y 1m' },
    // Nothing to show.
    { name: 'future birth date', birth: '2027-01-01', at: '2026-01-01', expected: 'Not known' },
    { name: 'birth later the same day', birth: '2026-11-28T10:00:00Z', at: '2026-11-28T09:00:00Z', expected: 'Not known' },
    { name: 'unreadable birth date', birth: 'last Tuesday', at: '2026-01-01', expected: 'Not known' },
    { name: 'empty birth date', birth: '', at: '2026-01-01', expected: 'Not known' },
    { name: 'impossible birth date', birth: '2021-02-29', at: '2026-01-01', expected: 'Not known' },
    { name: 'birth year only', birth: '1964', at: '2026-01-01', expected: 'Not known' },
    { name: 'birth month only', birth: '1964-05', at: '2026-01-01', expected: 'Not known' },
    { name: 'unreadable moment', birth: '1964-05-01', at: 'now', expected: 'Not known' },
    { name: 'Invalid Date moment', birth: '1964-05-01', at: new Date(Number.NaN), expected: 'Not known' },
  ];
  for (const { name, birth, at, expected } of cases) {
    test(name, () => assert.equal(formatAge(birth, at), expected));
  }

  test('defaults to now', () => {
    // A 1 January birthday is always behind us, and January is GMT, so the UTC year is the UK year.
    assert.equal(formatAge('1900-01-01'), `${new Date().getUTCFullYear() - 1900}y`);
  });
});

describe('formatAgeAtDeath', () => {
  const cases: { name: string; birth: string; death: string | Date; expected: string }[] = [
    { name: 'died the day before a birthday', birth: '1940-06-15', death: '2001-06-14', expected: '60y' },
    { name: 'died on a birthday', birth: '1940-06-15', death: '2001-06-15T08:00:00+01:00', expected: '61y' },
    { name: 'child', birth: '2019-03-10', death: new Date(Date.UTC(2023, 4, 20, 12)), expected: '4y 2m' },
    { name: 'newborn', birth: '2026-11-28T09:15:00Z', death: '2026-11-28T10:00:00Z', expected: '45min' },
    { name: 'death recorded before birth', birth: '1940-06-15', death: '1939-01-01', expected: 'Not known' },
    { name: 'death year only', birth: '1940-06-15', death: '2001', expected: 'Not known' },
  ];
  for (const { name, birth, death, expected } of cases) {
    test(name, () => assert.equal(formatAgeAtDeath(birth, death), expected));
  }
});

describe('ageAt', () => {
  const cases: { name: string; birth: string; at: string; expected: Age | undefined }[] = [
    {
      name: 'calendar parts from dates',
      birth: '2025-01-01',
      at: '2026-02-09',
      expected: { years: 1, months: 1, days: 8, totalDays: 404 },
    },
    {
      name: 'minutes when both carry a time',
      birth: '2026-11-28T09:15:00Z',
      at: '2026-11-29T10:20:30Z',
      expected: { years: 0, months: 0, days: 1, totalDays: 1, totalMinutes: 1505 },
    },
    {
      name: 'leap-day birth on 28 Feb of a common year',
      birth: '2020-02-29',
      at: '2025-02-28',
      expected: { years: 4, months: 11, days: 30, totalDays: 1826 },
    },
    { name: 'future birth', birth: '2030-01-01', at: '2026-01-01', expected: undefined },
  ];
  for (const { name, birth, at, expected } of cases) {
    test(name, () => assert.deepEqual(ageAt(birth, at), expected));
  }
});
