/**
 * The gate attacked from outside, by every kind of caller (a carer, a
 * receptionist, a resident, a council social worker, a GP and a nurse with
 * no relationship, an EHR launch, nobody signed in), through what the hub
 * does not serve as well as what it does: other spellings of a path (letter
 * case, a trailing slash, percent-encoded separators and names), history and
 * vread, `$everything`, compartment searches (`Patient/x/Observation`),
 * PATCH, DELETE, HEAD, conditional update and delete, chained, reverse
 * chained, `_has`, `_elements`, `_revinclude`, `_include:iterate` and
 * wildcard includes, duplicated and case-variant parameters, and `_count` and
 * `_sort` out of range.
 *
 * None of them may answer with a record, and none may tell who exists: for
 * each caller, each request about a resident who exists (a stranger to every
 * caller, with an item of every record type) is answered exactly as the same
 * request about an id of no one. And nothing is answered to someone not
 * signed in but a refusal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInCallers } from './support/callers.js';
import { exampleOf, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const STRANGER = 'out-stranger';
const NOBODY = 'out-nobody';
/** Someone the EHR launch is for, so that the launch token is not refused for its patient alone. */
const LAUNCH_PATIENT = 'pat-000003';

let testHub: TestHub;
const tokens: Record<string, string | undefined> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      await hub.store.transaction(async (store) => {
        await store.put({ ...exampleOf('Patient'), id: STRANGER, identifier: [] });
        for (const type of RECORD_TYPES) await store.put(recordItem(type, `${STRANGER}-${type.toLowerCase()}`, STRANGER));
      });
    },
  });
  Object.assign(tokens, await signInCallers(testHub, LAUNCH_PATIENT));
  tokens['nobody signed in'] = undefined;
});
after(() => testHub.close());

/** Requests about one resident that the contract does not offer, or offers only in another spelling. */
function unservedWays(patient: string): { method: string; path: string; body?: unknown }[] {
  const item = `${patient}-observation`;
  const gets = [
    `/patient/${patient}`,
    `/PATIENT/${patient}`,
    `/Patient/${patient}/`,
    `/Patient/${patient}//`,
    `/Patient%2F${patient}`,
    `/Patient/${patient}%2F%24summary`,
    `/Patient/${patient}/%24summary`,
    `/Patient/${patient}/$SUMMARY`,
    `/Patient/${patient}/$everything`,
    `/Patient/${patient}/_history`,
    `/Patient/${patient}/_history/1`,
    `/Observation/${item}/_history/1`,
    `/Patient/${patient}/Observation`,
    `/Patient/${patient}/*`,
    `/Patient/_history`,
    `/_history`,
    `/Observation?patient.identifier=9990000018`,
    `/Observation?patient:Patient=${patient}`,
    `/Observation?subject:Patient=${patient}`,
    `/Observation?patient=${patient}&_elements=id,code`,
    `/Observation?patient=${patient}&_revinclude=Provenance:target`,
    `/Observation?patient=${patient}&_include=*`,
    `/Observation?patient=${patient}&_include:iterate=Observation:performer`,
    `/Observation?patient=${patient}&_has:DiagnosticReport:result:status=final`,
    `/Patient?_has:Observation:patient:code=27113001`,
    `/Patient?_id=${patient}&_revinclude=Observation:patient`,
    `/Observation?patient=${patient}&patient=${patient}`,
    `/Observation?patient=${patient}&PATIENT=${patient}`,
    `/Observation?patient=${patient}&subject=Patient/${patient}`,
    `/Observation?patient=${patient}&_count=100000`,
    `/Observation?patient=${patient}&_count=-1`,
    `/Observation?patient=${patient}&_sort=-date,code`,
    `/Observation?patient=${patient}&_sort=value-quantity`,
    `/Observation?patient=${patient}&_summary=true`,
  ];
  return [
    ...gets.map((path) => ({ method: 'GET', path })),
    { method: 'HEAD', path: `/Patient/${patient}` },
    { method: 'PATCH', path: `/Patient/${patient}`, body: [{ op: 'replace', path: '/active', value: false }] },
    { method: 'DELETE', path: `/Observation/${item}` },
    { method: 'DELETE', path: `/Observation?patient=${patient}` },
    { method: 'PUT', path: `/Observation?patient=${patient}`, body: { resourceType: 'Observation' } },
    { method: 'PUT', path: `/Observation/${item}`, body: { resourceType: 'Observation', id: item } },
    { method: 'POST', path: `/Patient/${patient}/$everything`, body: { resourceType: 'Parameters' } },
    { method: 'POST', path: `/Observation/_search`, body: undefined },
  ];
}

/** What a client can tell from an answer: its status, and the codes and types it names — never its ids. */
async function answer(token: string | undefined, way: { method: string; path: string; body?: unknown }): Promise<string> {
  const response = await fetch(`${testHub.fhir}${way.path}`, {
    method: way.method,
    headers: {
      accept: 'application/fhir+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(way.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
    },
    ...(way.body === undefined ? {} : { body: JSON.stringify(way.body) }),
  });
  const text = await response.text();
  const body = (text === '' ? {} : JSON.parse(text)) as Json;
  const issues = ((body['issue'] as { code?: string; details?: { coding?: { code?: string }[] } }[] | undefined) ?? []).map(
    (issue) => `${issue.code ?? ''}:${(issue.details?.coding ?? []).map((coding) => coding.code).join('+')}`,
  );
  return `${response.status} ${String(body['resourceType'] ?? '')} ${issues.join(',')}`;
}

describe('what the hub does not serve answers nothing, and tells nothing of who exists', () => {
  test('every caller × every other way in, for a resident who exists and for an id of no one', async (context) => {
    const wrong: string[] = [];
    let asked = 0;
    const stranger = unservedWays(STRANGER);
    const nobody = unservedWays(NOBODY);
    for (const [caller, token] of Object.entries(tokens))
      for (const [index, way] of stranger.entries()) {
        const about = await answer(token, way);
        const aboutNobody = await answer(token, nobody[index]!);
        asked += 2;
        const label = `${caller} ${way.method} ${way.path.replace(STRANGER, '{id}')}`;
        if (/^2\d\d /.test(about)) wrong.push(`${label}: answered ${about}`);
        if (about !== aboutNobody) wrong.push(`${label}: ${about} for a resident, ${aboutNobody} for no one`);
        if (token === undefined && !/^(401|404|405) /.test(about)) wrong.push(`${label}: not signed in, answered ${about}`);
      }
    context.diagnostic(`${asked} requests`);
    assert.deepEqual(wrong, []);
  });
});
