/**
 * A trust that lists sexual health among its services is not a sexual health
 * service as a whole. The directory read an organisation's types as what it
 * is, and any one of them saying sexual health (or mental health) made the
 * organisation one: a hospital and community trust typed "Acute hospital
 * services", "Community health services" and "Sexual health service" had
 * every item from its system, and every item naming it, a ward of it or a
 * role at it, withheld from other organisations — a GP lost the whole
 * hospital's results, the desk its appointments.
 *
 * Now an organisation's types make it such a service only as a whole
 * (`typedAsService`): one says so and none names another service that is
 * not sensitive too (a type coded only as HL7's kind of body, "Healthcare
 * Provider", names none; nor does a specialty a clinic may list as part of
 * itself, such as general medicine: the trusts here list an emergency
 * department or district nursing too). The trust's own items are told by their service
 * elements, as a practice that runs a clinic is: its GUM clinic's service, a
 * unit of it (by its name, type or own system) or a role at the clinic is
 * still the clinic, and an item whose own specialty says so is still
 * sexual health. An organisation typed mental health and sexual health only
 * is withheld whole.
 *
 * The class: each way an item is the trust's or the clinic's × three readers
 * × read and search, answered exactly as the same item labelled (the
 * clinic's, a single-purpose clinic's) or unlabelled (the trust's ordinary
 * items) — both directions: no leak of the clinic's items, no withholding of
 * the trust's ordinary ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { recordItem } from './support/policy-fixtures.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins } from './support/twin-answers.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const SNOMED = 'http://snomed.info/sct';
const KIND = 'http://terminology.hl7.org/CodeSystem/organization-type';
const sourceOf = (id: string) => `https://care-record.example/source/${id}`;
const text = (words: string): Json => ({ text: words });

const organization = (id: string, name: string, type: Json[], extra: Json = {}): Json => ({
  resourceType: 'Organization',
  id,
  meta: { source: sourceOf(id) },
  name,
  type,
  ...extra,
});

const DIRECTORY: Json[] = [
  // A hospital and community trust that runs a GUM clinic among its services, and its clinic three ways: a service of
  // the trust, a unit of the trust with a system of its own, a role at the clinic.
  organization('trust', 'Whittington Health NHS Trust', [
    text('Acute hospital services'),
    text('Community health services'),
    text('Sexual health service'),
  ]),
  organization('trust-coded', 'Royal Free London NHS Foundation Trust', [
    { coding: [{ system: KIND, code: 'prov' }] },
    { coding: [{ system: SNOMED, code: '394802001', display: 'General medicine' }] },
    { coding: [{ system: SNOMED, code: '225728007', display: 'Accident and Emergency department' }] },
    { coding: [{ system: SNOMED, code: '394808002' }] },
  ]),
  // A community trust running mental health services among others (district nursing and health visiting are no part
  // of a mental health service): not a mental health service whole either. Its "Community health services" alone would
  // not say so, as a community mental health team may list it too.
  organization('trust-community', 'Haringey Community Health', [
    text('Community health services'),
    text('District nursing'),
    text('Health visiting'),
    text('Mental health services'),
  ]),
  {
    resourceType: 'HealthcareService',
    id: 'trust-gum',
    name: 'Sexual health clinic',
    providedBy: { reference: 'Organization/trust' },
  },
  {
    resourceType: 'HealthcareService',
    id: 'trust-community-cmht',
    name: 'Community Mental Health Team',
    providedBy: { reference: 'Organization/trust-community' },
  },
  organization('trust-gum-unit', 'Archway Centre', [text('GUM')], { partOf: { reference: 'Organization/trust' } }),
  { resourceType: 'Location', id: 'trust-ward', name: 'Ward 4', managingOrganization: { reference: 'Organization/trust' } },
  { resourceType: 'PractitionerRole', id: 'trust-role', organization: { reference: 'Organization/trust' } },
  { resourceType: 'PractitionerRole', id: 'trust-gum-role', healthcareService: [{ reference: 'HealthcareService/trust-gum' }] },
  // Clinics that are one service: typed as a kind of body and the service, by two sensitive types, or by mental health
  // and sexual health only.
  organization('clinic-kind', 'Mortimer Market Centre', [
    { coding: [{ system: KIND, code: 'prov', display: 'Healthcare Provider' }] },
    text('Sexual health service'),
  ]),
  organization('clinic-two', 'Archway Centre North', [text('Sexual health service'), text('Contraception and sexual health (CaSH)')]),
  organization('clinic-both', 'Camden Wellbeing Centre', [text('Mental health services'), text('Sexual health service')]),
  // A clinic whose other type is a code with no words: not told apart from another sexual health service, so whole.
  organization('clinic-coded', 'Archway Centre South', [
    text('Sexual health service'),
    { coding: [{ system: SNOMED, code: '1234567001' }] },
  ]),
];

/** Each way an item is here, what it must be answered as (the same item labelled, or an ordinary one), and its item. */
const CASES: Record<string, { as: string | undefined; item: (id: string) => Json }> = {
  'from the trust’s own system': { as: undefined, item: (id) => from(recordItem('Observation', id, 'pat-1'), 'trust') },
  'from the coded trust’s own system': { as: undefined, item: (id) => from(recordItem('Observation', id, 'pat-1'), 'trust-coded') },
  'from the community trust’s own system': {
    as: undefined,
    item: (id) => from(recordItem('Observation', id, 'pat-1'), 'trust-community'),
  },
  'an encounter with the trust by reference': {
    as: undefined,
    item: (id) => ({ ...recordItem('Encounter', id, 'pat-1'), serviceProvider: { reference: 'Organization/trust' } }),
  },
  'an encounter on a ward of the trust': {
    as: undefined,
    item: (id) => ({ ...recordItem('Encounter', id, 'pat-1'), location: [{ location: { reference: 'Location/trust-ward' } }] }),
  },
  'a result by a role at the trust': {
    as: undefined,
    item: (id) => ({ ...recordItem('Observation', id, 'pat-1'), performer: [{ reference: 'PractitionerRole/trust-role' }] }),
  },
  'an appointment with the trust’s GUM clinic': {
    as: 'SEX',
    item: (id) => ({
      ...recordItem('Appointment', id, 'pat-1'),
      participant: [
        { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
        { actor: { reference: 'HealthcareService/trust-gum' }, status: 'accepted' },
      ],
    }),
  },
  'a result by a role at the GUM clinic': {
    as: 'SEX',
    item: (id) => ({ ...recordItem('Observation', id, 'pat-1'), performer: [{ reference: 'PractitionerRole/trust-gum-role' }] }),
  },
  'from the GUM unit’s own system': { as: 'SEX', item: (id) => from(recordItem('Observation', id, 'pat-1'), 'trust-gum-unit') },
  'an encounter with the GUM unit by reference': {
    as: 'SEX',
    item: (id) => ({ ...recordItem('Encounter', id, 'pat-1'), serviceProvider: { reference: 'Organization/trust-gum-unit' } }),
  },
  'from the trust’s system, its specialty GUM': {
    as: 'SEX',
    item: (id) => ({
      ...from(recordItem('Appointment', id, 'pat-1'), 'trust'),
      specialty: [{ coding: [{ system: SNOMED, code: '394808002' }] }],
    }),
  },
  'an episode with the community trust’s mental health team': {
    as: 'PSY',
    item: (id) => ({ ...recordItem('EpisodeOfCare', id, 'pat-1'), team: [{ reference: 'HealthcareService/trust-community-cmht' }] }),
  },
  'from a clinic typed a provider and sexual health': {
    as: 'SEX',
    item: (id) => from(recordItem('Observation', id, 'pat-1'), 'clinic-kind'),
  },
  'from a clinic typed by two sexual health services': {
    as: 'SEX',
    item: (id) => from(recordItem('Observation', id, 'pat-1'), 'clinic-two'),
  },
  'from a clinic typed sexual health and a code with no words': {
    as: 'SEX',
    item: (id) => from(recordItem('Observation', id, 'pat-1'), 'clinic-coded'),
  },
  'from a centre typed mental health and sexual health only': {
    as: 'SEX',
    item: (id) => from(recordItem('Observation', id, 'pat-1'), 'clinic-both'),
  },
};

function from(item: Json, organization: string): Json {
  return { ...item, meta: { source: sourceOf(organization) } };
}

async function readers(store: Store): Promise<Record<string, Visibility>> {
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
  };
}

