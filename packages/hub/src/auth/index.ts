export { registerSmartAuth } from './smart-auth.js';
export { InvalidAccessTokenError } from './tokens.js';
export { allowedScopes, grantScopes, nonClinicalResourceTypes } from './scopes.js';
export type { AccessContext, SignInPersona, SmartAuth, SmartAuthOptions } from './types.js';
