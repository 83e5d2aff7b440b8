/** The public names of `client/hub-error.ts`, for the SDK's barrel to take with `export *` (see `index.ts`, "Why `export *`"). */
export { HubError } from '../client/hub-error.js';
