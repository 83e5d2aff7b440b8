/**
 * What each search parameter of the contract reads from a resource. The store
 * indexes these values when a resource is written, so a search is an index
 * lookup, never a scan of JSON.
 */
import { periodRange, rangeOf, type InstantRange } from './fhir-date.js';

export type FhirJson = Record<string, unknown>;

/**
 * The index entries (token name) that put an item in the compartments of the residents it names after the first: a
 * search of one of them finds it by these, besides the rows kept under them.
 */
export const OTHER_COMPARTMENT = '_compartment';

/** The types whose items may name several residents in their compartment parameters (see `compartmentsOf`). */
export const SHARED_COMPARTMENT_TYPES: ReadonlySet<string> = new Set(['Appointment']);

/** Every value at a dotted path, arrays flattened: `pick(r, 'category.coding')`. */
export function pick(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const key of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      const child = item !== null && typeof item === 'object' ? (item as FhirJson)[key] : undefined;
      if (Array.isArray(child)) next.push(...(child as unknown[]));
      else if (child !== undefined && child !== null) next.push(child);
    }
    current = next;
  }
  return current;
}

export interface Token {
  system: string;
  code: string;
}

type TokenSource = (resource: FhirJson) => Token[];
type DateSource = (resource: FhirJson) => InstantRange[];

interface TokenParameter {
  kind: 'token';
  values: TokenSource;
}
interface ReferenceParameter {
  kind: 'reference';
  /** The type a bare id refers to (`organization=org-1` means `Organization/org-1`). */
  target: string;
  values: TokenSource;
}
interface StringParameter {
  kind: 'string';
  values: TokenSource;
}
interface DateParameter {
  kind: 'date';
  values: DateSource;
}
export type SearchParameter = TokenParameter | ReferenceParameter | StringParameter | DateParameter;

export interface ResourceSearchDefinition {
  parameters: Record<string, SearchParameter>;
  /** The date a search sorts by and the `date`-like parameter that names it. */
  sortDate?: { parameter: string; value: (resource: FhirJson) => number | undefined };
  /** A text sort key (`family`, `name`). */
  sortText?: { parameter: string; value: (resource: FhirJson) => string | undefined };
  /** `_include` values → the reference paths they follow. */
  includes?: Record<string, string>;
}

const codings =
  (path: string): TokenSource =>
  (resource) =>
    pick(resource, path).flatMap((coding) => {
      const { system, code } = coding as { system?: unknown; code?: unknown };
      return typeof code === 'string' ? [{ system: typeof system === 'string' ? system : '', code }] : [];
    });

const codes =
  (path: string): TokenSource =>
  (resource) =>
    pick(resource, path).flatMap((code) => (typeof code === 'string' ? [{ system: '', code }] : []));

const identifiers: TokenSource = (resource) =>
  pick(resource, 'identifier').flatMap((identifier) => {
    const { system, value } = identifier as { system?: unknown; value?: unknown };
    return typeof value === 'string' ? [{ system: typeof system === 'string' ? system : '', code: value }] : [];
  });

const references =
  (path: string): TokenSource =>
  (resource) =>
    pick(resource, path).flatMap((reference) => (typeof reference === 'string' ? [{ system: '', code: reference }] : []));

const words =
  (...paths: string[]): TokenSource =>
  (resource) =>
    paths
      .flatMap((path) => pick(resource, path))
      .flatMap((text) => (typeof text === 'string' ? [{ system: '', code: text.toLowerCase() }] : []));

const dateAt =
  (path: string): DateSource =>
  (resource) =>
    pick(resource, path).flatMap((value) => {
      const range = typeof value === 'string' ? rangeOf(value) : undefined;
      return range ? [range] : [];
    });

const periodAt =
  (path: string): DateSource =>
  (resource) =>
    pick(resource, path).flatMap((value) => {
      const range = periodRange(value as { start?: string; end?: string });
      return range ? [range] : [];
    });

/** The first of several date sources that has a value: `effectiveDateTime` or `effectivePeriod`. */
const firstDate =
  (...sources: DateSource[]): DateSource =>
  (resource) => {
    for (const source of sources) {
      const found = source(resource);
      if (found.length > 0) return found;
    }
    return [];
  };

const startOf = (source: DateSource) => (resource: FhirJson) => source(resource)[0]?.start;

