/**
 * A Patient search tells each caller about the residents the policy lets
 * them find, and nothing of anyone else: not in its entries, its `total`, nor
 * the cursor of its `next` link — for any search, page size and order, and
 * whoever asks (a carer, professionals of each kind, a resident). A carer's
 * search is audited on each record it found under the carer's entry there;
 * break-glass finds anyone an exact search names, and is not a way to browse.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Bundle = { total?: number; link?: { relation: string; url: string }[]; entry?: { resource: Json; search?: { mode?: string } }[] };

let testHub: TestHub;
const tokens = new Map<string, string>();
const PERSONAS = ['carer', 'parent', 'gp', 'receptionist', 'hospital-nurse', 'social-worker', 'resident'];
/** Every resident's family name and date of birth, to search by. */
let people: { id: string; family: string; birthDate: string }[] = [];

before(async () => {
  testHub = await startTestHub();
  for (const persona of PERSONAS) tokens.set(persona, await testHub.signIn(persona));
  const rows = (await testHub.hub.store.query("SELECT id, json FROM resource WHERE type = 'Patient' ORDER BY id")) as {
    id: string;
    json: string;
  }[];
  people = rows.map((row) => {
    const patient = JSON.parse(row.json) as { name?: { family?: string }[]; birthDate?: string };
    return { id: row.id, family: patient.name?.[0]?.family ?? '', birthDate: patient.birthDate ?? '' };
  });
});
after(() => testHub.close());

const matchIds = (bundle: Bundle) =>
  (bundle.entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => String(entry.resource['id']));
const nextOf = (bundle: Bundle) => bundle.link?.find((link) => link.relation === 'next')?.url;
/** Whatever a cursor carries, as text: it may hold nothing of a resident the caller cannot find. */
const cursorText = (url: string) => Buffer.from(new URL(url).searchParams.get('_cursor') ?? '', 'base64url').toString('utf8');

/** Every page of a search, following its next links; with each page's total and each cursor's content. */
async function allPages(token: string, path: string, headers: Record<string, string> = {}) {
  const ids: string[] = [];
  const totals: (number | undefined)[] = [];
  const cursors: string[] = [];
  let url: string | undefined = `${testHub.fhir}${path}`;
  for (let page = 0; url && page < 200; page++) {
    const answer = await testHub.call(token, url.slice(testHub.fhir.length), { headers });
    assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    const bundle = answer.body as Bundle;
    ids.push(...matchIds(bundle));
    totals.push(bundle.total);
    url = nextOf(bundle);
    if (url) cursors.push(cursorText(url));
  }
  return { ids, totals, cursors };
}

/** Whom `persona` may find: the residents whose record they may open (a read of the Patient). */
const findable = new Map<string, boolean>();
async function mayFind(persona: string, id: string): Promise<boolean> {
  const key = `${persona} ${id}`;
  if (!findable.has(key)) findable.set(key, (await testHub.call(tokens.get(persona)!, `/Patient/${id}`)).status === 200);
  return findable.get(key)!;
}

