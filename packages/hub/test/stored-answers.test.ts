/**
 * Answering from the stored JSON text (issue 15, part 5) gives the same
 * answers as parsing every stored resource and serialising it again:
 *
 * - the writer: for any JSON body with stored resources anywhere in it,
 *   `stringifyAnswer` writes exactly the text `JSON.stringify` writes (which
 *   parses each stored resource: the old path), property-tested;
 * - the hub: two hubs on one store, one answering as stored and one with
 *   `reparseStored` (the old path), asked the same of every persona ×
 *   resident × operation — reads, search pages and their next pages,
 *   `_include`, `_summary=count`, `$summary`, batches, the access log, a
 *   carer's contacts — with items withheld by label on the records, answer
 *   the same status and the same JSON (apart from their own origin, and a
 *   Bundle's fresh id and time).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { StoredJson, stringifyAnswer } from '../src/store/store.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

// ---- The writer ---------------------------------------------------------------------------------

/** JSON values with stored resources (made as the store makes them: `JSON.stringify` of an object) in any place. */
const jsonObject = fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<Json>;
const stored = jsonObject.map((resource) => new StoredJson('Observation', 'x', JSON.stringify(resource)));
const { answer } = fc.letrec<{ answer: unknown }>((tie) => ({
  answer: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue(),
    stored,
    fc.constant(undefined),
    fc.array(tie('answer'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('answer'), { maxKeys: 5 }),
  ),
}));

test('stringifyAnswer writes what JSON.stringify writes, with stored resources anywhere in the answer', () => {
  fc.assert(
    fc.property(answer, (value) => {
      assert.equal(stringifyAnswer(value), JSON.stringify(value) ?? 'null');
    }),
    { numRuns: Number(process.env['CARE_PROPERTY_RUNS'] ?? 300), seed: 20261230 },
  );
});

test('a stored resource is parsed only when looked at, and once', () => {
  const text = JSON.stringify({ resourceType: 'Observation', id: 'o1', status: 'final' });
  const storedResource = new StoredJson('Observation', 'o1', text);
  assert.equal(stringifyAnswer({ entry: [{ resource: storedResource }] }), `{"entry":[{"resource":${text}}]}`);
  assert.equal(storedResource.resource['status'], 'final');
  assert.equal(storedResource.resource, storedResource.resource);
});

// ---- The hub ------------------------------------------------------------------------------------

let asStored: TestHub;
let reparsed: TestHub;
let related: string;

before(async () => {
  asStored = await startTestHub({
    beforeListen: async (hub) => {
      // Items withheld by label on the records asked about (the resident's own, one the carer acts for, one the GP's).
      const { resident, familyCarer } = hub.borough.personas;
      const targets = [resident.patientId, familyCarer?.residents[0]?.patientId ?? resident.patientId];
      for (const patientId of targets)
        for (const [index, labels] of [['SEX'], ['NOPAT'], ['PSY'], []].entries())
          for (const type of ['Condition', 'Observation', 'MedicationRequest', 'AllergyIntolerance'])
            await hub.store.put(recordItem(type, `eq-${patientId}-${type}-${index}`, patientId, labels));
    },
  });
  // The old path, on the same store.
  reparsed = await startTestHub({ store: asStored.store, reparseStored: true });
  const rows = await asStored.hub.store.query<{ patient_id: string }>(
    'SELECT patient_id FROM relationship WHERE organization_id = ? AND patient_id <> ? ORDER BY patient_id LIMIT 1',
    [asStored.hub.borough.personas.gp.organizationId, asStored.hub.borough.personas.resident.patientId],
  );
  related = rows[0]?.patient_id ?? '';
});
after(async () => {
  await reparsed?.close();
  await asStored?.close();
});

const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const PERSONAS: { persona: string; scope?: string; breakGlass?: string }[] = [
  { persona: 'gp' },
  { persona: 'gp', breakGlass: 'Collapsed in the waiting room' },
  { persona: 'hospital-nurse' },
  { persona: 'social-worker' },
  { persona: 'receptionist' },
  { persona: 'resident' },
  { persona: 'carer', scope: CARER_SCOPE },
  { persona: 'parent', scope: CARER_SCOPE },
];

/** The same answer from either hub: their own origin, and a Bundle's fresh id and time, set aside. */
function normalised(body: Json, origin: string): unknown {
  const text = JSON.stringify(body).replaceAll(origin, 'ORIGIN');
  const value = JSON.parse(text) as Json;
  if (value['resourceType'] === 'Bundle') {
    delete value['id'];
    delete value['timestamp'];
  }
  return value;
}

