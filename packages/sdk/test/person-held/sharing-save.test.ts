/**
 * Saving a sharing choice on a server that keeps no versions (no
 * `meta.versionId`, no ETag): the change is saved with a plain PUT, never
 * sent as a second choice nor refused for ever as a change made elsewhere.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { createHubClient, saveSharing, sharingChoicesFrom, sharingConsent, type SharingViewModel } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from '../client/loopback-server.js';

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

test('a choice with no version is changed with a PUT of the same choice', async () => {
  const organisations = new Map([['org-1', { name: 'Tufnell Green Surgery' }]]);
  const choices = sharingChoicesFrom(undefined, organisations);
  let stored = { ...sharingConsent('pat-1', choices), id: 'consent-1' };
  server.answer = (request, response: ServerResponse) => {
    if (request.method === 'PUT') stored = { ...(JSON.parse(request.body) as typeof stored), id: 'consent-1' };
    const body = request.method === 'GET' ? { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: stored }] } : stored;
    response.writeHead(200, fhirJson).end(JSON.stringify(body));
  };
  const model: SharingViewModel = { patientId: 'pat-1', consentId: 'consent-1', etag: undefined, choices };
  const wanted = { ...choices, organisations: choices.organisations.map((organisation) => ({ ...organisation, shared: false })) };
  const saved = await saveSharing(createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: false }), model, wanted);
  assert.equal(saved.consentId, 'consent-1');
  assert.deepEqual(
    server.requests.map((request) => `${request.method} ${request.url.split('?')[0]} ${String(request.headers['if-match'] ?? '')}`),
    ['PUT /fhir/Consent/consent-1 '],
  );
  assert.equal(sharingChoicesFrom(stored, organisations).organisations[0]?.shared, false);
});
