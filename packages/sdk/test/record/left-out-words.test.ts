/**
 * A section left out by a carer's proxy access, or by a narrow sign-in's
 * scopes, is told as what happened — "This is not part of what you were
 * given access to", "The app you signed in with was not given access to this
 * kind of information" — not "not available to your role": a carer has no
 * role, and a clinician's narrow sign-in says nothing of theirs. Only the
 * hub's ROLE_RESTRICTED is the role's. None of them is ever "none".
 *
 * The reported cases (a carer's and a narrow sign-in's `$summary`), then the
 * class: every summary section × (role, scope, proxy, nothing left out),
 * told in one outcome or several, from one answer or merged from two
 * (fast-check, fixed seed).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { mergeNotices } from '../../src/record/notices.js';
import {
  NOT_PERMITTED_NOTICE,
  notPermittedNotices,
  PROXY_RESTRICTED_NOTICE,
  readNotices,
  SCOPE_RESTRICTED_NOTICE,
  summaryViewModel,
  SUMMARY_SECTION_ORDER,
  type RecordAudience,
  type SummarySectionKey,
} from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-07T09:00:00Z';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const NONE_WORDING = /^No |not recorded|no upcoming|has no|No known/i;

type Code = 'ROLE_RESTRICTED' | 'SCOPE_RESTRICTED' | 'PROXY_RESTRICTED';
const SENTENCE: Record<Code, string> = {
  ROLE_RESTRICTED: NOT_PERMITTED_NOTICE,
  SCOPE_RESTRICTED: SCOPE_RESTRICTED_NOTICE,
  PROXY_RESTRICTED: PROXY_RESTRICTED_NOTICE,
};
/** The banner's and summary's allergy line for each, as a person reads it. */
const ALLERGY_WORDS: Record<Code, RegExp> = {
  ROLE_RESTRICTED: /^Allergies not available to your role$/,
  SCOPE_RESTRICTED: /^Allergies not available to the app you signed in with$/,
  PROXY_RESTRICTED: /^Allergies not available: not part of what you were given access to$/,
};

/** The types each section is made from (alerts and legal information share Flag). */
const SECTION_TYPES: Record<SummarySectionKey, string[]> = {
  alerts: ['Flag'],
  allergies: ['AllergyIntolerance'],
  problems: ['Condition'],
  medications: ['MedicationRequest', 'MedicationStatement'],
  procedures: ['Procedure'],
  immunisations: ['Immunization'],
  legal: ['Flag'],
  contacts: ['RelatedPerson'],
  carePlans: ['CarePlan'],
  goals: ['Goal'],
  involvement: ['EpisodeOfCare'],
  appointments: ['Appointment'],
};
/** Sections with types of their own: the unit a restriction is drawn over. */
const GROUPS = SUMMARY_SECTION_ORDER.filter((key) => key !== 'legal');

const patient = { resourceType: 'Patient', id: PATIENT, name: [{ text: 'Bridget Kelly' }] };
const leftOut = (code: Code, types: readonly string[]) => ({
  severity: 'information',
  code: 'suppressed',
  details: { coding: [{ system: HUB_ERROR, code }] },
  expression: types,
});
const outcome = (...issue: object[]) => ({ resourceType: 'OperationOutcome', issue });

const summaryOf = (entries: unknown[], audience: RecordAudience) =>
  summaryViewModel([patient, ...entries], { audience, now: NOW, patientId: PATIENT });

