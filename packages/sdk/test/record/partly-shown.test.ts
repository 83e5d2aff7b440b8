/**
 * An item the hub sent partly shown (FHIR's `SUBSETTED` tag in its
 * `meta.tag`: a receptionist's appointment, an item whose reference to a
 * withheld item was removed) means "Some information is not shown", in every
 * reader, whether or not the Bundle it came in carries the `SUBSETTED` label:
 * a single read or a batch entry has no label of its own. Decided in one place
 * (`isPartlyShown`, read by `readNotices` and `withItemNotices`).
 *
 * The matrix: every reader (summary sections, medicines, results, timeline,
 * appointments) × each of its item types × tagged or not × the Bundle label
 * present or not × how the item came (in a searchset, read on its own, or
 * passed to the view model with no notices at all) × both audiences → the notice is shown exactly
 * when something is tagged or labelled.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  appointmentsViewModel,
  isPartlyShown,
  medicationsViewModel,
  readNotices,
  resultsViewModel,
  summaryViewModel,
  type NoticeBundle,
  type RecordNotices,
} from '../../src/record/index.js';
import type { Appointment, DiagnosticReport, MedicationRequest, MedicationStatement, Observation } from '../../src/fhir.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T12:00:00Z';
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);
const SUBJECT = { subject: { reference: `Patient/${PATIENT}` } };
const PATIENT_FIELD = { patient: { reference: `Patient/${PATIENT}` } };
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };
const coding = (system: string, code: string) => ({ coding: [{ system, code }] });

type Audience = 'clinician' | 'resident';
/** What a reader makes of its items and their notices: whether the view says some information is not shown. */
type Reader = (items: Record<string, unknown>[], notices: RecordNotices, audience: Audience) => boolean;

const summary: Reader = (items, notices, audience) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT, name: [{ text: 'Bridget Kelly' }] }, ...items], {
    audience,
    now: NOW,
    patientId: PATIENT,
    organizations,
    notices,
  }).withheld;
const medicines: Reader = (items, notices, audience) =>
  medicationsViewModel(
    {
      requests: items.filter((item) => item['resourceType'] === 'MedicationRequest') as unknown as MedicationRequest[],
      statements: items.filter((item) => item['resourceType'] === 'MedicationStatement') as unknown as MedicationStatement[],
      patientId: PATIENT,
      notices,
      organizations,
    },
    { audience, now: NOW },
  ).notices.withheld;
const results: Reader = (items, notices, audience) =>
  resultsViewModel(
    {
      observations: items.filter((item) => item['resourceType'] === 'Observation') as unknown as Observation[],
      reports: items.filter((item) => item['resourceType'] === 'DiagnosticReport') as unknown as DiagnosticReport[],
      patientId: PATIENT,
      notices,
      organizations,
    },
    { audience },
  ).notices.withheld;
const appointments: Reader = (items, notices, audience) =>
  appointmentsViewModel(
    { appointments: items as unknown as Appointment[], patientId: PATIENT, notices, organizations },
    { audience, now: NOW },
  ).notices.withheld;
/** The timeline reads each page's notices as they come (`readTimeline`), and adds the page's items as events. */
const timeline: Reader = (_items, notices) => notices.withheld;

