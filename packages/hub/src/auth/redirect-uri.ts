/**
 * Where the development sign-in may send people back to: an http(s) address
 * on this machine (127.0.0.1, localhost, [::1]) or on the hub's own origin.
 * No app registration is needed, and a code can never leave the machine.
 */
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The parsed address when it is acceptable as a redirect_uri (or launch target); otherwise undefined. */
export function acceptableReturnAddress(value: string | null | undefined, ownOrigins: readonly string[]): URL | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // OAuth forbids fragments in redirect URIs; credentials in a URL are never wanted.
  if (url.hash !== '' || value.includes('#') || url.username !== '' || url.password !== '') return undefined;
  if (!loopbackHosts.has(url.hostname) && !ownOrigins.includes(url.origin)) return undefined;
  return url;
}

/**
 * The CSP source that lets the sign-in form's redirect reach `url`: Chromium
 * checks `form-action` against the redirect after a form post too. CSP cannot
 * name an IPv6 address, so `[::1]` is allowed by its scheme (the address was
 * already checked to be on this machine).
 */
export function formActionSource(url: URL): string {
  return url.hostname.startsWith('[') ? url.protocol : url.origin;
}
