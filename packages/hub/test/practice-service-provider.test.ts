/**
 * A practice's own service is told by who provides it, not by what the service says of itself. Reported: a clinic that
 * declared itself general practice — a HealthcareService of HL7's service category 17 ("General Practice") typed
 * "General practice" beside "Sexual health" — passed as a GP practice's own service, so its appointments were shown to
 * another organisation's GP and its reception desk, where the clinic typed sexual health alone was withheld. And a real
 * practice's service listing general practice beside contraception and sexual health, with no category, was withheld
 * (docs/access-policy.md: "the rule cannot see its provider").
 *
 * Now a service is a practice's own when its `providedBy` names, by every key it is known by, an Organization the
 * directory knows as a GP practice (its type "GP practice"); its category says nothing of that. A service an item
 * contains has no provider the hub can look up: it is read as a clinic's.
 *
 * The class: provider (a practice by id, by ODS code; a sexual health clinic; an organisation the directory does not
 * know as a practice, named "Surgery"; another server's; none; an id and a code naming two) × category (none, general
 * practice in words, HL7 17, outpatients) × what it lists (a sensitive kind beside general practice, or alone) × kind
 * (sexual health, mental health, sexual assault) × form (in the directory, contained) × reader, read and searched on the
 * store (`CARE_RECORD_TEST_STORE=postgres` too), each answered as its twin: general practice alone for a practice's own
 * listing (not sexual assault, never neutralised), else its sensitive kind alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, type Visibility } from '../src/policy/visibility.js';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';
import { answeredAsTwins } from './support/twin-answers.js';

type Json = Record<string, unknown>;

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const SERVICE_CATEGORY = 'http://terminology.hl7.org/CodeSystem/service-category';
const text = (words: string): Json => ({ text: words });
const PATIENT = 'pat-psp';

/** The directory's organisations a service may name as its provider. */
const organization = (id: string, ods: string, name: string, extra: Json = {}): Json => ({
  resourceType: 'Organization',
  id,
  name,
  identifier: [{ system: ODS, value: ods }],
  ...extra,
});
const ORGANIZATIONS: Json[] = [
  organization('psp-practice', 'F84001', 'Fleet Surgery', { type: [text('GP practice')] }),
  organization('psp-clinic', 'RSH02', 'Archway Sexual Health Clinic'),
  organization('psp-surgery', 'F84002', 'Valley Surgery'),
];

/** Who a service names as its provider, and whether that makes it a practice's own. */
const PROVIDERS: Record<string, { providedBy: Json | undefined; practice: boolean }> = {
  'a GP practice, by id': { providedBy: { reference: 'Organization/psp-practice' }, practice: true },
  'a GP practice, by ODS code': { providedBy: { identifier: { system: ODS, value: 'F84001' } }, practice: true },
  'a sexual health clinic': { providedBy: { reference: 'Organization/psp-clinic' }, practice: false },
  'an organisation not known as a practice, named "Surgery"': { providedBy: { reference: 'Organization/psp-surgery' }, practice: false },
  'another server’s practice': { providedBy: { reference: 'https://elsewhere.example/fhir/Organization/psp-practice' }, practice: false },
  'a practice by id and another organisation by code': {
    providedBy: { reference: 'Organization/psp-practice', identifier: { system: ODS, value: 'F84002' } },
    practice: false,
  },
  'none, by display alone': { providedBy: { display: 'Fleet Surgery' }, practice: false },
  none: { providedBy: undefined, practice: false },
};
const CATEGORIES: Record<string, Json[]> = {
  none: [],
  'general practice in words': [text('General practice')],
  'HL7 service category 17': [{ coding: [{ system: SERVICE_CATEGORY, code: '17', display: 'General Practice' }] }],
  outpatients: [text('Outpatients')],
};
const KINDS: Record<string, { kind: Json; neverMixed: boolean }> = {
  'sexual health': { kind: text('Sexual health'), neverMixed: false },
  'adult mental health services': { kind: text('Adult mental health services'), neverMixed: false },
  'sexual assault referral centre': { kind: text('Sexual assault referral centre'), neverMixed: true },
};
const GENERAL_PRACTICE = text('General practice');

interface Pair {
  name: string;
  item: Json;
  twin: Json;
  directory: Json[];
}

const service = (id: string, providedBy: Json | undefined, category: Json[], type: Json[]): Json => ({
  resourceType: 'HealthcareService',
  id,
  name: `Service ${id}`,
  ...(providedBy === undefined ? {} : { providedBy }),
  ...(category.length === 0 ? {} : { category }),
  type,
});

/** An appointment with the service: in the directory (by reference) or contained. */
function appointment(id: string, entry: Json, contained: boolean): { item: Json; directory: Json[] } {
  const base = recordItem('Appointment', id, PATIENT);
  const reference = contained ? '#svc' : `HealthcareService/${String(entry['id'])}`;
  const item = {
    ...base,
    ...(contained ? { contained: [{ ...entry, id: 'svc' }] } : {}),
    status: 'booked',
    ...stillToCome(30),
    participant: [...((base['participant'] as Json[]) ?? []), { actor: { reference }, status: 'accepted' }],
  };
  return { item, directory: contained ? [] : [entry] };
}

