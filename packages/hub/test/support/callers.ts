/**
 * The callers a policy test asks as — every persona, and a GP's EHR launch confined to one patient — and a request
 * made by one of them directly or as a batch's only entry, read as the entry's own answer.
 */
import type { TestHub } from './test-hub.js';

type Json = Record<string, unknown>;
export type Answer = { status: number; body: Json };

/** Tokens for every persona, and for a GP's EHR launch with `patient/` scopes for `launchPatient`. */
export async function signInCallers(testHub: TestHub, launchPatient: string): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const persona of ['gp', 'hospital-nurse', 'social-worker', 'receptionist', 'resident', 'carer'])
    tokens[persona] = await testHub.signIn(persona);
  const launch = await fetch(`${testHub.origin}/auth/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient: launchPatient }),
  });
  const { launch: launchId } = (await launch.json()) as { launch: string };
  tokens['gp (EHR launch)'] = await testHub.signIn('gp', { launch: launchId, scope: 'openid fhirUser launch patient/*.rs' });
  return tokens;
}

/** A GET, directly or as a one-entry batch whose entry's answer is returned as if it were the request's own. */
export async function askAs(
  testHub: TestHub,
  token: string | undefined,
  path: string,
  batch: boolean,
  headers: Record<string, string>,
): Promise<Answer> {
  if (!batch) return testHub.call(token, path, { headers });
  const answer = await testHub.call(token, '', {
    method: 'POST',
    headers,
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: path.slice(1) } }] },
  });
  if (answer.status !== 200) return answer;
  const entry = (answer.body['entry'] as { response: { status: string; outcome?: Json }; resource?: Json }[])[0]!;
  return { status: Number.parseInt(entry.response.status, 10), body: entry.response.outcome ?? entry.resource ?? {} };
}
