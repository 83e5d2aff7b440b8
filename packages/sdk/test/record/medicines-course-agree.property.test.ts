/**
 * The class of the course-end, prescription-type and status faults: over
 * generated sets of medicines (request or statement; every status; dosage
 * bounds past, to come or absent, as a date, a midnight, an instant or a
 * duration; prescription type sent or not), the medication list and the
 * summary agree on every medicine's placement, status and type; none reads
 * current past its course's end; and neither says repeat or acute unless the
 * data says so.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { medicineViews } from './medicine-views.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-0001';
const TYPE_URL = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1';
const NAMES = ['Amlodipine 5mg tablets', 'Metformin 500mg tablets', 'Sertraline 50mg tablets', 'Ramipril 2.5mg capsules'];
const CODES = ['319283006', '325278007', '321964000', '318900001'];

/** A course's end at NOW (28 November 2026, 09:00 UK time): the dosage `repeat` that says it, and whether it has passed. */
const BOUNDS = {
  none: [{}, false],
  'date passed': [{ boundsPeriod: { end: '2026-11-27' } }, true],
  'date today': [{ boundsPeriod: { end: '2026-11-28' } }, false],
  'date to come': [{ boundsPeriod: { start: '2026-11-01', end: '2026-12-31' } }, false],
  'midnight today': [{ boundsPeriod: { end: '2026-11-28T00:00:00Z' } }, false],
  'midnight yesterday': [{ boundsPeriod: { end: '2026-11-27T00:00:00+00:00' } }, true],
  'instant passed': [{ boundsPeriod: { end: '2026-11-28T08:59:00Z' } }, true],
  'instant to come': [{ boundsPeriod: { end: '2026-11-28T09:30:00Z' } }, false],
  'month passed': [{ boundsPeriod: { end: '2026-10' } }, true],
  '7 days from the start': [{ boundsDuration: { value: 7, code: 'd' } }, true],
  '2 months from the start': [{ boundsDuration: { value: 2, code: 'mo' } }, false],
  '27 days from the start': [{ boundsDuration: { value: 28, code: 'd' } }, false],
  '4 weeks less a day': [{ boundsDuration: { value: 27, code: 'd' } }, true],
} as const;
type Bound = keyof typeof BOUNDS;

const REQUEST_STATUSES = ['active', 'on-hold', 'draft', 'unknown', 'Active', 'completed', 'stopped', 'cancelled', 'entered-in-error'];
const STATEMENT_STATUSES = ['active', 'on-hold', 'intended', 'unknown', 'completed', 'stopped', 'not-taken', 'entered-in-error'];
const CURRENT = new Set(['active', 'on-hold', 'draft', 'unknown', 'intended']);
const PRECEDENCE = ['on-hold', 'active', 'intended', 'draft', 'unknown'];
const TYPES = {
  none: [undefined, undefined],
  'extension acute': [{ code: 'acute' }, 'Acute'],
  'extension repeat': [{ code: 'repeat' }, 'Repeat'],
  'course continuous': [undefined, 'Repeat'],
} as const;
type TypeSent = keyof typeof TYPES;
const KIND: Record<string, string> = {
  Acute: 'acute',
  Delayed: 'acute',
  Repeat: 'repeat',
  'Repeat dispensing': 'repeat',
  'Not known': 'other',
};

interface RecordSpec {
  kind: 'request' | 'statement';
  status: string;
  intent: 'plan' | 'order';
  type: TypeSent;
  lines: Bound[];
  /** A statement's own period end. */
  periodEnd: 'none' | 'passed' | 'to come';
  category: 'community' | 'patientspecified' | 'none';
}

const recordSpec: fc.Arbitrary<RecordSpec> = fc.record({
  kind: fc.constantFrom('request', 'statement'),
  status: fc.constantFrom(...REQUEST_STATUSES, ...STATEMENT_STATUSES),
  intent: fc.constantFrom('plan', 'order'),
  type: fc.constantFrom(...(Object.keys(TYPES) as TypeSent[])),
  lines: fc.array(fc.constantFrom(...(Object.keys(BOUNDS) as Bound[])), { minLength: 0, maxLength: 3 }),
  periodEnd: fc.constantFrom('none', 'passed', 'to come'),
  category: fc.constantFrom('community', 'patientspecified', 'none'),
});
const medicineSet = fc.array(fc.array(recordSpec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: NAMES.length });

const statusOf = (spec: RecordSpec): string => {
  const status = spec.status.toLowerCase();
  // Each resource's codes are read for the other too, as feeds mix them; a code neither has is unknown.
  return [...REQUEST_STATUSES, ...STATEMENT_STATUSES].includes(status) ? status : 'unknown';
};

/** The oracle: whether the record's course has ended at NOW. */
const courseEnded = (spec: RecordSpec): boolean =>
  (spec.kind === 'statement' && spec.periodEnd === 'passed') || (spec.lines.length > 0 && spec.lines.every((line) => BOUNDS[line][1]));