let counter = 0;
const PAIRS: Pair[] = Object.entries(PROVIDERS).flatMap(([providerName, { providedBy, practice }]) =>
  Object.entries(CATEGORIES).flatMap(([categoryName, category]) =>
    Object.entries(KINDS).flatMap(([kindName, { kind, neverMixed }]) =>
      [true, false].flatMap((mixed) =>
        [false, true].map((contained) => {
          counter += 1;
          const id = `psp-${counter}`;
          const ordinary = practice && mixed && !neverMixed && !contained;
          const mine = appointment(id, service(`${id}-svc`, providedBy, category, mixed ? [GENERAL_PRACTICE, kind] : [kind]), contained);
          const other = appointment(
            `${id}-twin`,
            service(`${id}-twin-svc`, providedBy, category, ordinary ? [GENERAL_PRACTICE] : [kind]),
            contained,
          );
          return {
            name: `provided by ${providerName}, category ${categoryName}, ${mixed ? 'general practice and ' : ''}${kindName}, ${contained ? 'contained' : 'in the directory'}`,
            item: mine.item,
            twin: other.item,
            directory: [...mine.directory, ...other.directory],
          };
        }),
      ),
    ),
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
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...carer, hiddenLabels: [...carer.hiddenLabels, 'PSY'] },
      store,
    ),
  };
}

describe('the reported cases, over HTTP', () => {
  let testHub: TestHub;
  let tokens: Record<string, string>;
  const REPORTED_PATIENT = 'pat-000002';
  const HL7_GENERAL_PRACTICE = { coding: [{ system: SERVICE_CATEGORY, code: '17', display: 'General Practice' }] };
  /** Each reported service, and the service it must be answered as. */
  const REPORTED: Record<string, { entry: Json; as: Json }> = {
    'a clinic of category 17 typed general practice and sexual health': {
      entry: service(
        'psp-r-clinic',
        { reference: 'Organization/psp-clinic' },
        [HL7_GENERAL_PRACTICE],
        [GENERAL_PRACTICE, text('Sexual health')],
      ),
      as: service('psp-r-clinic-twin', undefined, [], [text('Sexual health')]),
    },
    'a clinic of category 17 typed general practice and sexual health, no provider': {
      entry: service('psp-r-alone', undefined, [HL7_GENERAL_PRACTICE], [GENERAL_PRACTICE, text('Sexual health')]),
      as: service('psp-r-alone-twin', undefined, [], [text('Sexual health')]),
    },
    'a practice’s service with no category listing general practice, contraception and sexual health': {
      entry: service(
        'psp-r-practice',
        { reference: 'Organization/psp-practice' },
        [],
        [GENERAL_PRACTICE, text('Contraception and sexual health')],
      ),
      as: service('psp-r-practice-twin', undefined, [], [GENERAL_PRACTICE]),
    },
  };
  const booked = (id: string, serviceId: string): Json => {
    const base = recordItem('Appointment', id, REPORTED_PATIENT);
    return {
      ...base,
      status: 'booked',
      ...stillToCome(30),
      participant: [
        ...((base['participant'] as Json[]) ?? []),
        { actor: { reference: `HealthcareService/${serviceId}` }, status: 'accepted' },
      ],
    };
  };
  const rows = Object.entries(REPORTED).map(([name, { entry, as }], index) => ({
    name,
    id: `psp-r-${index}`,
    twin: `psp-r-${index}-twin`,
    entry,
    as,
  }));

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [REPORTED_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, REPORTED_PATIENT, 'psp-keep-psy');
          for (const entry of ORGANIZATIONS) await store.put(entry);
          for (const { id, twin, entry, as } of rows) {
            await store.put(entry);
            await store.put(as);
            await store.put(booked(id, String(entry['id'])));
            await store.put(booked(twin, String(as['id'])));
          }
        });
      },
    });
    tokens = await signInCallers(testHub, REPORTED_PATIENT);
  });
  after(() => testHub.close());

  test('each is answered to another organisation’s GP and desk as its twin', async () => {
    const wrong: string[] = [];
    const answers = new Set<number>();
    for (const reader of ['gp', 'receptionist']) {
      const page = await askAs(testHub, tokens[reader], `/Appointment?patient=${REPORTED_PATIENT}&_count=200`, false, {});
      assert.equal(page.status, 200);
      const found = new Set(((page.body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => entry.resource?.['id']));
      for (const { name, id, twin } of rows) {
        const read = (await askAs(testHub, tokens[reader], `/Appointment/${id}`, false, {})).status;
        const expected = (await askAs(testHub, tokens[reader], `/Appointment/${twin}`, false, {})).status;
        answers.add(expected);
        if (read !== expected || found.has(id) !== found.has(twin))
          wrong.push(`${name} to ${reader}: read ${read}, expected ${expected}; searched ${String(found.has(id))}`);
      }
    }
    assert.deepEqual([...answers].sort(), [200, 404], 'both answers met');
    assert.deepEqual(wrong, [], `${wrong.length} answered otherwise`);
  });
});

test('provider × category × listing × kind × form × reader: read and searched as its twin', async () => {
  const store = await openTestStore();
  for (const entry of ORGANIZATIONS) await store.put(entry);
  for (const { directory, item, twin } of PAIRS) {
    for (const entry of directory) await store.put(entry);
    await store.put(item);
    await store.put(twin);
  }
  const { wrong, answers, compared } = await answeredAsTwins(store, await readers(store), PAIRS, PATIENT);
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${compared} answered otherwise`);
});
