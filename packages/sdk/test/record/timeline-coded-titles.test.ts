/**
 * An event whose concept was sent as a code with no words (EMIS, TPP and
 * hospital feeds drop displays) is titled by that code — `SNOMED CT 22298006`,
 * or the code alone from a system the record does not name — not "Not known",
 * which would tell a clinician the source said nothing. Recorded words still
 * come first; "Not known" is kept for a concept that carries nothing. The
 * matrix covers every resource type the timeline reads × the shapes a concept
 * comes in × both audiences.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { eventOf, subject } from './one-event.js';

const SNOMED = 'http://snomed.info/sct';
const AUDIENCES = ['clinician', 'resident'] as const;
const RUNS = Math.max(500, Math.floor(PROPERTY_RUNS / 5));

type Concept = Record<string, unknown> | undefined;

/** Each resource type the timeline reads, with the concept that names it put where that type keeps it, and nothing else that could. */
const RESOURCES: Readonly<Record<TimelineResource['resourceType'], (concept: Concept) => Record<string, unknown>>> = {
  Encounter: (concept) => ({
    resourceType: 'Encounter',
    status: 'finished',
    // No class: a class alone titles an encounter (`titles-narrative-class.test.ts`).
    subject,
    period: { start: '2026-03-01T10:00:00Z' },
    ...(concept ? { type: [concept] } : {}),
  }),
  Appointment: (concept) => ({
    resourceType: 'Appointment',
    status: 'booked',
    start: '2026-03-01T10:00:00Z',
    participant: [{ actor: subject, status: 'accepted' }],
    ...(concept ? { serviceType: [concept] } : {}),
  }),
  Observation: (concept) => ({
    resourceType: 'Observation',
    status: 'final',
    subject,
    effectiveDateTime: '2026-03-01T10:00:00Z',
    ...(concept ? { code: concept } : {}),
  }),
  DiagnosticReport: (concept) => ({
    resourceType: 'DiagnosticReport',
    status: 'final',
    subject,
    effectiveDateTime: '2026-03-01T10:00:00Z',
    ...(concept ? { code: concept } : {}),
  }),
  DocumentReference: (concept) => ({
    resourceType: 'DocumentReference',
    status: 'current',
    subject,
    date: '2026-03-01T10:00:00Z',
    ...(concept ? { type: concept } : {}),
  }),
  CarePlan: (concept) => ({
    resourceType: 'CarePlan',
    status: 'active',
    intent: 'plan',
    subject,
    created: '2026-03-01T10:00:00Z',
    ...(concept ? { category: [concept] } : {}),
  }),
  EpisodeOfCare: (concept) => ({
    resourceType: 'EpisodeOfCare',
    status: 'active',
    patient: subject,
    period: { start: '2026-03-01T10:00:00Z' },
    ...(concept ? { type: [concept] } : {}),
  }),
  Condition: (concept) => ({
    resourceType: 'Condition',
    subject,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    onsetDateTime: '2026-03-01',
    ...(concept ? { code: concept } : {}),
  }),
};

/** The shapes a concept comes in, and the title each must give. */
const SHAPES: readonly { name: string; concept: Concept; title: string }[] = [
  { name: 'text', concept: { text: 'Review of memory', coding: [{ system: SNOMED, code: '22298006' }] }, title: 'Review of memory' },
  { name: 'display', concept: { coding: [{ system: SNOMED, code: '22298006', display: 'Heart attack' }] }, title: 'Heart attack' },
  {
    name: 'display on a second coding',
    concept: {
      coding: [
        { system: SNOMED, code: '22298006' },
        { system: 'http://read.info/readv2', code: 'G30..', display: 'Acute myocardial infarction' },
      ],
    },
    title: 'Acute myocardial infarction',
  },
  { name: 'code only, SNOMED CT', concept: { coding: [{ system: SNOMED, code: '22298006' }] }, title: 'SNOMED CT 22298006' },
  { name: 'code only, Read v2', concept: { coding: [{ system: 'http://read.info/readv2', code: 'G30..' }] }, title: 'Read v2 G30..' },
  {
    name: 'code only, an unknown system then a known one',
    concept: {
      coding: [
        { system: 'https://trust.example/codes', code: 'LOC-7' },
        { system: 'http://loinc.org', code: '2823-3' },
      ],
    },
    title: 'LOINC 2823-3',
  },
  {
    name: 'code only, an unknown system',
    concept: { coding: [{ system: 'https://trust.example/codes', code: 'LOC-7' }] },
    title: 'LOC-7',
  },
  { name: 'code only, no system', concept: { coding: [{ code: 'XYZ1' }] }, title: 'XYZ1' },
  { name: 'nothing: no concept', concept: undefined, title: 'Not known' },
  { name: 'nothing: an empty concept', concept: {}, title: 'Not known' },
  {
    name: 'nothing: blank words, a coding with no code',
    concept: { text: '  ', coding: [{ system: SNOMED, display: ' ' }] },
    title: 'Not known',
  },
];

