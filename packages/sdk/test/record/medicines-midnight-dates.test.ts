/**
 * A medicine's dates are recorded facts: when it was prescribed or started,
 * last issued, due for review, ended, or when its prescription's validity
 * ran out. Systems that hold them as dates send them as date-times at
 * midnight, in whatever offset they stand in. They read by the record's one
 * rule for recorded moments (`recordedMoment`, `clinical-moment.ts`): a clock
 * of exactly midnight is the date written, never the day before, in the
 * medication list and the summary alike; any other time is on its UK day.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel } from '../../src/record/index.js';
import { GP_AND_HOSPITAL } from './one-medicine.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const REPEAT_INFORMATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation';
const LAST_ISSUE_DATE = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate';
const common = {
  meta: { source: 'https://care-record.example/source/F83999' },
  subject: { reference: `Patient/${PATIENT}` },
  medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
};

/** `2026-03-29` in each audience's words. */
const inWords = (isoDate: string, audience: 'clinician' | 'resident'): string => {
  const [year, month, day] = isoDate.split('-');
  return audience === 'clinician'
    ? `${day}-${MONTHS[Number(month) - 1]}-${year}`
    : `${Number(day)} ${new Date(Date.UTC(2000, Number(month) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}`;
};

function views(requests: unknown[], statements: unknown[], audience: 'clinician' | 'resident' = 'clinician') {
  const list = medicationsViewModel(
    {
      requests: requests as MedicationRequest[],
      statements: statements as MedicationStatement[],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: GP_AND_HOSPITAL,
    },
    { audience, now: NOW },
  );
  const summary = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...requests, ...statements], {
    audience,
    now: NOW,
    patientId: PATIENT,
    organizations: GP_AND_HOSPITAL,
  });
  return { list, summary: summary.sections.medications };
}

/** Each date a medicine carries, set to `value`, and where the list (and the summary) shows it. */
const FIELDS = {
  'prescribed (authoredOn)': (value: string) => ({
    requests: [{ resourceType: 'MedicationRequest', id: 'mr-1', ...common, status: 'active', intent: 'order', authoredOn: value }],
    statements: [],
    shown: (model: ReturnType<typeof views>) => [model.list.current[0]?.startDate],
  }),
  'started (effectivePeriod.start)': (value: string) => ({
    requests: [],
    statements: [{ resourceType: 'MedicationStatement', id: 'ms-1', ...common, status: 'active', effectivePeriod: { start: value } }],
    shown: (model: ReturnType<typeof views>) => [model.list.current[0]?.startDate],
  }),
  'ended (effectivePeriod.end)': (value: string) => ({
    requests: [],
    statements: [
      {
        resourceType: 'MedicationStatement',
        id: 'ms-1',
        ...common,
        status: 'completed',
        effectivePeriod: { start: '2019-01-01', end: value },
      },
    ],
    shown: (model: ReturnType<typeof views>) => [model.list.past[0]?.endDate],
  }),
  'last issued (UK Core extension)': (value: string) => ({
    requests: [],
    statements: [
      {
        resourceType: 'MedicationStatement',
        id: 'ms-1',
        ...common,
        status: 'active',
        effectiveDateTime: '2019-01-01',
        extension: [{ url: LAST_ISSUE_DATE, valueDateTime: value }],
      },
    ],
    shown: (model: ReturnType<typeof views>) => [model.list.current[0]?.lastIssued],
  }),
  'review due (authorisationExpiryDate)': (value: string) => ({
    requests: [
      {
        resourceType: 'MedicationRequest',
        id: 'mr-1',
        ...common,
        status: 'active',
        intent: 'plan',
        courseOfTherapyType: { coding: [{ code: 'continuous' }] },
        extension: [{ url: REPEAT_INFORMATION, extension: [{ url: 'authorisationExpiryDate', valueDateTime: value }] }],
      },
    ],
    statements: [],
    shown: (model: ReturnType<typeof views>) => [model.list.current[0]?.reviewDate],
  }),
  'prescription expired (validityPeriod.end)': (value: string) => ({
    requests: [
      {
        resourceType: 'MedicationRequest',
        id: 'mr-1',
        ...common,
        status: 'active',
        intent: 'order',
        dispenseRequest: { validityPeriod: { start: '2019-01-01', end: value } },
      },
    ],
    statements: [],
    shown: (model: ReturnType<typeof views>) => [model.list.current[0]?.prescriptionExpired, model.summary.items[0]?.prescriptionExpired],
  }),
} as const;

/** Past days (so that every field is shown), in winter and summer, and midnight written every way feeds write it. */
const DAYS = ['2026-01-15', '2026-03-29', '2026-06-14', '2026-10-25', '2025-12-31'];
const MIDNIGHTS = ['T00:00:00Z', 'T00:00:00+01:00', 'T00:00:00+05:30', 'T00:00:00-05:00', 'T00:00:00.000+14:00', 'T00:00', 'T00:00:00'];

describe('medicines: a date sent as midnight is the date written', () => {
  test('reported: a prescription written at midnight in +05:30 shows the day written, not the day before', () => {
    const { requests, statements, shown } = FIELDS['prescribed (authoredOn)']('2026-03-29T00:00:00+05:30');
    assert.deepEqual(shown(views(requests, statements)), ['29-Mar-2026']);
  });

  test('reported: a validity end at midnight in +02:00 is that day in the list, as in the summary', () => {
    const { requests, statements, shown } = FIELDS['prescription expired (validityPeriod.end)']('2026-09-30T00:00:00+02:00');
    assert.deepEqual(shown(views(requests, statements)), ['30-Sep-2026', '30-Sep-2026']);
  });

  for (const audience of ['clinician', 'resident'] as const)
    for (const [field, make] of Object.entries(FIELDS))
      test(`${audience}: ${field} — ${DAYS.length} days × ${MIDNIGHTS.length} ways of writing midnight read as the day written`, () => {
        for (const day of DAYS)
          for (const midnight of MIDNIGHTS) {
            const { requests, statements, shown } = make(`${day}${midnight}`);
            for (const words of shown(views([...requests], [...statements], audience)))
              assert.equal(words, inWords(day, audience), `${day}${midnight}`);
          }
      });
});
