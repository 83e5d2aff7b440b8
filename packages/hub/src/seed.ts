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
export async function seedStore(store: HubStore, options: SeedOptions): Promise<SeedResult & { seeded: boolean }> {
  const borough = createBorough({ seed: options.seed, residents: options.residents, ...(options.now ? { now: options.now } : {}) });
  const wanted = `${options.seed}:${options.residents}:${options.now ?? ''}:v${BOROUGH_VERSION}`;
  const have = await store.meta('borough');
  if (have === wanted)
    return {
      borough,
      residents: options.residents,
      resources: Number((await store.meta('resources')) ?? 0),
      milliseconds: 0,
      seeded: false,
    };
  if (have !== undefined) {
    throw new Error(`This database holds a different borough (${have}); start with a new --db path, or delete the file to reseed`);
  }

  const started = performance.now();
  let resources = 0;
  const at = options.now ? Date.parse(options.now) : Date.now();
  await store.bulkLoad(async (loading) => {
    const directory = [...borough.organizations, ...borough.practitioners, ...borough.practitionerRoles] as unknown as FhirJson[];
    await loading.transaction((batch) => batch.putMany(directory, at));
    resources += directory.length;
    let pending: ReturnType<Borough['resident']>[] = [];
    let done = 0;
    const flush = async () => {
      const records = pending.flatMap((record) => [record.patient, ...record.resources]) as unknown as FhirJson[];
      const relationships = pending.flatMap((record) =>
        record.relationships.organizationIds.map((organizationId) => ({ patientId: String(record.patient.id), organizationId })),
      );
      await loading.transaction(async (batch) => {
        await batch.putMany(records, at);
        await batch.relateMany(relationships);
      });
      resources += records.length;
      done += pending.length;
      pending = [];
      options.progress?.(done, options.residents);
    };
    for (const record of borough.residents()) {
      pending.push(record);
      if (pending.length >= batchSize) await flush();
    }
    if (pending.length > 0) await flush();
  });
  await store.setMeta('borough', wanted);
  await store.setMeta('resources', String(resources));
  return { borough, residents: options.residents, resources, milliseconds: performance.now() - started, seeded: true };
}
