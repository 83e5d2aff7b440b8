/**
 * What a resident is told when a save fails. A token without the scope a
 * write needs (RFC 6750 `insufficient_scope`) reads as what it is — their
 * sign-in does not allow it — not as "you do not have access"; a write that
 * may have been stored is never told as "not saved"; and no sentence carries
 * a token, an address or the server's free text.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  createHubClient,
  createSubmissionQueue,
  describeWriteFailure,
  HubError,
  submissionFailure,
  type HubErrorKind,
  type ResidentWrite,
} from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from '../client/loopback-server.js';

const TOKEN = 'secret-token-abc123';
const WRITES: ResidentWrite[] = ['reading', 'invitation', 'carer-change', 'sharing'];
const forbidden = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'forbidden', diagnostics: 'Jane Smith pat-0001' }],
};

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const refuse = (status: number, challenge: string | undefined) => (_: unknown, response: ServerResponse) =>
  response
    .writeHead(status, { ...fhirJson, ...(challenge === undefined ? {} : { 'www-authenticate': challenge }) })
    .end(JSON.stringify(forbidden));

async function failedWrite(): Promise<HubError> {
  const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, auth: TOKEN, retry: false });
  return hub.post('/Observation', { body: { resourceType: 'Observation', status: 'final', code: { text: 'Weight' } } as never }).then(
    () => assert.fail('expected a refusal'),
    (error: unknown) => error as HubError,
  );
}

describe('a 403 for a missing scope', () => {
  test('the reported case: a resident’s sign-in without patient/Observation.c is told so, not "no access"', async () => {
    server.answer = refuse(403, 'Bearer realm="hub", error="insufficient_scope", scope="patient/Observation.c"');
    const error = await failedWrite();
    assert.equal(error.insufficientScope, true);
    assert.equal(error.toJSON()['insufficientScope'], true);
    const failure = describeWriteFailure(error, 'reading');
    assert.equal(failure.saved, 'no');
    assert.equal(failure.retryable, false);
    assert.match(failure.advice, /Your sign-in does not allow you to add readings/);
    assert.match(failure.advice, /sign in again/);
    assert.doesNotMatch(failure.advice, /do not have access/i);
    assert.match(submissionFailure(error).reason, /Your sign-in does not allow you to add readings/);
  });

  const challenges: { challenge: string | undefined; status: number; scope: boolean }[] = [
    { challenge: 'Bearer error="insufficient_scope"', status: 403, scope: true },
    { challenge: 'Bearer error=insufficient_scope', status: 403, scope: true },
    { challenge: 'bearer realm="x", ERROR="INSUFFICIENT_SCOPE", scope="patient/Consent.u"', status: 403, scope: true },
    { challenge: 'Bearer realm="x", error="invalid_token"', status: 403, scope: false },
    { challenge: 'Bearer realm="x"', status: 403, scope: false },
    { challenge: undefined, status: 403, scope: false },
    { challenge: 'Bearer error="insufficient_scope_x"', status: 403, scope: false },
    { challenge: 'Bearer error="insufficient_scope"', status: 400, scope: false },
  ];
  for (const { challenge, status, scope } of challenges)
    test(`${status} with ${challenge ?? 'no challenge'}: ${scope ? 'a missing scope' : 'not a missing scope'}`, async () => {
      server.answer = refuse(status, challenge);
      const error = await failedWrite();
      assert.equal(error.status, status);
      assert.equal(error.insufficientScope, scope);
      for (const write of WRITES) {
        const failure = describeWriteFailure(error, write);
        assert.equal(/sign-in does not allow/.test(failure.advice), scope, failure.advice);
        assert.equal(failure.saved, 'no');
      }
    });
});

test('a carer whose access does not include adding readings is told so in the hub’s words for a screen', async () => {
  server.answer = (_, response) =>
    response.writeHead(403, fhirJson).end(
      JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'forbidden',
            diagnostics: 'This carer’s proxy access does not include this',
            details: { coding: [{ code: 'PROXY_RESTRICTED' }], text: 'This is not part of what you were given access to.' },
          },
        ],
      }),
    );
  const failure = submissionFailure(await failedWrite());
  assert.equal(failure.reason, 'This is not part of what you were given access to.');
  assert.equal(failure.retryable, false);
});

describe('describeWriteFailure', () => {
  const kinds: HubErrorKind[] = ['http', 'timeout', 'network', 'aborted', 'invalid-response', 'unsafe-link'];
  const errors = fc.record({
    kind: fc.constantFrom(...kinds),
    status: fc.option(fc.constantFrom(400, 401, 403, 404, 409, 412, 422, 429, 500, 502, 503, 504), { nil: undefined }),
    mayHaveBeenSaved: fc.option(fc.boolean(), { nil: undefined }),
    insufficientScope: fc.boolean(),
  });

  test('a write that may have been stored is never "not saved", and is always safe to try again', () => {
    fc.assert(
      fc.property(errors, fc.constantFrom(...WRITES), (init, write) => {
        const error = new HubError({
          kind: init.kind,
          operation: 'POST /Observation',
          requestId: 'r-1',
          ...(init.status === undefined ? {} : { status: init.status }),
          ...(init.mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved: init.mayHaveBeenSaved }),
          insufficientScope: init.insufficientScope,
          outcome: {
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'processing', diagnostics: `${TOKEN} pat-0001 http://hub.example/fhir/Patient/pat-0001` }],
          },
        });
        const failure = describeWriteFailure(error, write);
        assert.equal(failure.saved, init.mayHaveBeenSaved === true ? 'maybe' : 'no');
        if (failure.saved === 'maybe') {
          assert.match(failure.headline, /may have been/);
          assert.equal(failure.retryable, true);
          assert.match(failure.advice, /twice/);
        } else assert.doesNotMatch(failure.headline, /may have been/);
        // The server's free text, a token or an address never reaches the screen.
        for (const sentence of [failure.headline, failure.advice]) {
          assert.doesNotMatch(sentence, /secret-token|pat-0001|http/);
          assert.ok(sentence.trim().length > 0);
        }
      }),
      { numRuns: 500, seed: 61206 },
    );
  });

  test('each screen × error kind: what it says, and whether "Try again" is offered', () => {
    const cases: { name: string; error: HubError; saved: 'no' | 'maybe'; retryable: boolean }[] = [
      {
        name: 'network lost before sending',
        error: new HubError({ kind: 'network', operation: 'POST /Consent', requestId: 'r', mayHaveBeenSaved: false }),
        saved: 'no',
        retryable: true,
      },
      {
        name: 'answer lost after saving',
        error: new HubError({ kind: 'network', operation: 'POST /Consent', requestId: 'r', mayHaveBeenSaved: true }),
        saved: 'maybe',
        retryable: true,
      },
      {
        name: '4xx refused',
        error: new HubError({ kind: 'http', status: 422, operation: 'POST /Consent', requestId: 'r', mayHaveBeenSaved: false }),
        saved: 'no',
        retryable: false,
      },
      {
        name: '5xx',
        error: new HubError({ kind: 'http', status: 503, operation: 'POST /Consent', requestId: 'r', mayHaveBeenSaved: true }),
        saved: 'maybe',
        retryable: true,
      },
    ];
    for (const write of WRITES)
      for (const each of cases) {
        const failure = describeWriteFailure(each.error, write);
        assert.equal(failure.saved, each.saved, `${write}, ${each.name}`);
        assert.equal(failure.retryable, each.retryable, `${write}, ${each.name}`);
      }
  });

  test('the outbox says an entry may have been saved when its answer was lost, and that trying again adds it once', async () => {
    server.answer = (_, response) => response.destroy();
    const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, auth: TOKEN, retry: false });
    const queue = createSubmissionQueue(hub, 'pat-0001', { maxAttempts: 1 });
    queue.submit({ kind: 'weight', kilograms: 70, measured: '2026-12-01' });
    await queue.idle();
    queue.close();
    const [entry] = queue.entries;
    assert.equal(entry?.state, 'failed');
    assert.equal(entry?.failure?.retryable, true);
    assert.match(entry?.failure?.reason ?? '', /may have been saved: trying again will not add it twice/);
  });
});

describe('a carer acting for someone', () => {
  const scopeError = (mayHaveBeenSaved?: boolean) =>
    new HubError({
      kind: 'http',
      status: 403,
      operation: 'POST /Observation',
      requestId: 'r-1',
      insufficientScope: true,
      ...(mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved }),
    });

  test('the reported case: a carer’s sign-in without the scope names whose record, not "your record"', () => {
    const failure = describeWriteFailure(scopeError(false), 'reading', { actingFor: 'Bridget' });
    assert.match(failure.advice, /Your sign-in does not allow you to add readings or medicines to Bridget’s record\./);
    assert.doesNotMatch(failure.advice, /your record/);
    const reason = submissionFailure(scopeError(false), { actingFor: 'Bridget' }).reason;
    assert.match(reason, /to Bridget’s record/);
    assert.doesNotMatch(reason, /your record/);
  });

  /** Words that speak of the reader's own record, or of acting for the reader. */
  const readersOwn = /\byour record\b|\bact for you\b|\bcan see your\b/i;
  const names = fc.oneof(
    fc.constantFrom('Bridget', 'this person', 'Aoife', 'Mary-Jane', 'Ngozi'),
    fc.string({ minLength: 1, maxLength: 12 }),
  );
  /** Every kind of failure a write can meet: each kind × status × whether saved × whether a scope was missing. */
  const kinds: HubErrorKind[] = ['http', 'timeout', 'network', 'aborted', 'invalid-response', 'unsafe-link'];
  const failures = kinds.flatMap((kind) =>
    [undefined, 400, 401, 403, 404, 409, 412, 422, 429, 500, 503].flatMap((status) =>
      [undefined, false, true].flatMap((mayHaveBeenSaved) =>
        [false, true].map(
          (insufficientScope) =>
            new HubError({
              kind,
              operation: 'POST /Observation',
              requestId: 'r-1',
              ...(status === undefined ? {} : { status }),
              ...(mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved }),
              insufficientScope,
            }),
        ),
      ),
    ),
  );

  test('for every write and failure, a carer’s words never speak of their own record, and name the person where the resident’s speak of theirs', () => {
    fc.assert(
      fc.property(names, (name) => {
        fc.pre(name.trim() !== '');
        for (const error of failures)
          for (const write of WRITES) {
            const own = describeWriteFailure(error, write);
            const theirs = describeWriteFailure(error, write, { actingFor: name });
            assert.equal(theirs.saved, own.saved);
            assert.equal(theirs.retryable, own.retryable);
            for (const [mine, carer] of [
              [own.headline, theirs.headline],
              [own.advice, theirs.advice],
            ] as const) {
              assert.doesNotMatch(carer, readersOwn, carer);
              if (readersOwn.test(mine)) assert.ok(carer.includes(name.trim()), carer);
              else assert.equal(carer, mine);
            }
            if (write === 'reading') {
              const reason = submissionFailure(error, { actingFor: name }).reason;
              assert.doesNotMatch(reason, readersOwn, reason);
            }
          }
      }),
      { numRuns: 60, seed: 61208 },
    );
  });
});

