/**
 * Every write of the person-held SDK is safe to repeat. A resident whose
 * write failed presses "Try again"; when the first attempt had in fact been
 * stored (its answer lost on the way back, or replaced by a gateway's 503), the
 * repeat must find it, never store it a second time, and succeed. Run against
 * the reference hub and against a plain FHIR server (Medplum, which knows
 * nothing of the hub's `X-Request-ID`), through a proxy that spoils one chosen
 * request of each write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CARER_INVITATION_SYSTEM,
  createHubClient,
  createSubmissionQueue,
  HubError,
  inviteCarer,
  isProxyConsent,
  loadCarers,
  loadSharing,
  readProxyConsent,
  RESIDENT_ENTRY_SYSTEM,
  saveCarerAccess,
  saveSharing,
  stopCarerAccess,
  type CarerAccess,
  type Consent,
  type HubClient,
  type SharingChoices,
  type ValidEntry,
} from '@care-record/sdk';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './support/fault-proxy.js';
import { startMedplumServer, type MedplumServer } from './support/medplum-server.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

/** A server as one test sees it: a client through the fault proxy, one straight to the server, and a resident. */
interface Setting {
  server: 'reference hub' | 'Medplum';
  through: HubClient;
  direct: HubClient;
  proxy: FaultProxy;
  patientId: string;
}

interface Write {
  name: string;
  /** The request of the write that the fault spoils (method and path under the origin). */
  target: (method: string, path: string) => boolean;
  /** Sets up what the write needs (without faults); returns the write, to be called again as a repeat. */
  prepare(setting: Setting): Promise<{ write(): Promise<unknown>; stored(): Promise<number[]> }>;
  /** Only on a resident who has no sharing choice yet. */
  freshResident?: boolean;
}

const FAULTS: readonly ProxyFault[] = ['lost-before-sending', 'lost-after-storing', '503-after-storing'];

async function all(
  client: HubClient,
  path: '/Observation' | '/MedicationStatement' | '/RelatedPerson',
  patientId: string,
): Promise<Json[]> {
  const found: Json[] = [];
  for await (const resource of client.matches(path, { query: { patient: patientId, _count: 500 } })) found.push(resource as Json);
  return found;
}

async function consents(client: HubClient, patientId: string): Promise<Consent[]> {
  const bundle = await client.get('/Consent', { query: { patient: patientId, _count: 100 } });
  return (bundle.entry ?? []).map((entry) => entry.resource as Consent).filter((consent) => consent?.resourceType === 'Consent');
}

const carrying = (resource: Json, system: string, value: string) =>
  ((resource['identifier'] as { system?: string; value?: string }[] | undefined) ?? []).some(
    (identifier) => identifier.system === system && identifier.value === value,
  );

/** Submits one entry through the outbox; a repeat is the outbox's own "Try again" (same key). */
function throughOutbox(setting: Setting, entry: ValidEntry, type: '/Observation' | '/MedicationStatement') {
  const queue = createSubmissionQueue(setting.through, setting.patientId, { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 });
  let key: string | undefined;
  return {
    async write() {
      if (key === undefined) key = queue.submit(entry).key;
      else queue.retry(key);
      await queue.idle();
      const done = queue.entries.find((submission) => submission.key === key);
      if (done?.state !== 'saved') throw done?.failure?.error ?? new Error('not saved');
      return done;
    },
    async stored() {
      const found = await all(setting.direct, type, setting.patientId);
      return [found.filter((resource) => carrying(resource, RESIDENT_ENTRY_SYSTEM, key ?? '')).length];
    },
  };
}

