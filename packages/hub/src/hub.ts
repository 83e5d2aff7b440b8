/**
 * The reference hub assembled: store (seeded with a synthetic borough on first
 * start), the FHIR server from the contract, and the development SMART
 * authorisation server whose personas come from the borough.
 */
import type { FastifyInstance } from 'fastify';
import { ODS_SYSTEM } from '@care-record/sdk';
import type { Borough, CarerPersona, ResidentPersona } from '@care-record/synthetic';
import { externalIssuerVerifier, unverifiedIssuer, type ExternalIssuer, type IdentityDirectory } from './auth/external-issuers.js';
import { registerSmartAuth, type SignInPersona, type SmartAuth } from './auth/index.js';
import type { FaultOptions } from './faults.js';
import { ContractSchemas, loadContract } from './contract/contract.js';
import { seedStore } from './seed.js';
import { createHubServer, FHIR_PATH } from './server.js';
import { carerAccounts } from './policy/invitations.js';
import { placeWrittenBefore, placingResidents } from './policy/resident-references.js';
import { knowHubAddress } from './policy/sharing.js';
import { openStore } from './store/open-store.js';
import type { HubStore } from './store/store.js';

export interface HubOptions {
  /**
   * Where the hub keeps everything: `sqlite:PATH` (a file, created and seeded on first start, or `sqlite::memory:`),
   * or `postgres://…` (a PostgreSQL database, migrated and seeded on first start). Give this or `dbPath`.
   */
  store?: string;
  /** A SQLite file (created and seeded on first start), or `:memory:`: the same as `store: 'sqlite:' + dbPath`. */
  dbPath?: string;
  residents: number;
  seed?: string;
  /** "Now" for the synthetic records; default the real time. */
  now?: string;
  /** Where clients reach the hub, e.g. `http://127.0.0.1:8080`: the base of its links and its tokens' audience. */
  origin: string;
  /**
   * Other addresses the hub is reached at besides `origin` (e.g. `https://record.internal.example`, each process's
   * own `http://10.0.0.7:8081` behind a load balancer): an item's reference to a directory entry at any of them
   * (`<address>/fhir/Organization/x`) is to this hub's entry, as one at `origin` is (R11, R12). Any other address is
   * another server's. Links and tokens still use `origin` only.
   */
  otherOrigins?: readonly string[];
  faults?: FaultOptions;
  accessTokenLifetimeSeconds?: number;
  /**
   * Identity providers whose access tokens the hub accepts besides its own
   * development sign-in (which stays on): NHS CIS2, NHS login, a council's
   * OpenID provider. See `auth/external-issuers.ts` and the README.
   */
  trustedIssuers?: readonly ExternalIssuer[];
  /**
   * How many whole calendar months of AuditEvents to keep besides the current one; older ones are removed at
   * start and daily (in PostgreSQL, a month's partitions are dropped). Default: kept for ever.
   */
  auditRetentionMonths?: number;
  log?: (line: string) => void;
  /** Answer by parsing and re-serialising every stored resource (the slower path before): for comparisons only. */
  reparseStored?: boolean;
  /** The most items of one type a `$summary` reads; default `SUMMARY_LIMIT`. Lower only to test what it says past it. */
  summaryLimit?: number;
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
  const spec = options.store ?? (options.dbPath === undefined ? undefined : `sqlite:${options.dbPath}`);
  if (spec === undefined) throw new Error('Say where the hub keeps its data: store (sqlite:PATH or postgres://…) or dbPath');
  const otherOrigins = (options.otherOrigins ?? []).map(originOf);
  const openedStore = await openStore(spec);
  const seeded = await seedStore(openedStore, {
    residents: options.residents,
    seed: options.seed ?? 'islington',
    ...(options.now ? { now: options.now } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  }).catch(async (error: unknown) => {
    await openedStore.close();
    throw error;
  });
  const fhirBaseUrl = `${options.origin}${FHIR_PATH}`;
  const fhirBaseUrls = [fhirBaseUrl, ...otherOrigins.map((other) => `${other}${FHIR_PATH}`)];
  // An item naming its resident by this hub's address or her NHS number is kept under her, as `Patient/<id>` is.
  const store = placingResidents(openedStore, fhirBaseUrls);
  // And so is what an older hub kept otherwise (once a store); what still names no one is counted, never named here.
  const written = await placeWrittenBefore(openedStore, fhirBaseUrls).catch(async (error: unknown) => {
    await openedStore.close();
    throw error;
  });
  if (written.placed + written.unplaced > 0)
    options.log?.(
      `residents placed: ${written.placed} items kept before placed, ${written.unplaced} naming no one resident left as they were`,
    );
  // An item may refer to a directory entry by this address (`<fhirBaseUrl>/Organization/x`), or by any other the hub
  // is reached at: the rules read each so.
  knowHubAddress(store, fhirBaseUrls);
  // The FHIR routes are registered before the authorisation server, which needs the app: they meet through this.
  const authorisation: { server?: SmartAuth } = {};
  const schemas = new ContractSchemas(loadContract());
  const external = externalIssuerVerifier(options.trustedIssuers ?? [], storeDirectory(store));
  const app = await createHubServer({
    store,
    schemas,
    publicOrigin: options.origin,
    verifyAccessToken: (token) => {
      if (!authorisation.server) return Promise.reject(new Error('The authorisation server is not ready'));
      // The unverified `iss` only chooses whose keys may verify the token; any other issuer goes to the hub's own check.
      const issuer = unverifiedIssuer(token);
      if (issuer !== undefined && external.trusts(issuer)) return external.verify(token);
      return authorisation.server.verifyAccessToken(token);
    },
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: () => Date.now() } : {}),
    ...(options.reparseStored ? { reparseStored: true } : {}),
    ...(options.summaryLimit === undefined ? {} : { summaryLimit: options.summaryLimit }),
  });
  const auth = await registerSmartAuth(app, {
    fhirBaseUrl,
    personas: signInPersonas(seeded.borough),
    carerAccounts: carerAccounts(store, Date.now),
    // Sessions live in the database: every hub process on it signs in, refreshes and signs out the same users.
    state: store.authState(),
    ...(options.accessTokenLifetimeSeconds ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds } : {}),
  });
  if (external.trusts(auth.issuer)) {
    await app.close();
    await store.close();
    throw new Error(`A trusted issuer cannot be the hub's own sign-in (${auth.issuer})`);
  }
  authorisation.server = auth;
  const retention =
    options.auditRetentionMonths === undefined ? undefined : auditRetention(store, options.auditRetentionMonths, options.log);
  if (retention) await retention.prune();
  return {
    app,
    store,
    borough: seeded.borough,
    auth,
    fhirBaseUrl,
    schemas,
    seeded: { seeded: seeded.seeded, residents: seeded.residents, resources: seeded.resources, milliseconds: seeded.milliseconds },
    async close() {
      retention?.stop();
      await app.close();
      await store.close();
    },
  };
}

