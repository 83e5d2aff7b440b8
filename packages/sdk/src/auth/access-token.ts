/**
 * Where the client gets its bearer token. A SMART App Launch session, a host
 * system's own sign-in, or a test can all provide one.
 */
export interface AccessTokenSource {
  /** The token to send now. Called before every request, so cache it in the source. */
  getAccessToken(): string | Promise<string>;
  /**
   * Gets a new token after the hub rejected the current one (401). Called at
   * most once per request, and once for all the requests that failed with the
   * same token at the same time. After it resolves, `getAccessToken` must
   * return the new token.
   */
  refreshAccessToken?(): Promise<string>;
  /**
   * Who the token signs in as: their own resource, e.g. `RelatedPerson/123` or `Patient/456` (a SMART session's
   * `fhirUser`). Read by `HubClient.fhirUser`, so that what one person entered is never shown to, or sent as,
   * someone else signed in later on the same page. Never the token, nor anything from it but this reference.
   */
  readonly fhirUser?: string | undefined;
}

/** A static bearer token, a token source, or nothing (public endpoints only). */
export type HubAuth = string | AccessTokenSource | undefined;

/**
 * Hands out the current token and refreshes it single-flight: when many
 * requests are rejected with the same expired token, one refresh serves them all.
 */
export class AccessTokenKeeper {
  readonly #source: AccessTokenSource | undefined;
  /** The last refresh, keyed by the token it replaced; kept after it settles so late 401s reuse it. */
  #refresh: { rejected: string | undefined; token: Promise<string>; settled: boolean } | undefined;

  constructor(auth: HubAuth) {
    this.#source = typeof auth === 'string' ? { getAccessToken: () => auth } : auth;
  }

  /** Who the source says is signed in now: read in the same step as its token is put on a request. */
  get fhirUser(): string | undefined {
    return this.#source?.fhirUser;
  }

  get canRefresh(): boolean {
    return this.#source?.refreshAccessToken !== undefined;
  }

  async current(): Promise<string | undefined> {
    if (this.#refresh && !this.#refresh.settled) return this.#refresh.token;
    return this.#source?.getAccessToken();
  }

  /** A token to retry with after `rejected` was refused: the one a refresh already produced, or a new one. */
  async replace(rejected: string | undefined): Promise<string> {
    const source = this.#source;
    if (!source?.refreshAccessToken) throw new Error('This token source cannot refresh');
    const earlier = this.#refresh;
    if (earlier && earlier.rejected === rejected) return earlier.token;
    const now = await source.getAccessToken();
    if (now !== rejected) return now;
    const meanwhile = this.#refresh;
    if (meanwhile && meanwhile.rejected === rejected) return meanwhile.token;
    const refresh = { rejected, token: source.refreshAccessToken(), settled: false };
    this.#refresh = refresh;
    refresh.token.then(
      () => {
        refresh.settled = true;
      },
      () => {
        // A failed refresh is not remembered: the next 401 may try again.
        if (this.#refresh === refresh) this.#refresh = undefined;
      },
    );
    return refresh.token;
  }
}
