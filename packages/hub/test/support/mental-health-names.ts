/**
 * Mental health services' names as sources write them, and where an item names its service: the oracle the mental
 * health words tests share (written from FHIR R4 and NHS service names, apart from the hub's rule).
 */

type Json = Record<string, unknown>;

/** What a source puts between "mental" and "health". */
export const GAPS = [' ', '  ', '-', '_', '/', '\u00a0', '\n', '\r\n', '\t', ' - ', '.', '\u2013', ' & '] as const;
/** How a source cases it. */
export const CASES: readonly ((text: string) => string)[] = [
  (text) => text.toLowerCase(),
  (text) => text.toUpperCase(),
  (text) => text.replace(/(^|[^\p{L}])(\p{L})/gu, (_, before: string, letter: string) => `${before}${letter.toUpperCase()}`),
];
/** "Mental health liaison", spelled one way. */
export const spelled = (gap: string, casing: (text: string) => string) => casing(`mental${gap}health liaison`);

/** Other names of a mental health service (the module's doc comment says why each is one). */
export const OTHER_NAMES = [
  'CAMHS',
  'Islington Camhs',
  'CYPMHS',
  'Camden CMHT',
  'Psychiatric liaison',
  'Liaison psychiatry',
  'Old age psychiatry',
  'Neuropsychiatry',
  'Psychogeriatric day hospital',
  'IAPT',
  'NHS Talking Therapies for anxiety and depression',
  'Talking therapy',
  'Psychological therapies service',
  'Improving Access to Psychological Therapies',
  'Early intervention in psychosis',
  'Eating disorders service',
  'Community mental healthcare',
  'Mental Health Act office',
] as const;
/** Near, but not a mental health service: what an item from one must not be taken for. */
export const NOT_NAMES = [
  'Fundamental healthcare',
  'Environmental health',
  'Supplemental health checks',
  'Clinical health psychology',
  'Neuropsychology',
  'Bereavement counselling',
  'Occupational health',
  'Physiotherapy',
  'Memory clinic',
  'Learning disability team',
  'Drug and alcohol service',
  'Health and wellbeing hub',
  'Mentalhealthy living',
  'Psychotherapy of the knee', // not a name any service has: psychotherapy alone is not read (see the module)
] as const;

const BOOKING = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The record types the rule reads a service on. */
export type Type =
  | 'Appointment'
  | 'Encounter'
  | 'EpisodeOfCare'
  | 'DocumentReference'
  | 'Observation'
  | 'DiagnosticReport'
  | 'Procedure'
  | 'Immunization'
  | 'MedicationRequest'
  | 'MedicationStatement'
  | 'Condition'
  | 'AllergyIntolerance'
  | 'CarePlan'
  | 'Goal'
  | 'Flag';

export interface Element {
  type: Type;
  name: string;
  place: (item: Json, words: string) => Json;
  /** Whether the desk's view of an appointment holds it (R3: it never holds contained resources). */
  deskSees?: boolean;
}

export const text = (words: string) => ({ text: words });
export const coded = (words: string) => ({ coding: [{ system: 'http://snomed.info/sct', code: '1000001', display: words }] });
const participant = (item: Json, actor: Json): Json[] => [
  ...((item['participant'] as Json[] | undefined) ?? []),
  { actor, status: 'accepted' },
];

/**
 * This test's oracle, written from FHIR R4 apart from the hub's rule: each element of a type that names the service
 * an item is from — the service, its category, type or specialty, the organisation, team, place or role that
 * provided or booked it — in each reference form a source sends.
 */
