/**
 * Reviewer R18, finding 2: a sensitive service named outside the closed list of
 * service elements was not counted. A Condition whose `recorder` is a role at a
 * sexual assault referral centre (no display) reached the carer — the same role
 * as its `asserter` was withheld — and so did a recorder at a sexual health
 * clinic, or at the mental health trust when the resident keeps mental health
 * from others. So did a note's `authorReference`, a dispense request's
 * `performer`, a care plan's `contributor`, a document's `authenticator`, a
 * vaccine protocol's `authority`, a stay's `origin`, a condition's
 * `evidence.detail`, an extension's `valueReference` and a recorder given by an
 * ODS code alone.
 *
 * Now every reference in an item, at any depth (its extensions and the
 * resources it contains too), to an organisation, a place, a service, a role
 * or a practitioner — or by an identifier alone — is read as the service
 * elements were (`serviceReferenceKeys`), and a display of one naming a mental
 * health service as theirs is (`isMentalHealthService`). What must not change:
 * an item naming the GP practice, a practitioner at it or the resident stays
 * ordinary.
 *
 * The class: every element FHIR R4 gives a record type that may hold such a
 * reference (a list written from the R4 resource definitions, and every
 * reference found in the contract's example of each type) × each kind of
 * sensitive service × the forms a reference takes × three readers: withheld
 * exactly as the same item labelled, read and searched (`answeredAsTwins`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, type Visibility } from '../src/policy/visibility.js';
import { OTHER_SOURCE, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins, type TwinCase } from './support/twin-answers.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const HUB = 'https://hub.care-record.test/fhir';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const PATIENT = 'pat-1';
const DESK = 'another organisation’s receptionist';

const org = (id: string, name: string, code: string): Json => ({
  resourceType: 'Organization',
  id,
  name,
  identifier: [{ system: ODS, value: code }],
});
const roleAt = (id: string, organization: string): Json => ({
  resourceType: 'PractitionerRole',
  id,
  organization: { reference: `Organization/${organization}` },
});

const DIRECTORY: Json[] = [
  org('org-sarc', 'The Haven Sexual Assault Referral Centre', 'SARC01'),
  org('org-gum', 'Northgate Sexual Health Clinic', 'GUM01'),
  org('org-mh', 'Northside Mental Health NHS Trust', 'MH001'),
  { ...org('org-practice', 'Fleet Valley Surgery', 'F83999'), type: [{ text: 'GP practice' }] },
  roleAt('role-sarc', 'org-sarc'),
  roleAt('role-gum', 'org-gum'),
  roleAt('role-mh', 'org-mh'),
  roleAt('role-practice', 'org-practice'),
];

/** Each service, the role there, its ODS code and the label an item naming it is to be answered as. */
const SERVICES: { name: string; org: string; role: string; code: string; label: string | undefined }[] = [
  { name: 'a SARC', org: 'org-sarc', role: 'role-sarc', code: 'SARC01', label: 'SDV' },
  { name: 'a sexual health clinic', org: 'org-gum', role: 'role-gum', code: 'GUM01', label: 'SEX' },
  { name: 'the mental health trust', org: 'org-mh', role: 'role-mh', code: 'MH001', label: 'PSY' },
  { name: 'the GP practice', org: 'org-practice', role: 'role-practice', code: 'F83999', label: undefined },
];

/** The forms a reference to the service takes: its role by id, the organisation at this hub's address, an ODS code alone. */
const FORMS: Record<string, (service: (typeof SERVICES)[number]) => Json> = {
  'its role by id': (service) => ({ reference: `PractitionerRole/${service.role}` }),
  'its organisation at this hub’s address': (service) => ({ reference: `${HUB}/Organization/${service.org}` }),
  'an ODS code alone': (service) => ({ identifier: { system: ODS, value: service.code } }),
};

async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const carer = defaultVisibility({ kind: 'carer' });
  return {
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...carer, hiddenLabels: [...carer.hiddenLabels, 'PSY'] },
      store,
    ),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
    [DESK]: await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }), store),
  };
}