/** Invites someone; returns the invitation's key and their name. */
function invitation(setting: Setting) {
  const key = crypto.randomUUID();
  const name = `Repeat Tester ${key.slice(0, 8)}`;
  const write = () =>
    inviteCarer(setting.through, setting.patientId, { name, actions: ['view-record'], withheld: [] }, { idempotencyKey: key });
  const stored = async () => {
    const people = (await all(setting.direct, '/RelatedPerson', setting.patientId)).filter((person) =>
      carrying(person, CARER_INVITATION_SYSTEM, `urn:uuid:${key}`),
    );
    const ids = new Set(people.map((person) => String(person['id'])));
    const permissions = (await consents(setting.direct, setting.patientId)).filter((consent) =>
      ids.has(readProxyConsent(consent)?.relatedPersonId ?? ''),
    );
    return [people.length, permissions.length];
  };
  return { key, name, write, stored };
}

/** A carer invited (without faults) and read back as the carers screen has them. */
async function invitedCarer(setting: Setting): Promise<{ carer: CarerAccess; stored(): Promise<Consent[]> }> {
  const invited = invitation(setting);
  // Through the proxy, with no fault set: it answers `$invite` for a server that has none.
  const made = await inviteCarer(
    setting.through,
    setting.patientId,
    { name: invited.name, actions: ['view-record'], withheld: [] },
    {
      idempotencyKey: invited.key,
    },
  );
  const carer = (await loadCarers(setting.direct, setting.patientId)).carers.find((each) => each.relatedPersonId === made.relatedPersonId);
  assert.ok(carer, 'the invited carer is listed');
  return {
    carer,
    stored: async () =>
      (await consents(setting.direct, setting.patientId)).filter(
        (consent) => readProxyConsent(consent)?.relatedPersonId === made.relatedPersonId,
      ),
  };
}

const isPost = (type: string) => (method: string, path: string) => method === 'POST' && path.endsWith(`/${type}`);
const isPut = (type: string) => (method: string, path: string) => method === 'PUT' && path.includes(`/${type}/`);

/** What the hub, or any server, should hold once: the sharing choice, with these choices. */
async function sharingChoices(setting: Setting): Promise<Consent[]> {
  return (await consents(setting.direct, setting.patientId)).filter((consent) => consent.status === 'active' && !isProxyConsent(consent));
}

const keepMentalHealth = (choices: SharingChoices): SharingChoices => ({
  ...choices,
  categories: choices.categories.map((category) => (category.key === 'mental-health' ? { ...category, shared: false } : category)),
});

const WRITES: Write[] = [
  {
    name: 'a reading',
    target: isPost('Observation'),
    prepare: async (setting) => throughOutbox(setting, { kind: 'weight', kilograms: 71.5, measured: '2026-11-27' }, '/Observation'),
  },
  {
    name: 'an over-the-counter medicine',
    target: isPost('MedicationStatement'),
    prepare: async (setting) => throughOutbox(setting, { kind: 'medicine', name: 'Ibuprofen 200 mg tablets' }, '/MedicationStatement'),
  },
  {
    name: 'a carer invitation, adding the person',
    target: isPost('RelatedPerson'),
    prepare: async (setting) => invitation(setting),
  },
  {
    name: 'a carer invitation, saving what they may do',
    target: isPost('Consent'),
    prepare: async (setting) => invitation(setting),
  },
  {
    name: 'a carer invitation, making the code',
    target: (method, path) => method === 'POST' && path.endsWith('/$invite'),
    prepare: async (setting) => invitation(setting),
  },
  {
    name: 'a change to what a carer may do',
    target: isPut('Consent'),
    prepare: async (setting) => {
      const { carer, stored } = await invitedCarer(setting);
      const change = { actions: ['view-record', 'add-readings'] as const, withheld: ['social-care'] as const };
      return {
        write: () =>
          saveCarerAccess(setting.through, setting.patientId, carer, { actions: [...change.actions], withheld: [...change.withheld] }),
        stored: async () => {
          const found = await stored();
          const terms = found.map((consent) => readProxyConsent(consent));
          const as = terms.filter((each) => each?.actions.includes('add-readings') && each.withheld.includes('social-care'));
          return [found.length, as.length];
        },
      };
    },
  },
  {
    name: 'stopping a carer’s access',
    target: isPut('Consent'),
    prepare: async (setting) => {
      const { carer, stored } = await invitedCarer(setting);
      return {
        write: () => stopCarerAccess(setting.through, carer),
        stored: async () => {
          const found = await stored();
          return [found.length, found.filter((consent) => consent.status === 'inactive').length];
        },
      };
    },
  },
  {
    name: 'the first sharing choice',
    target: isPost('Consent'),
    freshResident: true,
    prepare: async (setting) => {
      const model = await loadSharing(setting.direct, setting.patientId);
      assert.equal(model.consentId, undefined, 'the resident has no sharing choice yet');
      const wanted = keepMentalHealth(model.choices);
      return {
        write: () => saveSharing(setting.through, model, wanted),
        stored: async () => {
          const found = await sharingChoices(setting);
          return [found.length, found.filter((consent) => JSON.stringify(consent.provision).includes('"PSY"')).length];
        },
      };
    },
  },
  {
    name: 'a change to the sharing choice',
    target: isPut('Consent'),
    prepare: async (setting) => {
      const first = await loadSharing(setting.direct, setting.patientId);
      const model = first.consentId ? first : await saveSharing(setting.direct, first, first.choices);
      const mark = !model.choices.categories.find((category) => category.key === 'social-care')?.shared;
      const wanted: SharingChoices = {
        ...model.choices,
        categories: model.choices.categories.map((category) => (category.key === 'social-care' ? { ...category, shared: mark } : category)),
      };
      return {
        write: () => saveSharing(setting.through, model, wanted),
        stored: async () => {
          const found = await sharingChoices(setting);
          const keepsSocialCare = (consent: Consent) => JSON.stringify(consent.provision).includes('"social-care"');
          return [found.length, found.filter((consent) => keepsSocialCare(consent) === !mark).length];
        },
      };
    },
  },
];

