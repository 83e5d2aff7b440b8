/**
 * Two copies of the SDK in one page: the one-file embed beside the host's own
 * bundle, or two versions in one install. The host's client throws its copy's
 * errors; the words for them come from the other copy. Whichever copy threw
 * it, an error is told alike: a write that may have been saved is never "not
 * saved, try again" (a resident would enter it twice).
 *
 * The second copy is the SDK's sources copied to another folder and imported
 * from there: every module, class and registry is its own.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as first from '../../src/index.js';
import type { HubErrorKind, PatientLookupProblem, ResidentWrite, SmartLaunchErrorCode } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

type Sdk = typeof first;
const root = fileURLToPath(new URL('../../../../', import.meta.url));
let second: Sdk;
let copy: string;
let server: LoopbackServer;

before(async () => {
  // Under the workspace's node_modules, so the copy finds the same dependencies (ky) as the first.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  copy = mkdtempSync(join(cache, 'sdk-second-copy-'));
  cpSync(fileURLToPath(new URL('../../src', import.meta.url)), join(copy, 'src'), { recursive: true });
  second = (await import(pathToFileURL(join(copy, 'src', 'index.ts')).href)) as Sdk;
  server = await startLoopbackServer();
});
after(async () => {
  rmSync(copy, { recursive: true, force: true });
  await server.close();
});

const WRITES: ResidentWrite[] = ['reading', 'invitation', 'carer-change', 'sharing'];

test('the reported case: a host client of another copy loses the answer to a reading; it may have been saved', async () => {
  assert.notEqual(second.HubError, first.HubError, 'two copies');
  server.answer = (_, response) => response.writeHead(503, fhirJson).end('{"resourceType":"OperationOutcome","issue":[]}');
  const host = second.createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: false });
  const error = await host
    .post('/Observation', { body: { resourceType: 'Observation', status: 'final', code: { text: 'Weight' } } as never })
    .then(
      () => assert.fail('expected a failure'),
      (failed: unknown) => failed,
    );
  assert.ok(error instanceof first.HubError);
  const told = first.describeWriteFailure(error, 'reading');
  assert.equal(told.saved, 'maybe');
  assert.doesNotMatch(`${told.headline} ${told.advice}`, /not saved/i);
  assert.match(first.submissionFailure(error).reason, /It may have been saved/);
});

test('the reading form’s queue with a host client of another copy: an unconfirmed entry may have been saved', async () => {
  server.answer = (_, response) => response.writeHead(503, fhirJson).end('{"resourceType":"OperationOutcome","issue":[]}');
  const host = second.createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: false });
  const queue = first.createSubmissionQueue(host, 'pat-0001', { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 });
  queue.submit({ kind: 'weight', kilograms: 61.2, measured: '2026-11-28' });
  await queue.idle();
  queue.close();
  const [entry] = queue.entries;
  assert.equal(entry?.state, 'failed');
  assert.equal(entry?.failure?.retryable, true);
  assert.match(entry?.failure?.reason ?? '', /It may have been saved: trying again will not add it twice\./);
});

/** Every kind of error the SDK throws, as the arguments that make it. */
const forbiddenOutcome = (code: string, text?: string) => ({
  resourceType: 'OperationOutcome' as const,
  issue: [
    {
      severity: 'error' as const,
      code: 'forbidden' as const,
      details: { coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code }], ...(text ? { text } : {}) },
    },
  ],
});
const hubErrors: ConstructorParameters<Sdk['HubError']>[0][] = [];
const kinds: HubErrorKind[] = ['timeout', 'network', 'aborted', 'invalid-response', 'unsafe-link'];
for (const mayHaveBeenSaved of [undefined, true, false]) {
  const saved = mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved };
  for (const kind of kinds) hubErrors.push({ kind, operation: 'POST /Observation', requestId: 'req-1', ...saved });
  for (const status of [400, 401, 403, 404, 409, 410, 412, 422, 429, 500, 503])
    hubErrors.push({ kind: 'http', status, operation: 'POST /Observation', requestId: 'req-2', ...saved });
  hubErrors.push(
    { kind: 'http', status: 403, insufficientScope: true, operation: 'POST /Observation', requestId: 'req-3', ...saved },
    {
      kind: 'http',
      status: 403,
      outcome: forbiddenOutcome('NO_PROXY_ACCESS', 'Your access does not include this.'),
      operation: 'POST /Observation',
      requestId: 'req-4',
      ...saved,
    },
    {
      kind: 'http',
      status: 403,
      outcome: forbiddenOutcome('BREAK_GLASS_AVAILABLE'),
      operation: 'GET /Patient',
      requestId: 'req-5',
      ...saved,
    },
    { kind: 'http', status: 429, retryAfterSeconds: 30, operation: 'POST /Consent', requestId: 'req-6', ...saved },
  );
}
const lookupProblems: PatientLookupProblem[] = ['invalid-nhs-number', 'not-found', 'none-you-may-open', 'not-shown', 'more-than-one'];
const smartCodes: SmartLaunchErrorCode[] = [
  'missing-iss',
  'issuer-not-allowed',
  'discovery-failed',
  'pkce-unsupported',
  'storage-unavailable',
  'state-mismatch',
  'missing-code',
  'access-denied',
  'authorization-failed',
  'token-failed',
  'refresh-failed',
  'signed-out',
];

