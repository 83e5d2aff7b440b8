/**
 * Access tokens from identity providers other than the hub's own development
 * sign-in: NHS CIS2 for professionals, NHS login for residents, a council's
 * OpenID provider. Each trusted issuer is configured by name; a token is
 * accepted only when
 *
 * 1. its `iss` is exactly one configured issuer — checked on the unverified
 *    token BEFORE any key is fetched, so a token naming any other issuer
 *    costs the hub nothing and makes it fetch nothing;
 * 2. its signature verifies against that issuer's JWKS, with RS256, PS256 or
 *    ES256 only (never an HMAC algorithm, never `none`);
 * 3. `aud` is exactly the configured audience, `exp` is present and not past,
 *    `nbf` (if any) is not future — 30 seconds of clock tolerance — and the
 *    token lives no longer than the issuer's `maxTokenLifetimeSeconds`;
 * 4. the mapped claims name people and organisations the hub knows: a role
 *    the hub's policy has, an Organization in the directory (by id or ODS
 *    code) for a professional, and a `fhirUser` that exists and fits the role
 *    (a professional's PractitionerRole belongs to the mapped organisation; a
 *    resident is a Patient — found by NHS number when the issuer gives one;
 *    a carer a RelatedPerson), and any claims the issuer's entry requires
 *    (e.g. NHS login's identity proofing level) have an accepted value.
 *
 * Whatever fails, the caller sees the one `InvalidAccessTokenError`, and the
 * hub the same 401 as for any bad token: nothing says which check failed, and
 * nothing here logs. The scopes a token carries are narrowed to what the
 * mapped role may have (`allowedScopes`), exactly as the development sign-in
 * narrows them, so an issuer cannot give a receptionist clinical scopes.
 *
 * Sessions: an external token has no hub session. The hub keeps none for it,
 * issues no refresh token for it and cannot revoke it (`/auth/revoke` knows
 * only its own tokens): signing out, and revoking, happen at the issuer, and a
 * token already issued works until its `exp`. That window is bounded by
 * `maxTokenLifetimeSeconds` (default 3600; keep it short — 300 to 900 is what
 * the development sign-in uses).
 */
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { allowedScopes, grantScopes, hubRoles, type HubRole } from './scopes.js';
import { InvalidAccessTokenError } from './tokens.js';

/** One issuer the hub trusts, as written in the `--trust-issuers` file. */
export interface ExternalIssuer {
  /** The `iss` its tokens carry, compared exactly (no trailing-slash or case folding). */
  issuer: string;
  /** Where its signing keys are published: https, or http on this machine (127.0.0.1, localhost, [::1]). */
  jwksUri: string;
  /** The `aud` its tokens must carry for this hub, compared exactly: usually the hub's FHIR base URL. */
  audience: string;
  /** Every token of this issuer is for this role (e.g. `resident` for NHS login); otherwise the role comes from a claim. */
  role?: HubRole;
  /** Translates the issuer's role values into the hub's roles (e.g. a national RBAC code to `gp`); unlisted values are refused. */
  roles?: Record<string, HubRole>;
  /** Which claim holds what. Defaults: `role`, `organization`, `fhirUser`, `scope`; `nhsNumber` is off unless named. */
  claims?: {
    role?: string;
    organization?: string;
    fhirUser?: string;
    /** A resident's NHS number: their Patient is found by it (and must agree with `fhirUser` when both are given). */
    nhsNumber?: string;
    /** Space-separated scopes (a string) or a list of scopes (an array). */
    scope?: string;
  };
  /**
   * Claims that must be present with one of the listed values, e.g. NHS login's
   * `{"identity_proofing_level": ["P9"]}`: only people whose identity was checked in full.
   */
  requiredClaims?: Record<string, string[]>;
  /** The longest a token may live (its `exp` from now, and from its `iat`). Default 3600. */
  maxTokenLifetimeSeconds?: number;
}

