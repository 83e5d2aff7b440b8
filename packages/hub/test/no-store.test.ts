/**
 * Nothing the hub answers about a record is kept by a cache. FHIR answers
 * carried no `Cache-Control`, so a browser could keep a resident's record in
 * its disk cache on a shared workstation, after the user had moved on or
 * signed out, and a proxy could keep answers where the operator allows it.
 * Now every answer under the FHIR base is `Cache-Control: no-store` — a
 * record, a refusal, a batch, a write — unless its operation is public and the
 * same for everyone (which says how it may be kept).
 *
 * The class: every operation of the contract, read from the contract itself,
 * for every kind of caller and with no token at all, as it is answered
 * (allowed, refused or malformed), and a batch entry of each read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contractOperations, type ContractOperation } from '../src/fhir/contract-operations.js';
import { signInPersonas } from '../src/index.js';
import { exampleOf } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

let testHub: TestHub;
let resident = '';
const tokens: Record<string, string | undefined> = { 'no token': undefined };

before(async () => {
  testHub = await startTestHub();
  resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
  for (const persona of ['gp', 'receptionist', 'resident', 'carer']) tokens[persona] = await testHub.signIn(persona);
});
after(() => testHub.close());

async function cacheControl(token: string | undefined, path: string, init: RequestInit = {}): Promise<{ status: number; cache: string }> {
  const response = await fetch(`${testHub.fhir}${path}`, {
    ...init,
    headers: {
      accept: 'application/fhir+json',
      'content-type': 'application/fhir+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  await response.arrayBuffer();
  return { status: response.status, cache: response.headers.get('cache-control') ?? '(none)' };
}

/** A request an operation takes, about the resident: ids filled in, a body from the contract's examples. */
function requestFor(operation: ContractOperation): { path: string; init: RequestInit } {
  const type = operation.template.split('/')[1] ?? '';
  const path = operation.template.replace('{id}', type === 'Patient' ? resident : `${type.toLowerCase()}-1`);
  const query = operation.parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'patient')
    ? `?patient=${resident}`
    : '';
  if (operation.method === 'GET') return { path: `${path}${query}`, init: {} };
  let body: unknown = {};
  try {
    body = /^[A-Z]/.test(type) ? exampleOf(type) : {};
  } catch {
    // A type the contract has no example of: the empty body is refused, and that answer is checked too.
  }
  if (operation.template === '/')
    body = { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Patient/${resident}` } }] };
  return { path, init: { method: operation.method, body: JSON.stringify(body), headers: { 'x-request-id': crypto.randomUUID() } } };
}

describe('the reported case: a resident’s record read by their GP', () => {
  test('is answered no-store, and so is a refusal about them', async () => {
    assert.equal((await cacheControl(tokens['gp'], `/Patient/${resident}`)).cache, 'no-store');
    assert.equal((await cacheControl(tokens['gp'], `/Observation?patient=${resident}`)).cache, 'no-store');
    assert.equal((await cacheControl(tokens['receptionist'], `/Observation?patient=${resident}`)).cache, 'no-store');
  });
});

describe('the class: every operation of the contract, for every caller', () => {
  test('every answer is no-store unless the operation is public and the same for everyone', async (context) => {
    const operations = contractOperations(testHub.hub.schemas.document);
    assert.ok(operations.length >= 30, `only ${operations.length} operations in the contract`);
    const wrong: string[] = [];
    const statuses = new Set<number>();
    for (const operation of operations) {
      const { path, init } = requestFor(operation);
      for (const [caller, token] of Object.entries(tokens)) {
        const answer = await cacheControl(token, path, init);
        statuses.add(answer.status);
        const label = `${caller} ${operation.method} ${path}: ${answer.status} ${answer.cache}`;
        if (operation.isPublic) {
          if (answer.status < 400 && answer.cache !== 'no-store' && !/^public\b/.test(answer.cache)) wrong.push(label);
        } else if (answer.cache !== 'no-store') wrong.push(label);
        if (operation.method === 'GET' && !operation.isPublic && !path.startsWith('/$')) {
          const entry = await cacheControl(token, '', {
            method: 'POST',
            body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: path.slice(1) } }] }),
          });
          if (entry.cache !== 'no-store') wrong.push(`${caller} batch of ${path}: ${entry.status} ${entry.cache}`);
        }
      }
    }
    for (const [caller, token] of Object.entries(tokens)) {
      const unknown = await cacheControl(token, `/Nothing/${resident}`);
      if (unknown.cache !== 'no-store') wrong.push(`${caller} an unknown path: ${unknown.status} ${unknown.cache}`);
    }
    context.diagnostic(`answers with statuses ${[...statuses].sort().join(', ')}`);
    assert.ok(
      [200, 401, 403, 404].every((status) => statuses.has(status)),
      'allowed, unauthenticated, refused and not found were all met',
    );
    assert.deepEqual(wrong, []);
  });
});
