/**
 * A HealthcareService is read by what kind of service it is. The directory read a service by its name alone, and an
 * item by the types of a service it contained only one step away: an appointment booked with the hub's "Clinic B"
 * typed "Sexual health", or an encounter whose contained practitioner's role was at a contained service typed
 * "Adult mental health services", was shown to another organisation's GP, its receptionist and a carer.
 *
 * Now a service is such a service by its category, or by its types and specialties as a whole (`servedAs`): one says
 * so and none is an ordinary service of its own — so a practice's service listing general practice, contraception
 * and a mental health review is not, and the practice's appointments are told by their own codes. Contained
 * references are followed from a role to its service, place and organisation, and on from each to whose it is.
 *
 * The class: each item and element × reference form × kind of service × reader, read and searched on the store
 * (`CARE_RECORD_TEST_STORE=postgres` too), answered as the same item labelled with its kind's label would be (an
 * ordinary service's item as the unlabelled item; the desk, whose view of an appointment leaves out contained
 * resources, as the unlabelled item when the service is named only through them): both directions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { shownBy } from '../src/policy/views.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins } from './support/twin-answers.js';

type Json = Record<string, unknown>;

const SNOMED = 'http://snomed.info/sct';
const SERVICE_TYPE = 'http://terminology.hl7.org/CodeSystem/service-type';
const PRACTICE_SETTING = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';
const code = (system: string, value: string): Json => ({ coding: [{ system, code: value }] });
const text = (words: string): Json => ({ text: words });
const HUB = 'https://hub.care-record.test/fhir';
const PATIENT = 'pat-1';

/** A service as the directory holds it, or an item contains it: a plain name, and what kind it is. */
const service = (id: string, kinds: Json): Json => ({ resourceType: 'HealthcareService', id, name: `Clinic ${id}`, ...kinds });

/**
 * A GP practice as the directory knows one (its type), and what its own services name as their provider (R14): a
 * practice's own service is told by its provider, never by what it says of itself.
 */
const PRACTICE: Json = { resourceType: 'Organization', id: 'hsk-practice-org', name: 'Fleet Surgery', type: [text('GP practice')] };
const BY_PRACTICE = { providedBy: { reference: 'Organization/hsk-practice-org' } };

/**
 * Each kind of service, with the label its items are read as carrying (none: ordinary). A practice's own listing
 * (`practice`) is read so only where the hub can look its provider up, in the directory: contained, it is a clinic's
 * (practice-service-provider.test.ts).
 */
const KINDS: Record<string, { label: 'SEX' | 'PSY' | undefined; kinds: Json; practice?: true }> = {
  'typed "Sexual health"': { label: 'SEX', kinds: { type: [text('Sexual health')] } },
  'typed service type 67': { label: 'SEX', kinds: { type: [code(SERVICE_TYPE, '67')] } },
  'of specialty genito-urinary medicine (360)': { label: 'SEX', kinds: { specialty: [code(PRACTICE_SETTING, '360')] } },
  'typed contraception and sexual health': { label: 'SEX', kinds: { type: [text('Contraception and sexual health')] } },
  'typed gender identity clinic': { label: 'SEX', kinds: { type: [text('Gender identity clinic')] } },
  'typed fertility clinic and HIV care': { label: 'SEX', kinds: { type: [text('Fertility clinic'), text('HIV care')] } },
  'of category "Sexual health" and an outpatient type': {
    label: 'SEX',
    kinds: { category: [text('Sexual health')], type: [text('General practice')] },
  },
  'typed "Adult mental health services"': { label: 'PSY', kinds: { type: [text('Adult mental health services')] } },
  'typed service type 239': { label: 'PSY', kinds: { type: [code(SERVICE_TYPE, '239')] } },
  'of specialty psychiatry (SNOMED CT)': { label: 'PSY', kinds: { specialty: [code(SNOMED, '394587001')] } },
  'typed general practice': { label: undefined, kinds: { type: [text('General practice')] } },
  'typed accident and emergency': { label: undefined, kinds: { type: [text('Accident and emergency')] } },
  'a practice listing general practice, contraception and a mental health review': {
    label: undefined,
    practice: true,
    kinds: {
      ...BY_PRACTICE,
      category: [text('General practice')],
      type: [text('General practice'), text('Contraception'), text('Mental health review')],
    },
  },
  'a practice listing general practice and contraception and sexual health': {
    label: undefined,
    practice: true,
    kinds: {
      ...BY_PRACTICE,
      type: [text('General practice'), text('Contraception and sexual health')],
      specialty: [code(SNOMED, '394587001')],
    },
  },
  // R13: a clinic that adds "General practice" to its own kind is still the clinic; only a practice's own service (its
  // provider the directory's GP practice: R14) lists every kind of care it gives.
  'a clinic listing general practice and contraception and sexual health': {
    label: 'SEX',
    kinds: { type: [text('General practice'), text('Contraception and sexual health')] },
  },
};

