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
