/**
 * Property tests for the medicines' truth (review of the medicines view
 * models): generated records of distinct medicines, with any FHIR R4 status,
 * any intent, `doNotPerform` set or not, a statement's period ended or not,
 * from any source, and dosages with or without text. Invariants, decided from
 * the input: the summary's headline counts exactly the medicines the list
 * shows as current, by name; a "do not give" order or a proposal is never a
 * medicine listed or counted; a structured dose is never "No information
 * available", and a dosage text is shown verbatim.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, NO_DOSAGE, summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 5));
const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
]);
const MEDICINES = [
  'Amlodipine 5mg tablets',
  'Metformin 500mg tablets',
  'Warfarin 1mg tablets',
  'Penicillin V 250mg tablets',
  'Ramipril 5mg capsules',
  'Atorvastatin 20mg tablets',
];
type Json = Record<string, unknown>;

const requestStatus = fc.constantFrom('active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown');
const statementStatus = fc.constantFrom(
  'active',
  'completed',
  'entered-in-error',
  'intended',
  'stopped',
  'on-hold',
  'unknown',
  'not-taken',
);
const intent = fc.constantFrom(
  'proposal',
  'plan',
  'order',
  'original-order',
  'reflex-order',
  'filler-order',
  'instance-order',
  'option',
  undefined,
);
const end = fc.constantFrom(undefined, '2020-02-01', '2026-11-27', '2026-11-28', '2026-11-28T08:00:00Z', '2027-03-01');
const meta = fc.constantFrom('F83999', 'RZ9').map((ods) => ({ source: `https://care-record.example/source/${ods}` }));

const PRESCRIPTION_TYPE_URL = 'https://care-record.example/StructureDefinition/prescription-type';
const COURSE = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';
const request = fc.record({
  resourceType: fc.constant('MedicationRequest'),
  status: requestStatus,
  intent,
  doNotPerform: fc.constantFrom(undefined, true, false),
  // How sources say what kind of prescription it is: UK Core's extension, FHIR's course of therapy, or neither.
  extension: fc
    .constantFrom(undefined, 'acute', 'repeat', 'repeat-dispensing', 'delayed-prescribing')
    .map((code) => (code ? [{ url: PRESCRIPTION_TYPE_URL, valueCoding: { code } }] : [])),
  courseOfTherapyType: fc
    .constantFrom(undefined, 'acute', 'continuous', 'continuous-repeating-dispensing')
    .map((code) => (code ? { coding: [{ system: COURSE, code }] } : { text: 'Not said' })),
  meta,
});
/** The kind the headline counts a prescription as, for the type the list shows it with. */
const KIND_OF_TYPE: Record<string, string> = { Acute: 'acute', Delayed: 'acute', Repeat: 'repeat', 'Repeat dispensing': 'repeat' };
const statement = fc.record({
  resourceType: fc.constant('MedicationStatement'),
  status: statementStatus,
  doNotPerform: fc.constantFrom(undefined, undefined, true),
  effectivePeriod: end.map((value) => ({ start: '2019-01-01', ...(value ? { end: value } : {}) })),
  meta,
});

/** Up to six records, each of its own medicine (so that what merges is not the question here). */
const records = fc.array(fc.oneof(request, statement), { minLength: 1, maxLength: MEDICINES.length }).map((items) =>
  items.map((item, index) => ({
    ...item,
    id: `r-${index}`,
    subject: { reference: `Patient/${PATIENT}` },
    medicationCodeableConcept: { text: MEDICINES[index] },
  })),
);

const isCurrentStatus = (status: unknown) => ['active', 'on-hold', 'draft', 'intended', 'unknown'].includes(String(status));
/** Whether a period end has passed: a date alone covers its whole day. */
const hasEnded = (end: string | undefined): boolean =>
  end !== undefined &&
  (/^\d{4}-\d\d-\d\d$/.test(end) ? Date.parse(end) + 86_400_000 <= Date.parse(NOW) : Date.parse(end) < Date.parse(NOW));
const notTaken = (item: Json) => item['doNotPerform'] === true || item['intent'] === 'proposal' || item['intent'] === 'option';

