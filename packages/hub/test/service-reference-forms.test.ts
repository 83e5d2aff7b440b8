/**
 * Every form a reference to a sensitive service takes, by the rule itself
 * (`serviceReferenceKeys`, the directory's keys from `servicesOf`,
 * `isWithheld`), and the directory at any size in a real store. A review of
 * the first version of `labelledServices` found references that still got
 * through (an identifier without its system or with its system in other
 * casing, a stray slash or query, `identifier:exact`, a contained place of
 * the trust with no identifier, a ward part of a ward, a `type` that
 * disagrees with the reference), a practice's service withheld because it
 * lists sexual health among what it offers, searches failing outright once
 * the directory held 600 places of the trust (a SQL term for each), and
 * places beyond the directory's first 10,000 not counted at all. Then a
 * practitioner's role at the trust (by its organisation, a service or a place
 * of it), which an item names with no display, was not read at all, nor a
 * reference by this hub's own address (`https://<hub>/fhir/Organization/x`),
 * while another server's address, whatever its id, names none of this
 * directory's entries.
 *
 * The class: both categories × every service element of every type × every
 * form, each withheld from another organisation's receptionist, a carer and
 * a clinician the resident keeps mental health from exactly as the item
 * labelled; the same forms to a practice withheld from nobody; a directory of
 * 12,000 places and 3,000 practitioners' roles searched in the store, the
 * first and the last withheld; and a hub told several addresses (a public and
 * an internal name, another process's own), a reference at any of them read
 * and searched as its entry, at any other as another server's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMentalHealthOrganization, isMentalHealthService, namesMentalHealthEntry, servicesOf } from '../src/policy/mental-health.js';
import { isSensitiveService } from '../src/policy/sensitive-content.js';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { SERVICE_REFERENCE_CASES as CASES, withReference } from './support/service-references.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The directory: a mental health trust, a sexual health clinic, a practice, and what belongs to each. */
const organization = (id: string, ods: string, name: string, extra: Json = {}): Json => ({
  resourceType: 'Organization',
  id,
  identifier: [{ system: ODS, value: ods }],
  name,
  ...extra,
});
const DIRECTORY: Json[] = [
  organization('org-trust', 'RV3', 'Northside Mental Health NHS Trust'),
  organization('org-clinic', 'RSH01', 'Archway Sexual Health Clinic'),
  organization('org-practice', 'F83999', 'Fleet Valley Surgery', { type: [{ text: 'GP practice' }] }),
  // A unit of the trust, and the practice's service offering everything a practice does.
  organization('org-trust-unit', 'RV3AA', 'Acorn Unit', { partOf: { reference: 'Organization/org-trust' } }),
  {
    resourceType: 'HealthcareService',
    id: 'hcs-practice',
    providedBy: { reference: 'Organization/org-practice' },
    name: 'General practice services',
    // A practice's own service, by its provider the directory knows as a GP practice (R14; not by its category): a
    // service that lists general practice beside sexual health provided by no practice is a clinic's.
    category: [{ text: 'General practice' }],
    type: [{ text: 'General practice' }, { text: 'Sexual health and contraception' }, { text: 'Mental health support' }],
  },
  ...[
    ['loc-trust-ward', 'org-trust', 'Ward 4'],
    ['loc-clinic-room', 'org-clinic', 'Room 2'],
    ['loc-practice-room', 'org-practice', 'Room 4'],
  ].map(([id, owner, name]) => ({ resourceType: 'Location', id, name, managingOrganization: { reference: `Organization/${owner}` } })),
  // A bay of a ward: part of a place of the trust, two removes from it.
  { resourceType: 'Location', id: 'loc-trust-bay', name: 'Bay B', partOf: { reference: 'Location/loc-trust-ward' } },
  { resourceType: 'Location', id: 'loc-practice-bay', name: 'Bay C', partOf: { reference: 'Location/loc-practice-room' } },
  // A service of each that says nothing of it by its name, and a practitioner's role at each, at a place of each and at
  // a service of each: a role names no one's service by what it is called.
  ...['trust', 'clinic', 'practice'].flatMap((of) => [
    { resourceType: 'HealthcareService', id: `hcs-${of}-line`, name: 'Advice line', providedBy: { reference: `Organization/org-${of}` } },
    { resourceType: 'PractitionerRole', id: `role-${of}`, organization: { reference: `Organization/org-${of}` } },
    { resourceType: 'PractitionerRole', id: `role-${of}-place`, location: [{ reference: `Location/loc-${of}-room` }] },
    { resourceType: 'PractitionerRole', id: `role-${of}-service`, healthcareService: [{ reference: `HealthcareService/hcs-${of}-line` }] },
  ]),
  { resourceType: 'Location', id: 'loc-trust-room', name: 'Room 9', managingOrganization: { reference: 'Organization/org-trust' } },
];

