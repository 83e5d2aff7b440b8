export { createHubClient } from './client/hub-client.js';
export type { CollectOptions, HubClient, HubClientOptions, HubResponse, SearchMatch, SearchPath } from './client/hub-client.js';
export { batchRead } from './client/batch.js';
export type { BatchRead, BatchResult, BatchResults } from './client/batch.js';
export { HubError } from './client/hub-error.js';
export { instanceOfAnyCopy } from './client/any-copy.js';
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
export {
  openRecordReader,
  HUB_SUMMARY_DEFINITION,
  pageBanner,
  pageSummary,
  type PatientRecordOptions,
  type RecordPageData,
  type RecordReader,
} from './record/record-reader.js';
export { readMedications } from './record/read-medications.js';
export { openRecord } from './record/open-record.js';
export { readTimeline, type PatientRecord, type RecordPage, type RecordTimeline, type TimelineCoverage } from './record/patient-record.js';
export * from './person-held/index.js';
export * from './person-held/access-log.js';
export * from './person-held/sharing.js';
export * from './person-held/proxy.js';
export * from './person-held/acting-for.js';
export * from './person-held/carers.js';
export * from './person-held/wellbeing.js';
