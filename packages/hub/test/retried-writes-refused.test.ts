/**
 * A create that the SDK sends again by itself (a conditional create) after its
 * first attempt's answer was lost, and whose repeat is then refused: the
 * refusal is of the repeat, not of the first attempt, which the server may
 * have stored. Whatever the repeat is answered, a failure after a lost answer
 * says the write may have been saved; only when no answer was lost does a
 * refusal say it was not. Against the reference hub, through a proxy on
 * loopback that spoils the first attempt and answers the repeat.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CARER_INVITATION_SYSTEM,
  createHubClient,
  createSubmissionQueue,
  describeWriteFailure,
  HubError,
  inviteCarer,
  RESIDENT_ENTRY_SYSTEM,
  type HubClient,
  type ResidentWrite,
  type ValidEntry,
} from '@care-record/sdk';
import { startFaultProxy, type FaultProxy, type ProxyFault } from './support/fault-proxy.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

interface Setting {
  through: HubClient;
  direct: HubClient;
  proxy: FaultProxy;
  patientId: string;
}

/** One write the SDK repeats by itself: the request the faults spoil, how to make it, and how many it stored. */
interface Write {
  name: string;
  words: ResidentWrite;
  type: 'Observation' | 'MedicationStatement' | 'RelatedPerson';
  start(setting: Setting): { write(): Promise<unknown>; system: string; value: string };
}

