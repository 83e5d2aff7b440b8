import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { signInPersonas, type SignInPersona } from '../src/index.js';
import pg from 'pg';
import { numberedPlaceholders } from '../src/store/postgres-store.js';
import { compartmentStatement, searchStatements } from '../src/store/search-sql.js';
import type { Criterion, SearchQuery } from '../src/store/store.js';
import { checkResponse } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type BundleJson = {
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: { resource: Json; search?: { mode: string } }[];
  meta?: { security?: { code: string }[] };
};

let testHub: TestHub;
let gp: SignInPersona;
let related: string; // a resident registered at the GP's practice
let unrelated: string; // a resident with no care relationship with the GP's practice

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  gp = personas.find((persona) => persona.id === 'gp')!;
  related = (
    (
      await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1', [
        gp.organizationId,
      ])
    )[0] as { id: string }
  ).id;
  unrelated = (
    (
      await testHub.hub.store.query(
        "SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (SELECT patient_id FROM relationship WHERE organization_id = ?) ORDER BY id LIMIT 1",
        [gp.organizationId],
      )
    )[0] as { id: string }
  ).id;
});
after(() => testHub.close());

/**
 * PostgreSQL's plan for `statement` (a generic plan, as the hub's pool makes them) as it would be in a borough whose
 * resource partitions hold 10,000 times the rows of the test one: the test borough is so small that reading a few
 * dozen rows whole is rightly the cheapest plan there. The planner's row counts are scaled in a transaction that is
 * rolled back; the index tables keep theirs (a code or a name matches a few rows, however large the borough).
 */
