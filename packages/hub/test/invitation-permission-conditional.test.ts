/**
 * The permission an invitation saves (a proxy Consent) is a conditional create naming the invitation's key, now
 * that the hub keeps `If-None-Exist` for a Consent: when its answer is lost, the SDK's client sends it again by
 * itself and the hub answers with the permission it stored. So one invitation stores one person and one
 * permission, and succeeds at once when a repeat gets through, even while the SDK cannot search for what was
 * stored. Real hub, real HTTP, a loopback proxy that spoils chosen requests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CARER_INVITATION_SYSTEM,
  createHubClient,
  HubError,
  inviteCarer,
  readProxyConsent,
  type CarerRelationship,
  type Consent,
  type HubClient,
} from '@care-record/sdk';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './support/fault-proxy.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

let hub: TestHub;
let token: string;
let patientId: string;
before(async () => {
  hub = await startTestHub();
  token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
  patientId = hub.hub.borough.personas.resident.patientId;
});
after(() => hub.close());

const postConsent = (method: string, path: string) => method === 'POST' && path.endsWith('/Consent');
const searchConsent = (method: string, path: string) => method === 'GET' && path.endsWith('/Consent');

/** One person and one permission per invitation key, as stored, read straight from the hub. */
async function stored(direct: HubClient, key: string): Promise<[number, number]> {
  const people: Json[] = [];
  for await (const person of direct.matches('/RelatedPerson', { query: { patient: patientId, _count: 500 } })) people.push(person as Json);
  const carrying = people.filter((person) =>
    ((person['identifier'] as { system?: string; value?: string }[] | undefined) ?? []).some(
      (identifier) => identifier.system === CARER_INVITATION_SYSTEM && identifier.value === `urn:uuid:${key}`,
    ),
  );
  const ids = new Set(carrying.map((person) => String(person['id'])));
  const bundle = await direct.get('/Consent', { query: { patient: patientId, _count: 100 } });
  const permissions = (bundle.entry ?? [])
    .map((entry) => entry.resource as Consent)
    .filter((consent) => consent?.resourceType === 'Consent' && ids.has(readProxyConsent(consent)?.relatedPersonId ?? ''));
  return [carrying.length, permissions.length];
}

async function withProxy<T>(run: (proxy: FaultProxy, through: HubClient, direct: HubClient) => Promise<T>): Promise<T> {
  const proxy = await startFaultProxy(hub.fhir);
  try {
    const through = createHubClient({ baseUrl: proxy.fhir, auth: token, retry: { limit: 2, maxDelay: 10 }, timeout: 10_000 });
    return await run(proxy, through, createHubClient({ baseUrl: hub.fhir, auth: token }));
  } finally {
    await proxy.close();
  }
}

/** Makes the SDK's search for an earlier permission fail, once the permission is stored (every try of it). */
function noSearchAfterStoring(proxy: FaultProxy, storedFirst: () => boolean): void {
  for (let attempt = 0; attempt < 3; attempt++)
    proxy.spoil((method, path) => storedFirst() && searchConsent(method, path), 'lost-before-sending');
}

test('the reported case: the permission’s answer lost, and no search possible: the client’s repeat finds it', async () => {
  await withProxy(async (proxy, through, direct) => {
    const key = crypto.randomUUID();
    let storedFirst = false;
    proxy.spoil((method, path) => (storedFirst ||= postConsent(method, path)), 'lost-after-storing');
    noSearchAfterStoring(proxy, () => storedFirst);
    const made = await inviteCarer(
      through,
      patientId,
      { name: 'Aoife Lloyd', actions: ['view-record'], withheld: [] },
      { idempotencyKey: key },
    );
    assert.match(made.code, /^[A-Z0-9-]+$/);
    assert.equal(proxy.seen.filter((seen) => postConsent(...(seen.split(' ') as [string, string]))).length, 2, 'the create sent again');
    assert.deepEqual(await stored(direct, key), [1, 1]);
  });
});

describe('the permission’s create × how its answer is lost × whether a search can run × relationship', () => {
  const FIRST: readonly ProxyFault[] = ['lost-after-storing', '503-after-storing', 'lost-before-sending'];
  const RELATIONSHIPS: readonly (CarerRelationship | undefined)[] = [undefined, 'DAU', 'CAREGIVER'];
  for (const fault of FIRST)
    for (const search of ['search works', 'search fails'] as const)
      for (const [index, repeats] of (['repeat gets through', 'every repeat lost'] as const).entries())
        test(`${fault}, ${search}, ${repeats}: one person, one permission`, async () => {
          const relationship = RELATIONSHIPS[(FIRST.indexOf(fault) + index) % RELATIONSHIPS.length];
          await withProxy(async (proxy, through, direct) => {
            const key = crypto.randomUUID();
            let storedFirst = false;
            proxy.spoil((method, path) => (storedFirst ||= postConsent(method, path) && fault !== 'lost-before-sending'), fault);
            if (repeats === 'every repeat lost')
              for (let attempt = 0; attempt < 2; attempt++) proxy.spoil(postConsent, 'lost-before-sending');
            if (search === 'search fails') noSearchAfterStoring(proxy, () => storedFirst);
            const request = { name: 'Rae Tester', relationship, actions: ['view-record' as const], withheld: [] };
            const first = await inviteCarer(through, patientId, request, { idempotencyKey: key }).then(
              () => undefined,
              (error: unknown) => error,
            );
            if (repeats === 'repeat gets through') assert.equal(first, undefined, 'a repeat that gets through finds the permission');
            else if (first !== undefined) {
              assert.ok(first instanceof HubError, String(first));
              if (fault !== 'lost-before-sending')
                assert.equal(first.mayHaveBeenSaved, true, 'what may be stored is never told as not saved');
              // The resident tries the same invitation again.
              await inviteCarer(through, patientId, request, { idempotencyKey: key });
            }
            assert.deepEqual(await stored(direct, key), [1, 1]);
          });
        });
});