/** One write, one fault: the first attempt fails as the fault makes it; the repeat succeeds; everything is stored once. */
async function repeatAfter(setting: Setting, write: Write, fault: ProxyFault): Promise<void> {
  const { write: attempt, stored } = await write.prepare(setting);
  setting.proxy.spoil(write.target, fault);
  const first = await attempt().then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.equal(setting.proxy.pending, 0, 'the fault was met');
  if (first !== undefined) {
    assert.ok(first instanceof HubError, String(first));
    // What the server stored is never reported as "not saved".
    if (fault !== 'lost-before-sending') assert.equal(first.mayHaveBeenSaved, true, first.message);
  }
  await attempt();
  const counts = await stored();
  assert.deepEqual(
    counts,
    counts.map(() => 1),
    `${write.name} is stored once`,
  );
}

describe('the person-held writes, repeated after a fault, on the reference hub', () => {
  let hub: TestHub;
  let proxy: FaultProxy;
  let token: string;
  before(async () => {
    hub = await startTestHub();
    proxy = await startFaultProxy(hub.fhir);
    token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
  });
  after(async () => {
    await proxy.close();
    await hub.close();
  });
  const setting = (): Setting => ({
    server: 'reference hub',
    through: createHubClient({ baseUrl: proxy.fhir, auth: token, retry: { limit: 2, maxDelay: 10 }, timeout: 10_000 }),
    direct: createHubClient({ baseUrl: hub.fhir, auth: token }),
    proxy,
    patientId: hub.hub.borough.personas.resident.patientId,
  });

  test('the reported case: an invitation whose saved permission’s answer was lost, tried again, adds the person once', async () => {
    // A proxy of its own: the spoils for a search the SDK may not need must not reach the other tests.
    const own = await startFaultProxy(hub.fhir);
    try {
      const each = { ...setting(), proxy: own };
      each.through = createHubClient({ baseUrl: own.fhir, auth: token, retry: { limit: 2, maxDelay: 10 }, timeout: 10_000 });
      const invited = invitation(each);
      // The permission is stored and its answer lost; the connection stays down for a search (three tries). The
      // permission is a conditional create: the client's own repeat finds it, or a repeat of the invitation does.
      let stored = false;
      own.spoil((method, path) => (stored = isPost('Consent')(method, path)), 'lost-after-storing');
      for (let attempt = 0; attempt < 3; attempt++)
        own.spoil((method, path) => stored && method === 'GET' && path.endsWith('/Consent'), 'lost-before-sending');
      const first = await invited.write().then(
        (made) => ({ made }),
        (error: unknown) => ({ error: error as HubError }),
      );
      // Tried again only when it failed, as a resident would; then it may have been saved.
      if ('error' in first) assert.equal(first.error.mayHaveBeenSaved, true);
      const code = 'made' in first ? first.made : await invited.write();
      assert.match(code.code, /^[A-Z0-9-]+$/);
      assert.deepEqual(await invited.stored(), [1, 1]);
    } finally {
      await own.close();
    }
  });

  for (const write of WRITES.filter((each) => !each.freshResident))
    for (const fault of FAULTS) test(`${write.name}, ${fault}: tried again, stored once`, () => repeatAfter(setting(), write, fault));

  for (const write of WRITES.filter((each) => each.freshResident))
    for (const fault of FAULTS)
      test(`${write.name}, ${fault}: tried again, stored once`, async () => {
        const own = await startTestHub({ residents: 3 });
        const ownProxy = await startFaultProxy(own.fhir);
        try {
          const ownToken = await own.signIn('resident', { scope: RESIDENT_SCOPE });
          const patientId = own.hub.borough.personas.resident.patientId;
          const direct = createHubClient({ baseUrl: own.fhir, auth: ownToken });
          // One who has made no choice yet: any choice the synthetic borough gave them is set aside, in the store.
          for (const made of await sharingChoices({ direct, patientId } as Setting))
            await own.hub.store.put({ ...(made as unknown as Record<string, unknown>), status: 'inactive' });
          await repeatAfter(
            {
              server: 'reference hub',
              through: createHubClient({ baseUrl: ownProxy.fhir, auth: ownToken, retry: { limit: 2, maxDelay: 10 } }),
              direct,
              proxy: ownProxy,
              patientId,
            },
            write,
            fault,
          );
        } finally {
          await ownProxy.close();
          await own.close();
        }
      });
});

