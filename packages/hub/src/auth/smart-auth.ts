/**
 * The hub's development SMART on FHIR authorisation server (SMART App Launch
 * 2.x, public clients, PKCE S256 only). Instead of passwords, a persona picker:
 * the developer chooses who to be (a GP, a nurse, a social worker, a
 * receptionist, a resident) and the app gets that person's scopes.
 *
 * Routes (paths from `fhirBaseUrl` and `authBaseUrl`; defaults shown):
 *   GET  /fhir/.well-known/smart-configuration  discovery
 *   GET  /auth/authorize                        checks the request, shows the persona picker
 *   POST /auth/authorize                        the chosen persona → 303 to redirect_uri?code&state
 *   POST /auth/token                            authorization_code and refresh_token grants
 *   POST /auth/revoke                           ends a refresh or access token's session (RFC 7009):
 *                                               its refresh tokens and its access tokens stop working
 *   GET  /auth/launch?patient=<id>&app=<url>    EHR launch: 303 to <url>?iss=<FHIR base>&launch=<id>
 *   POST /auth/launch  {"patient", "app"?}      EHR launch for scripts: 201 {launch, iss, expires_in, url?}
 *   GET  /auth/jwks, /auth/.well-known/openid-configuration, /auth/sign-in.css
 *
 * Sign-in requests (10 min), launches (5 min), codes (60 s, single use) and
 * refresh tokens (rotated on every use; the session ends 8 hours after sign-in)
 * live in the auth state store (`auth-state.ts`: the hub's database, so every
 * hub process on it serves the same sessions; or memory). Presenting a used
 * code or a rotated refresh token again ends the session it started. Access
 * tokens are JWTs and live out their 5 minutes unless their session ends.
 * Tokens, codes and verifiers are never logged.
 *
 * The sign-in page has no script and a strict CSP; its `form-action` names the
 * app's origin too, because Chromium checks the redirect after the form post
 * against it. It may be framed by pages on this machine (`frame-ancestors`),
 * as host systems embed apps in frames.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ExpiringState, memoryAuthState } from './auth-state.js';
import { acceptableReturnAddress, formActionSource } from './redirect-uri.js';
import { allowedScopes, asksForResources, grantScopes, splitScope, supportedScopes } from './scopes.js';
import { errorPage, signInPage, signInStylesheet } from './sign-in-page.js';
import { InvalidAccessTokenError, TokenSigner, type Grant } from './tokens.js';
import type { SignInPersona, SmartAuth, SmartAuthOptions } from './types.js';

const minutes = 60_000;
const signInRequestLifetime = 10 * minutes;
const launchLifetime = 5 * minutes;
const codeLifetime = 1 * minutes;
const fhirId = /^[A-Za-z0-9\-.]{1,64}$/;
const pkceChallenge = /^[A-Za-z0-9_-]{43}$/;
const pkceVerifier = /^[A-Za-z0-9\-._~]{43,128}$/;
const printable = /^[\x20-\x7e]{1,256}$/;

const capabilities = [
  'launch-ehr',
  'launch-standalone',
  'client-public',
  'sso-openid-connect',
  'context-ehr-patient',
  'context-standalone-patient',
  'permission-offline',
  'permission-online',
  'permission-patient',
  'permission-user',
  'permission-v1',
  'permission-v2',
];

interface SignInRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  codeChallenge: string;
  nonce: string | undefined;
  launchPatient: string | undefined;
}

interface CodeGrant extends Grant {
  redirectUri: string;
  codeChallenge: string;
  /** Set when the code is first presented; a second presentation ends that session. */
  session?: string;
}

interface RefreshGrant extends Grant {
  session: string;
  sessionEnd: number;
}

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type' | 'server_error';

/**
 * Registers the development sign-in on the hub. Call before `listen`; use the
 * returned `verifyAccessToken` in the access policy for every FHIR request.
 */