const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** An address the hub is reached at, as its origin (`https://host[:port]`); refused unless http or https. */
function originOf(address: string): string {
  let url: URL | undefined;
  try {
    url = new URL(address.trim());
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null')
    throw new Error(`Another origin of the hub must be an http or https address, such as https://record.internal.example: ${address}`);
  return url.origin;
}

function storeDirectory(store: HubStore): IdentityDirectory {
  const odsCodeOf = (organization: Record<string, unknown>) =>
    (organization['identifier'] as { system?: unknown; value?: unknown }[] | undefined)?.find(
      (identifier) => identifier.system === ODS_SYSTEM,
    )?.value;
  const search = async (type: string, criteria: Parameters<HubStore['search']>[0]['criteria'], count: number) =>
    (await store.search({ type, criteria, sort: { by: 'lastUpdated', descending: false }, count, visibility: { hiddenLabels: [] } }))
      .resources;
  const reference = (name: string, code: string) => ({ kind: 'token' as const, name, values: [{ system: '', code }], anySystem: [false] });
  return {
    async organization(idOrOdsCode) {
      const found = (await store.read('Organization', idOrOdsCode))?.resource ?? (await store.organizationByOds(idOrOdsCode));
      if (found === undefined || typeof found['id'] !== 'string') return undefined;
      const odsCode = odsCodeOf(found);
      return { id: found['id'], ...(typeof odsCode === 'string' ? { odsCode } : {}) };
    },
    read: async (type, id) => (await store.read(type, id))?.resource,
    async patientByNhsNumber(nhsNumber) {
      const found = await search(
        'Patient',
        [{ kind: 'token', name: 'identifier', values: [{ system: NHS_NUMBER_SYSTEM, code: nhsNumber }], anySystem: [false] }],
        2,
      );
      const id = found.length === 1 ? found[0]?.['id'] : undefined;
      return typeof id === 'string' ? id : undefined;
    },
    async practitionerWorksAt(practitionerId, organizationId) {
      return (
        await search(
          'PractitionerRole',
          [reference('practitioner', `Practitioner/${practitionerId}`), reference('organization', `Organization/${organizationId}`)],
          20,
        )
      ).some((role) => role['active'] !== false);
    },
  };
}

/** The first instant of the calendar month (UTC) `months` before the one `at` falls in. */
export function auditCutoff(at: number, months: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1);
}

