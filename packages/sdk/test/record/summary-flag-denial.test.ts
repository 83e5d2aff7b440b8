/**
 * A resuscitation decision or a legal authority is listed only when its words
 * say it stands. A denial after the term ("LPA: none", "DNACPR not in place",
 * "DNACPR decision rescinded", "ReSPECT form: not completed") says there is
 * none, as much as one before it ("No LPA in place"): such a Flag is listed
 * under Alerts in its own words, never as a decision. And "Not for
 * resuscitation", "NFR", "Not for CPR", "Do not attempt CPR" are resuscitation
 * decisions, listed where a DNACPR is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, type LegalKind } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(300, Math.floor(PROPERTY_RUNS / 10));
const NOW = '2026-11-28T09:30:00Z';
const PATIENT = 'pat-0001';
const ALERT = 'https://care-record.example/CodeSystem/alert';

const sectionsOf = (code: Record<string, unknown>, category?: Record<string, unknown>) =>
  summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      {
        resourceType: 'Flag',
        id: 'f1',
        status: 'active',
        subject: { reference: `Patient/${PATIENT}` },
        period: { start: '2025-01-01' },
        code,
        ...(category ? { category: [category] } : {}),
      },
    ],
    { audience: 'clinician', now: NOW, patientId: PATIENT },
  ).sections;

/** Where the words are listed: [alert kind, alert text], [legal kind]. */
const placed = (text: string) => {
  const { alerts, legal } = sectionsOf({ text });
  return [alerts.items.map((item) => [item.kind, item.text]), legal.items.map((item) => item.kind)];
};