export async function registerSmartAuth(app: FastifyInstance, options: SmartAuthOptions): Promise<SmartAuth> {
  const now = options.now ?? Date.now;
  const fhirBase = withoutTrailingSlash(new URL(options.fhirBaseUrl).href);
  const issuer = withoutTrailingSlash(new URL(options.authBaseUrl ?? '/auth', fhirBase).href);
  const fhirPath = new URL(fhirBase).pathname;
  const authPath = new URL(issuer).pathname;
  const ownOrigins = [new URL(fhirBase).origin, new URL(issuer).origin];
  const accessLifetime = options.accessTokenLifetimeSeconds ?? 300;
  const sessionLifetime = (options.sessionLifetimeSeconds ?? 8 * 60 * 60) * 1000;
  const personas = checkedPersonas(options.personas);
  const state = options.state ?? memoryAuthState();
  const signer = await TokenSigner.create(issuer, fhirBase, state);
  const stylesheet = `${authPath}/sign-in.css`;

  const signInRequests = new ExpiringState<SignInRequest>(state, 'sign-in', now);
  const launches = new ExpiringState<string>(state, 'launch', now);
  const codes = new ExpiringState<CodeGrant>(state, 'code', now);
  const refreshTokens = new ExpiringState<RefreshGrant>(state, 'refresh', now);
  /** Refresh tokens already exchanged, with their session: seeing one again means it leaked. */
  const rotatedRefreshTokens = new ExpiringState<string>(state, 'rotated', now);
  /** Sessions ended (signed out, or a leaked token seen): their access tokens are refused until they would have lapsed. */
  const endedSessions = new ExpiringState<true>(state, 'ended', now);
  const endSession = async (session: string) => {
    await refreshTokens.deleteSession(session);
    await endedSessions.set(session, true, now() + accessLifetime * 1000);
  };

  const configuration = {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/revoke`,
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    scopes_supported: supportedScopes,
    response_types_supported: ['code'],
    capabilities,
    code_challenge_methods_supported: ['S256'],
  };

  async function createLaunch(patient: string): Promise<string> {
    const launch = randomToken();
    await launches.set(launch, patient, now() + launchLifetime);
    return launch;
  }

  async function issueTokens(reply: FastifyReply, grant: Grant, session: string, sessionEnd: number) {
    const issuedAt = now();
    const body: Record<string, unknown> = {
      access_token: await signer.accessToken(grant, randomUUID(), issuedAt, accessLifetime, session),
      token_type: 'Bearer',
      expires_in: accessLifetime,
      scope: grant.scopes.join(' '),
    };
    if (grant.scopes.includes('offline_access') || grant.scopes.includes('online_access')) {
      const refreshToken = randomToken();
      await refreshTokens.set(refreshToken, { ...grant, session, sessionEnd }, sessionEnd, session);
      body['refresh_token'] = refreshToken;
    }
    if (grant.patient !== undefined) body['patient'] = grant.patient;
    if (grant.scopes.includes('fhirUser')) body['fhirUser'] = grant.persona.fhirUser;
    if (grant.scopes.includes('openid')) body['id_token'] = await signer.idToken(grant, issuedAt, accessLifetime);
    return reply.send(body);
  }

  async function exchangeCode(reply: FastifyReply, params: URLSearchParams, clientId: string) {
    const code = params.get('code');
    if (!code) return oauthError(reply, 400, 'invalid_request', 'code is required');
    const grant = await codes.get(code);
    if (grant === undefined) return oauthError(reply, 400, 'invalid_grant', 'The code is unknown, expired or already used');
    // One attempt per code, whatever its outcome: a wrong verifier cannot be retried. The claim is atomic, so two
    // processes given the same code cannot both accept it; a second presentation ends the session the first began.
    const session = randomUUID();
    if (!(await codes.claim(code, session))) {
      const earlier = await codes.sessionOf(code);
      if (earlier !== undefined) await endSession(earlier);
      return oauthError(reply, 400, 'invalid_grant', 'The code is unknown, expired or already used');
    }
    if (grant.clientId !== clientId) return oauthError(reply, 400, 'invalid_grant', 'The code was issued to another client');
    if (params.get('redirect_uri') !== grant.redirectUri)
      return oauthError(reply, 400, 'invalid_grant', 'redirect_uri does not match the authorisation request');
    const verifier = params.get('code_verifier');
    if (!verifier || !pkceVerifier.test(verifier) || !sameText(s256(verifier), grant.codeChallenge))
      return oauthError(reply, 400, 'invalid_grant', 'code_verifier does not match the code challenge');
    const { clientId: grantClient, persona, scopes, patient, nonce } = grant;
    return issueTokens(reply, { clientId: grantClient, persona, scopes, patient, nonce }, session, now() + sessionLifetime);
  }

  async function refresh(reply: FastifyReply, params: URLSearchParams, clientId: string) {
    const token = params.get('refresh_token');
    if (!token) return oauthError(reply, 400, 'invalid_request', 'refresh_token is required');
    const known = await refreshTokens.get(token);
    if (known !== undefined && known.clientId !== clientId)
      return oauthError(reply, 400, 'invalid_grant', 'The refresh token was issued to another client');
    let scopes = known?.scopes ?? [];
    if (known !== undefined && params.has('scope')) {
      scopes = splitScope(params.get('scope'));
      if (scopes.some((scope) => !known.scopes.includes(scope)))
        return oauthError(reply, 400, 'invalid_scope', 'A refresh can keep or narrow the granted scopes, not widen them');
    }
    // Taken in one step: of two processes given the same refresh token at once, one rotates it and the other sees reuse.
    const grant = known === undefined ? undefined : await refreshTokens.take(token);
    if (grant === undefined) {
      const session = await rotatedRefreshTokens.get(token);
      if (session !== undefined) await endSession(session);
      return oauthError(reply, 400, 'invalid_grant', 'The refresh token is unknown, expired or already used');
    }
    await rotatedRefreshTokens.set(token, grant.session, grant.sessionEnd, grant.session);
    const { session, sessionEnd, ...kept } = grant;
    return issueTokens(reply, { ...kept, scopes }, session, sessionEnd);
  }

  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
        done(null, new URLSearchParams(String(body))),
      );
    }

    scope.setErrorHandler((error: { statusCode?: number; status?: number }, request, reply) => {
      // Fastify's own errors carry statusCode; a hub-wide body parser's may carry status.
      const given = error.statusCode ?? error.status;
      const status = given !== undefined && given >= 400 && given < 500 ? given : 500;
      if (status === 500) request.log.error({ err: error }, 'development sign-in failed');
      if (request.method === 'POST' && !request.url.startsWith(`${authPath}/authorize`)) {
        return status === 500
          ? oauthError(reply, 500, 'server_error', 'The sign-in server failed')
          : oauthError(reply, 400, 'invalid_request', 'The request body could not be read');
      }
      return sendPage(reply, status, errorPage(stylesheet, 'Sign-in cannot continue', 'The sign-in request could not be read.'));
    });

    scope.get(`${fhirPath}/.well-known/smart-configuration`, async (request, reply) => {
      const requestId = request.headers['x-request-id'];
      const correlationId = request.headers['x-correlation-id'];
      reply.header('access-control-allow-origin', '*').header('x-request-id', typeof requestId === 'string' ? requestId : randomUUID());
      if (typeof correlationId === 'string') reply.header('x-correlation-id', correlationId);
      return configuration;
    });

    scope.get(`${authPath}/.well-known/openid-configuration`, async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      return {
        ...configuration,
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'fhirUser', 'nonce'],
      };
    });

    scope.get(`${authPath}/jwks`, async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
      return signer.jwks;
    });

    scope.get(stylesheet, async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(signInStylesheet),
    );

    /** The persona picker for a sign-in request, kept under a new id for the form to post back. */
    async function showSignIn(
      reply: FastifyReply,
      signIn: SignInRequest,
      status = 200,
      invitationProblem?: { personaId: string; text: string },
    ) {
      const requestId = randomToken();
      await signInRequests.set(requestId, signIn, now() + signInRequestLifetime);
      const returnAddress = new URL(signIn.redirectUri);
      const html = signInPage({
        formAction: `${authPath}/authorize`,
        stylesheet,
        requestId,
        clientId: signIn.clientId,
        returnOrigin: returnAddress.origin,
        launchPatient: signIn.launchPatient,
        personas: [...personas.values()],
        invitationProblem,
      });
      return sendPage(reply, status, html, formActionSource(returnAddress));
    }

    scope.get(`${authPath}/authorize`, async (request, reply) => {
      const params = queryOf(request);
      const clientId = params.get('client_id');
      if (params.getAll('client_id').length !== 1 || !clientId || !printable.test(clientId)) {
        return sendPage(reply, 400, errorPage(stylesheet, 'The app did not say who it is', 'The sign-in request has no valid client_id.'));
      }
      const returnAddress =
        params.getAll('redirect_uri').length === 1 ? acceptableReturnAddress(params.get('redirect_uri'), ownOrigins) : undefined;
      if (returnAddress === undefined) {
        return sendPage(
          reply,
          400,
          errorPage(
            stylesheet,
            'The app’s return address is not allowed',
            'The development sign-in only returns to http or https addresses on this computer (127.0.0.1, localhost or [::1]) or on the hub itself.',
          ),
        );
      }
      const state = params.get('state');
      const fail = (error: string, description: string) =>
        redirectBack(reply, returnAddress, { error, error_description: description }, state, 302);

      if (hasRepeats(params)) return fail('invalid_request', 'Each parameter may be sent only once');
      if (params.get('response_type') !== 'code') return fail('unsupported_response_type', 'response_type must be code');
      if (!state || !printable.test(state)) return fail('invalid_request', 'state is required');
      const scopes = splitScope(params.get('scope'));
      if (scopes.length === 0) return fail('invalid_scope', 'scope is required');
      if (withoutTrailingSlash(params.get('aud') ?? '') !== fhirBase)
        return fail('invalid_request', "aud must be this hub's FHIR base URL");
      const method = params.get('code_challenge_method');
      const challenge = params.get('code_challenge');
      if (method === null || challenge === null)
        return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256');
      if (method !== 'S256') return fail('invalid_request', 'Only the S256 code challenge method is supported');
      if (!pkceChallenge.test(challenge))
        return fail('invalid_request', 'code_challenge must be the base64url SHA-256 of the code verifier');
      let launchPatient: string | undefined;
      const launch = params.get('launch');
      if (launch !== null) {
        launchPatient = await launches.get(launch);
        if (launchPatient === undefined) return fail('invalid_request', 'The launch is unknown or has expired');
      }
      const nonce = params.get('nonce');

      return showSignIn(reply, {
        clientId,
        redirectUri: returnAddress.href,
        state,
        scopes,
        codeChallenge: challenge,
        nonce: nonce !== null && printable.test(nonce) ? nonce : undefined,
        launchPatient,
      });
    });

    scope.post(`${authPath}/authorize`, async (request, reply) => {
      const params = formParams(request.body);
      const requestId = params.get('request') ?? '';
      const signIn = await signInRequests.get(requestId);
      if (signIn === undefined) {
        return sendPage(
          reply,
          400,
          errorPage(stylesheet, 'This sign-in has expired', 'The sign-in was not finished within 10 minutes, or it was already used.'),
        );
      }
      await signInRequests.delete(requestId);
      const returnAddress = new URL(signIn.redirectUri);
      const back = (query: Record<string, string>) => redirectBack(reply, returnAddress, query, signIn.state, 303);
      if (params.has('cancel')) return back({ error: 'access_denied', error_description: 'The sign-in was cancelled' });
      const chosen = personas.get(params.get('persona') ?? '');
      if (chosen === undefined) return back({ error: 'access_denied', error_description: 'No one was chosen to sign in as' });
      let persona = chosen;
      if (chosen.carerAccount !== undefined) {
        // A carer known by their account: an invitation code links them to a record; without one, the record they are on.
        const typed = (params.get(`invitation:${chosen.id}`) ?? '').trim();
        let fhirUser: string | undefined;
        let problem: string | undefined;
        try {
          fhirUser =
            typed !== ''
              ? await options.carerAccounts?.accept(chosen.carerAccount, typed)
              : await options.carerAccounts?.find(chosen.carerAccount);
        } catch (error) {
          problem = shownText(error) ?? 'The invitation code could not be accepted.';
        }
        if (fhirUser === undefined) {
          // Back to the same page, with the reason and a fresh request (the old one is used).
          return showSignIn(reply, signIn, problem ? 422 : 400, {
            personaId: chosen.id,
            text: problem ?? 'You are not acting for anyone yet. Enter the invitation code you were given.',
          });
        }
        persona = { ...chosen, fhirUser };
      }

      const ehrLaunch = signIn.launchPatient !== undefined;
      const patient = persona.role === 'resident' ? persona.patientId : signIn.launchPatient;
      if (ehrLaunch && patient !== signIn.launchPatient) {
        return back({ error: 'access_denied', error_description: 'The app was opened for someone else' });
      }
      const scopes = grantScopes(signIn.scopes, allowedScopes(persona, ehrLaunch));
      // An app that asked for records and may have none of them is told so now, not with a token every request refuses.
      if (signIn.scopes.some(asksForResources) && !scopes.some(asksForResources))
        return back({
          error: 'invalid_scope',
          error_description: 'None of the record access the app asked for can be given to this user',
        });
      const code = randomToken();
      await codes.set(
        code,
        {
          clientId: signIn.clientId,
          redirectUri: signIn.redirectUri,
          codeChallenge: signIn.codeChallenge,
          persona,
          scopes,
          patient,
          nonce: signIn.nonce,
        },
        now() + codeLifetime,
      );
      return back({ code });
    });

    scope.post(`${authPath}/token`, async (request, reply) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache').header('access-control-allow-origin', '*');
      if (!isForm(request)) return oauthError(reply, 400, 'invalid_request', 'Send the parameters as application/x-www-form-urlencoded');
      const params = formParams(request.body);
      if (hasRepeats(params)) return oauthError(reply, 400, 'invalid_request', 'Each parameter may be sent only once');
      const clientId = params.get('client_id');
      if (!clientId) return oauthError(reply, 401, 'invalid_client', 'client_id is required');
      const grantType = params.get('grant_type');
      if (grantType === 'authorization_code') return exchangeCode(reply, params, clientId);
      if (grantType === 'refresh_token') return refresh(reply, params, clientId);
      return grantType === null
        ? oauthError(reply, 400, 'invalid_request', 'grant_type is required')
        : oauthError(reply, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
    });

    scope.post(`${authPath}/revoke`, async (request, reply) => {
      reply.header('cache-control', 'no-store').header('access-control-allow-origin', '*');
      if (!isForm(request)) return oauthError(reply, 400, 'invalid_request', 'Send the parameters as application/x-www-form-urlencoded');
      const params = formParams(request.body);
      const token = params.get('token');
      if (!token) return oauthError(reply, 400, 'invalid_request', 'token is required');
      // A public client names itself, as at the token endpoint (RFC 7009 section 2.1).
      const clientId = params.get('client_id');
      if (!clientId) return oauthError(reply, 401, 'invalid_client', 'client_id is required');
      // A refresh token, else an access token (a session without a refresh token): revoking either ends its session.
      const grant = await refreshTokens.get(token);
      const issued = grant ?? (await signer.verifyAccessToken(token, now()).catch(() => undefined));
      // A token issued to another client is refused, not answered "done" with the session still alive: whoever asked
      // would think it signed out (reviewer R20). It holds the token already, so saying so tells it nothing new.
      if (issued !== undefined && issued.clientId !== clientId)
        return oauthError(reply, 400, 'invalid_grant', 'The token was issued to another client');
      if (issued !== undefined) await endSession(issued.session);
      // RFC 7009 section 2.2: a token not known (or no longer valid) is answered as one revoked.
      return reply.code(200).send();
    });

    scope.get(`${authPath}/launch`, async (request, reply) => {
      const params = queryOf(request);
      const patient = params.get('patient');
      const target = acceptableReturnAddress(params.get('app'), ownOrigins);
      if (!patient || !fhirId.test(patient)) {
        return sendPage(reply, 400, errorPage(stylesheet, 'The launch needs a patient', 'Give the patient’s id as patient=<id>.'));
      }
      if (target === undefined) {
        return sendPage(
          reply,
          400,
          errorPage(
            stylesheet,
            'The app’s address is not allowed',
            'Apps must be on this computer (127.0.0.1, localhost or [::1]) or on the hub itself.',
          ),
        );
      }
      target.searchParams.set('iss', fhirBase);
      target.searchParams.set('launch', await createLaunch(patient));
      return reply.header('cache-control', 'no-store').redirect(target.href, 303);
    });

    scope.post<{ Body: unknown }>(`${authPath}/launch`, async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as { patient?: unknown; app?: unknown };
      if (typeof body.patient !== 'string' || !fhirId.test(body.patient))
        return oauthError(reply, 400, 'invalid_request', 'patient must be a FHIR id');
      const target = body.app === undefined ? undefined : acceptableReturnAddress(String(body.app), ownOrigins);
      if (body.app !== undefined && target === undefined)
        return oauthError(reply, 400, 'invalid_request', 'app must be an address on this computer or on the hub');
      const launch = await createLaunch(body.patient);
      target?.searchParams.set('iss', fhirBase);
      target?.searchParams.set('launch', launch);
      return reply.code(201).send({ launch, iss: fhirBase, expires_in: launchLifetime / 1000, ...(target ? { url: target.href } : {}) });
    });
  });

  return {
    fhirBaseUrl: fhirBase,
    issuer,
    verifyAccessToken: async (token) => {
      const context = await signer.verifyAccessToken(token, now());
      if ((await endedSessions.get(context.session)) !== undefined) throw new InvalidAccessTokenError('invalid');
      return context;
    },
  };
}

function checkedPersonas(list: readonly SignInPersona[]): Map<string, SignInPersona> {
  const personas = new Map<string, SignInPersona>();
  for (const persona of list) {
    if (personas.has(persona.id)) throw new Error(`Sign-in persona ${persona.id} is listed twice`);
    if (persona.role === 'resident' && !persona.patientId)
      throw new Error(`Sign-in persona ${persona.id} is a resident without a patientId`);
    const carerByAccount = persona.role === 'carer' && persona.carerAccount !== undefined && persona.fhirUser === '';
    if (!carerByAccount && (persona.role === 'carer') !== persona.fhirUser.startsWith('RelatedPerson/'))
      throw new Error(`Sign-in persona ${persona.id}: a carer, and only a carer, signs in as a RelatedPerson`);
    personas.set(persona.id, persona);
  }
  return personas;
}

function sendPage(reply: FastifyReply, status: number, html: string, returnSource?: string) {
  const formAction = returnSource === undefined ? "'self'" : `'self' ${returnSource}`;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .headers({
      'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self'; form-action ${formAction}; frame-ancestors 'self' http://localhost:* http://127.0.0.1:*; base-uri 'none'`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    })
    .send(html);
}