const token = (values: TokenSource): TokenParameter => ({ kind: 'token', values });
const reference = (target: string, path: string): ReferenceParameter => ({ kind: 'reference', target, values: references(path) });
const date = (values: DateSource): DateParameter => ({ kind: 'date', values });

const effective = firstDate(dateAt('effectiveDateTime'), dateAt('effectiveInstant'), periodAt('effectivePeriod'));
const performed = firstDate(dateAt('performedDateTime'), periodAt('performedPeriod'));
const appointmentTime: DateSource = (resource) => {
  const range = periodRange({
    ...(typeof resource['start'] === 'string' ? { start: resource['start'] } : {}),
    ...(typeof resource['end'] === 'string' ? { end: resource['end'] } : {}),
  });
  return range ? [range] : [];
};

export const searchDefinitions: Record<string, ResourceSearchDefinition> = {
  Patient: {
    parameters: {
      identifier: token(identifiers),
      family: { kind: 'string', values: words('name.family') },
      birthdate: date(dateAt('birthDate')),
    },
    sortDate: { parameter: 'birthdate', value: startOf(dateAt('birthDate')) },
    sortText: { parameter: 'family', value: (resource) => words('name.family')(resource)[0]?.code },
    includes: { 'Patient:general-practitioner': 'generalPractitioner.reference' },
  },
  AllergyIntolerance: {
    parameters: {
      'clinical-status': token(codings('clinicalStatus.coding')),
      'verification-status': token(codings('verificationStatus.coding')),
      category: token(codes('category')),
      criticality: token(codes('criticality')),
      code: token(codings('code.coding')),
      date: date(dateAt('recordedDate')),
    },
    sortDate: { parameter: 'date', value: startOf(dateAt('recordedDate')) },
    includes: { 'AllergyIntolerance:recorder': 'recorder.reference' },
  },
  Condition: {
    parameters: {
      'clinical-status': token(codings('clinicalStatus.coding')),
      'verification-status': token(codings('verificationStatus.coding')),
      category: token(codings('category.coding')),
      code: token(codings('code.coding')),
      'recorded-date': date(dateAt('recordedDate')),
      'onset-date': date(firstDate(dateAt('onsetDateTime'), periodAt('onsetPeriod'))),
    },
    sortDate: { parameter: 'recorded-date', value: startOf(dateAt('recordedDate')) },
  },
  MedicationStatement: {
    parameters: {
      // Not a search parameter of the contract: indexed for conditional create (`If-None-Exist: identifier=…`).
      identifier: token(identifiers),
      status: token(codes('status')),
      category: token(codings('category.coding')),
      code: token(codings('medicationCodeableConcept.coding')),
      effective: date(effective),
      source: { kind: 'reference', target: 'Patient', values: references('informationSource.reference') },
    },
    sortDate: { parameter: 'effective', value: startOf(firstDate(effective, dateAt('dateAsserted'))) },
    includes: {
      'MedicationStatement:source': 'informationSource.reference',
      'MedicationStatement:medication': 'medicationReference.reference',
    },
  },
  MedicationRequest: {
    parameters: {
      status: token(codes('status')),
      intent: token(codes('intent')),
      category: token(codings('category.coding')),
      code: token(codings('medicationCodeableConcept.coding')),
      authoredon: date(dateAt('authoredOn')),
    },
    sortDate: { parameter: 'authoredon', value: startOf(dateAt('authoredOn')) },
    includes: { 'MedicationRequest:requester': 'requester.reference', 'MedicationRequest:medication': 'medicationReference.reference' },
  },
  Encounter: {
    parameters: {
      status: token(codes('status')),
      class: token((resource) => codings('class')(resource)),
      type: token(codings('type.coding')),
      'service-provider': reference('Organization', 'serviceProvider.reference'),
      date: date(periodAt('period')),
    },
    sortDate: { parameter: 'date', value: startOf(periodAt('period')) },
    includes: { 'Encounter:service-provider': 'serviceProvider.reference', 'Encounter:practitioner': 'participant.individual.reference' },
  },
  Appointment: {
    parameters: {
      status: token(codes('status')),
      'service-type': token(codings('serviceType.coding')),
      date: date(appointmentTime),
    },
    sortDate: { parameter: 'date', value: startOf(appointmentTime) },
    includes: { 'Appointment:actor': 'participant.actor.reference' },
  },
  EpisodeOfCare: {
    parameters: {
      status: token(codes('status')),
      type: token(codings('type.coding')),
      organization: reference('Organization', 'managingOrganization.reference'),
      date: date(periodAt('period')),
    },
    sortDate: { parameter: 'date', value: startOf(periodAt('period')) },
    includes: { 'EpisodeOfCare:organization': 'managingOrganization.reference', 'EpisodeOfCare:care-manager': 'careManager.reference' },
  },
  Observation: {
    parameters: {
      // Not a search parameter of the contract: indexed for conditional create (`If-None-Exist: identifier=…`).
      identifier: token(identifiers),
      status: token(codes('status')),
      category: token(codings('category.coding')),
      code: token(codings('code.coding')),
      date: date(effective),
    },
    sortDate: { parameter: 'date', value: startOf(effective) },
    includes: { 'Observation:performer': 'performer.reference' },
  },
  DiagnosticReport: {
    parameters: {
      status: token(codes('status')),
      category: token(codings('category.coding')),
      code: token(codings('code.coding')),
      date: date(effective),
    },
    sortDate: { parameter: 'date', value: startOf(effective) },
    includes: { 'DiagnosticReport:result': 'result.reference', 'DiagnosticReport:performer': 'performer.reference' },
  },
  Immunization: {
    parameters: {
      status: token(codes('status')),
      'vaccine-code': token(codings('vaccineCode.coding')),
      date: date(dateAt('occurrenceDateTime')),
    },
    sortDate: { parameter: 'date', value: startOf(firstDate(dateAt('occurrenceDateTime'), dateAt('recorded'))) },
  },
  Procedure: {
    parameters: {
      status: token(codes('status')),
      category: token(codings('category.coding')),
      code: token(codings('code.coding')),
      date: date(performed),
    },
    sortDate: { parameter: 'date', value: startOf(performed) },
  },
  CarePlan: {
    parameters: {
      status: token(codes('status')),
      category: token(codings('category.coding')),
      date: date(periodAt('period')),
    },
    sortDate: { parameter: 'date', value: startOf(firstDate(periodAt('period'), dateAt('created'))) },
    includes: { 'CarePlan:condition': 'addresses.reference' },
  },
  Goal: {
    parameters: { 'lifecycle-status': token(codes('lifecycleStatus')) },
    sortDate: { parameter: 'start-date', value: startOf(dateAt('startDate')) },
  },
  Flag: {
    parameters: { date: date(periodAt('period')) },
    sortDate: { parameter: 'date', value: startOf(periodAt('period')) },
    includes: { 'Flag:author': 'author.reference' },
  },
  DocumentReference: {
    parameters: {
      status: token(codes('status')),
      type: token(codings('type.coding')),
      category: token(codings('category.coding')),
      date: date(dateAt('date')),
    },
    sortDate: { parameter: 'date', value: startOf(dateAt('date')) },
    includes: { 'DocumentReference:author': 'author.reference' },
  },
  Consent: {
    parameters: {
      // A resident's app finds the permission or sharing choice it saved by the identifier it gave it, and sends it
      // for a conditional create (`If-None-Exist: identifier=…`).
      identifier: token(identifiers),
      status: token(codes('status')),
      category: token(codings('category.coding')),
      date: date(dateAt('dateTime')),
    },
    sortDate: { parameter: 'date', value: startOf(dateAt('dateTime')) },
  },
  AuditEvent: {
    parameters: {
      // Every resident the event names (a search may find several); the gate searches the access log by this.
      patient: token((resource) => references('entity.what.reference')(resource).filter((value) => value.code.startsWith('Patient/'))),
      outcome: token(codes('outcome')),
      action: token(codes('action')),
      purpose: token(codings('purposeOfEvent.coding')),
      date: date(dateAt('recorded')),
    },
    sortDate: { parameter: 'date', value: startOf(dateAt('recorded')) },
  },
  RelatedPerson: {
    // identifier: a carer's account finds their RelatedPerson on each record they act for.
    parameters: { relationship: token(codings('relationship.coding')), identifier: token(identifiers) },
  },
  Practitioner: {
    parameters: { identifier: token(identifiers), name: { kind: 'string', values: words('name.family', 'name.given') } },
    sortText: { parameter: 'family', value: (resource) => words('name.family')(resource)[0]?.code },
  },
  PractitionerRole: {
    parameters: {
      identifier: token(identifiers),
      practitioner: reference('Practitioner', 'practitioner.reference'),
      organization: reference('Organization', 'organization.reference'),
    },
    includes: { 'PractitionerRole:practitioner': 'practitioner.reference', 'PractitionerRole:organization': 'organization.reference' },
  },
  // A medicine as a product, about no resident: prescriptions and statements name it by `medicationReference`.
  Medication: {
    parameters: { code: token(codings('code.coding')) },
  },
  Organization: {
    parameters: { identifier: token(identifiers), name: { kind: 'string', values: words('name', 'alias') } },
    sortText: {
      parameter: 'name',
      value: (resource) => (typeof resource['name'] === 'string' ? resource['name'].toLowerCase() : undefined),
    },
  },
};