describe('legal information and resuscitation decisions: denials after the term, and words for no CPR', () => {
  test('reported: a denial after the term is not a decision, and is shown in its own words', () => {
    for (const text of [
      'LPA: none',
      'Lasting power of attorney - none in place',
      'DNACPR not in place',
      'DNACPR: not applicable',
      'DNACPR decision rescinded',
      'DNACPR decision withdrawn',
      'DNACPR decision cancelled',
      'ReSPECT form: not completed',
    ])
      assert.deepEqual(placed(text), [[['other', text]], []], text);
  });

  test('reported: not for resuscitation, NFR, not for CPR and do not attempt CPR are resuscitation decisions', () => {
    for (const text of ['Not for resuscitation', 'NFR', 'Not for CPR', 'Do not attempt CPR'])
      assert.deepEqual(placed(text), [[], ['advance-decision']], text);
    for (const text of ['Not for admission', 'Not for escalation to ICU', 'For full resuscitation'])
      assert.deepEqual(placed(text), [[['other', text]], []], text);
  });

  /** Each term as written, and the legal kind it names. */
  const TERMS: [term: string, kind: LegalKind][] = [
    ['DNACPR', 'advance-decision'],
    ['DNAR', 'advance-decision'],
    ['ReSPECT form', 'advance-decision'],
    ['Advance decision to refuse treatment', 'advance-decision'],
    ['ADRT', 'advance-decision'],
    ['Lasting power of attorney (health and welfare)', 'lasting-power-of-attorney'],
    ['LPA for property and financial affairs', 'lasting-power-of-attorney'],
    ['Health and welfare LPA', 'lasting-power-of-attorney'],
    ['Court of Protection deputy', 'deputy'],
    ['Deputy for property and affairs', 'deputy'],
  ];
  /** Denials before the term, after it, and after it across punctuation. */
  const DENIALS: ((term: string) => string)[] = [
    (term) => `No ${term}`,
    (term) => `Not for ${term}`,
    (term) => `Nil ${term} recorded`,
    (term) => `${term}: none`,
    (term) => `${term} - none in place`,
    (term) => `${term} – none`,
    (term) => `${term}: nil`,
    (term) => `${term}: no`,
    (term) => `${term} (none)`,
    (term) => `${term} not in place`,
    (term) => `${term}: not applicable`,
    (term) => `${term}: N/A`,
    (term) => `${term}: not completed`,
    (term) => `${term} not registered`,
    (term) => `${term} rescinded`,
    (term) => `${term} decision withdrawn`,
    (term) => `${term} cancelled.`,
    (term) => `${term} revoked 2024`,
    (term) => `${term} - expired`,
    (term) => `${term} no longer valid`,
    (term) => `${term}: not known`,
  ];
  /** Words that say the term stands. */
  const POSITIVES: ((term: string) => string)[] = [
    (term) => term,
    (term) => `${term} in place`,
    (term) => `${term}: in place since 2024`,
    (term) => `${term} - registered with OPG`,
    (term) => `${term} completed, not for ICU`,
    (term) => `${term} agreed; previous one rescinded`,
    (term) => `Patient has ${term}`,
    (term) => `${term} in place - not for escalation`,
  ];
  /** Words for no CPR that are themselves a resuscitation decision. */
  const NO_CPR = [
    'Not for resuscitation',
    'Not for CPR',
    'not for resus',
    'NFR',
    'DNR',
    'Do not attempt CPR',
    'Do not attempt resuscitation',
    'Do not resuscitate',
    'ReSPECT: not for CPR',
    'ReSPECT: do not attempt CPR. Ceiling of care agreed with the resident and family.',
    'ReSPECT: no CPR, ward-based care',
    'Patient is not for resuscitation',
  ];
  /** Words with "not for" or "no" before something other than resuscitation. */
  const NOT_DECISIONS = ['Not for admission', 'Not for escalation to ICU', 'For full resuscitation', 'Not for DNACPR – for full CPR'];
  /** The words in the text, or only in a coding's display. */
  const PLACES = [
    (words: string) => ({ text: words }),
    (words: string) => ({ coding: [{ system: 'https://fhir.example.org/local', code: 'X1', display: words }] }),
  ];

  test(`matrix: ${TERMS.length} terms × ${DENIALS.length} denials and ${POSITIVES.length} positives, and words for no CPR, × ${PLACES.length} places`, () => {
    const cases: [words: string, kind: LegalKind | undefined][] = [
      ...TERMS.flatMap(([term, kind]) => [
        ...DENIALS.map((deny) => [deny(term), undefined] as [string, LegalKind | undefined]),
        ...POSITIVES.map((say) => [say(term), kind] as [string, LegalKind | undefined]),
      ]),
      ...NO_CPR.map((words) => [words, 'advance-decision'] as [string, LegalKind]),
      // Denied before or after, for the words that are one phrase (a form's text across clauses is the matrix's terms).
      ...NO_CPR.filter((words) => !/[:.,]/.test(words))
        .flatMap((words) => [`${words}: rescinded`, `${words} - not in place`, `No longer ${words.toLowerCase()}`])
        .map((words) => [words, undefined] as [string, undefined]),
      ...NOT_DECISIONS.map((words) => [words, undefined] as [string, undefined]),
    ];
    const wrong: string[] = [];
    let count = 0;
    for (const [words, kind] of cases)
      for (const place of PLACES) {
        count += 1;
        const { alerts, legal } = sectionsOf(place(words));
        const got = [alerts.items.map((item) => [item.kind, item.text]), legal.items.map((item) => item.kind)];
        const expected = kind ? [[], [kind]] : [[['other', words]], []];
        if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(place(words))}: ${JSON.stringify(got)}`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} of ${count} cases`);
  });

  test('a hub code for a decision does not stand against words that deny it', () => {
    const coded = (code: string, text: string) => sectionsOf({ coding: [{ system: ALERT, code }], text });
    assert.deepEqual(coded('respect-dnacpr', 'DNACPR decision rescinded').legal.items, []);
    assert.deepEqual(coded('lpa-health-welfare', 'LPA: none').legal.items, []);
    assert.deepEqual(
      coded('respect-dnacpr', 'ReSPECT form: do not attempt CPR').legal.items.map((item) => item.kind),
      ['advance-decision'],
    );
    assert.deepEqual(
      coded('lpa-health-welfare', 'Lasting power of attorney').legal.items.map((item) => item.kind),
      ['lasting-power-of-attorney'],
    );
  });

  test(`property: ${RUNS} terms with a denial after them, in any case and spacing, are never a decision`, () => {
    const term = fc.constantFrom(...TERMS.map(([words]) => words), 'NFR', 'Not for resuscitation', 'Do not attempt CPR');
    const separator = fc.constantFrom(' ', ': ', ' - ', ' – ', ' — ', ':', ' (');
    const filler = fc.constantFrom('', 'decision ', 'form ', 'status ', 'currently ');
    const denial = fc.constantFrom(
      'none',
      'nil',
      'not in place',
      'not applicable',
      'rescinded',
      'withdrawn',
      'cancelled',
      'revoked',
      'N/A',
    );
    const caseOf = fc.constantFrom(
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      (s: string) => s.toLowerCase(),
    );
    fc.assert(
      fc.property(term, separator, filler, denial, caseOf, (t, s, f, d, c) => {
        const words = c(`${t}${s}${f}${d}`);
        assert.deepEqual(placed(words), [[['other', words]], []], words);
      }),
      { numRuns: RUNS, seed: seedOr(20261207 + 7) },
    );
  });
});

