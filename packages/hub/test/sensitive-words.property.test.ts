/**
 * The words that make an item sensitive (docs/access-policy.md R11) are found however a source writes them: in any
 * case, between any punctuation, among other words, with the line breaks, doubled spaces, hyphens or underscores an
 * export puts between them, and in the forms a display uses ("Chlamydial infection", "Transsexualism", "Syphilitic
 * aortitis"). Property over displays built from the sensitive phrases, placed in a reference's display, an
 * identifier's type, an extension's reference or a contained resource's reference, or a concept's text: the item is
 * sensitive (labelled SEX by `labelsOf`). And over harmless displays written the same ways, and sensitive words that
 * are only part of a longer word: not sensitive. The narrative and notes stay unread (the module's boundary). A
 * store written by the rules before these (`LABEL_RULES_VERSION` 3) labels its items again when it is opened, so
 * its searches withhold what its reads do.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isSensitiveContent } from '../src/policy/sensitive-content.js';
import { labelsOf } from '../src/policy/visibility.js';
import type { HubStore } from '../src/store/store.js';
import { anyCase } from './support/any-case.js';
import { relabelledOnOpen, testStoreKind } from './support/test-store.js';

type Json = Record<string, unknown>;

/** Concepts DOMAIN withholds from shared views, as displays name them (the words of each, in order). */
const SENSITIVE = [
  'termination of pregnancy',
  'terminations of pregnancy',
  'induced abortion',
  'in vitro fertilisation',
  'in vitro fertilization',
  'IVF',
  'assisted conception',
  'assisted fertilisation',
  'assisted reproduction',
  'intracytoplasmic sperm injection',
  'gender reassignment',
  'gender dysphoria',
  'gender identity clinic',
  'transsexual',
  'transsexualism',
  'sexually transmitted',
  'sexual health',
  'genitourinary medicine',
  'genito urinary medicine',
  'chlamydia',
  'chlamydial',
  'chlamydiae',
  'gonorrhoea',
  'gonorrhea',
  'gonococcal',
  'syphilis',
  'syphilitic',
  'genital herpes',
  'genital warts',
].map((phrase) => phrase.split(' '));

/** Near, but not these: what an item about them must not be taken for. */
const HARMLESS = [
  'miscarriage',
  'pregnancy test positive',
  'transfer to ward',
  'gender female',
  'sexual orientation',
  'termination of employment',
  'in vitro diagnostic test',
  'assisted living',
  'genital examination normal',
  'herpes zoster',
  'health visitor',
].map((phrase) => phrase.split(' '));

/** What may sit between the words of a phrase. */
const between = fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', '\u00a0', '-', ' - ', '_', ' / ');
/** What may sit beside the phrase: never a letter, which would make it part of another word. */
const beside = fc.constantFrom(' ', '', '(', ')', '"', ': ', ' - ', '/', '_', ',', '.', '1', '[', ']', '\n', '*');
const otherWords = fc.array(fc.constantFrom('Referral', 'to', 'clinic', 'follow-up', 'NHS', '2024', 'Dr', 'review', 'team'), {
  maxLength: 3,
});

/** A display saying the phrase the ways sources do, among other words. */
const display = (phrases: string[][]) =>
  fc
    .tuple(fc.constantFrom(...phrases), fc.array(between, { minLength: 4, maxLength: 4 }), otherWords, otherWords, beside, beside)
    .chain(([words, gaps, before, after, left, right]) => {
      const phrase = words.map((word, index) => (index === 0 ? word : `${gaps[index - 1] ?? ' '}${word}`)).join('');
      return anyCase(phrase).map((said) => {
        const opening = before.length > 0 ? `${before.join(' ')}${left === '' ? ' ' : left}` : left;
        const closing = after.length > 0 ? `${right === '' ? ' ' : right}${after.join(' ')}` : right;
        return `${opening}${said}${closing}`;
      });
    });