async function explainAtScale(spec: string, statement: { text: string; values: unknown[] }): Promise<string> {
  const url = new URL(spec);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.search = '';
  const client = new pg.Client({ connectionString: url.href, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
    await client.query(
      `UPDATE pg_class SET reltuples = GREATEST(reltuples, 1) * 10000
        WHERE relnamespace = $1::regnamespace AND relname LIKE 'resource\\_p%'`,
      [schema],
    );
    await client.query(`PREPARE scaled AS ${numberedPlaceholders(statement.text)}`);
    const literal = (value: unknown) =>
      value === null || value === undefined ? 'NULL' : typeof value === 'number' ? String(value) : client.escapeLiteral(String(value));
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE scaled(${statement.values.map(literal).join(', ')})`);
    return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    await client.query('DEALLOCATE ALL');
    await client.end();
  }
}

/** SQLite's plan for `statement`, a line a step. */
async function sqlitePlan(statement: { text: string; values: unknown[] }): Promise<string> {
  const plan = await testHub.hub.store.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${statement.text}`, statement.values);
  return plan.map((row) => row.detail).join('\n');
}

/** The nodes of a PostgreSQL plan (each with its conditions) that read a table matching `table`. */
const nodesReading = (plan: string, table: RegExp) => plan.split(/\n(?=\s*->)/).filter((node) => table.test(node));

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const bundle = (body: Json) => body as BundleJson;
const matches = (body: Json) => (bundle(body).entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => entry.resource);

describe('seeding', () => {
  test('seeds a borough once and refuses to mix boroughs in one database', async () => {
    assert.equal(testHub.hub.seeded.seeded, true);
    const count = ((await testHub.hub.store.query("SELECT COUNT(*) AS n FROM resource WHERE type = 'Patient'"))[0] as { n: number }).n;
    assert.equal(count, 60);
    const { createHub } = await import('../src/index.js');
    await assert.rejects(
      createHub({ store: testHub.store, residents: 61, seed: 'test-borough', now: '2026-11-28T09:00:00Z', origin: 'http://127.0.0.1:1' }),
      /different borough/,
    );
  });
});

describe('reads and searches', () => {
  test('metadata is public and lists the contract’s resources', async () => {
    const { status, body } = await testHub.call(undefined, '/metadata');
    assert.equal(status, 200);
    const types = ((body['rest'] as { resource: { type: string }[] }[])[0]?.resource ?? []).map((resource) => resource.type);
    for (const type of ['Patient', 'Observation', 'MedicationStatement', 'AuditEvent']) assert.ok(types.includes(type), type);
  });

  test('a request without a token is refused with an OperationOutcome', async () => {
    const { status, headers, body } = await testHub.call(undefined, `/Patient/${related}`);
    assert.equal(status, 401);
    assert.equal(body['resourceType'], 'OperationOutcome');
    assert.match(headers.get('www-authenticate') ?? '', /Bearer/);
  });

  test('a GP reads a registered patient, with an ETag that answers 304 when unchanged', async () => {
    const token = await testHub.signIn('gp');
    const first = await testHub.call(token, `/Patient/${related}`);
    assert.equal(first.status, 200);
    assert.equal(first.body['id'], related);
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^W\/"\d+"$/);
    const again = await testHub.call(token, `/Patient/${related}`, { headers: { 'if-none-match': etag ?? '' } });
    assert.equal(again.status, 304);
  });

  test('echoes X-Request-ID and X-Correlation-ID', async () => {
    const token = await testHub.signIn('gp');
    const requestId = randomUUID();
    const { headers } = await testHub.call(token, `/Patient/${related}`, {
      headers: { 'x-request-id': requestId, 'x-correlation-id': 'gp-system/session-1' },
    });
    assert.equal(headers.get('x-request-id'), requestId);
    assert.equal(headers.get('x-correlation-id'), 'gp-system/session-1');
  });

  test('finds a patient by NHS number', async () => {
    const token = await testHub.signIn('gp');
    const patient = (await testHub.hub.store.read('Patient', related))!.resource as { identifier: { system: string; value: string }[] };
    const nhs = patient.identifier.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')!.value;
    const { body } = await testHub.call(token, `/Patient?identifier=${encodeURIComponent(`https://fhir.nhs.uk/Id/nhs-number|${nhs}`)}`);
    assert.deepEqual(
      matches(body).map((resource) => resource['id']),
      [related],
    );
  });

  test('date prefixes, categories and sort order narrow and order a search', async () => {
    const token = await testHub.signIn('gp');
    const all = await testHub.call(token, `/Observation?patient=${related}&_count=500&_sort=date`);
    const dates = matches(all.body).map((resource) =>
      String(resource['effectiveDateTime'] ?? (resource['effectivePeriod'] as Json | undefined)?.['start'] ?? ''),
    );
    assert.ok(dates.length > 2, 'the resident has observations');
    assert.deepEqual([...dates].sort(), dates, 'ascending by date');
    const middle = dates[Math.floor(dates.length / 2)]!.slice(0, 10);
    const later = await testHub.call(token, `/Observation?patient=${related}&date=ge${middle}&_count=500`);
    const laterDates = matches(later.body).map((resource) => String(resource['effectiveDateTime'] ?? ''));
    assert.ok(laterDates.length > 0 && laterDates.length < dates.length);
    assert.ok(laterDates.every((date) => date.slice(0, 10) >= middle));
    const vitals = await testHub.call(token, `/Observation?patient=${related}&category=vital-signs&_count=500`);
    assert.ok(
      matches(vitals.body).every((resource) =>
        (resource['category'] as { coding: { code: string }[] }[]).some((category) =>
          category.coding.some((coding) => coding.code === 'vital-signs'),
        ),
      ),
    );
  });

  test('_include adds the referenced organisations once, marked as included', async () => {
    const token = await testHub.signIn('gp');
    const { body } = await testHub.call(token, `/Encounter?patient=${related}&_include=Encounter:service-provider&_count=500`);
    const entries = bundle(body).entry ?? [];
    const providers = new Set(
      matches(body)
        .map((encounter) => (encounter['serviceProvider'] as { reference?: string } | undefined)?.reference)
        .filter(Boolean),
    );
    const included = entries
      .filter((entry) => entry.search?.mode === 'include')
      .map((entry) => `${String(entry.resource['resourceType'])}/${String(entry.resource['id'])}`);
    assert.ok(providers.size > 0, 'the resident has encounters with providers');
    assert.deepEqual(new Set(included), providers);
    assert.equal(included.length, providers.size);
  });

  test('_lastUpdated finds what changed since a moment', async () => {
    const token = await testHub.signIn('gp');
    const before = await testHub.call(token, `/Condition?patient=${related}&_lastUpdated=gt2030-01-01`);
    assert.equal(bundle(before.body).total, 0);
    const since = await testHub.call(token, `/Condition?patient=${related}&_lastUpdated=ge2026-01-01`);
    assert.ok((bundle(since.body).total ?? 0) > 0);
  });

  test('pages follow next links with no overlap and no gap', async () => {
    const token = await testHub.signIn('gp');
    const whole = await testHub.call(token, `/Observation?patient=${related}&_count=500`);
    const expected = matches(whole.body).map((resource) => resource['id']);
    const seen: unknown[] = [];
    let next: string | undefined = `${testHub.fhir}/Observation?patient=${related}&_count=3`;
    while (next) {
      const page = await testHub.call(token, next.slice(testHub.fhir.length));
      assert.equal(bundle(page.body).total, expected.length);
      seen.push(...matches(page.body).map((resource) => resource['id']));
      next = bundle(page.body).link?.find((link) => link.relation === 'next')?.url;
    }
    assert.deepEqual(seen, expected);
  });

  test('a mistyped or malformed search parameter is a 400 naming it', async () => {
    const token = await testHub.signIn('gp');
    const typo = await testHub.call(token, `/Observation?patinet=${related}`);
    assert.equal(typo.status, 400);
    assert.match(JSON.stringify(typo.body), /patinet/);
    const badDate = await testHub.call(token, `/Observation?patient=${related}&date=yesterday`);
    assert.equal(badDate.status, 400);
    const missing = await testHub.call(token, '/Observation?category=vital-signs');
    assert.equal(missing.status, 400);
  });

  test('the record summary is one collection Bundle that starts with the patient', async () => {
    const token = await testHub.signIn('gp');
    const { status, body } = await testHub.call(token, `/Patient/${related}/$summary`);
    assert.equal(status, 200);
    assert.equal(body['type'], 'collection');
    const entries = (body['entry'] as { resource: Json }[]).map((entry) => entry.resource);
    assert.equal(entries[0]?.['resourceType'], 'Patient');
    assert.equal(entries[0]?.['id'], related);
    const strays = entries
      .filter((resource) => resource['resourceType'] !== 'OperationOutcome' && resource['resourceType'] !== 'Patient')
      .filter((resource) => {
        const reference = (resource['subject'] ?? resource['patient']) as { reference?: string } | undefined;
        return reference?.reference !== undefined && reference.reference !== `Patient/${related}`;
      });
    assert.deepEqual(strays, [], 'nothing from another resident');
  });

  test('a batch answers each read on its own, failures included', async () => {
    const token = await testHub.signIn('gp');
    const { status, body } = await testHub.call(token, '/', {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          { request: { method: 'GET', url: `Patient/${related}` } },
          { request: { method: 'GET', url: `AllergyIntolerance?patient=${related}` } },
          { request: { method: 'GET', url: 'Patient/no-such-patient' } },
          { request: { method: 'GET', url: `Condition?patient=${unrelated}` } },
        ],
      },
    });
    assert.equal(status, 200);
    const responses = (body['entry'] as { response: { status: string; outcome?: Json } }[]).map((entry) => entry.response.status);
    // A resident who does not exist is refused as an unrelated one is (R13): the GP learns nothing of who exists.
    assert.deepEqual(responses, ['200 OK', '200 OK', '403 Forbidden', '403 Forbidden']);
  });
});