export const ELEMENTS: readonly Element[] = [
  { type: 'Appointment', name: 'service category', place: (item, words) => ({ ...item, serviceCategory: [text(words)] }) },
  { type: 'Appointment', name: 'service type', place: (item, words) => ({ ...item, serviceType: [text(words)] }) },
  { type: 'Appointment', name: 'service type coded', place: (item, words) => ({ ...item, serviceType: [coded(words)] }) },
  { type: 'Appointment', name: 'specialty', place: (item, words) => ({ ...item, specialty: [coded(words)] }) },
  {
    type: 'Appointment',
    name: 'the service booked',
    place: (item, words) => ({ ...item, participant: participant(item, { reference: 'HealthcareService/hs-1', display: words }) }),
  },
  {
    type: 'Appointment',
    name: 'the place booked',
    place: (item, words) => ({ ...item, participant: participant(item, { reference: 'Location/loc-1', display: words }) }),
  },
  {
    type: 'Appointment',
    name: 'an organisation booked, by display only',
    place: (item, words) => ({ ...item, participant: participant(item, { type: 'Organization', display: words }) }),
  },
  {
    type: 'Appointment',
    name: 'an actor by display alone',
    place: (item, words) => ({ ...item, participant: participant(item, { display: words }) }),
  },
  {
    type: 'Appointment',
    name: 'a service by identifier',
    place: (item, words) => ({ ...item, participant: participant(item, { identifier: { system: ODS, value: 'RX123' }, display: words }) }),
  },
  {
    type: 'Appointment',
    name: 'a service at another server',
    place: (item, words) => ({
      ...item,
      participant: participant(item, { reference: 'https://other.example/fhir/HealthcareService/9', display: words }),
    }),
  },
  {
    type: 'Appointment',
    name: 'a practitioner role',
    place: (item, words) => ({ ...item, participant: participant(item, { reference: 'PractitionerRole/pr-1', display: words }) }),
  },
  {
    type: 'Appointment',
    name: 'the booking organisation',
    place: (item, words) => ({ ...item, extension: [{ url: BOOKING, valueReference: { display: words } }] }),
  },
  {
    type: 'Appointment',
    name: 'a contained service booked',
    deskSees: false,
    place: (item, words) => ({
      ...item,
      contained: [{ resourceType: 'HealthcareService', id: 'hs', name: words }],
      participant: participant(item, { reference: '#hs' }),
    }),
  },
  { type: 'Encounter', name: 'service type', place: (item, words) => ({ ...item, serviceType: text(words) }) },
  { type: 'Encounter', name: 'service type coded', place: (item, words) => ({ ...item, serviceType: coded(words) }) },
  {
    type: 'Encounter',
    name: 'the provider',
    place: (item, words) => ({ ...item, serviceProvider: { reference: 'Organization/o-1', display: words } }),
  },
  { type: 'Encounter', name: 'the provider by display only', place: (item, words) => ({ ...item, serviceProvider: { display: words } }) },
  {
    type: 'Encounter',
    name: 'the provider by identifier',
    place: (item, words) => ({ ...item, serviceProvider: { identifier: { system: ODS, value: 'RX123' }, display: words } }),
  },
  {
    type: 'Encounter',
    name: 'the place',
    place: (item, words) => ({ ...item, location: [{ location: { reference: 'Location/loc-1', display: words } }] }),
  },
  {
    type: 'Encounter',
    name: 'the place by display only',
    place: (item, words) => ({ ...item, location: [{ location: { display: words } }] }),
  },
  {
    type: 'Encounter',
    name: 'a contained provider',
    place: (item, words) => ({
      ...item,
      contained: [{ resourceType: 'Organization', id: 'org', name: words }],
      serviceProvider: { reference: '#org' },
    }),
  },
  { type: 'EpisodeOfCare', name: 'type', place: (item, words) => ({ ...item, type: [text(words)] }) },
  {
    type: 'EpisodeOfCare',
    name: 'the managing organisation',
    place: (item, words) => ({ ...item, managingOrganization: { display: words } }),
  },
  { type: 'EpisodeOfCare', name: 'the team', place: (item, words) => ({ ...item, team: [{ reference: 'CareTeam/t-1', display: words }] }) },
  {
    type: 'DocumentReference',
    name: 'practice setting',
    place: (item, words) => ({ ...item, context: { ...(item['context'] as Json | undefined), practiceSetting: coded(words) } }),
  },
  {
    type: 'DocumentReference',
    name: 'facility type',
    place: (item, words) => ({ ...item, context: { ...(item['context'] as Json | undefined), facilityType: text(words) } }),
  },
  { type: 'DocumentReference', name: 'the custodian', place: (item, words) => ({ ...item, custodian: { display: words } }) },
  {
    type: 'DocumentReference',
    name: 'an authoring organisation',
    place: (item, words) => ({ ...item, author: [{ reference: 'Organization/o-1', display: words }] }),
  },
  { type: 'Observation', name: 'the performer', place: (item, words) => ({ ...item, performer: [{ display: words }] }) },
  {
    type: 'DiagnosticReport',
    name: 'the performer',
    place: (item, words) => ({ ...item, performer: [{ reference: 'Organization/o-1', display: words }] }),
  },
  { type: 'Procedure', name: 'the performer', place: (item, words) => ({ ...item, performer: [{ actor: { display: words } }] }) },
  {
    type: 'Procedure',
    name: 'on behalf of',
    place: (item, words) => ({ ...item, performer: [{ actor: { reference: 'Practitioner/p-1' }, onBehalfOf: { display: words } }] }),
  },
  { type: 'Procedure', name: 'the place', place: (item, words) => ({ ...item, location: { display: words } }) },
  { type: 'Immunization', name: 'the performer', place: (item, words) => ({ ...item, performer: [{ actor: { display: words } }] }) },
  { type: 'Immunization', name: 'the place', place: (item, words) => ({ ...item, location: { display: words } }) },
  { type: 'MedicationRequest', name: 'the requester', place: (item, words) => ({ ...item, requester: { display: words } }) },
  { type: 'MedicationRequest', name: 'the performer', place: (item, words) => ({ ...item, performer: { display: words } }) },
  { type: 'MedicationStatement', name: 'the source', place: (item, words) => ({ ...item, informationSource: { display: words } }) },
  { type: 'Condition', name: 'the asserter', place: (item, words) => ({ ...item, asserter: { display: words } }) },
  { type: 'AllergyIntolerance', name: 'the asserter', place: (item, words) => ({ ...item, asserter: { display: words } }) },
  { type: 'CarePlan', name: 'the care team', place: (item, words) => ({ ...item, careTeam: [{ display: words }] }) },
  {
    type: 'CarePlan',
    name: 'the author',
    place: (item, words) => ({ ...item, author: { reference: 'Organization/o-1', display: words } }),
  },
  { type: 'Goal', name: 'expressed by', place: (item, words) => ({ ...item, expressedBy: { display: words } }) },
  { type: 'Flag', name: 'the author', place: (item, words) => ({ ...item, author: { display: words } }) },
];

/** Elements that name no service: what they say is not read (a reason, a diagnosis, a note, a title, the resident). */
export const BOUNDARY: readonly Element[] = [
  { type: 'Appointment', name: 'reason', place: (item, words) => ({ ...item, reasonCode: [text(words)] }) },
  { type: 'Appointment', name: 'reason by reference', place: (item, words) => ({ ...item, reasonReference: [{ display: words }] }) },
  { type: 'Appointment', name: 'comment', place: (item, words) => ({ ...item, comment: words }) },
  { type: 'Appointment', name: 'description', place: (item, words) => ({ ...item, description: words }) },
  {
    type: 'Appointment',
    name: 'a related person booked',
    place: (item, words) => ({ ...item, participant: participant(item, { reference: 'RelatedPerson/rp-1', display: words }) }),
  },
  { type: 'Encounter', name: 'reason', place: (item, words) => ({ ...item, reasonCode: [text(words)] }) },
  { type: 'Condition', name: 'code', place: (item, words) => ({ ...item, code: text(words) }) },
  { type: 'Observation', name: 'note', place: (item, words) => ({ ...item, note: [{ text: words }] }) },
  { type: 'CarePlan', name: 'addresses', place: (item, words) => ({ ...item, addresses: [{ display: words }] }) },
];