/** How an item names the service: the service in the directory, by reference, or contained; or a role at it. */
type Form = (id: string, kinds: Json) => { directory: Json[]; contained: Json[]; reference: string };
const FORMS: Record<string, Form> = {
  relative: (id, kinds) => ({ directory: [service(id, kinds)], contained: [], reference: `HealthcareService/${id}` }),
  'absolute at the hub': (id, kinds) => ({ directory: [service(id, kinds)], contained: [], reference: `${HUB}/HealthcareService/${id}` }),
  contained: (id, kinds) => ({ directory: [], contained: [service('svc', kinds)], reference: '#svc' }),
  'a role in the directory at the service': (id, kinds) => ({
    directory: [
      service(id, kinds),
      { resourceType: 'PractitionerRole', id: `role-${id}`, healthcareService: [{ reference: `HealthcareService/${id}` }] },
    ],
    contained: [],
    reference: `PractitionerRole/role-${id}`,
  }),
  'a contained role at a contained service': (id, kinds) => ({
    directory: [],
    contained: [{ resourceType: 'PractitionerRole', id: 'role', healthcareService: [{ reference: '#svc' }] }, service('svc', kinds)],
    reference: '#role',
  }),
  'a contained role at contained places in a ring and a contained service': (id, kinds) => ({
    directory: [],
    contained: [
      { resourceType: 'PractitionerRole', id: 'role', location: [{ reference: '#loc' }], healthcareService: [{ reference: '#svc' }] },
      // Places naming each other: followed without going round.
      { resourceType: 'Location', id: 'loc', name: 'Room 2', partOf: { reference: '#wing' } },
      { resourceType: 'Location', id: 'wing', name: 'East wing', partOf: { reference: '#loc' } },
      service('svc', kinds),
    ],
    reference: '#role',
  }),
  'a contained role at a service in the directory': (id, kinds) => ({
    directory: [service(id, kinds)],
    contained: [{ resourceType: 'PractitionerRole', id: 'role', healthcareService: [{ reference: `HealthcareService/${id}` }] }],
    reference: '#role',
  }),
};

/** The items and elements that name a service or a role at one, as FHIR R4 lets them. */
const ELEMENTS: Record<string, { type: string; set: (item: Json, reference: Json) => Json; roleOnly: boolean }> = {
  'an appointment’s participant': {
    type: 'Appointment',
    set: (item, reference) => ({
      ...item,
      status: 'booked',
      ...stillToCome(30),
      participant: [...((item['participant'] as Json[]) ?? []), { actor: reference, status: 'accepted' }],
    }),
    roleOnly: false,
  },
  'an encounter’s participant': {
    type: 'Encounter',
    set: (item, reference) => ({ ...item, participant: [{ individual: reference }] }),
    roleOnly: true,
  },
  'an episode of care’s care manager': {
    type: 'EpisodeOfCare',
    set: (item, reference) => ({ ...item, careManager: reference }),
    roleOnly: true,
  },
};

const isRoleForm = (form: string) => form.includes('role');

interface Case {
  name: string;
  id: string;
  label: 'SEX' | 'PSY' | undefined;
  directory: Json[];
  /** Whether the item names the service only through the resources it contains. */
  throughContained: boolean;
  item: Json;
}

const CASES: Case[] = Object.entries(ELEMENTS).flatMap(([element, { type, set, roleOnly }], e) =>
  Object.entries(FORMS)
    .filter(([form]) => !roleOnly || isRoleForm(form))
    .flatMap(([form, make], f) =>
      Object.entries(KINDS).flatMap(([kind, { label, kinds, practice }], k) => {
        const id = `hsk-${e}-${f}-${k}`;
        const { directory, contained, reference } = make(id, kinds);
        if (practice && !directory.some((entry) => entry['resourceType'] === 'HealthcareService')) return [];
        const base = recordItem(type, id, PATIENT);
        const item = set(contained.length === 0 ? base : { ...base, contained }, { reference });
        return [{ name: `${element}, ${form}, ${kind}`, id, label, directory, throughContained: contained.length > 0, item }];
      }),
    ),
);

