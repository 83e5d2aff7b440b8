/**
 * SMART App Launch 2.x for public clients (browser apps): discovery, EHR and
 * standalone launch, PKCE S256, and a session that hands the hub client its
 * bearer token and refreshes it.
 *
 * Where things live:
 * - Tokens stay in the session object's memory. They are never written to
 *   localStorage, sessionStorage, cookies or URLs; reloading the page means
 *   launching again.
 * - The state and PKCE verifier must survive the round trip to the
 *   authorisation server and back, which is a full-page navigation. They are
 *   kept in `sessionStorage` (this tab only) under the state, and removed as
 *   soon as the answer comes back, before the code is exchanged. Nothing else
 *   is stored. Pass `storage` to use something else (tests pass a Map).
 *
 * @example
 * // launch.html (the app's launch URL): EHR launch reads iss and launch from the address
 * location.assign(await beginSmartLaunch({ clientId, redirectUri, scope: 'launch openid fhirUser user/*.rs' }));
 * // callback page (redirectUri)
 * const session = await completeSmartLaunch(location.href);
 * history.replaceState(null, '', location.pathname); // drop code and state from the address
 * const hub = createHubClient({ baseUrl: session.iss, auth: session });
 */
import type { components } from '../generated/hub.js';
import type { AccessTokenSource } from './access-token.js';
import { SmartLaunchError, type SmartLaunchErrorCode } from './smart-error.js';

export type SmartConfiguration = components['schemas']['SmartConfiguration'];

/** Where the launch keeps its state across the redirect: `sessionStorage`, or anything shaped like it. */
export interface SmartStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SmartFetchOptions {
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
}

export interface SmartLaunchOptions extends SmartFetchOptions {
  clientId: string;
  /** Where the authorisation server sends the browser back; the page that calls `completeSmartLaunch`. */
  redirectUri: string;
  /** Space-separated SMART scopes, e.g. `launch openid fhirUser user/*.rs` or `launch/patient patient/*.rs offline_access`. */
  scope: string;
  /** The FHIR base to sign in to. Default: the `iss` parameter of the page address (EHR launch). */
  iss?: string;
  /** The host system's launch id. Default: the `launch` parameter of the page address. With it, `launch` is added to the scope. */
  launch?: string;
  /** The address to read `iss` and `launch` from. Default: `location.href`. */
  url?: string;
  /** FHIR bases this app will launch against. An EHR launch names its server in the address, so list the ones you trust. */
  allowedIssuers?: readonly string[];
  /** Default: `sessionStorage`. */
  storage?: SmartStorage;
  /**
   * OpenID Connect's `prompt`. An OpenID provider issues a refresh token for
   * `offline_access` only when the request carries `prompt: 'consent'`
   * (OpenID Connect Core 1.0, section 11); SMART servers need none.
   */
  prompt?: 'none' | 'login' | 'consent' | 'select_account' | (string & {});
}

export interface SmartCompleteOptions extends SmartFetchOptions {
  /** Default: `sessionStorage`; the same storage `beginSmartLaunch` used. */
  storage?: SmartStorage;
  /** Milliseconds since the epoch, for tests. Default `Date.now`. */
  now?: () => number;
}

/** A signed-in SMART session: pass it as `auth` to `createHubClient`. */
export interface SmartSession extends AccessTokenSource {
  /** The FHIR base the session is for. */
  readonly iss: string;
  /** The scopes granted, space-separated (may be fewer than asked for). */
  readonly scope: string;
  /** The patient in context (the resident, or the patient the host launched for). */
  readonly patient?: string | undefined;
  /** The signed-in user's own resource, e.g. `PractitionerRole/123` or `Patient/456`. */
  readonly fhirUser?: string | undefined;
  /** The current access token, renewed first when it is about to expire. */
  getAccessToken(): Promise<string>;
  /** A new access token; concurrent callers share one refresh. */
  refreshAccessToken(): Promise<string>;
  /**
   * Forgets the tokens at once, and asks the server to end the session (RFC 7009:
   * the refresh token, or the access token when there is none). Resolves when the
   * server has answered — or could not be reached: the tokens are gone either way.
   */
  signOut(): Promise<void>;
}

interface PendingLaunch {
  iss: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  verifier: string;
  tokenEndpoint: string;
  revocationEndpoint?: string | undefined;
}

interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  scope?: string;
  refresh_token?: string;
  patient?: string;
  fhirUser?: string;
  id_token?: string;
}

type Fetch = typeof globalThis.fetch;

const storagePrefix = 'care-record.smart.';
/** Renew this long before the access token expires (at most a fifth of its life), so requests don't meet a 401 first. */
const refreshMargin = 30_000;
const requestTimeout = 15_000;

