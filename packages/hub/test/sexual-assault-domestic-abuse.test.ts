/**
 * Sexual assault and domestic abuse are withheld though the source does not label them (`SDV`). Reported by F9: an
 * encounter at a sexual assault referral centre (SARC), and a GP's entry "Disclosed domestic abuse by partner", were
 * shown to another organisation and to a carer — who may be the abuser (RCGP proxy-access guidance: domestic abuse
 * and safeguarding entries never reach a proxy). The hub gave SEX by content and by service, never SDV.
 *
 * The class: item type × where the word or code sits (code, coding, note, narrative, reason, service) × sensitive
 * forms, their denials (a routine enquiry answered "no" is withheld too) and ordinary near-misses ("assault" alone, a
 * pub fight, alcohol abuse, oilseed rape pollen) × reader — read and searched on the store (`CARE_RECORD_TEST_STORE=
 * postgres` too), answered as the same item labelled `SDV` (sensitive) or unlabelled (ordinary) would be: both ways.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { shownBy } from '../src/policy/views.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { askAs, signInCallers } from './support/callers.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;

const SNOMED = 'http://snomed.info/sct';
const SERVICE_TYPE = 'http://terminology.hl7.org/CodeSystem/service-type';
const HUB = 'https://hub.care-record.test/fhir';
const PATIENT = 'pat-1';

/** What an item says: words, or a code alone; sensitive (`SDV`) or an ordinary near-miss. */
interface Said {
  sdv: boolean;
  words?: string;
  snomed?: string;
}
const SAID: Record<string, Said> = {
  'a disclosure': { sdv: true, words: 'Disclosed domestic abuse by partner' },
  'victim of domestic violence': { sdv: true, words: 'Victim of domestic violence' },
  'sexual assault': { sdv: true, words: 'Sexual assault, examined at the Havens' },
  rape: { sdv: true, words: 'Raped by an acquaintance' },
  FGM: { sdv: true, words: 'FGM type 3 identified at booking' },
  'female genital mutilation': { sdv: true, words: 'History of female genital mutilation' },
  'a MARAC referral': { sdv: true, words: 'Referred to MARAC' },
  'at risk of domestic abuse': { sdv: true, words: 'At risk of domestic abuse' },
  'coercive control': { sdv: true, words: 'Partner shows coercive controlling behaviour' },
  'a denial': { sdv: true, words: 'No domestic abuse disclosed' },
  'a routine enquiry answered no': { sdv: true, words: 'Asked about domestic abuse: no' },
  'denies sexual assault': { sdv: true, words: 'Denies sexual assault' },
  'victim of domestic abuse, coded': { sdv: true, snomed: '879911000000102' },
  'history of domestic violence, coded': { sdv: true, snomed: '412732008' },
  'police domestic incident report, coded': { sdv: true, snomed: '895141000000105' },
  'an FGM flag, coded': { sdv: true, snomed: '902961000000107' },
  'assault alone': { sdv: false, words: 'Assault' },
  'a pub fight': { sdv: false, words: 'Assaulted outside a pub, laceration to scalp' },
  'a fall': { sdv: false, words: 'Fall at home, bruised hip' },
  'alcohol abuse': { sdv: false, words: 'Alcohol abuse' },
  'oilseed rape pollen': { sdv: false, words: 'Allergy to oilseed rape pollen' },
  'a domestic cleaner': { sdv: false, words: 'Works as a domestic cleaner' },
  'an ordinary code': { sdv: false, snomed: '38341003' },
};

const concept = ({ words, snomed }: Said): Json => (snomed ? { coding: [{ system: SNOMED, code: snomed }] } : { text: words });