async function readers(store: Awaited<ReturnType<typeof openTestStore>>): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const carer = defaultVisibility({ kind: 'carer' });
  return {
    'another organisation’s GP': await withLabelledSources(gp, store),
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...carer, hiddenLabels: [...carer.hiddenLabels, 'PSY'] },
      store,
    ),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
    // The organisation that recorded the items (`recordItem`'s source, RX999): its own, whatever they are.
    'the recording organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'RX999', clinical: false }),
      store,
    ),
  };
}

describe('the reported cases, over HTTP', () => {
  let testHub: TestHub;
  let gp: string;
  const SEX_PATIENT = 'pat-000001';
  const PSY_PATIENT = 'pat-000002';
  const REPORTED: { id: string; patient: string; item: Json; directory: Json[]; shown: boolean }[] = [
    {
      id: 'hsk-booked-sex',
      patient: SEX_PATIENT,
      directory: [service('hsk-clinic-b', { type: [text('Sexual health')] })],
      item: ELEMENTS['an appointment’s participant']!.set(recordItem('Appointment', 'hsk-booked-sex', SEX_PATIENT), {
        reference: 'HealthcareService/hsk-clinic-b',
      }),
      shown: false,
    },
    {
      id: 'hsk-role-psy',
      patient: PSY_PATIENT,
      directory: [],
      item: ELEMENTS['an encounter’s participant']!.set(
        {
          ...recordItem('Encounter', 'hsk-role-psy', PSY_PATIENT),
          contained: [
            { resourceType: 'PractitionerRole', id: 'role', healthcareService: [{ reference: '#svc' }] },
            service('svc', { type: [text('Adult mental health services')] }),
          ],
        },
        { reference: '#role' },
      ),
      shown: false,
    },
    {
      id: 'hsk-practice',
      patient: SEX_PATIENT,
      directory: [
        PRACTICE,
        service('hsk-practice-svc', {
          ...BY_PRACTICE,
          category: [text('General practice')],
          type: [text('General practice'), text('Contraception'), text('Mental health review')],
        }),
      ],
      item: ELEMENTS['an appointment’s participant']!.set(recordItem('Appointment', 'hsk-practice', SEX_PATIENT), {
        reference: 'HealthcareService/hsk-practice-svc',
      }),
      shown: true,
    },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [SEX_PATIENT, PSY_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PSY_PATIENT, 'hsk-keep-psy');
          for (const { directory, item } of REPORTED) {
            for (const entry of directory) await store.put(entry);
            await store.put(item);
          }
        });
      },
    });
    gp = (await signInCallers(testHub, SEX_PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP is not shown a sexual or mental health service’s item, but is the practice’s', async () => {
    const wrong: string[] = [];
    for (const { id, item, patient, shown } of REPORTED) {
      const type = String(item['resourceType']);
      const read = await askAs(testHub, gp, `/${type}/${id}`, false, {});
      const page = await askAs(testHub, gp, `/${type}?patient=${patient}&_count=200`, false, {});
      assert.equal(page.status, 200);
      const found = ((page.body['entry'] as { resource?: Json }[] | undefined) ?? []).some((entry) => entry.resource?.['id'] === id);
      if ((read.status === 200) !== shown || found !== shown) wrong.push(`${id}: read ${read.status}, searched ${String(found)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${REPORTED.length} answered otherwise`);
  });
});

/**
 * R13: one ordinary type made a sensitive service ordinary. Appointments at these services were answered 200 to
 * another organisation's GP, a hospital nurse, the receptionist and a social worker, where the same service typed its
 * sensitive kind alone was 404: each mixed listing is answered exactly as its sensitive kind alone, and a practice's
 * own service (of the category general practice) listing every kind of care it gives as the practice's service
 * listing general practice alone.
 */