/** Reads `{iss}/.well-known/smart-configuration` and checks it offers PKCE with S256. */
export async function discoverSmart(iss: string, options: SmartFetchOptions & { signal?: AbortSignal } = {}): Promise<SmartConfiguration> {
  const response = await call(fetcher(options), `${iss.replace(/\/+$/, '')}/.well-known/smart-configuration`, {
    headers: { accept: 'application/json' },
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch(() => undefined);
  const configuration = (await response?.json().catch(() => undefined)) as Partial<SmartConfiguration> | undefined;
  if (!response?.ok || typeof configuration?.authorization_endpoint !== 'string' || typeof configuration.token_endpoint !== 'string') {
    throw new SmartLaunchError('discovery-failed', response ? { status: response.status } : {});
  }
  if (!configuration.code_challenge_methods_supported?.includes('S256')) throw new SmartLaunchError('pkce-unsupported');
  return configuration as SmartConfiguration;
}

/**
 * Starts a launch: discovers the server, makes the state and PKCE verifier,
 * keeps them for the return trip, and resolves to the authorisation URL to navigate to.
 */
export async function beginSmartLaunch(options: SmartLaunchOptions): Promise<string> {
  const page = new URL(options.url ?? globalThis.location?.href ?? 'about:blank').searchParams;
  const iss = options.iss ?? page.get('iss');
  const launch = options.launch ?? page.get('launch');
  if (!iss) throw new SmartLaunchError('missing-iss');
  if (options.allowedIssuers && !options.allowedIssuers.some((allowed) => sameBase(allowed, iss))) {
    throw new SmartLaunchError('issuer-not-allowed');
  }
  const storage = storageOf(options.storage);
  const configuration = await discoverSmart(iss, options);
  const scopes = options.scope.split(' ').filter((scope) => scope !== '');
  if (launch && !scopes.includes('launch')) scopes.unshift('launch');
  const state = randomText();
  const verifier = randomText();
  const pending: PendingLaunch = {
    iss,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    scope: scopes.join(' '),
    verifier,
    tokenEndpoint: configuration.token_endpoint,
    revocationEndpoint: configuration.revocation_endpoint,
  };
  storage.setItem(storagePrefix + state, JSON.stringify(pending));

  const url = new URL(configuration.authorization_endpoint ?? '');
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: pending.scope,
    state,
    aud: iss,
    code_challenge: base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))),
    code_challenge_method: 'S256',
  };
  if (launch) params['launch'] = launch;
  if (options.prompt) params['prompt'] = options.prompt;
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

/**
 * Finishes a launch on the redirect page: checks the state, exchanges the code
 * (with the PKCE verifier) and resolves to the session. The stored state is
 * removed whatever the outcome; then drop `code` and `state` from the address bar.
 */
export async function completeSmartLaunch(currentUrl: string, options: SmartCompleteOptions = {}): Promise<SmartSession> {
  const answer = new URL(currentUrl).searchParams;
  const state = answer.get('state');
  const storage = storageOf(options.storage);
  const saved = state ? storage.getItem(storagePrefix + state) : null;
  if (state) storage.removeItem(storagePrefix + state);
  let pending: PendingLaunch | undefined;
  try {
    pending = saved === null ? undefined : (JSON.parse(saved) as PendingLaunch);
  } catch {
    pending = undefined;
  }
  if (pending === undefined) throw new SmartLaunchError('state-mismatch');
  const error = answer.get('error');
  if (error) throw new SmartLaunchError(error === 'access_denied' ? 'access-denied' : 'authorization-failed', { oauthError: error });
  const code = answer.get('code');
  if (!code) throw new SmartLaunchError('missing-code');

  const send = fetcher(options);
  const tokens = await requestTokens(send, pending.tokenEndpoint, 'token-failed', {
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.clientId,
    code_verifier: pending.verifier,
  });
  return new Session(pending, tokens, send, options.now ?? Date.now);
}

class Session implements SmartSession {
  readonly iss: string;
  readonly scope: string;
  readonly patient: string | undefined;
  readonly fhirUser: string | undefined;
  readonly #launch: PendingLaunch;
  readonly #fetch: Fetch;
  readonly #now: () => number;
  #accessToken: string | undefined;
  #refreshToken: string | undefined;
  #expiresAt = Infinity;
  #renewAt = Infinity;
  #refreshing: Promise<string> | undefined;

  constructor(launch: PendingLaunch, tokens: TokenResponse, send: Fetch, now: () => number) {
    this.#launch = launch;
    this.#fetch = send;
    this.#now = now;
    this.iss = launch.iss;
    this.scope = tokens.scope ?? launch.scope;
    this.patient = tokens.patient;
    this.fhirUser = tokens.fhirUser ?? claimOf(tokens.id_token, 'fhirUser');
    this.#keep(tokens);
  }

