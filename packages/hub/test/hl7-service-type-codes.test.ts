/**
 * A service sent as an HL7 service type code alone. HL7's service type code system
 * (`http://terminology.hl7.org/CodeSystem/service-type`, R3's `http://hl7.org/fhir/service-type`), as an appointment's
 * or an encounter's service type, a service's or an organisation's type is coded, was read by its display only (R12,
 * left over by 407b271): an encounter whose service type was `67` (Sexual Health) with no display, or under a display
 * in another language or an abbreviation, reached another organisation's GP, and one typed `141` (Psychiatry) a GP the
 * resident keeps mental health from. Nor was a fertility service sensitive by its name ("Fertility clinic") or its
 * code (`187`, Reproductive Endocrinology & Infertility), though DOMAIN withholds IVF.
 *
 * Now the codes of that system whose definitions name a sexual health, fertility or mental health service are read
 * as their words, in that system only, and a fertility or infertility clinic, centre, unit, service or treatment is a
 * sensitive phrase.
 *
 * The class: each code (sensitive, mental health, ordinary, another system's) × display absent, foreign or abbreviated
 * × where it sits (an appointment's service type or specialty, an encounter's service type, a contained service's
 * type, an organisation's type as the item's source or named by reference) × two readers, read and searched, answered
 * as the same item labelled (or not).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';
import { withLabelledSources } from '../src/policy/sharing.js';
import { isSensitiveContent, isSensitiveService } from '../src/policy/sensitive-content.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const SERVICE_TYPE = 'http://terminology.hl7.org/CodeSystem/service-type';
const SERVICE_TYPE_R3 = 'http://hl7.org/fhir/service-type';
const sourceOf = (id: string) => `https://care-record.example/source/${id}`;
const coded = (system: string, code: string, display?: string): Json => ({
  coding: [{ system, code, ...(display === undefined ? {} : { display }) }],
});

describe('the reported cases, over HTTP', () => {
  const SEX_PATIENT = 'pat-000001';
  const PSY_PATIENT = 'pat-000002';
  let testHub: TestHub;
  let gp: string;
  /** Each item from an ordinary trust's system: its patient, type, what it says, and whether the GP may read it. */
  const ITEMS: { id: string; patient: string; type: string; says: Json; shown: boolean }[] = [
    { id: 'sexual-health', patient: SEX_PATIENT, type: 'Encounter', says: { serviceType: coded(SERVICE_TYPE, '67') }, shown: false },
    { id: 'fertility-code', patient: SEX_PATIENT, type: 'Encounter', says: { serviceType: coded(SERVICE_TYPE, '187') }, shown: false },
    {
      id: 'fertility-words',
      patient: SEX_PATIENT,
      type: 'Appointment',
      says: { serviceType: [{ text: 'Fertility clinic' }] },
      shown: false,
    },
    {
      id: 'psychiatry',
      patient: PSY_PATIENT,
      type: 'Appointment',
      says: { serviceType: [coded(SERVICE_TYPE, '141', 'Consulta')] },
      shown: false,
    },
    // The same trust's ordinary care, for each resident.
    { id: 'cardiology', patient: SEX_PATIENT, type: 'Encounter', says: { serviceType: coded(SERVICE_TYPE, '165') }, shown: true },
    { id: 'general-practice', patient: PSY_PATIENT, type: 'Appointment', says: { serviceType: [coded(SERVICE_TYPE, '124')] }, shown: true },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [SEX_PATIENT, PSY_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PSY_PATIENT, 'keep-psy');
          await store.put({
            resourceType: 'Organization',
            id: 'trust',
            meta: { source: sourceOf('trust') },
            name: 'Whittington Health NHS Trust',
            type: [{ text: 'Acute hospital services' }],
          });
          for (const { id, patient, type, says } of ITEMS)
            await store.put({ ...recordItem(type, id, patient), ...says, meta: { source: sourceOf('trust') } });
        });
      },
    });
    gp = (await signInCallers(testHub, SEX_PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP reads the trust’s ordinary care, not its sexual health, fertility or psychiatry', async () => {
    const wrong: string[] = [];
    for (const { id, type, patient, shown } of ITEMS) {
      const read = await askAs(testHub, gp, `/${type}/${id}`, false, {});
      const page = await askAs(testHub, gp, `/${type}?patient=${patient}&_count=100`, false, {});
      assert.equal(page.status, 200);
      const found = ((page.body['entry'] as { resource: Json }[] | undefined) ?? []).some(({ resource }) => resource['id'] === id);
      if ((read.status === 200) !== shown) wrong.push(`${id}: read ${read.status}`);
      if (found !== shown) wrong.push(`${id}: ${found ? 'found' : 'not found'}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${ITEMS.length * 2} answered otherwise`);
  });
});

