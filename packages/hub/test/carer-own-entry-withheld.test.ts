/**
 * A carer reads their own RelatedPerson only as far as its labels let any carer read it (R11, R16, R17). Reviewer R15
 * found that the gate's shortcut for a carer's own entry (kept so that their name is there for the header even when
 * their access has ended) sent it with no look at its labels, and their own-account search read with none hidden: an
 * entry the practice labelled SDV, NOPAT or R — or whose words say the contact is an alleged perpetrator of domestic
 * abuse (a MARAC referral) — went whole to that very contact. Now both go through the carer's visibility: such an entry
 * is `404` to a read (direct or in a batch) and not listed by the search, like any withheld item; their account screen
 * works from the entries not withheld. The class: every label kept from carers, and the words that give SDV or SEX ×
 * read / own-account search / batch, while their access is in force and after it is stopped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isProxyConsent, type Consent } from '@care-record/sdk';
import { carerAccounts } from '../src/policy/invitations.js';
import { defaultVisibility } from '../src/policy/visibility.js';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
let testHub: TestHub;
let carerToken = '';
let entryId = '';
let account = '';
let original: Json = {};

const labelled = (code: string) => (entry: Json) => ({
  ...entry,
  meta: { ...(entry['meta'] as Json), security: [{ system: ACT_CODE, code }] },
});
/** Every way an entry is withheld from a carer: each label kept from carers, and words that give one. */
const WITHHOLDINGS: Record<string, (entry: Json) => Json> = {
  ...Object.fromEntries(defaultVisibility({ kind: 'carer' }).hiddenLabels.map((code) => [`labelled ${code}`, labelled(code)])),
  'unlabelled, its words say domestic abuse': (entry) => ({
    ...entry,
    relationship: [{ text: 'Husband - alleged perpetrator of domestic abuse (MARAC referral)' }],
  }),
  'unlabelled, its words say sexual health': (entry) => ({
    ...entry,
    relationship: [{ text: 'Partner - contact for the sexual health clinic (chlamydia follow-up)' }],
  }),
};

const searchPath = () => `/RelatedPerson?identifier=${encodeURIComponent(`https://care-record.example/Id/carer-account|${account}`)}`;
const lists = (body: Json) => JSON.stringify(body).includes(`"id":"${entryId}"`);

before(async () => {
  testHub = await startTestHub();
  const carer = testHub.hub.borough.personas.familyCarer;
  assert.ok(carer);
  entryId = carer.relatedPersonId;
  original = (await testHub.hub.store.read('RelatedPerson', entryId))!.resource;
  account = String(
    ((original['identifier'] as { system?: string; value?: string }[]) ?? []).find((identifier) =>
      identifier.system?.includes('carer-account'),
    )?.value,
  );
  carerToken = await testHub.signIn('carer');
});
after(() => testHub.close());

describe('the reported case', () => {
  test('the contact her practice noted as an alleged abuser does not read that note', async () => {
    await testHub.hub.store.put(WITHHOLDINGS['unlabelled, its words say domestic abuse']!(original), Date.now());
    const read = await testHub.call(carerToken, `/RelatedPerson/${entryId}`);
    await testHub.hub.store.put(original, Date.now());
    assert.equal(read.status, 404, JSON.stringify(read.body).slice(0, 300));
    assert.doesNotMatch(JSON.stringify(read.body), /perpetrator|MARAC/);
  });
});

describe('control', () => {
  test('an ordinary own entry is read and listed', async () => {
    await testHub.hub.store.put(original, Date.now());
    assert.equal((await testHub.call(carerToken, `/RelatedPerson/${entryId}`)).status, 200);
    assert.ok(lists((await testHub.call(carerToken, searchPath())).body));
  });
});

/** Stops every permission naming the carer's entry (as the resident stopping it does), or puts them back. */
async function permissions(stopped: boolean, saved: Json[]): Promise<Json[]> {
  if (!stopped) {
    for (const consent of saved) await testHub.hub.store.put(consent, Date.now());
    return saved;
  }
  const all = await testHub.hub.store.search({
    type: 'Consent',
    patientId: String((original['patient'] as { reference?: string }).reference).replace('Patient/', ''),
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 500,
    visibility: { hiddenLabels: [] },
  });
  const naming = all.matches
    .map((match) => match.resource)
    .filter((consent) => JSON.stringify(consent).includes(`RelatedPerson/${entryId}`));
  for (const consent of naming) await testHub.hub.store.put({ ...consent, status: 'inactive' }, Date.now());
  return naming;
}