interface Service {
  name: string;
  id: string;
  ods: string;
  place: string;
  bay: string;
}
const SERVICES: Record<string, Service> = {
  trust: { name: 'trust', id: 'org-trust', ods: 'RV3', place: 'loc-trust-ward', bay: 'loc-trust-bay' },
  clinic: { name: 'clinic', id: 'org-clinic', ods: 'RSH01', place: 'loc-clinic-room', bay: 'loc-clinic-room' },
  practice: { name: 'practice', id: 'org-practice', ods: 'F83999', place: 'loc-practice-room', bay: 'loc-practice-bay' },
};

/** This hub's address (its FHIR base), as the hub is told it when it starts. */
const HUB = 'https://hub.care-record.test:8443/fhir';

/** Every form a reference to a service takes here, with what the item contains for it. */
const FORMS: Record<string, (to: Service) => { reference: Json; contained?: Json }> = {
  'this hub’s entry': (to) => ({ reference: { reference: `Organization/${to.id}` } }),
  'a version of it': (to) => ({ reference: { reference: `Organization/${to.id}/_history/2` } }),
  'with a stray slash': (to) => ({ reference: { reference: `Organization/${to.id}/` } }),
  'with a query': (to) => ({ reference: { reference: `Organization/${to.id}?_format=json` } }),
  'with spaces around it': (to) => ({ reference: { reference: ` Organization/${to.id} ` } }),
  'a type that disagrees with the reference': (to) => ({ reference: { type: 'Practitioner', reference: `Organization/${to.id}` } }),
  'a type in lower case': (to) => ({ reference: { type: 'organization', identifier: { system: ODS, value: to.ods } } }),
  'its ODS code': (to) => ({ reference: { identifier: { system: ODS, value: to.ods } } }),
  'its ODS code in lower case': (to) => ({ reference: { identifier: { system: ODS, value: to.ods.toLowerCase() } } }),
  'its ODS code without a system': (to) => ({ reference: { identifier: { value: to.ods } } }),
  'its system in other casing, over http': (to) => ({
    reference: { identifier: { system: 'HTTP://FHIR.NHS.UK/Id/ods-organization-code/', value: to.ods } },
  }),
  'a conditional reference': (to) => ({ reference: { reference: `Organization?identifier=${encodeURIComponent(`${ODS}|${to.ods}`)}` } }),
  'a conditional reference with :exact and another parameter': (to) => ({
    reference: { reference: `Organization?active=true&identifier:exact=${ODS}|${to.ods}` },
  }),
  'a conditional reference without a system': (to) => ({ reference: { reference: `Organization?identifier=${to.ods}` } }),
  'a contained entry with its ODS code': (to) => ({
    reference: { reference: '#provider' },
    contained: { resourceType: 'Organization', id: 'provider', identifier: [{ system: ODS, value: to.ods }] },
  }),
  'a contained place it manages, with no identifier': (to) => ({
    reference: { reference: '#place' },
    contained: { resourceType: 'Location', id: 'place', managingOrganization: { reference: `Organization/${to.id}` } },
  }),
  'a place of it': (to) => ({ reference: { reference: `Location/${to.place}` } }),
  'a place part of a place of it': (to) => ({ reference: { reference: `Location/${to.bay}` } }),
  'this hub’s address': (to) => ({ reference: { reference: `${HUB}/Organization/${to.id}` } }),
  'this hub’s address over http, in capitals, a version of it': (to) => ({
    reference: { reference: `HTTP://HUB.CARE-RECORD.TEST:8443/fhir/Organization/${to.id}/_history/3` },
  }),
  'a place of it at this hub’s address, a type that disagrees': (to) => ({
    reference: { type: 'Practitioner', reference: `${HUB}/Location/${to.place}/` },
  }),
  'a practitioner’s role at it': (to) => ({ reference: { reference: `PractitionerRole/role-${to.name}` } }),
  'a role at a place of it': (to) => ({ reference: { reference: `PractitionerRole/role-${to.name}-place` } }),
  'a role at a service of it': (to) => ({ reference: { reference: `PractitionerRole/role-${to.name}-service` } }),
  'a contained role at it': (to) => ({
    reference: { reference: '#role' },
    contained: { resourceType: 'PractitionerRole', id: 'role', organization: { reference: `Organization/${to.id}` } },
  }),
};