describe('what a carer’s proxy access or a narrow sign-in left out is told as such, never as the role’s', () => {
  test('the reported case: a carer’s PROXY_RESTRICTED $summary says it is not part of what they were given access to', () => {
    const summary = summaryOf([outcome(leftOut('PROXY_RESTRICTED', ['AllergyIntolerance', 'Condition']))], 'resident');
    assert.deepEqual(summary.sections.problems.notices, ['This is not part of what you were given access to']);
    assert.match(summary.sections.allergies.allergies.label, ALLERGY_WORDS.PROXY_RESTRICTED);
    for (const line of [...summary.sections.problems.notices, summary.sections.allergies.allergies.label])
      assert.doesNotMatch(line, /your role/);
  });

  test('the reported case: a narrow sign-in’s SCOPE_RESTRICTED $summary says the app was not given access', () => {
    const summary = summaryOf([outcome(leftOut('SCOPE_RESTRICTED', ['AllergyIntolerance', 'Condition']))], 'clinician');
    assert.deepEqual(summary.sections.problems.notices, ['The app you signed in with was not given access to this kind of information']);
    assert.match(summary.sections.allergies.allergies.label, ALLERGY_WORDS.SCOPE_RESTRICTED);
    for (const line of [...summary.sections.problems.notices, summary.sections.allergies.allergies.label])
      assert.doesNotMatch(line, /your role/);
  });

  test('the API stays: accessLeftOutTypes still lists what a sign-in or a proxy left out, and the role’s words are unchanged', () => {
    const notices = readNotices([
      {
        entry: [
          { resource: outcome(leftOut('SCOPE_RESTRICTED', ['Condition'])) },
          { resource: outcome(leftOut('PROXY_RESTRICTED', ['Goal'])) },
          { resource: outcome(leftOut('ROLE_RESTRICTED', ['Flag'])) },
        ],
      },
    ]);
    assert.deepEqual(new Set(notices.accessLeftOutTypes), new Set(['Condition', 'Goal']));
    assert.deepEqual(new Set(notices.notPermittedTypes), new Set(['Condition', 'Goal', 'Flag']));
    assert.deepEqual(notPermittedNotices(notices), [NOT_PERMITTED_NOTICE, SCOPE_RESTRICTED_NOTICE, PROXY_RESTRICTED_NOTICE]);
    assert.equal(NOT_PERMITTED_NOTICE, 'Clinical information is not available to your role');
  });

  test('the class: every section × who left it out, in one outcome or several, one answer or two merged', () => {
    const reason = fc.constantFrom<Code | 'none'>('none', 'ROLE_RESTRICTED', 'SCOPE_RESTRICTED', 'PROXY_RESTRICTED');
    const scenario = fc.record({
      reasons: fc.tuple(...GROUPS.map(() => reason)),
      together: fc.boolean(),
      split: fc.boolean(),
      audience: fc.constantFrom<RecordAudience>('clinician', 'resident'),
    });
    fc.assert(
      fc.property(scenario, ({ reasons, together, split, audience }) => {
        const byCode = new Map<Code, string[]>();
        GROUPS.forEach((key, index) => {
          const code = reasons[index];
          if (code !== undefined && code !== 'none') byCode.set(code, [...(byCode.get(code) ?? []), ...SECTION_TYPES[key]]);
        });
        const issues = [...byCode].map(([code, types]) => leftOut(code, types));
        const outcomes = together ? (issues.length > 0 ? [outcome(...issues)] : []) : issues.map((issue) => outcome(issue));
        const summary = summaryOf(outcomes, audience);
        // Read from one answer, or from two merged: the same words.
        const bundles = split
          ? [
              { entry: outcomes.slice(0, 1).map((resource) => ({ resource })) },
              { entry: outcomes.slice(1).map((resource) => ({ resource })) },
            ]
          : [{ entry: outcomes.map((resource) => ({ resource })) }];
        const notices = split ? mergeNotices(...bundles.map((bundle) => readNotices([bundle]))) : readNotices(bundles);
        const codesPresent = (['ROLE_RESTRICTED', 'SCOPE_RESTRICTED', 'PROXY_RESTRICTED'] as const).filter((code) => byCode.has(code));
        assert.deepEqual(
          notPermittedNotices(notices),
          codesPresent.map((code) => SENTENCE[code]),
        );

        SUMMARY_SECTION_ORDER.forEach((key) => {
          const code = reasons[GROUPS.indexOf(key === 'legal' ? 'alerts' : key)];
          const section = summary.sections[key];
          const context = `${key} left out by ${String(code)}: ${section.notices.join(' | ')}`;
          if (code === undefined || code === 'none') {
            assert.notEqual(section.state, 'not-permitted', context);
            return;
          }
          assert.equal(section.state, 'not-permitted', context);
          assert.deepEqual(section.notices, [SENTENCE[code]], context);
          assert.deepEqual(notPermittedNotices(notices, SECTION_TYPES[key]), [SENTENCE[code]], context);
          for (const line of section.notices) assert.doesNotMatch(line, NONE_WORDING, context);
          if (key === 'allergies') {
            assert.match(summary.sections.allergies.allergies.label, ALLERGY_WORDS[code], context);
            assert.doesNotMatch(summary.sections.allergies.allergies.label, NONE_WORDING, context);
          }
        });
      }),
      { seed: seedOr(7_120_412), numRuns: 400 },
    );
  });
});
