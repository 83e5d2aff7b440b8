/** Drives the development sign-in over HTTP the way a browser would, for the Node tests. */
import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const clientId = 'care-record-test-app';
export const redirectUri = 'http://127.0.0.1:5173/callback';

export interface AuthorizeParams {
  [name: string]: string | null | undefined;
}

/** The authorize URL for a standard request; `overrides` replace parameters, `null` drops one. */
export function authorizeUrl(authBaseUrl: string, fhirBaseUrl: string, challenge: string, overrides: AuthorizeParams = {}): string {
  const params: Record<string, string | null | undefined> = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid fhirUser offline_access launch/patient patient/*.rs user/*.rs',
    state: 'state-1234',
    aud: fhirBaseUrl,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL(`${authBaseUrl}/authorize`);
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string') url.searchParams.set(name, value);
  return url.href;
}

/** The sign-in request id the persona form carries. */
export function requestIdOf(html: string): string {
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (id === undefined) throw new Error('The sign-in page has no request id');
  return id;
}

/** Opens the sign-in page and chooses a persona (or cancels); resolves to where the browser is sent back. */
export async function chooseOnSignInPage(
  authBaseUrl: string,
  pageUrl: string,
  choice: { persona: string; invitation?: string | undefined } | 'cancel',
): Promise<URL> {
  const page = await fetch(pageUrl);
  if (page.status !== 200) throw new Error(`The sign-in page answered ${page.status}`);
  const form = new URLSearchParams({ request: requestIdOf(await page.text()) });
  if (choice === 'cancel') form.set('cancel', 'true');
  else {
    form.set('persona', choice.persona);
    // A carer known by their account types the code a resident gave them next to their name.
    if (choice.invitation !== undefined) form.set(`invitation:${choice.persona}`, choice.invitation);
  }
  const answer = await fetch(`${authBaseUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 303 || location === null) throw new Error(`The sign-in form answered ${answer.status}`);
  return new URL(location);
}

export async function postToken(
  authBaseUrl: string,
  fields: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${authBaseUrl}/token`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