describe('R13’s reported cases, over HTTP', () => {
  let testHub: TestHub;
  let tokens: Record<string, string>;
  const PATIENT_R13 = 'pat-000002';
  const GENERAL_PRACTICE = { category: [text('General practice')] };
  /** Each reported service, and the service it must be answered as: its sensitive kind alone, or general practice. */
  const REPORTED: Record<string, { kinds: Json; as: Json }> = {
    'typed "Sexual health" and "General practice"': {
      kinds: { type: [text('Sexual health'), text('General practice')] },
      as: { type: [text('Sexual health')] },
    },
    'a sexual assault referral centre typed "Accident and emergency"': {
      kinds: { type: [text('Sexual assault referral centre'), text('Accident and emergency')] },
      as: { type: [text('Sexual assault referral centre')] },
    },
    'a sexual assault referral centre typed "Emergency"': {
      kinds: { type: [text('Sexual assault referral centre'), text('Emergency')] },
      as: { type: [text('Sexual assault referral centre')] },
    },
    'a crisis team typed "Adult mental health services" and "Emergency"': {
      kinds: { type: [text('Adult mental health services'), text('Emergency')] },
      as: { type: [text('Adult mental health services')] },
    },
    'typed "Domestic abuse service" and "Health visiting"': {
      kinds: { type: [text('Domestic abuse service'), text('Health visiting')] },
      as: { type: [text('Domestic abuse service')] },
    },
    'typed service type 67 in https://terminology.hl7.org/CodeSystem/service-type/': {
      kinds: { type: [code('https://terminology.hl7.org/CodeSystem/service-type/', '67')] },
      as: { type: [code(SERVICE_TYPE, '67')] },
    },
    'a practice’s service listing general practice, contraception and a mental health review': {
      kinds: { ...GENERAL_PRACTICE, ...BY_PRACTICE, type: [text('General practice'), text('Contraception'), text('Mental health review')] },
      as: { ...GENERAL_PRACTICE, type: [text('General practice')] },
    },
  };
  const appointment = (id: string, serviceId: string): Json =>
    ELEMENTS['an appointment’s participant']!.set(recordItem('Appointment', id, PATIENT_R13), {
      reference: `HealthcareService/${serviceId}`,
    });
  const rows = Object.entries(REPORTED).map(([name, { kinds, as }], index) => ({
    name,
    reported: { id: `r13-${index}`, service: service(`r13-svc-${index}`, kinds) },
    twin: { id: `r13-${index}-twin`, service: service(`r13-svc-${index}-twin`, as) },
  }));

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [PATIENT_R13]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PATIENT_R13, 'r13-keep-psy');
          await store.put(PRACTICE);
          for (const { reported, twin } of rows) {
            await store.put(reported.service);
            await store.put(appointment(reported.id, String(reported.service['id'])));
            await store.put(twin.service);
            await store.put(appointment(twin.id, String(twin.service['id'])));
          }
        });
      },
    });
    tokens = await signInCallers(testHub, PATIENT_R13);
  });
  after(() => testHub.close());

  test('each is answered to each reader as its sensitive kind alone, or the practice’s as an ordinary appointment', async () => {
    const wrong: string[] = [];
    const answers = new Set<number>();
    for (const reader of ['gp', 'hospital-nurse', 'receptionist', 'social-worker']) {
      const page = await askAs(testHub, tokens[reader], `/Appointment?patient=${PATIENT_R13}&_count=200`, false, {});
      assert.equal(page.status, 200);
      const found = new Set(((page.body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => entry.resource?.['id']));
      for (const { name, reported, twin } of rows) {
        const read = (await askAs(testHub, tokens[reader], `/Appointment/${reported.id}`, false, {})).status;
        const expected = (await askAs(testHub, tokens[reader], `/Appointment/${twin.id}`, false, {})).status;
        answers.add(expected);
        if (read !== expected || found.has(reported.id) !== found.has(twin.id))
          wrong.push(`${name} to ${reader}: read ${read}, expected ${expected}; searched ${String(found.has(reported.id))}`);
      }
    }
    assert.deepEqual([...answers].sort(), [200, 404], 'both answers met');
    assert.deepEqual(wrong, [], `${wrong.length} answered otherwise`);
  });
});

