/**
 * The summary reads every section of a resident's record in one statement
 * (`store.compartment`). Whatever is stored and whoever reads it, that read
 * answers what a search of each type would: the same items, as stored, in the
 * same order, the first `limit` of each type, and the same withheld count —
 * which is also what an independent count of the stored items says.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isUnavailable } from '../src/policy/visibility.js';
import { isVisible, organizationsByOds, type Visibility } from '../src/store/store.js';
import { openTestStore, testStoreKind } from './support/test-store.js';

const SOURCES = [
  'https://care-record.example/source/OWN01',
  'https://care-record.example/source/OTH01',
  'https://care-record.example/source/THR01',
];
const TYPES = ['Condition', 'AllergyIntolerance', 'Flag', 'Observation'] as const;
type Type = (typeof TYPES)[number];

const item: fc.Arbitrary<Item> = fc.record({
  type: fc.constantFrom(...TYPES),
  labels: fc.subarray(['SEX', 'PSY', 'R']),
  // No date at all, or one of a few, so that items tie on the date and the id decides.
  day: fc.option(fc.integer({ min: 1, max: 4 })),
  source: fc.option(fc.constantFrom(...SOURCES)),
  patient: fc.constantFrom('p1', 'p1', 'p2'),
});

const visibility: fc.Arbitrary<Visibility> = fc.record(
  {
    hiddenLabels: fc.subarray(['SEX', 'PSY', 'R']),
    unlessSource: fc.constantFrom(...SOURCES),
    hiddenSources: fc.subarray(SOURCES),
    unavailableSources: fc.subarray(SOURCES),
  },
  { requiredKeys: ['hiddenLabels'] },
);

interface Item {
  type: Type;
  labels: string[];
  day: number | null;
  source: string | null;
  patient: string;
}

function resource(entry: Item, index: number) {
  const date = entry.day === null ? undefined : `2026-01-0${String(entry.day)}`;
  const subject = { reference: `Patient/${entry.patient}` };
  const meta = {
    ...(entry.source === null ? {} : { source: entry.source }),
    ...(entry.labels.length > 0
      ? { security: entry.labels.map((label) => ({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: label })) }
      : {}),
  };
  const base = { resourceType: entry.type, id: `x${String(index)}`, meta };
  switch (entry.type) {
    case 'Condition':
      return { ...base, subject, ...(date ? { recordedDate: date } : {}) };
    case 'AllergyIntolerance':
      return { ...base, patient: subject, ...(date ? { recordedDate: date } : {}) };
    case 'Flag':
      return { ...base, status: 'active', code: { text: 'Flag' }, subject, ...(date ? { period: { start: date } } : {}) };
    case 'Observation':
      return { ...base, status: 'final', code: { text: 'Reading' }, subject, ...(date ? { effectiveDateTime: date } : {}) };
  }
}

test(`a compartment read answers what a search of each type would (${testStoreKind})`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(item, { maxLength: 16 }),
      visibility,
      fc.subarray([...TYPES], { minLength: 1 }),
      fc.integer({ min: 0, max: 6 }),
      fc.boolean(),
      async (items, viewer, types, limit, descending) => {
        const resources = items.map((entry, index) => resource(entry, index));
        const store = await openTestStore();
        try {
          await store.putMany(resources, Date.UTC(2026, 10, 1));
          const sort = { by: 'date' as const, descending };
          const read = await store.compartment({ patientId: 'p1', types, sort, limit, visibility: viewer });
          let withheld = 0;
          for (const type of types) {
            const search = await store.search({ type, patientId: 'p1', criteria: [], sort, count: limit, visibility: viewer });
            const items = read.byType.get(type);
            assert.ok(items, `${type} is in the answer`);
            assert.deepEqual(
              items.map((match) => [match.type, match.id, match.json]),
              search.matches.map((match) => [match.type, match.id, match.json]),
              `${type}: the same items, as stored, in the same order`,
            );
            withheld += search.withheld;
          }
          assert.equal(read.withheld, withheld, 'the withheld count is the searches’');
          // And independently of the searches: the resident's available items of the types that are not visible.
          const own = resources.filter(
            (stored) =>
              (types as string[]).includes(stored.resourceType) &&
              ('subject' in stored ? stored.subject : stored.patient).reference === 'Patient/p1' &&
              !isUnavailable(stored, viewer),
          );
          assert.equal(read.withheld, own.filter((stored) => !isVisible(stored, viewer)).length, 'the withheld count is what is stored');
          for (const type of types) {
            const visible = own.filter((stored) => stored.resourceType === type && isVisible(stored, viewer));
            assert.equal(
              read.byType.get(type)?.length,
              Math.min(limit, visible.length),
              `${type}: the first ${String(limit)} of what may be seen`,
            );
          }
        } finally {
          await store.close();
        }
      },
    ),
    { numRuns: testStoreKind === 'postgres' ? 25 : 200, seed: 20261211 },
  );
});

// ---- The summary's organisations: one search for all its sources' ODS codes ----------------------

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const CODES = ['A1', 'B2', 'C3', 'D4'];

const organization = fc.record({
  // Names that tie, differ only in case, or are absent: the order is by name, then id.
  name: fc.option(fc.constantFrom('Grove Practice', 'grove practice', 'Archway Centre', 'Zeta')),
  codes: fc.subarray(CODES),
  // The same code under another system is not an ODS code.
  otherSystem: fc.option(fc.constantFrom(...CODES)),
});

test(`the summary's organisations, found together, are those found one code at a time (${testStoreKind})`, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(organization, { maxLength: 8 }),
      fc.array(fc.constantFrom(...CODES, 'ZZ9'), { maxLength: 6 }),
      async (organizations, codes) => {
        const store = await openTestStore();
        try {
          await store.putMany(
            organizations.map((entry, index) => ({
              resourceType: 'Organization',
              id: `org${String(index)}`,
              ...(entry.name === null ? {} : { name: entry.name }),
              identifier: [
                ...entry.codes.map((value) => ({ system: ODS, value })),
                ...(entry.otherSystem === null ? [] : [{ system: 'https://example.org/other', value: entry.otherSystem }]),
              ],
            })),
            Date.UTC(2026, 10, 1),
          );
          const together = await organizationsByOds(store, codes);
          for (const code of new Set([...codes, ...CODES])) {
            const alone = codes.includes(code) ? await store.organizationByOds(code) : undefined;
            assert.equal(together.get(code)?.['id'], alone?.['id'], `code ${code}`);
            if (alone) assert.deepEqual(together.get(code), alone, `code ${code}: the same resource`);
          }
        } finally {
          await store.close();
        }
      },
    ),
    { numRuns: testStoreKind === 'postgres' ? 25 : 150, seed: 20261212 },
  );
});

test(`more organisations sharing the codes than one search's page still finds the first of each (${testStoreKind})`, async () => {
  const store = await openTestStore();
  try {
    // 120 organisations with code A1 (more than the page of 100), named so that the first by name is the last written.
    await store.putMany(
      [
        ...Array.from({ length: 120 }, (_, index) => ({
          resourceType: 'Organization',
          id: `many${String(index).padStart(3, '0')}`,
          name: `Practice ${String(999 - index)}`,
          identifier: [{ system: ODS, value: 'A1' }],
        })),
        { resourceType: 'Organization', id: 'solo', name: 'Zulu', identifier: [{ system: ODS, value: 'B2' }] },
      ],
      Date.UTC(2026, 10, 1),
    );
    const together = await organizationsByOds(store, ['B2', 'A1', 'B2']);
    assert.equal(together.get('A1')?.['id'], (await store.organizationByOds('A1'))?.['id']);
    assert.equal(together.get('A1')?.['id'], 'many119');
    assert.equal(together.get('B2')?.['id'], 'solo');
  } finally {
    await store.close();
  }
});
