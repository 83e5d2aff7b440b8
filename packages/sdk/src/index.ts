/*
 * Why `export *`: esbuild's code splitting (`--splitting`) gives a module to the chunk of every entry that reaches it
 * through an import record, and a barrel's named re-export (`export { x } from`) of a module the first screen uses
 * made the timeline's and the medicines' view models reachable from a page's entry, so a page loading those elements
 * on demand loaded them up front all the same (10 KB gzip). A module whose exports are all public is taken with
 * `export *`; one with internal exports through a module of its public names (`public/`).
 * `packages/hub/test/embed-bundles.test.ts` fails if the view models are up front again.
 */
export * from './client/hub-client.js';
export { batchRead } from './client/batch.js';
export type { BatchRead, BatchResult, BatchResults } from './client/batch.js';
export * from './public/hub-error.js';
export * from './client/any-copy.js';
export type { HubErrorKind } from './client/hub-error.js';
export type { CallOptions, RequestInit } from './client/types.js';
export type { AccessTokenSource, HubAuth } from './auth/access-token.js';
export { beginSmartLaunch, completeSmartLaunch, discoverSmart } from './auth/smart.js';
export type {
  SmartCompleteOptions,
  SmartConfiguration,
  SmartFetchOptions,
  SmartLaunchOptions,
  SmartSession,
  SmartStorage,
} from './auth/smart.js';
export { SmartLaunchError } from './auth/smart-error.js';
export { readSignedInUser, type SignedInUser } from './auth/signed-in-user.js';
export type { SmartLaunchErrorCode } from './auth/smart-error.js';
export type * from './fhir.js';
export type { components, operations, paths } from './generated/hub.js';
export * from './format/index.js';
export * from './record/index.js';
export * from './record/record-reader.js';
export * from './record/read-medications.js';
export { openRecord } from './record/open-record.js';
export * from './record/patient-record.js';
export * from './person-held/index.js';
export * from './person-held/access-log.js';
export * from './person-held/sharing.js';
export * from './person-held/proxy.js';
export * from './person-held/acting-for.js';
export * from './person-held/carers.js';
export * from './person-held/wellbeing.js';
