/**
 * Status codes as real exports spell them. FHIR codes are case-sensitive, but
 * feeds send `Entered-In-Error`, `ENTERED_IN_ERROR`, ` active `, `Completed`,
 * `No Show`. A code that matches a valid one once trimmed, case-folded and
 * read without `-`, `_` or spaces means the same to a human, and must read
 * the same; a status that matches nothing reads "Not known", never as
 * current, active or final. Entered in error, however spelt, is never shown.
 *
 * Reported: an allergy verified `Entered-In-Error` was listed as a known
 * allergy; a report `Entered-In-Error` was shown as final; a medicine
 * `Stopped` or `ENTERED-IN-ERROR` was listed as a current medicine.
 *
 * The property, for every status each record module reads — AllergyIntolerance
 * clinical and verification status (coded, display only, text only),
 * Observation and DiagnosticReport status, Appointment status,
 * MedicationRequest and MedicationStatement status, Condition clinical and
 * verification status (coded, display only, text only) — × each valid code
 * × generated spellings (case, white space, `_`, spaces, none) × audience:
 * the view model is the same as for the code spelt exactly. And for generated
 * strings that spell no code: the same as for no status (or FHIR's `unknown`),
 * with the status read as not known.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Appointment, DiagnosticReport, MedicationRequest, MedicationStatement, Observation } from '../../src/fhir.js';
import {
  allergyState,
  appointmentsViewModel,
  medicationsViewModel,
  resultsViewModel,
  summaryViewModel,
  type RecordAudience,
} from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 20));
const PATIENT = 'pat-1';
const NOW = '2026-12-06T09:00:00Z';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);
const notices = { withheld: false, unavailableSources: [] };
const AUDIENCES: readonly RecordAudience[] = ['clinician', 'resident'];

/** How a status is carried: a plain code, or a CodeableConcept's code, display or text. */
type Shape = 'code' | 'coded' | 'display' | 'text';

interface StatusKind {
  name: string;
  codes: readonly string[];
  shapes: readonly Shape[];
  /** What a person sees of a record carrying `status` (`undefined`: none), for `audience`. */
  read: (status: unknown, audience: RecordAudience) => unknown;
  /** The reading a status that spells no code must equal. */
  unknownReadsAs: unknown;
  /** What the reading of a status that spells no code must say of it. */
  saysNotKnown: (reading: unknown) => boolean;
  /** Words that show the record itself. */
  marker: string;
}

const carried = (shape: Shape, value: string): unknown =>
  shape === 'code'
    ? value
    : shape === 'coded'
      ? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/any', code: value }] }
      : shape === 'display'
        ? { coding: [{ display: value }] }
        : { text: value };

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const allergyReading = (fields: object, audience: RecordAudience) =>
  json(
    allergyState(
      {
        bundle: {
          entry: [
            {
              resource: {
                resourceType: 'AllergyIntolerance',
                id: 'al-1',
                meta,
                patient: subject,
                code: { text: 'Penicillin' },
                recordedDate: '2024-02-06',
                ...fields,
              },
            },
          ],
        },
        notices,
      },
      { audience, organizations },
    ),
  );

const observation = (status: unknown): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k',
    meta,
    ...(status === undefined ? {} : { status }),
    subject,
    code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }], text: 'Potassium' },
    effectiveDateTime: '2026-11-01',
    valueQuantity: { value: 4.2, unit: 'mmol/L' },
    referenceRange: [{ low: { value: 3.5 }, high: { value: 5.3 } }],
  }) as unknown as Observation;

const resultsReading = (observations: Observation[], reports: DiagnosticReport[], audience: RecordAudience) =>
  json(resultsViewModel({ observations, reports, patientId: PATIENT, notices, organizations }, { audience }));

const report = (status: unknown): DiagnosticReport =>
  ({
    resourceType: 'DiagnosticReport',
    id: 'r1',
    meta,
    ...(status === undefined ? {} : { status }),
    subject,
    code: { text: 'U&E' },
    result: [{ reference: 'Observation/k' }],
    effectiveDateTime: '2026-11-01',
  }) as unknown as DiagnosticReport;

const appointmentReading = (status: unknown, audience: RecordAudience) =>
  json(
    appointmentsViewModel(
      {
        appointments: [
          {
            resourceType: 'Appointment',
            id: 'apt-1',
            meta,
            ...(status === undefined ? {} : { status }),
            description: 'Diabetes review',
            start: '2026-12-20T10:00:00Z',
            end: '2026-12-20T10:20:00Z',
            participant: [{ actor: subject, status: 'accepted' }],
          } as unknown as Appointment,
        ],
        patientId: PATIENT,
        notices,
        organizations,
      },
      { audience, now: NOW },
    ),
  );

const summaryAppointments = (status: unknown, audience: RecordAudience) =>
  json(
    summaryViewModel(
      [
        { resourceType: 'Patient', id: PATIENT },
        {
          resourceType: 'Appointment',
          id: 'apt-1',
          meta,
          ...(status === undefined ? {} : { status }),
          description: 'Diabetes review',
          start: '2026-12-20T10:00:00Z',
          participant: [{ actor: subject, status: 'accepted' }],
        },
      ],
      { audience, now: NOW, patientId: PATIENT },
    ).sections.appointments,
  );