function redirectBack(reply: FastifyReply, address: URL, query: Record<string, string>, state: string | null, status: 302 | 303) {
  const target = new URL(address);
  for (const [name, value] of Object.entries(query)) target.searchParams.set(name, value);
  if (state) target.searchParams.set('state', state);
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(target.href, status);
}

function oauthError(reply: FastifyReply, status: 400 | 401 | 500, error: OAuthError, description: string) {
  return reply.code(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

function queryOf(request: FastifyRequest): URLSearchParams {
  return new URL(request.url, 'http://query.invalid').searchParams;
}

function isForm(request: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(request.headers['content-type'] ?? '');
}

/** Form fields whichever parser read the body (ours gives URLSearchParams; a hub-wide one may give an object). */
function formParams(body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  const params = new URLSearchParams();
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) for (const item of [value].flat()) params.append(name, String(item));
  }
  return params;
}

/** OAuth parameters must not be repeated. */
function hasRepeats(params: URLSearchParams): boolean {
  return [...params.keys()].length !== new Set(params.keys()).size;
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The sentence a hub error carries for a screen (`details.text`), if any. */
function shownText(error: unknown): string | undefined {
  const outcome = (error as { outcome?: { issue?: { details?: { text?: unknown } }[] } } | undefined)?.outcome;
  const text = outcome?.issue?.[0]?.details?.text;
  return typeof text === 'string' ? text : undefined;
}