/** Who the labels are withheld from, with the directory's entries as the hub gives them. */
async function readers(store: Awaited<ReturnType<typeof openTestStore>>): Promise<Record<string, Visibility>> {
  const keepsMentalHealth: Visibility = { ...defaultVisibility({ kind: 'professional', odsCode: 'F83999' }) };
  return {
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...defaultVisibility({ kind: 'carer' }), hiddenLabels: [...defaultVisibility({ kind: 'carer' }).hiddenLabels, 'PSY'] },
      store,
    ),
    'a GP the resident keeps mental health from': await withLabelledSources(
      { ...keepsMentalHealth, hiddenLabels: [...keepsMentalHealth.hiddenLabels, 'PSY'] },
      store,
    ),
  };
}

test('the directory: what is such a service, what belongs to one at any remove, and what only offers it among others', () => {
  const mentalHealth = new Set(servicesOf(DIRECTORY, isMentalHealthOrganization, namesMentalHealthEntry));
  const sexualHealth = new Set(servicesOf(DIRECTORY, isSensitiveService, isSensitiveService));
  for (const key of ['Organization/org-trust', 'Organization/org-trust-unit', 'Location/loc-trust-ward', 'Location/loc-trust-bay', `|RV3`])
    assert.ok(mentalHealth.has(key), key);
  for (const key of ['PractitionerRole/role-trust', 'PractitionerRole/role-trust-place', 'PractitionerRole/role-trust-service'])
    assert.ok(mentalHealth.has(key), key);
  for (const key of ['Organization/org-clinic', 'Location/loc-clinic-room', `${ODS.toLowerCase()}|RSH01`, 'PractitionerRole/role-clinic'])
    assert.ok(sexualHealth.has(key), key);
  for (const key of [
    'Organization/org-practice',
    'HealthcareService/hcs-practice',
    'Location/loc-practice-room',
    'Location/loc-practice-bay',
    'PractitionerRole/role-practice',
    'PractitionerRole/role-practice-place',
    'PractitionerRole/role-practice-service',
  ])
    assert.ok(!mentalHealth.has(key) && !sexualHealth.has(key), `${key} is neither`);
});

test('every element × form × reader: a sensitive service by reference is withheld as the item labelled, a practice never', async () => {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  for (const entry of DIRECTORY) await store.put(entry);
  const viewers = await readers(store);
  const wrong: string[] = [];
  let compared = 0;
  for (const [to, label] of [
    ['trust', 'PSY'],
    ['clinic', 'SEX'],
    ['practice', undefined],
  ] as const)
    for (const { type, path } of CASES)
      for (const [name, form] of Object.entries(FORMS)) {
        const { reference, contained } = form(SERVICES[to]!);
        const base = { ...recordItem(type, `item-${compared}`, 'pat-1'), meta: { source: OTHER_SOURCE } };
        const item = withReference(contained ? { ...base, contained: [contained] } : base, path, reference);
        const twin = label === undefined ? base : recordItem(type, `twin-${compared}`, 'pat-1', [label]);
        for (const [reader, visibility] of Object.entries(viewers)) {
          // The desk reads appointments without contained resources (R3): withheld by what its view shows.
          const deskSeesNot = reader.includes('receptionist') && type === 'Appointment' && contained !== undefined;
          const expected = isWithheld(deskSeesNot ? base : twin, visibility);
          compared += 1;
          if (isWithheld(item, visibility) !== expected)
            wrong.push(`${to} ${type}.${path} ${name} to ${reader}: expected ${expected ? 'withheld' : 'shown'}`);
        }
      }
  await store.close();
  assert.ok(compared > 4_000, `${compared} compared`);
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});