async function storeWithDirectory(): Promise<Store> {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  for (const entry of DIRECTORY) await store.put(entry);
  return store;
}

/**
 * Elements FHIR R4 gives the record's types that may hold a reference to an organisation, a place, a service, a role
 * or a practitioner, written from the R4 resource definitions — `[]` where the element repeats — beyond those a
 * closed list named before: where they sit is what the rule must not depend on.
 */
const R4_PATHS: Readonly<Record<string, readonly string[]>> = {
  AllergyIntolerance: ['recorder', 'asserter', 'note[].authorReference', 'encounter'],
  Condition: ['recorder', 'asserter', 'note[].authorReference', 'evidence[].detail[]', 'stage[].assessment[]'],
  MedicationStatement: ['informationSource', 'note[].authorReference', 'derivedFrom[]'],
  MedicationRequest: [
    'recorder',
    'requester',
    'performer',
    'dispenseRequest.performer',
    'note[].authorReference',
    'reportedReference',
    'insurance[]',
  ],
  Encounter: [
    'serviceProvider',
    'hospitalization.origin',
    'hospitalization.destination',
    'location[].location',
    'participant[].individual',
    'episodeOfCare[]',
  ],
  Appointment: ['participant[].actor', 'supportingInformation[]', 'basedOn[]'],
  EpisodeOfCare: ['managingOrganization', 'careManager', 'team[]', 'referralRequest[]'],
  Observation: ['performer[]', 'note[].authorReference', 'specimen', 'device'],
  DiagnosticReport: ['performer[]', 'resultsInterpreter[]', 'specimen[]'],
  CarePlan: [
    'author',
    'contributor[]',
    'careTeam[]',
    'activity[].detail.performer[]',
    'activity[].detail.location',
    'note[].authorReference',
  ],
  Goal: ['expressedBy', 'note[].authorReference', 'outcomeReference[]'],
  Flag: ['author', 'encounter'],
  DocumentReference: ['author[]', 'authenticator', 'custodian', 'context.related[]', 'context.sourcePatientInfo'],
  Immunization: ['performer[].actor', 'location', 'manufacturer', 'protocolApplied[].authority', 'reaction[].detail'],
  Procedure: ['recorder', 'asserter', 'performer[].actor', 'performer[].onBehalfOf', 'location', 'report[]', 'focalDevice[].manipulated'],
  // Any type: an extension's reference, at the top and inside another element, and an identifier's assigner.
  '*': ['extension[].valueReference', 'meta-free.extension[].extension[].valueReference', 'identifier[].assigner'],
};

/** An item with a reference set at a path of `R4_PATHS` (`meta-free.` sets it under a made-up element, as a source's extension would sit). */
function withAt(item: Json, path: string, reference: Json): Json {
  const steps = path.replace(/^meta-free\./, 'modifierExtension[].').split('.');
  const build = (at: number): unknown => {
    const step = steps[at];
    if (step === undefined) return reference;
    const name = step.replace(/\[\]$/, '');
    const inner = build(at + 1);
    const value = step.endsWith('[]') ? [inner] : inner;
    return name === 'extension' || name === 'modifierExtension' ? { url: 'https://example.org/ext/by', [name]: value } : { [name]: value };
  };
  const [head = ''] = steps;
  const name = head.replace(/\[\]$/, '');
  let built = (build(0) as Json)[name];
  if (head.startsWith('extension') || head.startsWith('modifierExtension'))
    built = (built as Json[]).map((each) => ({ url: 'https://example.org/ext/by', ...each }));
  // A list the item has already (an appointment's participants, the resident among them) is added to.
  const before = item[name];
  return { ...item, [name]: Array.isArray(before) && Array.isArray(built) ? [...(before as unknown[]), ...built] : built };
}