describe('access policy and audit', () => {
  test('no relationship is refused; break-glass with a reason is allowed and audited as such', async () => {
    const token = await testHub.signIn('gp');
    const refused = await testHub.call(token, `/Condition?patient=${unrelated}`);
    assert.equal(refused.status, 403);
    assert.match(JSON.stringify(refused.body), /NO_LEGITIMATE_RELATIONSHIP/);
    const tooShort = await testHub.call(token, `/Condition?patient=${unrelated}`, { headers: { 'x-break-glass-reason': 'urgent' } });
    assert.equal(tooShort.status, 400);
    const reason = 'Collapsed in clinic, no history available';
    const allowed = await testHub.call(token, `/Condition?patient=${unrelated}`, { headers: { 'x-break-glass-reason': reason } });
    assert.equal(allowed.status, 200);
    const events = (
      await testHub.hub.store.search({
        type: 'AuditEvent',
        patientId: unrelated,
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 10,
        visibility: { hiddenLabels: [] },
      })
    ).resources;
    const breakGlass = events.find((event) => JSON.stringify(event['purposeOfEvent']).includes('ETREAT'));
    assert.ok(breakGlass, 'a break-glass AuditEvent');
    assert.match(JSON.stringify(breakGlass['purposeOfEvent']), new RegExp(reason));
  });

  test('a resident sees their own record and who looked at it, and nobody else’s record', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const gpToken = await testHub.signIn('gp');
    const own = await testHub.call(token, `/Patient/${resident.patientId}`);
    assert.equal(own.status, 200);
    const other = await testHub.call(token, `/Patient/${resident.patientId === related ? unrelated : related}`);
    assert.equal(other.status, 403);
    // A professional with a relationship looks; the resident then finds that in their access log.
    await testHub.call(gpToken, `/Patient/${resident.patientId}/$summary`, {
      headers: { 'x-break-glass-reason': 'Test of the access log for residents' },
    });
    const log = await testHub.call(token, `/AuditEvent?patient=${resident.patientId}&_count=100`);
    assert.equal(log.status, 200);
    const viewers = matches(log.body).map((event) => JSON.stringify(event['agent']));
    assert.ok(
      viewers.some((agent) => agent.includes(gp.fhirUser)),
      'the GP’s look is listed',
    );
  });

  test('residents never see NOPAT items; professionals do', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const patientId = resident.patientId!;
    await testHub.hub.store.put({
      resourceType: 'Flag',
      id: 'flag-nopat-test',
      meta: {
        source: 'https://care-record.example/source/' + gp.odsCode,
        security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NOPAT' }],
      },
      status: 'active',
      code: { text: 'Do not discuss prognosis without family present' },
      subject: { reference: `Patient/${patientId}` },
      period: { start: '2026-10-01' },
    });
    const token = await testHub.signIn('resident');
    const flags = await testHub.call(token, `/Flag?patient=${patientId}&_count=500`);
    assert.ok(!matches(flags.body).some((flag) => flag['id'] === 'flag-nopat-test'));
    const read = await testHub.call(token, '/Flag/flag-nopat-test');
    assert.equal(read.status, 404);
    const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
    assert.ok(!JSON.stringify(summary.body).includes('flag-nopat-test'));
  });

  test('sensitive items are withheld from other organisations, and the answer says so without saying what', async () => {
    const token = await testHub.signIn('gp');
    await testHub.hub.store.put({
      resourceType: 'Condition',
      id: 'cond-sensitive-test',
      meta: {
        source: 'https://care-record.example/source/SEXHLTH1',
        security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SEX' }],
      },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { text: 'Sensitive condition' },
      subject: { reference: `Patient/${related}` },
      recordedDate: '2026-09-01',
    });
    const { body } = await testHub.call(token, `/Condition?patient=${related}&_count=500`);
    assert.ok(!JSON.stringify(body).includes('cond-sensitive-test'));
    assert.ok(!JSON.stringify(body).includes('Sensitive condition'));
    assert.ok(bundle(body).meta?.security?.some((label) => label.code === 'REDACTED'));
    const notice = (bundle(body).entry ?? []).find((entry) => entry.search?.mode === 'outcome');
    assert.match(JSON.stringify(notice), /Some information is not shown/);
  });

  test('a receptionist sees appointments and demographics but no clinical detail', async () => {
    const token = await testHub.signIn('receptionist', { scope: 'openid fhirUser user/Patient.rs user/Appointment.rs' });
    const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
    const patientId = (
      (
        await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? LIMIT 1', [
          receptionist.organizationId,
        ])
      )[0] as { id: string }
    ).id;
    assert.equal((await testHub.call(token, `/Appointment?patient=${patientId}`)).status, 200);
    assert.equal((await testHub.call(token, `/AllergyIntolerance?patient=${patientId}`)).status, 403);
    const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
    const types = new Set((summary.body['entry'] as { resource: Json }[]).map((entry) => entry.resource['resourceType']));
    for (const clinical of ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement', 'Flag'])
      assert.ok(!types.has(clinical), clinical);
  });

  test('every read of a record writes an AuditEvent naming who, role, organisation and patient', async () => {
    const token = await testHub.signIn('gp');
    const before = (
      await testHub.hub.store.search({
        type: 'AuditEvent',
        patientId: related,
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 1000,
        visibility: { hiddenLabels: [] },
      })
    ).total;
    await testHub.call(token, `/MedicationStatement?patient=${related}`);
    await testHub.call(token, `/Patient/${related}`);
    const events = await testHub.hub.store.search({
      type: 'AuditEvent',
      patientId: related,
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 1000,
      visibility: { hiddenLabels: [] },
    });
    assert.equal(events.total, before + 2);
    const latest = JSON.stringify(events.resources[0]);
    assert.ok(
      latest.includes(gp.fhirUser) && latest.includes(`Patient/${related}`) && latest.includes(`Organization/${gp.organizationId}`),
    );
  });
});

