/**
 * When the sign-in cannot give a token (the session has ended, its refresh
 * failed after it expired, a host's token source throws), nothing is sent and
 * the caller gets what a 401 gives: a HubError with status 401, which the
 * elements turn into "sign in again" and `care-auth-required`, never a bare
 * error shown as "something went wrong", and never the token source's text.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  batchRead,
  createHubClient,
  HubError,
  SmartLaunchError,
  submissionFailure,
  type AccessTokenSource,
  type HubClient,
} from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const patientId = 'pat-0001';
let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.answer = (_, response) => response.writeHead(200, fhirJson).end(JSON.stringify({ resourceType: 'Patient', id: patientId }));
});

const secret = 'eyJhbGciOi.secret-refresh-token.9434765919';
/** Ways a token source fails. */
const failures: { how: string; source: AccessTokenSource }[] = [
  { how: 'a session signed out', source: { getAccessToken: () => Promise.reject(new SmartLaunchError('signed-out')) } },
  { how: 'a refresh that failed after expiry', source: { getAccessToken: () => Promise.reject(new SmartLaunchError('refresh-failed')) } },
  {
    how: "a host's source that throws with the token in its message",
    source: {
      getAccessToken: () => {
        throw new Error(`cannot refresh ${secret}`);
      },
    },
  },
  { how: "a host's source that rejects", source: { getAccessToken: () => Promise.reject(new Error(secret)) } },
];

const ways: { name: string; write: boolean; call(hub: HubClient): Promise<unknown> }[] = [
  { name: 'a read', write: false, call: (hub) => hub.get('/Patient/{id}', { path: { id: patientId } }) },
  { name: 'a search', write: false, call: (hub) => hub.collect('/Observation', { query: { patient: patientId } }, { max: 5 }) },
  {
    name: 'a batch',
    write: false,
    // Sent as separate reads, each read fails on its own, as a 401 entry of a batch does.
    call: (hub) =>
      hub.batch([batchRead('/Patient/{id}', { path: { id: patientId } })]).then(([result]) => {
        throw result.ok ? new Error('the read succeeded') : result.error;
      }),
  },
  {
    name: 'a create',
    write: true,
    call: (hub) => hub.post('/Observation', { body: { resourceType: 'Observation' } as never, ifNoneExist: 'identifier=urn:x|1' }),
  },
  {
    name: 'an update',
    write: true,
    call: (hub) => hub.request('put', '/Consent/{id}', { path: { id: 'c-1' }, body: { resourceType: 'Consent', id: 'c-1' } as never }),
  },
];

describe('a sign-in that cannot give a token', () => {
  test('a read with a session that has signed out fails as a 401 HubError, and nothing is sent', async () => {
    const error = await createHubClient({ baseUrl: `${server.origin}/fhir`, auth: failures[0]?.source })
      .get('/Patient/{id}', { path: { id: patientId } })
      .then(
        () => assert.fail('expected a failure'),
        (caught: unknown) => caught,
      );
    assert.ok(error instanceof HubError, String(error));
    assert.deepEqual([error.kind, error.status], ['http', 401]);
    assert.equal(server.requests.length, 0);
  });

  for (const { how, source } of failures) {
    for (const way of ways) {
      for (const batchReads of way.name === 'a batch' ? (['batch', 'parallel'] as const) : (['batch'] as const)) {
        test(`${way.name}${batchReads === 'parallel' ? ' (separate reads)' : ''} with ${how}: a 401 HubError, nothing sent, no secret told`, async () => {
          const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, auth: source, retry: { limit: 2, maxDelay: 5 }, batchReads });
          const error = await way.call(hub).then(
            () => assert.fail('expected a failure'),
            (caught: unknown) => caught,
          );
          assert.ok(error instanceof HubError, String(error));
          assert.deepEqual([error.kind, error.status], ['http', 401]);
          assert.deepEqual(error.issueCodes, ['login']);
          assert.equal(server.requests.length, 0);
          assert.equal(error.mayHaveBeenSaved, way.write ? false : undefined);
          for (const text of [error.message, JSON.stringify(error)])
            assert.ok(!text.includes('secret') && !text.includes('9434765919'), text);
          if (way.write) assert.match(submissionFailure(error).reason, /sign in again/i);
        });
      }
    }
  }
});
