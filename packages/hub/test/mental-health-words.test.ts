/**
 * Mental health is told by the service an item names however that service's
 * name is written (docs/access-policy.md R3, R12, R17). The rule read
 * "mental health" with one space only, so an unlabelled appointment with the
 * "Mental-Health Liaison" service reached another organisation's
 * receptionist while its twin "Mental health liaison" was withheld; and it
 * read a booked service only when it was referenced as a HealthcareService,
 * and none of the other names of mental health services (CAMHS, NHS Talking
 * Therapies, IAPT…).
 *
 * The class, by the rule (`labelsOf` and `isWithheld` as each reader sees the
 * item): every spelling (any gap between the words × any case) and every
 * other name of a mental health service × every element that names the
 * service of each type, in each reference form (by reference, display only,
 * by identifier, at another server, contained) × the readers the rule applies
 * to (another organisation's receptionist, a carer whose permission keeps
 * mental health, another organisation's clinician when the resident keeps
 * mental health with its service) is withheld exactly as the same item
 * labelled `PSY`; near names ("Fundamental healthcare", a psychology or
 * counselling service) and elements that name no service (a reason, a note,
 * a diagnosis) withhold nothing. And by the hub, over HTTP, read and search,
 * for a spelling and a name of each element. A store written by the rules
 * before these (`LABEL_RULES_VERSION` 6) labels its items again on opening.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isMentalHealthOrganization, isMentalHealthService } from '../src/policy/mental-health.js';
import { defaultVisibility, isWithheld, labelsOf, type Visibility } from '../src/policy/visibility.js';
import type { HubStore } from '../src/store/store.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import {
  BOUNDARY,
  CASES,
  coded,
  ELEMENTS,
  GAPS,
  NOT_NAMES,
  OTHER_NAMES,
  spelled,
  text,
  type Element,
  type Type,
} from './support/mental-health-names.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { relabelledOnOpen, testStoreKind } from './support/test-store.js';

type Json = Record<string, unknown>;

/** Every type an element above is on. */
const TYPES = [...new Set(ELEMENTS.map((element) => element.type))];

/** One item of the type about the resident, recorded by another organisation, labelled or not. */
function base(type: Type, id: string, patient: string, labels: string[] = []): Json {
  const item = recordItem(type, id, patient, labels);
  // The example's own service elements say nothing of mental health: each case places its own words.
  assert.ok(!isMentalHealthService(item), `the ${type} example names no mental health service`);
  return type === 'Appointment' ? { ...item, status: 'booked', start: '2027-02-01T10:00:00Z', end: '2027-02-01T10:20:00Z' } : item;
}

/** The readers the rule applies to, by the rule: each visibility as the hub gives it. */
const READERS: Record<string, Visibility> = {
  'another organisation’s receptionist': defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
  'a carer whose permission keeps mental health': {
    ...defaultVisibility({ kind: 'carer' }),
    hiddenLabels: [...defaultVisibility({ kind: 'carer' }).hiddenLabels, 'PSY'],
  },
  'another organisation’s GP, the resident keeping mental health': {
    ...defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: true }),
    hiddenLabels: [...defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: true }).hiddenLabels, 'PSY'],
  },
};

const ALL_SPELLINGS = GAPS.flatMap((gap) => CASES.map((casing) => spelled(gap, casing)));

describe('the reported case', () => {
  test('"Mental-Health Liaison" as an appointment’s service type is withheld from the desk as "Mental health liaison" is', () => {
    const desk = READERS['another organisation’s receptionist']!;
    const twin = { ...base('Appointment', 'a-twin', 'p-1'), serviceType: [{ text: 'Mental health liaison' }] };
    const reported = { ...base('Appointment', 'a-reported', 'p-1'), serviceType: [{ text: 'Mental-Health Liaison' }] };
    assert.ok(isWithheld(twin, desk), 'the twin is withheld');
    assert.ok(isWithheld(reported, desk), 'the reported spelling is withheld');
  });
});

