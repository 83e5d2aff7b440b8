/**
 * Property tests for the record page's banner and summary (issue 12):
 * 10,000 generated records per audience of alerts, allergies, problems and
 * medicines from any server — the contract's shapes and real-world ones
 * beside them (contained Medication, orders based on a care plan, missing
 * optionals, wrong types, nulls in arrays, unknown codes, very long text,
 * items about someone else, NOPAT labels, withheld notices). Invariants,
 * decided from the generated input and not from the builders' code:
 *
 * - nothing throws, and every string shown is fit to show;
 * - an item the caller may see is shown, or said to be unreadable: its
 *   section never reads as empty, and the banner and summary never say
 *   "no allergies" beside a current allergy;
 * - anything withheld is said;
 * - nothing about another patient is shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Patient } from '../../src/fhir.js';
import { pageBanner, pageSummary, type RecordPageData } from '../../src/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { concept, junk, list, maybe, OTHER_PATIENT, PATIENT, text } from './fhir-arbitraries.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = PROPERTY_RUNS;
const NOW = new Date('2026-11-28T09:00:00Z');
const NKA = '716186003';
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
  ['F83999', 'Tufnell Green Surgery'],
]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const patient: Patient = {
  resourceType: 'Patient',
  id: PATIENT,
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990001234' }],
  name: [{ use: 'official', family: 'Okafor', given: ['Amara'], prefix: ['Ms'] }],
  gender: 'female',
  birthDate: '1960-04-05',
  meta: { source: 'https://care-record.example/source/F83999' },
};

const subjectRef = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ reference: `Patient/${PATIENT}` }) },
  { weight: 1, arbitrary: fc.constant({ reference: `https://fhir.example.org/r4/Patient/${PATIENT}` }) },
  { weight: 2, arbitrary: fc.constant({ reference: `Patient/${OTHER_PATIENT}` }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: junk },
);
const meta = fc.record(
  {
    source: fc.constantFrom('https://care-record.example/source/RZ9', 'https://care-record.example/source/F83999', 'urn:other-system'),
    security: fc.array(fc.record({ code: fc.constantFrom('NOPAT', 'R') }), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const status = (codes: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...codes).map((code) => ({ coding: [{ system: 'http://terminology.hl7.org/x', code }] })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: junk },
  );

const flag = (id: string) =>
  fc.record(
    {
      resourceType: fc.constant('Flag'),
      id: fc.constant(id),
      status: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('active', 'inactive', 'entered-in-error') }, { weight: 1, arbitrary: junk }),
      subject: subjectRef,
      code: maybe(concept),
      category: list(concept, 1),
      meta,
    },
    { requiredKeys: ['resourceType', 'id', 'status', 'subject', 'code'] },
  );
const allergy = (id: string) =>
  fc.record(
    {
      resourceType: fc.constant('AllergyIntolerance'),
      id: fc.constant(id),
      patient: subjectRef,
      clinicalStatus: status(['active', 'inactive', 'resolved']),
      verificationStatus: status(['confirmed', 'unconfirmed', 'refuted', 'entered-in-error']),
      code: fc.oneof(
        { weight: 5, arbitrary: maybe(concept) },
        { weight: 1, arbitrary: fc.constant({ coding: [{ system: 'http://snomed.info/sct', code: NKA }], text: 'No known allergy' }) },
      ),
      reaction: list(fc.record({ manifestation: list(concept, 2) }, { requiredKeys: [] }), 2),
      meta,
    },
    { requiredKeys: ['resourceType', 'id', 'patient', 'code'] },
  );
const condition = (id: string) =>
  fc.record(
    {
      resourceType: fc.constant('Condition'),
      id: fc.constant(id),
      subject: subjectRef,
      clinicalStatus: status(['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved']),
      verificationStatus: status(['confirmed', 'provisional', 'refuted', 'entered-in-error']),
      code: maybe(concept),
      onsetDateTime: maybe(fc.constantFrom('2024-02-29', '2025-03', 'yesterday', '')),
      meta,
    },
    { requiredKeys: ['resourceType', 'id', 'subject'] },
  );
const medicationRequest = (id: string) =>
  fc
    .record(
      {
        resourceType: fc.constant('MedicationRequest'),
        id: fc.constant(id),
        subject: subjectRef,
        status: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom('active', 'stopped', 'completed', 'entered-in-error') },
          { weight: 1, arbitrary: junk },
        ),
        intent: fc.constantFrom('order', 'plan', 'original-order'),
        basedOn: fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: fc.constant([{ reference: 'CarePlan/cp-1' }]) },
          { weight: 1, arbitrary: fc.constant([null, { reference: 'ServiceRequest/sr-1' }]) },
        ),
        medication: fc.oneof(
          fc.record({ medicationCodeableConcept: maybe(concept) }),
          fc.constant({
            medicationReference: { reference: '#med1' },
            contained: [{ resourceType: 'Medication', id: 'med1', code: { text: 'Metformin 500mg tablets' } }],
          }),
          fc.constant({ medicationReference: { reference: '#missing' } }),
        ),
        dosageInstruction: list(fc.record({ text: maybe(text) }, { requiredKeys: [] }), 2),
        meta,
      },
      { requiredKeys: ['resourceType', 'id', 'subject', 'status', 'intent', 'medication'] },
    )
    .map(({ medication, ...request }) => ({ ...request, ...(medication as Json) }));

const many = <T>(make: (id: string) => fc.Arbitrary<T>, prefix: string, max: number) =>
  fc.integer({ min: 0, max }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => make(`${prefix}-${index}`))));

const record = fc.record({
  flags: many(flag, 'flag', 3),
  allergies: many(allergy, 'al', 3),
  conditions: many(condition, 'cond', 4),
  medicines: many(medicationRequest, 'mr', 3),
  withheld: fc.boolean(),
});

/** Whether a reference names the patient in context, read independently of the SDK. */
const about = (reference: unknown): boolean =>
  isObject(reference) &&
  typeof reference['reference'] === 'string' &&
  new RegExp(`(^|/)Patient/${PATIENT}$`).test(reference['reference'].trim());