/** A weight as the hub accepts one: coded, in kilograms, saying when (the hub refuses a reading it does not know). */
const reading: Json = {
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001' }], text: 'Weight' },
  effectiveDateTime: '2026-11-27T08:00:00Z',
  valueQuantity: { value: 71.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

const WRITES: Write[] = [
  {
    name: 'post, a conditional create with an idempotency key',
    words: 'reading',
    type: 'Observation',
    start: ({ through, patientId }) => {
      const value = crypto.randomUUID();
      const write = () =>
        through.post('/Observation', {
          body: {
            ...reading,
            subject: { reference: `Patient/${patientId}` },
            valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
            effectiveDateTime: '2026-11-27',
            identifier: [{ system: RESIDENT_ENTRY_SYSTEM, value }],
          } as never,
          idempotencyKey: value,
          ifNoneExist: `identifier=${RESIDENT_ENTRY_SYSTEM}|${value}`,
        });
      return { write, system: RESIDENT_ENTRY_SYSTEM, value };
    },
  },
  {
    name: 'request, a conditional create without an idempotency key',
    words: 'reading',
    type: 'MedicationStatement',
    start: ({ through, patientId }) => {
      const value = crypto.randomUUID();
      const write = () =>
        through.request('post', '/MedicationStatement', {
          body: {
            resourceType: 'MedicationStatement',
            status: 'active',
            medicationCodeableConcept: { text: 'Paracetamol 500 mg tablets' },
            subject: { reference: `Patient/${patientId}` },
            informationSource: { reference: `Patient/${patientId}` },
            identifier: [{ system: RESIDENT_ENTRY_SYSTEM, value }],
          } as never,
          ifNoneExist: `identifier=${RESIDENT_ENTRY_SYSTEM}|${value}`,
        });
      return { write, system: RESIDENT_ENTRY_SYSTEM, value };
    },
  },
  outboxWrite('a reading through the outbox', 'Observation', { kind: 'weight', kilograms: 71.5, measured: '2026-11-27' }),
  outboxWrite('a medicine through the outbox', 'MedicationStatement', { kind: 'medicine', name: 'Ibuprofen 200 mg tablets' }),
  {
    name: 'a carer invitation, adding the person',
    words: 'invitation',
    type: 'RelatedPerson',
    start: ({ through, patientId }) => {
      const key = crypto.randomUUID();
      const write = () =>
        inviteCarer(
          through,
          patientId,
          { name: `Refusal Tester ${key.slice(0, 8)}`, actions: ['view-record'], withheld: [] },
          {
            idempotencyKey: key,
          },
        );
      return { write, system: CARER_INVITATION_SYSTEM, value: `urn:uuid:${key}` };
    },
  },
];

/** The outbox's one round: the entry saved, or its failure's error thrown (the screen shows the failure's reason). */
function outboxWrite(name: string, type: 'Observation' | 'MedicationStatement', entry: ValidEntry): Write {
  return {
    name,
    words: 'reading',
    type,
    start: ({ through, patientId }) => {
      const queue = createSubmissionQueue(through, patientId, { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 });
      const submitted = { key: '' };
      const write = async () => {
        submitted.key = queue.submit(entry).key;
        await queue.idle();
        queue.close();
        const done = queue.entries.find((each) => each.key === submitted.key);
        if (done?.state === 'saved') return done;
        // What the resident reads must agree with the error behind it.
        const failure = done?.failure;
        assert.ok(failure, 'a failed entry says why');
        if (failure.error instanceof HubError && failure.error.mayHaveBeenSaved)
          assert.match(failure.reason, /may have been saved/, failure.reason);
        throw failure.error;
      };
      return {
        write,
        system: RESIDENT_ENTRY_SYSTEM,
        get value() {
          return submitted.key;
        },
      };
    },
  };
}

const refused = (status: number, outcome: string | false, headers?: Record<string, string>): ProxyFault => ({
  status,
  outcome,
  ...(headers ? { headers } : {}),
});

/** What happens to the first attempt; `lost` when its answer never reached the SDK as the server gave it. */
const FIRST: { name: string; fault: ProxyFault; lost: boolean }[] = [
  { name: 'stored, then the connection drops', fault: 'lost-after-storing', lost: true },
  { name: 'stored, then a gateway answers 503', fault: '503-after-storing', lost: true },
  { name: 'the connection drops before it arrives', fault: 'lost-before-sending', lost: true },
  { name: 'a gateway answers 502', fault: refused(502, false), lost: true },
  { name: 'refused with 429', fault: refused(429, 'throttled', { 'retry-after': '0' }), lost: false },
];

/** How the repeat is answered: `undefined` passes it to the hub. */
const REPEAT: { name: string; fault: ProxyFault | undefined }[] = [
  { name: 'passed to the hub', fault: undefined },
  { name: '400 invalid', fault: refused(400, 'invalid') },
  { name: '401 login', fault: refused(401, 'login') },
  { name: '403 forbidden', fault: refused(403, 'forbidden') },
  { name: '404 not found', fault: refused(404, 'not-found') },
  { name: '409 conflict', fault: refused(409, 'conflict') },
  { name: '412 multiple matches', fault: refused(412, 'multiple-matches') },
  { name: '422 with an OperationOutcome', fault: refused(422, 'processing') },
  { name: '422 without an OperationOutcome', fault: refused(422, false) },
  { name: '429, then passed', fault: refused(429, 'throttled', { 'retry-after': '0' }) },
  { name: '501 not supported', fault: refused(501, 'not-supported') },
];

async function storedCount(setting: Setting, write: Write, system: string, value: string): Promise<number> {
  let count = 0;
  for await (const resource of setting.direct.matches(`/${write.type}`, { query: { patient: setting.patientId, _count: 500 } })) {
    const identifiers = ((resource as Json)['identifier'] as { system?: string; value?: string }[] | undefined) ?? [];
    if (identifiers.some((each) => each.system === system && each.value === value)) count += 1;
  }
  return count;
}

describe('a conditional create whose repeat is refused after its first answer was lost', () => {
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
    through: createHubClient({ baseUrl: proxy.fhir, auth: token, retry: { limit: 2, maxDelay: 10 }, timeout: 10_000 }),
    direct: createHubClient({ baseUrl: hub.fhir, auth: token }),
    proxy,
    patientId: hub.hub.borough.personas.resident.patientId,
  });
  const posts = (type: string) => (method: string, path: string) => method === 'POST' && path.endsWith(`/${type}`);

  test('the reported case: stored, its answer lost, the repeat answered 412: it may have been saved', async () => {
    const each = setting();
    const write = WRITES[0];
    assert.ok(write);
    const started = write.start(each);
    proxy.spoil(posts(write.type), 'lost-after-storing');
    proxy.spoil(posts(write.type), refused(412, 'multiple-matches'));
    const error = await started.write().then(
      () => assert.fail('the repeat was refused'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof HubError);
    assert.equal(await storedCount(each, write, started.system, started.value), 1);
    assert.equal(error.mayHaveBeenSaved, true, error.message);
    assert.equal(describeWriteFailure(error, 'reading').saved, 'maybe');
  });

  for (const write of WRITES)
    for (const first of FIRST)
      for (const repeat of REPEAT)
        test(`${write.name}; first attempt ${first.name}; repeat ${repeat.name}`, async () => {
          const each = setting();
          const started = write.start(each);
          proxy.spoil(posts(write.type), first.fault);
          if (repeat.fault) proxy.spoil(posts(write.type), repeat.fault);
          const outcome = await started.write().then(
            () => 'saved' as const,
            (error: unknown) => error,
          );
          assert.equal(proxy.pending, 0, 'both faults were met');
          const stored = await storedCount(each, write, started.system, started.value);
          assert.ok(stored <= 1, `stored ${stored} times`);
          if (outcome === 'saved') return assert.equal(stored, 1);
          assert.ok(outcome instanceof HubError, String(outcome));
          const words = describeWriteFailure(outcome, write.words);
          if (first.lost || stored > 0) {
            assert.equal(outcome.mayHaveBeenSaved, true, outcome.message);
            assert.match(outcome.message, /may have been saved/);
            assert.equal(words.saved, 'maybe');
            assert.equal(words.retryable, true);
          } else {
            // Nothing was lost: the repeat's refusal is the whole story.
            assert.equal(outcome.mayHaveBeenSaved, false, outcome.message);
            assert.equal(words.saved, 'no');
          }
        });
});
