/**
 * A coded entry with no words: EMIS, TPP and many hospital feeds send a SNOMED
 * CT, Read or ICD-10 code with no `text` and no `display`. The source did say
 * something, so a clinician is never told "Not known": the summary shows the
 * code with the friendly name of its code system (`SNOMED CT 22298006`), the
 * code alone from a system it does not know, and "Not known" only when the
 * concept carries nothing at all. Recorded words always come first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { codedText, conceptWords, firstConceptWords } from '../../src/record/concept-text.js';
import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(500, Math.floor(PROPERTY_RUNS / 5));
const PATIENT = 'pat-1';
const NOW = '2026-11-28T09:30:00Z';
const SNOMED = 'http://snomed.info/sct';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };

/** The code systems NHS records use, and how the summary names each. */
const SYSTEMS: Record<string, string> = {
  'http://snomed.info/sct': 'SNOMED CT',
  'https://dmd.nhs.uk': 'dm+d',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10',
  'http://hl7.org/fhir/sid/icd-10-uk': 'ICD-10',
  'http://read.info/readv2': 'Read v2',
  'http://read.info/ctv3': 'CTV3',
  'http://loinc.org': 'LOINC',
};

/** A myocardial infarction, coded as each source sends it with no words. */
const infarction = { coding: [{ system: SNOMED, code: '22298006' }] };

const summaryOf = (resources: Record<string, unknown>[]) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources.map((resource) => ({ meta, ...resource }))], {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
  });