describe('timeline: a concept sent only as a code titles the event by its code', () => {
  test('the reported case: an encounter coded SNOMED CT 22298006 with no text or display', () => {
    const event = eventOf(RESOURCES.Encounter({ coding: [{ system: SNOMED, code: '22298006' }] }), 'clinician');
    assert.equal(event.title, 'SNOMED CT 22298006');
  });

  for (const [resourceType, build] of Object.entries(RESOURCES)) {
    for (const shape of SHAPES) {
      for (const audience of AUDIENCES) {
        test(`${resourceType}, ${shape.name}, ${audience}: "${shape.title}"`, () => {
          const event = eventOf(build(shape.concept), audience);
          assert.equal(event.title, shape.title);
          assert.equal(event.title === 'Not known', shape.concept === undefined || shape.name.startsWith('nothing'));
        });
      }
    }
  }

  test('words recorded elsewhere still come before a code', () => {
    const coded = { coding: [{ system: SNOMED, code: '22298006' }] };
    const cases: readonly [Record<string, unknown>, string][] = [
      [{ ...RESOURCES.Appointment(coded), description: 'Memory clinic follow-up' }, 'Memory clinic follow-up'],
      [{ ...RESOURCES.DocumentReference(coded), description: 'Letter from cardiology' }, 'Letter from cardiology'],
      [{ ...RESOURCES.CarePlan(coded), title: 'Reablement plan' }, 'Reablement plan'],
      [{ ...RESOURCES.Encounter(coded), serviceType: { text: 'Cardiology' } }, 'Cardiology'],
      [{ ...RESOURCES.Appointment(coded), appointmentType: { coding: [{ display: 'Routine' }] } }, 'Routine'],
    ];
    for (const [resource, title] of cases) for (const audience of AUDIENCES) assert.equal(eventOf(resource, audience).title, title);
  });

  const blank = fc.constantFrom(undefined, '', '  ');
  const words = fc.constantFrom('Review of memory', ' Chest  pain ', 'Full blood count');
  const system = fc.constantFrom(undefined, '', SNOMED, 'http://loinc.org', 'http://snomed.info/sct/', 'https://trust.example/codes');
  const code = fc.oneof(blank, fc.constantFrom('22298006', '2823-3', 'LOC-7'), fc.string({ minLength: 1, maxLength: 5 }));
  const coding = fc.record({ system, code, display: fc.oneof(blank, words) }, { requiredKeys: [] });
  const concept = fc.record({ text: fc.oneof(blank, words), coding: fc.array(coding, { maxLength: 3 }) }, { requiredKeys: [] });
  const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

  test(`property: ${RUNS} concepts on every event type — "Not known" exactly when nothing was given`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(RESOURCES) as (keyof typeof RESOURCES)[])),
        concept,
        fc.constantFrom(...AUDIENCES),
        (resourceType, given, audience) => {
          const { title } = eventOf(RESOURCES[resourceType](given), audience);
          const codings = given.coding ?? [];
          const worded = tidy(given.text) !== '' || codings.some((one) => tidy(one.display));
          const coded = codings.some((one) => tidy(one.code));
          assert.equal(title === 'Not known', !worded && !coded, title);
          assert.doesNotMatch(title, /undefined|\[object/);
          // Words sent come before any code: the title is the text, else a display.
          const sent = [tidy(given.text), ...codings.map((one) => tidy(one.display))].filter(Boolean);
          if (worded) assert.ok(sent.includes(tidy(title)), title);
          // With no words, one of the codes sent, with its system's name or alone.
          else if (coded)
            assert.ok(
              codings.some((one) => tidy(one.code) && title.endsWith(tidy(one.code))),
              title,
            );
        },
      ),
      { numRuns: RUNS, seed: seedOr(20261211) },
    );
  });
});