/** Where it sits: each gives the item's part holding it (words only where words can sit). */
const PLACES: Record<string, { codes: boolean; set: (item: Json, said: Said) => Json }> = {
  code: {
    codes: true,
    set: (item, said) => {
      const type = item['resourceType'];
      if (type === 'Encounter') return { ...item, type: [concept(said)] };
      if (type === 'Appointment') return { ...item, serviceType: [concept(said)] };
      return { ...item, code: concept(said) };
    },
  },
  reason: {
    codes: true,
    set: (item, said) =>
      item['resourceType'] === 'Condition' ? { ...item, evidence: [{ code: [concept(said)] }] } : { ...item, reasonCode: [concept(said)] },
  },
  note: {
    codes: false,
    set: (item, said) =>
      item['resourceType'] === 'Appointment' ? { ...item, comment: said.words } : { ...item, note: [{ text: said.words }] },
  },
  narrative: {
    codes: false,
    set: (item, said) => ({ ...item, text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${said.words}</div>` } }),
  },
};

const TYPES = ['Condition', 'Observation', 'Encounter', 'Appointment'];

/** Services an item is at: a sexual assault or domestic abuse service (`SDV`), or an ordinary one. */
const SERVICES: Record<string, { sdv: boolean; entry: (id: string) => Json }> = {
  'a SARC by name': { sdv: true, entry: (id) => ({ resourceType: 'HealthcareService', id, name: 'North Central London SARC' }) },
  'a sexual assault referral centre by name': {
    sdv: true,
    entry: (id) => ({ resourceType: 'Organization', id, name: 'The Havens Sexual Assault Referral Centre' }),
  },
  'a place typed domestic abuse service': {
    sdv: true,
    entry: (id) => ({ resourceType: 'Location', id, name: 'Room 4', type: [{ text: 'Domestic abuse service' }] }),
  },
  'a service typed HL7 service type 80': {
    sdv: true,
    entry: (id) => ({
      resourceType: 'HealthcareService',
      id,
      name: 'Clinic 9',
      type: [{ coding: [{ system: SERVICE_TYPE, code: '80' }] }],
    }),
  },
  'an IDVA service': { sdv: true, entry: (id) => ({ resourceType: 'HealthcareService', id, name: 'Hospital IDVA service' }) },
  'a minor injuries unit typed accident and emergency': {
    sdv: false,
    entry: (id) => ({ resourceType: 'HealthcareService', id, name: 'Minor injuries unit', type: [{ text: 'Accident and emergency' }] }),
  },
  'a fracture clinic': { sdv: false, entry: (id) => ({ resourceType: 'HealthcareService', id, name: 'Fracture clinic' }) },
  // Withheld whole, whatever else it lists: a partner must not learn she was seen there.
  'a practice listing domestic abuse support among its services': {
    sdv: true,
    entry: (id) => ({
      resourceType: 'HealthcareService',
      id,
      name: 'Practice services',
      type: [{ text: 'General practice' }, { text: 'Domestic abuse support' }],
    }),
  },
};

/** How an item names the service: relative, absolute at the hub, contained, or through a role at it. */
const FORMS: Record<string, (entry: Json) => { directory: Json[]; contained: Json[]; reference: string }> = {
  relative: (entry) => ({ directory: [entry], contained: [], reference: `${String(entry['resourceType'])}/${String(entry['id'])}` }),
  absolute: (entry) => ({ directory: [entry], contained: [], reference: `${HUB}/${String(entry['resourceType'])}/${String(entry['id'])}` }),
  contained: (entry) => ({ directory: [], contained: [{ ...entry, id: 'at' }], reference: '#at' }),
  'a role at it': (entry) => {
    const at = `${String(entry['resourceType'])}/${String(entry['id'])}`;
    const key =
      entry['resourceType'] === 'Organization' ? 'organization' : entry['resourceType'] === 'Location' ? 'location' : 'healthcareService';
    const role = {
      resourceType: 'PractitionerRole',
      id: `role-${String(entry['id'])}`,
      [key]: key === 'organization' ? { reference: at } : [{ reference: at }],
    };
    return { directory: [entry, role], contained: [], reference: `PractitionerRole/${String(role.id)}` };
  },
};

/** The item's service element, as each type has one. */
const atService = (item: Json, reference: string): Json => {
  if (item['resourceType'] === 'Appointment')
    return {
      ...item,
      status: 'booked',
      ...stillToCome(30),
      participant: [...((item['participant'] as Json[]) ?? []), { actor: { reference }, status: 'accepted' }],
    };
  return { ...item, participant: [{ individual: { reference } }] };
};

interface Case {
  name: string;
  id: string;
  sdv: boolean;
  directory: Json[];
  /** What must be in the reader's view for the reader to be told it (`shownBy`). */
  marker: string;
  /** Whether the item names the service only through the resources it contains. */
  throughContained?: boolean;
  item: Json;
}

const CASES: Case[] = [
  ...TYPES.flatMap((type, t) =>
    Object.entries(PLACES).flatMap(([place, { codes, set }], p) =>
      Object.entries(SAID)
        .filter(([, said]) => codes || said.words !== undefined)
        .map(([what, said], s) => {
          const id = `sdv-${t}-${p}-${s}`;
          const base =
            type === 'Appointment'
              ? { ...recordItem(type, id, PATIENT), status: 'booked', ...stillToCome(30) }
              : recordItem(type, id, PATIENT);
          return {
            name: `${type}, ${place}: ${what}`,
            id,
            sdv: said.sdv,
            directory: [],
            marker: said.words ?? said.snomed!,
            item: set(base, said),
          };
        }),
    ),
  ),
  ...['Encounter', 'Appointment'].flatMap((type, t) =>
    Object.entries(SERVICES).flatMap(([what, { sdv, entry }], s) =>
      Object.entries(FORMS).map(([form, make], f) => {
        const id = `sdvs-${t}-${s}-${f}`;
        const { directory, contained, reference } = make(entry(`${id}-at`));
        const base = recordItem(type, id, PATIENT);
        const item = atService(contained.length === 0 ? base : { ...base, contained }, reference);
        return { name: `${type} at ${what}, ${form}`, id, sdv, directory, marker: reference, throughContained: contained.length > 0, item };
      }),
    ),
  ),
];

async function readers(store: Awaited<ReturnType<typeof openTestStore>>): Promise<Record<string, Visibility>> {
  return {
    'a carer': await withLabelledSources(defaultVisibility({ kind: 'carer' }), store),
    'another organisation’s GP': await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'F83999' }), store),
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
    // The organisation that recorded the items (`recordItem`'s source, RX999): its own, whatever they are.
    'the recording organisation’s GP': await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'RX999' }), store),
    'the resident': await withLabelledSources(defaultVisibility({ kind: 'resident' }), store),
  };
}

describe('the reported cases, over HTTP', () => {
  let testHub: TestHub;
  let gp: string;
  const RESIDENT = 'pat-000001';
  const SARC = { resourceType: 'Organization', id: 'sdv-sarc', name: 'The Havens Sexual Assault Referral Centre' };
  const REPORTED: { id: string; type: string; item: Json }[] = [
    {
      id: 'sdv-at-sarc',
      type: 'Encounter',
      item: { ...recordItem('Encounter', 'sdv-at-sarc', RESIDENT), serviceProvider: { reference: 'Organization/sdv-sarc' } },
    },
    {
      id: 'sdv-disclosed',
      type: 'Condition',
      item: { ...recordItem('Condition', 'sdv-disclosed', RESIDENT), code: { text: 'Disclosed domestic abuse by partner' } },
    },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [RESIDENT]);
        await hub.store.transaction(async (store) => {
          await store.put(SARC);
          for (const { item } of REPORTED) await store.put(item);
        });
      },
    });
    gp = (await signInCallers(testHub, RESIDENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP is not shown an encounter at a SARC or a disclosure of domestic abuse', async () => {
    const wrong: string[] = [];
    for (const { id, type } of REPORTED) {
      const read = await askAs(testHub, gp, `/${type}/${id}`, false, {});
      const page = await askAs(testHub, gp, `/${type}?patient=${RESIDENT}&_count=200`, false, {});
      assert.equal(page.status, 200);
      const found = ((page.body['entry'] as { resource?: Json }[] | undefined) ?? []).some((entry) => entry.resource?.['id'] === id);
      if (read.status === 200 || found) wrong.push(`${id}: read ${read.status}, searched ${String(found)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${REPORTED.length} shown`);
  });
});

test('every type × place × form × reader: read and searched as the item labelled SDV (or not) would be', async () => {
  const store = await openTestStore();
  knowHubAddress(store, [HUB]);
  for (const one of CASES) {
    for (const entry of one.directory) await store.put(entry);
    await store.put(one.item);
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
        count: 1000,
        visibility,
      });
      for (const item of found.resources) shown.add(String(item['id']));
    }
    for (const { name, id, item, sdv, marker, throughContained } of CASES) {
      // A reader of a reduced view (the desk's appointment) is answered by what it is shown (`views.ts`): a service
      // named only through the resources it contains is not in a view that leaves them out.
      const view = shownBy(visibility.views, item);
      const seen = throughContained ? 'contained' in view : JSON.stringify(view).includes(marker);
      const twin = recordItem(String(item['resourceType']), id, PATIENT, sdv && seen ? ['SDV'] : []);
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
  assert.ok(CASES.some(({ sdv }) => !sdv) && CASES.some(({ sdv }) => sdv), 'sensitive and ordinary met');
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});