describe('a write that may have been saved, whose repeat was then refused', () => {
  /** What the resident must do about each refusal, whether or not an earlier answer was lost. */
  const refusals = [
    { status: 401, scope: false, must: /Sign in again/ },
    { status: 403, scope: true, must: /sign-in does not allow you to .* sign in again/ },
    { status: 403, scope: false, must: /not allowed to/ },
    { status: 429, scope: false, must: /busy/ },
  ];

  test('the reported case: an answer lost, then the repeat refused as the sign-in ended: may be saved, and sign in again', () => {
    const error = new HubError({ kind: 'http', status: 401, operation: 'POST /Observation', requestId: 'r', mayHaveBeenSaved: true });
    const failure = describeWriteFailure(error, 'reading');
    assert.equal(failure.saved, 'maybe');
    assert.match(failure.advice, /Sign in again/);
    assert.match(failure.advice, /twice/);
  });

  test('each write × refusal × reader: the words say it may be saved, and what to do about the refusal, as a refusal alone would', () => {
    for (const write of WRITES)
      for (const refusal of refusals)
        for (const actingFor of [undefined, 'Bridget']) {
          const init = {
            kind: 'http' as const,
            status: refusal.status,
            operation: 'POST /Consent',
            requestId: 'r',
            insufficientScope: refusal.scope,
          };
          const refused = describeWriteFailure(new HubError({ ...init, mayHaveBeenSaved: false }), write, { actingFor });
          const maybe = describeWriteFailure(new HubError({ ...init, mayHaveBeenSaved: true }), write, { actingFor });
          const label = `${write}, ${refusal.status}${refusal.scope ? ' scope' : ''}, ${actingFor ?? 'resident'}`;
          assert.match(refused.advice, refusal.must, label);
          assert.equal(maybe.saved, 'maybe', label);
          assert.match(maybe.headline, /may have been/, label);
          assert.ok(maybe.advice.includes(refused.advice), `${label}: "${maybe.advice}" leaves out "${refused.advice}"`);
          assert.match(maybe.advice, /twice/, label);
        }
  });
});