/** Removes AuditEvents past the retention period now and then daily; every hub process may, as the work is the same. */
function auditRetention(store: HubStore, months: number, log?: (line: string) => void): { prune(): Promise<void>; stop(): void } {
  if (!Number.isInteger(months) || months < 0) throw new Error('The audit retention must be a whole number of months');
  const prune = async () => {
    try {
      const removed = await store.pruneAuditEvents(auditCutoff(Date.now(), months));
      if (removed > 0) log?.(`audit retention: removed ${removed} AuditEvents older than ${months} months`);
    } catch (error) {
      log?.(`audit retention failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };
  const timer = setInterval(() => void prune(), 24 * 60 * 60 * 1000);
  timer.unref();
  return { prune, stop: () => clearInterval(timer) };
}

const personaRoles = { gp: 'gp', hospitalNurse: 'nurse', socialWorker: 'social-worker', receptionist: 'receptionist' } as const;
const personaIds = { gp: 'gp', hospitalNurse: 'hospital-nurse', socialWorker: 'social-worker', receptionist: 'receptionist' } as const;
const personaDescriptions = {
  gp: 'Sees the whole record of patients registered at the practice.',
  hospitalNurse: 'Sees the record of patients the hospital has cared for.',
  socialWorker: 'Sees the record of people the council’s adult social care supports.',
  receptionist: 'Sees demographics and appointments only — no clinical detail.',
} as const;

/**
 * A friend whom a resident can invite: on no one's record until she accepts
 * the code they give her here (the sign-in page asks for it); after that she
 * signs in as their carer.
 */
export const INVITED_CARER_PERSONA: SignInPersona = {
  id: 'invited-carer',
  label: 'Amira Haddad — a friend who has been invited to help',
  description: 'Enter the code a resident gave you to act for them; once accepted, sign in without it.',
  role: 'carer',
  clinical: false,
  fhirUser: '',
  carerAccount: 'carer-0003',
};

/** The borough's personas, as the sign-in page offers them. */
export function signInPersonas(borough: Borough): SignInPersona[] {
  const professionals = (Object.keys(personaRoles) as (keyof typeof personaRoles)[]).map((key): SignInPersona => {
    const persona = borough.personas[key];
    return {
      id: personaIds[key],
      label: persona.display,
      description: personaDescriptions[key],
      role: personaRoles[key],
      clinical: persona.clinical,
      fhirUser: `PractitionerRole/${persona.practitionerRoleId}`,
      organizationId: persona.organizationId,
      odsCode: persona.odsCode,
    };
  });
  const residentPersona = (id: string, resident: ResidentPersona, description: string): SignInPersona => ({
    id,
    label: resident.display,
    description,
    role: 'resident',
    clinical: false,
    fhirUser: `Patient/${resident.patientId}`,
    patientId: resident.patientId,
  });
  const { resident, newResident, caredForResident, familyCarer, parent } = borough.personas;
  const carerPersona = (id: string, carer: CarerPersona, description: string): SignInPersona => ({
    id,
    label: carer.display,
    description,
    role: 'carer',
    clinical: false,
    fhirUser: `RelatedPerson/${carer.relatedPersonId}`,
  });
  return [
    ...professionals,
    residentPersona('resident', resident, 'Sees their own record, adds readings and medicines, and sees who looked.'),
    ...(newResident ? [residentPersona('new-resident', newResident, 'New to the area: a record with very little in it yet.')] : []),
    ...(caredForResident
      ? [residentPersona('cared-for-resident', caredForResident, 'Older, cared for by her family: chooses who can act for her.')]
      : []),
    ...(familyCarer
      ? [
          carerPersona(
            'carer',
            familyCarer,
            `Acts for ${familyCarer.residents[0]?.relationship === 'son' ? 'his' : 'her'} mother, who gave access: sees her record and adds readings for her.`,
          ),
        ]
      : []),
    ...(parent ? [carerPersona('parent', parent, 'Acts for her daughter (under 11); her son is 16, so his record is his own now.')] : []),
    ...(familyCarer ? [INVITED_CARER_PERSONA] : []),
  ];
}
