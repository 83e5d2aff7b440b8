/**
 * A person-held write the server carried out (a 2XX) whose answer leaves out
 * what the SDK needs from it: the person added without an id, a new
 * invitation code without the code, an accepted invitation without whom it
 * is for. The write was done, so the failure says it may have been, as a
 * `HubError` the screens' words read as such; never "not made" or "not
 * saved", which would have the resident do it again (and a second code stops
 * the first). Each write × each incomplete answer, on a loopback server.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import {
  acceptInvitation,
  createHubClient,
  describeWriteFailure,
  HubError,
  inviteCarer,
  inviteCarerAgain,
  type HubClient,
  type ResidentWrite,
} from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from '../client/loopback-server.js';

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const client = () => createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: false });
const send = (response: ServerResponse, status: number, body: unknown) => response.writeHead(status, fhirJson).end(JSON.stringify(body));
const code = { name: 'code', valueString: 'ABCD-EFGH' };
const expires = { name: 'expires', valueDateTime: '2026-12-13T00:00:00Z' };

/** A server that answers every person-held write as the hub does, except the answer `spoilt` leaves something out. */
function answering(
  spoilt: 'person without id' | 'code without code' | 'code without expiry' | 'accepted without patient' | 'accepted without carer',
) {
  return (request: SeenRequest, response: ServerResponse) => {
    const path = new URL(request.url, server.origin).pathname.replace(/^\/fhir\//, '');
    if (request.method === 'GET') return send(response, 200, { resourceType: 'Bundle', type: 'searchset', entry: [] });
    if (path === 'RelatedPerson') {
      const person = { ...(JSON.parse(request.body) as object), ...(spoilt === 'person without id' ? {} : { id: 'rp-1' }) };
      return send(response, 201, person);
    }
    if (path === 'Consent') return send(response, 201, { ...(JSON.parse(request.body) as object), id: 'c-1' });
    if (path.endsWith('$invite'))
      return send(response, 200, {
        resourceType: 'Parameters',
        parameter: [...(spoilt === 'code without code' ? [] : [code]), ...(spoilt === 'code without expiry' ? [] : [expires])],
      });
    if (path === '$accept-invitation')
      return send(response, 200, {
        resourceType: 'Parameters',
        parameter: [
          ...(spoilt === 'accepted without patient'
            ? []
            : [{ name: 'patient', valueReference: { reference: 'Patient/pat-1', display: 'Bridget Kelly' } }]),
          ...(spoilt === 'accepted without carer' ? [] : [{ name: 'relatedPerson', valueReference: { reference: 'RelatedPerson/rp-9' } }]),
        ],
      });
    send(response, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  };
}

const WRITES: { name: string; words: ResidentWrite; write(hub: HubClient): Promise<unknown>; spoils: Parameters<typeof answering>[0][] }[] =
  [
    {
      name: 'inviting someone',
      words: 'invitation',
      write: (hub) =>
        inviteCarer(hub, 'pat-1', { name: 'Ann Smith', actions: ['view-record'], withheld: [] }, { idempotencyKey: crypto.randomUUID() }),
      spoils: ['person without id', 'code without code', 'code without expiry'],
    },
    {
      name: 'making a new code',
      words: 'invitation',
      write: (hub) => inviteCarerAgain(hub, { relatedPersonId: 'rp-1', name: 'Ann Smith' }),
      spoils: ['code without code', 'code without expiry'],
    },
    {
      name: 'accepting an invitation',
      words: 'invitation',
      write: (hub) => acceptInvitation(hub, 'ABCD-EFGH'),
      spoils: ['accepted without patient', 'accepted without carer'],
    },
  ];

describe('a person-held write carried out, answered without what the SDK needs', () => {
  test('the reported case: a new code answered without the code may have been made', async () => {
    server.answer = answering('code without code');
    const error = await inviteCarerAgain(client(), { relatedPersonId: 'rp-1', name: 'Ann Smith' }).then(
      () => assert.fail('there is no code to give'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof HubError, String(error));
    assert.equal(error.mayHaveBeenSaved, true);
    assert.equal(describeWriteFailure(error, 'invitation').saved, 'maybe');
  });

  for (const write of WRITES)
    for (const spoilt of write.spoils)
      test(`${write.name}, answered with the ${spoilt}: it may have been done, and the error is safe to log`, async () => {
        server.answer = answering(spoilt);
        const error = await write.write(client()).then(
          () => assert.fail('the answer leaves out what is needed'),
          (failure: unknown) => failure,
        );
        assert.ok(error instanceof HubError, String(error));
        assert.equal(error.kind, 'invalid-response');
        assert.equal(error.mayHaveBeenSaved, true, error.message);
        assert.equal(describeWriteFailure(error, write.words).saved, 'maybe');
        assert.doesNotMatch(error.message, /Ann Smith|ABCD|pat-1|rp-|http/);
      });
});
