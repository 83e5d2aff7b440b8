/**
 * An independent OpenID provider (`oidc-provider`, in process, on loopback)
 * playing an identity provider a borough trusts — NHS CIS2 for professionals,
 * NHS login for residents, a council's own. It issues JWT access tokens for
 * the hub's FHIR base (RFC 8707 resource indicators, RFC 9068 tokens) through
 * the ordinary authorisation code flow with PKCE; the account to sign in as
 * is named by `login_hint`, and each account's claims (role, organisation,
 * `fhirUser`, NHS number) are added to its access tokens.
 *
 * Its signing keys are made here, so a test can also sign tokens "as" the
 * provider (the same keys and `kid`s) with claims the provider would not issue.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { calculateJwkThumbprint, exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

const clientId = 'borough-record-app';
const redirectUri = 'http://127.0.0.1:5173/callback';

/** The resource scopes the provider may grant for the hub (the hub narrows them again by role). */
const resourceScopes = [
  'user/*.rs',
  'patient/*.rs',
  'user/Patient.rs',
  'user/Condition.rs',
  'patient/Observation.c',
  'patient/MedicationStatement.c',
  'patient/Consent.cu',
  'user/Observation.c',
  'user/MedicationStatement.c',
];

export interface ProviderKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  /** The private key as a JWK, to sign with it under another algorithm of its family (PS256 with the RSA key). */
  privateJwk: JWK;
  /** The public key as PEM: what an attacker would use as an HMAC secret. */
  publicPem: string;
}

export interface ExternalProvider {
  issuer: string;
  jwksUri: string;
  /** The provider's signing keys (RSA for RS256/PS256, EC P-256 for ES256). */
  keys: { rsa: ProviderKey; ec: ProviderKey };
  /** How many times its JWKS has been fetched. */
  jwksFetches(): number;
  /** Signs in as `account` (code flow with PKCE) and returns the access token issued for `resource`. */
  accessToken(account: string, scope: string, resource?: string): Promise<string>;
  close(): void;
}

async function makeKey(alg: 'RS256' | 'ES256'): Promise<{ key: ProviderKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  return { key: { kid, alg, privateKey, privateJwk: jwk, publicPem: await exportSPKI(publicKey) }, jwk: { ...jwk, kid, use: 'sig' } };
}

/**
 * Starts a provider whose accounts carry `accounts[id]` as extra access-token
 * claims; its access tokens for the hub are signed with `alg`.
 */
export async function startExternalProvider(
  accounts: Record<string, Record<string, unknown>>,
  options: { audience: string; alg?: 'RS256' | 'PS256' | 'ES256' },
): Promise<ExternalProvider> {
  const rsa = await makeKey('RS256');
  const ec = await makeKey('ES256');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  let fetches = 0;
  const provider = new Provider(origin, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [rsa.jwk, ec.jwk] },
    scopes: ['openid'],
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: resourceScopes.join(' '),
          audience: resource,
          accessTokenTTL: 300,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: options.alg ?? 'RS256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx, token) =>
      'accountId' in token && typeof token.accountId === 'string' ? accounts[token.accountId] : undefined,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { AccessToken: 300, Grant: 600, IdToken: 300, Interaction: 600, Session: 600 },
  });
  const callback = provider.callback();
  server.on('request', (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', origin);
      if (url.pathname === '/jwks') fetches++;
      if (url.pathname.startsWith('/interaction/')) {
        // The person signs in (as the account the test named) and agrees to what the app asked for.
        const details = await provider.interactionDetails(request, response);
        const accountId = String(details.params['login_hint']);
        const grant = new provider.Grant({ accountId, clientId });
        grant.addOIDCScope('openid');
        const resource = typeof details.params['resource'] === 'string' ? details.params['resource'] : options.audience;
        grant.addResourceScope(
          resource,
          String(details.params['scope'] ?? '')
            .split(' ')
            .filter((scope) => scope !== 'openid')
            .join(' '),
        );
        const grantId = await grant.save();
        await provider.interactionFinished(request, response, { login: { accountId }, consent: { grantId } });
        return;
      }
      callback(request, response);
    })();
  });

  return {
    issuer: origin,
    jwksUri: `${origin}/jwks`,
    keys: { rsa: rsa.key, ec: ec.key },
    jwksFetches: () => fetches,
    async accessToken(account, scope, resource) {
      const verifier = randomBytes(32).toString('base64url');
      const authorize = new URL(`${origin}/auth`);
      authorize.search = new URLSearchParams({
        client_id: clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: `openid ${scope}`,
        state: randomBytes(8).toString('hex'),
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        login_hint: account,
        ...(resource === undefined ? {} : { resource }),
      }).toString();
      const back = await followToApp(authorize.href);
      const code = back.searchParams.get('code');
      if (!code) throw new Error(`The provider sent no code: ${back.search}`);
      const response = await fetch(`${origin}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: clientId,
          code_verifier: verifier,
        }),
      });
      const body = (await response.json()) as { access_token?: string };
      if (response.status !== 200 || !body.access_token) throw new Error(`The provider's token endpoint answered ${response.status}`);
      return body.access_token;
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** A browser's part: follow redirects with the provider's cookies until it sends the person back to the app. */
async function followToApp(start: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let next = start;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      cookies.set(name.trim(), value);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`The provider stopped at ${response.status}: ${await response.text()}`);
    const target = new URL(location, next);
    if (target.href.startsWith(redirectUri)) return target;
    next = target.href;
  }
  throw new Error('Too many redirects');
}