describe('concept words: a code with no display is shown as the code, never "Not known"', () => {
  test('reported: a problem coded in SNOMED CT with no text or display reads "SNOMED CT 22298006"', () => {
    const model = summaryOf([
      { resourceType: 'Condition', id: 'c1', subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: infarction },
    ]);
    assert.deepEqual(
      model.sections.problems.items.map((item) => item.text),
      ['SNOMED CT 22298006'],
    );
  });

  /** Every summary section that names an entry by a CodeableConcept, with the entry built around that concept. */
  const SECTIONS: Record<
    string,
    { resource: (concept: unknown) => Record<string, unknown>; shown: (model: ReturnType<typeof summaryOf>) => unknown }
  > = {
    'a problem': {
      resource: (code) => ({ resourceType: 'Condition', id: 'c1', subject, clinicalStatus: { coding: [{ code: 'active' }] }, code }),
      shown: (model) => model.sections.problems.items[0]?.text,
    },
    "a problem's severity": {
      resource: (severity) => ({
        resourceType: 'Condition',
        id: 'c1',
        subject,
        clinicalStatus: { coding: [{ code: 'active' }] },
        code: { text: 'Asthma' },
        severity,
      }),
      shown: (model) => model.sections.problems.items[0]?.severity,
    },
    'an alert': {
      resource: (code) => ({ resourceType: 'Flag', id: 'f1', status: 'active', subject, code, period: { start: '2025-01-01' } }),
      shown: (model) => model.sections.alerts.items[0]?.text,
    },
    'a procedure': {
      resource: (code) => ({ resourceType: 'Procedure', id: 'p1', status: 'completed', subject, code, performedDateTime: '2025-01-01' }),
      shown: (model) => model.sections.procedures.items[0]?.text,
    },
    "a procedure's body site": {
      resource: (site) => ({
        resourceType: 'Procedure',
        id: 'p1',
        status: 'completed',
        subject,
        code: { text: 'Excision of lesion' },
        bodySite: [site],
        performedDateTime: '2025-01-01',
      }),
      shown: (model) => model.sections.procedures.items[0]?.bodySite,
    },
    'why a procedure was not done': {
      resource: (reason) => ({
        resourceType: 'Procedure',
        id: 'p1',
        status: 'not-done',
        subject,
        code: { text: 'Excision of lesion' },
        statusReason: reason,
      }),
      shown: (model) => model.sections.procedures.items[0]?.reason,
    },
    'a care plan with no title': {
      resource: (category) => ({ resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', subject, category: [category] }),
      shown: (model) => model.sections.carePlans.items[0]?.title,
    },
    'a service involved': {
      resource: (type) => ({ resourceType: 'EpisodeOfCare', id: 'e1', status: 'active', patient: subject, type: [type] }),
      shown: (model) => model.sections.involvement.items[0]?.service,
    },
    'an appointment': {
      resource: (serviceType) => ({
        resourceType: 'Appointment',
        id: 'a1',
        status: 'booked',
        start: '2026-12-14T10:00:00Z',
        serviceType: [serviceType],
        participant: [{ actor: subject, status: 'accepted' }],
      }),
      shown: (model) => model.sections.appointments.items[0]?.description,
    },
    'a goal': {
      resource: (description) => ({ resourceType: 'Goal', id: 'g1', lifecycleStatus: 'active', subject, description }),
      shown: (model) => model.sections.goals.items[0]?.title,
    },
    "a goal's target measure": {
      resource: (measure) => ({
        resourceType: 'Goal',
        id: 'g1',
        lifecycleStatus: 'active',
        subject,
        description: { text: 'Lose weight' },
        target: [{ measure, detailQuantity: { value: 80, unit: 'kg' }, dueDate: '2027-01-01' }],
      }),
      shown: (model) => model.sections.goals.items[0]?.targets[0]?.replace(/ 80 kg$/, ''),
    },
    "a contact's relationship": {
      resource: (relationship) => ({
        resourceType: 'RelatedPerson',
        id: 'rp1',
        active: true,
        patient: subject,
        name: [{ family: 'OKAFOR', given: ['Ada'] }],
        relationship: [relationship],
      }),
      shown: (model) => model.sections.contacts.items[0]?.relationships[0],
    },
  };

  for (const [section, { resource, shown }] of Object.entries(SECTIONS)) {
    test(`${section}: words first, a code with no words reads the code; with nothing, "Not known" or its own words for none`, () => {
      const coded = shown(summaryOf([resource({ coding: [{ system: 'http://read.info/ctv3', code: 'X200E' }] })]));
      assert.equal(coded, 'CTV3 X200E');
      const worded = shown(summaryOf([resource({ text: 'As recorded', coding: [{ system: SNOMED, code: '22298006' }] })]));
      assert.equal(worded, 'As recorded');
      const displayed = shown(summaryOf([resource({ coding: [{ system: SNOMED, code: '22298006' }, { display: 'As displayed' }] })]));
      assert.equal(displayed, 'As displayed');
      const empty = shown(summaryOf([resource({ coding: [{ system: SNOMED }] })]));
      // Nothing recorded: the section's own words for none, or no such detail at all, never a system with no code.
      if (empty !== undefined) assert.doesNotMatch(String(empty), /SNOMED|undefined|22298006/);
    });
  }

  test('a plan or alert whose first category says nothing is named by the next one that does', () => {
    const categories = [{ coding: [{ system: SNOMED }] }, { text: 'Reablement' }];
    const model = summaryOf([
      { resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', subject, category: categories },
      {
        resourceType: 'Flag',
        id: 'f1',
        status: 'active',
        subject,
        code: { text: 'Key safe' },
        category: [{}, { coding: [{ code: 'safety' }] }],
      },
      {
        resourceType: 'Flag',
        id: 'f2',
        status: 'active',
        subject,
        code: { text: 'Dog at home' },
        category: [{ coding: [{ code: 'toString' }] }],
      },
    ]);
    assert.deepEqual(
      model.sections.carePlans.items.map((item) => [item.title, item.category]),
      [['Reablement', 'Reablement']],
    );
    assert.deepEqual(
      model.sections.alerts.items.map((item) => [item.text, item.category]),
      [
        ['Key safe', 'Safety'],
        ['Dog at home', 'toString'],
      ],
    );
  });

  const blank = fc.constantFrom(undefined, '', '   ');
  const words = fc.constantFrom('Myocardial infarction', 'Heart attack', ' Type 2  diabetes ');
  const system = fc.constantFrom(undefined, '', ...Object.keys(SYSTEMS), 'http://snomed.info/sct/', 'https://fhir.example.org/local-codes');
  const code = fc.oneof(blank, fc.constantFrom('22298006', 'X200E', 'I21.9', '44054006'));
  const coding = fc.record({ system, code, display: fc.oneof(blank, words) }, { requiredKeys: [] });
  const concept = fc.record({ text: fc.oneof(blank, words), coding: fc.array(coding, { maxLength: 3 }) }, { requiredKeys: [] });

  const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
  /** What a clinician should read, decided from the concept alone. */
  function expected(given: {
    text?: string | undefined;
    coding?: { system?: string | undefined; code?: string | undefined; display?: string | undefined }[];
  }) {
    if (tidy(given.text)) return tidy(given.text);
    const display = (given.coding ?? []).map((one) => tidy(one.display)).find(Boolean);
    if (display) return display;
    const coded = (given.coding ?? []).filter((one) => tidy(one.code));
    const named = coded.find((one) => SYSTEMS[tidy(one.system).replace(/\/+$/, '')]);
    if (named) return `${SYSTEMS[tidy(named.system).replace(/\/+$/, '')]} ${tidy(named.code)}`;
    return coded[0] ? tidy(coded[0].code) : undefined;
  }

  test(`property: ${RUNS} concepts with any mix of text, display, code and system`, () => {
    fc.assert(
      fc.property(concept, (given) => {
        const want = expected(given);
        assert.equal(conceptWords(given), want ?? 'Not known');
        assert.equal(conceptWords(given, ''), want ?? '');
        if (!tidy(given.text) && !(given.coding ?? []).some((one) => tidy(one.display))) assert.equal(codedText(given), want);
        // And through the summary: a problem says what its code says.
        const model = summaryOf([
          { resourceType: 'Condition', id: 'c1', subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: given },
        ]);
        assert.equal(model.sections.problems.items[0]?.text, want ?? 'Not known');
      }),
      { numRuns: RUNS, seed: seedOr(20261208) },
    );
  });

  test(`property: ${RUNS} lists of concepts — words anywhere in the list before any code`, () => {
    fc.assert(
      fc.property(fc.array(concept, { maxLength: 3 }), (concepts) => {
        const worded = concepts
          .map((one) => tidy(one.text) || (one.coding ?? []).map((item) => tidy(item.display)).find(Boolean))
          .find(Boolean);
        const want = worded ?? concepts.map(expected).find((one) => one !== undefined);
        assert.equal(firstConceptWords(concepts), want);
      }),
      { numRuns: RUNS, seed: seedOr(20261209) },
    );
  });
});