test('a reference’s display is read unless both its own type and its `type` say it is to a person', () => {
  const PEOPLE = new Set(['Patient', 'RelatedPerson']);
  const wrong: string[] = [];
  let compared = 0;
  for (const own of ['Organization', 'Location', 'PractitionerRole', 'Patient', 'RelatedPerson'])
    for (const type of [undefined, 'Organization', 'Patient'])
      for (const [form, target] of Object.entries({
        here: `${own}/x`,
        'in lower case': `${own.toLowerCase()}/x`,
        'a version at another server': `https://other-hub.example/fhir/${own}/x/_history/2`,
      })) {
        const reference = { reference: target, ...(type === undefined ? {} : { type }), display: 'Northside Mental Health NHS Trust' };
        const item = { ...recordItem('Encounter', 'item', 'pat-1'), serviceProvider: reference };
        compared += 1;
        // A reference to the resident or their people names no service, unless its `type` says it is a service's:
        // where the two disagree, its display is read (R12 leans to withholding).
        const service = !PEOPLE.has(own) || (type !== undefined && !PEOPLE.has(type));
        if (isMentalHealthService(item) !== service) wrong.push(`${form} ${own} typed ${type ?? 'not'}`);
      }
  assert.deepEqual(wrong, [], `${wrong.length} of ${compared} read otherwise`);
});

/** Absolute references that are not to this hub: another server's entries, whatever their ids. */
const ELSEWHERE: Record<string, (to: Service) => string> = {
  'another server': (to) => `https://other-hub.example/fhir/Organization/${to.id}`,
  'another base on this hub’s host': (to) => `https://hub.care-record.test:8443/archive/Organization/${to.id}`,
  'another port of this hub’s host': (to) => `https://hub.care-record.test:9443/fhir/Organization/${to.id}`,
  'a host ending as this hub’s does': (to) => `https://evil-hub.care-record.test:8443/fhir/Organization/${to.id}`,
  'this hub’s address inside another’s': (to) => `https://other-hub.example/${HUB.replace('https://', '')}/Organization/${to.id}`,
};

test('every element × reader: another server’s address, with the same id, names none of this directory’s services', async () => {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  for (const entry of DIRECTORY) await store.put(entry);
  const viewers = await readers(store);
  const wrong: string[] = [];
  let compared = 0;
  for (const to of ['trust', 'clinic'] as const)
    for (const { type, path } of CASES)
      for (const [name, address] of Object.entries(ELSEWHERE)) {
        const base = { ...recordItem(type, `item-${compared}`, 'pat-1'), meta: { source: OTHER_SOURCE } };
        const item = withReference(base, path, { reference: address(SERVICES[to]!) });
        for (const [reader, visibility] of Object.entries(viewers)) {
          compared += 1;
          if (isWithheld(item, visibility) !== isWithheld(base, visibility)) wrong.push(`${to} ${type}.${path} ${name} to ${reader}`);
        }
      }
  await store.close();
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});

test('a directory of 12,000 places and 3,000 roles of the trust: searched in the store, the first and the last withheld', async () => {
  const store = await openTestStore();
  await store.put(DIRECTORY[0]!);
  const wards = Array.from({ length: 12_000 }, (_, index) => ({
    resourceType: 'Location',
    id: `ward-${index}`,
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-site-code', value: `RV3${index}` }],
    name: `Ward ${index}`,
    managingOrganization: { reference: 'Organization/org-trust' },
  }));
  // A practitioner's role at each of the first 3,000 wards: read at two removes from the trust.
  const roles = wards.slice(0, 3_000).map((ward, index) => ({
    resourceType: 'PractitionerRole',
    id: `role-${index}`,
    location: [{ reference: `Location/${ward.id}` }],
  }));
  await store.putMany([...wards, ...roles], Date.now());
  const encounter = (id: string, ward: string) => ({
    ...recordItem('Encounter', id, 'pat-1'),
    location: [{ location: { reference: `Location/${ward}` } }],
  });
  for (const [id, ward] of [
    ['first', 'ward-0'],
    ['last', 'ward-11999'],
    ['plain', 'nowhere'],
  ] as const)
    await store.put(encounter(id, ward));
  for (const [id, role] of [
    ['first-role', 'role-0'],
    ['last-role', 'role-2999'],
    ['plain-role', 'role-nowhere'],
  ] as const)
    await store.put({ ...recordItem('Observation', id, 'pat-1'), performer: [{ reference: `PractitionerRole/${role}` }] });
  const visibility = (await readers(store))['a GP the resident keeps mental health from']!;
  assert.ok((visibility.labelledServices?.['PSY'] ?? []).includes('Location/ward-11999'), 'the last place is counted');
  const found = await store.search({
    type: 'Encounter',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 100,
    visibility,
  });
  assert.deepEqual(
    found.resources.map((item) => item['id']),
    ['plain'],
  );
  assert.equal(found.withheld, 2);
  const observations = await store.search({
    type: 'Observation',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 100,
    visibility,
  });
  assert.deepEqual(
    observations.resources.map((item) => item['id']),
    ['plain-role'],
  );
  assert.equal(observations.withheld, 2);
  await store.close();
});

