/**
 * Trying an invitation again (same key) after its first attempt saved the person and their permission: the SDK looks
 * for that permission before saving one, because not every FHIR server keeps `If-None-Exist` for a Consent. It read
 * one page of her permissions, so one on a later page (she has many, or the server caps a page below `_count`) was
 * saved again: two permissions for one person, and her "stop" ended only one of them.
 *
 * Against a plain FHIR server on loopback that pages its searches and keeps `If-None-Exist` only for RelatedPerson.
 * The class: where the earlier permission is (the first page, the end of the first, the second, the fifth, the last)
 * × how it is known (it carries the invitation's key, or only names the person) × the server's page size.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createHubClient, inviteCarer, PROXY_ACTION_SYSTEM, PROXY_CONSENT_CATEGORY } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from '../client/loopback-server.js';

type Json = Record<string, unknown>;
const PATIENT = 'pat-0001';
const KEY = '5f0c2a9e-7b1d-4c3e-8a6f-1d2e3b4c5a60';
const INVITATION = 'https://care-record.example/Id/carer-invitation';
const PERSON = 'relatedperson-invited';

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const permission = (id: string, person: string, status: string, keyed: boolean): Json => ({
  resourceType: 'Consent',
  id,
  status,
  ...(keyed ? { identifier: [{ system: INVITATION, value: `urn:uuid:${KEY}` }] } : {}),
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [PROXY_CONSENT_CATEGORY] }],
  patient: { reference: `Patient/${PATIENT}` },
  performer: [{ reference: `Patient/${PATIENT}` }],
  provision: {
    type: 'permit',
    actor: [{ role: { coding: [{ code: 'AUT' }] }, reference: { reference: `RelatedPerson/${person}` } }],
    action: [{ coding: [{ system: PROXY_ACTION_SYSTEM, code: 'view-record' }] }],
  },
});

/** A plain server holding her permissions in search order, `pageSize` a page whatever `_count` asks. */
function plainServer(consents: Json[], pageSize: number) {
  const send = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, fhirJson).end(JSON.stringify(body));
  };
  const person = {
    resourceType: 'RelatedPerson',
    id: PERSON,
    identifier: [{ system: INVITATION, value: `urn:uuid:${KEY}` }],
    patient: { reference: `Patient/${PATIENT}` },
    name: [{ text: 'Ann Smith' }],
  };
  return (request: SeenRequest, response: ServerResponse): void => {
    const url = new URL(request.url, server.origin);
    const path = url.pathname.replace(/^\/fhir\/?/, '');
    if (request.method === 'GET' && path === 'Consent') {
      const from = Number(url.searchParams.get('_offset') ?? '0');
      const next = from + pageSize < consents.length;
      const query = new URLSearchParams(url.searchParams);
      query.set('_offset', String(from + pageSize));
      return send(response, 200, {
        resourceType: 'Bundle',
        type: 'searchset',
        total: consents.length,
        entry: consents.slice(from, from + pageSize).map((resource) => ({ resource, search: { mode: 'match' } })),
        ...(next ? { link: [{ relation: 'next', url: `${server.origin}/fhir/Consent?${query.toString()}` }] } : {}),
      });
    }
    // The person the first attempt added, found by its key.
    if (request.method === 'POST' && path === 'RelatedPerson') return send(response, 200, person);
    if (request.method === 'POST' && path === 'Consent') {
      const saved = { ...(JSON.parse(request.body) as Json), id: `consent-${consents.length + 1}` };
      consents.push(saved);
      return send(response, 201, saved);
    }
    if (request.method === 'POST' && path === `RelatedPerson/${PERSON}/$invite`)
      return send(response, 200, {
        resourceType: 'Parameters',
        parameter: [
          { name: 'code', valueString: 'ABCD-EFGH' },
          { name: 'expires', valueDateTime: '2026-12-13T00:00:00Z' },
        ],
      });
    send(response, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  };
}

/** Her permissions, `others` of them for other people (stopped), with the earlier attempt's at `at`. */
function permissions(others: number, at: number, keyed: boolean): Json[] {
  const list = Array.from({ length: others }, (_, n) => permission(`other-${n}`, `relatedperson-${n}`, 'inactive', false));
  list.splice(at, 0, permission('earlier', PERSON, 'proposed', keyed));
  return list;
}

/** Tries the invitation again; how many permissions name the person invited afterwards. */
async function permissionsForHerAfterRetry(consents: Json[], pageSize: number): Promise<number> {
  server.answer = plainServer(consents, pageSize);
  const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: { limit: 0 }, timeout: 5_000 });
  await inviteCarer(hub, PATIENT, { name: 'Ann Smith', actions: ['view-record'], withheld: [] }, { idempotencyKey: KEY });
  return consents.filter((consent) => JSON.stringify(consent).includes(`RelatedPerson/${PERSON}`)).length;
}

describe('an invitation tried again finds its permission on any page', () => {
  test('reported: the earlier permission on page 2 (she has 100 others) is not saved a second time', async () => {
    assert.equal(await permissionsForHerAfterRetry(permissions(100, 100, true), 100), 1);
  });

  test('class: where it is × how it is known × the page size', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const pageSize of [10, 100])
      for (const keyed of [true, false])
        for (const [where, at] of [
          ['first on page 1', 0],
          ['last on page 1', pageSize - 1],
          ['on page 2', pageSize],
          ['on page 5', 4 * pageSize + 3],
          ['last of all', 6 * pageSize],
        ] as const) {
          cases += 1;
          const count = await permissionsForHerAfterRetry(permissions(6 * pageSize, at, keyed), pageSize);
          if (count !== 1) wrong.push(`${where}, ${keyed ? 'keyed' : 'by person'}, pages of ${pageSize}: ${count} permissions`);
        }
    assert.deepEqual(wrong, [], `${wrong.length}/${cases} cases wrong`);
  });
});