test('every element × form × kind × reader: read and searched as the item labelled with its kind', async () => {
  const store = await openTestStore();
  knowHubAddress(store, [HUB]);
  await store.put(PRACTICE);
  const twins = new Map<string, Case>();
  for (const one of CASES) {
    for (const entry of one.directory) await store.put(entry);
    await store.put(one.item);
    twins.set(one.id, one);
  }
  const wrong: string[] = [];
  const answers = new Set<boolean>();
  let compared = 0;
  for (const [reader, visibility] of Object.entries(await readers(store))) {
    const shown = new Set<string>();
    for (const type of new Set(CASES.map(({ item }) => String(item['resourceType'])))) {
      const found = await store.search({
        type,
        patientId: PATIENT,
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 500,
        visibility,
      });
      for (const item of found.resources) shown.add(String(item['id']));
    }
    for (const { name, id, item, label, throughContained } of twins.values()) {
      // A reader of a reduced view that leaves out contained resources (the desk's appointment) is answered by what it
      // is shown (`views.ts`): a service named only through them is not in it.
      const seen = !throughContained || 'contained' in shownBy(visibility.views, item);
      const twin = recordItem(String(item['resourceType']), id, PATIENT, label === undefined || !seen ? [] : [label]);
      const expected = isWithheld(twin, visibility);
      answers.add(expected);
      compared += 1;
      const read = isWithheld(item, visibility);
      const searched = !shown.has(id);
      if (read !== expected || searched !== expected)
        wrong.push(
          `${name} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}, expected ${expected ? 'withheld' : 'shown'}`,
        );
    }
  }
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.ok(
    CASES.some(({ label }) => label === undefined),
    'ordinary services are met',
  );
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});

/**
 * R13's class: a service listing a sensitive kind beside an ordinary one, as a clinic (no category, an outpatient one,
 * or general practice's: R14), a practice's own service (provided by the directory's GP practice, of any category);
 * and each sensitive code in every spelling of its system. Each is answered as its twin: the sensitive kind alone, or —
 * only for a practice's own service in the directory listing general practice beside a kind that is not sexual
 * assault or domestic abuse — general practice alone.
 */
const SERVICE_CATEGORY = 'http://terminology.hl7.org/CodeSystem/service-category';
const SENSITIVE_KINDS: Record<string, { kind: Json; element: 'type' | 'specialty'; neverMixed: boolean }> = {
  '"Sexual health"': { kind: text('Sexual health'), element: 'type', neverMixed: false },
  'service type 67': { kind: code(SERVICE_TYPE, '67'), element: 'type', neverMixed: false },
  'genito-urinary medicine (360)': { kind: code(PRACTICE_SETTING, '360'), element: 'specialty', neverMixed: false },
  '"Gender identity clinic"': { kind: text('Gender identity clinic'), element: 'type', neverMixed: false },
  '"Adult mental health services"': { kind: text('Adult mental health services'), element: 'type', neverMixed: false },
  'service type 239': { kind: code(SERVICE_TYPE, '239'), element: 'type', neverMixed: false },
  'psychiatry (SNOMED CT)': { kind: code(SNOMED, '394587001'), element: 'specialty', neverMixed: false },
  '"Crisis - Mental Health" (541)': { kind: code(SERVICE_TYPE, '541'), element: 'type', neverMixed: false },
  // Never neutralised, even by a practice's own listing (F10's `isSdvService`).
  '"Sexual assault referral centre"': { kind: text('Sexual assault referral centre'), element: 'type', neverMixed: true },
  '"Domestic abuse service"': { kind: text('Domestic abuse service'), element: 'type', neverMixed: true },
};
const ORDINARY_KINDS: Record<string, Json> = {
  'general practice': text('General practice'),
  'accident and emergency': text('Accident and emergency'),
  emergency: text('Emergency'),
  'emergency medicine': text('Emergency medicine'),
  'A&E (SNOMED CT display)': { coding: [{ system: SNOMED, code: '225728007', display: 'Accident and Emergency department' }] },
  ambulance: text('Ambulance'),
  'district nursing': text('District nursing'),
  'health visiting': text('Health visiting'),
  'community health services': text('Community health services'),
};
const LISTINGS: Record<string, { category: Json[]; practice: boolean }> = {
  'a clinic': { category: [], practice: false },
  'a clinic of an outpatient category': { category: [text('Outpatients')], practice: false },
  // R14: what a service says of itself does not make it a practice's; its provider does (when the hub can look it up).
  'a clinic of the category general practice (in words)': { category: [text('General practice')], practice: false },
  'a clinic of HL7 service category 17': { category: [code(SERVICE_CATEGORY, '17')], practice: false },
  'a practice’s service (category in words)': { category: [text('General practice')], practice: true },
  'a practice’s service (HL7 service category 17)': { category: [code(SERVICE_CATEGORY, '17')], practice: true },
  'a practice’s service (no category)': { category: [], practice: true },
};
/** Every spelling of a system a source may send: http or https, a closing slash, the host in capitals. */
const spellings = (system: string): string[] => {
  const https = system.replace(/^http:/, 'https:');
  const http = system.replace(/^https:/, 'http:');
  const upper = (uri: string) =>
    uri.replace(/^(https?:\/\/)([^/]+)/, (_all, scheme: string, host: string) => scheme.toUpperCase() + host.toUpperCase());
  return [http, https, `${http}/`, `${https}/`, upper(https), `${upper(http)}//`];
};
const SPELLED: { name: string; kinds: Json; twin: Json }[] = [
  { element: 'type', system: SERVICE_TYPE, value: '67' },
  { element: 'type', system: 'http://hl7.org/fhir/service-type', value: '239' },
  { element: 'specialty', system: PRACTICE_SETTING, value: '360' },
  { element: 'specialty', system: PRACTICE_SETTING, value: '710' },
  { element: 'specialty', system: SNOMED, value: '394587001' },
  { element: 'type', system: SNOMED, value: '394587001' },
].flatMap(({ element, system, value }) =>
  spellings(system).map((spelled) => ({
    name: `${element} ${value} in ${spelled}`,
    kinds: { [element]: [code(spelled, value)] },
    twin: { [element]: [code(system, value)] },
  })),
);