const medicineReading = (resourceType: 'MedicationRequest' | 'MedicationStatement', status: unknown, audience: RecordAudience) => {
  const resource = {
    resourceType,
    id: 'med-1',
    meta,
    ...(status === undefined ? {} : { status }),
    subject,
    medicationCodeableConcept: { text: 'Metformin 500mg tablets' },
    ...(resourceType === 'MedicationRequest'
      ? { intent: 'order', authoredOn: '2026-10-01' }
      : { effectivePeriod: { start: '2026-10-01' }, dateAsserted: '2026-10-01' }),
  };
  return json(
    medicationsViewModel(
      {
        requests: resourceType === 'MedicationRequest' ? [resource as unknown as MedicationRequest] : [],
        statements: resourceType === 'MedicationStatement' ? [resource as unknown as MedicationStatement] : [],
        patientId: PATIENT,
        notices,
        organizations,
      },
      { audience, now: NOW },
    ),
  );
};

const problemsReading = (fields: object, audience: RecordAudience) =>
  json(
    summaryViewModel(
      [
        { resourceType: 'Patient', id: PATIENT },
        { resourceType: 'Condition', id: 'c-1', meta, subject, code: { text: 'Asthma' }, recordedDate: '2020-01-01', ...fields },
      ],
      { audience, now: NOW, patientId: PATIENT },
    ).sections.problems,
  );

const get = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), value);

const KINDS = (audience: RecordAudience): StatusKind[] => [
  {
    name: 'AllergyIntolerance.clinicalStatus',
    marker: 'Penicillin',
    codes: ['active', 'inactive', 'resolved'],
    shapes: ['coded', 'display', 'text', 'code'],
    read: (status) => allergyReading(status === undefined ? {} : { clinicalStatus: status }, audience),
    unknownReadsAs: allergyReading({}, audience),
    saysNotKnown: (reading) => get(reading, 'items', 0, 'status') === 'Not known',
  },
  {
    name: 'AllergyIntolerance.verificationStatus',
    marker: 'Penicillin',
    codes: ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'],
    shapes: ['coded', 'display', 'text', 'code'],
    read: (status) => allergyReading(status === undefined ? {} : { verificationStatus: status }, audience),
    // A verification that spells nothing was recorded, unlike none: it reads "Not known", not "Not recorded".
    unknownReadsAs: undefined,
    saysNotKnown: (reading) => get(reading, 'kind') === 'known' && get(reading, 'items', 0, 'verification') === 'Not known',
  },
  {
    name: 'Observation.status',
    marker: 'Potassium',
    codes: ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'],
    shapes: ['code'],
    read: (status) => resultsReading([observation(status)], [], audience),
    unknownReadsAs: resultsReading([observation('unknown')], [], audience),
    saysNotKnown: (reading) => get(reading, 'tests', 0, 'latest', 'statusLabel') === 'Status not known',
  },
  {
    name: 'DiagnosticReport.status',
    marker: 'U&E',
    codes: [
      'registered',
      'partial',
      'preliminary',
      'final',
      'amended',
      'corrected',
      'appended',
      'cancelled',
      'entered-in-error',
      'unknown',
    ],
    shapes: ['code'],
    read: (status) => resultsReading([observation('final')], [report(status)], audience),
    unknownReadsAs: resultsReading([observation('final')], [report('unknown')], audience),
    saysNotKnown: (reading) => get(reading, 'reports', 0, 'statusLabel') === 'Status not known',
  },
  {
    name: 'Appointment.status',
    marker: 'Diabetes review',
    codes: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'],
    shapes: ['code'],
    read: (status) => appointmentReading(status, audience),
    unknownReadsAs: appointmentReading(undefined, audience),
    saysNotKnown: (reading) =>
      get(reading, 'upcoming', 0, 'statusLabel') === 'Not known' && get(reading, 'upcoming', 0, 'canAddToCalendar') === false,
  },
  {
    name: 'Appointment.status (summary)',
    marker: 'Diabetes review',
    codes: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'],
    shapes: ['code'],
    read: (status) => summaryAppointments(status, audience),
    unknownReadsAs: summaryAppointments(undefined, audience),
    // The summary lists booked appointments only: one whose status is not known is not listed as booked.
    saysNotKnown: (reading) => (get(reading, 'items') as unknown[] | undefined)?.length === 0,
  },
  {
    name: 'MedicationRequest.status',
    marker: 'Metformin',
    codes: ['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown'],
    shapes: ['code'],
    read: (status) => medicineReading('MedicationRequest', status, audience),
    unknownReadsAs: medicineReading('MedicationRequest', 'unknown', audience),
    saysNotKnown: (reading) => get(reading, 'current', 0, 'statusLabel') === 'Not known',
  },
  {
    name: 'MedicationStatement.status',
    marker: 'Metformin',
    codes: ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'],
    shapes: ['code'],
    read: (status) => medicineReading('MedicationStatement', status, audience),
    unknownReadsAs: medicineReading('MedicationStatement', 'unknown', audience),
    saysNotKnown: (reading) => get(reading, 'current', 0, 'statusLabel') === 'Not known',
  },
  {
    name: 'Condition.clinicalStatus',
    marker: 'Asthma',
    codes: ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'],
    shapes: ['coded', 'display', 'text', 'code'],
    read: (status) => problemsReading(status === undefined ? {} : { clinicalStatus: status }, audience),
    unknownReadsAs: problemsReading({}, audience),
    saysNotKnown: (reading) => get(reading, 'items', 0, 'status') === 'Not known',
  },
  {
    name: 'Condition.verificationStatus',
    marker: 'Asthma',
    codes: ['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted', 'entered-in-error'],
    shapes: ['coded', 'display', 'text', 'code'],
    read: (status) => problemsReading(status === undefined ? {} : { verificationStatus: status }, audience),
    // A verification that spells nothing was recorded, unlike none: it reads "Not known", not "Not recorded".
    unknownReadsAs: undefined,
    // Not refuted nor entered in error, so shown; no uncertainty is claimed for it, and it reads "Not known".
    saysNotKnown: (reading) =>
      (get(reading, 'items') as unknown[] | undefined)?.length === 1 &&
      get(reading, 'items', 0, 'uncertainty') === undefined &&
      get(reading, 'items', 0, 'verification') === 'Not known',
  },
];

