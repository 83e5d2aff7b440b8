/**
 * fast-check generators for the FHIR shapes the results and appointments
 * view models meet from any server: the contract's shapes, and real-world
 * ones beside them — contained resources, missing optionals, wrong types,
 * nulls in arrays, partial dates, unknown codes, very long strings.
 */
import fc from 'fast-check';

import { APPOINTMENT_STATUSES } from '../../src/record/appointment-timing.js';

export const PATIENT = 'pat-0001';
export const OTHER_PATIENT = 'pat-0002';

/** Words that are fit to show, and some that are not what FHIR says (numbers, objects, null). */
const word = fc.constantFrom('Glucose', 'HbA1c', 'Sodium', 'Blood pressure', 'Clinic', 'Review', 'Ward 4', 'Dr Okafor', 'ĀĒĪ ñ', '');
export const longText = fc.integer({ min: 200, max: 3000 }).map((length) => 'x'.repeat(length));
export const text = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: fc.constant('   ') },
);
export const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.constant({ nested: { deep: 1 } }),
);
/** Mostly well-formed, sometimes the wrong type. */
export const maybe = <T>(arbitrary: fc.Arbitrary<T>, junkWeight = 1): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 8, arbitrary }, { weight: junkWeight, arbitrary: junk });
/** An array that may hold nulls and junk. */
export const list = <T>(arbitrary: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<unknown[]> =>
  fc.array(fc.oneof({ weight: 8, arbitrary }, { weight: 1, arbitrary: junk }), { maxLength });

export const date = fc.constantFrom(
  '2025-08-06T10:00:00+01:00',
  '2026-12-22T16:20:00Z',
  '2024-02-29',
  '2025-03',
  '1968',
  '2026-13-45',
  'yesterday',
  '',
  '2027-01-05T09:00:00.123Z',
);

const coding = fc.record(
  {
    system: fc.constantFrom('http://loinc.org', 'http://snomed.info/sct', 'urn:local', ''),
    code: fc.constantFrom('2345-7', '59261-8', '8480-6', '8462-4', 'X-UNKNOWN', ''),
    display: text,
  },
  { requiredKeys: [] },
);
export const concept = fc.record({ text: maybe(text), coding: list(coding) }, { requiredKeys: [] });

const subject = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ reference: `Patient/${PATIENT}` }) },
  { weight: 1, arbitrary: fc.constant({ reference: `https://fhir.example.org/r4/Patient/${PATIENT}/_history/3` }) },
  { weight: 1, arbitrary: fc.constant({ reference: `Patient/${OTHER_PATIENT}` }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: junk },
);

const meta = fc.record(
  {
    source: fc.constantFrom(
      'https://care-record.example/source/RZ9',
      'https://care-record.example/source/F83999',
      'https://care-record.example/source/resident',
      'urn:other-system',
    ),
    security: fc.array(fc.record({ code: fc.constantFrom('NOPAT', 'R', 'REDACTED') }), { maxLength: 1 }),
  },
  { requiredKeys: [] },
);

const category = fc.record({
  coding: fc.array(
    fc.record({
      system: fc.constant('http://terminology.hl7.org/CodeSystem/observation-category'),
      code: fc.constantFrom('laboratory', 'vital-signs', 'social-history', 'survey', 'imaging', 'exam', 'local-thing'),
    }),
    { maxLength: 2 },
  ),
});

const quantity = fc.record(
  {
    value: fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -10, max: 300 }), junk),
    unit: maybe(fc.constantFrom('mmol/L', 'mmHg', 'kg', '')),
    comparator: fc.constantFrom('<', '>', '<=', '>='),
  },
  { requiredKeys: [] },
);

const value = fc.oneof(
  fc.record({ valueQuantity: maybe(quantity) }),
  fc.record({ valueString: maybe(text) }),
  fc.record({ valueCodeableConcept: maybe(concept) }),
  fc.record({ valueInteger: maybe(fc.integer()) }),
  fc.record({ valueBoolean: fc.boolean() }),
  fc.record({
    valueRange: fc.record({ low: fc.record({ value: fc.integer() }), high: fc.record({ value: fc.integer() }) }, { requiredKeys: [] }),
  }),
  fc.constant({}),
);