const ITEMS: Record<string, Record<string, unknown>> = {
  Condition: {
    resourceType: 'Condition',
    id: 'c1',
    clinicalStatus: coding('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
    code: { text: 'Asthma' },
    ...SUBJECT,
  },
  AllergyIntolerance: {
    resourceType: 'AllergyIntolerance',
    id: 'a1',
    clinicalStatus: coding('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'),
    code: { text: 'Penicillin' },
    ...PATIENT_FIELD,
  },
  Flag: { resourceType: 'Flag', id: 'f1', status: 'active', code: { text: 'Risk of falls' }, ...SUBJECT },
  Immunization: { resourceType: 'Immunization', id: 'i1', status: 'completed', vaccineCode: { text: 'Influenza' }, ...PATIENT_FIELD },
  RelatedPerson: { resourceType: 'RelatedPerson', id: 'r1', active: true, name: [{ text: "Aoife O'Connor" }], ...PATIENT_FIELD },
  MedicationRequest: {
    resourceType: 'MedicationRequest',
    id: 'm1',
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
    authoredOn: '2026-11-01',
    ...SUBJECT,
  },
  MedicationStatement: {
    resourceType: 'MedicationStatement',
    id: 's1',
    status: 'active',
    medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
    ...SUBJECT,
  },
  Observation: {
    resourceType: 'Observation',
    id: 'o1',
    status: 'final',
    category: [coding('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory')],
    code: { text: 'Haemoglobin' },
    effectiveDateTime: '2026-11-01',
    valueQuantity: { value: 130, unit: 'g/L' },
    ...SUBJECT,
  },
  DiagnosticReport: {
    resourceType: 'DiagnosticReport',
    id: 'd1',
    status: 'final',
    code: { text: 'Full blood count' },
    effectiveDateTime: '2026-11-01',
    ...SUBJECT,
  },
  Encounter: { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, ...SUBJECT },
  DocumentReference: { resourceType: 'DocumentReference', id: 'dr1', status: 'current', ...SUBJECT },
  EpisodeOfCare: { resourceType: 'EpisodeOfCare', id: 'ep1', status: 'active', ...PATIENT_FIELD },
  CarePlan: { resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', title: 'Support plan', ...SUBJECT },
  Appointment: {
    resourceType: 'Appointment',
    id: 'ap1',
    status: 'booked',
    start: '2027-01-10T10:00:00Z',
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  },
};

const READERS: [name: string, reader: Reader, types: string[]][] = [
  ['summary', summary, ['Condition', 'AllergyIntolerance', 'Flag', 'Immunization', 'RelatedPerson', 'MedicationRequest', 'Appointment']],
  ['medicines', medicines, ['MedicationRequest', 'MedicationStatement']],
  ['results', results, ['Observation', 'DiagnosticReport']],
  ['timeline', timeline, ['Encounter', 'Appointment', 'DiagnosticReport', 'Observation', 'DocumentReference', 'CarePlan', 'EpisodeOfCare']],
  ['appointments', appointments, ['Appointment']],
];

/** How the item came: in a search page (labelled or not), or read on its own (a single read or batch entry: no Bundle). */
const DELIVERIES = ['searchset', 'single read'] as const;

const tagged = (item: Record<string, unknown>): Record<string, unknown> => ({
  ...item,
  meta: { source: 'https://care-record.example/source/F83999', tag: [SUBSETTED] },
});

test('the one rule: SUBSETTED (or REDACTED) in an item’s tag or security label, and nothing else', () => {
  assert.equal(isPartlyShown(tagged(ITEMS['Condition']!)), true);
  assert.equal(isPartlyShown({ meta: { security: [{ code: 'REDACTED' }] } }), true);
  assert.equal(isPartlyShown({ meta: { tag: [{ code: 'NOPAT' }], security: [{ code: 'NOPAT' }] } }), false);
  assert.equal(isPartlyShown({ meta: { tag: 'SUBSETTED' } }), false);
  assert.equal(isPartlyShown(ITEMS['Condition']), false);
  for (const odd of [undefined, null, 'SUBSETTED', 3, []]) assert.equal(isPartlyShown(odd), false);
});

for (const [name, reader, types] of READERS)
  test(`${name}: "Some information is not shown" exactly when an item is tagged SUBSETTED or the Bundle is labelled`, () => {
    for (const type of types)
      for (const isTagged of [false, true])
        for (const labelled of [false, true])
          for (const delivery of DELIVERIES)
            for (const audience of ['clinician', 'resident'] as const) {
              // A single read has no Bundle to carry a label.
              if (delivery === 'single read' && labelled) continue;
              const plain: Record<string, unknown> = { ...ITEMS[type]!, meta: { source: 'https://care-record.example/source/F83999' } };
              const item = isTagged ? tagged(plain) : plain;
              const others = [{ ...plain, id: `${String(plain['id'])}-other` }];
              const items = [...others, item];
              const page = {
                resourceType: 'Bundle',
                type: 'searchset',
                ...(labelled ? { meta: { security: [SUBSETTED] } } : {}),
                entry: items.map((resource) => ({ resource, search: { mode: 'match' } })),
              };
              // What the reader's loader reads its notices from: the page, or the item read on its own beside the others.
              const notices =
                delivery === 'searchset'
                  ? readNotices([page])
                  : readNotices([{ entry: others.map((resource) => ({ resource, search: { mode: 'match' } })) }, item as NoticeBundle]);
              // The view model is also given the items without their notices, as a host passing them on would.
              const withNotices = reader(items, notices, audience);
              const withoutNotices = reader(items, readNotices([]), audience);
              const expected = isTagged || labelled;
              const where = `${type} tagged=${isTagged} labelled=${labelled} ${delivery} ${audience}`;
              assert.equal(withNotices, expected, where);
              if (name !== 'timeline') assert.equal(withoutNotices, isTagged, `${where}, items alone`);
            }
  });
