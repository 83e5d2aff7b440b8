/**
 * The classes of fault behind the gate findings, each checked across
 * everything of its kind rather than the one case reported:
 * - the audit is complete: a scripted session of allowed and refused requests
 *   of every kind writes exactly one AuditEvent each, with the right outcome;
 * - the withheld notice is no oracle: for every token and date search
 *   parameter of every record type in the contract, a filter that matches a
 *   withheld item and one that matches nothing answer alike;
 * - hostile input: every request of a corpus of malformed, oversized,
 *   mis-encoded, deep and duplicated input gets a 4xx OperationOutcome, and
 *   the hub keeps serving.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas, type SignInPersona } from '../src/index.js';
import { searchDefinitions } from '../src/store/search-parameters.js';
import { RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

let testHub: TestHub;
let personas: SignInPersona[];
const TARGET = 'gc-resident';
const tokens: Record<string, string> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const all = signInPersonas(hub.borough);
      const patient = (await hub.store.read('Patient', all.find((persona) => persona.id === 'resident')?.patientId ?? ''))?.resource ?? {};
      await hub.store.put({ ...patient, id: TARGET, identifier: [] });
      for (const persona of all) if (persona.organizationId) await hub.store.relate(TARGET, persona.organizationId);
      // One visible and one withheld (sexual health, recorded elsewhere) item of every record type.
      for (const type of RECORD_TYPES) {
        await hub.store.put(recordItem(type, `gc-${type.toLowerCase()}-plain`, TARGET));
        await hub.store.put(recordItem(type, `gc-${type.toLowerCase()}-withheld`, TARGET, ['SEX']));
      }
    },
  });
  personas = signInPersonas(testHub.hub.borough);
  tokens['gp'] = await testHub.signIn('gp');
  tokens['receptionist'] = await testHub.signIn('receptionist');
  tokens['resident'] = await testHub.signIn('resident', {
    scope: 'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu',
  });
});
after(() => testHub.close());

const entries = (body: Json) => (body['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [];
const matches = (body: Json) =>
  entries(body)
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource['id']));
const withheldNotice = (body: Json) =>
  entries(body).some((entry) => entry.search?.mode === 'outcome' && JSON.stringify(entry.resource).includes('INFORMATION_WITHHELD'));

describe('the audit is complete', () => {
  test('N allowed and M refused requests of every kind write exactly N + M AuditEvents with the right outcomes', async (context) => {
    const resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
    const unrelated = (
      (
        await testHub.hub.store.query(
          "SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (SELECT patient_id FROM relationship WHERE organization_id = ?) ORDER BY id LIMIT 1",
          [personas.find((persona) => persona.id === 'gp')?.organizationId],
        )
      )[0] as { id: string }
    ).id;
    const reading = {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
      subject: { reference: `Patient/${resident}` },
      effectiveDateTime: '2026-11-27T08:00:00Z',
      valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    };
    type Step = {
      who: string;
      path: string;
      init?: { method?: string; body?: unknown; headers?: Record<string, string> };
      audit: ('0' | '4')[];
    };
    const batch = (urls: string[]) => ({
      method: 'POST',
      body: { resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) },
    });
    const steps: Step[] = [
      { who: 'gp', path: `/Patient/${TARGET}`, audit: ['0'] },
      { who: 'gp', path: `/Condition?patient=${TARGET}`, audit: ['0'] },
      { who: 'gp', path: `/Condition/gc-condition-plain`, audit: ['0'] },
      { who: 'gp', path: `/Condition/gc-condition-withheld`, audit: ['4'] },
      { who: 'gp', path: `/Patient/${TARGET}/$summary`, audit: ['0'] },
      { who: 'gp', path: `/Patient?_id=${TARGET}`, audit: ['0'] },
      { who: 'gp', path: `/Patient?_id=${unrelated}`, audit: ['0'] },
      { who: 'gp', path: `/Patient/${unrelated}`, audit: ['4'] },
      { who: 'gp', path: `/Observation?patient=${unrelated}`, audit: ['4'] },
      { who: 'gp', path: `/Patient/${unrelated}/$summary`, audit: ['4'] },
      {
        who: 'gp',
        path: `/Patient/${unrelated}`,
        init: { headers: { 'x-break-glass-reason': 'Unconscious, brought in by ambulance' } },
        audit: ['0'],
      },
      { who: 'gp', path: `/Condition?patient=${TARGET}&not-a-parameter=1`, audit: ['4'] },
      { who: 'gp', path: `/AuditEvent?patient=${TARGET}`, audit: ['4'] },
      { who: 'gp', path: '/Observation', init: { method: 'POST', body: reading, headers: { 'x-request-id': randomUUID() } }, audit: ['4'] },
      {
        who: 'gp',
        path: '/',
        init: batch([`Condition?patient=${TARGET}`, `Patient/${unrelated}`, 'Organization?_count=1']),
        audit: ['0', '4'],
      },
      { who: 'gp', path: '/Organization?_count=1', audit: [] },
      { who: 'receptionist', path: `/AllergyIntolerance?patient=${TARGET}`, audit: ['4'] },
      { who: 'receptionist', path: `/Appointment?patient=${TARGET}`, audit: ['0'] },
      { who: 'resident', path: `/Observation?patient=${resident}`, audit: ['0'] },
      { who: 'resident', path: `/Observation?patient=${TARGET}`, audit: ['4'] },
      {
        who: 'resident',
        path: '/Observation',
        init: { method: 'POST', body: reading, headers: { 'x-request-id': randomUUID() } },
        audit: ['0'],
      },
      {
        who: 'resident',
        path: '/Observation',
        init: {
          method: 'POST',
          body: { ...reading, valueQuantity: { ...reading.valueQuantity, value: 720 } },
          headers: { 'x-request-id': randomUUID() },
        },
        audit: ['4'],
      },
      { who: 'resident', path: `/AuditEvent?patient=${resident}`, audit: ['0'] },
      { who: 'resident', path: '/metadata', audit: [] },
    ];
    const start = ((await testHub.hub.store.query('SELECT COALESCE(MAX(rid), 0) AS rid FROM audit_event'))[0] as { rid: number }).rid;
    const expected: string[] = [];
    for (const step of steps) {
      const answer = await testHub.call(tokens[step.who], step.path, step.init);
      assert.ok(answer.status < 500, `${step.path} answered ${answer.status}`);
      expected.push(...step.audit);
    }
    const written = (await testHub.hub.store.query("SELECT json FROM audit_event WHERE type = 'AuditEvent' AND rid > ? ORDER BY rid", [
      start,
    ])) as { json: string }[];
    const outcomes = written.map(({ json }) => String((JSON.parse(json) as { outcome?: string }).outcome));
    const allowed = expected.filter((outcome) => outcome === '0').length;
    const refused = expected.length - allowed;
    context.diagnostic(`audit completeness: ${allowed} allowed + ${refused} refused requests → ${written.length} AuditEvents`);
    assert.deepEqual(outcomes, expected);
  });
});

describe('the withheld notice is no oracle', () => {
  test('for every token and date parameter of every record type, a match on a withheld item and no match answer alike', async (context) => {
    const operations = contractOperations(testHub.hub.schemas.document);
    let compared = 0;
    for (const type of RECORD_TYPES) {
      const search = operations.find((operation) => operation.operationId === `search${type}`);
      assert.ok(search, `the contract searches ${type}`);
      const withheld = (await testHub.hub.store.read(type, `gc-${type.toLowerCase()}-withheld`))?.resource ?? {};
      for (const parameter of search.parameters) {
        const definition = searchDefinitions[type]?.parameters[parameter.name];
        if (parameter.in !== 'query' || !definition || definition.kind === 'string' || definition.kind === 'reference') continue;
        // Values the contract accepts: an enumerated parameter takes its codes alone, so the miss is another of them.
        const allowed = enumOf(parameter.valuePointer);
        const values = definition.kind === 'date' ? [] : definition.values(withheld);
        const hit =
          definition.kind === 'date'
            ? definition.values(withheld).map((range) => `ge${new Date(range.start).toISOString().slice(0, 10)}`)[0]
            : allowed
              ? values.map((value) => value.code).find((code) => allowed.includes(code))
              : values.map((value) => (value.system ? `${value.system}|${value.code}` : value.code))[0];
        if (hit === undefined) continue;
        const miss =
          definition.kind === 'date' ? 'lt1800-01-01' : allowed ? allowed.find((code) => code !== hit) : 'urn:no-such-system|no-such-code';
        if (miss === undefined) continue;
        const answer = async (value: string) =>
          testHub.call(tokens['gp'], `/${type}?patient=${TARGET}&${parameter.name}=${encodeURIComponent(value)}`);
        const [onWithheld, onNothing] = [await answer(hit), await answer(miss)];
        assert.equal(onWithheld.status, 200, `${type} ${parameter.name}`);
        assert.ok(!matches(onWithheld.body).includes(`gc-${type.toLowerCase()}-withheld`), `${type} ${parameter.name} leaks the item`);
        assert.equal(withheldNotice(onWithheld.body), withheldNotice(onNothing.body), `${type} ${parameter.name}`);
        assert.equal(withheldNotice(onNothing.body), true, `${type} ${parameter.name}: the notice is about the record, not the filter`);
        compared += 1;
      }
    }
    context.diagnostic(`withheld-notice oracle: ${compared} parameters compared`);
    assert.ok(compared >= 20, `only ${compared} parameters were compared`);
  });
});

/** The codes an enumerated parameter of the contract takes, if it is enumerated. */
function enumOf(pointer: string): string[] | undefined {
  let schema: unknown = testHub.hub.schemas.document;
  for (const segment of pointer.replace(/^#\//, '').split('/'))
    schema = (schema as Json | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  const values = (schema as { enum?: unknown[] } | undefined)?.enum;
  return values?.filter((value): value is string => typeof value === 'string');
}

/** Sends bytes as they are, for what fetch would refuse to send; resolves to the status and body. */
function rawRequest(text: string | Buffer): Promise<{ status: number; body: string }> {
  const url = new URL(testHub.origin);
  return new Promise((resolve, reject) => {
    // Written, not ended: the hub answers and closes (`connection: close`); a half-closed socket would be dropped first.
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    // The hub may answer and close before a huge request is all written: what it answered still counts.
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      resolve({ status, body });
    });
  });
}

describe('hostile input', () => {
  test('every request of the corpus gets a 4xx OperationOutcome, and the hub keeps serving', async (context) => {
    const gp = `Bearer ${tokens['gp'] ?? ''}`;
    const resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
    const get = (path: string, headers: Record<string, string> = {}) =>
      [
        `GET /fhir${path} HTTP/1.1`,
        'host: 127.0.0.1',
        `authorization: ${gp}`,
        'connection: close',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
    const post = (path: string, body: Buffer | string, contentType = 'application/fhir+json', token = tokens['resident']) => {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
      return Buffer.concat([
        Buffer.from(
          [
            `POST /fhir${path} HTTP/1.1`,
            'host: 127.0.0.1',
            `authorization: Bearer ${token ?? ''}`,
            `content-type: ${contentType}`,
            `content-length: ${bytes.length}`,
            `x-request-id: ${randomUUID()}`,
            'connection: close',
            '',
            '',
          ].join('\r\n'),
        ),
        bytes,
      ]);
    };
    const reading = (extra: Json = {}) =>
      JSON.stringify({
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001' }] },
        subject: { reference: `Patient/${resident}` },
        effectiveDateTime: '2026-11-27T08:00:00Z',
        valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
        ...extra,
      });
    const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `p${index}`).join(',');
    const corpus: [string, string | Buffer][] = [
      ['a 100 KB query string', get(`/Patient?family=${'a'.repeat(100_000)}`)],
      ['a 9 KB URL', get(`/Patient?family=${'a'.repeat(9_000)}`)],
      ['headers of 40 KB', get(`/Patient/${TARGET}`, { 'x-padding': 'b'.repeat(40_000) })],
      ['a malformed percent-encoding in the path', get('/Patient/%E0%A4%A')],
      ['a lone % in the path', get('/Patient/abc%')],
      ['bytes that are not UTF-8 in the query', get('/Patient?identifier=%FF%FE')],
      ['an overlong UTF-8 encoding in the query', get('/Patient?family=%C0%AF%C0%AF')],
      ['a malformed percent-encoding in the query', get(`/Condition?patient=${TARGET}&code=%ZZ`)],
      ['a repeated single-valued parameter', get(`/Condition?patient=${TARGET}&_count=1&_count=2`)],
      ['an unknown parameter', get(`/Condition?patient=${TARGET}&evil=1`)],
      ['a missing required parameter', get('/Condition')],
      ['a count that is not a number', get(`/Condition?patient=${TARGET}&_count=lots`)],
      ['60 ids', get(`/Patient?_id=${ids(60)}`)],
      ['1,000 ids', get(`/Patient?_id=${ids(1_000)}`)],
      ['40,000 ids', get(`/Patient?_id=${ids(40_000)}`)],
      ['a date that is not a date', get(`/Condition?patient=${TARGET}&recorded-date=yesterday`)],
      ['a cursor that was never issued', get(`/Condition?patient=${TARGET}&_cursor=AAAA`)],
      ['a break-glass reason too short', get(`/Patient/${TARGET}`, { 'x-break-glass-reason': 'x' })],
      ['an unknown operation', get('/Patient/abc/$everything')],
      ['an unknown resource type', get('/Secret?patient=1')],
      ['a body that is not JSON', post('/Observation', '{"resourceType": "Observation",')],
      [
        'a body that is not UTF-8',
        post(
          '/Observation',
          Buffer.concat([
            Buffer.from(reading().slice(0, -1)),
            Buffer.from(',"note":[{"text":"'),
            Buffer.from([0xc3, 0x28]),
            Buffer.from('"}]}'),
          ]),
        ),
      ],
      [
        'a body nested 10,000 deep',
        post('/Observation', reading({ extension: [JSON.parse(deep(100)) as unknown] }).replace('"a":1', `"a":${deep(10_000)}`)),
      ],
      ['a body nested 40 deep', post('/Observation', reading({ extension: [JSON.parse(deep(40)) as unknown] }))],
      ['a 20,000-character note', post('/Observation', reading({ note: [{ text: 'n'.repeat(20_000) }] }))],
      ['a body of 10 MB', post('/Observation', reading({ note: [{ text: 'n'.repeat(10_000_000) }] }))],
      ['a body of the wrong type', post('/Observation', 'weight=72', 'text/plain')],
      ['a body of another resource type', post('/Observation', JSON.stringify({ resourceType: 'Patient' }))],
      ['a body that is an array', post('/Observation', '[]')],
      // JSON keeps the last of two keys: the second subject names another resident.
      [
        'a repeated subject naming another resident',
        post('/Observation', `${reading().slice(0, -1)},"subject":{"reference":"Patient/pat-000002"}}`),
      ],
      [
        'a batch of 40,000 ids',
        post(
          '/',
          JSON.stringify({
            resourceType: 'Bundle',
            type: 'batch',
            entry: [{ request: { method: 'GET', url: `Patient?_id=${ids(40_000)}` } }],
          }),
          'application/fhir+json',
          tokens['gp'],
        ),
      ],
      [
        'a batch of 21 entries',
        post(
          '/',
          JSON.stringify({
            resourceType: 'Bundle',
            type: 'batch',
            entry: Array.from({ length: 21 }, () => ({ request: { method: 'GET', url: `Patient/${TARGET}` } })),
          }),
          'application/fhir+json',
          tokens['gp'],
        ),
      ],
      [
        'a batch that is not a batch',
        post('/', JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [] }), 'application/fhir+json', tokens['gp']),
      ],
      ['not HTTP at all', 'HELLO\r\n\r\n'],
    ];
    const otherResidentsReadings = async () =>
      (
        (
          await testHub.hub.store.query("SELECT COUNT(*) AS n FROM resource WHERE type = 'Observation' AND patient_id = 'pat-000002'")
        )[0] as { n: number }
      ).n;
    const before = await otherResidentsReadings();
    const answered: string[] = [];
    for (const [name, request] of corpus) {
      const { status, body } = await rawRequest(request);
      assert.ok(status >= 400 && status < 500, `${name}: answered ${status}`);
      let outcome: Json = {};
      try {
        outcome = JSON.parse(body) as Json;
      } catch {
        assert.fail(`${name}: the answer is not JSON`);
      }
      assert.equal(outcome['resourceType'], 'OperationOutcome', `${name}: ${body.slice(0, 200)}`);
      answered.push(`${status} ${name}`);
      const metadata = await fetch(`${testHub.fhir}/metadata`);
      assert.equal(metadata.status, 200, `the hub stopped serving after ${name}`);
    }
    context.diagnostic(`hostile corpus: ${corpus.length} requests, each a 4xx OperationOutcome:\n  ${answered.join('\n  ')}`);
    assert.equal(await otherResidentsReadings(), before, 'nothing was stored for another resident');
  });
});