/**
 * What a store's index holds for each type: its search parameters' names and
 * kinds, and the parameters it sorts by. A store keeps these with its data
 * (`search-parameters` in its meta) and, on opening, indexes again the rows of
 * every type whose shape differs from what the store was written with: a
 * parameter added to a type (`Consent.identifier`) would otherwise find
 * nothing written before it, and a search would answer "none" for what is
 * there. A store that kept no shapes is indexed again whole, once.
 */
export function indexShapes(): Record<string, string> {
  const shapes: Record<string, string> = {};
  for (const [type, definition] of Object.entries(searchDefinitions)) {
    const parameters = Object.entries(definition.parameters)
      .map(([name, parameter]) => `${name}:${parameter.kind}`)
      .sort();
    const sorts = [`sort-date:${definition.sortDate?.parameter ?? ''}`, `sort-text:${definition.sortText?.parameter ?? ''}`];
    // A type whose items may be in several residents' compartments indexes the others (`OTHER_COMPARTMENT`): a store
    // written before it did indexes that type again on opening, so an existing shared item is found by each resident.
    const compartments = SHARED_COMPARTMENT_TYPES.has(type) ? [`${OTHER_COMPARTMENT}:token`] : [];
    shapes[type] = [...parameters, ...compartments, ...sorts].join(',');
  }
  return shapes;
}