/** The same error made by each copy. */
interface Pair {
  name: string;
  make: (sdk: Sdk) => Error;
  type: 'HubError' | 'PatientLookupError' | 'SmartLaunchError';
}
const pairs: Pair[] = [
  ...hubErrors.map((init): Pair => ({ name: `HubError ${JSON.stringify(init)}`, make: (sdk) => new sdk.HubError(init), type: 'HubError' })),
  ...lookupProblems.map((problem): Pair => ({
    name: `PatientLookupError ${problem}`,
    make: (sdk) => new sdk.PatientLookupError(problem),
    type: 'PatientLookupError',
  })),
  ...smartCodes.map((code): Pair => ({
    name: `SmartLaunchError ${code}`,
    make: (sdk) => new sdk.SmartLaunchError(code, { oauthError: 'invalid_grant', status: 400 }),
    type: 'SmartLaunchError',
  })),
];

/** Everything in the SDK that tells errors apart, as the words it gives (the error itself left out). */
const tellings: { name: string; tell: (sdk: Sdk, error: Error) => unknown }[] = [
  ...WRITES.flatMap((write) => [
    { name: `describeWriteFailure ${write}`, tell: (sdk: Sdk, error: Error) => sdk.describeWriteFailure(error, write) },
    {
      name: `describeWriteFailure ${write} for a carer`,
      tell: (sdk: Sdk, error: Error) => sdk.describeWriteFailure(error, write, { actingFor: 'Ada' }),
    },
  ]),
  {
    name: 'submissionFailure',
    tell: (sdk, error) => {
      const { reason, retryable } = sdk.submissionFailure(error);
      return { reason, retryable };
    },
  },
];

describe('every error kind from either copy is told alike by each copy', () => {
  for (const { name, tell } of tellings)
    test(name, () => {
      const differ: string[] = [];
      for (const pair of pairs)
        for (const [teller, other] of [
          [first, second],
          [second, first],
        ] as const) {
          const own = tell(teller, pair.make(teller));
          const foreign = tell(teller, pair.make(other));
          if (JSON.stringify(own) !== JSON.stringify(foreign)) differ.push(`${pair.name}: ${JSON.stringify(foreign)}`);
        }
      assert.deepEqual(differ, [], `${differ.length} of ${pairs.length * 2} told differently`);
    });
});

describe('instanceof', () => {
  test('knows each class’s errors from either copy, and no other class’s', () => {
    const wrong: string[] = [];
    for (const pair of pairs)
      for (const maker of [first, second])
        for (const asker of [first, second])
          for (const type of ['HubError', 'PatientLookupError', 'SmartLaunchError'] as const) {
            const is = pair.make(maker) instanceof asker[type];
            if (is !== (pair.type === type)) wrong.push(`${pair.name} instanceof ${type}: ${is}`);
          }
    assert.deepEqual(wrong, []);
  });

  test('a subclass keeps its own check; anything not an error is no HubError', () => {
    class Refusal extends first.HubError {}
    const refusal = new Refusal({ kind: 'http', status: 403, operation: 'GET /Patient', requestId: 'req-7' });
    assert.ok(refusal instanceof first.HubError);
    assert.ok(refusal instanceof second.HubError);
    assert.ok(refusal instanceof Refusal);
    assert.ok(refusal instanceof Error);
    assert.equal(new first.HubError({ kind: 'network', operation: 'GET /Patient', requestId: 'req-8' }) instanceof Refusal, false);
    assert.equal(new second.HubError({ kind: 'network', operation: 'GET /Patient', requestId: 'req-9' }) instanceof Refusal, false);
    for (const value of [undefined, null, 0, 'HubError', {}, new Error('x'), { kind: 'http', status: 403 }, first.HubError])
      assert.equal(value instanceof first.HubError, false, String(value));
  });

  test('the mark is kept off what a logger records', () => {
    const error = new second.HubError({ kind: 'network', operation: 'GET /Patient', requestId: 'req-10' });
    assert.deepEqual(Object.getOwnPropertySymbols(error), []);
    assert.equal(JSON.stringify(error).includes('care-record'), false);
  });
});
