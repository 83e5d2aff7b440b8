/**
 * Property tests for `medicationsViewModel` (issue 12): 10,000 generated
 * medicine records per audience — orders and statements from any server,
 * named inline, by a contained or included Medication, or by a reference that
 * leads nowhere; orders based on a care plan; wrong types, nulls in arrays,
 * unknown codes, very long text, someone else's medicines, NOPAT labels,
 * withheld notices. Invariants, decided from the input: nothing throws and
 * every string is fit to show; a current medicine the caller may see is
 * listed as current or said to be unreadable, never "No current medications";
 * withheld is said; another patient's medicine is never listed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { concept, junk, list, maybe, OTHER_PATIENT, PATIENT, text } from './fhir-arbitraries.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = PROPERTY_RUNS;
const NOW = '2026-11-28T09:00:00Z';
const SOMEONE_ELSES = 'Medicine of another patient';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const subject = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ reference: `Patient/${PATIENT}` }) },
  { weight: 2, arbitrary: fc.constant({ reference: `Patient/${OTHER_PATIENT}` }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: junk },
);
const meta = fc.record(
  {
    source: fc.constantFrom(
      'https://care-record.example/source/RZ9',
      'https://care-record.example/source/F83999',
      'https://care-record.example/source/resident',
    ),
    security: fc.array(fc.record({ code: fc.constantFrom('NOPAT', 'R') }), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);
const medicine = fc.oneof(
  fc.record({ medicationCodeableConcept: maybe(concept) }),
  fc.constant({
    medicationReference: { reference: '#m1' },
    contained: [{ resourceType: 'Medication', id: 'm1', code: { text: 'Metformin 500mg tablets' } }],
  }),
  fc.constant({ medicationReference: { reference: 'Medication/inc-1' } }),
  fc.constant({ medicationReference: { reference: '#nowhere' } }),
);
const dosage = list(fc.record({ text: maybe(text) }, { requiredKeys: [] }), 2);

const request = (id: string) =>
  fc
    .record({
      status: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('active', 'stopped', 'completed', 'on-hold', 'entered-in-error') },
        { weight: 1, arbitrary: junk },
      ),
      intent: fc.constantFrom('order', 'plan', 'original-order', 'instance-order'),
      basedOn: fc.constantFrom(undefined, [{ reference: 'CarePlan/cp-1' }], [null]),
      subject,
      medicine,
      dosageInstruction: dosage,
      authoredOn: maybe(fc.constantFrom('2025-01-02', '2026-11-01T10:00:00Z', 'soon')),
      meta,
    })
    .map(({ medicine: named, ...rest }) => ({ resourceType: 'MedicationRequest', id, ...rest, ...(named as Json) }));
const statement = (id: string) =>
  fc
    .record({
      status: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('active', 'completed', 'stopped', 'entered-in-error') },
        { weight: 1, arbitrary: junk },
      ),
      subject,
      medicine,
      dosage,
      meta,
    })
    .map(({ medicine: named, ...rest }) => ({ resourceType: 'MedicationStatement', id, ...rest, ...(named as Json) }));

const many = <T>(make: (id: string) => fc.Arbitrary<T>, prefix: string, max: number) =>
  fc.integer({ min: 0, max }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => make(`${prefix}-${index}`))));

/** Someone else's medicines carry a name that must never be listed. */
const marked = (items: Json[]) =>
  items.map((item) =>
    isObject(item['subject']) && item['subject']['reference'] === `Patient/${OTHER_PATIENT}`
      ? { ...item, medicationReference: undefined, contained: undefined, medicationCodeableConcept: { text: SOMEONE_ELSES } }
      : item,
  );

const about = (value: unknown) => isObject(value) && value['reference'] === `Patient/${PATIENT}`;
const hidden = (item: Json) =>
  isObject(item['meta']) &&
  Array.isArray(item['meta']['security']) &&
  (item['meta']['security'] as unknown[]).some((label) => isObject(label) && label['code'] === 'NOPAT');

for (const audience of ['clinician', 'resident'] as const) {
  describe(`medicationsViewModel properties, for a ${audience}`, () => {
    test(`${RUNS} generated records: a current medicine is listed or said, never "none"; withheld said; no one else's`, () => {
      let exercised = 0;
      fc.assert(
        fc.property(many(request, 'mr', 3), many(statement, 'ms', 3), fc.boolean(), (requests, statements, withheld) => {
          const orders = marked(requests as Json[]);
          const taken = marked(statements as Json[]);
          const model = medicationsViewModel(
            {
              requests: orders as unknown as MedicationRequest[],
              statements: taken as unknown as MedicationStatement[],
              patientId: PATIENT,
              notices: { withheld, unavailableSources: [] },
              organizations: new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]),
              medications: [{ resourceType: 'Medication', id: 'inc-1', code: { text: 'Ramipril 5mg capsules' } }],
            },
            { audience, now: NOW },
          );
          const current = [...orders, ...taken].filter(
            (item) => item['status'] === 'active' && about(item['subject']) && !(audience === 'resident' && hidden(item)),
          );
          if (current.length > 0) {
            exercised++;
            assert.ok(model.current.length + model.unreadable.length > 0, 'a current medicine is listed or said');
          }
          if (withheld) assert.equal(model.notices.withheld, true);
          for (const row of [...model.current, ...model.past]) assert.ok(!row.name.includes(SOMEONE_ELSES), 'never someone else’s');
          assertDisplayable(JSON.parse(JSON.stringify({ current: model.current, past: model.past, heading: model.heading })), 'medicines');
        }),
        { numRuns: RUNS, seed: seedOr(audience === 'clinician' ? 20261207 : 20261208) },
      );
      assert.ok(exercised > RUNS / 10, `${exercised} records with a current medicine`);
    });
  });
}
