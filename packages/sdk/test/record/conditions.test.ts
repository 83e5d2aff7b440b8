/**
 * A Condition reads the same in the summary's problems and on the timeline:
 * refuted and entered-in-error ones are no diagnosis anywhere; unconfirmed,
 * provisional and differential ones say so wherever shown; one that has
 * abated with no clinical status is not current (FHIR con-4).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import {
  CONDITION_UNCERTAINTY_LABELS,
  summaryViewModel,
  timelineViewModel,
  type ProblemItem,
  type RecordAudience,
  type TimelineEvent,
  type TimelineResource,
} from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);

type Fields = Record<string, unknown>;
const condition = (id: string, fields: Fields = {}): Fields => ({
  resourceType: 'Condition',
  id,
  meta: { source: 'https://care-record.example/source/F83999' },
  subject: { reference: `Patient/${PATIENT}` },
  code: { text: 'Type 2 diabetes' },
  onsetDateTime: '2026-10-01',
  ...fields,
});
const verification = (code: string) => ({
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] },
});
const clinical = (code: string) => ({
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }] },
});

function problems(resources: Fields[], audience: RecordAudience = 'clinician'): { current: ProblemItem[]; past: ProblemItem[] } {
  const model = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], {
    audience,
    now: NOW,
    patientId: PATIENT,
    organizations,
  });
  return { current: model.sections.problems.items, past: model.sections.problems.past };
}

function timelineEvents(resources: Fields[], audience: RecordAudience = 'clinician'): TimelineEvent[] {
  const view = timelineViewModel(
    { resources: resources as unknown as TimelineResource[], patientId: PATIENT, organizations },
    { audience, now: NOW },
  );
  return [...view.days.flatMap((day) => day.events), ...view.undated];
}

describe('conditions: the reported cases', () => {
  test('a refuted "Type 2 diabetes" marked active is not an event on the timeline, as it is not a problem in the summary', () => {
    const refuted = condition('c1', { ...verification('refuted'), ...clinical('active') });
    assert.deepEqual(timelineEvents([refuted]), []);
    assert.deepEqual(problems([refuted]), { current: [], past: [] });
  });

  test('a differential "Pulmonary embolism" says it is a differential on the timeline, not "Not known"', () => {
    const [event] = timelineEvents([condition('c2', { ...verification('differential'), code: { text: 'Pulmonary embolism' } })]);
    assert.equal(event?.title, 'Pulmonary embolism');
    assert.equal(event?.status, 'Differential diagnosis');
  });

  test('a differential "Lung cancer" in the summary carries what it is, for the element to show', () => {
    const { current } = problems([condition('c3', { ...verification('differential'), code: { text: 'Lung cancer' } })]);
    assert.deepEqual(
      current.map((item) => [item.text, item.status, item.uncertainty]),
      [['Lung cancer', 'Not known', 'differential']],
    );
  });

  test('abated with no clinical status is a past problem, and the timeline does not call it active', () => {
    const abated = condition('c4', { code: { text: 'Asthma' }, onsetDateTime: '2005-01-01', abatementDateTime: '2010-01-01' });
    const { current, past } = problems([abated]);
    assert.deepEqual([current.map((item) => item.id), past.map((item) => [item.id, item.status])], [[], [['c4', 'Inactive']]]);
    assert.equal(timelineEvents([abated])[0]?.status, 'Inactive');
  });

  test('onset as an age or a range of ages is shown as recorded, not "Not recorded"', () => {
    const { current } = problems([
      condition('age', { onsetDateTime: undefined, onsetAge: { value: 5, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } }),
      condition('range', {
        onsetDateTime: undefined,
        onsetRange: { low: { value: 5, unit: 'years' }, high: { value: 10, unit: 'years' } },
      }),
    ]);
    assert.deepEqual(current.map((item) => [item.id, item.onset]).sort(), [
      ['age', 'Age 5 years'],
      ['range', 'Age 5–10 years'],
    ]);
  });
});

const VERIFICATIONS = [undefined, 'confirmed', 'unconfirmed', 'provisional', 'differential', 'refuted', 'entered-in-error'] as const;
const CLINICAL = [undefined, 'active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
const ABATEMENTS: readonly (readonly [string, Fields])[] = [
  ['none', {}],
  ['abatementDateTime', { abatementDateTime: '2010-01-01' }],
  ['abatementAge', { abatementAge: { value: 12, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' } }],
  ['abatementPeriod', { abatementPeriod: { start: '2010-01-01', end: '2010-02-01' } }],
  ['abatementString', { abatementString: 'in childhood' }],
  ['abatementRange', { abatementRange: { low: { value: 10, unit: 'years' }, high: { value: 12, unit: 'years' } } }],
];
const UNCERTAIN = new Set(['unconfirmed', 'provisional', 'differential']);
const CURRENT = new Set(['active', 'recurrence', 'relapse']);

describe('conditions: every verification × clinical status × abatement, summary and timeline alike', () => {
  for (const audience of ['clinician', 'resident'] as const) {
    for (const verified of VERIFICATIONS) {
      for (const status of CLINICAL) {
        for (const [abatement, abated] of ABATEMENTS) {
          const name = `${audience}: verification ${verified ?? '(none)'}, clinical status ${status ?? '(none)'}, abatement ${abatement}`;
          test(name, () => {
            const resource = condition('c', {
              ...(verified ? verification(verified) : {}),
              ...(status ? clinical(status) : {}),
              ...abated,
            });
            const { current, past } = problems([resource], audience);
            const events = timelineEvents([resource], audience);
            if (verified === 'refuted' || verified === 'entered-in-error') {
              assert.deepEqual([current, past, events], [[], [], []], 'never shown as a diagnosis');
              return;
            }
            const isCurrent = status ? CURRENT.has(status) : abatement === 'none';
            assert.deepEqual([current.length, past.length], isCurrent ? [1, 0] : [0, 1], 'current or past');
            const [item] = [...current, ...past];
            const [event] = events;
            assert.equal(events.length, 1, 'one event');
            if (!status && abatement !== 'none') {
              assert.equal(item?.status, 'Inactive');
              assert.doesNotMatch(event?.status ?? '', /\b(?:active|recurrence|relapse)\b/i);
            }
            if (verified && UNCERTAIN.has(verified)) {
              const label = CONDITION_UNCERTAINTY_LABELS[audience][verified as 'unconfirmed'];
              assert.equal(item?.uncertainty, verified, 'the summary item says how it is not confirmed');
              assert.ok(event?.status?.startsWith(label), `timeline status "${event?.status}" starts with "${label}"`);
            } else {
              assert.equal(item?.uncertainty, undefined);
              for (const label of Object.values(CONDITION_UNCERTAINTY_LABELS[audience]))
                assert.ok(!event?.status?.includes(label), `timeline status "${event?.status}" does not say "${label}"`);
            }
          });
        }
      }
    }
  }
});

describe('conditions: generated verification codings', () => {
  const code = fc.constantFrom(...VERIFICATIONS.filter((value) => value !== undefined), 'made-up', '');
  const codings = fc.array(
    fc.record(
      { system: fc.constantFrom('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'urn:local'), code },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  );
  const resource = fc.record(
    {
      verificationStatus: fc.record(
        { coding: codings, text: fc.constantFrom('Refuted', 'Confirmed', 'Differential') },
        { requiredKeys: [] },
      ),
      clinicalStatus: fc.record({ coding: fc.array(fc.record({ code: fc.constantFrom(...CLINICAL, '') }), { maxLength: 2 }) }),
      abatementDateTime: fc.constantFrom('2010-01-01', '2019'),
    },
    { requiredKeys: [] },
  );

  test('shown on the timeline exactly when shown in the summary; never when any coding says refuted or entered in error', () => {
    fc.assert(
      fc.property(resource, fc.constantFrom('clinician', 'resident' as const), (fields, audience: RecordAudience) => {
        const subjectCondition = condition('c', fields as Fields);
        const { current, past } = problems([subjectCondition], audience);
        const events = timelineEvents([subjectCondition], audience);
        const codes = (fields.verificationStatus?.coding ?? [])
          .map((coding) => coding.code)
          .filter((value) => value !== undefined && (VERIFICATIONS as readonly (string | undefined)[]).includes(value));
        // With no code that names a verification status (none, or only a local one), the words say it: "Refuted" is refuted.
        const voided =
          codes.includes('refuted') ||
          codes.includes('entered-in-error') ||
          (codes.length === 0 && fields.verificationStatus?.text === 'Refuted');
        assert.equal(current.length + past.length, voided ? 0 : 1);
        assert.equal(events.length, voided ? 0 : 1);
        const uncertainty = [...current, ...past][0]?.uncertainty;
        if (uncertainty) assert.ok(events[0]?.status?.startsWith(CONDITION_UNCERTAINTY_LABELS[audience][uncertainty]));
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2_000), seed: seedOr(4_041) },
    );
  });
});
