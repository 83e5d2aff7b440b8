/**
 * Items the policy tests place on a resident's record: one of each clinical
 * type, made from the contract's own examples, pointed at the resident and
 * labelled as a test needs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildProxyConsent } from '@care-record/sdk';

type Json = Record<string, unknown>;

export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/**
 * What an appointment is for the desk (FHIR R4 Appointment's administrative elements, and `extension` for the
 * extensions below). Written out here on purpose, apart from the hub's `policy/views.ts`: it is the tests' oracle, so
 * widening what the desk reads takes a change in both places, and a slip in one is caught by the other.
 */
export const DESK_APPOINTMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'extension',
  'resourceType',
  'id',
  'meta',
  'implicitRules',
  'language',
  'identifier',
  'status',
  'cancelationReason',
  'serviceCategory',
  'serviceType',
  'specialty',
  'appointmentType',
  'priority',
  'description',
  'slot',
  'start',
  'end',
  'minutesDuration',
  'created',
  'patientInstruction',
  'participant',
  'requestedPeriod',
]);
/** Extensions that say who booked it and how (UK Core): for the desk too. */
export const DESK_APPOINTMENT_EXTENSIONS: ReadonlySet<string> = new Set([
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization',
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeliveryChannel',
]);

/** An organisation none of the personas belongs to: items it recorded are nobody's "own". */
export const OTHER_SOURCE = 'https://care-record.example/source/RX999';

/** Clinical and contact types that belong to a resident's record. */
export const RECORD_TYPES = [
  'AllergyIntolerance',
  'Condition',
  'MedicationStatement',
  'MedicationRequest',
  'Encounter',
  'Appointment',
  'EpisodeOfCare',
  'Observation',
  'DiagnosticReport',
  'CarePlan',
  'Goal',
  'Flag',
  'DocumentReference',
  'RelatedPerson',
  'Immunization',
  'Procedure',
] as const;

const examplesDir = fileURLToPath(new URL('../../../../openapi/examples/', import.meta.url));
const examples = new Map<string, Json>();
for (const file of readdirSync(examplesDir).sort()) {
  const value = (JSON.parse(readFileSync(`${examplesDir}${file}`, 'utf8')) as { value?: Json }).value;
  const type = value?.['resourceType'];
  if (typeof type === 'string' && value && !examples.has(type)) examples.set(type, value);
}

/** One example resource of the type, from the contract's examples (a fresh copy each time). */
export function exampleOf(type: string): Json {
  const example = examples.get(type);
  if (!example) throw new Error(`The contract has no example ${type}`);
  return structuredClone(example);
}

/** Points a resource at a resident, whatever field the type uses. */
export function aboutPatient(resource: Json, patientId: string): Json {
  const reference = { reference: `Patient/${patientId}` };
  const type = resource['resourceType'];
  if (type === 'Appointment') return { ...resource, participant: [{ actor: reference, status: 'accepted' }] };
  if (type === 'AllergyIntolerance' || type === 'EpisodeOfCare' || type === 'RelatedPerson' || type === 'Immunization')
    return { ...resource, patient: reference };
  return { ...resource, subject: reference };
}

/** An item of the type for the resident, recorded by `OTHER_SOURCE`, with these security labels. */
export function recordItem(type: string, id: string, patientId: string, labels: string[] = []): Json {
  const security = labels.map((code) => ({ system: ACT_CODE, code }));
  return aboutPatient({ ...exampleOf(type), id, meta: { source: OTHER_SOURCE, ...(security.length > 0 ? { security } : {}) } }, patientId);
}

/** A resident's sharing choice that excludes these organisations from their whole record. */
export function sharingChoiceExcluding(patientId: string, organizationIds: readonly string[], id?: string): Json {
  return {
    resourceType: 'Consent',
    ...(id === undefined ? {} : { id }),
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      provision: organizationIds.map((organizationId) => ({
        type: 'deny',
        actor: [
          {
            role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
            reference: { reference: `Organization/${organizationId}` },
          },
        ],
      })),
    },
  };
}

/** A contact the resident has in her record (a RelatedPerson with no identifiers), able to be given a permission. */
export function residentContact(patientId: string, id: string): Json {
  return { ...exampleOf('RelatedPerson'), id, active: true, patient: { reference: `Patient/${patientId}` }, identifier: [] };
}

/**
 * A permission for that contact to see the resident's appointments, in force, as the practice recorded it
 * (`OTHER_SOURCE`): the Consent a resident reads and changes. `extra` is laid over it.
 */
export function practicePermission(patientId: string, relatedPersonId: string, id: string, extra: Json = {}): Json {
  const consent = buildProxyConsent({ patientId, relatedPersonId, actions: ['view-appointments'], withheld: [], status: 'active' });
  return { ...(consent as unknown as Json), id, meta: { source: OTHER_SOURCE }, ...extra };
}