/** What the hub needs to look up to check the mapped claims. */
export interface IdentityDirectory {
  /** The Organization with this id, or else with this ODS code. */
  organization(idOrOdsCode: string): Promise<{ id: string; odsCode?: string | undefined } | undefined>;
  /** The resource, if the store has it. */
  read(type: string, id: string): Promise<Record<string, unknown> | undefined>;
  /** The id of the Patient with this NHS number, if exactly one. */
  patientByNhsNumber(nhsNumber: string): Promise<string | undefined>;
  /** Whether this Practitioner holds a PractitionerRole at this Organization. */
  practitionerWorksAt(practitionerId: string, organizationId: string): Promise<boolean>;
}

/** Who is calling, from an external token: what the hub's server turns into a Viewer. */
export interface ExternalAccessClaims {
  issuer: string;
  subject: string;
  fhirUser: string;
  role: HubRole;
  clinical: boolean;
  scopes: string[];
  patient?: string;
  organizationId?: string;
  organizationOds?: string;
}

/** The only algorithms accepted: asymmetric signatures. Never HS*, never `none`. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;
const CLOCK_TOLERANCE_SECONDS = 30;
const DEFAULT_MAX_LIFETIME_SECONDS = 3600;

const fhirId = '[A-Za-z0-9\\-.]{1,64}';
const fhirUserPattern = new RegExp(`^(Practitioner|PractitionerRole|Patient|RelatedPerson)/(${fhirId})$`);
const nhsNumberPattern = /^\d{10}$/;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Reads and checks a trusted-issuers configuration (`{"issuers": [...]}`).
 * Throws with a message naming the entry and field that is wrong.
 */
export function parseExternalIssuers(json: unknown): ExternalIssuer[] {
  const list = isObject(json) && Array.isArray(json['issuers']) ? json['issuers'] : undefined;
  if (list === undefined) throw new Error('The trusted issuers file must be {"issuers": [...]}');
  if (isObject(json) && Object.keys(json).some((key) => key !== 'issuers'))
    throw new Error('The trusted issuers file has fields other than "issuers"');
  const seen = new Set<string>();
  return list.map((entry: unknown, index): ExternalIssuer => {
    const where = `Trusted issuer ${index + 1}`;
    if (!isObject(entry)) throw new Error(`${where} is not an object`);
    const known = ['issuer', 'jwksUri', 'audience', 'role', 'roles', 'claims', 'requiredClaims', 'maxTokenLifetimeSeconds'];
    const unknown = Object.keys(entry).find((key) => !known.includes(key));
    if (unknown !== undefined) throw new Error(`${where} has an unknown field "${unknown}"`);
    const text = (name: string): string => {
      const value = entry[name];
      if (typeof value !== 'string' || value === '') throw new Error(`${where}: "${name}" must be a non-empty string`);
      return value;
    };
    const issuer = text('issuer');
    if (seen.has(issuer)) throw new Error(`${where}: issuer ${issuer} is listed twice`);
    seen.add(issuer);
    const jwksUri = text('jwksUri');
    if (!keysAddressAllowed(jwksUri)) throw new Error(`${where}: "jwksUri" must be an https address (or http on this machine)`);
    const audience = text('audience');
    const checked: ExternalIssuer = { issuer, jwksUri, audience };
    if (entry['role'] !== undefined) {
      if (!isHubRole(entry['role'])) throw new Error(`${where}: "role" must be one of ${Object.keys(hubRoles).join(', ')}`);
      checked.role = entry['role'];
    }
    if (entry['roles'] !== undefined) {
      const roles = entry['roles'];
      if (!isObject(roles)) throw new Error(`${where}: "roles" must map the issuer's role values to hub roles`);
      const mapped: Record<string, HubRole> = {};
      for (const [value, role] of Object.entries(roles)) {
        if (!isHubRole(role)) throw new Error(`${where}: "roles.${value}" must be one of ${Object.keys(hubRoles).join(', ')}`);
        mapped[value] = role;
      }
      checked.roles = mapped;
    }
    if (checked.role !== undefined && checked.roles !== undefined) throw new Error(`${where}: give "role" or "roles", not both`);
    if (entry['claims'] !== undefined) {
      const claims = entry['claims'];
      if (!isObject(claims)) throw new Error(`${where}: "claims" must be an object`);
      const names = ['role', 'organization', 'fhirUser', 'nhsNumber', 'scope'] as const;
      const extra = Object.keys(claims).find((key) => !(names as readonly string[]).includes(key));
      if (extra !== undefined) throw new Error(`${where}: "claims" has an unknown field "${extra}"`);
      const mapping: NonNullable<ExternalIssuer['claims']> = {};
      for (const name of names) {
        const value = claims[name];
        if (value === undefined) continue;
        if (typeof value !== 'string' || value === '') throw new Error(`${where}: "claims.${name}" must be a claim name`);
        mapping[name] = value;
      }
      checked.claims = mapping;
    }
    if (entry['requiredClaims'] !== undefined) {
      const required = entry['requiredClaims'];
      if (!isObject(required)) throw new Error(`${where}: "requiredClaims" must map claim names to lists of accepted values`);
      const checkedRequired: Record<string, string[]> = {};
      for (const [claim, values] of Object.entries(required)) {
        if (!Array.isArray(values) || values.length === 0 || values.some((value) => typeof value !== 'string' || value === ''))
          throw new Error(`${where}: "requiredClaims.${claim}" must be a non-empty list of values`);
        checkedRequired[claim] = values as string[];
      }
      checked.requiredClaims = checkedRequired;
    }
    if (entry['maxTokenLifetimeSeconds'] !== undefined) {
      const seconds = entry['maxTokenLifetimeSeconds'];
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400)
        throw new Error(`${where}: "maxTokenLifetimeSeconds" must be a whole number from 1 to 86400`);
      checked.maxTokenLifetimeSeconds = seconds;
    }
    return checked;
  });
}

