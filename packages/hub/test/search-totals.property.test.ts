/**
 * A search's `total` and its withheld count do not depend on how it is paged:
 * whatever the page size, with or without criteria, on the first page and on
 * every page after it, they are what an independent count of the stored
 * items says (the store may take a count from a page that holds every match,
 * or count a statement once when two are the same: this checks it may).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isVisible, type SearchQuery, type SearchResult } from '../src/store/store.js';
import { openTestStore, testStoreKind } from './support/test-store.js';

const OWN = 'https://care-record.example/source/OWN01';
const OTHER = 'https://care-record.example/source/OTH01';
const visibility = { hiddenLabels: ['SEX', 'R'], unlessSource: OWN };

const item = fc.record({
  labels: fc.subarray(['SEX', 'PSY', 'R']),
  code: fc.constantFrom('a', 'b'),
  day: fc.integer({ min: 1, max: 28 }),
  source: fc.constantFrom(OWN, OTHER),
  patient: fc.constantFrom('p1', 'p1', 'p2'),
});

test(`a search's total and withheld count are the same however it is paged (${testStoreKind})`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(item, { maxLength: 12 }),
      fc.integer({ min: 0, max: 14 }),
      fc.option(fc.constantFrom('a', 'b')),
      async (items, count, code) => {
        const resources = items.map((entry, index) => ({
          resourceType: 'Observation',
          id: `o${index}`,
          status: 'final',
          meta: {
            source: entry.source,
            ...(entry.labels.length > 0
              ? { security: entry.labels.map((label) => ({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: label })) }
              : {}),
          },
          code: { coding: [{ system: 'http://snomed.info/sct', code: entry.code }] },
          subject: { reference: `Patient/${entry.patient}` },
          effectiveDateTime: `2026-01-${String(entry.day).padStart(2, '0')}`,
        }));
        const store = await openTestStore();
        try {
          await store.putMany(resources, Date.UTC(2026, 10, 1));
          const query = (after: SearchQuery['after']): SearchQuery => ({
            type: 'Observation',
            patientId: 'p1',
            criteria: code === null ? [] : [{ kind: 'token', name: 'code', values: [{ system: '', code }], anySystem: [true] }],
            sort: { by: 'date', descending: true },
            count,
            after,
            visibility,
          });
          const own = resources.filter((resource) => resource.subject.reference === 'Patient/p1');
          const visible = own.filter((resource) => isVisible(resource, visibility));
          const matching = visible.filter((resource) => code === null || resource.code.coding[0]?.code === code);
          const check = (page: SearchResult, which: string) => {
            assert.equal(page.total, matching.length, `total, ${which}`);
            assert.equal(page.withheld, own.length - visible.length, `withheld, ${which}`);
            assert.ok(page.matches.length <= count, `page size, ${which}`);
          };
          let page = await store.search(query(undefined));
          check(page, 'first page');
          const seen = page.matches.map((match) => match.id);
          for (let pages = 1; page.next && count > 0; pages++) {
            page = await store.search(query(page.next));
            check(page, `page ${pages + 1}`);
            seen.push(...page.matches.map((match) => match.id));
          }
          if (count > 0)
            assert.deepEqual([...seen].sort(), matching.map((resource) => resource.id).sort(), 'the pages hold every match once');
        } finally {
          await store.close();
        }
      },
    ),
    { numRuns: testStoreKind === 'postgres' ? 25 : 150, seed: 20261229 },
  );
});