interface Pair {
  name: string;
  item: Json;
  twin: Json;
  directory: Json[];
}

/** Each listing, its twin, and its twin where the hub can look its provider up (`practiceTwin`: in the directory). */
const MIXED: { name: string; kinds: Json; twin: Json; practiceTwin?: Json }[] = [
  ...Object.entries(SENSITIVE_KINDS).flatMap(([sensitiveName, { kind, element, neverMixed }]) =>
    Object.entries(ORDINARY_KINDS).flatMap(([ordinaryName, ordinary]) =>
      Object.entries(LISTINGS).map(([listingName, { category, practice }]) => {
        const own = (kinds: Json): Json => ({
          ...(practice ? BY_PRACTICE : {}),
          ...(category.length === 0 ? {} : { category }),
          ...kinds,
        });
        const listed = element === 'type' ? { type: [ordinary, kind] } : { type: [ordinary], specialty: [kind] };
        const ordinaryOnly = practice && ordinaryName === 'general practice' && !neverMixed;
        return {
          name: `${listingName} listing ${sensitiveName} and ${ordinaryName}`,
          kinds: own(listed),
          twin: own({ [element]: [kind] }),
          ...(ordinaryOnly ? { practiceTwin: own({ type: [ordinary] }) } : {}),
        };
      }),
    ),
  ),
  ...SPELLED,
];

const PAIRS: Pair[] = MIXED.flatMap(({ name, kinds, twin: clinicTwin, practiceTwin }, index) =>
  (['relative', 'contained'] as const).map((form) => {
    // Contained, a service's provider is not one the hub can look up: a practice's listing is read as a clinic's.
    const twin = form === 'relative' ? (practiceTwin ?? clinicTwin) : clinicTwin;
    const make = FORMS[form]!;
    const pair = (id: string, what: Json) => {
      const { directory, contained, reference } = make(id, what);
      const base = recordItem('Appointment', id, PATIENT);
      return {
        directory,
        item: ELEMENTS['an appointment’s participant']!.set(contained.length === 0 ? base : { ...base, contained }, { reference }),
      };
    };
    const mine = pair(`r13c-${index}-${form}`, kinds);
    const other = pair(`r13c-${index}-${form}-twin`, twin);
    return { name: `${name}, ${form}`, item: mine.item, twin: other.item, directory: [...mine.directory, ...other.directory] };
  }),
);

test('R13’s class: every mixed listing and system spelling × reader is read and searched as its twin', async () => {
  const store = await openTestStore();
  knowHubAddress(store, [HUB]);
  await store.put(PRACTICE);
  for (const { directory, item, twin } of PAIRS) {
    for (const entry of directory) await store.put(entry);
    await store.put(item);
    await store.put(twin);
  }
  const { wrong, answers, compared } = await answeredAsTwins(store, await readers(store), PAIRS, PATIENT);
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});