const hiddenFromResident = (resource: Json) =>
  isObject(resource['meta']) &&
  Array.isArray(resource['meta']['security']) &&
  (resource['meta']['security'] as unknown[]).some((label) => isObject(label) && label['code'] === 'NOPAT');
/** The codes a status concept holds; `undefined` when it holds none that can be read. */
const codesOf = (concept: unknown): string[] | undefined => {
  if (!isObject(concept) || !Array.isArray(concept['coding'])) return undefined;
  const codes = (concept['coding'] as unknown[]).flatMap((coding) =>
    isObject(coding) && typeof coding['code'] === 'string' ? [coding['code']] : [],
  );
  return codes.length > 0 ? codes : undefined;
};
const isOneOf = (concept: unknown, codes: string[]) => (codesOf(concept) ?? []).some((code) => codes.includes(code));

for (const audience of ['clinician', 'resident'] as const) {
  describe(`the record page's banner and summary, for a ${audience}`, () => {
    test(`${RUNS} generated records: what may be seen is shown or said, never "none"; withheld is said; no one else's`, () => {
      let checked = 0;
      const exercised = { alerts: 0, problems: 0, allergies: 0, medicines: 0, elsewhere: 0 };
      fc.assert(
        fc.property(record, ({ flags, allergies, conditions, medicines, withheld }) => {
          const resources = [patient, ...flags, ...allergies, ...conditions, ...medicines] as unknown[];
          const page: RecordPageData = {
            patient,
            resources,
            notices: { withheld, unavailableSources: [] },
            organizations: ORGANIZATIONS,
            at: NOW,
            roundTrips: 1,
          };
          const options = { audience, now: () => NOW };
          const summary = pageSummary(page, options);
          const banner = pageBanner(page, options);
          const { sections } = summary;
          const visible = (resource: Json, subject: unknown) =>
            about(subject) && !(audience === 'resident' && hiddenFromResident(resource));
          const shownOrSaid = (section: { items: unknown[]; unreadable: unknown[] }) =>
            section.items.length + section.unreadable.length > 0;

          // The banner's identity never depends on clinical items.
          assert.equal(
            typeof banner.nhsNumber === 'object' ? banner.nhsNumber.formatted.replace(/\s/g, '') : banner.nhsNumber,
            '9990001234',
          );

          const activeFlags = flags.filter((item) => item['status'] === 'active' && visible(item, item['subject']));
          if (activeFlags.length > 0) exercised.alerts++;
          if (activeFlags.length > 0)
            assert.ok(shownOrSaid(sections.alerts) || shownOrSaid(sections.legal), 'an active alert is shown or said');

          const currentProblems = conditions.filter(
            (item) =>
              visible(item, item['subject']) &&
              !isOneOf(item['verificationStatus'], ['refuted', 'entered-in-error']) &&
              (codesOf(item['clinicalStatus']) === undefined || isOneOf(item['clinicalStatus'], ['active', 'recurrence', 'relapse'])),
          );
          if (currentProblems.length > 0) exercised.problems++;
          if (currentProblems.length > 0) assert.ok(shownOrSaid(sections.problems), 'a current problem is shown or said');

          const currentAllergies = allergies.filter(
            (item) =>
              visible(item, item['patient']) &&
              !isOneOf(item['verificationStatus'], ['refuted', 'entered-in-error']) &&
              !isOneOf(item['clinicalStatus'], ['inactive', 'resolved']) &&
              !isOneOf(item['code'], [NKA]),
          );
          if (currentAllergies.length > 0) {
            exercised.allergies++;
            for (const [where, state] of [
              ['summary', sections.allergies.allergies],
              ['banner', banner.allergies],
            ] as const)
              assert.ok(state.kind === 'known' || state.kind === 'unavailable', `${where}: a current allergy is not "${state.kind}"`);
          }

          const currentMedicines = medicines.filter(
            (item) =>
              item['status'] === 'active' &&
              visible(item, item['subject']) &&
              !(
                Array.isArray(item['basedOn']) &&
                (item['basedOn'] as unknown[]).some(
                  (based) => isObject(based) && String(based['reference']).startsWith('MedicationRequest/'),
                )
              ),
          );
          if (currentMedicines.length > 0) exercised.medicines++;
          if (currentMedicines.length > 0) assert.ok(shownOrSaid(sections.medications), 'a current medicine is shown or said');

          if (withheld) assert.equal(summary.withheld, true, 'withheld is said');
          if (
            audience === 'resident' &&
            resources.some(
              (item) => isObject(item) && item !== patient && about(item['subject'] ?? item['patient']) && hiddenFromResident(item),
            )
          )
            assert.equal(summary.withheld, true, 'a NOPAT item is said to be withheld');

          // Nothing about another patient is shown.
          const elsewhere = new Set(
            ([...flags, ...allergies, ...conditions, ...medicines] as Json[])
              .filter((item) => !about(item['subject'] ?? item['patient']))
              .map((item) => String(item['id'])),
          );
          if (elsewhere.size > 0) exercised.elsewhere++;
          for (const section of Object.values(sections))
            for (const item of section.items as { id?: string }[])
              assert.ok(!elsewhere.has(String(item.id)), `${String(item.id)} is not this patient's`);

          assertDisplayable(JSON.parse(JSON.stringify(sections)), 'generated summary');
          assertDisplayable(JSON.parse(JSON.stringify({ name: banner.name, labels: banner.labels })), 'generated banner');
          checked++;
        }),
        { numRuns: RUNS, seed: seedOr(audience === 'clinician' ? 20261205 : 20261206) },
      );
      assert.equal(checked, RUNS);
      // Each invariant was put to the test in a good share of the records.
      for (const [invariant, count] of Object.entries(exercised)) assert.ok(count > RUNS / 10, `${invariant}: ${count} records`);
    });
  });
}
