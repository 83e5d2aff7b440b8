/**
 * The record page asks a server for every medicine its headline counts as
 * current (on hold, draft, intended and unknown as well as active), so that
 * the summary never says "No current medications recorded" while the
 * medication list shows one; and a part that could not be read is an error,
 * never "none".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createHubClient, openRecord } from '../../src/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const subject = { reference: `Patient/${PATIENT}` };
const searchset = (resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});

/** A server that answers the page's batch, holding one medicine on hold; `medicines` may be made to fail. */
function server(asked: string[], medicines: 'ok' | 'fails' = 'ok'): typeof fetch {
  const onHold = {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    status: 'on-hold',
    intent: 'order',
    subject,
    medicationCodeableConcept: { text: 'Warfarin 1mg tablets' },
  };
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const json = (body: object) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/fhir+json' } });
    if (url.pathname.endsWith('/metadata'))
      return json({
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [],
      });
    const body = input instanceof Request ? await input.text() : String(init?.body ?? '');
    const batch = JSON.parse(body) as { entry: { request: { url: string } }[] };
    return json({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: batch.entry.map(({ request }) => {
        asked.push(decodeURIComponent(request.url));
        if (request.url.startsWith('Patient/'))
          return { resource: { resourceType: 'Patient', id: PATIENT }, response: { status: '200 OK' } };
        if (request.url.startsWith('MedicationRequest?')) {
          if (medicines === 'fails') return { response: { status: '500 Internal Server Error' } };
          const statuses = new URL(request.url, 'https://x.example/').searchParams.get('status')?.split(',') ?? [];
          return { resource: searchset(statuses.includes('on-hold') ? [onHold] : []), response: { status: '200 OK' } };
        }
        return { resource: searchset([]), response: { status: '200 OK' } };
      }),
    });
  };
}

describe('the record page’s medicines', () => {
  test('asks for every current status, and the headline counts a medicine on hold', async () => {
    const asked: string[] = [];
    const client = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: 'token', retry: { limit: 0 }, fetch: server(asked) });
    const page = await openRecord(client, PATIENT, { audience: 'clinician', now: () => new Date(NOW) }).page();
    assert.ok(
      asked.includes(
        `MedicationRequest?patient=${PATIENT}&status=active,on-hold,draft,unknown&_include=MedicationRequest:medication&_count=500`,
      ),
      asked.join('\n'),
    );
    assert.ok(
      asked.includes(
        `MedicationStatement?patient=${PATIENT}&status=active,on-hold,intended,unknown&_include=MedicationStatement:medication&_count=500`,
      ),
      asked.join('\n'),
    );
    assert.deepEqual(
      page.summary.sections.medications.items.map((item) => item.name),
      ['Warfarin 1mg tablets'],
    );
  });

  test('medicines that could not be read fail their section: never "No current medications recorded"', async () => {
    // A failed search is that search's, not the record's (R17): the section says it could not be read, the rest shows.
    const client = createHubClient({ baseUrl: 'https://hub.example/fhir', auth: 'token', retry: { limit: 0 }, fetch: server([], 'fails') });
    const page = await openRecord(client, PATIENT, { audience: 'clinician', now: () => new Date(NOW) }).page();
    const medications = page.summary.sections.medications;
    assert.equal(medications.state, 'partial');
    assert.deepEqual(medications.items, []);
    assert.notEqual(medications.emptyText, 'No current medications recorded');
    assert.ok(
      // The prescriptions' search failed and the statements' was read: the part that failed is named.
      medications.notices.some((line) => line.startsWith('Prescriptions could not be read')),
      medications.notices.join(' | '),
    );
  });
});
