/**
 * A resident's change of a Consent as her screen makes it — she reads it, changes it, and saves it with the version
 * she read — and what the Consent tests compare after a save.
 */
import assert from 'node:assert/strict';
import type { TestHub } from './test-hub.js';

type Json = Record<string, unknown>;

/** She reads `Consent/{id}`, changes what she read, and saves it with `If-Match` of the version she read. */
export async function changeAsRead(testHub: TestHub, token: string, id: string, change: (consent: Json) => Json) {
  const read = await testHub.call(token, `/Consent/${id}`);
  assert.equal(read.status, 200, JSON.stringify(read.body));
  return testHub.call(token, `/Consent/${id}`, {
    method: 'PUT',
    body: change(read.body),
    headers: { 'if-match': read.headers.get('etag') ?? '' },
  });
}

/** A Consent but for what the hub stamps on every save (its meta, when and by whom): what a save kept or changed. */
export function withoutSaveStamp(consent: Json | undefined): Json {
  const { meta: _meta, dateTime: _dateTime, performer: _performer, ...rest } = consent ?? {};
  return rest;
}

/** The words an OperationOutcome gives the person (its first issue's `details.text`). */
export const outcomeText = (body: Json): string =>
  String(((body['issue'] as { details?: { text?: unknown } }[] | undefined) ?? [])[0]?.details?.text ?? '');
