/**
 * Who reported an allergy — the resident, a carer or relative, or a
 * professional — however the entry refers to them. Before, only a relative or
 * absolute reference whose path held `RelatedPerson/` or `Patient/` in
 * `asserter` counted: a carer contained in the entry (`#carer1`), one named by
 * `type` (short or canonical URL) with a display or identifier, and any carer
 * in `recorder` were read as a professional's entry.
 *
 * The matrix: each form of reference × the element that holds it (asserter,
 * recorder) × each audience, through `allergyState` and the record summary.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { AllergyIntolerance } from '../../src/fhir.js';
import { allergyState, summaryViewModel, type AllergyItem, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const CARER = "Aoife O'Connor";
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);
const CONTAINED = [
  {
    resourceType: 'RelatedPerson',
    id: 'carer1',
    patient: { reference: `Patient/${PATIENT}` },
    name: [{ given: ['Aoife'], family: "O'Connor" }],
  },
  { resourceType: 'Practitioner', id: 'gp1', name: [{ prefix: ['Dr'], given: ['Priya'], family: 'Raman' }] },
  { resourceType: 'Patient', id: 'me', name: [{ given: ['Ada'], family: 'Lovelace' }] },
];

type Reporter = { reportedByResident: boolean; reportedByCarer: string | undefined };
const carer = (name: string): Reporter => ({ reportedByResident: true, reportedByCarer: name });
const residentSelf: Reporter = { reportedByResident: true, reportedByCarer: undefined };
const professional: Reporter = { reportedByResident: false, reportedByCarer: undefined };

/** Each form of reference, and who the entry then says reported it. */
const FORMS: [form: string, reference: Record<string, unknown>, expected: Reporter][] = [
  ['contained RelatedPerson #id', { reference: '#carer1' }, carer(CARER)],
  ['contained RelatedPerson #id with a display', { reference: '#carer1', display: 'Aoife (daughter)' }, carer(CARER)],
  ['relative RelatedPerson/x', { reference: 'RelatedPerson/rp-1', display: CARER }, carer(CARER)],
  ['relative RelatedPerson/x, no display', { reference: 'RelatedPerson/rp-1' }, carer('A carer')],
  ['absolute RelatedPerson URL', { reference: 'https://fhir.example.nhs.uk/R4/RelatedPerson/rp-1', display: CARER }, carer(CARER)],
  [
    'absolute RelatedPerson URL with a version',
    { reference: 'https://fhir.example.nhs.uk/R4/RelatedPerson/rp-1/_history/3' },
    carer('A carer'),
  ],
  ['display typed RelatedPerson', { type: 'RelatedPerson', display: CARER }, carer(CARER)],
  ['display typed by canonical URL', { type: 'http://hl7.org/fhir/StructureDefinition/RelatedPerson', display: CARER }, carer(CARER)],
  [
    'identifier typed RelatedPerson',
    { type: 'RelatedPerson', identifier: { system: 'https://example.org/carers', value: 'c-17' } },
    carer('A carer'),
  ],
  ['relative Patient/x', { reference: `Patient/${PATIENT}` }, residentSelf],
  ['absolute Patient URL', { reference: `https://fhir.example.nhs.uk/R4/Patient/${PATIENT}` }, residentSelf],
  ['contained Patient #id', { reference: '#me' }, residentSelf],
  ['display typed Patient', { type: 'Patient', display: 'Ada Lovelace' }, residentSelf],
  ['relative Practitioner/x', { reference: 'Practitioner/pr-1', display: 'Dr Priya Raman' }, professional],
  ['contained Practitioner #id', { reference: '#gp1' }, professional],
  ['absolute Practitioner URL', { reference: 'https://fhir.example.nhs.uk/R4/Practitioner/pr-1' }, professional],
  ['#id contained nowhere', { reference: '#carer9', display: CARER }, professional],
  ['display only, untyped', { display: CARER }, professional],
];

const ELEMENTS = ['asserter', 'recorder'] as const;
const AUDIENCES: readonly RecordAudience[] = ['clinician', 'resident'];

const entry = (element: (typeof ELEMENTS)[number], reference: object): AllergyIntolerance =>
  ({
    resourceType: 'AllergyIntolerance',
    id: 'al-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    contained: CONTAINED,
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    code: { text: 'Penicillin' },
    patient: { reference: `Patient/${PATIENT}` },
    [element]: reference,
  }) as unknown as AllergyIntolerance;

const reporterOf = (item: AllergyItem | undefined): Reporter => ({
  reportedByResident: item?.reportedByResident ?? false,
  reportedByCarer: item?.reportedByCarer,
});

function viaState(resource: AllergyIntolerance, audience: RecordAudience): AllergyItem | undefined {
  const state = allergyState(
    { bundle: { entry: [{ resource }] }, notices: { withheld: false, unavailableSources: [] } },
    { audience, organizations },
  );
  assert.equal(state.kind, 'known');
  return state.kind === 'known' ? state.items[0] : undefined;
}

const viaSummary = (resource: AllergyIntolerance, audience: RecordAudience): AllergyItem | undefined =>
  summaryViewModel([resource], { audience, now: '2026-12-06T09:00:00Z', patientId: PATIENT }).sections.allergies.items[0];

describe('allergies: who reported it, by every form of reference × element × audience', () => {
  for (const element of ELEMENTS)
    for (const [form, reference, expected] of FORMS)
      for (const audience of AUDIENCES) {
        test(`${element} by ${form}, for the ${audience}`, () => {
          assert.deepEqual(reporterOf(viaState(entry(element, reference), audience)), expected);
          assert.deepEqual(reporterOf(viaSummary(entry(element, reference), audience)), expected);
        });
      }
});

describe('allergies: the asserter, when it names someone, says who reported it', () => {
  test('a GP asserted what a carer typed in: a professional’s entry', () => {
    const resource = {
      ...entry('asserter', { reference: 'Practitioner/pr-1', display: 'Dr Priya Raman' }),
      recorder: { reference: '#carer1' },
    };
    assert.deepEqual(reporterOf(viaState(resource as AllergyIntolerance, 'clinician')), professional);
  });
  test('the resident asserted what a GP recorded: the resident’s report', () => {
    const resource = { ...entry('asserter', { reference: `Patient/${PATIENT}` }), recorder: { reference: '#gp1' } };
    assert.deepEqual(reporterOf(viaState(resource as AllergyIntolerance, 'clinician')), residentSelf);
  });
  test('a carer contained as recorder is named as who recorded it', () => {
    assert.equal(viaState(entry('recorder', { reference: '#carer1' }), 'clinician')?.recordedBy, CARER);
  });
  test('a GP contained as recorder is named as who recorded it', () => {
    assert.equal(viaState(entry('recorder', { reference: '#gp1' }), 'clinician')?.recordedBy, 'Dr Priya Raman');
  });
});