  async getAccessToken(): Promise<string> {
    const token = this.#accessToken;
    if (token === undefined) throw new SmartLaunchError('signed-out');
    if (this.#refreshToken === undefined || this.#now() < this.#renewAt) return token;
    try {
      return await this.refreshAccessToken();
    } catch (error) {
      // A token that has not quite expired is still worth sending.
      if (this.#accessToken === token && this.#now() < this.#expiresAt) return token;
      throw error;
    }
  }

  refreshAccessToken(): Promise<string> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async signOut(): Promise<void> {
    const refreshToken = this.#refreshToken;
    const accessToken = this.#accessToken;
    const endpoint = this.#launch.revocationEndpoint;
    this.#accessToken = undefined;
    this.#refreshToken = undefined;
    const token = refreshToken ?? accessToken;
    if (token === undefined || endpoint === undefined) return;
    const body = new URLSearchParams({
      token,
      token_type_hint: refreshToken !== undefined ? 'refresh_token' : 'access_token',
      client_id: this.#launch.clientId,
    });
    await call(this.#fetch, endpoint, { method: 'POST', body }).catch(() => undefined);
  }

  async #refresh(): Promise<string> {
    const refreshToken = this.#refreshToken;
    if (refreshToken === undefined) throw new SmartLaunchError(this.#accessToken === undefined ? 'signed-out' : 'refresh-failed');
    let tokens: TokenResponse;
    try {
      tokens = await requestTokens(this.#fetch, this.#launch.tokenEndpoint, 'refresh-failed', {
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: this.#launch.clientId,
      });
    } catch (error) {
      // A refused refresh token will not work next time either.
      if (error instanceof SmartLaunchError && error.oauthError !== undefined && this.#refreshToken === refreshToken)
        this.#refreshToken = undefined;
      throw error;
    }
    if (this.#refreshToken !== refreshToken) throw new SmartLaunchError('signed-out');
    // The patient in context never changes within a session: a different one is refused, not shown.
    if (tokens.patient !== undefined && tokens.patient !== this.patient) {
      void this.signOut();
      throw new SmartLaunchError('refresh-failed');
    }
    return this.#keep(tokens);
  }

  #keep(tokens: TokenResponse): string {
    this.#accessToken = tokens.access_token;
    this.#refreshToken = tokens.refresh_token ?? this.#refreshToken;
    const lifetime = typeof tokens.expires_in === 'number' ? tokens.expires_in * 1000 : Infinity;
    this.#expiresAt = this.#now() + lifetime;
    this.#renewAt = this.#expiresAt - Math.min(refreshMargin, lifetime / 5);
    return tokens.access_token;
  }
}

async function requestTokens(
  send: Fetch,
  endpoint: string,
  failure: SmartLaunchErrorCode,
  fields: Record<string, string>,
): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await call(send, endpoint, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams(fields) });
  } catch {
    throw new SmartLaunchError(failure);
  }
  const body = (await response.json().catch(() => undefined)) as Partial<TokenResponse> & { error?: unknown };
  if (!response.ok || typeof body?.access_token !== 'string' || body.token_type?.toLowerCase() !== 'bearer') {
    throw new SmartLaunchError(failure, { oauthError: body?.error, status: response.status });
  }
  return body as TokenResponse;
}

/** Calls `send` unbound (a fetch called as a method of another object fails in browsers), with a time limit unless the caller gave a signal. */
function call(send: Fetch, url: string, init: RequestInit): Promise<Response> {
  return send(url, { signal: AbortSignal.timeout(requestTimeout), ...init });
}

/** The injected fetch, or the global one. */
function fetcher(options: SmartFetchOptions): Fetch {
  return options.fetch ?? fetch;
}

function storageOf(storage: SmartStorage | undefined): SmartStorage {
  try {
    const found = storage ?? globalThis.sessionStorage;
    if (found) return found;
  } catch {
    // Reading sessionStorage throws where storage is blocked (some sandboxed or third-party frames).
  }
  throw new SmartLaunchError('storage-unavailable');
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** 32 random bytes, base64url: 43 characters, good for both state and a PKCE verifier. */
function randomText(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A claim of the id token, read without checking its signature: it only names
 * the user for display, and every request is checked by the server with the access token.
 */
function claimOf(idToken: string | undefined, claim: string): string | undefined {
  try {
    const payload = idToken?.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/');
    const value = payload === undefined ? undefined : (JSON.parse(atob(payload)) as Record<string, unknown>)[claim];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