describe('the class, by the rule', () => {
  test('every spelling and name × every element naming the service × every reader: withheld as labelled PSY', (context) => {
    const wrong: string[] = [];
    let compared = 0;
    for (const element of ELEMENTS)
      for (const [reader, visibility] of Object.entries(READERS)) {
        const labelled = base(element.type, 'labelled', 'p-1', ['PSY']);
        const expected = isWithheld(labelled, visibility) && !(visibility.views !== undefined && element.deskSees === false);
        assert.ok(isWithheld(labelled, visibility), `${reader} is withheld ${element.type} labelled PSY`);
        for (const words of [...ALL_SPELLINGS, ...OTHER_NAMES]) {
          compared += 1;
          const item = element.place(base(element.type, 'named', 'p-1'), words);
          if (isWithheld(item, visibility) !== expected) wrong.push(`${reader}: ${element.type} ${element.name} ${JSON.stringify(words)}`);
        }
        for (const words of NOT_NAMES) {
          compared += 1;
          const item = element.place(base(element.type, 'near', 'p-1'), words);
          if (isWithheld(item, visibility)) wrong.push(`${reader}: ${element.type} ${element.name} ${JSON.stringify(words)} (not a name)`);
        }
      }
    context.diagnostic(`${compared} element × words × reader cases`);
    assert.deepEqual(wrong, []);
  });

  test('elements that name no service label nothing, whatever they say', () => {
    const wrong = BOUNDARY.flatMap((element) =>
      [...ALL_SPELLINGS.slice(0, 3), ...OTHER_NAMES]
        .filter((words) => labelsOf(element.place(base(element.type, 'b', 'p-1'), words)).includes('PSY'))
        .map((words) => `${element.type} ${element.name}: ${words}`),
    );
    assert.deepEqual(wrong, []);
  });

  test('the directory: an organisation named, aliased or typed so, however written, is a mental health service', () => {
    const wrong: string[] = [];
    for (const words of [...ALL_SPELLINGS, ...OTHER_NAMES]) {
      const shapes: Json[] = [
        { resourceType: 'Organization', name: `${words} NHS Trust` },
        { resourceType: 'Organization', name: 'North Heights Partnership', alias: ['NHP', words] },
        { resourceType: 'Organization', name: 'North Heights Partnership', type: [text(words)] },
        { resourceType: 'Organization', name: 'North Heights Partnership', type: [coded(words)] },
      ];
      for (const shape of shapes) if (!isMentalHealthOrganization(shape)) wrong.push(JSON.stringify(shape));
    }
    for (const words of NOT_NAMES)
      for (const shape of [
        { resourceType: 'Organization', name: words },
        { resourceType: 'Organization', name: 'North Heights Partnership', alias: [words], type: [text(words)] },
      ])
        if (isMentalHealthOrganization(shape)) wrong.push(`${JSON.stringify(shape)} (not a name)`);
    assert.deepEqual(wrong, []);
  });
});

/** The cared-for resident (her carer signs in as `carer`): she keeps mental health with its service. */
const KEEPS = 'pat-000003';
/** A resident who has made no choice about mental health: the desk's rule alone applies. */
const SHARES = 'pat-000011';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';

/** Hub cases: each element with a spelling, another name, a near name, and labelled PSY — placed on both residents. */
interface HubCase {
  element: Element;
  words: string;
  kind: 'spelling' | 'name' | 'near' | 'labelled';
  id: (patient: string) => string;
}
const hubCases: HubCase[] = ELEMENTS.flatMap((element, index) => {
  const gap = GAPS[index % GAPS.length]!;
  const casing = CASES[index % CASES.length]!;
  const cases: Omit<HubCase, 'id'>[] = [
    { element, words: spelled(gap, casing), kind: 'spelling' },
    { element, words: OTHER_NAMES[index % OTHER_NAMES.length]!, kind: 'name' },
    { element, words: NOT_NAMES[index % NOT_NAMES.length]!, kind: 'near' },
    { element, words: NOT_NAMES[(index + 1) % NOT_NAMES.length]!, kind: 'labelled' },
  ];
  return cases.map((made) => ({ ...made, id: (patient: string) => `mhw-${patient.slice(-2)}-${index}-${made.kind}` }));
});

function hubItem(patient: string, made: HubCase): Json {
  const item = base(made.element.type, made.id(patient), patient, made.kind === 'labelled' ? ['PSY'] : []);
  return made.element.place(item, made.words);
}

