/**
 * The banner shows who the patient is now: the current NHS number, name and
 * address, never an old, ended or not-yet-started one while a current one
 * exists, and never one of two conflicting NHS numbers in silence. Each fault
 * has its reported case and a test of the whole class (a matrix or a
 * property).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Patient } from '../../src/fhir.js';
import { formatNhsNumber, isValidNhsNumber, selectOfficialName, selectPreferredName, type HumanNameLike } from '../../src/format/index.js';
import { bannerViewModel, type AllergyState, type BannerViewModel } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const NOW = '2026-11-28T09:00:00Z';
const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const RUNS = 300;
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

function banner(overrides: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician'): BannerViewModel {
  const patient = {
    resourceType: 'Patient',
    id: 'pat-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    name: [{ use: 'official', family: 'Smith', given: ['John'] }],
    birthDate: '1960-05-01',
    identifier: [{ system: NHS, value: '9434765919' }],
    ...overrides,
  } as unknown as Patient;
  return bannerViewModel(patient, { audience, now: NOW, organizations: new Map(), allergies: notRecorded });
}

const shownNhsNumber = (model: BannerViewModel): string | undefined =>
  typeof model.nhsNumber === 'string' ? undefined : model.nhsNumber.conflict ? undefined : model.nhsNumber.formatted.replace(/\s/g, '');

// Valid NHS numbers (check digit) and invalid ones, test range and others.
const VALID = ['9434765919', '4010232137', '9990000018', '9990000026'];
const INVALID = ['9434765918', '4010232138', '1234567890'];

describe('banner: the current NHS number', () => {
  test('reported: an old invalid number listed first is not shown; the current one is', () => {
    const model = banner({
      identifier: [
        { system: NHS, value: '9434765918', use: 'old' },
        { system: NHS, value: '9434765919' },
      ],
    });
    assert.deepEqual(model.nhsNumber, { formatted: '943 476 5919', valid: true });
    assert.deepEqual(model.safetyIssues, []);
  });

  const matrix: { name: string; identifier: Record<string, unknown>[]; shown: string | 'conflict' | undefined }[] = [
    {
      name: 'ended period',
      identifier: [{ value: '4010232137', period: { end: '2010-01-01' } }, { value: '9434765919' }],
      shown: '9434765919',
    },
    {
      name: 'starts in the future',
      identifier: [{ value: '4010232137', period: { start: '2027-01-01' } }, { value: '9434765919' }],
      shown: '9434765919',
    },
    {
      name: 'started and not ended',
      identifier: [{ value: '9434765919', period: { start: '2000-01-01', end: '2030-01-01' } }],
      shown: '9434765919',
    },
    { name: 'a valid one over an invalid one', identifier: [{ value: '9434765918' }, { value: '9434765919' }], shown: '9434765919' },
    {
      name: 'the same number twice',
      identifier: [{ value: '9434765919', use: 'official' }, { value: '943 476 5919' }],
      shown: '9434765919',
    },
    {
      name: 'official over secondary, both the same',
      identifier: [
        { value: '9434765919', use: 'secondary' },
        { value: '9434765919', use: 'official' },
      ],
      shown: '9434765919',
    },
    { name: 'two different valid current numbers', identifier: [{ value: '9434765919' }, { value: '4010232137' }], shown: 'conflict' },
    {
      name: 'two different valid numbers, one official',
      identifier: [
        { value: '9434765919', use: 'official' },
        { value: '4010232137', use: 'usual' },
      ],
      shown: 'conflict',
    },
    { name: 'only an old one', identifier: [{ value: '9434765919', use: 'old' }], shown: undefined },
    { name: 'only an invalid current one', identifier: [{ value: '9434765918' }], shown: '9434765918' },
  ];
  for (const { name, identifier, shown } of matrix) {
    test(name, () => {
      const model = banner({ identifier: identifier.map((item) => ({ system: NHS, ...item })) });
      if (shown === 'conflict') {
        assert.notEqual(model.nhsNumber, 'Not known');
        assert.equal(typeof model.nhsNumber === 'object' && model.nhsNumber.conflict, true);
        assert.equal(shownNhsNumber(model), undefined);
        for (const value of VALID) assert.ok(!JSON.stringify(model.nhsNumber).includes(value), 'neither number is shown');
        assert.equal(model.safetyIssues.length, 1);
        assert.equal(model.safetyIssues[0]!.code, 'identity-conflict');
        assert.equal(model.safetyIssues[0]!.resourceType, 'Patient');
      } else if (shown === undefined) assert.equal(model.nhsNumber, 'Not known');
      else {
        assert.equal(shownNhsNumber(model), shown);
        assert.deepEqual(
          model.safetyIssues.filter((issue) => issue.code === 'identity-conflict'),
          [],
          'no identity conflict (banner-warnings-listed.test.ts checks every other warning)',
        );
      }
    });
  }

  test('property: an old, ended or future number is never shown while a current one exists; two current valid numbers are a conflict, a temporary one only without a lasting one', () => {
    const identifier = fc.record({
      value: fc.constantFrom(...VALID, ...INVALID),
      use: fc.option(fc.constantFrom('official', 'usual', 'secondary', 'temp', 'old'), { nil: undefined }),
      start: fc.option(fc.constantFrom('2000-01-01', '2026-11-28', '2027-01-01'), { nil: undefined }),
      end: fc.option(fc.constantFrom('2010-01-01', '2026-11-27', '2026-11-28', '2030-01-01'), { nil: undefined }),
    });
    const isCurrent = (item: { use?: string | undefined; start?: string | undefined; end?: string | undefined }) =>
      item.use !== 'old' && !(item.start && item.start > '2026-11-28') && !(item.end && item.end < '2026-11-28');
    fc.assert(
      fc.property(fc.array(identifier, { minLength: 1, maxLength: 5 }), (items) => {
        const model = banner({
          identifier: items.map(({ value, use, start, end }) => ({
            system: NHS,
            value,
            ...(use ? { use } : {}),
            ...(start || end ? { period: { ...(start ? { start } : {}), ...(end ? { end } : {}) } } : {}),
          })),
        });
        const current = items.filter(isCurrent);
        // A temporary number counts only while no lasting one is valid.
        const validOf = (items: typeof current) => new Set(items.filter((item) => isValidNhsNumber(item.value)).map((item) => item.value));
        const validLasting = validOf(current.filter((item) => item.use !== 'temp'));
        const validCurrent = validLasting.size > 0 ? validLasting : validOf(current);
        const shown = shownNhsNumber(model);
        if (validCurrent.size > 1) {
          assert.equal(shown, undefined);
          assert.ok(model.safetyIssues.some((issue) => issue.code === 'identity-conflict'));
        } else if (validCurrent.size === 1) assert.equal(shown, [...validCurrent][0]);
        else if (current.length > 0) assert.ok(current.some((item) => item.value === shown));
        else assert.equal(model.nhsNumber, 'Not known');
        if (validCurrent.size <= 1) assert.ok(!model.safetyIssues.some((issue) => issue.code === 'identity-conflict'));
        if (shown !== undefined && typeof model.nhsNumber === 'object') assert.equal(model.nhsNumber.formatted, formatNhsNumber(shown));
      }),
      { numRuns: RUNS, seed: seedOr(7901) },
    );
  });
});

describe('banner: the current name', () => {
  test('reported: a maiden name listed first is not the name', () => {
    const model = banner({
      name: [
        { use: 'maiden', family: 'Brown', given: ['Jane'] },
        { family: 'Jones', given: ['Jane'] },
      ],
    });
    assert.equal(model.name, 'JONES, Jane');
  });

  test('reported: an official name that starts in the future is not shown now', () => {
    const model = banner({
      name: [
        { use: 'official', family: 'Newname', given: ['Jane'], period: { start: '2027-01-01' } },
        { use: 'official', family: 'Old', given: ['Jane'] },
      ],
    });
    assert.equal(model.name, 'OLD, Jane');
  });

  const USES = ['official', 'usual', undefined, 'nickname', 'anonymous', 'temp', 'maiden', 'old'] as const;
  /** Lower is better: official and usual, then no use, then nickname, anonymous and temp; maiden and old last. */
  const rankOf = (use: string | undefined): number =>
    use === 'official' ? 0 : use === 'usual' ? 1 : use === undefined ? 2 : use === 'maiden' || use === 'old' ? 4 : 3;

  test('property: the name shown is the best current one; never maiden, old, ended or future while another exists', () => {
    const name = fc.record({
      use: fc.constantFrom(...USES),
      family: fc.constantFrom('Adams', 'Brown', 'Clark', 'Davis', 'Evans'),
      start: fc.option(fc.constantFrom('1990-01-01', '2026-11-28', '2027-01-01'), { nil: undefined }),
      end: fc.option(fc.constantFrom('2000-01-01', '2026-11-27', '2026-11-28', '2030-01-01'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), (items) => {
        const names: HumanNameLike[] = items.map(({ use, family, start, end }) => ({
          ...(use ? { use } : {}),
          family,
          given: ['Jane'],
          ...(start || end ? { period: { ...(start ? { start } : {}), ...(end ? { end } : {}) } } : {}),
        }));
        const chosen = selectOfficialName(names, NOW);
        assert.ok(chosen !== undefined, 'some name is shown when there are names');
        const current = (item: (typeof items)[number]) =>
          item.use !== 'old' &&
          item.use !== 'maiden' &&
          !(item.start && item.start > '2026-11-28') &&
          !(item.end && item.end < '2026-11-28');
        const index = names.indexOf(chosen);
        const best = Math.min(...items.filter(current).map((item) => rankOf(item.use)));
        if (items.some(current)) {
          assert.ok(current(items[index]!), 'a current name is chosen while one exists');
          assert.equal(rankOf(items[index]!.use), best, 'and the best-ranked of them');
        }
        const preferred = selectPreferredName(names, NOW);
        if (preferred) {
          const item = items[names.indexOf(preferred)]!;
          assert.equal(item.use, 'usual');
          assert.ok(current(item), 'a preferred name is current');
        }
      }),
      { numRuns: RUNS, seed: seedOr(7902) },
    );
  });

  test('a usual name that starts in the future is not the preferred name', () => {
    const model = banner({
      name: [
        { use: 'official', family: 'Smith', given: ['Robert'] },
        { use: 'usual', given: ['Bob'], period: { start: '2027-01-01' } },
      ],
    });
    assert.equal(model.preferredName, undefined);
  });
});

