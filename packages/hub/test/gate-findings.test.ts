/**
 * The access-gate findings, each reproduced as an attacker met it on the real
 * hub: Patient searches around the policy, the withheld notice as an oracle,
 * `patient/` scopes beyond the launch patient, refused probes without a
 * trace, client-set security labels, and hostile input answered outside the
 * contract.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { signInPersonas, type SignInPersona } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type BundleJson = { total?: number; entry?: { resource: Json; search?: { mode: string } }[] };

let testHub: TestHub;
let gp: SignInPersona;
let receptionist: SignInPersona;
let related: string;
let unrelated: string;
let unrelatedNhsNumber: string;
let gpToken: string;

const matches = (body: Json) =>
  ((body as BundleJson).entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => entry.resource);
const outcomes = (body: Json) =>
  ((body as BundleJson).entry ?? []).filter((entry) => entry.search?.mode === 'outcome').map((entry) => entry.resource);
const withheldNotice = (body: Json) => JSON.stringify(outcomes(body)).includes('INFORMATION_WITHHELD');
const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const isOutcome = (body: Json) => body['resourceType'] === 'OperationOutcome';

async function auditCount(): Promise<number> {
  return ((await testHub.hub.store.query("SELECT COUNT(*) AS n FROM audit_event WHERE type = 'AuditEvent'"))[0] as { n: number }).n;
}

async function nhsNumberOf(patientId: string): Promise<string> {
  const patient = (await testHub.hub.store.read('Patient', patientId))?.resource as { identifier?: { system?: string; value?: string }[] };
  return patient.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value ?? '';
}

/** A raw request, for what fetch would refuse to send (bad encodings, huge URLs). */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(testHub.fhir);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: 'GET', path: `${url.pathname}${path}`, headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  gp = personas.find((persona) => persona.id === 'gp')!;
  receptionist = personas.find((persona) => persona.id === 'receptionist')!;
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
  unrelatedNhsNumber = await nhsNumberOf(unrelated);
  gpToken = await testHub.signIn('gp');
});
after(() => testHub.close());

describe('finding 1: Patient searches pass the policy', () => {
  test('a GP with no relationship finds nobody by _id or NHS number, and the search is audited', async () => {
    const before = await auditCount();
    const byId = await testHub.call(gpToken, `/Patient?_id=${unrelated}`);
    assert.equal(byId.status, 200);
    assert.deepEqual(matches(byId.body), []);
    const byNumber = await testHub.call(gpToken, `/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${unrelatedNhsNumber}`);
    assert.equal(byNumber.status, 200);
    assert.deepEqual(matches(byNumber.body), []);
    assert.equal(await auditCount(), before + 2);
  });

  test('the GP still finds a related resident, and break-glass with a reason finds an unrelated one', async () => {
    const found = await testHub.call(gpToken, `/Patient?_id=${related}`);
    assert.deepEqual(
      matches(found.body).map((patient) => patient['id']),
      [related],
    );
    const emergency = await testHub.call(gpToken, `/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${unrelatedNhsNumber}`, {
      headers: { 'x-break-glass-reason': 'Unconscious in the surgery waiting room' },
    });
    assert.deepEqual(
      matches(emergency.body).map((patient) => patient['id']),
      [unrelated],
    );
  });

  test('family alone is refused: the contract asks for family with birthdate', async () => {
    const { status, body } = await testHub.call(gpToken, '/Patient?family=sm');
    assert.equal(status, 400);
    assert.equal(hubCode(body), 'INVALID_SEARCH_PARAMETER');
  });

  test('a long _id list is refused rather than answered', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `pat-${String(index).padStart(4, '0')}`).join(',');
    const sixty = await testHub.call(gpToken, `/Patient?_id=${ids(60)}`);
    assert.equal(sixty.status, 400);
    assert.equal(hubCode(sixty.body), 'INVALID_SEARCH_PARAMETER');
    const many = await testHub.call(gpToken, `/Patient?_id=${ids(1_400)}`);
    assert.ok(many.status >= 400 && many.status < 500, String(many.status));
    assert.ok(isOutcome(many.body));
  });

  test('after the resident declines their GP practice, the Patient search no longer finds them', async () => {
    const declining = (
      (
        await testHub.hub.store.query(
          'SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1 OFFSET 1',
          [gp.organizationId],
        )
      )[0] as { id: string }
    ).id;
    await testHub.hub.store.put({
      resourceType: 'Consent',
      id: `consent-decline-${declining}`,
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${declining}` },
      provision: {
        type: 'permit',
        provision: [{ type: 'deny', actor: [{ reference: { reference: `Organization/${gp.organizationId}` } }] }],
      },
    });
    const search = await testHub.call(gpToken, `/Patient?_id=${declining}`);
    assert.deepEqual(matches(search.body), []);
    const read = await testHub.call(gpToken, `/Patient/${declining}`);
    assert.equal(read.status, 403);
    assert.equal(hubCode(read.body), 'SHARING_DECLINED');
  });
});

describe('finding 2: the withheld notice is not an oracle', () => {
  test('a code filter that matches a withheld item and one that matches nothing answer alike', async () => {
    await testHub.hub.store.put({
      resourceType: 'Condition',
      id: 'cond-oracle-sexual-health',
      meta: {
        source: 'https://care-record.example/source/SHC01',
        security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'SEX' }],
      },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://snomed.info/sct', code: '240589008', display: 'Chlamydia' }] },
      subject: { reference: `Patient/${related}` },
      recordedDate: '2026-01-05',
    });
    const withheld = await testHub.call(gpToken, `/Condition?patient=${related}&code=http://snomed.info/sct|240589008`);
    const absent = await testHub.call(gpToken, `/Condition?patient=${related}&code=http://snomed.info/sct|76272004`);
    assert.equal(withheld.status, 200);
    assert.deepEqual(matches(withheld.body), []);
    assert.deepEqual(matches(absent.body), []);
    assert.equal(withheldNotice(withheld.body), withheldNotice(absent.body));
    assert.equal(withheldNotice(absent.body), true, 'the patient has a withheld Condition, whatever the filter');
  });
});

