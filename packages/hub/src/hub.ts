/**
 * The reference hub assembled: store (seeded with a synthetic borough on first
 * start), the FHIR server from the contract, and the development SMART
 * authorisation server whose personas come from the borough.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Borough } from '@care-record/synthetic';
import { registerSmartAuth, type SignInPersona, type SmartAuth } from './auth/index.js';
import type { FaultOptions } from './faults.js';
import { ContractSchemas, loadContract } from './contract/contract.js';
import { seedStore } from './seed.js';
import { createHubServer, FHIR_PATH } from './server.js';
import { HubStore } from './store/store.js';

export interface HubOptions {
  /** SQLite file (created and seeded on first start), or `:memory:`. */
  dbPath: string;
  residents: number;
  seed?: string;
  /** "Now" for the synthetic records; default the real time. */
  now?: string;
  /** Where clients reach the hub, e.g. `http://127.0.0.1:8080`: the base of its links and its tokens' audience. */
  origin: string;
  faults?: FaultOptions;
  accessTokenLifetimeSeconds?: number;
  log?: (line: string) => void;
  /** Called every 1,000 residents while seeding. */
  progress?: (done: number, total: number) => void;
}

export interface Hub {
  readonly app: FastifyInstance;
  readonly store: HubStore;
  readonly borough: Borough;
  readonly auth: SmartAuth;
  readonly fhirBaseUrl: string;
  /** Validators for the contract's schemas (the ones the hub checks requests with). */
  readonly schemas: ContractSchemas;
  readonly seeded: { seeded: boolean; residents: number; resources: number; milliseconds: number };
  close(): Promise<void>;
}

export async function createHub(options: HubOptions): Promise<Hub> {
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true });
  const store = new HubStore(options.dbPath);
  const seeded = seedStore(store, {
    residents: options.residents,
    seed: options.seed ?? 'islington',
    ...(options.now ? { now: options.now } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const fhirBaseUrl = `${options.origin}${FHIR_PATH}`;
  // The FHIR routes are registered before the authorisation server, which needs the app: they meet through this.
  const authorisation: { server?: SmartAuth } = {};
  const schemas = new ContractSchemas(loadContract());
  const app = await createHubServer({
    store,
    schemas,
    publicOrigin: options.origin,
    verifyAccessToken: (token) => {
      if (!authorisation.server) return Promise.reject(new Error('The authorisation server is not ready'));
      return authorisation.server.verifyAccessToken(token);
    },
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: () => Date.now() } : {}),
  });
  const auth = await registerSmartAuth(app, {
    fhirBaseUrl,
    personas: signInPersonas(seeded.borough),
    ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
  });
  authorisation.server = auth;
  return {
    app,
    store,
    borough: seeded.borough,
    auth,
    fhirBaseUrl,
    schemas,
    seeded: { seeded: seeded.seeded, residents: seeded.residents, resources: seeded.resources, milliseconds: seeded.milliseconds },
    async close() {
      await app.close();
      store.close();
    },
  };
}

/** The borough's personas, as the sign-in page offers them. */
export function signInPersonas(borough: Borough): SignInPersona[] {
  return Object.values(borough.personas) as SignInPersona[];
}
