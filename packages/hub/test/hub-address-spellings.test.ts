/**
 * This hub's own address however a source spelled it. Since 0c780e2 an item
 * whose service element points at a sensitive service by this hub's address
 * (`https://<hub>/fhir/Organization/x`) is that service's; but the address
 * was matched as written, with only its scheme, host and port read as a URL
 * parser reads them. A reference spelled `…/%66hir/Organization/x` (a
 * percent-encoded letter), `…//fhir/…` (a doubled slash) or with its id or
 * type percent-encoded was taken for another server's, so an encounter with
 * the mental health trust, by a reference every server reads as this hub's
 * entry, reached a GP the resident keeps mental health from.
 *
 * Now the reference is read as the WHATWG URL parser reads it (scheme and
 * host in lower case, default port left out, `.` and `..` resolved) and its
 * path as a server does (unreserved characters decoded, runs of slashes as
 * one), and so is each address the hub is told.
 *
 * The class: every spelling × every service element of every type × three
 * readers, for the trust and the clinic, withheld exactly as the item
 * labelled; the practice's never; spellings of another base or server
 * answered as another server's; and the store's search (SQL) withholding the
 * same items as the rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { SERVICE_REFERENCE_CASES as CASES, withReference } from './support/service-references.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const DIRECTORY: Json[] = [
  { resourceType: 'Organization', id: 'org-trust', name: 'Northside Mental Health NHS Trust' },
  { resourceType: 'Organization', id: 'org-clinic', name: 'Archway Sexual Health Clinic' },
  { resourceType: 'Organization', id: 'org-practice', name: 'Fleet Valley Surgery' },
];

/** This hub's address (its FHIR base), as it is told it on starting. */
const HUB = 'https://hub.care-record.test:8443/fhir';

/** Spellings of a reference to `Organization/<id>` that every server reads as this hub's entry. */
const AT_HUB: Record<string, (id: string) => string> = {
  'a percent-encoded letter in the base': (id) => `https://hub.care-record.test:8443/%66hir/Organization/${id}`,
  'a percent-encoded base in lower-case hex': (id) => `https://hub.care-record.test:8443/%66%68%69%72/Organization/${id}`,
  'a percent-encoded type': (id) => `${HUB}/%4Frganization/${id}`,
  'a percent-encoded id': (id) => `${HUB}/Organization/%${id.charCodeAt(0).toString(16)}${id.slice(1)}`,
  'a doubled slash before the base': (id) => `https://hub.care-record.test:8443//fhir/Organization/${id}`,
  'a doubled slash before the type': (id) => `${HUB}//Organization/${id}`,
  'a doubled slash before the id': (id) => `${HUB}/Organization//${id}`,
  'a dot segment': (id) => `https://hub.care-record.test:8443/./fhir/Organization/${id}`,
  'a dot-dot segment': (id) => `https://hub.care-record.test:8443/archive/../fhir/Organization/${id}`,
  'a percent-encoded dot-dot segment': (id) => `https://hub.care-record.test:8443/archive/%2E%2E/fhir/Organization/${id}`,
  'upper-case scheme and host': (id) => `HTTPS://HUB.CARE-RECORD.TEST:8443/fhir/Organization/${id}`,
  'a version': (id) => `${HUB}/Organization/${id}/_history/1`,
  'a version, _history in capitals': (id) => `${HUB}/Organization/${id}/_HISTORY/1`,
  'a version and a closing slash': (id) => `${HUB}/Organization/${id}/_history/1/`,
  'a fragment and a query': (id) => `${HUB}/Organization/${id}?_format=json#x`,
};

/** The same at the internal name the hub is told too, with its default port written out. */
const AT_OTHER_ORIGIN: Record<string, (id: string) => string> = {
  'the internal name with its default port written out': (id) => `https://record.internal.test:443/fhir/Organization/${id}`,
  'the internal name over http with port 80': (id) => `http://record.internal.test:80/fhir/Organization/${id}`,
  'the internal name, doubled slash and encoded': (id) => `https://Record.Internal.Test//%66hir/Organization/${id}/_history/7`,
};

/** Spellings that name another base or server: another server's entry, whatever its id. */
const ELSEWHERE: Record<string, (id: string) => string> = {
  'an encoded slash: one segment, not two': (id) => `https://hub.care-record.test:8443/fhir%2FOrganization/${id}`,
  'dot-dot out of the base': (id) => `https://hub.care-record.test:8443/fhir/../archive/Organization/${id}`,
  'a longer base': (id) => `https://hub.care-record.test:8443/fhirx/Organization/${id}`,
  'an encoded letter of another base': (id) => `https://hub.care-record.test:8443/%61rchive/Organization/${id}`,
  'another port written out': (id) => `https://hub.care-record.test:8444/fhir/Organization/${id}`,
  'this hub’s address inside another’s': (id) => `https://other-hub.example//hub.care-record.test:8443/fhir/Organization/${id}`,
};