/** The token's `iss`, read without verifying anything: only to choose which issuer's keys may verify it. */
export function unverifiedIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

export interface ExternalIssuerVerifier {
  /** Whether `iss` is exactly one of the configured issuers. */
  trusts(iss: string): boolean;
  /** Verifies a token from a configured issuer; throws `InvalidAccessTokenError` for anything else. */
  verify(token: string): Promise<ExternalAccessClaims>;
}

/**
 * A verifier for the configured issuers. Each issuer's JWKS is fetched the
 * first time one of its tokens is presented (and again when a token names a key
 * it does not have, at most every 30 s), never for a token of any other issuer.
 */
export function externalIssuerVerifier(
  issuers: readonly ExternalIssuer[],
  directory: IdentityDirectory,
  options: { now?: () => number } = {},
): ExternalIssuerVerifier {
  const now = options.now ?? Date.now;
  const byIssuer = new Map(
    issuers.map((issuer) => [
      issuer.issuer,
      { issuer, keys: createRemoteJWKSet(new URL(issuer.jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 }) },
    ]),
  );
  return {
    trusts: (iss) => byIssuer.has(iss),
    async verify(token) {
      const iss = unverifiedIssuer(token);
      // Exact match first: no key is fetched for an issuer that is not configured.
      const trusted = iss === undefined ? undefined : byIssuer.get(iss);
      if (trusted === undefined) throw new InvalidAccessTokenError('invalid');
      const { issuer, keys } = trusted;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: issuer.issuer,
          audience: issuer.audience,
          algorithms: [...ACCEPTED_ALGORITHMS],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp', 'sub'],
          currentDate: new Date(now()),
        }));
      } catch {
        // Expired, wrong audience, bad signature, unknown key, unreachable JWKS: all the same to the caller.
        throw new InvalidAccessTokenError('invalid');
      }
      // jose checks `aud` by membership; one audience, exactly ours, is what is trusted.
      const audience = Array.isArray(payload.aud) && payload.aud.length === 1 ? payload.aud[0] : payload.aud;
      if (audience !== issuer.audience) throw new InvalidAccessTokenError('invalid');
      const claims = await mapClaims(payload, issuer, directory, now());
      if (claims === undefined) throw new InvalidAccessTokenError('invalid');
      return claims;
    },
  };
}