/** The types whose index shape differs between what a store recorded (`undefined`: nothing recorded) and `current`. */
export function typesToIndexAgain(recorded: string | undefined, current: Record<string, string>): string[] {
  let before: Record<string, unknown> = {};
  try {
    const parsed: unknown = recorded === undefined ? undefined : JSON.parse(recorded);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) before = parsed as Record<string, unknown>;
  } catch {
    // Unreadable: as if nothing was recorded.
  }
  return Object.keys(current).filter((type) => before[type] !== current[type]);
}

/**
 * Every resident a resource belongs to (its patient compartments), in the order it names them, from the references
 * the contract requires: an appointment for a couple, a family or a group is in each named resident's record, as FHIR's
 * Patient compartment puts it (an Appointment by any `participant.actor`).
 */
export function compartmentsOf(resource: FhirJson): string[] {
  const type = resource['resourceType'];
  if (type === 'Patient') return typeof resource['id'] === 'string' ? [resource['id']] : [];
  const candidates =
    type === 'Appointment'
      ? pick(resource, 'participant.actor.reference')
      : [...pick(resource, 'subject.reference'), ...pick(resource, 'patient.reference')];
  const residents: string[] = [];
  for (const candidate of candidates)
    // `Patient/<id>` alone (an id as FHIR spells one): a version of it (`…/_history/2`) or any other form is placed as
    // this when written (`placeResidents`), never read as a resident whose id holds a slash.
    if (typeof candidate === 'string' && /^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(candidate)) {
      const id = candidate.slice('Patient/'.length);
      if (!residents.includes(id)) residents.push(id);
    }
  // Any other type is its first resident's alone: its store row and index say so, and so must every reader of it.
  return SHARED_COMPARTMENT_TYPES.has(String(type)) ? residents : residents.slice(0, 1);
}

/** The resident a resource is kept under (the first it names: its row's `patient_id`); `compartmentsOf` has them all. */
export function compartmentOf(resource: FhirJson): string | undefined {
  return compartmentsOf(resource)[0];
}