const range = fc.record(
  {
    low: fc.record({ value: maybe(fc.integer({ min: 0, max: 100 })) }),
    high: fc.record({ value: maybe(fc.integer({ min: 0, max: 200 })) }),
    text: maybe(text),
  },
  { requiredKeys: [] },
);

const component = fc
  .tuple(fc.record({ code: maybe(concept), referenceRange: list(range, 1) }, { requiredKeys: ['code'] }), value)
  .map(([base, v]) => ({ ...base, ...v }));

export const observationStatus = fc.constantFrom(
  'final',
  'amended',
  'preliminary',
  'registered',
  'cancelled',
  'entered-in-error',
  'unknown',
  'weird',
);

export const observation = (id: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.record(
        {
          meta,
          status: maybe(observationStatus),
          category: list(category, 2),
          code: maybe(concept),
          subject,
          effectiveDateTime: maybe(date),
          issued: maybe(date),
          performer: list(fc.constantFrom({ reference: `Patient/${PATIENT}` }, { reference: 'Practitioner/p1' }), 1),
          interpretation: list(concept, 1),
          referenceRange: list(range, 2),
          component: list(component, 2),
        },
        { requiredKeys: ['status', 'subject'] },
      ),
      value,
    )
    .map(([base, v]) => ({ resourceType: 'Observation', id, ...base, ...v }));

export const report = (id: string, contained: string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.record(
        {
          meta,
          status: maybe(fc.constantFrom('final', 'partial', 'preliminary', 'cancelled', 'entered-in-error', 'amended')),
          code: maybe(concept),
          subject,
          effectiveDateTime: maybe(date),
          conclusion: maybe(text),
        },
        { requiredKeys: ['status', 'subject'] },
      ),
      fc.array(
        observation('c').map((item) => item),
        { maxLength: 2 },
      ),
      fc.subarray(contained),
    )
    .map(([base, inner, referenced]) => {
      const containedResources = inner.map((item, index) => ({ ...item, id: `c${index}` }));
      return {
        resourceType: 'DiagnosticReport',
        id,
        ...base,
        contained: containedResources,
        result: [
          ...containedResources.map((item) => ({ reference: `#${String(item['id'])}` })),
          ...referenced.map((other) => ({ reference: `Observation/${other}` })),
          { reference: 'Observation/never-sent' },
        ],
      };
    });

/**
 * Every status FHIR R4 defines, as the SDK lists them (the input space, not an
 * oracle: the property tests state what each status means themselves), and
 * one it does not.
 */
const appointmentStatus = fc.constantFrom(...APPOINTMENT_STATUSES, 'rescheduled');

const participant = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }) },
  { weight: 1, arbitrary: fc.constant({ actor: { reference: `Patient/${OTHER_PATIENT}` }, status: 'accepted' }) },
  {
    weight: 3,
    arbitrary: fc.record({ actor: fc.record({ reference: fc.constantFrom('Practitioner/p1', 'Location/l1'), display: maybe(text) }) }),
  },
  { weight: 2, arbitrary: fc.record({ actor: fc.record({ display: maybe(text) }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ actor: junk }) },
  { weight: 2, arbitrary: fc.constant(null) },
);

export const appointment = (id: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record(
      {
        meta,
        status: maybe(appointmentStatus),
        description: maybe(text),
        serviceType: list(concept, 1),
        appointmentType: maybe(concept),
        start: maybe(date),
        end: maybe(date),
        minutesDuration: maybe(fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double())),
        cancelationReason: maybe(concept),
        reasonCode: list(concept, 2),
        reasonReference: list(fc.record({ reference: maybe(fc.constant('Condition/c1')), display: maybe(text) }, { requiredKeys: [] }), 2),
        requestedPeriod: list(fc.record({ start: maybe(date), end: maybe(date) }, { requiredKeys: [] }), 1),
        comment: maybe(text),
        patientInstruction: maybe(text),
        extension: list(
          fc.record({
            url: fc.constantFrom('https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization', 'urn:other'),
            valueReference: fc.record({ display: maybe(text) }, { requiredKeys: [] }),
          }),
          1,
        ),
        participant: fc.oneof({ weight: 9, arbitrary: fc.array(participant, { maxLength: 4 }) }, { weight: 1, arbitrary: junk }),
      },
      { requiredKeys: ['status', 'participant'] },
    )
    .map((fields) => ({ resourceType: 'Appointment', id, ...fields }));
