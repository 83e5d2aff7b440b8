/**
 * The one-file embed (`dist/care-record.js`, built by `vite build`): every
 * element registered, and what a page without a build step needs from the
 * SDK to sign in and give the provider a client. See "One file, no build" in
 * the README.
 */
export * from './define.js';
export {
  beginSmartLaunch,
  completeSmartLaunch,
  createHubClient,
  discoverSmart,
  HubError,
  SmartLaunchError,
  type HubClient,
  type HubClientOptions,
  type SmartSession,
} from '@care-record/sdk';