/** Who the labels are withheld from, with the directory as the hub gives it. */
async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const carer = defaultVisibility({ kind: 'carer' });
  return {
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...carer, hiddenLabels: [...carer.hiddenLabels, 'PSY'] },
      store,
    ),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
  };
}

async function storeWithDirectory(): Promise<Store> {
  const store = await openTestStore();
  knowHubAddress(store, [HUB, 'https://record.internal.test/fhir']);
  for (const entry of DIRECTORY) await store.put(entry);
  return store;
}

test('the reported case: an encounter with the trust at this hub’s address, spelled /%66hir/, is kept from the GP', async () => {
  const store = await storeWithDirectory();
  const gp = (await readers(store))['a GP the resident keeps mental health from']!;
  const encounter = {
    ...recordItem('Encounter', 'enc-1', 'pat-1'),
    meta: { source: OTHER_SOURCE },
    serviceProvider: { reference: 'https://hub.care-record.test:8443/%66hir/Organization/org-trust' },
  };
  await store.put(encounter);
  assert.equal(isWithheld(encounter, gp), true, 'read');
  const found = await store.search({
    type: 'Encounter',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 10,
    visibility: gp,
  });
  assert.deepEqual(
    found.resources.map((item) => item['id']),
    [],
    'searched',
  );
  await store.close();
});

test('every spelling × element × reader: this hub’s entry however spelled, another server’s never — read and searched', async () => {
  const store = await storeWithDirectory();
  const viewers = await readers(store);
  const wrong: string[] = [];
  const twins = new Map<string, Json>();
  let compared = 0;
  const spellings = [
    ...Object.entries(AT_HUB).map(([name, spell]) => ({ name, spell, hub: true })),
    ...Object.entries(AT_OTHER_ORIGIN).map(([name, spell]) => ({ name, spell, hub: true })),
    ...Object.entries(ELSEWHERE).map(([name, spell]) => ({ name, spell, hub: false })),
  ];
  for (const [to, label] of [
    ['org-trust', 'PSY'],
    ['org-clinic', 'SEX'],
    ['org-practice', undefined],
  ] as const)
    for (const { type, path } of CASES)
      for (const { name, spell, hub } of spellings) {
        const id = `sp-${twins.size}`;
        const base = { ...recordItem(type, id, 'pat-1'), meta: { source: OTHER_SOURCE } };
        const item = withReference(base, path, { reference: spell(to) });
        const twin = hub && label !== undefined ? recordItem(type, id, 'pat-1', [label]) : base;
        twins.set(id, twin);
        await store.put(item);
        for (const [reader, visibility] of Object.entries(viewers)) {
          compared += 1;
          if (isWithheld(item, visibility) !== isWithheld(twin, visibility))
            wrong.push(`${to} ${type}.${path} ${name} to ${reader}: expected ${isWithheld(twin, visibility) ? 'withheld' : 'shown'}`);
        }
      }
  for (const [reader, visibility] of Object.entries(viewers))
    for (const type of new Set(CASES.map((each) => each.type))) {
      const found = await store.search({
        type,
        patientId: 'pat-1',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 2000,
        visibility,
      });
      const shown = new Set(found.resources.map((item) => String(item['id'])));
      for (const [id, twin] of twins) {
        if (twin['resourceType'] !== type) continue;
        compared += 1;
        if (shown.has(id) === isWithheld(twin, visibility)) wrong.push(`${reader} searching ${type}: ${id}`);
      }
    }
  await store.close();
  // Both answers met: the comparison is not of refusals only.
  const withheld = [...twins.values()].filter((twin) => isWithheld(twin, Object.values(viewers)[2]!)).length;
  assert.ok(withheld > 0 && withheld < twins.size, `${withheld} of ${twins.size} withheld from the GP`);
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});

test('the addresses the hub is told are read the same way', async () => {
  const store = await openTestStore();
  knowHubAddress(store, ['HTTPS://Hub.Care-Record.Test:8443//%66hir/./']);
  for (const entry of DIRECTORY) await store.put(entry);
  const gp = (await readers(store))['a GP the resident keeps mental health from']!;
  const wrong: string[] = [];
  for (const [name, spell] of Object.entries({ plain: (id: string) => `${HUB}/Organization/${id}`, ...AT_HUB })) {
    const item = {
      ...recordItem('Encounter', 'enc', 'pat-1'),
      meta: { source: OTHER_SOURCE },
      serviceProvider: { reference: spell('org-trust') },
    };
    if (!isWithheld(item, gp)) wrong.push(name);
  }
  await store.close();
  assert.deepEqual(wrong, []);
});
