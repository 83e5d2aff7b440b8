/**
 * Does a search cost the same in a small borough as in the whole of Islington?
 * Times the searches a record page makes, for residents drawn at random, on
 * each seeded hub database given (made by `npm start -- --residents N --db PATH`
 * or the hub's own CLI), and prints median and 95th percentile per query.
 *
 *   node --conditions=source --import tsx bench/hub-search.ts .data/hub.db /tmp/borough/hub.db
 */
import { SqliteStore, type SearchQuery } from '@care-record/hub';

type Query = { name: string; run: (store: SqliteStore, patientId: string) => Promise<number> };

/** How many a search found (the page's length). */
const found = async (store: SqliteStore, query: SearchQuery) => (await store.search(query)).resources.length;

const visibility = { hiddenLabels: ['SEX', 'SDV', 'R', 'V'] };
const queries: Query[] = [
  {
    name: 'Observation, first page (-date)',
    run: (store, patientId) =>
      found(store, { type: 'Observation', patientId, criteria: [], sort: { by: 'date', descending: true }, count: 50, visibility }),
  },
  {
    name: 'Observation, vital signs since 2025',
    run: (store, patientId) =>
      found(store, {
        type: 'Observation',
        patientId,
        criteria: [
          { kind: 'token', name: 'category', values: [{ system: '', code: 'vital-signs' }], anySystem: [true] },
          {
            kind: 'date',
            name: 'date',
            criteria: [{ prefix: 'ge', range: { start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 0, 2) - 1 } }],
          },
        ],
        sort: { by: 'date', descending: true },
        count: 50,
        visibility,
      }),
  },
  {
    name: 'MedicationRequest, active',
    run: (store, patientId) =>
      found(store, {
        type: 'MedicationRequest',
        patientId,
        criteria: [{ kind: 'token', name: 'status', values: [{ system: '', code: 'active' }], anySystem: [true] }],
        sort: { by: 'date', descending: true },
        count: 50,
        visibility,
      }),
  },
  {
    name: 'Encounter, first page (-date)',
    run: (store, patientId) =>
      found(store, { type: 'Encounter', patientId, criteria: [], sort: { by: 'date', descending: true }, count: 50, visibility }),
  },
  {
    name: 'Patient by NHS number (whole borough)',
    run: async (store, patientId) => {
      const patient = (await store.read('Patient', patientId))?.resource as
        { identifier?: { system: string; value: string }[] } | undefined;
      const nhs = patient?.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value ?? '';
      return found(store, {
        type: 'Patient',
        criteria: [
          { kind: 'token', name: 'identifier', values: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', code: nhs }], anySystem: [false] },
        ],
        sort: { by: 'text', descending: false },
        count: 10,
        visibility: { hiddenLabels: [] },
      });
    },
  },
];

const samples = 300;
const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('Give one or more seeded hub databases, e.g. .data/hub.db');
  process.exit(2);
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;

for (const path of paths) {
  const store = new SqliteStore(path);
  const residents = (store.db.prepare("SELECT COUNT(*) AS n FROM resource WHERE type = 'Patient'").get() as { n: number }).n;
  const resources = (store.db.prepare('SELECT COUNT(*) AS n FROM resource').get() as { n: number }).n;
  // A fixed pseudo-random sample, so two runs time the same residents.
  const ids: string[] = [];
  let state = 20_261_128;
  for (let index = 0; index < samples; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    ids.push(`pat-${String((state % residents) + 1).padStart(6, '0')}`);
  }
  console.log(`\n${path}: ${residents.toLocaleString('en-GB')} residents, ${resources.toLocaleString('en-GB')} resources`);
  console.log('query                                      median ms     p95 ms');
  for (const query of queries) {
    for (const id of ids.slice(0, 20)) await query.run(store, id); // warm the page cache
    const times: number[] = [];
    for (const id of ids) {
      const started = performance.now();
      await query.run(store, id);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(
      `${query.name.padEnd(42)} ${percentile(times, 0.5).toFixed(3).padStart(9)} ${percentile(times, 0.95).toFixed(3).padStart(10)}`,
    );
  }
  await store.close();
}
