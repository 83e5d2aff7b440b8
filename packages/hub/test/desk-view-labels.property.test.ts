/**
 * The desk's view alone decides whether an appointment is withheld from it, as a property of the rule
 * (`policy/visibility.ts`; the SQL is held to the same function in `visibility.test.ts`, the real hub to both in
 * `desk-view-labels.test.ts`).
 *
 * Generated appointments hold, in the elements the desk sees, harmless or sensitive content (SEX by content, PSY by
 * the service) and perhaps a label of the source's own; and, in elements the desk does not see — FHIR R4's reason,
 * comment and the rest, contained resources with and without labels, a source's extensions, and elements no version
 * has — anything at all. For a non-clinical reader the appointment is withheld exactly as the same appointment with
 * only the desk's elements is (by this test's own allowlist, apart from the hub's); for a clinical reader exactly as
 * the labels of the whole item say, as before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaultVisibility, isWithheld, labelsOf, sourceOf } from '../src/policy/visibility.js';
import { DESK_APPOINTMENT_ELEMENTS } from './support/policy-fixtures.js';

type Json = Record<string, unknown>;

const DESK_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';

const SNOMED = 'http://snomed.info/sct';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const LABELS = ['SEX', 'SDV', 'R', 'V', 'PSY', 'NOPAT'];
const SOURCES = [sourceOf('RX999'), sourceOf('F83999'), undefined];

/** A concept, harmless or saying one of the things the rules withhold. */
const concept = fc.constantFrom<Json>(
  { text: 'Diabetes review' },
  { coding: [{ system: SNOMED, code: '44054006', display: 'Type 2 diabetes mellitus' }] },
  { text: 'Chlamydia' },
  { coding: [{ system: SNOMED, code: '8098009' }] },
  { text: 'Sexual health clinic' },
  { text: 'Community mental health team' },
  { coding: [{ display: 'Psychiatry' }] },
);
const reference = fc.constantFrom<Json>(
  { display: 'Outpatients, Level 2' },
  { display: 'Chlamydia trachomatis infection' },
  { display: 'Integrated sexual health service' },
  { display: 'Community mental health team' },
  { reference: 'HealthcareService/hs-1', display: 'Mental health crisis team' },
);
const labels = fc.subarray(LABELS, { maxLength: 2 }).map((codes) => codes.map((code) => ({ system: ACT_CODE, code })));

/** What the desk sees. */
const seen = fc.record(
  {
    serviceType: fc.array(concept, { minLength: 1, maxLength: 2 }),
    specialty: fc.array(concept, { minLength: 1, maxLength: 2 }),
    appointmentType: concept,
    cancelationReason: concept,
    description: fc.constantFrom('Review', 'Chlamydia follow-up'),
    place: reference,
    booking: reference,
    security: labels,
  },
  { requiredKeys: [] },
);

/** What the desk does not see: FHIR R4's other elements, contained resources, a source's extensions, elements no version has. */
const unseen = fc.record(
  {
    reasonCode: fc.array(concept, { minLength: 1, maxLength: 2 }),
    reasonReference: fc.array(reference, { minLength: 1, maxLength: 2 }),
    supportingInformation: fc.array(reference, { maxLength: 2 }),
    basedOn: fc.array(reference, { maxLength: 2 }),
    comment: fc.constantFrom('Chlamydia follow-up', 'Bring glucose diary'),
    text: fc.constantFrom('Seen for chlamydia', 'Seen for diabetes').map((words) => ({
      status: 'generated',
      div: `<div xmlns="http://www.w3.org/1999/xhtml">${words}</div>`,
    })),
    contained: fc.array(
      fc.record({ code: concept, serviceType: concept, security: labels }).map(({ code, serviceType, security }) => ({
        resourceType: 'Encounter',
        id: 'e',
        ...(security.length > 0 ? { meta: { security } } : {}),
        serviceType,
        reasonCode: [code],
      })),
      { minLength: 1, maxLength: 2 },
    ),
    extension: fc.array(
      concept.map((value) => ({ url: 'https://source.example/fhir/StructureDefinition/reason', valueCodeableConcept: value })),
      { minLength: 1, maxLength: 2 },
    ),
    modifierExtension: fc.array(
      concept.map((value) => ({ url: 'https://source.example/fhir/StructureDefinition/kind', valueCodeableConcept: value })),
      { minLength: 1, maxLength: 1 },
    ),
    note: fc.array(concept, { minLength: 1, maxLength: 1 }),
    clinicalDetail: concept,
  },
  { requiredKeys: [] },
);

function appointment(desk: Json, hidden: Json, source: string | undefined): Json {
  const { place, booking, security, ...concepts } = desk as Json & { place?: Json; booking?: Json; security?: Json[] };
  const { extension, ...rest } = hidden as Json & { extension?: Json[] };
  const meta: Json = { ...(source ? { source } : {}), ...(security && security.length > 0 ? { security } : {}) };
  return {
    resourceType: 'Appointment',
    id: 'a-1',
    meta,
    status: 'booked',
    ...concepts,
    ...rest,
    extension: [...(booking ? [{ url: DESK_EXTENSION, valueReference: booking }] : []), ...(extension ?? [])],
    participant: [{ actor: { reference: 'Patient/p-1' }, status: 'accepted' }, ...(place ? [{ actor: place, status: 'accepted' }] : [])],
  };
}

/** The appointment with only what the desk sees, by this test's allowlist. */
function deskOnly(resource: Json): Json {
  const kept: Json = {};
  for (const [element, value] of Object.entries(resource)) {
    if (element === 'extension') kept[element] = (value as { url: string }[]).filter((extension) => extension.url === DESK_EXTENSION);
    else if (DESK_APPOINTMENT_ELEMENTS.has(element)) kept[element] = value;
  }
  return kept;
}

const desk = (source: string | undefined) =>
  defaultVisibility({ kind: 'professional', clinical: false, odsCode: source === SOURCES[1] ? 'F83999' : 'F83111' });
const clinician = defaultVisibility({ kind: 'professional', clinical: true, odsCode: 'F83111' });

test('the desk is withheld an appointment by its view alone; a clinician by the whole item, as before', () => {
  let withheldFromDesk = 0;
  let differ = 0;
  fc.assert(
    fc.property(seen, unseen, unseen, fc.constantFrom(...SOURCES), (shown, hidden, other, source) => {
      const item = appointment(shown, hidden, source);
      const twin = appointment(shown, other, source);
      const byDesk = isWithheld(item, desk(source));
      assert.equal(byDesk, isWithheld(deskOnly(item), desk(source)), 'as the desk’s elements alone are');
      assert.equal(byDesk, isWithheld(twin, desk(source)), 'as its twin that differs only where the desk does not see');
      const byClinician = isWithheld(item, clinician);
      assert.equal(
        byClinician,
        labelsOf(item).some((label) => clinician.hiddenLabels.includes(label)),
        'a clinician of another organisation by the labels of the whole item',
      );
      if (byDesk) withheldFromDesk += 1;
      if (byDesk !== byClinician) differ += 1;
    }),
    { numRuns: 3000, seed: 20261206 },
  );
  // Not a property of nothing: the desk is withheld some appointments, and the desk and a clinician part on some.
  assert.ok(withheldFromDesk > 100, `${withheldFromDesk} withheld from the desk`);
  assert.ok(differ > 100, `${differ} answered otherwise for the desk than for a clinician`);
});