/** What each persona asks of a resident's record. */
function requests(patientId: string, carerAccount: string | undefined): { path: string; method?: string; body?: unknown }[] {
  return [
    { path: `/Patient/${patientId}` },
    { path: `/Patient/${patientId}/$summary` },
    { path: `/Patient?_id=${patientId}` },
    { path: `/Observation?patient=${patientId}&_sort=-date&_count=3` },
    { path: `/Condition?patient=${patientId}&_count=500` },
    { path: `/AllergyIntolerance?patient=${patientId}&_include=AllergyIntolerance:recorder` },
    { path: `/MedicationRequest?patient=${patientId}&_include=MedicationRequest:requester&_count=2` },
    { path: `/Encounter?patient=${patientId}&_include=Encounter:service-provider&_include=Encounter:practitioner&_count=5` },
    { path: `/Appointment?patient=${patientId}&_sort=-date&_count=5` },
    { path: `/RelatedPerson?patient=${patientId}` },
    { path: `/MedicationStatement?patient=${patientId}&_summary=count` },
    { path: `/Observation/eq-${patientId}-Observation-0` },
    { path: `/Observation/eq-${patientId}-Observation-3` },
    { path: `/Organization?_count=3` },
    ...(carerAccount ? [{ path: `/RelatedPerson?identifier=https://care-record.example/Id/carer-account|${carerAccount}` }] : []),
    {
      path: '/',
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: ['MedicationRequest', 'MedicationStatement', 'Condition'].map((type) => ({
          request: { method: 'GET', url: `${type}?patient=${patientId}&_count=500` },
        })),
      },
    },
  ];
}

async function ask(hub: TestHub, token: string, request: { path: string; method?: string; body?: unknown }, breakGlass?: string) {
  return hub.call(token, request.path, {
    ...(request.method ? { method: request.method } : {}),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(breakGlass ? { headers: { 'x-break-glass-reason': breakGlass } } : {}),
  });
}

test('every persona gets the same answers from the stored text as from parsing and re-serialising', async () => {
  const { resident, familyCarer, parent } = asStored.hub.borough.personas;
  const patients = [
    ...new Set([resident.patientId, familyCarer?.residents[0]?.patientId, parent?.residents[0]?.patientId, related]),
  ].filter((id): id is string => typeof id === 'string' && id !== '');
  let compared = 0;
  const statuses = new Set<number>();
  for (const { persona, scope, breakGlass } of PERSONAS) {
    const tokens = await Promise.all([asStored, reparsed].map((hub) => hub.signIn(persona, scope ? { scope } : {})));
    const carerAccount = persona === 'carer' ? familyCarer?.account : persona === 'parent' ? parent?.account : undefined;
    for (const patientId of patients) {
      for (const request of requests(patientId, carerAccount)) {
        const [one, other] = [
          await ask(asStored, tokens[0] ?? '', request, breakGlass),
          await ask(reparsed, tokens[1] ?? '', request, breakGlass),
        ];
        const what = `${persona}${breakGlass ? ' (break-glass)' : ''} ${request.method ?? 'GET'} ${request.path}`;
        assert.equal(one.status, other.status, what);
        assert.deepEqual(normalised(one.body, asStored.origin), normalised(other.body, reparsed.origin), what);
        statuses.add(one.status);
        compared++;
        // A next page, followed on each hub.
        const next = ((one.body['link'] as { relation: string; url: string }[] | undefined) ?? []).find((link) => link.relation === 'next');
        if (next) {
          const path = next.url.slice(asStored.fhir.length);
          const [nextOne, nextOther] = [
            await ask(asStored, tokens[0] ?? '', { path }, breakGlass),
            await ask(reparsed, tokens[1] ?? '', { path }, breakGlass),
          ];
          assert.equal(nextOne.status, nextOther.status, `${what} (next page)`);
          assert.deepEqual(normalised(nextOne.body, asStored.origin), normalised(nextOther.body, reparsed.origin), `${what} (next page)`);
          compared++;
        }
      }
    }
  }
  // The matrix reached allowed and refused answers alike.
  assert.ok(statuses.has(200) && statuses.has(403), `statuses seen: ${[...statuses].join(', ')}`);
  assert.ok(compared > 300, `${compared} answers compared`);
});

test('a resident’s access log is the same from the stored text as from parsing and re-serialising', async () => {
  const { resident } = asStored.hub.borough.personas;
  const tokens = await Promise.all([asStored, reparsed].map((hub) => hub.signIn('resident')));
  // Someone else looked too: the events name several residents, and the resident sees only the part about them.
  const gp = await asStored.signIn('gp');
  await asStored.call(gp, `/Patient?_id=${resident.patientId},${related}`);
  // Each hub's own request is audited between the two answers: compare the events both answers hold.
  const path = `/AuditEvent?patient=${resident.patientId}&_count=500`;
  const [one, other] = [await asStored.call(tokens[0] ?? '', path), await reparsed.call(tokens[1] ?? '', path)];
  assert.equal(one.status, 200);
  assert.equal(other.status, 200);
  const events = (body: Json) =>
    new Map(
      ((normalised(body, body === one.body ? asStored.origin : reparsed.origin) as Json)['entry'] as { resource: Json }[]).map((entry) => [
        entry.resource['id'],
        entry,
      ]),
    );
  const [first, second] = [events(one.body), events(other.body)];
  const shared = [...first.keys()].filter((id) => second.has(id));
  assert.ok(shared.length >= 2, 'both answers hold the earlier events');
  for (const id of shared) assert.deepEqual(first.get(id), second.get(id));
  // None of it names another resident.
  assert.ok(!JSON.stringify(one.body).includes(`Patient/${related}"`));
});
