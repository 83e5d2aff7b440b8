/**
 * A merged record still says where it went (docs/access-policy.md R13). Review found that d92350b, which withholds
 * another resident named on a record, also took the `Patient.link` of a merged record: a clinician reading a record
 * replaced by another was not told which record to use, and a resident's own other record was kept from her.
 *
 * The class: each link type (`replaced-by`, `replaces`, `refer`, `seealso`) to a record the professional may open and
 * to one they may not × each reader (the resident, a GP, a receptionist, a carer acting for her) × each way of reading
 * (by id, a search, `$summary`, a read in a batch) × the SDK banner's words. Wherever the Patient reaches the reader:
 * every link keeps its type, so the banner still says a record replaced is replaced; the other record is named to whoever
 * may open it (the resident, for a record that replaces or was replaced by hers; a professional whose organisation may
 * open it) and to nobody else, the Patient then `SUBSETTED`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bannerViewModel, type AllergyState, type Patient } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { startTestHub, testNow, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const LINK_TYPES = ['replaced-by', 'replaces', 'refer', 'seealso'] as const;
/** The resident's own other record, by link type: she may open it when it replaced or was replaced by hers. */
const RESIDENTS_OWN: ReadonlySet<string> = new Set(['replaced-by', 'replaces']);
const SOURCE = 'https://care-record.example/source/F83999';

let testHub: TestHub;
let A: string;
const tokens: Record<string, string> = {};
/** The other records A's Patient links to: `open` ones the professionals' organisations care for, `closed` ones not. */
const linked = (type: string, reach: 'open' | 'closed') => `link-${reach}-${type}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      A = hub.borough.personas.caredForResident!.patientId;
      const resident = (await hub.store.read('Patient', A))!.resource;
      const others = LINK_TYPES.flatMap((type) => (['open', 'closed'] as const).map((reach) => linked(type, reach)));
      for (const id of others)
        await hub.store.put({
          resourceType: 'Patient',
          id,
          meta: { source: SOURCE },
          name: resident['name'],
          birthDate: resident['birthDate'],
        });
      await hub.store.put({
        ...resident,
        link: LINK_TYPES.flatMap((type) =>
          (['open', 'closed'] as const).map((reach) => ({ other: { reference: `Patient/${linked(type, reach)}` }, type })),
        ),
      });
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany(
        [...new Set(organizations)].flatMap((organizationId) =>
          LINK_TYPES.map((type) => ({ patientId: linked(type, 'open'), organizationId })),
        ),
      );
    },
  });
  for (const persona of ['gp', 'receptionist', 'carer']) tokens[persona] = await testHub.signIn(persona);
  tokens['resident'] = await testHub.signIn('cared-for-resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

/** Whether this reader may be shown the other record of a link of this type. */
function mayOpen(reader: string, type: string, reach: 'open' | 'closed'): boolean {
  if (reader === 'resident') return RESIDENTS_OWN.has(type);
  if (reader === 'carer') return false;
  // A reason opens one record, never the records it links to.
  return reach === 'open';
}

const entriesOf = (body: Json): Json[] =>
  ((body['entry'] as { resource?: Json }[] | undefined) ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));

/** A's Patient as each way of reading gives it to this reader (with a break-glass reason, when given). */
async function patientAsRead(token: string, reason?: string): Promise<Record<string, Json | undefined>> {
  const isA = (resource: Json) => resource['resourceType'] === 'Patient' && resource['id'] === A;
  const headers = reason === undefined ? {} : { 'x-break-glass-reason': reason };
  const call = (path: string) => testHub.call(token, path, { headers });
  const read = await call(`/Patient/${A}`);
  const search = await call(`/Patient?_id=${A}`);
  const included = await call(`/Patient?_id=${A}&_include=Patient:general-practitioner`);
  const summary = await call(`/Patient/${A}/$summary`);
  const batch = await testHub.call(token, '', {
    method: 'POST',
    headers,
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [{ request: { method: 'GET', url: `Patient/${A}` } }, { request: { method: 'GET', url: `Patient?_id=${A}` } }],
    },
  });
  const [byId, searched] = (batch.body['entry'] as { resource?: Json }[] | undefined) ?? [];
  return {
    'read by id': read.status === 200 ? read.body : undefined,
    search: search.status === 200 ? entriesOf(search.body).find(isA) : undefined,
    'search with _include': included.status === 200 ? entriesOf(included.body).find(isA) : undefined,
    $summary: summary.status === 200 ? entriesOf(summary.body).find(isA) : undefined,
    'read in a batch': byId?.resource,
    'search in a batch': searched?.resource ? entriesOf(searched.resource).find(isA) : undefined,
  };
}

const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

/** The banner's "not in use" words for this Patient, as the reader's client would show them. */
function bannerSays(patient: Json, audience: 'clinician' | 'resident'): string | undefined {
  return bannerViewModel(patient as unknown as Patient, { audience, now: testNow, organizations: new Map(), allergies: notRecorded })
    .notInUse?.kind;
}

const isSubsetted = (patient: Json) =>
  ((patient['meta'] as { tag?: { code?: string }[] } | undefined)?.tag ?? []).some((tag) => tag.code === 'SUBSETTED');

/** What is wrong with the Patient this reader got by this way. */
function faultsOf(reader: string, way: string, patient: Json | undefined): string[] {
  if (patient === undefined) return reader === 'carer' && way.includes('search') ? [] : [`${way}: A's Patient not given`];
  const faults: string[] = [];
  const links = (patient['link'] as { type?: unknown; other?: { reference?: unknown } }[] | undefined) ?? [];
  const text = JSON.stringify(patient);
  let hidden = false;
  for (const type of LINK_TYPES)
    for (const reach of ['open', 'closed'] as const) {
      const id = linked(type, reach);
      const shown = text.includes(id);
      if (!mayOpen(reader, type, reach)) hidden = true;
      if (shown !== mayOpen(reader, type, reach))
        faults.push(`${way} × ${type} to a record ${reach} to them: ${shown ? 'named' : 'not named'}`);
    }
  const types = links.map((link) => link.type);
  if (JSON.stringify(types) !== JSON.stringify(LINK_TYPES.flatMap((type) => [type, type])))
    faults.push(`${way}: link types ${JSON.stringify(types)}`);
  if (hidden && !isSubsetted(patient)) faults.push(`${way}: a link's record left out without SUBSETTED`);
  // The banner: a record replaced says so, from the links as read, each type alone and all together.
  const audience = reader === 'resident' || reader === 'carer' ? 'resident' : 'clinician';
  if (bannerSays(patient, audience) !== 'replaced') faults.push(`${way}: the banner does not say the record is replaced`);
  for (const type of LINK_TYPES) {
    const says = bannerSays({ ...patient, link: links.filter((link) => link.type === type) }, audience);
    if (says !== (type === 'replaced-by' ? 'replaced' : undefined)) faults.push(`${way} × ${type}: the banner says ${String(says)}`);
  }
  return faults;
}

