/**
 * A hub reached at several addresses. Since 0c780e2 the hub read an absolute
 * reference to a directory entry at its own address
 * (`<origin>/fhir/Organization/x`, as exports that write fullUrls send it) as
 * that entry — but only at the one address it was started with (`--origin`).
 * Processes behind a load balancer, or a hub reached under an internal and a
 * public name, each knew only their own: an appointment booked with the mental
 * health trust by the hub's internal address, with no display, reached a
 * receptionist, and an encounter with a sexual health clinic by another
 * process's address reached another organisation's GP. Now the hub is told
 * every address it is reached at (`otherOrigins`, `--other-origin`), and a
 * reference at any of them is the entry; one at any other address is still
 * another server's, whatever its id.
 *
 * The class: every address (the origin, each other one, in other casing and
 * with a default port, and addresses the hub was not told) × a mental health
 * and a sexual health service and a practice × every reader × read and search
 * is answered as the same item labelled (the services at a told address) or as
 * one naming none (a practice, or any address not told).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHub } from '../src/hub.js';
import { askAs, signInCallers } from './support/callers.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const PATIENT = 'pat-000003';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The other addresses the hub is told it is reached at: a public name, and another process's own address. */
const OTHER_ORIGINS = ['https://record.example.org', 'http://10.0.0.7:8081'];

/** Where a reference may point, and whether it is this hub. `origin` is filled in once the hub listens. */
const ADDRESSES: { name: string; base: (origin: string) => string; hub: boolean }[] = [
  { name: 'the origin', base: (origin) => `${origin}/fhir`, hub: true },
  { name: 'the public name', base: () => 'https://record.example.org/fhir', hub: true },
  { name: 'the public name in capitals, its default port', base: () => 'HTTPS://RECORD.EXAMPLE.ORG:443/fhir', hub: true },
  { name: 'another process', base: () => 'http://10.0.0.7:8081/fhir', hub: true },
  { name: 'another process over https', base: () => 'https://10.0.0.7:8081/fhir', hub: true },
  { name: 'a name not told', base: () => 'https://record.example.net/fhir', hub: false },
  { name: 'a process not told', base: () => 'http://10.0.0.8:8081/fhir', hub: false },
  { name: 'another port of a told name', base: () => 'https://record.example.org:8443/fhir', hub: false },
  { name: 'another base at a told name', base: () => 'https://record.example.org/archive', hub: false },
];

/** The entries referred to: their label as a service (none for the practice). */
const ENTRIES: { name: string; id: string; label?: string }[] = [
  { name: 'trust', id: '', label: 'PSY' },
  { name: 'clinic', id: 'org-hadr-clinic', label: 'SEX' },
  { name: 'practice', id: '' },
];

const TYPES = ['Appointment', 'Encounter'] as const;

let testHub: TestHub;
const tokens: Record<string, string> = {};

const idOf = (type: string, entry: number, address: number) => `hadr-${type.toLowerCase()}-${entry}-${address}`;
const twinOf = (type: string, how: string) => `hadr-${type.toLowerCase()}-${how}`;

function shaped(item: Json): Json {
  return item['resourceType'] === 'Appointment' ? { ...item, status: 'booked', ...stillToCome(40) } : item;
}

function referring(type: (typeof TYPES)[number], id: string, reference: string): Json {
  const base = recordItem(type, id, PATIENT);
  if (type === 'Appointment')
    return shaped({ ...base, participant: [...((base['participant'] as Json[]) ?? []), { actor: { reference }, status: 'accepted' }] });
  return { ...base, serviceProvider: { reference } };
}

