/**
 * The SDK's access log lists every look the hub lists for the resident (docs/access-policy.md R15). Review found that
 * `readAccessLog` asked the hub only for `TREAT` and `ETREAT` looks, so her carers' looks (`FAMRQT`) and her own
 * (`PATADMIN`) never appeared, though the hub lists them.
 *
 * Against a real hub on loopback: a GP's look (care), a clinician's with a reason (emergency), a carer's, and her own.
 * Every purpose the hub lists for her appears in the SDK's log, in words; and once the carer is kept from her (`NOPAT`),
 * their looks appear still, as someone whose details are not shown, with nothing saying they are family.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, readAccessLog, type AccessLogViewModel } from '@care-record/sdk';
import { loadContract } from '../src/contract/contract.js';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
/** The `carer` persona's RelatedPerson on the resident's record. */
const CARER = 'pat-000003-rp-1';
const REASON = 'Brought in unconscious';

let testHub: TestHub;
let residentToken: string;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      // The nurse's organisation is excluded by her sharing choice: their look is break-glass, with a reason.
      const nurse = signInPersonas(hub.borough).find((persona) => persona.id === 'hospital-nurse')!;
      await hub.store.put(sharingChoiceExcluding(RESIDENT, [nurse.organizationId!], 'choice-nurse-excluded'));
    },
  });
  residentToken = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  const gp = await testHub.signIn('gp');
  const nurse = await testHub.signIn('hospital-nurse');
  const carer = await testHub.signIn('carer');
  assert.equal((await testHub.call(gp, `/Patient/${RESIDENT}`)).status, 200);
  assert.equal((await testHub.call(nurse, `/Patient/${RESIDENT}`, { headers: { 'x-break-glass-reason': REASON } })).status, 200);
  assert.equal((await testHub.call(carer, `/Patient/${RESIDENT}`)).status, 200);
  assert.equal((await testHub.call(residentToken, `/Patient/${RESIDENT}`)).status, 200);
});
after(() => testHub.close());

/** The hub's own list of her looks (no purpose asked), each event's purpose code as she reads it (`masked` if none). */
async function hubLooks(): Promise<Map<string, string[]>> {
  const answer = await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&_count=500`);
  assert.equal(answer.status, 200);
  const byPurpose = new Map<string, string[]>();
  for (const { resource } of (answer.body['entry'] as { resource: Json }[] | undefined) ?? []) {
    if (resource['resourceType'] !== 'AuditEvent') continue;
    const purposes = (resource['purposeOfEvent'] as { coding?: { code?: string }[] }[] | undefined) ?? [];
    const code = purposes[0]?.coding?.[0]?.code ?? 'masked';
    byPurpose.set(code, [...(byPurpose.get(code) ?? []), String(resource['id'])]);
  }
  return byPurpose;
}

async function sdkLog(): Promise<AccessLogViewModel> {
  const log = readAccessLog(createHubClient({ baseUrl: testHub.fhir, auth: residentToken }), RESIDENT, { pageSize: 50 });
  let model = await log.loadMore();
  while (log.hasMore) model = await log.loadMore();
  return model;
}

describe('reported: her carer’s look is in the SDK’s access log', () => {
  test('the carer read her record; her log lists it, in words', async () => {
    const model = await sdkLog();
    assert.ok(
      model.entries.some((entry) => entry.role === 'Carer (acting for you)'),
      JSON.stringify(model.entries.map((entry) => entry.role)),
    );
  });
});

/** The values the contract lets a client ask for in `AuditEvent?purpose=`. */
function askablePurposes(): Set<string> {
  const search = loadContract().paths['/AuditEvent']?.['get'] as { parameters?: unknown[] } | undefined;
  const purpose = (search?.parameters ?? []).find((parameter) => (parameter as Json)['name'] === 'purpose') as
    { schema?: { items?: { enum?: string[] } } } | undefined;
  return new Set(purpose?.schema?.items?.enum ?? []);
}

describe('class: every purpose the hub writes can be asked for by it', () => {
  // Reported: the contract's `purpose` enum lacked `FAMRQT`, so a typed client could not list her carers' looks, though
  // the hub writes them and answers such a search.
  test('each purpose she is shown is in the contract, and a search by it lists exactly those looks', async () => {
    const askable = askablePurposes();
    const looks = await hubLooks();
    looks.delete('masked');
    assert.ok(looks.size >= 4, `purposes listed: ${[...looks.keys()].join(', ')}`);
    for (const [code, ids] of looks) {
      assert.ok(askable.has(code), `the contract does not let a client ask for purpose ${code}`);
      const answer = await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&purpose=${code}&_count=500`);
      assert.equal(answer.status, 200, code);
      const found = ((answer.body['entry'] as { resource: Json }[] | undefined) ?? [])
        .map(({ resource }) => resource)
        .filter((resource) => resource['resourceType'] === 'AuditEvent')
        .map((resource) => String(resource['id']));
      // Reading the log is itself a look (hers, PATADMIN), so her own may have grown since; none may be missing.
      assert.deepEqual(
        ids.filter((id) => !found.includes(id)),
        [],
        code,
      );
    }
  });
});

describe('class: every purpose the hub lists for her appears in the SDK’s log', () => {
  test('as the hub lists them', async () => {
    // The SDK first: the hub's list read after it holds every look the SDK was given (each read is itself a look).
    const entries = new Set((await sdkLog()).entries.map((entry) => entry.id));
    const looks = await hubLooks();
    // The fixture made looks of four purposes: care, emergency, a carer's and her own.
    assert.ok(looks.size >= 4, `purposes listed: ${[...looks.keys()].join(', ')}`);
    const missing = [...looks].filter(([, ids]) => !ids.some((id) => entries.has(id))).map(([code]) => code);
    assert.deepEqual(missing, []);
  });
  test('with the carer kept from her, their looks are still listed, masked and not as family', async () => {
    const { meta, ...contact } = (await testHub.hub.store.read('RelatedPerson', CARER))!.resource;
    const { versionId: _v, lastUpdated: _l, ...rest } = meta as Json;
    await testHub.hub.store.put({ ...contact, meta: { ...rest, security: [{ system: ACT_CODE, code: 'NOPAT' }] } });
    const model = await sdkLog();
    const entries = new Set(model.entries.map((entry) => entry.id));
    const looks = await hubLooks();
    assert.ok(looks.has('masked'), `purposes listed: ${[...looks.keys()].join(', ')}`);
    const missing = [...looks].filter(([, ids]) => !ids.some((id) => entries.has(id))).map(([code]) => code);
    assert.deepEqual(missing, []);
    const masked = model.entries.filter((entry) => entry.organisation === 'Someone whose details are not shown');
    assert.equal(masked.length >= 1, true);
    assert.ok(!JSON.stringify(model).match(/Carer \(acting for you\)|family/i), JSON.stringify(model.entries));
  });
});
