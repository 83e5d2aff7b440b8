/**
 * A Patient search by, or sorted by, `_lastUpdated` was answered for a caller shown only part of the Patient: a
 * `link` to a record they may not open is masked, yet changing only that link's target flipped the total of
 * `Patient?_id=<them>&_lastUpdated=ge<T>` from 0 to 1 while their read stayed the same (R11). Other types are refused
 * such a search when an entry would be a partial view (`holdsPartialView`); a Patient search went its own way before
 * that check. Now it is refused alike.
 *
 * The class: each caller who finds a Patient (a resident finding themself, a carer finding the person they act for)
 * × their entry with a link to a record they may not open, or to none × each way of asking by the last change — refused
 * exactly when a plain search of the same entry shows it in part (`SUBSETTED`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addOnlyCarer, CARER_SCOPE } from './support/add-only-carer.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const ASKS = ['_lastUpdated=ge2000-01-01', '_lastUpdated=lt2000-01-01', '_sort=-_lastUpdated', '_sort=_lastUpdated'];

let hub: TestHub;
let residentId: string;
let caredForId: string;

before(async () => {
  hub = await startTestHub();
  const resident = hub.hub.borough.personas.resident;
  assert.ok(resident);
  residentId = resident.patientId;
  const carer = addOnlyCarer(hub);
  caredForId = carer.patientId;
  await carer.permitOnly(['view-record']);
});
after(() => hub.close());

interface Caller {
  persona: string;
  scope: string;
  /** The entry they find, and a record they may not open. */
  own: () => string;
  other: () => string;
}

const CALLERS: Caller[] = [
  { persona: 'resident', scope: RESIDENT_SCOPE, own: () => residentId, other: () => caredForId },
  { persona: 'carer', scope: CARER_SCOPE, own: () => caredForId, other: () => residentId },
];

/** Puts the caller's entry with a link to the other record (or none), and returns the entry as it was. */
async function linked(caller: Caller, link: boolean): Promise<void> {
  const stored = await hub.hub.store.read('Patient', caller.own());
  assert.ok(stored);
  const { link: _earlier, ...rest } = stored.resource;
  await hub.hub.store.put(
    link ? { ...rest, link: [{ other: { reference: `Patient/${caller.other()}` }, type: 'seealso' }] } : rest,
    Date.now(),
  );
}

const subsetted = (bundle: Json) =>
  JSON.stringify((bundle['entry'] as { resource?: { meta?: unknown } }[] | undefined)?.map((entry) => entry.resource?.meta)).includes(
    'SUBSETTED',
  );

describe('a Patient search by its last change', () => {
  test('the reported case: a masked link refuses a resident’s search by _lastUpdated', async () => {
    const caller = CALLERS[0]!;
    await linked(caller, true);
    const token = await hub.signIn(caller.persona, { scope: caller.scope });
    const plain = await hub.call(token, `/Patient?_id=${caller.own()}`);
    assert.equal(plain.status, 200);
    assert.ok(subsetted(plain.body), 'the plain search shows the entry in part');
    const answer = await hub.call(token, `/Patient?_id=${caller.own()}&_lastUpdated=ge2000-01-01`);
    assert.equal(answer.status, 400, JSON.stringify(answer.body).slice(0, 300));
    await linked(caller, false);
  });

  for (const caller of CALLERS)
    for (const link of [true, false])
      test(`${caller.persona}: ${link ? 'a link to a record they may not open' : 'no link'}`, async () => {
        await linked(caller, link);
        const token = await hub.signIn(caller.persona, { scope: caller.scope });
        const plain = await hub.call(token, `/Patient?_id=${caller.own()}`);
        assert.equal(plain.status, 200);
        assert.equal(plain.body['total'], 1, 'they find the entry');
        const partial = subsetted(plain.body);
        assert.equal(partial, link, 'the link is masked exactly when there is one');
        const failures: string[] = [];
        for (const ask of ASKS) {
          const answer = await hub.call(token, `/Patient?_id=${caller.own()}&${ask}`);
          if ((answer.status === 400) !== partial) failures.push(`${ask}: ${answer.status}`);
        }
        await linked(caller, false);
        assert.deepEqual(failures, []);
      });
});
