/**
 * The hub as a FHIR server for any client: FHIR's general parameters and
 * headers that generic clients send (`_format`, `_total`, `Prefer:
 * handling=lenient`, `Accept`), `subject` as well as `patient`, batch at
 * `POST [base]`, and a CapabilityStatement that says truthfully what each
 * search parameter is and what `_include` takes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { searchDefinitions } from '../src/store/search-parameters.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

let testHub: TestHub;
let gpToken: string;
let related: string;

before(async () => {
  testHub = await startTestHub();
  gpToken = await testHub.signIn('gp');
  const gp = testHub.hub.borough.personas.gp;
  related = (
    (
      await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1', [
        gp.organizationId,
      ])
    )[0] as { id: string }
  ).id;
});
after(() => testHub.close());

const matchIds = (body: Json) =>
  ((body['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource['id']));

describe('general FHIR parameters and headers', () => {
  test('_format=json (in any of its spellings) and _total are accepted; XML is 406 with an OperationOutcome', async () => {
    const plain = await testHub.call(gpToken, `/Condition?patient=${related}`);
    for (const format of ['json', 'application/json', 'application/fhir+json']) {
      const answer = await testHub.call(gpToken, `/Condition?patient=${related}&_format=${encodeURIComponent(format)}`);
      assert.equal(answer.status, 200, format);
      assert.deepEqual(matchIds(answer.body), matchIds(plain.body));
    }
    assert.equal((await testHub.call(gpToken, `/Condition?patient=${related}&_total=accurate`)).status, 200);
    const xml = await testHub.call(gpToken, `/Condition?patient=${related}&_format=xml`);
    assert.equal(xml.status, 406);
    assert.equal(xml.body['resourceType'], 'OperationOutcome');
    const accept = await fetch(`${testHub.fhir}/Patient/${related}`, {
      headers: { authorization: `Bearer ${gpToken}`, accept: 'application/fhir+xml' },
    });
    assert.equal(accept.status, 406);
    assert.equal(((await accept.json()) as Json)['resourceType'], 'OperationOutcome');
    const either = await fetch(`${testHub.fhir}/Patient/${related}`, {
      headers: { authorization: `Bearer ${gpToken}`, accept: 'application/fhir+xml;q=0.9, application/fhir+json' },
    });
    assert.equal(either.status, 200);
  });

  test('an unknown parameter is a 400 unless the client asks for lenient handling', async () => {
    const strict = await testHub.call(gpToken, `/Condition?patient=${related}&_pretty=true&unknown-thing=1`);
    assert.equal(strict.status, 400);
    const lenient = await testHub.call(gpToken, `/Condition?patient=${related}&unknown-thing=1`, {
      headers: { prefer: 'handling=lenient' },
    });
    assert.equal(lenient.status, 200);
    assert.deepEqual(matchIds(lenient.body), matchIds((await testHub.call(gpToken, `/Condition?patient=${related}`)).body));
  });

  test('subject=Patient/… finds what patient=… finds', async () => {
    for (const type of ['Condition', 'Observation', 'Encounter', 'AllergyIntolerance']) {
      const byPatient = await testHub.call(gpToken, `/${type}?patient=${related}&_count=20`);
      const bySubject = await testHub.call(gpToken, `/${type}?subject=Patient/${related}&_count=20`);
      assert.equal(bySubject.status, 200, type);
      assert.deepEqual(matchIds(bySubject.body), matchIds(byPatient.body), type);
    }
  });

  test('a batch is accepted at POST [base] without the trailing slash', async () => {
    const response = await fetch(testHub.fhir, {
      method: 'POST',
      headers: { authorization: `Bearer ${gpToken}`, 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Patient/${related}` } }] }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as { type: string; entry: { response: { status: string } }[] };
    assert.equal(body.type, 'batch-response');
    assert.match(body.entry[0]?.response.status ?? '', /^200/);
  });
});

describe('a truthful CapabilityStatement', () => {
  test('declares each search parameter with its real type, the _include values, and a $summary definition that resolves', async () => {
    const { body } = await testHub.call(undefined, '/metadata');
    const resources = (body['rest'] as { resource: Json[] }[])[0]?.resource ?? [];
    const typeOf = { token: 'token', reference: 'reference', string: 'string', date: 'date' } as const;
    let checked = 0;
    for (const resource of resources) {
      const type = String(resource['type']);
      for (const parameter of (resource['searchParam'] as { name: string; type: string }[] | undefined) ?? []) {
        if (parameter.name === 'patient' || parameter.name === 'subject') {
          assert.equal(parameter.type, 'reference', `${type}.${parameter.name}`);
        } else {
          const known = searchDefinitions[type]?.parameters[parameter.name];
          assert.ok(known, `${type}.${parameter.name} is a parameter the hub indexes`);
          assert.equal(parameter.type, typeOf[known.kind], `${type}.${parameter.name}`);
        }
        checked += 1;
      }
      const includes = Object.keys(searchDefinitions[type]?.includes ?? {});
      if (includes.length > 0) assert.deepEqual(resource['searchInclude'], includes, `${type} searchInclude`);
    }
    assert.ok(checked > 40, `only ${checked} parameters declared`);
    const patient = resources.find((resource) => resource['type'] === 'Patient');
    const summary = (patient?.['operation'] as { name: string; definition: string }[] | undefined)?.find(
      (operation) => operation.name === 'summary',
    );
    assert.equal(summary?.definition, 'https://care-record.example/fhir/OperationDefinition/care-record-summary');
    const definition = await testHub.call(undefined, '/OperationDefinition/care-record-summary');
    assert.equal(definition.status, 200);
    assert.equal(definition.body['resourceType'], 'OperationDefinition');
    assert.equal(definition.body['url'], summary?.definition);
    assert.equal(definition.body['code'], 'summary');
  });
});