before(async () => {
  testHub = await startTestHub({
    otherOrigins: OTHER_ORIGINS,
    beforeListen: async (hub) => {
      const named = (test: RegExp) => hub.borough.organizations.find((entry) => test.test(entry.name ?? ''))?.id ?? '';
      ENTRIES[0]!.id = named(/mental health/i);
      ENTRIES[2]!.id = named(/surgery|practice|medical centre/i);
      assert.ok(ENTRIES[0]!.id && ENTRIES[2]!.id, 'the borough has a mental health trust and a practice');
      await relateEveryOrganization(hub, [PATIENT]);
      await hub.store.transaction(async (store) => {
        await store.put({
          resourceType: 'Organization',
          id: 'org-hadr-clinic',
          identifier: [{ system: ODS, value: 'RSH21' }],
          active: true,
          name: 'Highbury Sexual Health Clinic',
        });
        for (const type of TYPES) {
          await store.put(shaped(recordItem(type, twinOf(type, 'plain'), PATIENT)));
          for (const label of ['PSY', 'SEX']) await store.put(shaped(recordItem(type, twinOf(type, label), PATIENT, [label])));
          for (const [entry, { id }] of ENTRIES.entries())
            for (const [address, { base }] of ADDRESSES.entries())
              await store.put(
                referring(type, idOf(type, entry, address), `${base(hub.fhirBaseUrl.replace(/\/fhir$/, ''))}/Organization/${id}`),
              );
        }
      });
    },
  });
  Object.assign(tokens, await signInCallers(testHub, PATIENT));
  delete tokens['resident'];
  tokens['carer'] = await testHub.signIn('carer', { scope: CARER_SCOPE });
});
after(() => testHub.close());

const ids = (body: Json): string[] =>
  ((body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => String(entry.resource?.['id']));

describe('the reported cases', () => {
  test('an appointment booked with the trust by the hub’s public name, with no display, is kept from a receptionist', async () => {
    const answer = await askAs(testHub, tokens['receptionist'], `/Appointment/${idOf('Appointment', 0, 1)}`, false, {});
    assert.equal(answer.status, 404, JSON.stringify(answer.body).slice(0, 200));
  });

  test('an encounter with a sexual health clinic by another process’s address is kept from another organisation’s GP', async () => {
    const answer = await askAs(testHub, tokens['gp'], `/Encounter/${idOf('Encounter', 1, 3)}`, false, {});
    assert.equal(answer.status, 404, JSON.stringify(answer.body).slice(0, 200));
  });
});

describe('the class: a reference at any address the hub is told is its entry, at any other another server’s', () => {
  test('every address × entry × type × reader, read and searched', async (context) => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    let compared = 0;
    for (const [caller, token] of Object.entries(tokens)) {
      const found = new Map<string, { status: number; ids: Set<string> }>();
      for (const type of TYPES) {
        const search = await askAs(testHub, token, `/${type}?patient=${PATIENT}&_count=500`, false, {});
        found.set(type, { status: search.status, ids: new Set(search.status === 200 ? ids(search.body) : []) });
      }
      const answerOf = async (type: string, id: string) => {
        const read = await askAs(testHub, token, `/${type}/${id}`, false, {});
        const search = found.get(type)!;
        return `read ${read.status}, search ${search.status === 200 ? String(search.ids.has(id)) : search.status}`;
      };
      for (const type of TYPES)
        for (const [entry, { name, label }] of ENTRIES.entries())
          for (const [address, { name: where, hub }] of ADDRESSES.entries()) {
            const twin = hub && label !== undefined ? label : 'plain';
            const expected = await answerOf(type, twinOf(type, twin));
            const answer = await answerOf(type, idOf(type, entry, address));
            seen.add(expected);
            compared += 1;
            if (answer !== expected) wrong.push(`${caller} ${type} ${name} at ${where}: ${answer}; as ${twin}: ${expected}`);
          }
    }
    context.diagnostic(`${compared} items compared, ${seen.size} different answers met`);
    assert.ok([...seen].some((answer) => answer.startsWith('read 200')) && [...seen].some((answer) => answer.startsWith('read 404')));
    assert.ok([...seen].some((answer) => answer.endsWith('search true')) && [...seen].some((answer) => answer.endsWith('search false')));
    assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
  });
});

test('an address that is not http or https is refused on starting', async () => {
  // Refused before the store is opened: nothing to clean up.
  await assert.rejects(
    createHub({ residents: 1, store: 'sqlite::memory:', origin: 'http://127.0.0.1:1', otherOrigins: ['ftp://record.example.org'] }),
    /http or https/,
  );
});
