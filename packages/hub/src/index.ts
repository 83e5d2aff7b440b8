export { createHub, signInPersonas, type Hub, type HubOptions } from './hub.js';
export type { SignInPersona } from './auth/index.js';
export { createHubServer, FHIR_PATH, type AccessClaims, type HubServerOptions } from './server.js';
export { openStore } from './store/open-store.js';
export { SqliteStore } from './store/sqlite-store.js';
export type { CompartmentQuery, CompartmentResult, HubStore, SearchQuery, SearchResult, StoredResource, Criterion } from './store/store.js';
export { parseFaults, type FaultOptions } from './faults.js';
export { ContractSchemas, loadContract } from './contract/contract.js';
export { parseExternalIssuers, type ExternalIssuer } from './auth/external-issuers.js';
