/**
 * An item whose compartment parameters name two residents — a couple's or family appointment, a group session — is in
 * each one's record, as FHIR's Patient compartment puts it (Appointment: any `participant.actor`). Reported: an
 * Appointment naming A then B was only A's: B's GP got 404 reading it, and it was missing from B's `Appointment?patient=`
 * search, her `$summary` and her timeline, though it was her appointment.
 *
 * Read under B, it is shown under B's own sharing choices, with A's reference withheld (R6, R13), and the look is
 * audited against B; a reader who may open neither record gets what she got before. Only a writer who may write to
 * every resident it names changes it.
 *
 * The class: where the second resident is named (second, third after a practitioner, first of two) × each reader (the
 * GP whose organisation cares for the first only, the second only, both, neither; the second resident herself; the
 * first's carer) × each way of reading (by id, a search of her appointments, with `_include`, `$summary`, a batch read).
 * An Encounter, whose compartment is its `subject` alone, is not made the other's by naming her elsewhere. A store
 * written before items were kept in each resident's compartment finds an existing shared item for each once opened.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { openStore } from '../src/store/open-store.js';
import { indexShapes, OTHER_COMPARTMENT } from '../src/store/search-parameters.js';
import type { HubStore, SearchQuery } from '../src/store/store.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { disposeTestStore, newTestStoreSpec } from './support/test-store.js';

type Json = Record<string, unknown>;

let testHub: TestHub;
const tokens: Record<string, string> = {};
const SOURCE = 'https://care-record.example/source/F83999';
const patient = (id: string) => ({ reference: `Patient/${id}` });

/** Where the second resident is named among the participants. */
const PLACES = {
  second: (first: string, second: string) => [{ actor: patient(first) }, { actor: patient(second) }],
  'third, after a practitioner': (first: string, second: string) => [
    { actor: patient(first) },
    { actor: { reference: 'Practitioner/nobody-known', display: 'Group facilitator' } },
    { actor: patient(second) },
  ],
} as const;

const appointment = (id: string, participant: Json[]): Json => ({
  resourceType: 'Appointment',
  id,
  meta: { source: SOURCE },
  status: 'booked',
  start: '2027-02-10T10:00:00Z',
  end: '2027-02-10T10:30:00Z',
  participant: participant.map((entry) => ({ ...entry, status: 'accepted' })),
});

/** Which residents the GP's organisation cares for, in each pair the GP reads. */
const GP_CARES_FOR = ['first only', 'second only', 'both', 'neither'] as const;
type GpCase = (typeof GP_CARES_FOR)[number];

