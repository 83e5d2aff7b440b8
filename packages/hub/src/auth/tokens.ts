/**
 * Access and id tokens: JWTs signed ES256 with a key made the first time a
 * hub opens its auth state store and shared from then on by every process on
 * it (in memory, a restart makes a new key and signs everyone out). Access
 * tokens follow RFC 9068 (`typ: at+jwt`).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, jwtVerify, errors, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { AuthStateStore } from './auth-state.js';
import type { AccessContext, SignInPersona } from './types.js';

/** Why a bearer token was refused. Its message never contains the token. */
export class InvalidAccessTokenError extends Error {
  override readonly name = 'InvalidAccessTokenError';
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The access token has expired' : 'The access token is not valid for this hub');
  }
}

/** What a grant carries into every token issued for it. */
export interface Grant {
  clientId: string;
  persona: SignInPersona;
  scopes: string[];
  patient?: string | undefined;
  nonce?: string | undefined;
}

const algorithm = 'ES256';

export class TokenSigner {
  readonly jwks: { keys: JWK[] };
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;
  readonly #kid: string;

  private constructor(
    readonly issuer: string,
    readonly audience: string,
    keys: { privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK; kid: string },
  ) {
    this.#privateKey = keys.privateKey;
    this.#publicKey = keys.publicKey;
    this.#kid = keys.kid;
    this.jwks = { keys: [{ ...keys.publicJwk, kid: keys.kid, alg: algorithm, use: 'sig' }] };
  }

  static async create(issuer: string, audience: string, state: AuthStateStore): Promise<TokenSigner> {
    const privateJwk = JSON.parse(
      await state.signingKey(async () =>
        JSON.stringify(await exportJWK((await generateKeyPair(algorithm, { extractable: true })).privateKey)),
      ),
    ) as JWK;
    const { d: _private, ...publicJwk } = privateJwk;
    const privateKey = (await importJWK(privateJwk, algorithm)) as CryptoKey;
    const publicKey = (await importJWK(publicJwk, algorithm)) as CryptoKey;
    const kid = await calculateJwkThumbprint(publicJwk);
    return new TokenSigner(issuer, audience, { privateKey, publicKey, publicJwk, kid });
  }

  /** An access token for the grant, bound to its sign-in session (`sid`) so that ending the session ends the token. */
  async accessToken(grant: Grant, tokenId: string, issuedAt: number, lifetimeSeconds: number, session: string): Promise<string> {
    const { persona } = grant;
    const claims: JWTPayload = {
      sid: session,
      scope: grant.scopes.join(' '),
      client_id: grant.clientId,
      fhirUser: persona.fhirUser,
      role: persona.role,
      clinical: persona.clinical,
      ...(persona.odsCode === undefined ? {} : { organization: persona.odsCode }),
      ...(persona.organizationId === undefined ? {} : { organization_id: persona.organizationId }),
      ...(grant.patient === undefined ? {} : { patient: grant.patient }),
    };
    return this.#sign(claims, { typ: 'at+jwt', subject: persona.id, audience: this.audience, tokenId, issuedAt, lifetimeSeconds });
  }

  /** An OpenID Connect id token for the app (`aud` = its client id), with `fhirUser` when that scope was granted. */
  async idToken(grant: Grant, issuedAt: number, lifetimeSeconds: number): Promise<string> {
    const claims: JWTPayload = {
      ...(grant.scopes.includes('fhirUser') ? { fhirUser: grant.persona.fhirUser } : {}),
      ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
    };
    return this.#sign(claims, { typ: 'JWT', subject: grant.persona.id, audience: grant.clientId, issuedAt, lifetimeSeconds });
  }

  async verifyAccessToken(token: string, now: number): Promise<AccessContext> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#publicKey, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: [algorithm],
        typ: 'at+jwt',
        currentDate: new Date(now),
        requiredClaims: ['sub', 'exp', 'iat', 'jti', 'scope', 'client_id', 'fhirUser', 'role', 'clinical'],
      }));
    } catch (error) {
      throw new InvalidAccessTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
    const text = (name: string): string | undefined => (typeof payload[name] === 'string' ? payload[name] : undefined);
    const clinical = payload['clinical'];
    const [subject, fhirUser, role, scope, clientId, tokenId] = [
      payload.sub,
      text('fhirUser'),
      text('role'),
      text('scope'),
      text('client_id'),
      payload.jti,
    ];
    if (!subject || !fhirUser || !role || scope === undefined || !clientId || !tokenId || typeof clinical !== 'boolean') {
      throw new InvalidAccessTokenError('invalid');
    }
    const session = text('sid');
    if (!session) throw new InvalidAccessTokenError('invalid');
    const organizationOds = text('organization');
    const organizationId = text('organization_id');
    const patient = text('patient');
    return {
      subject,
      fhirUser,
      role,
      clinical,
      scopes: scope.split(' ').filter((part) => part !== ''),
      clientId,
      tokenId,
      session,
      ...(organizationOds === undefined ? {} : { organizationOds }),
      ...(organizationId === undefined ? {} : { organizationId }),
      ...(patient === undefined ? {} : { patient }),
    };
  }

  #sign(
    claims: JWTPayload,
    options: { typ: string; subject: string; audience: string; tokenId?: string; issuedAt: number; lifetimeSeconds: number },
  ): Promise<string> {
    const issuedAtSeconds = Math.floor(options.issuedAt / 1000);
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: algorithm, kid: this.#kid, typ: options.typ })
      .setIssuer(this.issuer)
      .setSubject(options.subject)
      .setAudience(options.audience)
      .setIssuedAt(issuedAtSeconds)
      .setExpirationTime(issuedAtSeconds + options.lifetimeSeconds);
    if (options.tokenId !== undefined) jwt.setJti(options.tokenId);
    return jwt.sign(this.#privateKey);
  }
}