/**
 * A denial after the term counts only when it denies the term itself: not one
 * under a condition ("until revoked", "unless withdrawn"), not one negated
 * again ("not expired"), not one about something else ("none of the
 * attorneys", "nil restrictions"). A hub code for a decision stands unless
 * the words, whole, deny it; where they disagree the decision is listed in
 * its words. Missing a DNACPR in force is the more dangerous error.
 */
describe('legal information and resuscitation decisions: words that only look like a denial', () => {
  const DNACPR_IN_FORCE = [
    'DNACPR in place until revoked',
    'DNACPR valid unless withdrawn',
    'DNACPR: indefinite unless rescinded',
    'DNACPR made 2024 not expired',
    'Not for CPR unless reversed by consultant',
  ];
  const LPA_IN_FORCE = ['LPA: none of the attorneys may act alone', 'LPA: nil restrictions'];
  const coded = (code: string, text: string) => sectionsOf({ coding: [{ system: ALERT, code }], text });

  test('reported: a DNACPR in force until revoked, unless withdrawn or not expired is a decision, coded or not', () => {
    for (const text of DNACPR_IN_FORCE) {
      assert.deepEqual(placed(text), [[], ['advance-decision']], text);
      const { alerts, legal } = coded('respect-dnacpr', text);
      assert.deepEqual([alerts.items, legal.items.map((item) => [item.kind, item.text])], [[], [['advance-decision', text]]], text);
    }
  });

  test('reported: an LPA none of whose attorneys may act alone, or with nil restrictions, is an LPA', () => {
    for (const text of LPA_IN_FORCE) {
      assert.deepEqual(placed(text), [[], ['lasting-power-of-attorney']], text);
      assert.deepEqual(
        coded('lpa-health-welfare', text).legal.items.map((item) => [item.kind, item.text]),
        [['lasting-power-of-attorney', text]],
        text,
      );
    }
  });

  /** Each term as written, the legal kind it names, and the hub code for that kind (a deputy has none). */
  const TERMS: [term: string, kind: LegalKind, code: string | undefined][] = [
    ['DNACPR', 'advance-decision', 'respect-dnacpr'],
    ['DNAR', 'advance-decision', 'respect-dnacpr'],
    ['ReSPECT form', 'advance-decision', 'respect-form'],
    ['Advance decision to refuse treatment', 'advance-decision', 'adrt'],
    ['ADRT', 'advance-decision', 'adrt'],
    ['Lasting power of attorney (health and welfare)', 'lasting-power-of-attorney', 'lpa-health-welfare'],
    ['LPA for property and financial affairs', 'lasting-power-of-attorney', 'lpa-property-affairs'],
    ['Health and welfare LPA', 'lasting-power-of-attorney', 'lpa-health-welfare'],
    ['Court of Protection deputy', 'deputy', undefined],
    ['Deputy for property and affairs', 'deputy', undefined],
  ];
  /** A denial under a condition, a denial negated again, and "none", "nil", "no", "not" about something else. */
  const NOT_DENIALS: ((term: string) => string)[] = [
    (term) => `${term} in place until revoked`,
    (term) => `${term} valid unless withdrawn`,
    (term) => `${term}: indefinite unless rescinded`,
    (term) => `${term} until cancelled by the resident`,
    (term) => `${term} in force if not revoked`,
    (term) => `${term} - valid except if withdrawn in writing`,
    (term) => `${term} made 2024 not expired`,
    (term) => `${term} not revoked`,
    (term) => `${term}: not withdrawn`,
    (term) => `${term} not cancelled`,
    (term) => `${term} never rescinded`,
    (term) => `${term}: none of the attorneys may act alone`,
    (term) => `${term}: nil restrictions`,
    (term) => `${term}: no restrictions`,
    (term) => `${term} - none of the conditions met for review`,
    (term) => `${term} in place not for escalation`,
  ];
  /** Words that, whole, deny the term: they outweigh a hub code. */
  const WHOLE_DENIALS: ((term: string) => string)[] = [
    (term) => `No ${term}`,
    (term) => `${term}: none`,
    (term) => `${term} - none in place`,
    (term) => `${term} (none)`,
    (term) => `${term}: nil`,
    (term) => `${term}: not applicable`,
    (term) => `${term}: N/A`,
    (term) => `${term} not in place`,
    (term) => `${term}: not completed`,
    (term) => `${term} decision rescinded`,
    (term) => `${term} withdrawn on 3 March 2025`,
    (term) => `${term} revoked 2024.`,
    (term) => `${term} no longer valid`,
  ];
  /** Words where code and words disagree, or the words do not deny: a coded decision stands, in these words. */
  const CODED_STANDS: ((term: string) => string)[] = [
    ...NOT_DENIALS,
    (term) => `${term}: not known`,
    (term) => `${term} in place; previous one rescinded`,
    (term) => `Patient's ${term} rescinded?`,
    (term) => `${term} rescinded, then made again 2025`,
  ];
  const NO_CPR = ['Not for resuscitation', 'Not for CPR', 'NFR', 'DNR', 'Do not attempt CPR', 'Do not resuscitate'];

  test(`matrix: ${TERMS.length} terms × ${NOT_DENIALS.length} non-denials, coded and not, and words for no CPR under a condition`, () => {
    const cases: [code: Record<string, unknown>, kind: LegalKind | undefined][] = [
      ...TERMS.flatMap(([term, kind, code]) => [
        ...NOT_DENIALS.flatMap((say) => [
          [{ text: say(term) }, kind] as [Record<string, unknown>, LegalKind],
          [{ coding: [{ system: 'https://fhir.example.org/local', code: 'X1', display: say(term) }] }, kind] as [
            Record<string, unknown>,
            LegalKind,
          ],
        ]),
        ...(code
          ? [
              ...CODED_STANDS.map(
                (say) => [{ coding: [{ system: ALERT, code }], text: say(term) }, kind] as [Record<string, unknown>, LegalKind],
              ),
              ...WHOLE_DENIALS.map(
                (deny) => [{ coding: [{ system: ALERT, code }], text: deny(term) }, undefined] as [Record<string, unknown>, undefined],
              ),
            ]
          : []),
      ]),
      ...NO_CPR.flatMap((words) => [
        [{ text: `${words} unless reversed by consultant` }, 'advance-decision'] as [Record<string, unknown>, LegalKind],
        [{ text: `${words} until review, not expired` }, 'advance-decision'] as [Record<string, unknown>, LegalKind],
        [{ coding: [{ system: ALERT, code: 'respect-dnacpr' }], text: `${words}: not revoked` }, 'advance-decision'] as [
          Record<string, unknown>,
          LegalKind,
        ],
      ]),
    ];
    const wrong: string[] = [];
    for (const [code, kind] of cases) {
      const { alerts, legal } = sectionsOf(code);
      const words = (code['text'] as string | undefined) ?? (code['coding'] as { display: string }[])[0]?.display ?? '';
      const got = [alerts.items.map((item) => [item.kind, item.text]), legal.items.map((item) => [item.kind, item.text])];
      const expected = kind ? [[], [[kind, words]]] : [[['other', words]], []];
      if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${JSON.stringify(code)}: ${JSON.stringify(got)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} cases`);
  });

  test(`property: ${RUNS} positive phrases with a trailing qualifier that denies nothing are still a decision`, () => {
    const POSITIVE_FORMS: ((term: string) => string)[] = [
      (term) => term,
      (term) => `${term} in place`,
      (term) => `${term}: in place since 2024`,
      (term) => `Patient has ${term}`,
      (term) => `${term} agreed`,
      (term) => `${term} completed, not for ICU`,
    ];
    const positive = fc.oneof(
      fc
        .tuple(fc.constantFrom(...TERMS.map(([term, kind]) => [term, kind] as const)), fc.constantFrom(...POSITIVE_FORMS))
        .map(([[term, kind], say]) => [say(term), kind] as const),
      fc.constantFrom(...NO_CPR).map((words) => [words, 'advance-decision' as LegalKind] as const),
    );
    const qualifier = fc.constantFrom(
      ' until revoked',
      ' until further notice',
      ' unless withdrawn',
      ' unless rescinded by the consultant',
      ' unless reversed',
      ' if not cancelled',
      ' except if revoked',
      ' not expired',
      ' not revoked',
      ' not withdrawn',
      ' not cancelled',
      ' never rescinded',
      ': none of the attorneys may act alone',
      ': nil restrictions',
      ': no restrictions',
      ' - no restrictions',
      ' not for escalation',
      ' - not for escalation',
    );
    const caseOf = fc.constantFrom(
      (s: string) => s,
      (s: string) => s.toUpperCase(),
      (s: string) => s.toLowerCase(),
    );
    fc.assert(
      fc.property(positive, qualifier, caseOf, fc.boolean(), ([words, kind], q, c, withCode) => {
        const text = c(`${words}${q}`);
        const code = withCode && kind === 'advance-decision' ? { coding: [{ system: ALERT, code: 'respect-dnacpr' }], text } : { text };
        const { alerts, legal } = sectionsOf(code);
        assert.deepEqual([alerts.items, legal.items.map((item) => [item.kind, item.text])], [[], [[kind, text]]], text);
      }),
      { numRuns: RUNS, seed: seedOr(20261207 + 8) },
    );
  });
});