test('a fertility service is sensitive by its name; infertility alone, a GP’s diagnosis, is not', () => {
  const told = (words: string) =>
    `${words}: ${isSensitiveContent({ resourceType: 'Appointment', serviceType: [{ text: words }] }) ? 'sensitive' : 'not'}`;
  const sensitive = [
    'Fertility clinic',
    'Fertility Centre',
    'Infertility service',
    'fertility treatment',
    'FERTILITY-UNIT',
    'Fertility preservation',
    'Reproductive Endocrinology & Infertility',
    'Reproductive endocrinology and infertility',
  ];
  const not = ['Infertility', 'Female infertility', 'Fertility awareness', 'Reproductive endocrinology'];
  assert.deepEqual([...sensitive, ...not].map(told), [
    ...sensitive.map((words) => `${words}: sensitive`),
    ...not.map((words) => `${words}: not`),
  ]);
  assert.equal(isSensitiveService({ resourceType: 'Organization', name: 'Homerton Fertility Centre' }), true, 'by its name');
});

/**
 * Each code, in which system, the label it means (none for an ordinary one), and what it means in words the hub reads
 * (its definition in HL7's code system; STD and STI spelled out).
 */
const CODES: { system: string; code: string; label: string | undefined; words: string }[] = [
  ...Object.entries({
    '67': 'Sexual health',
    '441': 'Sexually Transmitted Diseases',
    '450': 'Sexually transmitted disease service',
    '451': 'Sexually transmitted infection service',
    '187': 'Reproductive Endocrinology & Infertility',
  }).flatMap(([code, words]) => [
    { system: SERVICE_TYPE, code, label: 'SEX', words },
    { system: SERVICE_TYPE_R3, code, label: 'SEX', words },
  ]),
  ...Object.entries({
    '134': 'Mental health advocacy',
    '135': 'Mental health assessment/triage/crisis response',
    '136': 'Mental health case management/continuing care',
    '137': 'Mental health information/referral',
    '138': 'Mental health inpatient services (hospital psychiatric unit)',
    '139': 'Mental health non-residential rehabilitation',
    '140': 'Mental health residential rehabilitation/community care unit',
    '141': 'Psychiatry (requires referral)',
    '239': 'Adult Mental Health Services',
    '242': 'Aged Persons Mental Health Residential Units',
    '243': 'Aged Persons Mental Health Services',
    '244': 'Aged Persons Mental Health Teams',
    '283': 'Child And Adolescent Mental Health Services',
    '292': 'Community Child And Adolescent Mental Health Services',
    '328': 'Eating Disorder',
    '346': 'Forensic Mental Health Services',
    '414': 'Primary Mental Health And Early Intervention Teams',
    '417': 'Psychiatric',
    '418': 'Psychiatric Disability Support Services - Home-Based Outreach',
    '419': 'Psychiatric Disability Support Services - Planned Respite',
    '420': 'Psychiatric Disability Support Services - Residential Rehabilitation',
    '421': 'Psychiatric Disability Support Services Home-Based Outreach',
    '422': 'Psychiatric Disability Support Services Mutual Support And Self Help',
    '423': 'Psychiatric Support',
    '490': 'General Mental Health Services',
    '541': 'Crisis - Mental Health',
    '564': 'Adolescent Mental Health Services',
  }).map(([code, words]) => ({ system: SERVICE_TYPE, code, label: 'PSY', words })),
  { system: SERVICE_TYPE_R3, code: '141', label: 'PSY', words: 'Psychiatry (requires referral)' },
  // Ordinary, and not read as sensitive by their words either.
  ...Object.entries({
    '124': 'General Practice/GP (doctor)',
    '117': 'Emergency medical',
    '165': 'Cardiology',
    '186': 'Obstetrics & Gynaecology',
    '142': 'Psychology',
    '305': 'Counselling',
    '550': 'Dementia Care',
    '105': 'Drug and/or alcohol counselling',
    '559': 'Women’s Health',
    '231': 'A&E',
  }).map(([code, words]) => ({ system: SERVICE_TYPE, code, label: undefined, words })),
  { system: 'https://example.org/local-services', code: '67', label: undefined, words: 'Local service 67' },
  { system: 'https://example.org/local-services', code: '141', label: undefined, words: 'Local service 141' },
];

