/**
 * Which SMART scopes a persona may be granted, and the grant for a request:
 * the intersection of what the app asked for and what the persona may have.
 *
 * - Resident: `openid fhirUser launch/patient offline_access online_access
 *   patient/*.rs patient/Observation.c patient/MedicationStatement.c
 *   patient/Consent.cu patient/RelatedPerson.c` (+ `launch` when launched from a portal for themselves).
 * - Clinical professional: `openid fhirUser offline_access online_access user/*.rs`;
 *   with an EHR launch also `launch` and `patient/*.rs` (the launch patient only).
 * - Non-clinical professional (receptionist): the same, but `.rs` only on the
 *   non-clinical types Patient, Appointment, Organization, Practitioner and
 *   PractitionerRole — never a wildcard.
 *
 * - Carer: `openid fhirUser offline_access online_access user/*.rs
 *   user/Observation.c user/MedicationStatement.c`; what they may actually
 *   read and add for each resident is their proxy permission's, which the
 *   gate applies (a carer's token is not tied to one resident: they switch
 *   between the people they act for).
 *
 * A wildcard request is narrowed to what the persona has (`user/*.rs` asked by a
 * receptionist grants `user/Patient.rs user/Appointment.rs …`), and permissions
 * are intersected (`patient/Observation.cruds` asked by a resident grants
 * `patient/Observation.crs`). A SMART v1 scope is read as its v2 equal and
 * granted in v2 form (`patient/*.read` as `patient/*.rs`, `.write` as `.cud`,
 * `.*` as `.cruds`), so an app written for SMART 1 gets what it asked for. v2
 * scopes with search parameters (`patient/Observation.rs?category=…`) are not
 * granted: the hub cannot confine a token to a category.
 */
import type { SignInPersona } from './types.js';

/**
 * The roles the hub's policy knows, and whether each may see clinical detail.
 * A token naming any other role is refused (an external issuer's role values
 * are mapped onto these; see `external-issuers.ts`).
 */
export const hubRoles = {
  gp: { clinical: true },
  nurse: { clinical: true },
  'social-worker': { clinical: true },
  receptionist: { clinical: false },
  resident: { clinical: false },
  carer: { clinical: false },
} as const satisfies Record<string, { clinical: boolean }>;

export type HubRole = keyof typeof hubRoles;

/** Resource types a non-clinical role may read: who, where and when, and who to contact — no clinical content. */
export const nonClinicalResourceTypes = [
  'Patient',
  'Appointment',
  'RelatedPerson',
  'Organization',
  'Practitioner',
  'PractitionerRole',
] as const;

/** Resource types the hub serves, for the discovery document's `scopes_supported`. */
export const resourceTypes = [
  'Patient',
  'AllergyIntolerance',
  'Condition',
  'MedicationStatement',
  'MedicationRequest',
  'Medication',
  'Encounter',
  'Appointment',
  'EpisodeOfCare',
  'Observation',
  'DiagnosticReport',
  'Immunization',
  'Procedure',
  'CarePlan',
  'Goal',
  'Flag',
  'DocumentReference',
  'Consent',
  'AuditEvent',
  'RelatedPerson',
  'Practitioner',
  'PractitionerRole',
  'Organization',
] as const;

const identityScopes = ['openid', 'fhirUser', 'offline_access', 'online_access'];
const residentWrites = ['patient/Observation.c', 'patient/MedicationStatement.c', 'patient/Consent.cu', 'patient/RelatedPerson.c'];
const carerWrites = ['user/Observation.c', 'user/MedicationStatement.c'];

export const supportedScopes: readonly string[] = [
  'openid',
  'fhirUser',
  'launch',
  'launch/patient',
  'offline_access',
  'online_access',
  'patient/*.rs',
  'user/*.rs',
  ...residentWrites,
  ...carerWrites,
  ...resourceTypes.flatMap((type) => [`patient/${type}.rs`, `user/${type}.rs`]),
];

/** The most a persona may be granted; `ehrLaunch` when a host system launched the app with a patient in context. */
export function allowedScopes(persona: Pick<SignInPersona, 'role' | 'clinical'>, ehrLaunch: boolean): string[] {
  const launch = ehrLaunch ? ['launch'] : [];
  if (persona.role === 'resident') return [...identityScopes, 'launch/patient', ...launch, 'patient/*.rs', ...residentWrites];
  if (persona.role === 'carer') return [...identityScopes, 'user/*.rs', ...carerWrites];
  const types: readonly string[] = persona.clinical ? ['*'] : nonClinicalResourceTypes;
  const contexts = ehrLaunch ? ['user', 'patient'] : ['user'];
  return [...identityScopes, ...launch, ...contexts.flatMap((context) => types.map((type) => `${context}/${type}.rs`))];
}

interface ResourceScope {
  context: string;
  type: string;
  permissions: string;
}

const permissionOrder = 'cruds';
const resourceScopePattern = /^(patient|user)\/(\*|[A-Z][A-Za-z]{1,63})\.(c?r?u?d?s?|read|write|\*)$/;
/** SMART v1 permissions and their v2 equals. */
const v1Permissions: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = resourceScopePattern.exec(scope);
  if (!match?.[3]) return undefined;
  return { context: match[1] ?? '', type: match[2] ?? '', permissions: v1Permissions[match[3]] ?? match[3] };
}

/** Whether a scope asks for access to resources (SMART v1 or v2, with or without search parameters). */
export function asksForResources(scope: string): boolean {
  return /^(patient|user|system)\//.test(scope);
}

/**
 * The scopes granted: each requested scope narrowed to what `allowed` permits,
 * in the order asked, without repeats. A scope is never merged with another the
 * app asked for, so an app finds each granted scope as it wrote it.
 */
export function grantScopes(requested: readonly string[], allowed: readonly string[]): string[] {
  const granted = new Set<string>();
  const allowedResources = allowed.map(parseResourceScope).filter((scope) => scope !== undefined);
  for (const scope of requested) {
    const asked = parseResourceScope(scope);
    if (asked === undefined) {
      if (allowed.includes(scope)) granted.add(scope);
      continue;
    }
    // One requested scope may be met by several allowed ones (`patient/*.cruds` by `patient/*.rs` and `patient/Observation.c`).
    const byType = new Map<string, Set<string>>();
    for (const permitted of allowedResources) {
      if (permitted.context !== asked.context) continue;
      if (permitted.type !== '*' && asked.type !== '*' && permitted.type !== asked.type) continue;
      const type = permitted.type === '*' ? asked.type : permitted.type;
      const permissions = byType.get(type) ?? new Set<string>();
      for (const permission of asked.permissions) if (permitted.permissions.includes(permission)) permissions.add(permission);
      byType.set(type, permissions);
    }
    for (const [type, permissions] of byType) {
      const ordered = [...permissionOrder].filter((permission) => permissions.has(permission)).join('');
      if (ordered !== '') granted.add(`${asked.context}/${type}.${ordered}`);
    }
  }
  return [...granted];
}

/** Splits a `scope` parameter on spaces; empty when there is none. */
export function splitScope(scope: string | null | undefined): string[] {
  return (scope ?? '').split(' ').filter((part) => part !== '');
}
