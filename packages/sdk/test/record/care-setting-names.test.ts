/**
 * An organisation's name says its care setting however the name is written.
 * "Camden Mental-Health Trust" fell under "Hospital" (its "trust"), and
 * "Fundamental Healthcare Ltd" under "Mental health" ("…mental health…"
 * inside a longer word), so a reader was shown a resident's item as from a
 * mental health setting it was not from. The class: "mental health" with any
 * run of non-letters (or none) between the words, in any case, is the
 * `mental-health` setting; its words inside a longer word are not. (That the
 * SDK never shows as mental health an organisation the hub does not withhold
 * as one is the hub's property test `mental-health-words.property.test.ts`.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

import { careSettingOf } from '../../src/record/care-setting.js';
import { seedOr } from './property-runs.js';

const setting = (name: string) => careSettingOf({ odsCode: 'RX123', name });

test('the reported names', () => {
  assert.equal(setting('Camden Mental-Health NHS Trust'), 'mental-health');
  assert.notEqual(setting('Fundamental Healthcare Ltd'), 'mental-health');
});

test('any non-letters between the words, in any case, is mental health; within a longer word it is not', () => {
  const gap = fc
    .array(fc.constantFrom(' ', '\u00a0', '\t', '\n', '-', '\u2013', '_', '/', '.', '&', '2'), { maxLength: 3 })
    .map((chars) => chars.join(''));
  const casing = fc.constantFrom(
    (text: string) => text,
    (text: string) => text.toUpperCase(),
    (text: string) => text.toLowerCase(),
  );
  fc.assert(
    fc.property(
      gap,
      casing,
      fc.constantFrom('', 'Islington ', 'North (', '1 '),
      fc.constantFrom('', ' Trust', ' Services'),
      (between, cased, before, after) => {
        assert.equal(setting(cased(`${before}Mental${between}Health${after}`)), 'mental-health');
        assert.notEqual(setting(cased(`${before}Fundamental${between}Health${after}`)), 'mental-health');
        assert.notEqual(setting(cased(`${before}Mental${between}Healthy Living${after}`)), 'mental-health');
      },
    ),
    { numRuns: 300, seed: seedOr(20261218) },
  );
  for (const name of ['Liaison Psychiatry', 'Neuropsychiatry Unit', 'Psychiatric Intensive Care'])
    assert.equal(setting(name), 'mental-health', name);
});
