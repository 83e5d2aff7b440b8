/**
 * The contract's examples are the fixtures vendors build against: every
 * example of every GET operation must come through the client's checks, and
 * a search example's matches must be of the searched type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, type HubClient } from '../../src/index.js';
import { examples, loadSpec, startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';

const spec = loadSpec();
let hub: ExampleHub;
let client: HubClient;
before(async () => {
  hub = await startExampleHub(spec);
  client = createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: false });
});
after(() => hub.close());

/** The client's typed surface, loosened so a test can walk every path of the contract. */
interface LooseClient {
  get(path: string, init?: unknown): Promise<unknown>;
  collect(path: string, init: unknown, options: { max: number }): Promise<unknown[]>;
}

const getOperations = Object.entries(spec.paths).filter(([, methods]) => methods['get']);

describe('contract examples through the client', () => {
  test('the contract has GET operations to check', () => {
    assert.ok(getOperations.length >= 40, `only ${getOperations.length} GET operations`);
  });

  for (const [template] of getOperations) {
    const operation = `GET ${template}`;
    const named = examples(spec, operation, '200');
    for (const [name, body] of Object.entries(named)) {
      test(`${operation} — example ${name}`, async () => {
        const loose = client as unknown as LooseClient;
        const id = (body as { id?: string }).id;
        hub.reset();
        hub.script(operation, () => ({ status: 200, body }));
        const init = {
          ...(template.includes('{id}') ? { path: { id: template.endsWith('$summary') ? 'pat-0001' : id } } : {}),
          ...(/^\/[A-Z][A-Za-z]+$/.test(template) && template !== '/Patient' && !/Practitioner|Organization/.test(template)
            ? { query: { patient: 'pat-0001' } }
            : {}),
        };
        const answer = (await loose.get(template, init)) as { resourceType: string };
        // The same example, with its links on this server.
        assert.deepEqual(answer, JSON.parse(JSON.stringify(body).replaceAll('http://127.0.0.1:8080/fhir', hub.baseUrl)));
        if ((body as { type?: string }).type === 'searchset') {
          const matches = await loose.collect(template, init, { max: 1000 });
          const searched = template.slice(1);
          assert.ok(matches.every((match) => (match as { resourceType: string }).resourceType === searched));
        }
      });
    }
  }
});
