/**
 * Two hub processes on one database, behind a round-robin proxy, serve one
 * borough: every request goes to the other process from the one before, and
 * still a user signs in (authorize page on one, persona form on the other,
 * token on the first), reads, refreshes, and signs out — and the next request
 * is refused by both. A code or a rotated refresh token presented again on the
 * other process is refused and ends the session everywhere. An idempotent
 * create retried against the other process is stored once. A sharing choice
 * saved or revoked on one process holds on both from the next request, and
 * so does a carer's permission stopped or given back. An invitation code
 * made on one process is accepted on the other, once.
 * Nothing the second process needs is in the first one's memory. Each
 * process is told every address the hub is reached at (`--other-origin`):
 * an item naming a sexual health clinic by either process's own address, or
 * by the hub's internal name, is withheld by both, and one naming it at an
 * address not told is not.
 *
 * The database is a SQLite file, or PostgreSQL when the tests run against it
 * (`CARE_RECORD_TEST_POSTGRES`): the processes are started with `--store`.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { openStore } from '../src/store/open-store.js';
import type { HubStore } from '../src/store/store.js';
import { authorizeUrl, chooseOnSignInPage, clientId, pkce, postToken, redirectUri } from './auth/sign-in-flow.js';
import { recordItem } from './support/policy-fixtures.js';
import { freePort } from './support/test-hub.js';
import { disposeTestStore, newTestStoreSpec, testStoreKind } from './support/test-store.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'care-record-processes-'));
const store = newTestStoreSpec(directory);
const processes: ChildProcess[] = [];
let proxy: Server;
let origin = '';
const backends: number[] = [];
/** Which backend (0 or 1) served each request through the proxy, in order. */
const served: number[] = [];

/** The hub's internal name, which each process is told besides the processes' own addresses. */
const INTERNAL = 'https://record.internal.test';

/**
 * Starts `care-record-hub` on `port` for the database, answering as `origin`, told the hub's other addresses (each
 * process's own, as a list, and its internal name); resolves once it listens.
 */
function startHub(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(root, 'packages/hub/src/main.ts'),
        '--store',
        store,
        '--residents',
        '30',
        '--seed',
        'test-borough',
        '--port',
        String(port),
        '--origin',
        origin,
        '--other-origin',
        backends.map((backend) => `http://127.0.0.1:${backend}`).join(','),
        '--other-origin',
        INTERNAL,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    processes.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`hub on ${port} did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('care-record hub: FHIR at')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`hub on ${port} exited (${code}): ${output}`)));
  });
}

/** A load balancer at its simplest: each request to the next backend in turn, passed through as it came. */
function startProxy(port: number): Promise<Server> {
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const backend = next;
    next = (next + 1) % backends.length;
    served.push(backend);
    const upstream = forward(
      { host: '127.0.0.1', port: backends[backend], method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  const [proxyPort, first, second] = await Promise.all([freePort(), freePort(), freePort()]);
  origin = `http://127.0.0.1:${proxyPort}`;
  backends.push(first, second);
  // The first process creates and seeds the database; the second opens it.
  await startHub(first);
  await startHub(second);
  // A sexual health clinic in the directory, before either process has answered (and so loaded the directory).
  await inspect((database) =>
    database.put({ resourceType: 'Organization', id: 'org-proc-clinic', active: true, name: 'Canonbury Sexual Health Clinic' }),
  );
  proxy = await startProxy(proxyPort);
});

after(async () => {
  proxy?.close();
  await Promise.all(
    processes.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await disposeTestStore(store);
  rmSync(directory, { recursive: true, force: true });
});

/** The database both processes use, opened by the test as a third user of it. */
async function inspect<T>(look: (database: HubStore) => Promise<T>): Promise<T> {
  const database = await openStore(store);
  try {
    return await look(database);
  } finally {
    await database.close();
  }
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    patient?: string;
    organization_id?: string;
    fhirUser?: string;
  };

const auth = () => `${origin}/auth`;
const fhir = () => `${origin}/fhir`;

/** A GET straight to one backend, not through the proxy. */
async function readOn(backend: number, token: string, path = '/metadata'): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${backends[backend]}/fhir${path}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Signs in through the proxy; or, given `on`, opens the sign-in page on one process and sends the form (with an
 * invitation code, for a carer who has one) to the other.
 */
async function signIn(
  persona: string,
  scope = 'openid fhirUser offline_access user/*.rs',
  on?: { page: number; form: number; invitation?: string },
) {
  const { verifier, challenge } = pkce();
  const direct = (backend: number) => `http://127.0.0.1:${backends[backend]}/auth`;
  const back = on
    ? await chooseOnSignInPage(direct(on.form), authorizeUrl(direct(on.page), fhir(), challenge, { scope }), {
        persona,
        invitation: on.invitation,
      })
    : await chooseOnSignInPage(auth(), authorizeUrl(auth(), fhir(), challenge, { scope }), { persona });
  const code = back.searchParams.get('code') ?? '';
  const fields = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier };
  const token = await postToken(auth(), fields);
  assert.equal(token.status, 200, JSON.stringify(token.body));
  return { access: String(token.body['access_token']), refresh: String(token.body['refresh_token']), code, fields };
}

