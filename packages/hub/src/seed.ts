/**
 * Fills a new store with a synthetic borough: its organisations and
 * professionals, then each resident's record and care relationships. Runs once,
 * on first start; the store remembers the seed and size it was made with.
 */
import { BOROUGH_VERSION, createBorough, type Borough } from '@care-record/synthetic';
import type { FhirJson } from './store/search-parameters.js';
import type { HubStore } from './store/store.js';

export interface SeedOptions {
  residents: number;
  seed: string;
  /** "Now" for the synthetic records, ISO 8601. */
  now?: string;
  /** Called every 1,000 residents. */
  progress?: (done: number, total: number) => void;
}

export interface SeedResult {
  borough: Borough;
  residents: number;
  resources: number;
  milliseconds: number;
}

const batchSize = 1_000;

/** Seeds the store unless it already holds this borough; returns the borough either way. */
export function seedStore(store: HubStore, options: SeedOptions): SeedResult & { seeded: boolean } {
  const borough = createBorough({ seed: options.seed, residents: options.residents, ...(options.now ? { now: options.now } : {}) });
  const wanted = `${options.seed}:${options.residents}:${options.now ?? ''}:v${BOROUGH_VERSION}`;
  const have = store.meta('borough');
  if (have === wanted)
    return { borough, residents: options.residents, resources: Number(store.meta('resources') ?? 0), milliseconds: 0, seeded: false };
  if (have !== undefined) {
    throw new Error(`This database holds a different borough (${have}); start with a new --db path, or delete the file to reseed`);
  }

  const started = performance.now();
  let resources = 0;
  const at = options.now ? Date.parse(options.now) : Date.now();
  store.bulkLoad(() => {
    store.transaction(() => {
      for (const resource of [...borough.organizations, ...borough.practitioners, ...borough.practitionerRoles]) {
        store.put(resource as unknown as FhirJson, at);
        resources += 1;
      }
    });
    let pending: ReturnType<Borough['resident']>[] = [];
    let done = 0;
    const flush = () => {
      store.transaction(() => {
        for (const record of pending) {
          store.put(record.patient as unknown as FhirJson, at);
          for (const resource of record.resources) store.put(resource as unknown as FhirJson, at);
          for (const organizationId of record.relationships.organizationIds) store.relate(String(record.patient.id), organizationId);
          resources += 1 + record.resources.length;
        }
      });
      done += pending.length;
      pending = [];
      options.progress?.(done, options.residents);
    };
    for (const record of borough.residents()) {
      pending.push(record);
      if (pending.length >= batchSize) flush();
    }
    if (pending.length > 0) flush();
  });
  store.setMeta('borough', wanted);
  store.setMeta('resources', String(resources));
  return { borough, residents: options.residents, resources, milliseconds: performance.now() - started, seeded: true };
}
