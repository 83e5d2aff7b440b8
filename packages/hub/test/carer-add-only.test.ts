/**
 * A carer who may add readings or medicines but not see the record adds
 * them as the SDK does: with `X-Request-ID` and `If-None-Exist` naming the
 * entry's own identifier. The hub refused every such create (`403`
 * `PROXY_RESTRICTED`), because a condition answers with what it finds and
 * the carer may not read that type: the SDK's outbox could never save a
 * carer's reading. A condition from someone who may not read the type now
 * matches only what they themself added (which they sent, so telling them
 * of it tells nothing), and never another's entry.
 *
 * The class: both kinds of entry × add-only permission: the first create,
 * a repeat after a lost answer (the same key and condition), the same
 * condition with a new key (the key's record gone), and a condition naming
 * the resident's own entry or an organisation's — each answered with the
 * carer's own entry or a new one, never another's.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildEntryResource, RESIDENT_ENTRY_SYSTEM } from '@care-record/sdk';
import { addOnlyCarer, CARER_SCOPE, ENTRY_KINDS, type AddOnlyCarer } from './support/add-only-carer.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c';

let hub: TestHub;
let patientId: string;
let permitOnly: AddOnlyCarer['permitOnly'];

before(async () => {
  hub = await startTestHub();
  ({ patientId, permitOnly } = addOnlyCarer(hub));
});
after(() => hub.close());

const KINDS = ENTRY_KINDS;

const condition = (key: string) => `identifier=${RESIDENT_ENTRY_SYSTEM}|${key}`;

describe('a carer who may add but not see', () => {
  test('the reported case: a reading sent as the SDK sends it is saved', async () => {
    await permitOnly(['add-readings']);
    const token = await hub.signIn('carer', { scope: CARER_SCOPE });
    const key = randomUUID();
    const body = buildEntryResource(KINDS[0].entry, patientId, { key }) as unknown as Json;
    const answer = await hub.call(token, '/Observation', {
      method: 'POST',
      body,
      headers: { 'x-request-id': key, 'if-none-exist': condition(key) },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body).slice(0, 300));
  });

  for (const kind of KINDS)
    test(`${kind.type}: first, repeated, re-keyed and another's entry named`, async () => {
      await permitOnly([kind.action]);
      const token = await hub.signIn('carer', { scope: CARER_SCOPE });
      assert.equal((await hub.call(token, `/${kind.type}?patient=${patientId}`)).status, 403, 'they may not read the type');
      const key = randomUUID();
      const body = buildEntryResource(kind.entry, patientId, { key }) as unknown as Json;
      const send = (requestId: string, when: string, sent: Json = body) =>
        hub.call(token, `/${kind.type}`, { method: 'POST', body: sent, headers: { 'x-request-id': requestId, 'if-none-exist': when } });

      const first = await send(key, condition(key));
      assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
      const repeat = await send(key, condition(key));
      assert.equal(repeat.status, 200, 'a repeat after a lost answer finds it');
      assert.equal(repeat.body['id'], first.body['id']);
      const rekeyed = await send(randomUUID(), condition(key));
      assert.equal(rekeyed.status, 200, 'the condition alone finds their own entry');
      assert.equal(rekeyed.body['id'], first.body['id']);

      // The resident's own entry, and an organisation's, are never matched for them.
      const residentKey = randomUUID();
      const resident = await hub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
      const residents = await hub.call(resident, `/${kind.type}`, {
        method: 'POST',
        body: buildEntryResource(kind.entry, patientId, { key: residentKey }) as unknown as Json,
        headers: { 'x-request-id': residentKey },
      });
      assert.equal(residents.status, 201);
      const organisations = (
        await hub.hub.store.search({
          type: kind.type,
          patientId,
          criteria: [],
          sort: { by: 'lastUpdated', descending: false },
          count: 1,
          visibility: { hiddenLabels: [] },
        })
      ).resources[0];
      const organisationIdentifier = (organisations?.['identifier'] as { system?: string; value?: string }[] | undefined)?.[0];
      const others = [
        { what: 'the resident’s', when: condition(residentKey), id: residents.body['id'] },
        ...(organisationIdentifier?.value
          ? [
              {
                what: 'an organisation’s',
                when: `identifier=${organisationIdentifier.system ?? ''}|${organisationIdentifier.value}`,
                id: organisations?.['id'],
              },
            ]
          : []),
      ];
      for (const other of others) {
        const fresh = randomUUID();
        const answer = await send(fresh, other.when, buildEntryResource(kind.entry, patientId, { key: fresh }) as unknown as Json);
        assert.equal(answer.status, 201, `${other.what}: ${JSON.stringify(answer.body).slice(0, 200)}`);
        assert.notEqual(answer.body['id'], other.id, `${other.what} entry is not answered`);
      }
    });
});