describe('the class, by the hub', () => {
  let testHub: TestHub;
  const tokens: Record<string, string> = {};

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [KEEPS, SHARES]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, KEEPS, `mhw-choice-${KEEPS}`);
          for (const made of hubCases) {
            await store.put(hubItem(KEEPS, made));
            if (made.element.type === 'Appointment') await store.put(hubItem(SHARES, made));
          }
        });
      },
    });
    for (const persona of ['gp', 'receptionist']) tokens[persona] = await testHub.signIn(persona, { scope: 'openid fhirUser user/*.rs' });
    tokens['carer'] = await testHub.signIn('carer', { scope: CARER_SCOPE });
  });
  after(() => testHub.close());

  const matches = (body: Json) =>
    ((body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? [])
      .filter((entry) => entry.search?.mode === 'match')
      .map((entry) => String(entry.resource?.['id']));

  test('the reported case: "Mental-Health Liaison" booked with another organisation is kept from its receptionist', async () => {
    const reported = { ...base('Appointment', 'mhw-reported', SHARES), serviceType: [{ text: 'Mental-Health Liaison' }] };
    const twin = { ...base('Appointment', 'mhw-twin', SHARES), serviceType: [{ text: 'Mental health liaison' }] };
    await testHub.hub.store.put(reported);
    await testHub.hub.store.put(twin);
    const token = tokens['receptionist'];
    assert.equal((await testHub.call(token, '/Appointment/mhw-twin')).status, 404, 'the twin is withheld');
    assert.equal((await testHub.call(token, '/Appointment/mhw-reported')).status, 404, 'so is the reported spelling');
    const found = matches((await testHub.call(token, `/Appointment?patient=${SHARES}&_count=500`)).body);
    assert.ok(!found.includes('mhw-reported') && !found.includes('mhw-twin'));
  });

  for (const [reader, persona, patient] of [
    ['another organisation’s receptionist', 'receptionist', SHARES],
    ['a carer whose permission keeps mental health', 'carer', KEEPS],
    ['another organisation’s GP, the resident keeping mental health', 'gp', KEEPS],
  ] as const)
    test(`${reader}: read and search answer each spelling and name as the item labelled PSY`, async (context) => {
      const token = tokens[persona];
      const wrong: string[] = [];
      let meaningful = 0;
      const types = persona === 'receptionist' ? (['Appointment'] as const) : TYPES;
      for (const type of types) {
        const search = await testHub.call(token, `/${type}?patient=${patient}&_count=500`);
        const found = search.status === 200 ? matches(search.body) : [];
        const answer = async (made: HubCase) => {
          const read = await testHub.call(token, `/${type}/${made.id(patient)}`);
          return `read ${read.status}, ${found.includes(made.id(patient)) ? 'found' : 'not found'}`;
        };
        for (const [index, element] of ELEMENTS.entries()) {
          if (element.type !== type) continue;
          const ofElement = hubCases.filter((made) => made.element === element);
          const [spelling, name, near, labelled] = await Promise.all(ofElement.map(answer));
          const desk = persona === 'receptionist' && element.deskSees === false;
          if (labelled !== near) meaningful += 1;
          const where = `${type} ${element.name} (#${index})`;
          if (spelling !== (desk ? near : labelled)) wrong.push(`${where} ${JSON.stringify(ofElement[0]!.words)}: ${spelling}`);
          if (name !== (desk ? near : labelled)) wrong.push(`${where} ${JSON.stringify(ofElement[1]!.words)}: ${name}`);
          if (near !== 'read 200, found' && labelled !== near) wrong.push(`${where} near name ${ofElement[2]!.words}: ${near}`);
        }
      }
      context.diagnostic(`${meaningful} elements where labelled PSY is answered otherwise than a near name`);
      assert.ok(meaningful > 0, 'the reader is withheld some labelled mental health');
      assert.deepEqual(wrong, []);
    });
});

test(`a store written by the rules before these labels its items again on opening (${testStoreKind})`, async () => {
  const appointment = (id: string, service: string): Json => ({
    ...base('Appointment', id, 'p-1'),
    meta: { source: OTHER_SOURCE },
    serviceType: [{ text: service }],
  });
  const found = async (store: HubStore) =>
    (
      await store.search({
        type: 'Appointment',
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 50,
        visibility: READERS['another organisation’s receptionist']!,
      })
    ).resources.map((resource) => String(resource['id']));
  await relabelledOnOpen(
    6,
    async (store) => {
      await store.put(appointment('mhw-hyphen', 'Mental-Health Liaison'));
      await store.put(appointment('mhw-camhs', 'CAMHS'));
      await store.put(appointment('mhw-near', 'Fundamental healthcare'));
    },
    async (store) => {
      assert.deepEqual(await found(store), ['mhw-near']);
    },
  );
});
