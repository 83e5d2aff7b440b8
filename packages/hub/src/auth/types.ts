import type { AuthStateStore } from './auth-state.js';

/** Someone a developer can sign in as on the development sign-in page. No real people, no passwords. */
export interface SignInPersona {
  /** Stable id, also the token's `sub`: e.g. `gp`, `hospital-nurse`, `social-worker`, `receptionist`, `resident`. */
  id: string;
  /** What the button says, e.g. `Dr Amara Okafor — GP, Junction Road Surgery`. */
  label: string;
  /** One line under the label: what this person can see. */
  description: string;
  role: 'gp' | 'nurse' | 'social-worker' | 'receptionist' | 'resident' | 'carer' | (string & Record<never, never>);
  /** False for roles that must not see clinical detail (a receptionist): they get only non-clinical scopes. */
  clinical: boolean;
  /**
   * The signed-in user's own resource: `PractitionerRole/…`, `Practitioner/…`, `Patient/…` or (a carer) `RelatedPerson/…`.
   * Empty for a carer known only by `carerAccount`: their RelatedPerson is found (or linked, with an invitation code) at sign-in.
   */
  fhirUser: string;
  /**
   * A carer's account, for a carer who may not be on anyone's record yet: the sign-in page asks for an invitation
   * code, and `SmartAuthOptions.carerAccounts` links it or finds the record they are already on.
   */
  carerAccount?: string;
  organizationId?: string;
  /** ODS code of the persona's organisation; the token's `organization` claim. */
  odsCode?: string;
  /** The resident's own Patient id; required for the `resident` role. */
  patientId?: string;
}

export interface SmartAuthOptions {
  /** The FHIR base the tokens are for (their `aud`, and the SMART `iss`), e.g. `http://127.0.0.1:8080/fhir`. */
  fhirBaseUrl: string;
  /** Where the sign-in routes live; default `<origin of fhirBaseUrl>/auth`. Also the token issuer. */
  authBaseUrl?: string;
  personas: SignInPersona[];
  /** Default 300: short, so refresh is exercised. */
  accessTokenLifetimeSeconds?: number;
  /** How long a signed-in session can be kept alive by refreshing. Default 8 hours. */
  sessionLifetimeSeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Carers' accounts, for personas with a `carerAccount`: `find` gives the `RelatedPerson/…` a carer already signs in
   * as (undefined when they are on no one's record); `accept` accepts an invitation code and gives the RelatedPerson it
   * linked, or throws an error whose `details` text can be shown (see the hub's `acceptInvitation`).
   */
  carerAccounts?: CarerAccounts;
  /**
   * Where sign-in state and the signing key are kept. Default: this process's memory (a restart signs everyone
   * out). The hub passes its database, so that several hub processes on it serve the same sessions.
   */
  state?: AuthStateStore;
}

export interface CarerAccounts {
  find(account: string): Promise<string | undefined>;
  accept(account: string, code: string): Promise<string>;
}

/** Who is calling and what they may do, from a verified access token. */
export interface AccessContext {
  /** The persona id (`sub`). */
  subject: string;
  fhirUser: string;
  role: string;
  clinical: boolean;
  organizationOds?: string;
  organizationId?: string;
  /** The patient in context: the resident themselves, or the patient an EHR launch was for. */
  patient?: string;
  scopes: string[];
  clientId: string;
  /** The token's `jti`, for audit. */
  tokenId: string;
  /** The sign-in session the token belongs to (`sid`): when the session ends, so does the token. */
  session: string;
}

/** What `registerSmartAuth` gives the rest of the hub. */
export interface SmartAuth {
  /** The FHIR base tokens are issued for, without a trailing slash. */
  readonly fhirBaseUrl: string;
  /** The token issuer and the base of the sign-in routes, without a trailing slash. */
  readonly issuer: string;
  /**
   * Verifies a bearer token (signature, issuer, audience = the FHIR base, expiry)
   * and returns who is calling. Throws `InvalidAccessTokenError` otherwise.
   */
  verifyAccessToken(token: string): Promise<AccessContext>;
}