describe('medicines truth properties', () => {
  for (const audience of ['clinician', 'resident'] as const)
    test(`${audience}: ${RUNS} generated records — the headline counts what the list shows as current, nothing else`, () => {
      fc.assert(
        fc.property(records, (items) => {
          const requests = items.filter((item) => item.resourceType === 'MedicationRequest') as unknown as MedicationRequest[];
          const statements = items.filter((item) => item.resourceType === 'MedicationStatement') as unknown as MedicationStatement[];
          const list = medicationsViewModel(
            {
              requests,
              statements,
              patientId: PATIENT,
              notices: { withheld: false, unavailableSources: [] },
              organizations: ORGANIZATIONS,
            },
            { audience, now: NOW },
          );
          const summary = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...items], {
            audience,
            now: NOW,
            patientId: PATIENT,
            organizations: ORGANIZATIONS,
            medicationPreviewCount: MEDICINES.length,
          });
          const medicines = summary.sections.medications;
          const listed = list.current.map((row) => row.name).sort();
          assert.deepEqual(medicines.items.map((item) => item.name).sort(), listed, 'the same current medicines');
          // And of the same kind: the headline never counts as acute or repeat what the list's type does not say is.
          for (const item of medicines.items) {
            const row = list.current.find((candidate) => candidate.name === item.name)!;
            if (row.id.startsWith('MedicationRequest/'))
              assert.equal(item.kind, KIND_OF_TYPE[row.type] ?? 'other', `${item.name}: listed as ${row.type}`);
            // A medicine on hold, a draft or one of unknown status is tagged so in the summary too, never shown as plainly active.
            assert.equal(item.statusLabel, row.status === 'active' ? undefined : row.statusLabel, `${item.name}: ${row.status}`);
          }
          assert.equal(medicines.headline.total, list.current.length);
          assert.equal(medicines.state, listed.length > 0 ? 'ready' : 'empty');

          const byName = new Map(items.map((item) => [(item.medicationCodeableConcept as { text: string }).text, item as Json]));
          for (const row of [...list.current, ...list.past]) {
            const item = byName.get(row.name);
            assert.ok(item && !notTaken(item), `${row.name} is a medicine, not a "do not give" order or a proposal`);
          }
          for (const row of list.current) {
            const item = byName.get(row.name)!;
            assert.ok(isCurrentStatus(item['status']), `${row.name} is current by its status`);
            const ended = (item['effectivePeriod'] as { end?: string } | undefined)?.end;
            if (item['resourceType'] === 'MedicationStatement') assert.ok(!hasEnded(ended), `${row.name} has not ended`);
          }
          for (const row of list.doNotGive) assert.equal(byName.get(row.name)?.['doNotPerform'], true);
          // Every medicine a record says is being taken is listed as current.
          for (const [name, item] of byName) {
            const ended = (item['effectivePeriod'] as { end?: string } | undefined)?.end;
            const current = !notTaken(item) && isCurrentStatus(item['status']) && !hasEnded(ended);
            assert.equal(listed.includes(name), current, `${name}: ${JSON.stringify(item)}`);
          }
        }),
        { numRuns: RUNS, seed: seedOr(audience === 'clinician' ? 20261128 : 20261129) },
      );
    });

  const quantity = fc.record({ value: fc.integer({ min: 1, max: 500 }), unit: fc.constantFrom('tablet', 'mg', 'mL', 'puff', 'capsule') });
  const repeat = fc.record(
    {
      frequency: fc.integer({ min: 1, max: 6 }),
      period: fc.integer({ min: 1, max: 12 }),
      periodUnit: fc.constantFrom('s', 'min', 'h', 'd', 'wk', 'mo', 'a'),
    },
    { requiredKeys: ['period', 'periodUnit'] },
  );
  const dosage = fc.record(
    {
      text: fc.constantFrom('Take ONE  tablet each MORNING', '2 puffs when needed', '   ', ''),
      timing: repeat.map((value) => ({ repeat: value })),
      asNeededBoolean: fc.boolean(),
      doseAndRate: quantity.map((doseQuantity) => [{ doseQuantity }]),
    },
    { requiredKeys: [] },
  );

  test(`${RUNS} generated dosages: text verbatim when present; a structured dose or timing is never "No information available"`, () => {
    fc.assert(
      fc.property(dosage, (given) => {
        const list = medicationsViewModel(
          {
            requests: [
              {
                resourceType: 'MedicationRequest',
                id: 'mr-1',
                status: 'active',
                intent: 'order',
                subject: { reference: `Patient/${PATIENT}` },
                medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
                dosageInstruction: [given],
              } as unknown as MedicationRequest,
            ],
            statements: [],
            patientId: PATIENT,
            notices: { withheld: false, unavailableSources: [] },
            organizations: ORGANIZATIONS,
          },
          { audience: 'clinician', now: NOW },
        );
        const shown = list.current[0]?.dosage;
        const text = given.text?.trim();
        if (text) assert.equal(shown, given.text, 'text verbatim');
        else if (given.doseAndRate || given.timing || given.asNeededBoolean) {
          assert.notEqual(shown, NO_DOSAGE);
          if (given.doseAndRate) {
            const dose = given.doseAndRate[0]!.doseQuantity;
            assert.ok(shown?.startsWith(`${dose.value} ${dose.unit}`), `${shown} states the dose`);
          }
          if (given.asNeededBoolean) assert.match(shown ?? '', /when required/i);
        } else assert.equal(shown, NO_DOSAGE);
      }),
      { numRuns: RUNS, seed: seedOr(20261130) },
    );
  });
});