/** The other addresses a hub is told it is reached at (`otherOrigins`): an internal name, another process's own. */
const OTHER_HUBS = ['https://record.internal.test/fhir', 'http://10.0.0.7:8081/fhir'];
/** References at each address the hub is told, in the forms an export writes them, and at addresses it is not told. */
const AT_ADDRESSES: Record<string, { hub: boolean; address: (to: Service) => string }> = {
  'this hub’s origin': { hub: true, address: (to) => `${HUB}/Organization/${to.id}` },
  'its internal name': { hub: true, address: (to) => `https://record.internal.test/fhir/Organization/${to.id}` },
  'its internal name over http, in capitals, a version': {
    hub: true,
    address: (to) => `HTTP://RECORD.INTERNAL.TEST/fhir/Organization/${to.id}/_history/4`,
  },
  'another process’s own address, a place of it': { hub: true, address: (to) => `http://10.0.0.7:8081/fhir/Location/${to.place}` },
  'its internal name with its default port': {
    hub: true,
    address: (to) => `https://record.internal.test:443/fhir/Organization/${to.id}/`,
  },
  'another process’s own address, a role at it': {
    hub: true,
    address: (to) => `http://10.0.0.7:8081/fhir/PractitionerRole/role-${to.name}`,
  },
  'a process not told': { hub: false, address: (to) => `http://10.0.0.8:8081/fhir/Organization/${to.id}` },
  'another port of the internal name': { hub: false, address: (to) => `https://record.internal.test:8443/fhir/Organization/${to.id}` },
  'another base at the internal name': { hub: false, address: (to) => `https://record.internal.test/archive/Organization/${to.id}` },
  ...Object.fromEntries(Object.entries(ELSEWHERE).map(([name, address]) => [name, { hub: false, address }])),
};

test('a hub told several addresses: a reference at any is its entry, at any other another server’s — read and searched', async () => {
  const store = await openTestStore();
  knowHubAddress(store, [HUB, ...OTHER_HUBS]);
  for (const entry of DIRECTORY) await store.put(entry);
  const viewers = await readers(store);
  const wrong: string[] = [];
  const expected = new Map<string, Json>();
  let compared = 0;
  for (const [to, label] of [
    ['trust', 'PSY'],
    ['clinic', 'SEX'],
    ['practice', undefined],
  ] as const)
    for (const { type, path } of CASES)
      for (const [name, { hub, address }] of Object.entries(AT_ADDRESSES)) {
        const id = `at-${expected.size}`;
        const base = { ...recordItem(type, id, 'pat-1'), meta: { source: OTHER_SOURCE } };
        const item = withReference(base, path, { reference: address(SERVICES[to]!) });
        const twin = hub && label !== undefined ? recordItem(type, id, 'pat-1', [label]) : base;
        expected.set(id, twin);
        await store.put(item);
        for (const [reader, visibility] of Object.entries(viewers)) {
          compared += 1;
          if (isWithheld(item, visibility) !== isWithheld(twin, visibility))
            wrong.push(`${to} ${type}.${path} at ${name} to ${reader}: expected ${isWithheld(twin, visibility) ? 'withheld' : 'shown'}`);
        }
      }
  // The store's searches (SQL) withhold exactly what the rule does of the twins.
  for (const [reader, visibility] of Object.entries(viewers))
    for (const type of new Set(CASES.map((each) => each.type))) {
      const found = await store.search({
        type,
        patientId: 'pat-1',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 1000,
        visibility,
      });
      const shown = new Set(found.resources.map((item) => String(item['id'])));
      for (const [id, twin] of expected) {
        if (twin['resourceType'] !== type) continue;
        compared += 1;
        if (shown.has(id) === isWithheld(twin, visibility)) wrong.push(`${reader} searching ${type}: ${id}`);
      }
    }
  await store.close();
  assert.ok(compared > 1_000, `${compared} compared`);
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});