/** The oracle: the status this record stands for now, `undefined` when it is not a medicine at all (entered in error). */
function standing(spec: RecordSpec): string | undefined {
  const status = statusOf(spec);
  if (status === 'entered-in-error') return undefined;
  return CURRENT.has(status) && courseEnded(spec) ? 'completed' : status;
}

/** The prescription type the data says, if any. */
const typeSaid = (spec: RecordSpec): string | undefined => (spec.kind === 'request' ? TYPES[spec.type][1] : undefined);

function resources(medicines: readonly RecordSpec[][]): (MedicationRequest | MedicationStatement)[] {
  return medicines.flatMap((records, medicine) =>
    records.map((spec, index) => {
      const common = {
        id: `${spec.kind}-${medicine}-${index}`,
        meta: { source: 'https://care-record.example/source/F83999' },
        status: spec.status,
        subject: { reference: `Patient/${PATIENT}` },
        medicationCodeableConcept: { text: NAMES[medicine], coding: [{ system: 'https://dmd.nhs.uk', code: CODES[medicine] }] },
      };
      const lines = spec.lines.map((line) => ({ text: `As directed (${line})`, timing: { repeat: BOUNDS[line][0] } }));
      if (spec.kind === 'request') {
        const [extension, course] = [TYPES[spec.type][0], spec.type === 'course continuous' ? 'continuous' : undefined];
        return {
          resourceType: 'MedicationRequest',
          ...common,
          intent: spec.intent,
          authoredOn: '2026-11-01',
          ...(extension ? { extension: [{ url: TYPE_URL, valueCodeableConcept: { coding: [extension] } }] } : {}),
          ...(course ? { courseOfTherapyType: { coding: [{ code: course }] } } : {}),
          dosageInstruction: lines,
        } as unknown as MedicationRequest;
      }
      // A statement starts on another day than any request, so that it is read as an account of its own: at 10:15,
      // so that 28 days from it end at 10:15 today (to come) and 27 days yesterday (passed).
      const end = { none: {}, passed: { end: '2026-11-20' }, 'to come': { end: '2027-01-31' } }[spec.periodEnd];
      return {
        resourceType: 'MedicationStatement',
        ...common,
        ...(spec.category === 'none' ? {} : { category: { coding: [{ code: spec.category }] } }),
        effectivePeriod: { start: '2026-10-31T10:15:00Z', ...end },
        dosage: lines,
      } as unknown as MedicationStatement;
    }),
  );
}

const views = (medicines: readonly RecordSpec[][], audience: 'clinician' | 'resident') =>
  medicineViews(resources(medicines), { audience, previewCount: NAMES.length });

describe('medicines: the list and the summary agree on every medicine, and neither outlives its course', () => {
  test(`property: ${RUNS} sets of medicines — placement, status and type agree and are true`, () => {
    fc.assert(
      fc.property(medicineSet, fc.constantFrom('clinician', 'resident'), (medicines, audience) => {
        const { list, summary } = views(medicines, audience);
        const summarised = new Map(summary.items.map((item) => [item.name, item]));
        assert.equal(summary.headline.total, list.current.length);
        assert.deepEqual([...summarised.keys()].sort(), list.current.map((row) => row.name).sort());
        medicines.forEach((records, medicine) => {
          const name = NAMES[medicine] ?? '';
          const statuses = records.map(standing);
          const current = records.filter((_, index) => CURRENT.has(statuses[index] ?? ''));
          const row = list.current.find((one) => one.name === name);
          const item = summarised.get(name);
          if (current.length === 0) {
            assert.equal(row, undefined, `${name} is not current`);
            assert.equal(item, undefined, `${name} is not in the summary`);
            const pastRows = list.past.filter((one) => one.name === name);
            assert.equal(
              pastRows.length > 0,
              statuses.some((status) => status !== undefined),
              `${name} is past`,
            );
            // A course that ran out, and nothing stopped: it says when.
            if (statuses.every((status) => status === 'completed') && records.some((spec) => CURRENT.has(statusOf(spec))))
              assert.ok(
                pastRows.some((one) => one.courseEnded !== undefined),
                `${name} says its course ended`,
              );
            return;
          }
          assert.ok(row && item, `${name} is current in both`);
          const expected = PRECEDENCE.find((status) => current.some((spec) => standing(spec) === status));
          assert.equal(row.status, expected, `${name} status`);
          assert.equal(item.statusLabel, expected === 'active' ? undefined : row.statusLabel, `${name} status in the summary`);
          const said = current.map(typeSaid).filter((type) => type !== undefined);
          if (said.length === 0) assert.equal(row.type, 'Not known', `${name}: nothing says repeat or acute`);
          else assert.ok(said.includes(row.type), `${name}: the type is one the data says`);
          assert.equal(item.kind, KIND[row.type], `${name} type in the summary`);
        });
      }),
      { numRuns: RUNS, seed: seedOr(7_604) },
    );
  });
});
