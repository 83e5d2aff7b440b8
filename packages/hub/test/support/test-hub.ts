/**
 * A real reference hub for tests: a small synthetic borough in a temporary
 * SQLite file (or a PostgreSQL schema of its own: see `test-store.ts`),
 * listening on 127.0.0.1, with sign-in through the real development SMART
 * server (authorize page, persona form, PKCE, token).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub, type HubOptions } from '../../src/index.js';
import { freePort } from './free-port.js';
import { disposeTestStore, newTestStoreSpec } from './test-store.js';

export { freePort };
import { authorizeUrl, chooseOnSignInPage, clientId, pkce, postToken, redirectUri } from '../auth/sign-in-flow.js';

export interface TestHub {
  hub: Hub;
  origin: string;
  fhir: string;
  /** Where the hub keeps its data (`sqlite:…` or `postgres://…`): another hub given it shares the borough. */
  store: string;
  /** Signs in as a persona and returns its access token. */
  signIn(persona: string, options?: { launch?: string; scope?: string; invitation?: string }): Promise<string>;
  /** GET or POST against the FHIR base with a token; returns status, headers and parsed body. */
  call(
    token: string | undefined,
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export const testNow = '2026-11-28T09:00:00Z';

export async function startTestHub(
  options: Partial<HubOptions> & { beforeListen?: (hub: Hub) => void | Promise<void> } = {},
): Promise<TestHub> {
  const directory = mkdtempSync(join(tmpdir(), 'care-record-hub-'));
  // A store given is another hub's: it is left for that hub to remove.
  const ownStore = options.store === undefined && options.dbPath === undefined;
  const store = options.store ?? (options.dbPath === undefined ? newTestStoreSpec(directory) : `sqlite:${options.dbPath}`);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { beforeListen, dbPath: _dbPath, ...hubOptions } = options;
  const hub = await createHub({ residents: 60, seed: 'test-borough', now: testNow, ...hubOptions, store, origin });
  await beforeListen?.(hub);
  await hub.app.listen({ port, host: '127.0.0.1' });
  const fhir = hub.fhirBaseUrl;
  const tokens = new Map<string, string>();

  return {
    hub,
    origin,
    fhir,
    store,
    async signIn(persona, { launch, scope, invitation } = {}) {
      const key = `${persona} ${launch ?? ''} ${scope ?? ''}`;
      const known = invitation === undefined ? tokens.get(key) : undefined;
      if (known) return known;
      const { verifier, challenge } = pkce();
      const requested =
        scope ??
        (persona === 'resident'
          ? 'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c'
          : 'openid fhirUser offline_access user/*.rs');
      const back = await chooseOnSignInPage(
        `${origin}/auth`,
        authorizeUrl(`${origin}/auth`, fhir, challenge, { scope: requested, ...(launch ? { launch } : {}) }),
        { persona, invitation },
      );
      const code = back.searchParams.get('code');
      if (!code) throw new Error(`Sign-in as ${persona} gave no code`);
      const token = await postToken(`${origin}/auth`, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: verifier,
      });
      if (token.status !== 200) throw new Error(`Token exchange for ${persona} answered ${token.status}`);
      const accessToken = String(token.body['access_token']);
      tokens.set(key, accessToken);
      return accessToken;
    },
    async call(token, path, init = {}) {
      const response = await fetch(`${fhir}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          accept: 'application/fhir+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
    },
    async close() {
      await hub.close();
      if (ownStore) await disposeTestStore(store);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