describe('finding 3: patient/ scopes stay with the launch patient', () => {
  test('an EHR launch for one resident with patient/*.rs cannot read another', async () => {
    const launch = await fetch(`${testHub.origin}/auth/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: related }),
    });
    const { launch: launchId } = (await launch.json()) as { launch: string };
    const other = (
      (
        await testHub.hub.store.query(
          'SELECT patient_id AS id FROM relationship WHERE organization_id = ? AND patient_id <> ? ORDER BY patient_id LIMIT 1',
          [gp.organizationId, related],
        )
      )[0] as { id: string }
    ).id;
    const token = await testHub.signIn('gp', { launch: launchId, scope: 'openid fhirUser launch patient/*.rs' });
    assert.equal((await testHub.call(token, `/Patient/${related}`)).status, 200);
    const elsewhere = await testHub.call(token, `/Patient/${other}`);
    assert.equal(elsewhere.status, 403);
    assert.equal((await testHub.call(token, `/Condition?patient=${other}`)).status, 403);
    assert.equal((await testHub.call(token, `/Patient/${other}/$summary`)).status, 403);
    assert.deepEqual(matches((await testHub.call(token, `/Patient?_id=${other}`)).body), []);
  });
});

describe('finding 4: refused attempts leave a trace', () => {
  test('three 403s against an unrelated resident write three AuditEvents that say they were refused', async () => {
    const before = await auditCount();
    for (const path of [`/Patient/${unrelated}`, `/Condition?patient=${unrelated}`, `/Patient/${unrelated}/$summary`]) {
      assert.equal((await testHub.call(gpToken, path)).status, 403);
    }
    assert.equal(await auditCount(), before + 3);
    const latest = (await testHub.hub.store.query("SELECT json FROM audit_event WHERE type = 'AuditEvent' ORDER BY rid DESC LIMIT 3")) as {
      json: string;
    }[];
    for (const { json } of latest) {
      const event = JSON.parse(json) as { outcome?: string; outcomeDesc?: string };
      assert.notEqual(event.outcome, '0');
      assert.match(event.outcomeDesc ?? '', /NO_LEGITIMATE_RELATIONSHIP/);
    }
  });
});

describe('finding 5: the hub sets security labels, clients do not', () => {
  test('a resident’s reading with meta.security is refused', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const { status, body } = await testHub.call(token, '/Observation', {
      method: 'POST',
      headers: { 'x-request-id': '0b7c9f8e-55a4-4d3c-9a51-0e0c1f3b7a01' },
      body: {
        resourceType: 'Observation',
        meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NOPAT' }] },
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
        subject: { reference: `Patient/${resident.patientId}` },
        effectiveDateTime: '2026-11-27T08:00:00Z',
        valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
      },
    });
    assert.equal(status, 422, JSON.stringify(body));
    assert.ok(isOutcome(body));
  });
});

describe('finding 6: hostile input gets an OperationOutcome', () => {
  test('a batch entry with thousands of ids answers 400 in its entry; a 40,000-id batch is refused whole', async () => {
    const batch = (count: number) => ({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: `Patient?_id=${Array.from({ length: count }, (_, index) => `p${index}`).join(',')}` } }],
    });
    const some = await testHub.call(gpToken, '/', { method: 'POST', body: batch(1_000) });
    assert.equal(some.status, 200);
    const entry = (some.body['entry'] as { response: { status: string } }[])[0];
    assert.match(entry?.response.status ?? '', /^400/);
    const all = await testHub.call(gpToken, '/', { method: 'POST', body: batch(40_000) });
    assert.ok(all.status >= 400 && all.status < 500, String(all.status));
    assert.ok(isOutcome(all.body));
    assert.equal((await testHub.call(undefined, '/metadata')).status, 200);
  });

  test('a 100 KB query string and a bad percent-encoding are refused with OperationOutcomes', async () => {
    const long = await raw(`/Patient?family=${'a'.repeat(100_000)}`, { authorization: `Bearer ${gpToken}` });
    assert.ok(long.status >= 400 && long.status < 500, String(long.status));
    assert.equal((JSON.parse(long.body) as Json)['resourceType'], 'OperationOutcome');
    const badPath = await raw('/Patient/%E0%A4%A', { authorization: `Bearer ${gpToken}` });
    assert.equal(badPath.status, 400);
    assert.equal((JSON.parse(badPath.body) as Json)['resourceType'], 'OperationOutcome');
    const badQuery = await raw('/Patient?identifier=%FF%FE', { authorization: `Bearer ${gpToken}` });
    assert.equal(badQuery.status, 400);
    assert.equal((JSON.parse(badQuery.body) as Json)['resourceType'], 'OperationOutcome');
  });

  test('an unauthenticated request is told it is unauthenticated first', async () => {
    const { status, body } = await testHub.call(undefined, '/Observation', { method: 'POST', body: { resourceType: 'Observation' } });
    assert.equal(status, 401);
    assert.equal(hubCode(body), 'ACCESS_DENIED');
  });

  test('a 900 KB note and invalid UTF-8 in a body are refused', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const token = await testHub.signIn('resident');
    const reading = {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
      subject: { reference: `Patient/${resident.patientId}` },
      effectiveDateTime: '2026-11-27T08:00:00Z',
      valueQuantity: { value: 72.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    };
    const long = await testHub.call(token, '/Observation', {
      method: 'POST',
      headers: { 'x-request-id': '0b7c9f8e-55a4-4d3c-9a51-0e0c1f3b7a02' },
      body: { ...reading, note: [{ text: 'x'.repeat(900_000) }] },
    });
    assert.ok(long.status === 413 || long.status === 422, String(long.status));
    assert.ok(isOutcome(long.body));
    const text = JSON.stringify({ ...reading, note: [{ text: 'café' }] });
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from('é', 'utf8'));
    bytes[at] = 0xff;
    const response = await fetch(`${testHub.fhir}/Observation`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/fhir+json',
        'x-request-id': '0b7c9f8e-55a4-4d3c-9a51-0e0c1f3b7a03',
      },
      body: bytes,
    });
    assert.equal(response.status, 400);
    assert.ok(isOutcome((await response.json()) as Json));
  });
});

describe('the receptionist is told what their role leaves out', () => {
  test('$summary for a non-clinical role says clinical information is not available to the role', async () => {
    const token = await testHub.signIn('receptionist');
    const practiceResident = (
      (
        await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1', [
          receptionist.organizationId,
        ])
      )[0] as { id: string }
    ).id;
    const { status, body } = await testHub.call(token, `/Patient/${practiceResident}/$summary`);
    assert.equal(status, 200);
    const notice = ((body as BundleJson).entry ?? [])
      .map((entry) => entry.resource)
      .find((resource) => resource['resourceType'] === 'OperationOutcome' && JSON.stringify(resource).includes('ROLE_RESTRICTED'));
    assert.ok(notice, 'the summary says that the role leaves clinical items out');
    const issue = (notice['issue'] as { code: string; expression?: string[]; details?: { text?: string } }[])[0];
    assert.equal(issue?.code, 'suppressed');
    assert.equal(issue?.details?.text, 'Clinical information is not available to your role');
    assert.ok(issue?.expression?.includes('AllergyIntolerance'));
    const search = await testHub.call(token, `/AllergyIntolerance?patient=${practiceResident}`);
    assert.equal(search.status, 403);
    assert.equal(hubCode(search.body), 'ROLE_RESTRICTED');
  });
});

describe('finding 7: a conditional create is not a way to read', () => {
  test('If-None-Exist never answers with an item the resident may not read, nor matches a whole identifier system', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const patientId = resident.patientId!;
    const system = 'https://lab.example/Id/result';
    const label = (code: string) => ({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code });
    // A lab feed's results, one of them not for the resident to see (NOPAT), one withheld from shared views (SEX).
    const results = [
      { id: 'gf7-nopat', security: [label('NOPAT')] },
      { id: 'gf7-sex', security: [label('SEX'), label('R')] },
      { id: 'gf7-plain', security: [] },
    ];
    await testHub.hub.store.transaction(async (store) => {
      for (const result of results)
        await store.put({
          resourceType: 'Observation',
          id: result.id,
          status: 'final',
          identifier: [{ system, value: result.id }],
          code: { text: 'Result from the lab' },
          subject: { reference: `Patient/${patientId}` },
          valueString: 'only for the clinician',
          meta: { source: 'https://care-record.example/source/RZ8', ...(result.security.length > 0 ? { security: result.security } : {}) },
        });
    });
    const token = await testHub.signIn('resident');
    const reading = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
      subject: { reference: `Patient/${patientId}` },
      effectiveDateTime: '2026-11-27T08:30:00Z',
      valueQuantity: { value: 71, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    };
    for (const result of results) {
      const direct = await testHub.call(token, `/Observation/${result.id}`);
      for (const condition of [`identifier=${system}|${result.id}`, `identifier=${result.id}`]) {
        const answer = await testHub.call(token, '/Observation', {
          method: 'POST',
          body: reading,
          headers: { 'if-none-exist': condition },
        });
        if (direct.status === 200) {
          assert.equal(answer.status, 200, `${condition}: the resident's own visible result is the match`);
          assert.equal(answer.body['id'], result.id);
        } else {
          assert.equal(answer.status, 201, `${condition}: an item the resident cannot read is no match (${answer.status})`);
          assert.notEqual(answer.body['id'], result.id);
          assert.ok(!JSON.stringify(answer.body).includes('only for the clinician'));
        }
      }
    }
    for (const condition of [`identifier=${system}|`, 'identifier=', 'identifier=%20']) {
      const answer = await testHub.call(token, '/Observation', { method: 'POST', body: reading, headers: { 'if-none-exist': condition } });
      assert.equal(answer.status, 400, `${condition}: an identifier without a value is refused`);
      assert.ok(!JSON.stringify(answer.body).includes('only for the clinician'));
    }
  });
});