/** Every path where the contract's example of a type (about the resident) holds a reference to anything but the resident or their people. */
function exampleReferencePaths(type: string): string[][] {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) value.forEach((each, index) => walk(each, [...path, String(index)]));
    else if (typeof value === 'object' && value !== null) {
      const object = value as Json;
      if (
        path.length > 0 &&
        path[0] !== 'contained' &&
        (typeof object['reference'] === 'string' || typeof object['display'] === 'string') &&
        !('coding' in object) &&
        !('system' in object)
      ) {
        const target = String(object['reference'] ?? '');
        if (!/^(Patient|RelatedPerson)\//.test(target)) paths.push(path);
        return;
      }
      for (const [key, child] of Object.entries(object)) if (key !== 'meta' && key !== 'text') walk(child, [...path, key]);
    }
  };
  walk(plainItem(type, 'example'), []);
  return paths;
}

function replacedAt(item: Json, path: readonly string[], reference: Json): Json {
  const copy = structuredClone(item);
  let at: unknown = copy;
  for (const step of path.slice(0, -1)) at = (at as Json)[step];
  (at as Json)[path[path.length - 1] ?? ''] = reference;
  return copy;
}

const plainItem = (type: string, id: string): Json => {
  const item: Json = { ...recordItem(type, id, PATIENT), meta: { source: OTHER_SOURCE } };
  delete item['text'];
  return item;
};

test('the reported cases: a recorder, a note’s author, a dispenser … at a sensitive service are withheld', async () => {
  const store = await storeWithDirectory();
  const reported: [string, string, Json][] = [];
  for (const service of SERVICES.filter(({ label }) => label !== undefined)) {
    const role = { reference: `PractitionerRole/${service.role}` };
    const organization = { reference: `Organization/${service.org}` };
    const cases: [string, (item: Json) => Json][] = [
      ['Condition', (item) => ({ ...item, recorder: role })],
      ['Condition', (item) => ({ ...item, recorder: { identifier: { system: ODS, value: service.code } } })],
      ['Condition', (item) => ({ ...item, note: [{ authorReference: role, text: 'Reviewed' }] })],
      ['Condition', (item) => ({ ...item, evidence: [{ detail: [organization] }] })],
      ['AllergyIntolerance', (item) => ({ ...item, recorder: role })],
      ['Procedure', (item) => ({ ...item, recorder: role })],
      ['MedicationRequest', (item) => ({ ...item, recorder: role })],
      ['MedicationRequest', (item) => ({ ...item, dispenseRequest: { performer: organization } })],
      ['CarePlan', (item) => ({ ...item, contributor: [organization] })],
      ['DocumentReference', (item) => ({ ...item, authenticator: organization })],
      ['Immunization', (item) => ({ ...item, protocolApplied: [{ authority: organization, doseNumberPositiveInt: 1 }] })],
      ['Encounter', (item) => ({ ...item, hospitalization: { origin: organization } })],
      ['Flag', (item) => ({ ...item, extension: [{ url: 'https://example.org/ext/by', valueReference: organization }] })],
    ];
    for (const [type, change] of cases) {
      const id = `reported-${reported.length}`;
      const item = change(plainItem(type, id));
      await store.put(item);
      reported.push([`${type} #${id} at ${service.name}`, service.label ?? '', item]);
    }
  }
  const all = await readers(store);
  const twins: TwinCase[] = reported.map(([name, label, item]) => ({
    name,
    item,
    twin: recordItem(String(item['resourceType']), String(item['id']), PATIENT, [label]),
  }));
  const { wrong, compared } = await answeredAsTwins(store, all, twins, PATIENT);
  await store.close();
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${compared} answered otherwise`);
});

test('every R4 reference element and every example’s reference × service × form × reader: answered as its twin', async () => {
  const store = await storeWithDirectory();
  const twins: TwinCase[] = [];
  const add = async (name: string, item: Json, label: string | undefined, type: string, id: string) => {
    await store.put(item);
    twins.push({ name, item, twin: label === undefined ? plainItem(type, id) : recordItem(type, id, PATIENT, [label]) });
  };
  for (const type of RECORD_TYPES.filter((each) => each !== 'RelatedPerson')) {
    const paths = [...(R4_PATHS[type] ?? []), ...(R4_PATHS['*'] ?? [])];
    const found = exampleReferencePaths(type);
    for (const service of SERVICES)
      for (const [form, reference] of Object.entries(FORMS)) {
        for (const path of paths) {
          const id = `r4-${twins.length}`;
          await add(
            `${type}.${path} ${service.name} ${form}`,
            withAt(plainItem(type, id), path, reference(service)),
            service.label,
            type,
            id,
          );
        }
        for (const path of found) {
          const id = `ex-${twins.length}`;
          await add(
            `${type} example’s ${path.join('.')} ${service.name} ${form}`,
            replacedAt(plainItem(type, id), path, reference(service)),
            service.label,
            type,
            id,
          );
        }
      }
  }
  // The desk reads appointments through its view (R3), which keeps only the participants of what is named here: an
  // element it leaves out is never what withholds an appointment from it (`Visibility.views`).
  const all = await readers(store);
  const { [DESK]: desk, ...clinical } = all;
  const deskSees = (twin: TwinCase) => twin.item['resourceType'] !== 'Appointment' || /participant/.test(twin.name);
  const first = await answeredAsTwins(store, clinical, twins, PATIENT);
  const second = await answeredAsTwins(store, { [DESK]: desk! }, twins.filter(deskSees), PATIENT);
  await store.close();
  const wrong = [...first.wrong, ...second.wrong];
  assert.deepEqual(
    [...first.answers, ...second.answers].sort().filter((each, at, list) => list.indexOf(each) === at),
    [false, true],
    'both answers met',
  );
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${first.compared + second.compared} answered otherwise`);
});

