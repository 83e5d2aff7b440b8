/**
 * A carer's access that has ended, or has not started yet, says when, as the
 * sharing screen says when a choice ended or starts ("ended on 30 June
 * 2026"): "This access has ended." left the resident to guess whether it
 * ended yesterday or years ago, and "has not started yet" when it would. For
 * the person shown by name and for someone not shown here alike. Against a
 * plain FHIR server behind the client's `fetch`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { buildProxyConsent, createHubClient, loadCarers } from '../../src/index.js';

type Json = Record<string, unknown>;
const PATIENT = 'pat-0001';
const NOW = new Date('2026-12-01T12:00:00Z');

/** One resident and one permission with `period`, for rp-1 (shown) or for someone not shown (no actor). */
function plainServer(period: { start?: string; end?: string }, shown: boolean) {
  const person: Json = {
    resourceType: 'RelatedPerson',
    id: 'rp-1',
    patient: { reference: `Patient/${PATIENT}` },
    name: [{ text: 'Aoife Lloyd' }],
  };
  const patient: Json = { resourceType: 'Patient', id: PATIENT, birthDate: '1950-02-01' };
  const built = buildProxyConsent({ patientId: PATIENT, relatedPersonId: 'rp-1', actions: ['view-record'], withheld: [] });
  // Someone not shown: the hub leaves the actor out of a partial view, tagged SUBSETTED.
  const { actor, ...rest } = built.provision ?? {};
  const provision = shown ? { ...rest, actor, period } : { ...rest, period };
  const meta = {
    versionId: '1',
    ...(shown ? {} : { tag: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' }] }),
  };
  // The resident gave it (the hub stamps who and when).
  const given = { dateTime: '2025-01-05T10:00:00Z', performer: [{ reference: `Patient/${PATIENT}` }] };
  const consent = { ...built, ...given, id: 'proxy-1', status: 'active', meta, provision };
  const bundle = (resources: Json[]) => ({ resourceType: 'Bundle', type: 'searchset', entry: resources.map((resource) => ({ resource })) });
  const read = (path: string): Json => {
    const at = new URL(path, 'https://plain.test/fhir/').pathname.replace(/^\/fhir\//, '');
    if (at === `Patient/${PATIENT}`) return patient;
    if (at === 'RelatedPerson') return bundle([person]);
    if (at === 'Consent') return bundle([consent as unknown as Json]);
    return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] };
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const json = (body: unknown) =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/fhir+json' } });
    if (request.method === 'POST') {
      const batch = (await request.json()) as { entry: { request: { url: string } }[] };
      return json({
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map((entry) => ({ resource: read(entry.request.url), response: { status: '200 OK' } })),
      });
    }
    return json(read(request.url));
  };
  return createHubClient({ baseUrl: 'https://plain.test/fhir', auth: 'token', fetch, retry: false });
}

async function standing(period: { start?: string; end?: string }, shown: boolean) {
  const model = await loadCarers(plainServer(period, shown), PATIENT, { now: NOW });
  assert.equal(model.carers.length, 1);
  const [carer] = model.carers;
  assert.equal(carer?.personShown, shown);
  return carer!;
}

describe('carers: an access that has ended or not started says when', () => {
  test('reported: an access that ended on 30 June 2026 says so, with the date', async () => {
    const carer = await standing({ start: '2025-01-05', end: '2026-06-30' }, true);
    assert.equal(carer.inForce, false);
    assert.equal(carer.standingText, 'This access ended on 30 June 2026.');
  });

  const CASES: { period: { start?: string; end?: string }; words: string | undefined }[] = [
    { period: { end: '2026-06-30' }, words: 'This access ended on 30 June 2026.' },
    { period: { start: '2020-03-01', end: '2026-11-30' }, words: 'This access ended on 30 November 2026.' },
    { period: { start: '2027-01-05' }, words: 'This access starts on 5 January 2027.' },
    { period: { start: '2026-12-02', end: '2027-06-30' }, words: 'This access starts on 2 December 2026.' },
    { period: { start: '2026-01-05', end: '2027-06-30' }, words: undefined },
  ];
  for (const { period, words } of CASES)
    for (const shown of [true, false])
      test(`${JSON.stringify(period)}, ${shown ? 'shown by name' : 'for someone not shown'}`, async () => {
        const carer = await standing(period, shown);
        assert.equal(carer.inForce, words === undefined);
        if (words !== undefined) assert.equal(carer.standingText, words);
      });
});
