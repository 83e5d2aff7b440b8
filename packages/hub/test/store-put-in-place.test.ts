/**
 * `putInPlace` rewrites a stored resource's current version, for a change only
 * the one it concerns is shown (a carer's account link): on both stores it
 * keeps `meta.versionId` and `meta.lastUpdated` (so a reader's ETag and
 * `_lastUpdated` search see nothing move), indexes the resource again (so the
 * gate finds the carer by the new identifier, and no longer by one taken
 * away), works inside a transaction and is rolled back with it, and refuses a
 * resource that is not stored. An ordinary `put` afterwards still makes the
 * next version.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDateCriterion } from '../src/store/fhir-date.js';
import type { FhirJson } from '../src/store/search-parameters.js';
import type { HubStore, SearchQuery } from '../src/store/store.js';
import { openTestStore } from './support/test-store.js';

const SYSTEM = 'https://care-record.example/test/put-in-place';
let store: HubStore;

before(async () => {
  store = await openTestStore();
});
after(() => store.close());

const person = (id: string, values: string[]): FhirJson => ({
  resourceType: 'RelatedPerson',
  id,
  active: true,
  patient: { reference: 'Patient/pip-resident' },
  name: [{ text: 'Someone' }],
  ...(values.length > 0 ? { identifier: values.map((value) => ({ system: SYSTEM, value })) } : {}),
});

const byIdentifier = (value: string): SearchQuery => ({
  type: 'RelatedPerson',
  criteria: [{ kind: 'token', name: 'identifier', values: [{ system: SYSTEM, code: value }], anySystem: [false] }],
  sort: { by: 'lastUpdated', descending: true },
  count: 10,
  visibility: { hiddenLabels: [] },
});

describe('writing a resource in place', () => {
  test('keeps its version and time, and indexes it again', async () => {
    const written = await store.put(person('pip-one', ['old']), Date.parse('2026-11-01T10:00:00.123Z'));
    const rewritten = await store.putInPlace(person('pip-one', ['new']));
    assert.equal(rewritten.versionId, written.versionId);
    assert.equal(rewritten.lastUpdated, written.lastUpdated);
    const read = await store.read('RelatedPerson', 'pip-one');
    assert.deepEqual(read?.resource['meta'], written.resource['meta']);
    assert.deepEqual(read?.resource['identifier'], [{ system: SYSTEM, value: 'new' }]);
    assert.deepEqual(
      (await store.search(byIdentifier('new'))).resources.map((found) => found['id']),
      ['pip-one'],
    );
    assert.equal((await store.search(byIdentifier('old'))).total, 0, 'not found by what it no longer holds');
    const since = parseDateCriterion(`gt${written.lastUpdated}`);
    assert.ok(since);
    const lastUpdated = await store.search({
      ...byIdentifier('new'),
      criteria: [...byIdentifier('new').criteria, { kind: 'lastUpdated', criteria: [since] }],
    });
    assert.equal(lastUpdated.total, 0, 'it has not changed since');
    const next = await store.put(person('pip-one', ['new']), Date.parse('2026-11-02T10:00:00Z'));
    assert.equal(next.versionId, String(Number(written.versionId) + 1), 'a later put makes the next version');
  });

  test('is rolled back with its transaction, and refuses what is not stored', async () => {
    const written = await store.put(person('pip-two', []), Date.parse('2026-11-01T10:00:00Z'));
    await assert.rejects(
      store.transaction(async (inside) => {
        await inside.putInPlace(person('pip-two', ['linked']));
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.deepEqual((await store.read('RelatedPerson', 'pip-two'))?.resource, written.resource);
    assert.equal((await store.search(byIdentifier('linked'))).total, 0);
    await assert.rejects(store.putInPlace(person('pip-nobody', ['x'])));
    assert.equal(await store.read('RelatedPerson', 'pip-nobody'), undefined);
  });
});
