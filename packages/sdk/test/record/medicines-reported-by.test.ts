/**
 * A medicine the resident, or a carer for them, reported (a MedicationStatement
 * whose `informationSource` is the Patient or a RelatedPerson), however the
 * statement refers to them. Before, only `RelatedPerson/…` at the start of
 * the reference counted as a carer, so a carer contained in the statement
 * (`#carer1`), named by absolute URL or by `type` with a display was not
 * named, and the medicine read as a professional's record; a carer by
 * absolute URL was not even "reported by the resident".
 *
 * The matrix: each form of reference × audience.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const CARER = "Aoife O'Connor";
const CONTAINED = [
  {
    resourceType: 'RelatedPerson',
    id: 'carer1',
    patient: { reference: `Patient/${PATIENT}` },
    name: [{ given: ['Aoife'], family: "O'Connor" }],
  },
  { resourceType: 'Practitioner', id: 'gp1', name: [{ prefix: ['Dr'], given: ['Priya'], family: 'Raman' }] },
];

type Reported = { residentReported: boolean; label: string | undefined };
const RESIDENT_LABEL: Record<RecordAudience, string> = { clinician: 'Reported by the resident', resident: 'Added by you' };
const byCarer = (name: string) => (): Reported => ({ residentReported: true, label: `Added by ${name}` });
const byResident = (audience: RecordAudience): Reported => ({ residentReported: true, label: RESIDENT_LABEL[audience] });
const byProfessional = (): Reported => ({ residentReported: false, label: undefined });

const FORMS: [form: string, reference: object, expected: (audience: RecordAudience) => Reported][] = [
  ['contained RelatedPerson #id', { reference: '#carer1' }, byCarer(CARER)],
  ['relative RelatedPerson/x', { reference: 'RelatedPerson/rp-1', display: CARER }, byCarer(CARER)],
  ['relative RelatedPerson/x, no display', { reference: 'RelatedPerson/rp-1' }, byCarer('a carer')],
  ['absolute RelatedPerson URL', { reference: 'https://fhir.example.nhs.uk/R4/RelatedPerson/rp-1', display: CARER }, byCarer(CARER)],
  ['display typed RelatedPerson', { type: 'RelatedPerson', display: CARER }, byCarer(CARER)],
  ['display typed by canonical URL', { type: 'http://hl7.org/fhir/StructureDefinition/RelatedPerson', display: CARER }, byCarer(CARER)],
  ['relative Patient/x', { reference: `Patient/${PATIENT}` }, byResident],
  ['absolute Patient URL', { reference: `https://fhir.example.nhs.uk/R4/Patient/${PATIENT}` }, byResident],
  ['display typed Patient', { type: 'Patient', display: 'Ada Lovelace' }, byResident],
  ['relative Practitioner/x', { reference: 'Practitioner/pr-1', display: 'Dr Priya Raman' }, byProfessional],
  ['contained Practitioner #id', { reference: '#gp1' }, byProfessional],
  ['#id contained nowhere', { reference: '#carer9', display: CARER }, byProfessional],
];

const row = (informationSource: object, audience: RecordAudience) => {
  const statement = {
    resourceType: 'MedicationStatement',
    id: 'ms-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    contained: CONTAINED,
    status: 'active',
    subject: { reference: `Patient/${PATIENT}` },
    medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
    effectivePeriod: { start: '2026-10-01' },
    informationSource,
  } as unknown as MedicationStatement;
  const model = medicationsViewModel(
    {
      requests: [],
      statements: [statement],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map([['F83999', 'Tufnell Green Surgery']]),
    },
    { audience, now: '2026-12-06T09:00:00Z' },
  );
  const [current] = model.current;
  assert.ok(current);
  return { residentReported: current.residentReported, label: current.residentReportedLabel };
};

describe('medicines: who reported it, by every form of reference × audience', () => {
  for (const audience of ['clinician', 'resident'] as const)
    for (const [form, reference, expected] of FORMS)
      test(`informationSource by ${form} (${audience})`, () => {
        assert.deepEqual(row(reference, audience), expected(audience));
      });
});