test('the outbox, after an answer was lost and a repeat refused, says both: what to do, and that it may be saved', () => {
  for (const [status, scope, must] of [
    [401, false, /Sign in again/],
    [403, true, /sign-in does not allow you to add readings/],
    [403, false, /cannot add to this record/],
    [429, false, /busy/],
    [409, false, /did not confirm it/],
    [422, false, /did not confirm it/],
  ] as const) {
    const error = new HubError({
      kind: 'http',
      status,
      operation: 'POST /Observation',
      requestId: 'r',
      mayHaveBeenSaved: true,
      insufficientScope: scope,
    });
    const failure = submissionFailure(error);
    assert.match(failure.reason, must, `${status}: ${failure.reason}`);
    assert.match(failure.reason, /may have been saved: trying again will not add it twice/, `${status}: ${failure.reason}`);
    assert.doesNotMatch(failure.reason, /not accepted|clashed/, `${status}: ${failure.reason}`);
    assert.equal(failure.retryable, true);
  }
});

describe('a busy service that says how long to wait', () => {
  const busy = (retryAfterSeconds: number | undefined, mayHaveBeenSaved = false) =>
    new HubError({
      kind: 'http',
      status: 429,
      operation: 'POST /Consent',
      requestId: 'r',
      mayHaveBeenSaved,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });

  test('the reported case: Retry-After of half an hour is not "wait a minute"', () => {
    const failure = describeWriteFailure(busy(1800), 'sharing');
    assert.doesNotMatch(failure.advice, /a minute/);
    assert.match(failure.advice, /30 minutes/);
  });

  test('each wait × write × whether saved: never told to wait less than the service asked', () => {
    for (const seconds of [undefined, 0, 1, 59, 60, 61, 90, 150, 1800, 3600, 3601, 86_400])
      for (const write of WRITES)
        for (const saved of [false, true]) {
          const advice = describeWriteFailure(busy(seconds, saved), write).advice;
          const label = `${String(seconds)} s, ${write}, ${saved ? 'maybe saved' : 'not saved'}: ${advice}`;
          assert.match(advice, /busy/, label);
          const minutes = /Wait (\d+) minutes/.exec(advice)?.[1];
          if (seconds === undefined || seconds <= 60) assert.match(advice, /Wait a minute/, label);
          else if (seconds <= 3600) assert.ok(minutes !== undefined && Number(minutes) * 60 >= seconds, label);
          else assert.match(advice, /Try again later/, label);
        }
  });
});