/** A spelling of `code` as feeds send it: any letter case, `-` as `_`, a space or nothing, white space around. */
const spelling = (code: string): fc.Arbitrary<string> =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
      separator: fc.constantFrom('-', '_', ' ', ''),
      before: fc.constantFrom('', ' ', '  ', '\t', '\u00a0'),
      after: fc.constantFrom('', ' ', '\n', '\u00a0'),
    })
    .map(
      ({ upper, separator, before, after }) =>
        before +
        [...code].map((letter, index) => (letter === '-' ? separator : upper[index] ? letter.toUpperCase() : letter)).join('') +
        after,
    );

/** Letters alone, lower case: read independently of the SDK. */
const letters = (value: string): string => value.toLowerCase().replace(/[\s_-]+/g, '');

/** Strings that spell none of `codes`, nor (as words) "in" and one of them. */
const notACode = (codes: readonly string[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ maxLength: 16 }),
      fc.constantFrom(
        'current',
        'valid',
        'live',
        'yes',
        'EIE',
        'error',
        'void',
        'deleted',
        'actve',
        'N/A',
        'finalised',
        'complete',
        'done',
        'held',
      ),
    )
    .filter((value) => {
      const key = letters(value);
      return key !== '' && !codes.some((code) => letters(code) === key || `in${letters(code)}` === key);
    });

for (const audience of AUDIENCES)
  describe(`a status however it is spelt, for the ${audience}`, () => {
    for (const kind of KINDS(audience)) {
      for (const shape of kind.shapes) {
        test(`${kind.name} (${shape}): every spelling of a valid code reads as the code`, () => {
          const exact = new Map(kind.codes.map((code) => [code, kind.read(carried(shape, code), audience)]));
          fc.assert(
            fc.property(
              fc.constantFrom(...kind.codes).chain((code) => fc.tuple(fc.constant(code), spelling(code))),
              ([code, spelt]) => {
                assert.deepEqual(kind.read(carried(shape, spelt), audience), exact.get(code), `${JSON.stringify(spelt)} reads as ${code}`);
              },
            ),
            { numRuns: RUNS, seed: seedOr(8100 + kind.codes.length) },
          );
        });

        test(`${kind.name} (${shape}): a status that spells no code reads "Not known", never current, active or final`, () => {
          fc.assert(
            fc.property(notACode(kind.codes), (value) => {
              const reading = kind.read(carried(shape, value), audience);
              if (kind.unknownReadsAs !== undefined) assert.deepEqual(reading, kind.unknownReadsAs);
              assert.ok(kind.saysNotKnown(reading), `${JSON.stringify(value)} reads as not known`);
            }),
            { numRuns: RUNS, seed: seedOr(8200 + kind.codes.length) },
          );
        });
      }

      if (kind.shapes.includes('coded') && kind.shapes.includes('code'))
        test(`${kind.name}: a plain code (FHIR STU3, as GP Connect sends it) reads as the coded one`, () => {
          for (const code of kind.codes) assert.deepEqual(kind.read(code, audience), kind.read(carried('coded', code), audience), code);
        });

      if (kind.codes.includes('entered-in-error'))
        test(`${kind.name}: entered in error, however spelt, is never shown`, () => {
          const none = JSON.stringify(kind.read(carried(kind.shapes[0]!, 'entered-in-error'), audience));
          for (const spelt of [
            'Entered-In-Error',
            'ENTERED-IN-ERROR',
            'entered_in_error',
            ' entered-in-error ',
            'Entered in error',
            'EnteredInError',
          ])
            for (const shape of kind.shapes)
              assert.equal(JSON.stringify(kind.read(carried(shape, spelt), audience)), none, `${shape} ${spelt}`);
          assert.ok(!none.includes(kind.marker), `${kind.marker} is not shown`);
        });
    }
  });