/** Each GP case's pair of residents: the first named, the second named. */
const pairs = new Map<GpCase, { first: string; second: string }>();
let A = '';
let B = '';

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      A = hub.borough.personas.caredForResident!.patientId;
      B = hub.borough.personas.resident.patientId;
      const organizations = [
        ...new Set(signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []))),
      ];
      await hub.store.relateMany(organizations.flatMap((organizationId) => [A, B].map((patientId) => ({ patientId, organizationId }))));
      const gp = signInPersonas(hub.borough).find((persona) => persona.id === 'gp')!.organizationId!;
      // Residents the GP's organisation does not care for and who made no sharing choice: each case relates whom it says.
      const free = (
        await hub.store.query<{ id: string }>(
          `SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (?, ?)
             AND id NOT IN (SELECT patient_id FROM relationship WHERE organization_id = ?)
             AND id NOT IN (SELECT patient_id FROM resource WHERE type = 'Consent' AND patient_id IS NOT NULL)
           ORDER BY id LIMIT 8`,
          [A, B, gp],
        )
      ).map((row) => row.id);
      assert.equal(free.length, 8, 'the borough has eight residents the GP does not care for');
      GP_CARES_FOR.forEach((gpCase, index) => {
        pairs.set(gpCase, { first: free[2 * index]!, second: free[2 * index + 1]! });
      });
      for (const [gpCase, { first, second }] of pairs) {
        if (gpCase === 'first only' || gpCase === 'both') await hub.store.relate(first, gp);
        if (gpCase === 'second only' || gpCase === 'both') await hub.store.relate(second, gp);
        for (const [place, participants] of Object.entries(PLACES))
          await hub.store.put(appointment(idOf(gpCase, place), participants(first, second)));
        // The same pair, the first named alone: what a reader of neither got before is what she gets now.
        await hub.store.put(appointment(`alone-${slug(gpCase)}`, [{ actor: patient(first) }]));
      }
      for (const [place, participants] of Object.entries(PLACES)) await hub.store.put(appointment(`ab-${slug(place)}`, participants(A, B)));
      await hub.store.put(appointment('ba-first', PLACES.second(B, A)));
      await hub.store.put({
        resourceType: 'Encounter',
        id: 'encounter-accompanied',
        meta: { source: SOURCE },
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
        subject: patient(A),
        participant: [{ individual: { reference: 'Practitioner/nobody-known' } }],
        extension: [{ url: 'https://example.org/accompanied-by', valueReference: patient(B) }],
      });
    },
  });
  for (const persona of ['gp', 'carer']) tokens[persona] = await testHub.signIn(persona);
  tokens['resident'] = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
  tokens['cared-for-resident'] = await testHub.signIn('cared-for-resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

function slug(text: string): string {
  return text.replace(/[^a-z]+/g, '-');
}
function idOf(gpCase: GpCase, place: string): string {
  return `shared-${slug(gpCase)}-${slug(place)}`;
}

const entriesOf = (body: Json): Json[] =>
  ((body['entry'] as { resource?: Json }[] | undefined) ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));

