/**
 * A carer or relative named as the author of what they enter for a resident: a title or letters a resident typed
 * in their name ("Dr", "Prof.", "MRCGP") never make the entry read as a professional's, whatever the name and
 * however it was sent (the hub's words, another system's display, a bracketed role).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { actingForWords, carerAuthorName, plainPersonName, sourceOf } from '../../src/index.js';

const PREFIXES = ['Dr', 'Dr.', 'DR', 'Doctor', 'Prof', 'Prof.', 'Professor', 'Nurse', 'Sister', 'Mr', 'Mrs', 'Ms', 'Revd'];
const SUFFIXES = ['MRCGP', 'FRCP', 'MBBS', 'MD', 'RGN', 'RN', 'PhD', 'OBE', ', GP', ', Consultant Psychiatrist', ', MB ChB'];
const PROFESSIONAL = /\b(?:Dr|DR|Doctor|Prof|Professor|Nurse|Sister|MRCGP|FRCP|MBBS|MD|RGN|RN|GP|Consultant)\b/;

/** Every title and every set of letters after a name that a name is read without (`person-held/relationship.ts`). */
const TITLE_OR_LETTERS = new RegExp(
  `^(?:${[
    ...['Dr', 'Doctor', 'Prof', 'Professor', 'Nurse', 'Sister', 'Matron', 'Midwife', 'Sr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx'],
    ...['Sir', 'Dame', 'Lady', 'Lord', 'Rev', 'Revd', 'Reverend', 'Fr', 'Father', 'Consultant', 'Surgeon', 'Gp'],
    ...['Md', 'Mb', 'Mbbs', 'Mbchb', 'Bch', 'Mrcgp', 'Mrcp', 'Mrcs', 'Frcp', 'Frcs', 'Frcgp', 'Frcpsych', 'Mrcpsych'],
    ...['Frcr', 'Dch', 'Drcog', 'Dfsrh', 'Phd', 'Dphil', 'Msc', 'Bsc', 'Rn', 'Rgn', 'Rmn', 'Rnld', 'Rsch', 'Anp', 'Pharm'],
    ...['Mpharm', 'Mrpharms', 'Gphc', 'Gmc', 'Nmc', 'Hcpc', 'Obe', 'Mbe', 'Cbe', 'Jr', 'Jnr', 'Snr', 'Esq'],
  ].join('|')})$`,
  'i',
);
/**
 * A word of a name that is not a title or letters, nor one with an apostrophe beside it ("Dr'", "Mb'a"): that is a
 * title or letters a resident typed, not a name the property may expect kept as it is.
 */
const word = fc
  .stringMatching(/^[A-Z][a-z']{1,10}$/)
  .filter((candidate) => !candidate.split("'").some((part) => TITLE_OR_LETTERS.test(part)));
const person = fc
  .tuple(word, fc.array(word, { minLength: 0, maxLength: 1 }), word)
  .map(([given, middle, family]) => [given, ...middle, family].join(' '));

test('the reported case: "Dr" in a typed name does not make a carer’s entry a doctor’s', () => {
  assert.equal(actingForWords('Dr Aoife Lloyd', 'power of attorney'), 'Aoife Lloyd, acting for the resident (power of attorney)');
  assert.equal(carerAuthorName('Dr Aoife Lloyd (carer)'), 'Aoife Lloyd (carer)');
});

test('any name × titles before × letters after: the name alone, in every form it is sent', () => {
  fc.assert(
    fc.property(
      person,
      fc.subarray(PREFIXES, { maxLength: 2 }),
      fc.subarray(SUFFIXES, { maxLength: 2 }),
      fc.option(fc.constantFrom('power of attorney', 'daughter', 'paid carer', 'guardian'), { nil: undefined }),
      (name, before, after, relationship) => {
        const typed = [...before, name].join(' ') + after.map((suffix) => (suffix.startsWith(',') ? suffix : ` ${suffix}`)).join('');
        assert.equal(plainPersonName(typed), name);
        const said = actingForWords(typed, relationship);
        assert.equal(said, `${name}, acting for the resident${relationship ? ` (${relationship})` : ''}`);
        // As the hub sends it, as another system might, and as an older hub did: read the same way.
        for (const display of [said, typed, `${typed} (carer)`]) {
          const label = sourceOf(
            {
              resourceType: 'Observation',
              meta: { source: 'https://care-record.example/source/resident' },
              performer: [{ reference: 'RelatedPerson/rp-1', display }],
            },
            new Map(),
          ).name;
          assert.doesNotMatch(label, PROFESSIONAL, label);
          assert.ok(label.startsWith(name), label);
        }
      },
    ),
    { numRuns: 300, seed: 61212 },
  );
});

test('a name that is only a title is kept, so no one is unnamed', () => {
  assert.equal(plainPersonName('Dr'), 'Dr');
  assert.equal(plainPersonName('  Aoife  '), 'Aoife');
});
