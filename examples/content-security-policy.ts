/**
 * The policy the demo pages are served under: what a cautious host system
 * sets. No inline script or style, scripts only from the page's own origin,
 * and Trusted Types required for every DOM sink.
 */
export const strictContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; frame-ancestors 'none'";
