/**
 * The name of a mental health service is read however a source writes it (docs/access-policy.md R12): any run of
 * non-letters between its words — spaces, a non-breaking space, line breaks, hyphens, dashes, underscores, slashes,
 * digits, punctuation — gives the same decision as a single space, in any case, among other words, in every element
 * that names the service and in the directory's organisations; and its words inside a longer word ("Fundamental
 * healthcare", "xCAMHS") do not count. Nor may the SDK show as a mental health setting an organisation the hub does
 * not withhold as one (`record/care-setting.ts` names settings by narrower words than the hub's).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { careSettingOf } from '../../sdk/src/record/care-setting.js';
import { isMentalHealthOrganization, isMentalHealthService } from '../src/policy/mental-health.js';
import { labelsOf } from '../src/policy/visibility.js';
import { anyCase } from './support/any-case.js';
import { ELEMENTS } from './support/mental-health-names.js';
import { recordItem } from './support/policy-fixtures.js';

type Json = Record<string, unknown>;

/** Names of mental health services, word by word. */
const NAMES = [
  'mental health',
  'mental health liaison',
  'child and adolescent mental health services',
  'community mental healthcare',
  'liaison psychiatry',
  'psychiatric intensive care',
  'neuropsychiatry',
  'CAMHS',
  'community CMHT',
  'IAPT',
  'NHS talking therapies',
  'psychological therapies',
  'early intervention in psychosis',
  'eating disorders',
].map((name) => name.split(' '));

/** Near names, word by word: no mental health service, however written. */
const NEAR = [
  'fundamental healthcare',
  'environmental health',
  'supplemental health check',
  'clinical health psychology',
  'bereavement counselling',
  'occupational health',
  'memory clinic',
  'learning disability team',
  'mental arithmetic',
  'health visitor',
].map((name) => name.split(' '));

/** Non-letters a source or an export puts between words. */
const NON_LETTERS = [
  ' ',
  '\u00a0',
  '\u2009',
  '\u3000',
  '\t',
  '\n',
  '\r',
  '-',
  '\u2013',
  '\u2014',
  '_',
  '/',
  '\\',
  '.',
  ',',
  ':',
  '&',
  '+',
  '(',
  ')',
  "'",
  '*',
  '0',
  '7',
];
const gap = fc.array(fc.constantFrom(...NON_LETTERS), { minLength: 1, maxLength: 4 }).map((chars) => chars.join(''));
/** What may stand beside a name: nothing, or a non-letter before other words. */
const beside = fc.constantFrom('', ' ', ' (', ') ', ' - ', ': ', '/', '_', '1 ', ', ');
const otherWords = fc.constantFrom('', 'Islington', 'Referral to', 'NHS Trust', 'Team 2', 'clinic');

/** A name among other words, its words joined by `gaps` (a single space where `gaps` is undefined). */
const written = (words: string[], gaps: readonly string[] | undefined, before: string, left: string, right: string, after: string) =>
  `${before}${before === '' ? '' : left || ' '}${words.map((word, index) => (index === 0 ? word : `${gaps?.[index - 1] ?? ' '}${word}`)).join('')}${after === '' ? '' : right || ' '}${after}`;

const spellings = (names: string[][]) =>
  fc
    .record({
      words: fc.constantFrom(...names),
      gaps: fc.array(gap, { minLength: 6, maxLength: 6 }),
      before: otherWords,
      after: otherWords,
      left: beside,
      right: beside,
    })
    .chain((spelling) =>
      fc
        .tuple(anyCase(spelling.words.join('\u0000')), fc.constant(spelling))
        .map(([cased, made]) => ({ ...made, words: cased.split('\u0000') })),
    );

/** The least words that name a mental health service, each alone: what is glued to another word in the test below. */
const UNITS = [
  'mental health',
  'mental healthcare',
  'psychiatry',
  'neuropsychiatry',
  'CAMHS',
  'CYPMHS',
  'CMHT',
  'IAPT',
  'talking therapies',
  'psychological therapy',
  'psychosis',
  'eating disorders',
].map((name) => name.split(' '));

const element = fc.constantFrom(...ELEMENTS);
const item = (placed: (typeof ELEMENTS)[number], words: string): Json => placed.place(recordItem(placed.type, 'x', 'p-1'), words);

test('any non-letter gap between the words gives the decision a single space gives, and a name is one', () => {
  fc.assert(
    fc.property(
      fc.oneof(spellings(NAMES), spellings(NEAR)),
      element,
      fc.boolean(),
      ({ words, gaps, before, after, left, right }, placed, named) => {
        const spaced = written(words, undefined, before, left, right, after);
        const gapped = written(words, gaps, before, left, right, after);
        const expected = NAMES.some((name) => name.join(' ').toLowerCase() === words.join(' ').toLowerCase());
        if (named) {
          assert.equal(isMentalHealthService(item(placed, gapped)), isMentalHealthService(item(placed, spaced)), JSON.stringify(gapped));
          assert.equal(
            labelsOf(item(placed, gapped)).includes('PSY'),
            expected,
            `${placed.type} ${placed.name}: ${JSON.stringify(gapped)}`,
          );
        } else {
          for (const organization of [
            { name: gapped },
            { name: 'North Heights', alias: [gapped] },
            { name: 'North Heights', type: [{ text: gapped }] },
          ])
            assert.equal(isMentalHealthOrganization(organization), expected, JSON.stringify(organization));
        }
      },
    ),
    { numRuns: 800, seed: 20261214 },
  );
});

test('the words inside a longer word do not count', () => {
  // Letters before a name's word, or after it where the word is whole (a psychiatr… word takes any ending).
  const glued = fc
    .tuple(
      fc.constantFrom(...UNITS),
      fc.constantFrom('funda', 'environ', 'x', 'Q', 'pre', 'non'),
      fc.constantFrom('x', 'y', 'ology', 'Q'),
      fc.boolean(),
    )
    .filter(([words, , , atEnd]) => !atEnd || !/psychiatr/i.test(words.at(-1) ?? ''))
    .map(([words, left, right, atEnd]) =>
      atEnd ? [...words.slice(0, -1), `${words.at(-1)}${right}`] : [`${left}${words[0]}`, ...words.slice(1)],
    );
  fc.assert(
    fc.property(glued, gap, element, (words, between, placed) => {
      for (const gaps of [undefined, [between, between, between, between, between]]) {
        const text = written(words, gaps, '', '', '', '');
        assert.ok(!isMentalHealthService(item(placed, text)), `${placed.type} ${placed.name}: ${JSON.stringify(text)}`);
        assert.ok(!isMentalHealthOrganization({ name: text }), JSON.stringify(text));
      }
    }),
    { numRuns: 400, seed: 20261215 },
  );
});

test('an organisation the SDK shows as a mental health setting is one the hub withholds as mental health', () => {
  fc.assert(
    fc.property(fc.oneof(spellings(NAMES), spellings(NEAR)), ({ words, gaps, before, after, left, right }) => {
      for (const name of [written(words, gaps, before, left, right, after), written(words, undefined, before, left, right, after)])
        if (careSettingOf({ odsCode: 'RX123', name }) === 'mental-health')
          assert.ok(isMentalHealthOrganization({ resourceType: 'Organization', name }), JSON.stringify(name));
    }),
    { numRuns: 800, seed: 20261216 },
  );
  for (const name of ['Fundamental Healthcare Ltd', 'Environmental Health Team'])
    assert.notEqual(careSettingOf({ odsCode: 'RX123', name }), 'mental-health', name);
});
