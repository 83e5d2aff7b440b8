/**
 * The stories' stand-in hub words each batch entry's status as HTTP does: "403 Forbidden" for a search the viewer's role
 * may not make, not "403 Not Found" — every failed entry was labelled "Not Found" whatever its status, so a story's
 * network panel told a designer the record had nothing where the hub had refused.
 *
 * The class: every entry the stand-in can answer in a batch (a search, a search refused to the role, a read of a
 * resource that is not there, an operation it does not know) carries its status's own reason phrase.
 */
import { expect } from '@open-wc/testing';
import { getResponse } from 'msw';
import { SYNTHETIC_HUB, syntheticHub } from '../stories/synthetic-hub.js';

/** The reason phrases of RFC 9110 for the statuses a batch entry can carry. */
const PHRASES: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 500: 'Internal Server Error' };

async function batchOf(urls: string[]): Promise<string[]> {
  const handlers = syntheticHub({ roleRefuses: ['Observation'] });
  const request = new Request(`${SYNTHETIC_HUB}/`, {
    method: 'POST',
    headers: { authorization: 'Bearer storybook-clinician', 'content-type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Bundle',
      type: 'batch',
      entry: urls.map((url) => ({ request: { method: 'GET', url } })),
    }),
  });
  const response = await getResponse(handlers, request);
  if (!response) throw new Error('the stand-in hub did not answer');
  const bundle = (await response.json()) as { entry: { response: { status: string } }[] };
  return bundle.entry.map((entry) => entry.response.status);
}

describe('the stories’ hub: batch entry statuses', () => {
  it('the reported case: a search refused to the role is "403 Forbidden"', async () => {
    expect(await batchOf(['Observation?patient=pat-000001'])).to.deep.equal(['403 Forbidden']);
  });

  it('every entry carries its own status’s reason phrase', async () => {
    const urls = ['Condition?patient=pat-000001', 'Observation?patient=pat-000001', 'Patient/pat-999999', 'no-such-operation/at-all'];
    const statuses = await batchOf(urls);
    const wrong = statuses.flatMap((status, index) => {
      const code = Number(status.split(' ')[0]);
      return status === `${code} ${PHRASES[code]}` ? [] : [`${urls[index]}: "${status}"`];
    });
    expect(new Set(statuses.map((status) => status.split(' ')[0])).size, 'statuses covered').to.be.greaterThan(2);
    expect(wrong.join('\n'), `${wrong.length} of ${urls.length} wrong`).to.equal('');
  });
});