describe('reported: a record merged into another says which record to use', () => {
  test('the GP reads A replaced by a record they may open, and is told which', async () => {
    const read = await testHub.call(tokens['gp']!, `/Patient/${A}`);
    assert.equal(read.status, 200);
    const links = read.body['link'] as { type?: string; other?: { reference?: string } }[];
    const replacedBy = links.filter((link) => link.type === 'replaced-by');
    assert.deepEqual(
      replacedBy.map((link) => link.other?.reference),
      [`Patient/${linked('replaced-by', 'open')}`, undefined],
    );
    assert.equal(bannerSays(read.body, 'clinician'), 'replaced');
  });
  test('the resident reads her own record replaced by her other one, and is told which', async () => {
    const read = await testHub.call(tokens['resident']!, `/Patient/${A}`);
    assert.equal(read.status, 200);
    const links = read.body['link'] as { type?: string; other?: { reference?: string } }[];
    assert.deepEqual(
      links.filter((link) => link.type === 'replaced-by').map((link) => link.other?.reference),
      [`Patient/${linked('replaced-by', 'open')}`, `Patient/${linked('replaced-by', 'closed')}`],
    );
  });
});

describe('class: link types × readers × ways of reading × the banner', () => {
  for (const reader of ['resident', 'gp', 'receptionist', 'carer', 'gp with a reason'])
    test(reader, async () => {
      const persona = reader === 'gp with a reason' ? 'gp' : reader;
      const answers = await patientAsRead(tokens[persona]!, persona === reader ? undefined : 'Collapsed in the waiting room');
      const faults = Object.entries(answers).flatMap(([way, patient]) => faultsOf(persona, way, patient));
      assert.deepEqual(faults, []);
    });
});