/** The verified token's claims as the hub's terms, or undefined when any of them is missing, unknown or inconsistent. */
async function mapClaims(
  payload: JWTPayload,
  issuer: ExternalIssuer,
  directory: IdentityDirectory,
  now: number,
): Promise<ExternalAccessClaims | undefined> {
  const names = { role: 'role', organization: 'organization', fhirUser: 'fhirUser', scope: 'scope', ...issuer.claims };
  const maxLifetime = issuer.maxTokenLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const { exp, iat, sub } = payload;
  if (typeof exp !== 'number' || typeof sub !== 'string' || sub === '') return undefined;
  if (exp - now / 1000 > maxLifetime + CLOCK_TOLERANCE_SECONDS) return undefined;
  if (iat !== undefined && (typeof iat !== 'number' || exp - iat > maxLifetime || iat > now / 1000 + CLOCK_TOLERANCE_SECONDS))
    return undefined;

  for (const [claim, accepted] of Object.entries(issuer.requiredClaims ?? {})) {
    const value = payload[claim];
    if (typeof value !== 'string' || !accepted.includes(value)) return undefined;
  }

  const role = roleOf(payload, issuer, names.role);
  if (role === undefined) return undefined;
  const scopes = scopesOf(payload[names.scope]);
  if (scopes === undefined) return undefined;

  const fhirUserClaim = payload[names.fhirUser];
  if (fhirUserClaim !== undefined && typeof fhirUserClaim !== 'string') return undefined;
  let fhirUser = fhirUserClaim;
  if (role === 'resident' && names.nhsNumber !== undefined) {
    const nhsNumber = payload[names.nhsNumber];
    if (typeof nhsNumber !== 'string' || !nhsNumberPattern.test(nhsNumber)) return undefined;
    const patient = await directory.patientByNhsNumber(nhsNumber);
    if (patient === undefined) return undefined;
    if (fhirUser !== undefined && fhirUser !== `Patient/${patient}`) return undefined;
    fhirUser = `Patient/${patient}`;
  }
  const reference = fhirUser === undefined ? undefined : fhirUserPattern.exec(fhirUser);
  const [, type, id] = reference ?? [];
  if (fhirUser === undefined || type === undefined || id === undefined) return undefined;
  const resource = await directory.read(type, id);
  if (resource === undefined || resource['resourceType'] !== type) return undefined;

  const { clinical } = hubRoles[role];
  const granted = grantScopes(scopes, allowedScopes({ role, clinical }, false));
  const base = { issuer: issuer.issuer, subject: sub, fhirUser, role, clinical, scopes: granted };

  if (role === 'resident') return type === 'Patient' ? { ...base, patient: id } : undefined;
  if (role === 'carer') return type === 'RelatedPerson' ? base : undefined;
  // A professional acts for one organisation the directory has, as someone who works there.
  if (type !== 'Practitioner' && type !== 'PractitionerRole') return undefined;
  const organizationClaim = payload[names.organization];
  if (typeof organizationClaim !== 'string' || organizationClaim === '') return undefined;
  const organization = await directory.organization(organizationClaim);
  if (organization === undefined) return undefined;
  const worksThere =
    type === 'PractitionerRole'
      ? resource['active'] !== false && referenceOf(resource['organization']) === `Organization/${organization.id}`
      : await directory.practitionerWorksAt(id, organization.id);
  if (!worksThere) return undefined;
  return {
    ...base,
    organizationId: organization.id,
    ...(organization.odsCode === undefined ? {} : { organizationOds: organization.odsCode }),
  };
}

function roleOf(payload: JWTPayload, issuer: ExternalIssuer, claim: string): HubRole | undefined {
  if (issuer.role !== undefined) return issuer.role;
  const value = payload[claim];
  if (typeof value !== 'string') return undefined;
  if (issuer.roles !== undefined) return Object.hasOwn(issuer.roles, value) ? issuer.roles[value] : undefined;
  return isHubRole(value) ? value : undefined;
}

function scopesOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(' ').filter((part) => part !== '');
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value as string[];
  return undefined;
}

function referenceOf(value: unknown): string | undefined {
  return isObject(value) && typeof value['reference'] === 'string' ? value['reference'] : undefined;
}

function isHubRole(value: unknown): value is HubRole {
  return typeof value === 'string' && Object.hasOwn(hubRoles, value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keysAddressAllowed(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
  } catch {
    return false;
  }
}
