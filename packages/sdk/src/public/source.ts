/** The public names of `record/source.ts`, for the SDK's barrel to take with `export *` (see `index.ts`, "Why `export *`"). */
export { sourceOf, organizationNames, referenceNames, ODS_SYSTEM, RESIDENT_SOURCE, type SourceLabel } from '../record/source.js';