describe('finding 8: a resident’s entry cannot speak for a laboratory or a prescriber', () => {
  test('an interpretation, a range, a lab category or a link into others’ records is refused, and nothing is stored', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    const patientId = resident.patientId!;
    const token = await testHub.signIn('resident');
    const subject = { reference: `Patient/${patientId}` };
    const reading = {
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
      subject,
      effectiveDateTime: '2026-11-27T08:30:00Z',
      valueQuantity: { value: 72, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    };
    const medicine = {
      resourceType: 'MedicationStatement',
      status: 'active',
      medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
      subject,
      dateAsserted: '2026-11-27T08:30:00Z',
    };
    const cases: [string, Record<string, unknown>, string][] = [
      ['Observation', { ...reading, interpretation: [{ coding: [{ code: 'HH' }] }] }, 'interpretation'],
      ['Observation', { ...reading, referenceRange: [{ low: { value: 50 }, high: { value: 60 } }] }, 'referenceRange'],
      ['Observation', { ...reading, basedOn: [{ reference: 'ServiceRequest/sr-1' }] }, 'basedOn'],
      ['Observation', { ...reading, encounter: { reference: 'Encounter/enc-1' } }, 'encounter'],
      ['Observation', { ...reading, derivedFrom: [{ reference: 'Observation/obs-1' }] }, 'derivedFrom'],
      ['Observation', { ...reading, hasMember: [{ reference: 'Observation/obs-1' }] }, 'hasMember'],
      ['Observation', { ...reading, specimen: { reference: 'Specimen/sp-1' } }, 'specimen'],
      [
        'Observation',
        {
          ...reading,
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        },
        'category',
      ],
      ['Observation', { ...reading, category: [{ coding: [{ code: 'vital-signs' }, { code: 'imaging' }] }] }, 'category'],
      ['MedicationStatement', { ...medicine, basedOn: [{ reference: 'MedicationRequest/mr-1' }] }, 'basedOn'],
      ['MedicationStatement', { ...medicine, partOf: [{ reference: 'MedicationAdministration/ma-1' }] }, 'partOf'],
      ['MedicationStatement', { ...medicine, derivedFrom: [{ reference: 'MedicationRequest/mr-1' }] }, 'derivedFrom'],
      ['MedicationStatement', { ...medicine, context: { reference: 'Encounter/enc-1' } }, 'context'],
    ];
    const before = await auditCount();
    const stored = async (type: string) =>
      (
        (await testHub.hub.store.query('SELECT COUNT(*) AS n FROM resource WHERE type = ? AND patient_id = ?', [type, patientId]))[0] as {
          n: number;
        }
      ).n;
    for (const [type, body, element] of cases) {
      const count = await stored(type);
      const answer = await testHub.call(token, `/${type}`, { method: 'POST', body });
      assert.equal(answer.status, 422, `${type}.${element}: ${JSON.stringify(answer.body).slice(0, 200)}`);
      assert.equal(hubCode(answer.body), 'INVALID_RESOURCE');
      assert.deepEqual((answer.body['issue'] as { expression?: string[] }[])[0]?.expression, [`${type}.${element}`]);
      assert.equal(await stored(type), count, `${type}.${element}: nothing stored`);
    }
    assert.ok((await auditCount()) > before, 'each refusal leaves a trace');
    // What a resident records is still taken: a reading, activity, and a medicine as the SDK sends them.
    for (const [type, body] of [
      ['Observation', reading],
      ['Observation', { ...reading, category: [{ coding: [{ code: 'activity' }] }] }],
      ['MedicationStatement', medicine],
    ] as const)
      assert.equal((await testHub.call(token, `/${type}`, { method: 'POST', body })).status, 201, `${type} as a resident records it`);
  });
});

describe('no handler can skip the gate', () => {
  test('the handlers apply no policy and write no audit of their own; every route goes through the gate', async () => {
    const { readFileSync } = await import('node:fs');
    const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
    const handlers = source('../src/fhir/handlers.ts');
    for (const forbidden of ['checkPatientAccess', 'writeAuditEvent', 'visibilityFor', 'scopeGrants'])
      assert.ok(!handlers.includes(forbidden), `handlers.ts mentions ${forbidden}`);
    const server = source('../src/server.ts');
    assert.ok(!/\bhandle\(hub,/.test(server), 'the server hands requests to handlers only through passGate');
    assert.match(server, /passGate\(/);
  });
});