describe('the person-held writes, repeated after a fault, on a plain FHIR server (Medplum)', () => {
  let medplum: MedplumServer;
  let proxy: FaultProxy;
  before(async () => {
    medplum = await startMedplumServer();
    proxy = await startFaultProxy(medplum.fhir);
    // Medplum has no `$invite`: the proxy answers it as the hub does.
    proxy.answer = (method, path, response) => {
      const invite = /\/RelatedPerson\/([^/]+)\/\$invite$/.exec(path);
      if (method !== 'POST' || !invite) return false;
      response.writeHead(200, { 'content-type': 'application/fhir+json' }).end(
        JSON.stringify({
          resourceType: 'Parameters',
          parameter: [
            { name: 'code', valueString: 'ABCD-EFGH-JKMN' },
            { name: 'expires', valueDateTime: '2026-12-13T00:00:00Z' },
          ],
        }),
      );
      return true;
    };
  });
  after(async () => {
    await proxy.close();
    await medplum.close();
  });
  /** A resident of their own for each test: Medplum starts empty. */
  const setting = async (): Promise<Setting> => {
    const patient = await medplum.repository.createResource({ resourceType: 'Patient', name: [{ family: 'Tester', given: ['Rae'] }] });
    return {
      server: 'Medplum',
      through: createHubClient({ baseUrl: proxy.fhir, auth: 'medplum-token', retry: { limit: 2, maxDelay: 10 }, timeout: 10_000 }),
      direct: createHubClient({ baseUrl: medplum.fhir, auth: 'medplum-token' }),
      proxy,
      patientId: patient.id,
    };
  };

  for (const write of WRITES)
    for (const fault of FAULTS)
      test(`${write.name}, ${fault}: tried again, stored once`, async () => repeatAfter(await setting(), write, fault));
});
