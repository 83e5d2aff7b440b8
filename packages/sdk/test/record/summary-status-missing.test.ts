/**
 * A care plan, goal or service sent with no status, or a status that is no
 * FHIR R4 code (`Active`, `current`, a number): nothing says it has ended or
 * was never agreed, so it is never left out as if it were not there — a
 * section with nothing else would say there are none. It is listed with its
 * status "Not known". A FHIR code in any case or spacing is read as that code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const NOW = '2026-11-28T09:30:00Z';
const PATIENT = 'pat-0001';
const subject = { reference: `Patient/${PATIENT}` };

const sectionsOf = (resources: Record<string, unknown>[]) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], { audience: 'clinician', now: NOW, patientId: PATIENT })
    .sections;

const withStatus = (field: string, status: unknown) => (status === undefined ? {} : { [field]: status });
const plan = (id: string, status: unknown) => ({
  resourceType: 'CarePlan',
  id,
  ...withStatus('status', status),
  intent: 'plan',
  subject,
  title: `Plan ${id}`,
});
const goal = (id: string, status: unknown) => ({
  resourceType: 'Goal',
  id,
  ...withStatus('lifecycleStatus', status),
  subject,
  description: { text: `Goal ${id}` },
});
const episode = (id: string, status: unknown) => ({
  resourceType: 'EpisodeOfCare',
  id,
  ...withStatus('status', status),
  patient: subject,
  type: [{ text: `Service ${id}` }],
});

/** How each section reads each status: its words when listed, `undefined` when not listed. */
const KINDS = {
  'care plan': {
    resource: plan,
    items: (sections: ReturnType<typeof sectionsOf>) => sections.carePlans.items.map((item) => ({ id: item.id, status: item.status })),
    codes: {
      active: 'Active',
      'on-hold': 'On hold',
      unknown: 'Not known',
      draft: undefined,
      completed: undefined,
      revoked: undefined,
      'entered-in-error': undefined,
    } as Record<string, string | undefined>,
  },
  goal: {
    resource: goal,
    items: (sections: ReturnType<typeof sectionsOf>) => sections.goals.items.map((item) => ({ id: item.id, status: item.status })),
    codes: {
      proposed: 'Proposed',
      planned: 'Planned',
      accepted: 'Agreed',
      active: 'Active',
      'on-hold': 'On hold',
      completed: undefined,
      cancelled: undefined,
      rejected: undefined,
      'entered-in-error': undefined,
    } as Record<string, string | undefined>,
  },
  service: {
    resource: episode,
    items: (sections: ReturnType<typeof sectionsOf>) =>
      sections.involvement.items.map((item) => ({ id: item.id, status: item.statusNotKnown ? 'Not known' : 'Known' })),
    codes: {
      active: 'Known',
      onhold: 'Known',
      planned: undefined,
      waitlist: undefined,
      finished: undefined,
      cancelled: undefined,
      'entered-in-error': undefined,
    } as Record<string, string | undefined>,
  },
} as const;
type Kind = keyof typeof KINDS;

describe('summary: a plan, goal or service with no status, or one that is no FHIR code', () => {
  test('reported: a care plan, a goal and a service sent with no status are listed, their status not known', () => {
    const sections = sectionsOf([plan('cp1', undefined), goal('g1', undefined), episode('e1', undefined)]);
    assert.deepEqual(
      [sections.carePlans.items.map((item) => item.status), sections.goals.items.map((item) => item.status)],
      [['Not known'], ['Not known']],
    );
    assert.deepEqual(
      sections.involvement.items.map((item) => [item.service, item.statusNotKnown]),
      [['Service e1', true]],
    );
  });

  test('a goal whose status names something every object has is not read as a status', () => {
    const sections = sectionsOf([goal('g1', 'toString'), goal('g2', 'constructor')]);
    assert.deepEqual(
      sections.goals.items.map((item) => item.status),
      ['Not known', 'Not known'],
    );
  });

  const sent = (codes: Record<string, string | undefined>) =>
    fc.oneof(
      fc.constantFrom(...Object.keys(codes)).map((code) => ({ status: code as unknown, reads: codes[code] })),
      fc.constantFrom(...Object.keys(codes)).map((code) => ({ status: ` ${code.toUpperCase()} ` as unknown, reads: codes[code] })),
      fc.constantFrom<unknown>(undefined, null, '', 'current', 'toString', 7).map((status) => ({ status, reads: 'Not known' })),
    );

  for (const [kind, { resource, items, codes }] of Object.entries(KINDS) as [Kind, (typeof KINDS)[Kind]][])
    test(`property: ${RUNS} ${kind}s of every status as feeds send them`, () => {
      fc.assert(
        fc.property(fc.array(sent(codes), { minLength: 1, maxLength: 4 }), (statuses) => {
          const shown = items(sectionsOf(statuses.map(({ status }, index) => resource(`x${index}`, status))));
          const expected = statuses.flatMap(({ reads }, index) => (reads === undefined ? [] : [{ id: `x${index}`, status: reads }]));
          const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
          assert.deepEqual([...shown].sort(byId), expected.sort(byId), JSON.stringify(statuses));
        }),
        { numRuns: RUNS, seed: seedOr(20261213) },
      );
    });
});