describe('resident-entered readings', () => {
  const weight = (patientId: string, kg: number, entry = randomUUID()) => ({
    resourceType: 'Observation',
    identifier: [{ system: 'https://care-record.example/Id/resident-entry', value: entry }],
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
    subject: { reference: `Patient/${patientId}` },
    performer: [{ reference: `Patient/${patientId}` }],
    effectiveDateTime: '2026-11-27T08:30:00Z',
    valueQuantity: { value: kg, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
  });

  test('a repeat with the same X-Request-ID returns the original, never a duplicate; a different body is a conflict', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const key = randomUUID();
    const reading = weight(resident.patientId!, 71.4);
    const first = await testHub.call(token, '/Observation', { method: 'POST', body: reading, headers: { 'x-request-id': key } });
    assert.equal(first.status, 201);
    assert.match(first.headers.get('location') ?? '', /\/Observation\/obs-/);
    const repeat = await testHub.call(token, '/Observation', { method: 'POST', body: reading, headers: { 'x-request-id': key } });
    assert.equal(repeat.status, 200);
    assert.equal(repeat.body['id'], first.body['id']);
    const conflict = await testHub.call(token, '/Observation', {
      method: 'POST',
      body: weight(resident.patientId!, 72),
      headers: { 'x-request-id': key },
    });
    assert.equal(conflict.status, 409);
  });

  test('If-None-Exist finds an entry already saved under another request id', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const entry = randomUUID();
    const reading = weight(resident.patientId!, 70.1, entry);
    const condition = `identifier=https://care-record.example/Id/resident-entry|${entry}`;
    const first = await testHub.call(token, '/Observation', {
      method: 'POST',
      body: reading,
      headers: { 'x-request-id': randomUUID(), 'if-none-exist': condition },
    });
    const second = await testHub.call(token, '/Observation', {
      method: 'POST',
      body: reading,
      headers: { 'x-request-id': randomUUID(), 'if-none-exist': condition },
    });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body['id'], first.body['id']);
  });

  test('a standard FHIR client creates without X-Request-ID, and If-None-Exist alone keeps it from a duplicate', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const entry = randomUUID();
    const reading = weight(resident.patientId!, 70.3, entry);
    const condition = `identifier=https://care-record.example/Id/resident-entry|${entry}`;
    const first = await testHub.call(token, '/Observation', { method: 'POST', body: reading, headers: { 'if-none-exist': condition } });
    const second = await testHub.call(token, '/Observation', { method: 'POST', body: reading, headers: { 'if-none-exist': condition } });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(second.status, 200);
    assert.equal(second.body['id'], first.body['id']);
    const plain = await testHub.call(token, '/Observation', { method: 'POST', body: weight(resident.patientId!, 70.4, randomUUID()) });
    assert.equal(plain.status, 201);
    assert.notEqual(plain.body['id'], first.body['id']);
  });

  test('an implausible reading is refused with a reason; a professional cannot post as a resident', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const implausible = await testHub.call(token, '/Observation', {
      method: 'POST',
      body: weight(resident.patientId!, 7000),
      headers: { 'x-request-id': randomUUID() },
    });
    assert.equal(implausible.status, 422);
    assert.match(JSON.stringify(implausible.body), /Body weight/);
    const gpToken = await testHub.signIn('gp');
    const professional = await testHub.call(gpToken, '/Observation', {
      method: 'POST',
      body: weight(related, 70),
      headers: { 'x-request-id': randomUUID() },
    });
    assert.equal(professional.status, 403);
  });
});