describe('a Patient search says nothing of residents the caller may not find', () => {
  test('for any search, page size, order and caller: entries, total and cursors hold only residents they may find', async () => {
    const search = fc.record({
      persona: fc.constantFrom(...PERSONAS),
      kind: fc.constantFrom('family', 'ids'),
      /** A prefix of someone's family name, and a date range that takes in everyone or only some. */
      person: fc.nat(10_000),
      prefix: fc.integer({ min: 2, max: 4 }),
      from: fc.constantFrom('ge1900-01-01', 'ge1950-01-01', 'le1990-12-31'),
      ids: fc.uniqueArray(fc.nat(10_000), { minLength: 1, maxLength: 12 }),
      count: fc.integer({ min: 1, max: 3 }),
      sort: fc.constantFrom(undefined, 'family', '-family', 'birthdate', '-birthdate', '_lastUpdated'),
    });
    await fc.assert(
      fc.asyncProperty(search, async (s) => {
        const token = tokens.get(s.persona)!;
        const someone = people[s.person % people.length]!;
        const criteria =
          s.kind === 'family'
            ? `family=${encodeURIComponent(someone.family.slice(0, s.prefix))}&birthdate=${s.from}`
            : `_id=${s.ids.map((index) => people[index % people.length]!.id).join(',')}`;
        const path = `/Patient?${criteria}&_count=${s.count}${s.sort ? `&_sort=${s.sort}` : ''}`;
        const { ids, totals, cursors } = await allPages(token, path);
        const what = `${s.persona}: ${path}`;
        assert.equal(new Set(ids).size, ids.length, `${what}: no one twice`);
        for (const id of ids) assert.ok(await mayFind(s.persona, id), `${what}: found ${id}, whom they may not open`);
        for (const total of totals) assert.equal(total, ids.length, `${what}: the total counts only those found`);
        for (const cursor of cursors)
          for (const person of people)
            if (!ids.includes(person.id)) assert.ok(!cursor.includes(person.id), `${what}: a cursor names ${person.id}`);
      }),
      { numRuns: 60, seed: 1705 },
    );
  });

  test('a carer’s search is audited on each record it found, under the carer’s own entry there', async () => {
    const token = tokens.get('parent')!;
    // The parent acts for her daughter, and (given here) for a neighbour who gave her access: two records, on each of
    // which she has her own entry. Whoever else the search names is not found, and not audited.
    const account = testHub.hub.borough.personas.parent?.account ?? '';
    const daughter = (await testHub.hub.store.query(
      "SELECT patient_id AS id FROM resource WHERE type = 'RelatedPerson' AND json LIKE ? LIMIT 1",
      [`%${account}%`],
    )) as { id: string }[];
    const neighbour = people.find((person) => person.id !== daughter[0]?.id && person.birthDate < '1960')!;
    await testHub.hub.store.transaction(async (store) => {
      await store.put({
        resourceType: 'RelatedPerson',
        id: 'psp-neighbour-rp',
        active: true,
        patient: { reference: `Patient/${neighbour.id}` },
        identifier: [{ system: CARER_ACCOUNT_SYSTEM, value: account }],
        name: [{ given: ['Neighbour'], family: 'Helper' }],
        meta: { source: 'https://care-record.example/source/F83999' },
      });
      const consent = buildProxyConsent({
        patientId: neighbour.id,
        relatedPersonId: 'psp-neighbour-rp',
        actions: ['view-record'],
        withheld: [],
      });
      await store.put({
        ...consent,
        id: 'psp-neighbour-consent',
        status: 'active',
        dateTime: '2026-01-05T10:00:00Z',
        performer: [{ reference: `Patient/${neighbour.id}` }],
        meta: { source: 'https://care-record.example/source/F83999' },
      } as unknown as Json);
    });
    const ids: string[] = [];
    for (let start = 0; start < people.length; start += 50) {
      const chunk = people.slice(start, start + 50).map((person) => person.id);
      ids.push(...(await allPages(token, `/Patient?_id=${chunk.join(',')}&_count=50`)).ids);
    }
    assert.ok(ids.includes(neighbour.id) && ids.length >= 2, 'the parent finds both people she acts for');
    for (const id of ids) {
      const events = (await testHub.hub.store.query(
        "SELECT json FROM audit_event WHERE type = 'AuditEvent' AND json LIKE ? ORDER BY last_updated DESC LIMIT 1",
        [`%"Patient/${id}"%`],
      )) as { json: string }[];
      const event = JSON.parse(events[0]!.json) as {
        agent?: { who?: { reference?: string } }[];
        entity?: { what?: { reference?: string } }[];
      };
      const agent = event.agent?.[0]?.who?.reference ?? '';
      const entry = (await testHub.hub.store.read('RelatedPerson', agent.replace('RelatedPerson/', '')))?.resource as
        { patient?: { reference?: string } } | undefined;
      assert.equal(entry?.patient?.reference, `Patient/${id}`, `the audit of ${id} names the carer by their entry on ${id}'s record`);
      assert.deepEqual(
        (event.entity ?? []).map((entity) => entity.what?.reference).filter((reference) => reference?.startsWith('Patient/')),
        [`Patient/${id}`],
        'one record per audit event',
      );
    }
  });

  test('break-glass finds whom an exact search names, and refuses a browse', async () => {
    const token = tokens.get('gp')!;
    const headers = { 'x-break-glass-reason': 'Collapsed in the waiting room, not responding' };
    const someone = people.find((person) => person.family.length > 2 && person.birthDate.length === 10)!;
    for (const browse of [
      `family=${someone.family.slice(0, 2)}&birthdate=ge1800-01-01`,
      `family=${someone.family.slice(0, 2)}&birthdate=${someone.birthDate.slice(0, 4)}`,
      `family=${someone.family}&birthdate=le2026-01-01`,
    ]) {
      const answer = await testHub.call(token, `/Patient?${browse}`, { headers });
      assert.equal(answer.status, 400, `${browse}: refused with break-glass`);
      assert.ok(!JSON.stringify(answer.body).includes(someone.id));
    }
    for (const exact of [
      `family=${someone.family}&birthdate=${someone.birthDate}`,
      `family=${someone.family}&birthdate=eq${someone.birthDate}`,
    ]) {
      const { ids } = await allPages(token, `/Patient?${exact}`, headers);
      assert.ok(ids.includes(someone.id), `${exact}: found with break-glass`);
    }
  });
});
