import { instanceOfAnyCopy } from '../client/any-copy.js';

/**
 * What went wrong in a SMART launch or session:
 * - `missing-iss`: no FHIR server to launch against (no `iss` option or page parameter);
 * - `issuer-not-allowed`: the `iss` is not one of `allowedIssuers`;
 * - `discovery-failed`: `.well-known/smart-configuration` could not be read or lacks endpoints;
 * - `pkce-unsupported`: the server does not offer PKCE with S256;
 * - `storage-unavailable`: the launch cannot keep its state across the redirect;
 * - `state-mismatch`: the redirect is not the answer to a launch this page started;
 * - `missing-code`: the redirect carries neither a code nor an error;
 * - `access-denied`: the person declined or cancelled the sign-in;
 * - `authorization-failed`: the authorisation server refused the request (see `oauthError`);
 * - `token-failed`: the code could not be exchanged for tokens;
 * - `refresh-failed`: a new access token could not be had (sign in again);
 * - `signed-out`: the session was ended with `signOut()`.
 */
export type SmartLaunchErrorCode =
  | 'missing-iss'
  | 'issuer-not-allowed'
  | 'discovery-failed'
  | 'pkce-unsupported'
  | 'storage-unavailable'
  | 'state-mismatch'
  | 'missing-code'
  | 'access-denied'
  | 'authorization-failed'
  | 'token-failed'
  | 'refresh-failed'
  | 'signed-out';

const messages: Record<SmartLaunchErrorCode, string> = {
  'missing-iss': 'No FHIR server to sign in to',
  'issuer-not-allowed': 'The app was launched for a FHIR server it does not trust',
  'discovery-failed': 'The SMART configuration could not be read',
  'pkce-unsupported': 'The authorisation server does not support PKCE with S256',
  'storage-unavailable': 'The sign-in cannot be kept across the redirect here',
  'state-mismatch': 'The sign-in answer does not match a sign-in started here',
  'missing-code': 'The sign-in answer has no authorisation code',
  'access-denied': 'The sign-in was declined or cancelled',
  'authorization-failed': 'The authorisation server refused the sign-in',
  'token-failed': 'The sign-in could not be completed',
  'refresh-failed': 'The session could not be renewed; sign in again',
  'signed-out': 'The session has ended',
};

const SMART_LAUNCH_ERROR: unique symbol = Symbol.for('@care-record/sdk:SmartLaunchError@1');

/** Only a short code in OAuth's own alphabet can be repeated safely; descriptions are free text. */
const oauthErrorPattern = /^[a-z_]{1,64}$/;

/**
 * The one error the SMART launch and session throw. Its message is safe to log:
 * it never contains a token, a code, a verifier, a URL or the server's free text.
 */
export class SmartLaunchError extends Error {
  /** True of one from any copy of the SDK on the page (see `instanceOfAnyCopy`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return instanceOfAnyCopy(this, SmartLaunchError, SMART_LAUNCH_ERROR, value);
  }

  override readonly name = 'SmartLaunchError';
  readonly code: SmartLaunchErrorCode;
  /** The OAuth `error` the server sent (e.g. `invalid_grant`), when it sent a well-formed one. */
  readonly oauthError: string | undefined;
  /** The HTTP status of the failing response, when there was one. */
  readonly status: number | undefined;

  constructor(code: SmartLaunchErrorCode, details: { oauthError?: unknown; status?: number } = {}) {
    const oauthError =
      typeof details.oauthError === 'string' && oauthErrorPattern.test(details.oauthError) ? details.oauthError : undefined;
    super(oauthError === undefined ? messages[code] : `${messages[code]} (${oauthError})`);
    this.code = code;
    this.oauthError = oauthError;
    this.status = details.status;
  }

  /** Marks a SmartLaunchError of any copy of the SDK. */
  get [SMART_LAUNCH_ERROR](): true {
    return true;
  }
}