const DISPLAYS: Record<string, string | undefined> = {
  'no display': undefined,
  'a display in another language': 'Consultation externe',
  'an abbreviation': 'OPD',
};

/** Where an item names its service by the code: in itself, a service it contains, or an organisation of the directory. */
const PLACES: Record<string, { type: string; put: (concept: Json, id: string) => { item: Json; directory?: Json } }> = {
  'an appointment’s service type': { type: 'Appointment', put: (concept) => ({ item: { serviceType: [concept] } }) },
  'an appointment’s specialty': { type: 'Appointment', put: (concept) => ({ item: { specialty: [concept] } }) },
  'an encounter’s service type': { type: 'Encounter', put: (concept) => ({ item: { serviceType: concept } }) },
  'a contained service’s type': {
    type: 'Appointment',
    put: (concept) => ({
      item: {
        contained: [{ resourceType: 'HealthcareService', id: 'service', type: [concept] }],
        participant: [{ actor: { reference: '#service' }, status: 'accepted' }],
      },
    }),
  },
  'an organisation’s type, as the item’s source': {
    type: 'Observation',
    put: (concept, id) => ({
      item: { meta: { source: sourceOf(`org-${id}`) } },
      directory: { resourceType: 'Organization', id: `org-${id}`, meta: { source: sourceOf(`org-${id}`) }, type: [concept] },
    }),
  },
  'an organisation’s type, by reference': {
    type: 'Encounter',
    put: (concept, id) => ({
      item: { serviceProvider: { reference: `Organization/org-${id}` } },
      directory: { resourceType: 'Organization', id: `org-${id}`, type: [concept] },
    }),
  },
};

async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  return {
    'another organisation’s GP': await withLabelledSources(gp, store),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
  };
}

test('every code × display × place × reader: read as its labelled twin, searched as its twin in words', async () => {
  const store = await openTestStore();
  const cases = new Map<string, { name: string; twin: Json }>();
  await store.transaction(async (inside) => {
    const put = async (id: string, type: string, place: (typeof PLACES)[string], concept: Json) => {
      const { item, directory } = place.put(concept, id);
      if (directory) await inside.put(directory);
      await inside.put({ ...recordItem(type, id, 'pat-1'), ...item });
    };
    for (const { system, code, label, words } of CODES)
      for (const [shown, display] of Object.entries(DISPLAYS))
        for (const [where, place] of Object.entries(PLACES)) {
          const id = `st-${cases.size}`;
          cases.set(id, {
            name: `${system === SERVICE_TYPE ? '' : `${system} `}${code}, ${shown}, ${where}`,
            twin: recordItem(place.type, id, 'pat-1', label === undefined ? [] : [label]),
          });
          await put(id, place.type, place, coded(system, code, display));
          await put(`${id}-words`, place.type, place, { text: words });
        }
  });
  const wrong: string[] = [];
  const answers = new Set<boolean>();
  for (const [reader, visibility] of Object.entries(await readers(store))) {
    const shown = new Set<string>();
    for (const type of new Set(Object.values(PLACES).map(({ type }) => type))) {
      const found = await store.search({
        type,
        patientId: 'pat-1',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 10000,
        visibility,
      });
      for (const item of found.resources) shown.add(String(item['id']));
    }
    for (const [id, { name, twin }] of cases) {
      const want = isWithheld(twin, visibility);
      answers.add(want);
      const read = async (key: string) => {
        const stored = await store.read(String(twin['resourceType']), key);
        if (stored === undefined) throw new Error(`${key} was not stored`);
        return isWithheld(stored.resource, visibility);
      };
      const [byCode, byWords] = [await read(id), await read(`${id}-words`)];
      const [foundByCode, foundByWords] = [shown.has(id), shown.has(`${id}-words`)];
      if (byCode !== want || byWords !== want || foundByCode !== foundByWords)
        wrong.push(
          `${name} to ${reader}: read ${byCode ? 'withheld' : 'shown'} (in words ${byWords ? 'withheld' : 'shown'}), ` +
            `searched ${foundByCode ? 'shown' : 'withheld'} (in words ${foundByWords ? 'shown' : 'withheld'})`,
        );
    }
  }
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${cases.size * 2} answered otherwise`);
});
