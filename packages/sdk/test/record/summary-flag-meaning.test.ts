/**
 * An alert means what its words say, and never what they deny. A bare
 * "Section 42" is a Care Act safeguarding enquiry as often as anything: only
 * words naming the Mental Health Act (or "sectioned") or the hub's `mha-…`
 * code make an entry a Mental Health Act one. "No LPA in place", "Not for
 * DNACPR", "No safeguarding concerns" deny what they name. And a safety or
 * safeguarding alert is always listed under Alerts, even when the legal
 * section lists it too: an alerts section that left it out would say
 * "No alerts recorded".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, type LegalKind } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const NOW = '2026-11-28T09:30:00Z';
const PATIENT = 'pat-0001';
const subject = { reference: `Patient/${PATIENT}` };
const ALERT = 'https://care-record.example/CodeSystem/alert';

const sectionsOf = (flags: Record<string, unknown>[]) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...flags], { audience: 'clinician', now: NOW, patientId: PATIENT }).sections;

const flag = (code: Record<string, unknown>, category?: Record<string, unknown>) => ({
  resourceType: 'Flag',
  id: 'f1',
  status: 'active',
  subject,
  period: { start: '2025-01-01' },
  code,
  ...(category ? { category: [category] } : {}),
});

describe('alerts and legal information: what the words say', () => {
  test('reported: a Care Act section 42 safeguarding enquiry is a safeguarding alert, not a Mental Health Act entry', () => {
    const { alerts, legal } = sectionsOf([
      flag(
        { text: 'Section 42 safeguarding enquiry open' },
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }] },
      ),
    ]);
    assert.deepEqual(
      alerts.items.map((item) => [item.text, item.kind]),
      [['Section 42 safeguarding enquiry open', 'safeguarding']],
    );
    assert.deepEqual(legal.items, []);
  });

  test('reported: words that deny a term do not make it so', () => {
    const kinds = (text: string) => {
      const { alerts, legal } = sectionsOf([flag({ text }, { coding: [{ code: 'safety' }] })]);
      return [alerts.items.map((item) => item.kind), legal.items.map((item) => item.kind)];
    };
    assert.deepEqual(kinds('Not for DNACPR – for full resuscitation'), [['safety'], []]);
    assert.deepEqual(kinds('No LPA in place'), [['safety'], []]);
    assert.deepEqual(kinds('No safeguarding concerns identified'), [['safety'], []]);
  });

  /** Words as councils, trusts and practices write them, and what each says: a legal kind, or none; safeguarding or not. */
  const WORDS: [words: string, legal: LegalKind | undefined, safeguarding: boolean][] = [
    ['Section 42 safeguarding enquiry open', undefined, true],
    ['Care Act section 42 enquiry in progress', undefined, false],
    ['Section 47 child protection enquiry', undefined, true],
    ['Section 17 child in need plan', undefined, false],
    ['Section 117 aftercare', undefined, false],
    ['Section 2', undefined, false],
    ['Subject to section 136', undefined, false],
    ['Section 3 Mental Health Act', 'mental-health-act', false],
    ['Detained under section 2 of the MHA', 'mental-health-act', false],
    ['Sectioned under section 136 last night', 'mental-health-act', false],
    ['Community treatment order (section 17A Mental Health Act 1983)', 'mental-health-act', false],
    ['Section 117 aftercare (Mental Health Act 1983)', 'mental-health-act', false],
    ['Not detained under the Mental Health Act', undefined, false],
    ['No MHA history', undefined, false],
    ['Not for DNACPR – for full resuscitation', undefined, false],
    ['DNACPR in place', 'advance-decision', false],
    ['No advance decision recorded', undefined, false],
    ['ReSPECT form completed', 'advance-decision', false],
    ['No LPA in place', undefined, false],
    ['Without a lasting power of attorney', undefined, false],
    ['LPA (health and welfare) registered', 'lasting-power-of-attorney', false],
    ['Not subject to DoLS', undefined, false],
    ['DoLS authorisation granted', 'deprivation-of-liberty', false],
    ['Nil mental capacity concerns', undefined, false],
    ['Lacks capacity to decide on residence', 'mental-capacity', false],
    ['No safeguarding concerns identified', undefined, false],
    ['Nil child protection concerns', undefined, false],
    ['Not known to services, safeguarding concern raised', undefined, true],
    ['No fixed abode and safeguarding concern raised', undefined, true],
    ['Safeguarding concern - adult at risk', undefined, true],
    ['Violent towards staff', undefined, false],
  ];
  /** Where a coded entry's code wins over its words. */
  const CODED: [code: Record<string, unknown>, legal: LegalKind | undefined, safeguarding: boolean][] = [
    [{ coding: [{ system: ALERT, code: 'mha-section-3' }], text: 'Section 3' }, 'mental-health-act', false],
    [{ coding: [{ system: ALERT, code: 'safeguarding' }], text: 'No safeguarding concerns identified' }, undefined, true],
    [{ coding: [{ system: ALERT, code: 'dols-authorised' }], text: 'Standard authorisation' }, 'deprivation-of-liberty', false],
  ];
  const CATEGORIES: [category: Record<string, unknown> | undefined, safety: boolean][] = [
    [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/flag-category', code: 'safety' }] }, true],
    [{ text: 'Safety' }, true],
    [{ coding: [{ code: 'admin' }] }, false],
    [{ coding: [{ code: 'clinical' }], text: 'Clinical' }, false],
    [undefined, false],
  ];
  /** The words in the text, or only in a coding's display (EMIS sends them there). */
  const PLACES = [
    (words: string) => ({ text: words }),
    (words: string) => ({ coding: [{ system: 'https://fhir.example.org/local', code: 'X1', display: words }] }),
  ];

  test(`matrix: ${WORDS.length * PLACES.length + CODED.length} entries × ${CATEGORIES.length} categories`, () => {
    const cases = [
      ...WORDS.flatMap(([words, legal, safeguarding]) => PLACES.map((place) => [place(words), legal, safeguarding] as const)),
      ...CODED,
    ];
    const wrong: string[] = [];
    for (const [code, legalExpected, safeguarding] of cases)
      for (const [category, safety] of CATEGORIES) {
        const { alerts, legal } = sectionsOf([flag(code, category)]);
        const alertExpected = safeguarding ? 'safeguarding' : safety ? 'safety' : legalExpected ? undefined : 'other';
        const got = [alerts.items[0]?.kind, legal.items[0]?.kind];
        if (got[0] !== alertExpected || got[1] !== legalExpected)
          wrong.push(
            `${JSON.stringify(code)} ${JSON.stringify(category)}: ${JSON.stringify(got)} not ${JSON.stringify([alertExpected, legalExpected])}`,
          );
      }
    assert.deepEqual(wrong, []);
  });

  test(`property: ${RUNS} active safety or safeguarding alerts, whatever their words, are all listed under Alerts`, () => {
    const fragment = fc.constantFrom(
      'Section 42',
      'section 3',
      'Mental Health Act',
      'MHA',
      'sectioned',
      'LPA',
      'DoLS',
      'DNACPR',
      'ReSPECT',
      'lacks capacity',
      'advance decision',
      'safeguarding',
      'child protection',
      'no',
      'not',
      'nil',
      'without',
      'and',
      '–',
      ',',
      'open',
      'enquiry',
    );
    const entry = fc.record({
      words: fc.array(fragment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' ')),
      safety: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), (entries) => {
        const flags = entries.map(({ words, safety }, index) => ({
          ...flag({ text: words }, safety ? { coding: [{ code: 'safety' }] } : { coding: [{ code: 'admin' }] }),
          id: `f${index}`,
        }));
        const { alerts, legal } = sectionsOf(flags);
        const listed = new Set(alerts.items.map((item) => item.id));
        const legalListed = new Set(legal.items.map((item) => item.id));
        entries.forEach(({ safety }, index) => {
          if (safety) assert.ok(listed.has(`f${index}`), `safety alert f${index} listed under Alerts`);
          assert.ok(listed.has(`f${index}`) || legalListed.has(`f${index}`), `f${index} listed somewhere`);
        });
      }),
      { numRuns: RUNS, seed: seedOr(20261207) },
    );
  });
});