/** Where in an item a display may sit, each an element that says what the item is about. */
const PLACES: { name: string; place: (words: string) => Json }[] = [
  {
    name: 'a reason by identifier',
    place: (words) => ({
      resourceType: 'Appointment',
      reasonReference: [{ identifier: { system: 'https://rz9.example/id', value: 'P1' }, display: words }],
    }),
  },
  {
    name: 'a diagnosis by urn',
    place: (words) => ({ resourceType: 'Encounter', diagnosis: [{ condition: { reference: 'urn:uuid:0d8e2a8c', display: words } }] }),
  },
  {
    name: 'a plan addressing',
    place: (words) => ({ resourceType: 'CarePlan', addresses: [{ reference: 'Condition/c1', display: words }] }),
  },
  {
    name: 'an activity detail',
    place: (words) => ({ resourceType: 'CarePlan', activity: [{ detail: { reasonReference: [{ display: words }] } }] }),
  },
  {
    name: "an identifier's type",
    place: (words) => ({ resourceType: 'MedicationRequest', basedOn: [{ identifier: { type: { text: words }, value: 'X' } }] }),
  },
  {
    name: "an extension's reference",
    place: (words) => ({ resourceType: 'Procedure', extension: [{ url: 'https://rz9.example/x', valueReference: { display: words } }] }),
  },
  {
    name: "a contained resource's reference",
    place: (words) => ({
      resourceType: 'Observation',
      contained: [{ resourceType: 'Condition', id: 'c1', evidence: [{ detail: [{ display: words }] }] }],
      focus: [{ reference: '#c1' }],
    }),
  },
  { name: "a concept's text", place: (words) => ({ resourceType: 'Condition', code: { text: words } }) },
];

const place = fc.constantFrom(...PLACES);

test('a display naming a sensitive concept, however written and wherever placed, makes the item sensitive', () => {
  fc.assert(
    fc.property(display(SENSITIVE), place, (words, { place: at }) => {
      const item = at(words);
      assert.ok(isSensitiveContent(item), JSON.stringify(item));
      assert.ok(labelsOf(item).includes('SEX'));
    }),
    { numRuns: 600, seed: 20261219 },
  );
});

test('a harmless display written the same ways, or a sensitive word within a longer one, does not', () => {
  const glued = fc
    .tuple(fc.constantFrom(...SENSITIVE), fc.constantFrom('x', 'pre', 'Z'), fc.constantFrom('x', 'ology', 'Q'))
    .map(([words, left, right]) => [[`${left}${words.join('')}${right}`]]);
  fc.assert(
    fc.property(
      fc.oneof(
        display(HARMLESS),
        glued.chain((phrases) => display(phrases)),
      ),
      place,
      (words, { place: at }) => {
        assert.ok(!isSensitiveContent(at(words)), words);
      },
    ),
    { numRuns: 400, seed: 20261220 },
  );
});

test('free text is not read: a note, the narrative, a string extension', () => {
  const words = 'Chlamydia trachomatis infection';
  assert.ok(!isSensitiveContent({ resourceType: 'Condition', code: { text: 'Review' }, note: [{ text: words }] }));
  assert.ok(!isSensitiveContent({ resourceType: 'Condition', text: { status: 'generated', div: `<div>${words}</div>` } }));
  assert.ok(!isSensitiveContent({ resourceType: 'Condition', extension: [{ url: 'https://rz9.example/x', valueString: words }] }));
});

/** Items the rules before these shared (the phrase written with a hyphen, a form of a word, a nested concept's text). */
const NEWLY_SENSITIVE: Json[] = [
  { resourceType: 'Appointment', id: 'sw-hyphen', status: 'booked', reasonReference: [{ display: 'Termination-of-pregnancy' }] },
  {
    resourceType: 'Appointment',
    id: 'sw-form',
    status: 'booked',
    reasonReference: [{ identifier: { value: 'P9' }, display: 'Chlamydial infection' }],
  },
  { resourceType: 'DocumentReference', id: 'sw-setting', status: 'current', context: { practiceSetting: { text: 'Sexual health' } } },
];
const STILL_SHARED: Json = {
  resourceType: 'Appointment',
  id: 'sw-shared',
  status: 'booked',
  reasonReference: [{ display: 'Asthma review' }],
};

test(`a store written by the rules before these labels its items again on opening (${testStoreKind})`, async () => {
  const shared = async (store: HubStore, type: string) =>
    (
      await store.search({
        type,
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 50,
        visibility: { hiddenLabels: ['SEX'] },
      })
    ).resources.map((resource) => String(resource['id']));
  await relabelledOnOpen(
    3,
    async (store) => {
      for (const item of [...NEWLY_SENSITIVE, STILL_SHARED]) await store.put(item);
    },
    async (store) => {
      assert.deepEqual(await shared(store, 'Appointment'), ['sw-shared']);
      assert.deepEqual(await shared(store, 'DocumentReference'), []);
    },
  );
});
