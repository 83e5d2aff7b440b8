/**
 * Break-glass opens one person's record a request (docs/access-policy.md R8).
 *
 * Break-glass names one person. A GP with a
 * break-glass reason searched `Patient?_id=` with the contract's 50 ids and
 * was given 50 residents they have no relationship with — the borough's
 * records a page at a time, each "emergency" audited but none an emergency.
 * Now a break-glass search by `_id` takes one id (`400` for a list), as it
 * takes one identifier; a related professional's list, without break-glass,
 * still finds the residents they care for. The class, as a property: any
 * list of two or more ids, of residents or of no one, directly or in a
 * batch, finds nobody and is refused; any one id finds at most that one.
 *
 * The same browse as a batch: twenty entries (`Patient/{id}`, `$summary`,
 * searches) under one break-glass reason opened twenty unrelated residents'
 * records in one request. Now the first resident a batch opens with
 * break-glass is its one, and an entry about another is `400`; entries about
 * residents the professional cares for are answered as ever. As a property:
 * any batch of any entries about any residents opens at most one unrelated
 * resident, and never refuses an entry about a related one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { signInPersonas } from '../src/index.js';
import { matchedIds } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const REASON = 'Collapsed in the waiting room';

let testHub: TestHub;
let gpToken = '';
let residents: string[] = [];
const related: string[] = [];
const unrelated: string[] = [];
const glass = { headers: { 'x-break-glass-reason': REASON } };

const found = matchedIds;

before(async () => {
  testHub = await startTestHub();
  gpToken = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
  residents = ((await testHub.hub.store.query("SELECT id FROM resource WHERE type = 'Patient' ORDER BY id")) as { id: string }[]).map(
    (row) => row.id,
  );
  const organizationId = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'gp')?.organizationId ?? '';
  for (const id of residents) ((await testHub.hub.store.isRelated(id, organizationId)) ? related : unrelated).push(id);
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

interface GlassEntry {
  url: string;
  resident: string;
  /** A Patient search: it opens the record only if it found the resident. */
  find?: boolean;
}

/** A batch under one break-glass reason: the residents whose records it opened, and whether it refused a related one. */
async function glassBatch(urls: GlassEntry[]): Promise<{ statuses: number[]; opened: Set<string>; relatedRefused: boolean }> {
  const answer = await testHub.call(gpToken, '/', {
    method: 'POST',
    ...glass,
    body: { resourceType: 'Bundle', type: 'batch', entry: urls.map(({ url }) => ({ request: { method: 'GET', url } })) },
  });
  assert.equal(answer.status, 200);
  const entries = (answer.body['entry'] as { resource?: Json; response?: { status?: string } }[] | undefined) ?? [];
  const statuses = entries.map((entry) => Number(String(entry.response?.status).slice(0, 3)));
  const opened = new Set<string>();
  let relatedRefused = false;
  entries.forEach((entry, index) => {
    const asked = urls[index];
    if (!asked) return;
    const ok = statuses[index] === 200 && (!asked.find || found(entry.resource ?? {}).includes(asked.resident));
    if (ok && unrelated.includes(asked.resident)) opened.add(asked.resident);
    if (!asked.find && related.includes(asked.resident) && statuses[index] !== 200) relatedRefused = true;
  });
  return { statuses, opened, relatedRefused };
}

describe('the reported case: a batch under break-glass', () => {
  test('twenty entries about ten unrelated residents open only the first', async () => {
    const ten = unrelated.slice(0, 10);
    assert.equal(ten.length, 10, 'the borough has ten residents the practice does not care for');
    const { statuses } = await glassBatch(
      ten.flatMap((id) => [
        { url: `Patient/${id}`, resident: id },
        { url: `Patient/${id}/$summary`, resident: id },
      ]),
    );
    assert.deepEqual(
      statuses,
      ten.flatMap((id) => (id === ten[0] ? [200, 200] : [400, 400])),
    );
  });
});

describe('the class: a batch under break-glass opens one unrelated resident', () => {
  test('any entries about any residents: at most one unrelated opened, no related refused', async () => {
    const entry = fc.record({
      kind: fc.constantFrom('read', 'summary', 'search', 'find'),
      unrelatedOne: fc.boolean(),
      index: fc.nat(1_000),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 20 }), async (entries) => {
        const urls = entries.map(({ kind, unrelatedOne, index }): GlassEntry => {
          const pool = unrelatedOne ? unrelated : related;
          const resident = pool[index % pool.length] ?? '';
          const url =
            kind === 'read'
              ? `Patient/${resident}`
              : kind === 'summary'
                ? `Patient/${resident}/$summary`
                : kind === 'search'
                  ? `Condition?patient=${resident}`
                  : `Patient?_id=${resident}`;
          return { url, resident, find: kind === 'find' };
        });
        const { opened, relatedRefused } = await glassBatch(urls);
        return opened.size <= 1 && !relatedRefused;
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
