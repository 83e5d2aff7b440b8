/**
 * An answer for one resident that carries items about another patient (or
 * about no one) was misrouted: the resident's own items may have gone to the
 * other record. The summary drops the strays (the wrong-patient guard); no
 * section they came into may then say "none" or "No … recorded" from what was
 * left, and every one of the resident's own items is still shown. Before,
 * only the allergies knew: a problems section holding only another patient's
 * condition read "No active problems recorded".
 *
 * The class: every section × any number of the resident's own items × any
 * number of another's, referenced in every form a source may use (relative,
 * absolute, versioned, contained, conditional, by identifier alone, none).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { NOT_SHOWN_SAFELY_NOTICE, summaryViewModel, type SummarySectionKey, type SummaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { ownReferences, ownWho, STRAY_REFERENCES, strayWho, type Who } from './stray-references.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T12:00:00Z';
const SOURCE = { source: 'https://care-record.example/source/F83999' };
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);

const OWN_REFERENCES = ownReferences(PATIENT);

const coding = (system: string, code: string) => ({ coding: [{ system, code }] });

/** One item of a section, about whoever `who` names; each is one the section lists when it is the resident's. */
const ITEMS: Record<SummarySectionKey, (id: string, who: Who) => Record<string, unknown>> = {
  alerts: (id, who) => ({ resourceType: 'Flag', id, status: 'active', code: { text: `Risk of falls ${id}` }, ...who('subject') }),
  legal: (id, who) => ({
    resourceType: 'Flag',
    id,
    status: 'active',
    code: { coding: [{ system: 'https://care-record.example/CodeSystem/alert', code: 'lpa-health', display: `LPA ${id}` }] },
    ...who('subject'),
  }),
  allergies: (id, who) => ({
    resourceType: 'AllergyIntolerance',
    id,
    clinicalStatus: coding('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'),
    verificationStatus: coding('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', 'confirmed'),
    code: { text: `Penicillin ${id}` },
    recordedDate: '2026-01-10',
    ...who('patient'),
  }),
  problems: (id, who) => ({
    resourceType: 'Condition',
    id,
    clinicalStatus: coding('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
    code: { text: `Asthma ${id}` },
    onsetDateTime: '2020-03-01',
    ...who('subject'),
  }),
  medications: (id, who) => ({
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { text: `Amlodipine 5mg tablets ${id}` },
    authoredOn: '2026-11-01',
    ...who('subject'),
  }),
  procedures: (id, who) => ({
    resourceType: 'Procedure',
    id,
    status: 'completed',
    code: { text: `Hip replacement ${id}` },
    performedDateTime: '2024-05-01',
    ...who('subject'),
  }),
  immunisations: (id, who) => ({
    resourceType: 'Immunization',
    id,
    status: 'completed',
    vaccineCode: { text: `Influenza ${id}` },
    occurrenceDateTime: '2025-10-01',
    ...who('patient'),
  }),
  contacts: (id, who) => ({
    resourceType: 'RelatedPerson',
    id,
    active: true,
    name: [{ text: `Aoife O'Connor ${id}` }],
    ...who('patient'),
  }),
  carePlans: (id, who) => ({
    resourceType: 'CarePlan',
    id,
    status: 'active',
    intent: 'plan',
    title: `Support plan ${id}`,
    ...who('subject'),
  }),
  goals: (id, who) => ({
    resourceType: 'Goal',
    id,
    lifecycleStatus: 'active',
    description: { text: `Walk to the shops ${id}` },
    ...who('subject'),
  }),
  involvement: (id, who) => ({
    resourceType: 'EpisodeOfCare',
    id,
    status: 'active',
    type: [{ text: `District nursing ${id}` }],
    period: { start: '2026-01-01' },
    ...who('patient'),
  }),
  appointments: (id, who) => ({
    resourceType: 'Appointment',
    id,
    status: 'booked',
    description: `Diabetes review ${id}`,
    start: '2027-01-10T10:00:00Z',
    end: '2027-01-10T10:20:00Z',
    participant: [{ actor: (who('actor') as { actor?: unknown }).actor, status: 'accepted' }],
  }),
};
const SECTIONS = Object.keys(ITEMS) as SummarySectionKey[];

const patient = { resourceType: 'Patient', id: PATIENT, birthDate: '1950-01-01', name: [{ text: 'Bridget Kelly' }] };

const summarise = (resources: unknown[], audience: 'clinician' | 'resident'): SummaryViewModel =>
  summaryViewModel([patient, ...resources], { audience, now: NOW, patientId: PATIENT, organizations });

/** Everything a section shows, as text: its items, its notices, and what it says when it lists nothing. */
const shown = (view: SummaryViewModel, key: SummarySectionKey): string => {
  const section = view.sections[key];
  return JSON.stringify([section.items, section.notices, section.items.length === 0 ? section.emptyText : '']);
};

test('the fixtures: each section lists one item of the resident’s own, and none of another’s', () => {
  for (const key of SECTIONS) {
    const own = summarise([ITEMS[key]('own-0', ownWho(`Patient/${PATIENT}`))], 'clinician');
    assert.equal(own.sections[key].items.length, 1, key);
    assert.equal(own.sections[key].notShownSafely, false, key);
    const stray = summarise([ITEMS[key]('stray-0', strayWho(STRAY_REFERENCES[0] ?? {}))], 'clinician');
    assert.equal(stray.sections[key].items.length, 0, key);
  }
});

test(`property: ${Math.min(PROPERTY_RUNS, 600)} answers with another's items in any section — never "none", the resident's all there`, () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SECTIONS),
      fc.array(fc.constantFrom(...OWN_REFERENCES), { maxLength: 3 }),
      fc.array(fc.constantFrom(...STRAY_REFERENCES), { maxLength: 3 }),
      fc.constantFrom('clinician' as const, 'resident' as const),
      fc.nat(),
      (key, own, strays, audience, shuffle) => {
        const mine = own.map((reference, index) => ({ meta: SOURCE, ...ITEMS[key](`own-${index}`, ownWho(reference)) }));
        const theirs = strays.map((stray, index) => ({ meta: SOURCE, ...ITEMS[key](`stray-${index}`, strayWho(stray)) }));
        const all: unknown[] = [...mine];
        theirs.forEach((resource, index) => all.splice((shuffle + index * 7) % (all.length + 1), 0, resource));
        const view = summarise(all, audience);
        const section = view.sections[key];
        const text = shown(view, key);
        // Nothing of theirs, under any section.
        for (const other of SECTIONS) assert.ok(!shown(view, other).includes('stray-'), `${other} shows another's item`);
        // Every one of the resident's own is listed.
        for (let index = 0; index < own.length; index++) assert.ok(text.includes(`own-${index}`), `own-${index} missing`);
        assert.equal(view.safetyIssues.length, strays.length);
        if (strays.length > 0) {
          assert.equal(section.notShownSafely, true);
          assert.notEqual(section.state, 'empty');
          assert.ok(section.notices.includes(NOT_SHOWN_SAFELY_NOTICE));
          if (section.items.length === 0) {
            assert.doesNotMatch(section.emptyText, /\bno\b|\bnone\b|not recorded|nothing/i, section.emptyText);
          }
        } else {
          assert.equal(section.notShownSafely, false);
          assert.equal(section.state, own.length > 0 ? 'ready' : 'empty');
        }
        // A section theirs did not come into is unchanged by them.
        for (const other of SECTIONS) if (other !== key) assert.equal(view.sections[other].notShownSafely, false, other);
      },
    ),
    { numRuns: Math.min(PROPERTY_RUNS, 600), seed: seedOr(20_261_206) },
  );
});