test('a patient’s own GP practice, a role at it or the resident named anywhere leaves an item ordinary', async () => {
  const store = await storeWithDirectory();
  const gp = (await readers(store))['a GP the resident keeps mental health from']!;
  const item = {
    ...plainItem('Condition', 'ordinary'),
    recorder: { reference: 'PractitionerRole/role-practice' },
    asserter: { reference: `Patient/${PATIENT}` },
    note: [{ authorReference: { reference: 'Organization/org-practice', display: 'Fleet Valley Surgery' }, text: 'Reviewed' }],
    evidence: [{ detail: [{ identifier: { system: ODS, value: 'F83999' } }] }],
  };
  await store.put(item);
  const found = await store.search({
    type: 'Condition',
    patientId: PATIENT,
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 10,
    visibility: gp,
  });
  await store.close();
  assert.deepEqual(
    found.resources.map((each) => each['id']),
    ['ordinary'],
  );
});

test('a display naming a mental health service is read in any element naming who or where, not in what it is about', async () => {
  const store = await storeWithDirectory();
  const cmht = { display: 'Dr Ada Jones, Northside CMHT' };
  const cases: [string, Json, boolean][] = [
    ['a recorder', { recorder: cmht }, true],
    ['a note’s author', { note: [{ authorReference: cmht, text: 'Reviewed' }] }, true],
    ['an extension’s reference', { extension: [{ url: 'https://example.org/ext/by', valueReference: cmht }] }, true],
    ['an organisation typed', { evidence: [{ detail: [{ type: 'Organization', display: 'Northside Mental Health NHS Trust' }] }] }, true],
    ['a reason (what it is about)', { evidence: [{ detail: [{ display: 'Psychosis review' }] }] }, false],
    [
      'what it rests on',
      { extension: [{ url: 'https://example.org/ext/based-on', valueReference: { reference: 'Condition/c1', display: 'Psychosis' } }] },
      false,
    ],
  ];
  const twins: TwinCase[] = [];
  for (const [name, change, named] of cases) {
    const id = `display-${twins.length}`;
    const item = { ...plainItem('Condition', id), ...change };
    await store.put(item);
    twins.push({ name, item, twin: named ? recordItem('Condition', id, PATIENT, ['PSY']) : plainItem('Condition', id) });
  }
  const { [DESK]: desk, ...clinical } = await readers(store);
  const { wrong, answers, compared } = await answeredAsTwins(store, { ...clinical, [DESK]: desk! }, twins, PATIENT);
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong, [], `${wrong.length} of ${compared} answered otherwise`);
});
