/**
 * Issue 13, finding 8: the organisation names of one page are looked up once.
 * Every element of a page asks for the names of its sources at about the same
 * moment; against a real loopback server, six concurrent asks for the same
 * three unknown organisations make one batch with three reads, later asks
 * make none, and a lookup that failed is tried again by the next caller.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { createHubClient, ODS_SYSTEM } from '../../src/index.js';
import { lookUpSourceNames } from '../../src/record/source.js';
import { startExampleHub, type ExampleHub, type RecordedRequest } from '../../../../scripts/example-hub.js';

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

const NAMES: Record<string, string> = { RXA: 'Riverside Hospital', RXB: 'Brook Community Services', RXC: 'Canal Mental Health' };
const items = Object.keys(NAMES).map((code, index) => ({
  resourceType: 'Condition',
  id: `c${index}`,
  meta: { source: `https://care-record.example/source/${code}` },
}));

function answerLookups(fail = false) {
  hub.script('POST /', (request: RecordedRequest) => {
    if (fail) return { status: 503, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] } };
    const batch = JSON.parse(request.body) as { entry: { request: { url: string } }[] };
    return {
      status: 200,
      delayMs: 50,
      body: {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map(({ request: entry }) => {
          const code = decodeURIComponent(/identifier=([^&]+)/.exec(entry.url)?.[1] ?? '').split('|')[1] ?? '';
          return {
            resource: {
              resourceType: 'Bundle',
              type: 'searchset',
              entry: [{ resource: { resourceType: 'Organization', name: NAMES[code], identifier: [{ system: ODS_SYSTEM, value: code }] } }],
            },
            response: { status: '200 OK' },
          };
        }),
      },
    };
  });
}

const lookups = () => hub.requests.filter((request) => request.operation === 'POST /');
const organisationReads = () =>
  lookups().reduce((sum, request) => sum + (JSON.parse(request.body) as { entry: unknown[] }).entry.length, 0);

test('six elements asking at once make one batch of three reads, and everyone gets every name', async () => {
  answerLookups();
  const client = createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
  const answers = await Promise.all(
    Array.from({ length: 6 }, (_, index) => lookUpSourceNames(client, index % 2 ? items : [...items].reverse(), {})),
  );
  assert.equal(lookups().length, 1);
  assert.equal(organisationReads(), 3);
  for (const names of answers) for (const [code, name] of Object.entries(NAMES)) assert.equal(names.get(code), name);

  await lookUpSourceNames(client, items, {});
  assert.equal(lookups().length, 1, 'names already given are not asked again');
});

test('a name asked while another lookup is in flight joins it; only new codes are asked', async () => {
  answerLookups();
  const client = createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
  const first = lookUpSourceNames(client, items.slice(0, 2), {});
  const second = lookUpSourceNames(client, items, {});
  const [a, b] = await Promise.all([first, second]);
  assert.equal(lookups().length, 2);
  assert.equal(organisationReads(), 3, 'RXA and RXB once, RXC once');
  assert.equal(a.get('RXB'), 'Brook Community Services');
  assert.equal(b.get('RXC'), 'Canal Mental Health');
});

test('a lookup that failed leaves the names unknown, and the next caller asks again', async () => {
  answerLookups(true);
  const client = createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
  const failed = await lookUpSourceNames(client, items, {});
  assert.equal(failed.get('RXA'), undefined);
  hub.reset();
  answerLookups();
  const later = await lookUpSourceNames(client, items, {});
  assert.equal(later.get('RXA'), 'Riverside Hospital');
  assert.equal(lookups().length, 1);
});
