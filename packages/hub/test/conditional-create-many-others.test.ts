/**
 * A carer who may add readings or medicines but not see them repeats a create
 * with `If-None-Exist` naming their entry's identifier; the hub matches only
 * what they themself added. It read the first 10 matches of the identifier and
 * then kept the carer's own: with more than 10 newer entries of others under
 * the same identifier, theirs was never looked at, and the repeat stored a
 * duplicate.
 *
 * The class: both kinds of entry × others' entries under the same identifier
 * (the resident's, an organisation's, another carer's; 11, a page and more) ×
 * the carer's own entries among them (none, one, two): answered 201 (a new
 * entry), 200 with their own, or 412 (more than one), never another's entry.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildEntryResource, RESIDENT_ENTRY_SYSTEM } from '@care-record/sdk';
import { addOnlyCarer, CARER_SCOPE, ENTRY_KINDS, type AddOnlyCarer } from './support/add-only-carer.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

let hub: TestHub;
let patientId: string;
let carerEntry: string;
let permitOnly: AddOnlyCarer['permitOnly'];

before(async () => {
  hub = await startTestHub();
  ({ patientId, carerEntry, permitOnly } = addOnlyCarer(hub));
});
after(() => hub.close());

const KINDS = ENTRY_KINDS;

const AUTHORS = [
  { name: 'the resident’s', author: () => ({ reference: `Patient/${patientId}` }) },
  { name: 'an organisation’s', author: () => ({ reference: 'PractitionerRole/someone-at-the-practice' }) },
  { name: 'another carer’s', author: () => ({ reference: 'RelatedPerson/someone-else' }) },
] as const;

/** An entry with this identifier, written by `author` (as the hub marks it): the carer's, when they are the author. */
function entryBy(kind: (typeof KINDS)[number], key: string, author: Json): Json {
  const body = buildEntryResource(kind.entry, patientId, { key }) as unknown as Json;
  return {
    ...body,
    id: `ccmo-${randomUUID()}`,
    ...(kind.type === 'Observation' ? { performer: [author] } : { informationSource: author }),
  };
}

async function send(token: string, kind: (typeof KINDS)[number], key: string) {
  const requestId = randomUUID();
  return hub.call(token, `/${kind.type}`, {
    method: 'POST',
    body: buildEntryResource(kind.entry, patientId, { key }) as unknown as Json,
    headers: { 'x-request-id': requestId, 'if-none-exist': `identifier=${RESIDENT_ENTRY_SYSTEM}|${key}` },
  });
}

describe('an add-only carer’s condition finds their own entry among many others’', () => {
  test('the reported case: 11 newer entries of the resident’s do not hide the carer’s reading', async () => {
    await permitOnly(['add-readings']);
    const token = await hub.signIn('carer', { scope: CARER_SCOPE });
    const key = randomUUID();
    const first = await send(token, KINDS[0], key);
    assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
    const others = Array.from({ length: 11 }, () => entryBy(KINDS[0], key, { reference: `Patient/${patientId}` }));
    await hub.hub.store.putMany(others, Date.now() + 60_000);
    const repeat = await send(token, KINDS[0], key);
    assert.equal(repeat.status, 200, `a repeat finds it: ${JSON.stringify(repeat.body).slice(0, 200)}`);
    assert.equal(repeat.body['id'], first.body['id']);
  });

  for (const kind of KINDS)
    for (const author of AUTHORS)
      test(`${kind.type}: ${author.name} entries, 11 to more than a page, and none, one or two of the carer’s`, async () => {
        await permitOnly([kind.action]);
        const token = await hub.signIn('carer', { scope: CARER_SCOPE });
        const own = { reference: `RelatedPerson/${carerEntry}` };
        for (const count of [11, 12, 51, 120])
          for (const ownCount of [0, 1, 2]) {
            const what = `${count} others, ${ownCount} of theirs`;
            const key = randomUUID();
            const mine = Array.from({ length: ownCount }, () => entryBy(kind, key, own));
            const at = Date.now();
            await hub.hub.store.putMany(mine, at - 60_000);
            await hub.hub.store.putMany(
              Array.from({ length: count }, () => entryBy(kind, key, author.author())),
              at,
            );
            const answer = await send(token, kind, key);
            if (ownCount === 0) {
              assert.equal(answer.status, 201, `${what}: ${JSON.stringify(answer.body).slice(0, 200)}`);
              // The new entry is theirs; sent again, it is found.
              const again = await send(token, kind, key);
              assert.equal(again.status, 200, `${what}: the repeat finds the new one`);
              assert.equal(again.body['id'], answer.body['id'], what);
            } else if (ownCount === 1) {
              assert.equal(answer.status, 200, `${what}: ${JSON.stringify(answer.body).slice(0, 200)}`);
              assert.equal(answer.body['id'], mine[0]!['id'], what);
            } else {
              assert.equal(answer.status, 412, `${what}: ${JSON.stringify(answer.body).slice(0, 200)}`);
            }
          }
      });
});