describe('the class: each withholding × read / own-account search / batch × access in force or stopped', () => {
  test('a carer is never sent their own entry withheld from carers', async (context) => {
    const wrong: string[] = [];
    let cases = 0;
    for (const stopped of [false, true]) {
      const saved = stopped ? await permissions(true, []) : [];
      try {
        // The own entry is read even after access is stopped (the control for this half).
        await testHub.hub.store.put(original, Date.now());
        const control = await testHub.call(carerToken, `/RelatedPerson/${entryId}`);
        if (control.status !== 200) wrong.push(`ordinary, access ${stopped ? 'stopped' : 'in force'}: read answered ${control.status}`);
        for (const [withholding, change] of Object.entries(WITHHOLDINGS)) {
          const name = `${withholding}, access ${stopped ? 'stopped' : 'in force'}`;
          await testHub.hub.store.put(change(original), Date.now());
          const read = await testHub.call(carerToken, `/RelatedPerson/${entryId}`);
          const search = await testHub.call(carerToken, searchPath());
          const batch = await testHub.call(carerToken, '/', {
            method: 'POST',
            body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `RelatedPerson/${entryId}` } }] },
          });
          const batched = (batch.body['entry'] as { response?: { status?: string } }[] | undefined)?.[0];
          cases += 3;
          if (read.status !== 404) wrong.push(`${name}: read answered ${read.status}`);
          if (lists(search.body)) wrong.push(`${name}: the own-account search lists it`);
          if (!String(batched?.response?.status).startsWith('404')) wrong.push(`${name}: batch read answered ${batched?.response?.status}`);
        }
      } finally {
        await testHub.hub.store.put(original, Date.now());
        if (stopped) await permissions(false, saved);
      }
    }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong`);
    assert.ok(cases >= 40, `only ${cases} cases`);
    assert.deepEqual(wrong, []);
  });
});

/**
 * Reviewer R18: the categories the resident keeps from this carer in their permission (R17) were not applied to their
 * own entry: with social care kept from him, his entry recorded by the council (or, with mental health kept, one
 * labelled PSY) was read, listed by his own-account search and read in a batch, while `RelatedPerson?patient=` left it
 * out. The class: each category kept × each kind of entry × every way he reads it; his access to her record works
 * whatever is kept (only what he is shown changes).
 */
const SC = { system: 'https://care-record.example/CodeSystem/sharing-category', code: 'social-care' };
const KEPT: Record<string, Json> = {
  'social care': SC,
  'mental health': { system: ACT_CODE, code: 'PSY' },
  'sexual health': { system: ACT_CODE, code: 'SEX' },
};
/** The carer's entry as their GP practice recorded it (the borough's is the council's: social care). */
const byPractice = (entry: Json): Json => ({
  ...entry,
  meta: { ...(entry['meta'] as Json), source: 'https://care-record.example/source/F83999' },
});
const ENTRIES: Record<string, { category: string | undefined; change: (entry: Json) => Json }> = {
  'recorded by the council': {
    category: 'social care',
    change: (entry) => ({ ...entry, meta: { ...(entry['meta'] as Json), source: 'https://care-record.example/source/LA999' } }),
  },
  'labelled PSY': { category: 'mental health', change: (entry) => labelled('PSY')(byPractice(entry)) },
  'labelled SEX': { category: 'sexual health', change: (entry) => labelled('SEX')(byPractice(entry)) },
  'an ordinary entry (the practice’s)': { category: undefined, change: (entry) => byPractice(entry) },
};
const residentOf = () => String((original['patient'] as { reference?: string }).reference).replace('Patient/', '');
const READING = 'carer-own-entry-reading';

/** Keeps these categories from the carer in every permission naming their entry; gives back what was there. */
async function keepFromCarer(labels: Json[]): Promise<Json[]> {
  const all = await testHub.hub.store.search({
    type: 'Consent',
    patientId: residentOf(),
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 500,
    visibility: { hiddenLabels: [] },
  });
  const naming = all.matches
    .map((match) => match.resource)

    // His permissions only: her sharing choice may name him as who recorded it.
    .filter((consent) => isProxyConsent(consent as unknown as Consent) && JSON.stringify(consent).includes(`RelatedPerson/${entryId}`));
  for (const consent of naming)
    await testHub.hub.store.put(
      { ...consent, provision: { ...(consent['provision'] as Json), provision: [{ type: 'deny', securityLabel: labels }] } },
      Date.now(),
    );
  return naming;
}

/** Every way he reads his own entry, each saying whether it was sent to him. */
async function waysOfReading(): Promise<Record<string, boolean>> {
  const read = await testHub.call(carerToken, `/RelatedPerson/${entryId}`);
  const byPatient = await testHub.call(carerToken, `/RelatedPerson?patient=${residentOf()}`);
  const own = await testHub.call(carerToken, searchPath());
  const batch = await testHub.call(carerToken, '/', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `RelatedPerson/${entryId}` } }] },
  });
  const batched = (batch.body['entry'] as { response?: { status?: string } }[] | undefined)?.[0];
  const included = await testHub.call(carerToken, `/Observation?patient=${residentOf()}&_include=Observation:performer&_count=200`);
  return {
    read: read.status === 200 && lists(read.body),
    'search by patient': lists(byPatient.body),
    'own-account search': lists(own.body),
    batch: String(batched?.response?.status).startsWith('200'),
    _include: lists(included.body),
  };
}

describe('R18: the categories his permission keeps from him', () => {
  before(async () => {
    const reading = {
      resourceType: 'Observation',
      id: READING,
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4', display: 'Heart rate' }] },
      subject: { reference: `Patient/${residentOf()}` },
      effectiveDateTime: '2026-11-30T09:00:00Z',
      valueQuantity: { value: 72, unit: 'beats/minute', system: 'http://unitsofmeasure.org', code: '/min' },
      performer: [{ reference: `RelatedPerson/${entryId}` }],
      meta: { source: 'https://care-record.example/source/resident' },
    };
    await testHub.hub.store.put(reading, Date.now());
  });

  test('the reported case: social care kept from him, his entry recorded by the council is not read', async () => {
    const saved = await keepFromCarer([SC]);
    try {
      await testHub.hub.store.put(ENTRIES['recorded by the council']!.change(original), Date.now());
      const read = await testHub.call(carerToken, `/RelatedPerson/${entryId}`);
      assert.equal(read.status, 404);
      assert.ok(!lists((await testHub.call(carerToken, searchPath())).body), 'listed by his own-account search');
    } finally {
      for (const consent of saved) await testHub.hub.store.put(consent, Date.now());
      await testHub.hub.store.put(original, Date.now());
    }
  });

  test('each category kept × each entry × each way: sent only when not kept, and his access still works', async (context) => {
    const wrong: string[] = [];
    let cases = 0;
    const sent = new Set<boolean>();
    const alwaysKept = new Set(defaultVisibility({ kind: 'carer' }).hiddenLabels);
    for (const [keptName, label] of Object.entries(KEPT)) {
      const saved = await keepFromCarer([label]);
      try {
        for (const [entryName, { category, change }] of Object.entries(ENTRIES)) {
          await testHub.hub.store.put(change(original), Date.now());
          const entryLabels = ((change(original)['meta'] as Json | undefined)?.['security'] as { code?: string }[] | undefined) ?? [];
          const expected = category !== keptName && !entryLabels.some((l) => alwaysKept.has(String(l.code)));
          for (const [way, wasSent] of Object.entries(await waysOfReading())) {
            cases += 1;
            sent.add(wasSent);
            if (wasSent !== expected) wrong.push(`${keptName} kept, ${entryName}, ${way}: ${wasSent ? 'sent' : 'not sent'}`);
          }
          // Only what he is shown changes: her record still opens to him.
          const record = await testHub.call(carerToken, `/Patient/${residentOf()}`);
          cases += 1;
          if (record.status !== 200) wrong.push(`${keptName} kept, ${entryName}: her record answered ${record.status}`);
        }
      } finally {
        for (const consent of saved) await testHub.hub.store.put(consent, Date.now());
        await testHub.hub.store.put(original, Date.now());
      }
    }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong`);
    assert.deepEqual([...sent].sort(), [false, true]);
    assert.deepEqual(wrong, []);
  });

  test('signing in, he is given an entry he may read: one kept from him does not lock him out of the others', async () => {
    // A second resident he acts for, his entry there recorded by their practice, with a permission like the first.
    const other = 'pat-000001';
    const second = { ...byPractice(original), id: 'carer-own-entry-second', patient: { reference: `Patient/${other}` } };
    const saved = await keepFromCarer([SC]);
    const permission = JSON.parse(
      JSON.stringify(saved.find((consent) => consent['status'] === 'active'))
        .replaceAll(`Patient/${residentOf()}`, `Patient/${other}`)
        .replaceAll(`RelatedPerson/${entryId}`, `RelatedPerson/${second.id}`),
    ) as Json;
    try {
      // His first entry the older of the two: the one a sign-in took first.
      await testHub.hub.store.put(ENTRIES['recorded by the council']!.change(original), Date.now());
      await new Promise((resolve) => setTimeout(resolve, 5));
      await testHub.hub.store.put(second, Date.now());
      await testHub.hub.store.put({ ...permission, id: 'carer-own-entry-second-permission' }, Date.now());
      // The control: he acts for the second resident, and his first entry is kept from him.
      assert.ok(JSON.stringify((await testHub.call(carerToken, searchPath())).body).includes(second.id), 'acts for the second');
      assert.equal((await testHub.call(carerToken, `/RelatedPerson/${entryId}`)).status, 404);
      // Signed in as the entry he may read (the portal reads it first to find his people), not the older one kept from him.
      assert.equal(await carerAccounts(testHub.hub.store, Date.now).find(account), `RelatedPerson/${second.id}`);
      // And his access to the first resident's record is as it was.
      assert.equal((await testHub.call(carerToken, `/Patient/${residentOf()}`)).status, 200);
    } finally {
      for (const consent of saved) await testHub.hub.store.put(consent, Date.now());
      await testHub.hub.store.put(original, Date.now());
      await testHub.hub.store.put({ ...second, active: false }, Date.now());
      await testHub.hub.store.put({ ...permission, id: 'carer-own-entry-second-permission', status: 'inactive' }, Date.now());
    }
  });
});