async function storeWithDirectory(): Promise<Store> {
  const store = await openTestStore();
  for (const entry of DIRECTORY) await store.put(entry);
  return store;
}

test('the reported case: a GP sees a blood test from a trust that runs a GUM clinic among its services', async () => {
  const store = await storeWithDirectory();
  const result = CASES['from the trust’s own system']!.item('reported');
  await store.put(result);
  const gp = (await readers(store))['another organisation’s GP']!;
  assert.equal(isWithheld(result, gp), false, 'read');
  const found = await store.search({
    type: 'Observation',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 10,
    visibility: gp,
  });
  assert.deepEqual(
    found.resources.map((item) => item['id']),
    ['reported'],
    'searched',
  );
  await store.close();
});

test('every way × reader: the trust’s ordinary items are shown, its clinic’s withheld — read and searched', async () => {
  const store = await storeWithDirectory();
  const twins = new Map<string, { name: string; item: Json; twin: Json }>();
  for (const [name, { as, item }] of Object.entries(CASES)) {
    const id = `case-${twins.size}`;
    const made = item(id);
    // An ordinary item is answered as another organisation's item that names no service; the clinic's as it labelled.
    const twin = recordItem(String(made['resourceType']), id, 'pat-1', as === undefined ? [] : [as]);
    twins.set(id, { name, item: made, twin });
    await store.put(made);
  }
  const { wrong, answers, compared } = await answeredAsTwins(store, await readers(store), twins.values(), 'pat-1');
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});