/** What each way of reading shows of the item, read as on `resident`'s record: its text, or the status when not shown. */
async function waysOfReading(token: string, id: string, resident: string): Promise<Record<string, { status: number; text?: string }>> {
  const holding = (body: Json) => entriesOf(body).filter((resource) => resource['id'] === id);
  const answers: Record<string, { status: number; text?: string }> = {};
  const read = await testHub.call(token, `/Appointment/${id}`);
  answers['read by id'] = read.status === 200 ? { status: 200, text: JSON.stringify(read.body) } : { status: read.status };
  const search = await testHub.call(token, `/Appointment?patient=${resident}&_count=100`);
  const found = search.status === 200 ? holding(search.body) : [];
  answers['search'] =
    found.length > 0 ? { status: 200, text: JSON.stringify(found) } : { status: search.status === 200 ? 404 : search.status };
  const included = await testHub.call(token, `/Appointment?patient=${resident}&_include=Appointment:actor&_count=100`);
  answers['search with _include'] =
    included.status === 200 && holding(included.body).length > 0
      ? { status: 200, text: JSON.stringify(entriesOf(included.body)) }
      : { status: included.status === 200 ? 404 : included.status };
  const summary = await testHub.call(token, `/Patient/${resident}/$summary`);
  const inSummary = summary.status === 200 ? holding(summary.body) : [];
  answers['$summary'] =
    inSummary.length > 0 ? { status: 200, text: JSON.stringify(inSummary) } : { status: summary.status === 200 ? 404 : summary.status };
  const batch = await testHub.call(token, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Appointment/${id}` } }] },
  });
  const [entry] = (batch.body['entry'] as { resource?: Json; response?: { status?: string } }[] | undefined) ?? [];
  answers['read in a batch'] =
    entry?.resource?.['id'] === id
      ? { status: 200, text: JSON.stringify(entry.resource) }
      : { status: Number.parseInt(entry?.response?.status ?? '0', 10) };
  return answers;
}

/** The look at an item is audited against the resident under whose record it was read. */
async function auditedResidents(read: () => Promise<unknown>): Promise<string[]> {
  const before = await testHub.hub.store.query<{ n: number }>('SELECT MAX(rid) AS n FROM audit_event');
  await read();
  const rows = await testHub.hub.store.query<{ patient_id: string }>('SELECT patient_id FROM audit_event WHERE rid > ? ORDER BY rid', [
    Number(before[0]?.n ?? 0),
  ]);
  return rows.map((row) => row.patient_id);
}

describe('reported: an appointment naming A then B is in B’s record too', () => {
  test('B’s GP reads it and finds it in her search, with A withheld', async () => {
    const { first, second } = pairs.get('second only')!;
    const id = idOf('second only', 'second');
    const read = await testHub.call(tokens['gp']!, `/Appointment/${id}`);
    assert.equal(read.status, 200, 'B’s GP reads B’s appointment');
    const text = JSON.stringify(read.body);
    assert.ok(text.includes(`Patient/${second}`), 'B is named on her appointment');
    assert.ok(!text.includes(first), 'A is not shown to B’s GP');
    const search = await testHub.call(tokens['gp']!, `/Appointment?patient=${second}&_count=100`);
    assert.equal(search.status, 200);
    assert.ok(
      entriesOf(search.body).some((resource) => resource['id'] === id),
      'it is in B’s Appointment search',
    );
    assert.ok(!JSON.stringify(search.body).includes(first), 'A is not shown in B’s search');
    assert.deepEqual(
      await auditedResidents(() => testHub.call(tokens['gp']!, `/Appointment/${id}`)),
      [second],
      'the look is audited against B',
    );
  });
});

describe('class: an item naming two residents is in each one’s record, and shows neither to the other’s readers', () => {
  for (const place of Object.keys(PLACES))
    for (const gpCase of GP_CARES_FOR)
      test(`the second named ${place} × the GP cares for ${gpCase}`, async () => {
        const { first, second } = pairs.get(gpCase)!;
        const id = idOf(gpCase, place);
        const failures: string[] = [];
        const caresFor = { [first]: gpCase === 'first only' || gpCase === 'both', [second]: gpCase === 'second only' || gpCase === 'both' };
        for (const resident of [first, second]) {
          const answers = await waysOfReading(tokens['gp']!, id, resident);
          for (const [way, answer] of Object.entries(answers)) {
            // Read by id, the item is read under the first resident the GP may open.
            const under = way.startsWith('read') ? (caresFor[first] ? first : caresFor[second] ? second : undefined) : resident;
            const shown = under !== undefined && caresFor[under];
            if (!shown) {
              if (answer.status === 200) failures.push(`${way} on ${label(resident)}: shown to a GP who cares for neither`);
              continue;
            }
            if (answer.status !== 200 || answer.text === undefined) {
              failures.push(`${way} on ${label(resident)}: ${answer.status}, not shown`);
              continue;
            }
            const hidden = under === first ? second : first;
            if (!answer.text.includes(`Patient/${under}`)) failures.push(`${way}: ${label(under)} not named on her own item`);
            if (answer.text.includes(hidden)) failures.push(`${way} under ${label(under!)}: names ${label(hidden)}`);
            if (way === 'search' && under !== resident) failures.push(`${way}: read under ${label(under!)} not ${label(resident)}`);
          }
        }
        // A GP who may open neither record gets what she got for an item naming the first alone.
        if (gpCase === 'neither') {
          const alone = await testHub.call(tokens['gp']!, `/Appointment/alone-${slug(gpCase)}`);
          const shared = await testHub.call(tokens['gp']!, `/Appointment/${id}`);
          if (alone.status !== shared.status || JSON.stringify(alone.body) !== JSON.stringify(shared.body))
            failures.push(`read by id: ${shared.status} where an item of the first alone is ${alone.status}`);
        }
        assert.deepEqual(failures, []);
      });

  const residentReaders = [
    { reader: 'resident', resident: () => B, other: () => A, name: 'B herself' },
    { reader: 'cared-for-resident', resident: () => A, other: () => B, name: 'A herself' },
    { reader: 'carer', resident: () => A, other: () => B, name: 'A’s carer' },
  ];
  for (const { reader, resident, other, name } of residentReaders)
    test(`${name} reads each of A and B’s appointments on her record, without the other`, async () => {
      const failures: string[] = [];
      for (const id of [...Object.keys(PLACES).map((place) => `ab-${slug(place)}`), 'ba-first']) {
        const answers = await waysOfReading(tokens[reader]!, id, resident());
        for (const [way, answer] of Object.entries(answers)) {
          if (answer.status !== 200 || answer.text === undefined) failures.push(`${id} × ${way}: ${answer.status}, not shown`);
          else if (answer.text.includes(other())) failures.push(`${id} × ${way}: names the other resident`);
        }
      }
      assert.deepEqual(failures, []);
    });

  test('B herself: the look at her shared appointment is audited against her', async () => {
    assert.deepEqual(await auditedResidents(() => testHub.call(tokens['resident']!, '/Appointment/ab-second')), [B]);
  });

  test('an Encounter naming B elsewhere than its subject is A’s alone', async () => {
    const read = await testHub.call(tokens['resident']!, '/Encounter/encounter-accompanied');
    assert.equal(read.status, 404);
    const search = await testHub.call(tokens['resident']!, `/Encounter?patient=${B}&_count=100`);
    assert.ok(!entriesOf(search.body).some((resource) => resource['id'] === 'encounter-accompanied'));
  });
});

describe('a change to an item on two residents’ records', () => {
  test('is refused to a resident, who reads it on her record', async () => {
    const current = await testHub.call(tokens['resident']!, '/Appointment/ba-first');
    assert.equal(current.status, 200);
    const changed = await testHub.call(tokens['resident']!, '/Appointment/ba-first', {
      method: 'PUT',
      body: { ...appointment('ba-first', PLACES.second(B, A)), status: 'cancelled' },
    });
    assert.ok(changed.status >= 400 && changed.status < 500, `refused (${changed.status})`);
    const after = await testHub.hub.store.read('Appointment', 'ba-first');
    assert.equal(after?.resource['status'], 'booked');
  });

  test('a resident may not add an item naming another resident', async () => {
    const created = await testHub.call(tokens['resident']!, '/Appointment', {
      method: 'POST',
      body: { ...appointment('x', PLACES.second(B, A)), id: undefined },
    });
    assert.ok(created.status >= 400 && created.status < 500, `refused (${created.status})`);
  });
});

function label(id: string): string {
  for (const [gpCase, pair] of pairs) {
    if (pair.first === id) return `the first (${gpCase})`;
    if (pair.second === id) return `the second (${gpCase})`;
  }
  return id === A ? 'A' : id === B ? 'B' : id;
}

describe('a store written before an item was kept in each resident’s compartment', () => {
  const appointmentsOf = async (store: HubStore, patientId: string): Promise<string[]> => {
    const query: SearchQuery = {
      type: 'Appointment',
      patientId,
      criteria: [],
      sort: { by: 'date', descending: false },
      count: 10,
      visibility: { hiddenLabels: [] },
    };
    return (await store.search(query)).matches.map((match) => match.id);
  };

  test('finds an existing shared appointment under the second resident once opened', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'care-record-shared-'));
    const spec = newTestStoreSpec(directory);
    try {
      let store = await openStore(spec);
      await store.put(appointment('written-before', PLACES.second('pat-first', 'pat-second')));
      // As an older hub left it: no entries for the other residents, and the index shape it was written with.
      await store.query('DELETE FROM search_token WHERE name = ?', [OTHER_COMPARTMENT]);
      const shapes = indexShapes();
      const older = { ...shapes, Appointment: shapes['Appointment']!.replace(`${OTHER_COMPARTMENT}:token,`, '') };
      assert.notEqual(older.Appointment, shapes['Appointment']);
      await store.setMeta('search-parameters', JSON.stringify(older));
      assert.deepEqual(await appointmentsOf(store, 'pat-second'), [], 'the older store misses it (the case this guards)');
      await store.close();
      store = await openStore(spec);
      try {
        assert.deepEqual(await appointmentsOf(store, 'pat-second'), ['written-before']);
        assert.deepEqual(await appointmentsOf(store, 'pat-first'), ['written-before']);
      } finally {
        await store.close();
      }
    } finally {
      await disposeTestStore(spec);
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