describe('the contract holds', () => {
  test('responses to a corpus of requests match the contract’s schemas', async () => {
    const gpToken = await testHub.signIn('gp');
    const residentToken = await testHub.signIn('resident');
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
    const corpus: [string, string, string, string | undefined][] = [
      ['GET', '/metadata', '/metadata', undefined],
      ['GET', '/Patient/{id}', `/Patient/${related}`, gpToken],
      ['GET', '/Patient/{id}', '/Patient/nobody', gpToken],
      ['GET', '/Patient/{id}/$summary', `/Patient/${related}/$summary`, gpToken],
      ['GET', '/Patient/{id}/$summary', `/Patient/${resident}/$summary`, residentToken],
      ['GET', '/Patient', `/Patient?_id=${related}`, gpToken],
      ['GET', '/AuditEvent', `/AuditEvent?patient=${resident}`, residentToken],
      ['GET', '/Observation', `/Observation?patinet=${related}`, gpToken],
      ['GET', '/Observation', `/Observation?patient=${unrelated}`, gpToken],
      ['GET', '/Observation', `/Observation?patient=${related}`, undefined],
    ];
    for (const type of [
      'AllergyIntolerance',
      'Condition',
      'MedicationStatement',
      'MedicationRequest',
      'Encounter',
      'Appointment',
      'EpisodeOfCare',
      'Observation',
      'DiagnosticReport',
      'CarePlan',
      'Flag',
      'DocumentReference',
      'Consent',
      'RelatedPerson',
    ]) {
      corpus.push(['GET', `/${type}`, `/${type}?patient=${related}&_count=20`, gpToken]);
      const first = matches((await testHub.call(gpToken, `/${type}?patient=${related}&_count=1`)).body)[0];
      if (first) corpus.push(['GET', `/${type}/{id}`, `/${type}/${String(first['id'])}`, gpToken]);
    }
    const failures: string[] = [];
    for (const [method, template, path, token] of corpus) {
      const { status, body } = await testHub.call(token, path);
      const result = checkResponse(testHub.hub.schemas, method, template, status, body);
      if (!result.valid) failures.push(`${method} ${path} → ${status}: ${result.errors.slice(0, 3).join('; ')}`);
    }
    assert.deepEqual(failures, []);
  });

  test('a patient-scoped search is answered from the compartment index (of one partition, in PostgreSQL), not a scan', async () => {
    const store = testHub.hub.store;
    const visibility = { hiddenLabels: ['SEX', 'SDV', 'R', 'V'], unlessSource: `https://care-record.example/source/${gp.odsCode}` };
    // The statements the store really runs: a timeline page, and a record page's search with a code and a date.
    const page = searchStatements(
      { type: 'Observation', patientId: related, criteria: [], sort: { by: 'date', descending: true }, count: 50, visibility },
      store.kind,
    );
    const filtered = searchStatements(
      {
        type: 'Observation',
        patientId: related,
        criteria: [
          { kind: 'token', name: 'category', values: [{ system: '', code: 'vital-signs' }], anySystem: [true] },
          {
            kind: 'date',
            name: 'date',
            criteria: [{ prefix: 'ge', range: { start: Date.UTC(2020, 0, 1), end: Date.UTC(2020, 0, 2) - 1 } }],
          },
        ],
        sort: { by: 'date', descending: true },
        count: 50,
        visibility,
      },
      store.kind,
    );
    // And the summary's read of every section at once.
    const summary = compartmentStatement(
      {
        patientId: related,
        types: ['Flag', 'AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement', 'CarePlan', 'Appointment'],
        sort: { by: 'date', descending: true },
        limit: 10_000,
        visibility,
      },
      store.kind,
    );
    const statements = [page.page, page.total, filtered.page, filtered.total, summary];
    // An Appointment may be in several residents' compartments: the summary also reads those kept under another
    // resident that name this one, by their index entries (`_compartment`), each fetched by its primary key.
    if (store.kind === 'sqlite') {
      for (const statement of statements) {
        const text = await sqlitePlan(statement);
        assert.match(text, /SEARCH (r|resource) USING INDEX resource_compartment/);
        assert.doesNotMatch(text, /SCAN (r|t|d|resource)\b(?! USING)/);
      }
      return;
    }
    const plans: string[] = [];
    for (const statement of statements) {
      const plan = await store.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.values);
      const [own = '', others = ''] = plan
        .map((row) => row['QUERY PLAN'])
        .join('\n')
        .split(/(?=\n\s*->\s+Subquery Scan on "\*SELECT\* 2")/);
      for (const node of nodesReading(others, /\bresource_p\d\d\b/))
        assert.match(node, /Index Scan using resource_p\d\d_pkey/, `another's row is fetched by its key:\n${others}`);
      for (const node of nodesReading(others, /\bsearch_token_p\d\d\b/))
        assert.match(node, /name = '_compartment'/, `only the other-compartment entries are read:\n${others}`);
      const text = own;
      plans.push(text);
      // The resident's partition of each table it reads, and no other; no table read whole.
      for (const table of ['resource', 'search_token', 'search_date'])
        assert.ok(new Set(text.match(new RegExp(`\\b${table}_p\\d\\d\\b`, 'g'))).size <= 1, `one partition of ${table}:\n${text}`);
      assert.match(text, /\bresource_p\d\d\b/);
      assert.doesNotMatch(text, /Seq Scan/, text);
    }
    // A page of the timeline, and its count, are read from the compartment index.
    const compartment = /(Index (Only )?Scan( Backward)? using|Bitmap Index Scan on) resource_p\d\d_patient_id_type_sort_date_id_idx/;
    assert.match(plans[0] ?? '', compartment, plans[0]);
    assert.match(plans[1] ?? '', compartment, plans[1]);
    assert.match(plans[4] ?? '', compartment, plans[4]);
  });

  test("a criterion within a resident's records is checked row by row, in their partition alone", async () => {
    const store = testHub.hub.store;
    const visibility = { hiddenLabels: ['SEX', 'SDV', 'R', 'V'], unlessSource: 'https://care-record.example/source/X' };
    const scoped = (type: string, criteria: Criterion[], sort: SearchQuery['sort'] = { by: 'date', descending: true }) =>
      searchStatements({ type, patientId: related, criteria, sort, count: 50, visibility }, store.kind);
    const token = (name: string, code: string): Criterion => ({ kind: 'token', name, values: [{ system: '', code }], anySystem: [true] });
    const statements = [
      // The resident's sharing choices, read on every request about their record.
      scoped('Consent', [token('status', 'active')], { by: 'lastUpdated', descending: true }),
      scoped('Observation', [token('category', 'vital-signs')]),
      scoped('Observation', [{ kind: 'string', name: 'code-text', prefixes: ['blood'] }]),
      scoped('Encounter', [
        { kind: 'date', name: 'date', criteria: [{ prefix: 'ge', range: { start: Date.UTC(2020, 0, 1), end: Date.UTC(2020, 0, 2) - 1 } }] },
      ]),
    ];
    const wholesale: string[] = [];
    for (const statement of statements.flatMap((each) => [each.page, each.total])) {
      if (store.kind === 'sqlite') {
        const text = await sqlitePlan(statement);
        assert.match(text, /SEARCH r USING INDEX resource_compartment/, text);
        assert.doesNotMatch(text, /SCAN (r|t|d)\b(?! USING)/, text);
        continue;
      }
      const text = await explainAtScale(testHub.store, statement);
      // Each read of an index table looks up the entries of one row (by rid), in one partition: not every entry with
      // the criterion's name and value in the partition, whose number grows with the borough, not the record.
      const reads = nodesReading(text, /\bon (search_token|search_date)_p\d\d\b/);
      if (reads.length === 0 || reads.some((node) => !/\(?rid = r(_\d+)?\.rid\b/.test(node))) wholesale.push(`${statement.text}\n${text}`);
      for (const table of ['search_token', 'search_date'])
        assert.ok(new Set(text.match(new RegExp(`\\b${table}_p\\d\\d\\b`, 'g'))).size <= 1, `one partition of ${table}:\n${text}`);
    }
    assert.deepEqual(wholesale, [], 'index tables read beyond the rows of the record');
  });

  test('a search across the borough finds each row by its whole key, not by a scan of every partition', async () => {
    const store = testHub.hub.store;
    const ods = gp.odsCode ?? '';
    const practice = gp.organizationId ?? '';
    const visibility = { hiddenLabels: [], unlessSource: undefined };
    const search = (type: string, criterion: Criterion, sort: SearchQuery['sort'] = { by: 'text', descending: false }) =>
      searchStatements({ type, criteria: [criterion], sort, count: 50, visibility }, store.kind);
    // Every kind of criterion a search without a resident can have: the sources' organisations (one or several
    // systems), a patient by NHS number, by name (a prefix), by id, and a practice's patients.
    const statements = [
      search('Organization', { kind: 'token', name: 'identifier', values: [{ system: ODS, code: ods }], anySystem: [false] }),
      search('Organization', {
        kind: 'token',
        name: 'identifier',
        values: [
          { system: ODS, code: ods },
          { system: 'https://fhir.nhs.uk/Id/ods-site-code', code: ods },
        ],
        anySystem: [false, false],
      }),
      search('Patient', { kind: 'token', name: 'identifier', values: [{ system: '', code: '9000000009' }], anySystem: [true] }),
      search('Patient', { kind: 'string', name: 'name', prefixes: ['smi'] }),
      search('Patient', { kind: 'id', ids: [related, unrelated] }),
      search('Patient', { kind: 'relatedTo', organizationId: practice }),
    ];
    const unkeyed: string[] = [];
    for (const statement of [...statements.map((each) => each.page), ...statements.map((each) => each.total)]) {
      if (store.kind === 'sqlite') {
        const text = await sqlitePlan(statement);
        assert.doesNotMatch(text, /SCAN (r|t)\b(?! USING (COVERING )?INDEX)/, `${statement.text}\n${text}`);
        continue;
      }
      const text = await explainAtScale(testHub.store, statement);
      assert.doesNotMatch(text, /Seq Scan on resource_p/, `${statement.text}\n${text}`);
      // Each read of a resource partition names the resident (patient_id): a row found through an index table is
      // fetched by its partition's primary key (patient_id, rid), a resident by their own partition. Else every
      // partition's index would be read whole for each search, a cost that grows with the borough.
      for (const node of nodesReading(text, /\bon resource_p\d\d/))
        if (!/patient_id/.test(node)) {
          unkeyed.push(statement.text);
          break;
        }
    }
    assert.deepEqual(unkeyed, [], 'resource partitions read without the resident');
  });

  test("PostgreSQL compiles none of the hub's statements just in time, however large the borough grows", async (t) => {
    const store = testHub.hub.store;
    if (store.kind !== 'postgres') {
      t.skip('PostgreSQL only: SQLite has no JIT');
      return;
    }
    // A generic plan's cost estimate grows with the borough's row counts. At Islington's 206,000 residents the
    // search for a summary's sources (three rows, 1 ms) passed `jit_above_cost`, and PostgreSQL compiled 661
    // functions before every run of it: 270-940 ms each (`bench/README.md`). Every statement the hub sends goes
    // through its pool, whose connections are all opened with the same options: JIT is off on each.
    const settings = await Promise.all(Array.from({ length: 3 }, () => store.query<{ jit: string }>('SHOW jit')));
    assert.deepEqual(
      settings.map(([row]) => row?.jit),
      ['off', 'off', 'off'],
    );
  });
});