/** A request straight to one backend; the body parsed. */
async function send(backend: number, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${backends[backend]}/fhir${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/fhir+json',
      ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag') ?? '',
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  };
}

const hubCode = (body: Record<string, unknown>) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu patient/RelatedPerson.c';
const PROXY_CATEGORY = 'https://care-record.example/CodeSystem/consent-kind|proxy-access';

describe(`two hub processes on one database (${testStoreKind}), behind a round-robin proxy`, () => {
  test('a user signs in across both, reads on both, refreshes on the other, and a replayed refresh token ends the session everywhere', async () => {
    const from = served.length;
    const session = await signIn('gp');
    const steps = served.slice(from);
    assert.ok(steps.includes(0) && steps.includes(1), `sign-in went to both processes: ${steps.join(',')}`);
    assert.equal(await readOn(0, session.access, '/Organization?_count=1'), 200);
    assert.equal(await readOn(1, session.access, '/Organization?_count=1'), 200);

    const refreshed = await postToken(auth(), { grant_type: 'refresh_token', refresh_token: session.refresh, client_id: clientId });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const newer = String(refreshed.body['access_token']);
    assert.equal(await readOn(0, newer), 200);
    assert.equal(await readOn(1, newer), 200);

    // The rotated token again, through the proxy to whichever process: it leaked, so the session ends on both.
    const replay = await postToken(auth(), { grant_type: 'refresh_token', refresh_token: session.refresh, client_id: clientId });
    assert.equal(replay.status, 400);
    assert.equal(replay.body['error'], 'invalid_grant');
    for (const backend of [0, 1]) assert.equal(await readOn(backend, newer, '/Organization?_count=1'), 401, `process ${backend} refuses`);
    const after = await postToken(auth(), {
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body['refresh_token']),
      client_id: clientId,
    });
    assert.equal(after.status, 400, 'the newest refresh token went with the session');
  });

  test('a code presented again on the other process is refused and ends the session it began', async () => {
    const session = await signIn('hospital-nurse');
    const again = await postToken(auth(), session.fields);
    assert.equal(again.status, 400);
    for (const backend of [0, 1]) assert.equal(await readOn(backend, session.access, '/Organization?_count=1'), 401);
  });

  test('signing out on one process: the next request is refused by both', async () => {
    const session = await signIn('social-worker');
    assert.equal(await readOn(0, session.access, '/Organization?_count=1'), 200);
    const revoked = await fetch(`http://127.0.0.1:${backends[1]}/auth/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: session.refresh, client_id: clientId }),
    });
    assert.equal(revoked.status, 200);
    assert.equal(await readOn(0, session.access, '/Organization?_count=1'), 401);
    assert.equal(await readOn(1, session.access, '/Organization?_count=1'), 401);
  });

  test('an idempotent create retried against the other process is stored once', async () => {
    const resident = await signIn(
      'resident',
      'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c',
    );
    const patientId = claimsOf(resident.access).patient ?? '';
    const requestId = randomUUID();
    const body = JSON.stringify({
      resourceType: 'MedicationStatement',
      status: 'active',
      subject: { reference: `Patient/${patientId}` },
      medicationCodeableConcept: { text: `Paracetamol 500mg tablets (${requestId})` },
    });
    const statuses: number[] = [];
    for (const backend of [0, 1]) {
      const response = await fetch(`http://127.0.0.1:${backends[backend]}/fhir/MedicationStatement`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${resident.access}`,
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          'x-request-id': requestId,
        },
        body,
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    assert.equal(statuses[0], 201);
    assert.ok(statuses[1] === 200 || statuses[1] === 201, `the retry was answered ${statuses[1]}`);
    const [stored] = await inspect((database) =>
      database.query<{ n: number }>("SELECT COUNT(*) AS n FROM resource WHERE type = 'MedicationStatement' AND json LIKE ?", [
        `%${requestId}%`,
      ]),
    );
    assert.equal(stored?.n, 1);
  });

  test('a sharing choice saved on one process is enforced by the other on the next request, and so is its revoking', async () => {
    const gp = await signIn('gp');
    const resident = await signIn('resident', 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu');
    const patientId = claimsOf(resident.access).patient ?? '';
    const organizationId = claimsOf(gp.access).organization_id ?? '';
    const choice = (exceptions: unknown[]) => ({
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${patientId}` },
      policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
      provision: { type: 'permit', ...(exceptions.length > 0 ? { provision: exceptions } : {}) },
    });
    for (const backend of [0, 1])
      assert.equal((await send(backend, gp.access, 'GET', `/Patient/${patientId}`)).status, 200, `GP reads on ${backend}`);

    // The resident's choice as it stands (the borough may have made one): replaced, then put back as it was.
    const searched = await send(0, resident.access, 'GET', `/Consent?patient=${patientId}&status=active`);
    const existing = ((searched.body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? []).find(
      (entry) => entry.resource['resourceType'] === 'Consent',
    )?.resource;
    const before = existing ? await send(0, resident.access, 'GET', `/Consent/${String(existing['id'])}`) : undefined;
    const deny = choice([
      {
        type: 'deny',
        actor: [
          {
            role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
            reference: { reference: `Organization/${organizationId}` },
          },
        ],
      },
    ]);
    const saved = before
      ? await send(
          0,
          resident.access,
          'PUT',
          `/Consent/${String(before.body['id'])}`,
          { ...deny, id: before.body['id'] },
          { 'if-match': before.etag },
        )
      : await send(0, resident.access, 'POST', '/Consent', deny);
    assert.equal(saved.status, before ? 200 : 201, JSON.stringify(saved.body));
    for (const backend of [1, 0]) {
      const refused = await send(backend, gp.access, 'GET', `/Patient/${patientId}`);
      assert.equal(refused.status, 403, `process ${backend} refuses the GP`);
      assert.match(JSON.stringify(refused.body), /SHARING_DECLINED/);
    }

    const restored = before ? { ...(before.body as Record<string, unknown>), meta: undefined } : choice([]);
    const revoked = await send(
      1,
      resident.access,
      'PUT',
      `/Consent/${String(saved.body['id'])}`,
      { ...restored, id: saved.body['id'] },
      { 'if-match': saved.etag },
    );
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    for (const backend of [0, 1])
      assert.equal((await send(backend, gp.access, 'GET', `/Patient/${patientId}`)).status, 200, `process ${backend} lets the GP in again`);
  });

  test('a carer’s permission stopped on one process: both refuse the carer from the next request, and both let her in when it is given back', async () => {
    const carer = await signIn('carer', CARER_SCOPE);
    const resident = await signIn('cared-for-resident', RESIDENT_SCOPE);
    const patientId = claimsOf(resident.access).patient ?? '';
    const carerPerson = claimsOf(carer.access).fhirUser ?? '';
    assert.match(carerPerson, /^RelatedPerson\//);
    for (const backend of [0, 1])
      assert.equal((await send(backend, carer.access, 'GET', `/Patient/${patientId}`)).status, 200, `process ${backend} lets her in`);

    const found = await send(0, resident.access, 'GET', `/Consent?patient=${patientId}&category=${PROXY_CATEGORY}`);
    assert.equal(found.status, 200);
    const permission = ((found.body['entry'] as { resource: Record<string, unknown> }[] | undefined) ?? [])
      .map((entry) => entry.resource)
      .find((resource) => resource['resourceType'] === 'Consent' && JSON.stringify(resource).includes(`"${carerPerson}"`));
    assert.ok(permission, 'the resident sees the permission she gave');
    const current = await send(0, resident.access, 'GET', `/Consent/${String(permission['id'])}`);
    const stopped = await send(
      1,
      resident.access,
      'PUT',
      `/Consent/${String(permission['id'])}`,
      { ...current.body, status: 'inactive' },
      { 'if-match': current.etag },
    );
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    for (const backend of [0, 1]) {
      const refused = await send(backend, carer.access, 'GET', `/Patient/${patientId}`);
      assert.equal(refused.status, 403, `process ${backend} refuses her`);
      assert.equal(hubCode(refused.body), 'NO_PROXY_ACCESS');
    }

    const given = await send(
      0,
      resident.access,
      'PUT',
      `/Consent/${String(permission['id'])}`,
      { ...stopped.body, status: 'active', meta: undefined },
      { 'if-match': stopped.etag },
    );
    assert.equal(given.status, 200, JSON.stringify(given.body));
    for (const backend of [1, 0])
      assert.equal((await send(backend, carer.access, 'GET', `/Patient/${patientId}`)).status, 200, `process ${backend} lets her in again`);
  });

  test('an invitation code made on one process is accepted on the other, and cannot be used again on either', async () => {
    const resident = await signIn('resident', RESIDENT_SCOPE);
    const patientId = claimsOf(resident.access).patient ?? '';
    const added = await send(
      0,
      resident.access,
      'POST',
      '/RelatedPerson',
      {
        resourceType: 'RelatedPerson',
        patient: { reference: `Patient/${patientId}` },
        relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FRND', display: 'friend' }] }],
        name: [{ use: 'usual', text: 'Amira Haddad' }],
      },
      { 'x-request-id': randomUUID() },
    );
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const relatedPersonId = String(added.body['id']);
    const proposed = buildProxyConsent({
      patientId,
      relatedPersonId,
      carerName: 'Amira Haddad',
      actions: ['view-record'],
      withheld: [],
      status: 'proposed',
    });
    assert.equal((await send(1, resident.access, 'POST', '/Consent', proposed)).status, 201);
    const invited = await send(0, resident.access, 'POST', `/RelatedPerson/${relatedPersonId}/$invite`);
    assert.equal(invited.status, 200, JSON.stringify(invited.body));
    const code = (invited.body['parameter'] as { name: string; valueString?: string }[]).find((item) => item.name === 'code')?.valueString;
    assert.ok(code, 'the resident is given a code');

    // The friend signs in with it: the page from the first process, the form (and the code) to the second.
    const friend = await signIn('invited-carer', CARER_SCOPE, { page: 0, form: 1, invitation: code });
    assert.equal(claimsOf(friend.access).fhirUser, `RelatedPerson/${relatedPersonId}`);
    for (const backend of [0, 1])
      assert.equal((await send(backend, friend.access, 'GET', `/Patient/${patientId}`)).status, 200, `process ${backend} lets her in`);

    // The code is spent on both: for her, a repeat (a lost answer, Try again) is the same success on either process;
    // for anyone else it is refused on either.
    const someoneElse = await signIn('carer', CARER_SCOPE);
    for (const backend of [0, 1]) {
      const body = { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: code }] };
      const again = await send(backend, friend.access, 'POST', '/$accept-invitation', body);
      assert.equal(again.status, 200, `process ${backend}: ${JSON.stringify(again.body)}`);
      assert.match(JSON.stringify(again.body), new RegExp(`RelatedPerson/${relatedPersonId}`), 'the same acceptance');
      const other = await send(backend, someoneElse.access, 'POST', '/$accept-invitation', body);
      assert.equal(other.status, 422, `process ${backend}: ${JSON.stringify(other.body)}`);
      assert.equal(hubCode(other.body), 'INVITATION_NOT_VALID');
    }
  });

  test('an item naming a sexual health clinic by either process’s address or the internal name is withheld by both', async () => {
    const gp = await signIn('gp');
    const resident = await signIn('resident', 'openid fhirUser launch/patient offline_access patient/*.rs');
    const patientId = claimsOf(resident.access).patient ?? '';
    const at = {
      'the first process': { base: `http://127.0.0.1:${backends[0]}/fhir`, hub: true },
      'the second process': { base: `http://127.0.0.1:${backends[1]}/fhir`, hub: true },
      'the internal name': { base: `${INTERNAL}/fhir`, hub: true },
      'the public origin': { base: fhir(), hub: true },
      'a process not told': { base: 'http://127.0.0.1:9/fhir', hub: false },
      'no address (the plain item)': { base: '', hub: false },
    };
    await inspect(async (database) => {
      for (const [index, { base }] of Object.values(at).entries())
        await database.put({
          ...recordItem('Encounter', `proc-clinic-${index}`, patientId),
          ...(base === '' ? {} : { serviceProvider: { reference: `${base}/Organization/org-proc-clinic` } }),
        });
    });
    const wrong: string[] = [];
    for (const [index, [where, { hub }]] of Object.entries(at).entries())
      for (const backend of [0, 1]) {
        const status = await readOn(backend, gp.access, `/Encounter/proc-clinic-${index}`);
        if (status !== (hub ? 404 : 200)) wrong.push(`${where} on process ${backend}: ${status}`);
      }
    assert.deepEqual(wrong, []);
  });

  test('nothing the sign-in keeps is readable at rest: codes and refresh tokens are stored hashed', async () => {
    const session = await signIn('gp');
    const rows = await inspect((database) => database.query<{ key: string; value: string }>('SELECT key, value FROM auth_state'));
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.ok(!row.key.includes(session.refresh) && !row.value.includes(session.refresh), 'no refresh token in the clear');
      assert.ok(!row.key.includes(session.code), 'no code in the clear');
    }
  });
});