describe('banner: the current address', () => {
  const cases: { name: string; address: Record<string, unknown>[]; expected: string }[] = [
    {
      name: 'reported: a home address that starts in the future is not where they live now',
      address: [
        { use: 'home', line: ['9 Future St'], period: { start: '2027-03-01' } },
        { use: 'home', line: ['1 Current St'] },
      ],
      expected: '1 Current St',
    },
    {
      name: 'reported: a postal-only address is not the address',
      address: [
        { use: 'home', type: 'postal', line: ['PO Box 2'] },
        { use: 'home', type: 'physical', line: ['3 Real St'] },
      ],
      expected: '3 Real St',
    },
    { name: 'only a billing PO box', address: [{ use: 'billing', type: 'postal', line: ['PO Box 1'] }], expected: 'Not known' },
    {
      name: 'only a future one',
      address: [{ use: 'home', line: ['9 Future St'], period: { start: '2027-03-01' } }],
      expected: 'Not known',
    },
    { name: 'both postal and physical counts', address: [{ use: 'home', type: 'both', line: ['4 Both St'] }], expected: '4 Both St' },
    {
      name: 'started this month counts',
      address: [{ use: 'home', line: ['5 New St'], period: { start: '2026-11' } }],
      expected: '5 New St',
    },
    {
      name: 'an ended home and a current temporary one',
      address: [
        { use: 'home', line: ['1 Old Road'], period: { end: '2020-01-01' } },
        { use: 'temp', line: ['2 New Road'] },
      ],
      expected: '2 New Road',
    },
  ];
  for (const { name, address, expected } of cases) test(name, () => assert.equal(banner({ address }).address, expected));

  test('property: the address shown is current, lived at (not postal-only or billing), and home when there is a current home one', () => {
    const item = fc.record({
      use: fc.option(fc.constantFrom('home', 'temp', 'work', 'billing', 'old'), { nil: undefined }),
      type: fc.option(fc.constantFrom('postal', 'physical', 'both'), { nil: undefined }),
      start: fc.option(fc.constantFrom('1990-01-01', '2027-01-01'), { nil: undefined }),
      end: fc.option(fc.constantFrom('2000-01-01', '2030-01-01'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), (items) => {
        const address = items.map(({ use, type, start, end }, index) => ({
          ...(use ? { use } : {}),
          ...(type ? { type } : {}),
          line: [`${index} Road`],
          ...(start || end ? { period: { ...(start ? { start } : {}), ...(end ? { end } : {}) } } : {}),
        }));
        const shown = banner({ address }).address;
        const usable = (entry: (typeof items)[number]) =>
          entry.use !== 'old' &&
          entry.use !== 'billing' &&
          entry.type !== 'postal' &&
          entry.start !== '2027-01-01' &&
          entry.end !== '2000-01-01';
        if (!items.some(usable)) return assert.equal(shown, 'Not known');
        const chosen = items[Number.parseInt(shown, 10)];
        assert.ok(chosen && usable(chosen), `${shown} is current and physical`);
        if (items.some((entry) => usable(entry) && entry.use === 'home')) assert.equal(chosen.use, 'home');
      }),
      { numRuns: RUNS, seed: seedOr(7903) },
    );
  });
});
