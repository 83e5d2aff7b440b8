/**
 * A clinical or verification status as feeds send it: coded, as a coding's
 * display only, as text only, unrecognised, or absent. A status given in words
 * is read as the code it names ("Resolved" is resolved, "Refuted" is refuted);
 * one that is absent or unrecognised is "Not known", never "Active".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel, type SummaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const ALLERGY_CLINICAL = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical';

const summaryOf = (resource: Record<string, unknown>): SummaryViewModel =>
  summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      { id: 'x', meta, ...resource },
    ],
    {
      audience: 'clinician',
      now: '2026-11-28T09:00:00Z',
      patientId: PATIENT,
    },
  );

/** The ways a status of `code` (with `words`) may be sent. */
const shapes = (system: string, code: string, words: string) =>
  ({
    coded: { coding: [{ system, code }] },
    'coded with display': { coding: [{ system, code, display: words }] },
    'display only': { coding: [{ display: words }] },
    'text only': { text: words },
    'text only, upper case with spaces': { text: `  ${words.toUpperCase()} ` },
  }) as const;

const CONDITION_STATUSES = [
  ['active', 'Active', 'current', 'Active'],
  ['recurrence', 'Recurrence', 'current', 'Recurrence'],
  ['relapse', 'Relapse', 'current', 'Relapse'],
  ['inactive', 'Inactive', 'past', 'Inactive'],
  ['remission', 'In remission', 'past', 'Remission'],
  ['resolved', 'Resolved', 'past', 'Resolved'],
] as const;

describe('a status given in words, or not at all', () => {
  test('reported: a problem whose clinical status says only "Resolved" is past, not an active problem', () => {
    const model = summaryOf({ resourceType: 'Condition', subject, code: { text: 'Cellulitis' }, clinicalStatus: { text: 'Resolved' } });
    assert.deepEqual(model.sections.problems.items, []);
    assert.deepEqual(
      model.sections.problems.past?.map((item) => [item.text, item.status]),
      [['Cellulitis', 'Resolved']],
    );
  });

  for (const [code, words, place, label] of CONDITION_STATUSES)
    for (const [shape, clinicalStatus] of Object.entries(shapes(CONDITION_CLINICAL, code, words)))
      test(`problem, ${code} (${shape}): ${place}, "${label}"`, () => {
        const model = summaryOf({ resourceType: 'Condition', subject, code: { text: 'Asthma' }, clinicalStatus });
        const current = model.sections.problems.items;
        const past = model.sections.problems.past ?? [];
        assert.equal((place === 'current' ? current : past).length, 1);
        assert.equal((place === 'current' ? past : current).length, 0);
        assert.equal((current[0] ?? past[0])?.status, label);
      });

  for (const [shape, clinicalStatus] of [
    ['absent', undefined],
    ['unrecognised words', { text: 'Ongoing, under review' }],
    ['an unrecognised code', { coding: [{ system: 'https://example.org/status', code: 'X1' }] }],
  ] as const)
    test(`problem, status ${shape}: kept in view, and "Not known", never "Active"`, () => {
      const model = summaryOf({
        resourceType: 'Condition',
        subject,
        code: { text: 'Asthma' },
        ...(clinicalStatus ? { clinicalStatus } : {}),
      });
      assert.deepEqual(
        model.sections.problems.items.map((item) => item.status),
        ['Not known'],
      );
    });

  for (const [code, words, place] of [
    ['active', 'Active', 'known'],
    ['inactive', 'Inactive', 'resolved'],
    ['resolved', 'Resolved', 'resolved'],
  ] as const)
    for (const [shape, clinicalStatus] of Object.entries(shapes(ALLERGY_CLINICAL, code, words)))
      test(`allergy, ${code} (${shape}): ${place === 'known' ? 'a known allergy' : 'resolved'}, "${words}"`, () => {
        const allergies = summaryOf({ resourceType: 'AllergyIntolerance', patient: subject, code: { text: 'Penicillin' }, clinicalStatus })
          .sections.allergies.allergies;
        assert.equal(allergies.kind, place === 'known' ? 'known' : 'not-recorded');
        const item = place === 'known' ? (allergies as { items: { status: string }[] }).items[0] : allergies.resolved[0];
        assert.equal(item?.status, words);
      });

  for (const [shape, clinicalStatus] of [
    ['absent', undefined],
    ['unrecognised words', { text: 'Suspected' }],
  ] as const)
    test(`allergy, status ${shape}: still a known allergy, status "Not known"`, () => {
      const allergies = summaryOf({
        resourceType: 'AllergyIntolerance',
        patient: subject,
        code: { text: 'Penicillin' },
        ...(clinicalStatus ? { clinicalStatus } : {}),
      }).sections.allergies.allergies;
      assert.equal(allergies.kind, 'known');
      assert.equal((allergies as { items: { status: string }[] }).items[0]?.status, 'Not known');
    });

  for (const [type, field, words] of [
    ['Condition', 'verificationStatus', 'Refuted'],
    ['Condition', 'verificationStatus', 'Entered in error'],
    ['AllergyIntolerance', 'verificationStatus', 'Refuted'],
    ['AllergyIntolerance', 'verificationStatus', 'entered-in-error'],
  ] as const)
    for (const [shape, concept] of [
      ['text only', { text: words }],
      ['display only', { coding: [{ display: words }] }],
    ] as const)
      test(`${type} ${field} "${words}" (${shape}): never shown`, () => {
        const model = summaryOf(
          type === 'Condition'
            ? { resourceType: type, subject, code: { text: 'Asthma' }, [field]: concept }
            : { resourceType: type, patient: subject, code: { text: 'Penicillin' }, [field]: concept },
        );
        if (type === 'Condition') assert.equal(model.sections.problems.items.length + (model.sections.problems.past ?? []).length, 0);
        else assert.notEqual(model.sections.allergies.allergies.kind, 'known');
      });
});
