/**
 * Break-glass names one person (docs/access-policy.md R8). A GP with a
 * break-glass reason searched `Patient?_id=` with the contract's 50 ids and
 * was given 50 residents they have no relationship with — the borough's
 * records a page at a time, each "emergency" audited but none an emergency.
 * Now a break-glass search by `_id` takes one id (`400` for a list), as it
 * takes one identifier; a related professional's list, without break-glass,
 * still finds the residents they care for. The class, as a property: any
 * list of two or more ids, of residents or of no one, directly or in a
 * batch, finds nobody and is refused; any one id finds at most that one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const REASON = 'Collapsed in the waiting room';

let testHub: TestHub;
let gpToken = '';
let residents: string[] = [];
const glass = { headers: { 'x-break-glass-reason': REASON } };

const found = (body: Json) =>
  ((body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource?.['id']));

before(async () => {
  testHub = await startTestHub();
  gpToken = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
  residents = ((await testHub.hub.store.query("SELECT id FROM resource WHERE type = 'Patient' ORDER BY id")) as { id: string }[]).map(
    (row) => row.id,
  );
});
after(() => testHub.close());

describe('the reported case', () => {
  test('fifty ids with a break-glass reason find nobody; one id finds that one', async () => {
    const list = residents.slice(0, 50).join(',');
    const many = await testHub.call(gpToken, `/Patient?_id=${list}&_count=100`, glass);
    assert.equal(many.status, 400);
    assert.deepEqual(found(many.body), []);
    const one = await testHub.call(gpToken, `/Patient?_id=${residents[0] ?? ''}`, glass);
    assert.deepEqual(found(one.body), [residents[0]]);
    const related = await testHub.call(gpToken, `/Patient?_id=${list}&_count=100`);
    assert.equal(related.status, 200, 'without break-glass a list finds the residents the practice cares for');
    assert.ok(found(related.body).length > 0);
  });
});

describe('the class: a break-glass search by id names one person', () => {
  test('any list of ids, directly or in a batch, finds nobody; one id at most that one', async () => {
    const id = fc.oneof(fc.constantFrom(...residents), fc.constantFrom('pat-999999', 'no-one', 'pat-000000'));
    await fc.assert(
      fc.asyncProperty(fc.array(id, { minLength: 1, maxLength: 50 }), fc.boolean(), async (ids, inBatch) => {
        const url = `Patient?_id=${ids.join(',')}&_count=100`;
        const answer = inBatch
          ? await testHub.call(gpToken, '/', {
              method: 'POST',
              ...glass,
              body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url } }] },
            })
          : await testHub.call(gpToken, `/${url}`, glass);
        const entry = inBatch
          ? ((answer.body['entry'] as { resource?: Json; response?: { status?: string } }[] | undefined) ?? [])[0]
          : { resource: answer.body, response: { status: String(answer.status) } };
        const status = Number(String(entry?.response?.status).slice(0, 3));
        const people = found(entry?.resource ?? {});
        if (ids.length > 1) return status === 400 && people.length === 0;
        return status === 200 && people.every((person) => person === ids[0]) && people.length <= 1;
      }),
      { numRuns: 80, seed: 2026 },
    );
  });
});
