/**
 * An item's title can say what it is about (docs/access-policy.md R11). An
 * appointment whose `description` — what every list shows as the appointment —
 * is "Chlamydia follow-up" says it as plainly as a sexual health service type
 * would, and is withheld alike: from a clinician of another organisation and
 * from the desk (whose view keeps the description), by read, search,
 * `_summary=count`, batch and `$summary`; the resident and the organisation
 * that recorded it still see it.
 *
 * The class: every string element of the record's types in the contract is
 * either a title (an item's or a part's name or short description, FHIR R4:
 * Appointment.description, CarePlan.title, .description and an activity's
 * description, DocumentReference.description and its content's title, a
 * report's presented form's title) — read, so a sensitive one withholds the
 * item and a harmless one does not — or an instruction shown with the item
 * (a medicine's dosage text and instruction to the resident, an
 * appointment's `patientInstruction`), read as a title ("One tablet twice a
 * day for 7 days (chlamydia treatment)" reached every other organisation's
 * GP) — or free text, a value, a name or a code the rule does not read: the
 * same words in a note or a comment label nothing (a result written as
 * words, a string value or a conclusion, is read as a title since reviewer
 * R18). A string element the contract gains later fails the walk below
 * until it is placed on one side or the other. A store written by the rules
 * before titles were read (`LABEL_RULES_VERSION` 4) labels its items again
 * when it is opened, so its searches withhold what its reads do.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { signInPersonas } from '../src/index.js';
import { defaultVisibility, isWithheld, labelsOf, sourceOf, type Visibility } from '../src/policy/visibility.js';
import type { HubStore } from '../src/store/store.js';
import { exampleOf, OTHER_SOURCE, RECORD_TYPES } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { relabelledOnOpen, testStoreKind } from './support/test-store.js';
import { stillToCome } from './support/still-to-come.js';

type Json = Record<string, unknown>;
type Schema = {
  $ref?: string;
  type?: string;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  contentEncoding?: string;
  items?: Schema;
  properties?: Record<string, Schema | boolean>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
type BundleJson = { total?: number; entry?: { resource?: Json; search?: { mode?: string } }[] };

/** What a title may say: the reported words, and their harmless twin. */
const SENSITIVE_TITLES = [
  'Chlamydia follow-up',
  'Sexual health clinic review',
  'IVF consultation',
  'Termination of pregnancy — pre-assessment',
] as const;
const HARMLESS_TITLE = 'Diabetes follow-up';

/**
 * This test's oracle, written from FHIR R4's definitions apart from the hub's rule: the string elements of the
 * record's types that are a title or short description — what a list shows as the item or its part. `[]` marks a list.
 */
const TITLES: Record<string, readonly string[]> = {
  Appointment: ['description', 'patientInstruction'],
  CarePlan: ['title', 'description', 'activity[].detail.description'],
  DocumentReference: ['description', 'content[].attachment.title'],
  DiagnosticReport: ['presentedForm[].title', 'conclusion'],
  // And results written as words, read as a coded result's value is (reviewer R18): "Chlamydia trachomatis detected".
  Observation: ['valueString', 'component[].valueString'],
  // And the instructions shown with the item wherever it is listed: a medicine's dosage, shown verbatim beside it
  // (DOMAIN), and the instruction to the resident, which the desk's appointment view keeps too.
  MedicationStatement: ['dosage[].text', 'dosage[].patientInstruction'],
  MedicationRequest: ['dosageInstruction[].text', 'dosageInstruction[].patientInstruction'],
};

/**
 * The other string elements of the record's types: free text (notes, comments, instructions, the narrative, a
 * reaction's description), values, names and addresses, units — none is what the item is called.
 */
const NOT_TITLES: Record<string, readonly string[]> = {
  AllergyIntolerance: [
    'text.div',
    'onsetString',
    'note[].text',
    'note[].authorString',
    'reaction[].description',
    'reaction[].note[].text',
    'reaction[].note[].authorString',
  ],
  Condition: ['text.div', 'onsetString', 'abatementString', 'note[].text', 'note[].authorString'],
  MedicationStatement: ['text.div', 'note[].text', 'note[].authorString'],
  MedicationRequest: ['text.div', 'note[].text', 'note[].authorString'],
  Encounter: ['text.div'],
  Appointment: ['text.div', 'comment'],
  EpisodeOfCare: ['text.div'],
  Observation: ['text.div', 'note[].text', 'note[].authorString', 'referenceRange[].text', 'component[].referenceRange[].text'],
  DiagnosticReport: ['text.div', 'presentedForm[].contentType'],
  CarePlan: ['text.div', 'note[].text', 'note[].authorString'],
  Goal: ['text.div', 'note[].text', 'note[].authorString'],
  Flag: ['text.div'],
  DocumentReference: ['text.div', 'content[].attachment.contentType'],
  RelatedPerson: [
    'text.div',
    'name[].text',
    'name[].family',
    'name[].given[]',
    'name[].prefix[]',
    'name[].suffix[]',
    'telecom[].value',
    'address[].text',
    'address[].line[]',
    'address[].city',
    'address[].district',
    'address[].postalCode',
    'address[].country',
  ],
  Immunization: [
    'text.div',
    'occurrenceString',
    'lotNumber',
    'note[].text',
    'note[].authorString',
    'protocolApplied[].series',
    'protocolApplied[].doseNumberString',
  ],
  Procedure: ['text.div', 'performedString', 'note[].text', 'note[].authorString'],
};

const contract = JSON.parse(readFileSync(fileURLToPath(new URL('../../../openapi/dist/hub.openapi.json', import.meta.url)), 'utf8')) as {
  components: { schemas: Record<string, Schema> };
};
const schemas = contract.components.schemas;

/**
 * Data types whose strings other rules read (concepts, references, identifiers) or that are labels (`meta`), and
 * measures and timings (a unit and its code): values, never a name.
 */
const NOT_WALKED = new Set([
  'Reference',
  'Coding',
  'CodeableConcept',
  'Identifier',
  'Extension',
  'Meta',
  'Quantity',
  'Range',
  'Ratio',
  'Timing',
]);

/**
 * Every free string element of a contract schema, as a path (`[]` after a list): through `$ref`, `allOf`, `oneOf`,
 * `anyOf`, lists and parts, not into what other rules read, measures, extensions or contained resources; not a code
 * (an enum or a constant), a date, a URI, base64 or a pattern's value.
 */
function stringPaths(schema: Schema | undefined, prefix = '', stack: readonly Schema[] = []): string[] {
  const deref = (value: Schema | undefined) => (value?.$ref ? schemas[value.$ref.split('/').pop() ?? ''] : value);
  const propertiesOf = (value: Schema | undefined): Record<string, Schema> => {
    const own = deref(value);
    const merged: Record<string, Schema | boolean> = Object.assign(
      {},
      ...[...(own?.allOf ?? []), ...(own?.oneOf ?? []), ...(own?.anyOf ?? [])].map(propertiesOf),
    );
    for (const [name, property] of Object.entries(own?.properties ?? {})) if (property !== false) merged[name] = property;
    return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, Schema] => typeof entry[1] === 'object'));
  };
  const own = deref(schema);
  if (!own || stack.includes(own)) return [];
  const found: string[] = [];
  for (const [name, property] of Object.entries(propertiesOf(own))) {
    if (['extension', 'modifierExtension', 'contained', 'meta', 'id', 'implicitRules', 'language', 'resourceType'].includes(name)) continue;
    const list = property.type === 'array';
    const element = list ? property.items : property;
    if (NOT_WALKED.has(element?.$ref?.split('/').pop() ?? '')) continue;
    const value = deref(element);
    // A concept written out in place (a status's codings and text): read as a concept is.
    if (value?.properties?.['coding'] !== undefined) continue;
    const path = `${prefix}${name}${list ? '[]' : ''}`;
    const code = value?.const !== undefined || value?.enum || value?.format || value?.pattern || value?.contentEncoding;
    if (value?.type === 'string' && !code) found.push(path);
    else if (value?.type !== 'string') found.push(...stringPaths(element, `${path}.`, [...stack, own]));
  }
  return found;
}

/** The item with `words` at the path, beside what is there (into the first of a list that has one). */
function placeAt(item: Json, path: string, words: string): Json {
  const [head = '', ...rest] = path.split('.');
  const list = head.endsWith('[]');
  const name = list ? head.slice(0, -2) : head;
  if (rest.length === 0) return { ...item, [name]: list ? [words] : words };
  const existing = item[name];
  if (!list) {
    const part = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? (existing as Json) : {};
    return { ...item, [name]: placeAt(part, rest.join('.'), words) };
  }
  const parts = Array.isArray(existing) ? (existing as Json[]) : [];
  return { ...item, [name]: [placeAt(parts[0] ?? {}, rest.join('.'), words), ...parts.slice(1)] };
}

/** Every title of the type harmless, so that only the one a case places can speak. */
function withHarmlessTitles(type: string, item: Json): Json {
  let placed = item;
  for (const path of TITLES[type] ?? []) placed = placeAt(placed, path, 'Outpatient review');
  return placed;
}

let testHub: TestHub;
let patientId = '';
let recorder = '';
const tokens: Record<string, string> = {};

/** The reported appointments: each titled only by its description. */
const REPORTED = SENSITIVE_TITLES.map((description, index) => ({ id: `title-reported-${index + 1}`, description }));
const REPORTED_TWIN = 'title-reported-harmless';

/** Hub cases: a type, a path, the words there, and whether the rule is to withhold it. */
const cases: { type: string; path: string; words: string; withheld: boolean; id: string }[] = [];
/** Boundary elements placed on the hub too (the rest are held to the rule by `labelsOf` below). */
const HUB_BOUNDARY: Record<string, readonly string[]> = {
  Appointment: ['comment', 'text.div'],
  CarePlan: ['note[].text'],
  MedicationRequest: ['note[].text'],
};

/** Points an example at the resident, recorded by the hospital, booked to come where an appointment. */
function aboutResident(type: string, id: string): Json {
  const reference = { reference: `Patient/${patientId}` };
  const item: Json = { ...exampleOf(type), id, meta: { source: recorder } };
  delete item['text'];
  if (type === 'Appointment')
    return {
      ...item,
      status: 'booked',
      ...stillToCome(45),
      participant: [{ actor: reference, status: 'accepted' }],
    };
  if (['AllergyIntolerance', 'EpisodeOfCare', 'RelatedPerson', 'Immunization'].includes(type)) return { ...item, patient: reference };
  return { ...item, subject: reference };
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      patientId = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      recorder = sourceOf(personas.find((persona) => persona.id === 'hospital-nurse')?.odsCode ?? '');
      assert.ok(patientId && recorder.endsWith('RZ9'));
      for (const persona of personas) if (persona.organizationId) await hub.store.relate(patientId, persona.organizationId);
      await hub.store.transaction(async (store) => {
        for (const { id, description } of REPORTED)
          await store.put({ ...aboutResident('Appointment', id), serviceType: [{ text: 'Outpatient appointment' }], description });
        await store.put({
          ...aboutResident('Appointment', REPORTED_TWIN),
          serviceType: [{ text: 'Outpatient appointment' }],
          description: HARMLESS_TITLE,
        });
        let index = 0;
        const place = async (type: string, path: string, words: string, withheld: boolean) => {
          index += 1;
          const id = `title-${index}`;
          await store.put(placeAt(withHarmlessTitles(type, aboutResident(type, id)), path, words));
          cases.push({ type, path, words, withheld, id });
        };
        for (const [type, paths] of Object.entries(TITLES))
          for (const path of paths) {
            for (const words of SENSITIVE_TITLES) await place(type, path, words, true);
            await place(type, path, HARMLESS_TITLE, false);
          }
        for (const [type, paths] of Object.entries(HUB_BOUNDARY))
          for (const path of paths) await place(type, path, SENSITIVE_TITLES[0], false);
        // A title of a resource the item contains is the item's, as its contained concepts are.
        for (const [words, withheld] of [
          [SENSITIVE_TITLES[1], true],
          [HARMLESS_TITLE, false],
        ] as const) {
          index += 1;
          const id = `title-${index}`;
          const plan = {
            resourceType: 'CarePlan',
            id: 'plan',
            status: 'active',
            intent: 'plan',
            title: words,
            subject: { reference: `Patient/${patientId}` },
          };
          await store.put({
            ...aboutResident('Appointment', id),
            description: 'Outpatient review',
            contained: [plan],
            basedOn: [{ reference: '#plan' }],
          });
          cases.push({ type: 'Appointment', path: 'contained CarePlan.title', words, withheld, id });
        }
      });
    },
  });
  for (const persona of ['gp', 'receptionist', 'hospital-nurse'])
    tokens[persona] = await testHub.signIn(persona, { scope: 'openid fhirUser user/*.rs' });
  tokens['resident'] = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

const matches = (body: Json) =>
  ((body as BundleJson).entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => String(entry.resource?.['id']));
const saysNotShown = (body: Json) =>
  ((body as BundleJson).entry ?? []).some(
    (entry) => entry.search?.mode === 'outcome' && JSON.stringify(entry.resource).includes('INFORMATION_WITHHELD'),
  );

/** What a reader is shown of one item: its read, whether a search of its type, the batch and `$summary` hold it. */
async function observe(persona: string, type: string, id: string) {
  const token = tokens[persona];
  const read = await testHub.call(token, `/${type}/${id}`);
  const search = await testHub.call(token, `/${type}?patient=${patientId}&_count=500`);
  assert.equal(search.status, 200, `${persona} searches ${type}`);
  const count = await testHub.call(token, `/${type}?patient=${patientId}&_summary=count`);
  const batch = await testHub.call(token, '', {
    method: 'POST',
    body: {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `${type}/${id}` } },
        { request: { method: 'GET', url: `${type}?patient=${patientId}&_count=500` } },
      ],
    },
  });
  assert.equal(batch.status, 200);
  const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
  assert.equal(summary.status, 200, `${persona}'s $summary`);
  return {
    read: read.status,
    search: matches(search.body).includes(id),
    /** `_summary=count` agrees with the search, where the contract offers a count for the type. */
    countAgrees: count.status === 400 || (count.body as BundleJson).total === matches(search.body).length,
    batch: JSON.stringify(batch.body).includes(`"${id}"`),
    summary: JSON.stringify(summary.body).includes(`"${id}"`),
    toldNotShown: saysNotShown(search.body),
  };
}

describe('the reported case: an appointment titled "Chlamydia follow-up"', () => {
  test('another organisation’s GP and the desk do not see it by read, search, count, batch or $summary', async () => {
    for (const persona of ['gp', 'receptionist']) {
      for (const { id, description } of REPORTED)
        assert.deepEqual(
          await observe(persona, 'Appointment', id),
          { read: 404, search: false, countAgrees: true, batch: false, summary: false, toldNotShown: true },
          `${persona}: ${description}`,
        );
      assert.deepEqual(
        await observe(persona, 'Appointment', REPORTED_TWIN),
        { read: 200, search: true, countAgrees: true, batch: true, summary: true, toldNotShown: true },
        `${persona}: the harmless twin`,
      );
    }
  });

  test('the resident and the hospital that recorded it do', async () => {
    for (const persona of ['resident', 'hospital-nurse'])
      for (const { id } of [...REPORTED, { id: REPORTED_TWIN }]) {
        const seen = await observe(persona, 'Appointment', id);
        assert.deepEqual(
          { ...seen, toldNotShown: undefined },
          { read: 200, search: true, countAgrees: true, batch: true, summary: true, toldNotShown: undefined },
          `${persona}: ${id}`,
        );
      }
  });
});

describe('the reported case: a medicine whose dosage says what it treats', () => {
  test('"for chlamydia" in a dosage’s text or an instruction to the resident labels it SEX; the same dose without does not', () => {
    const said = 'One tablet twice a day for 7 days (chlamydia treatment)';
    const plain = 'One tablet twice a day for 7 days';
    const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
    for (const [type, element] of [
      ['MedicationStatement', 'dosage'],
      ['MedicationRequest', 'dosageInstruction'],
    ] as const)
      for (const part of ['text', 'patientInstruction']) {
        const item = (words: string) => ({ ...exampleOf(type), meta: { source: OTHER_SOURCE }, [element]: [{ [part]: words }] });
        assert.ok(labelsOf(item(said)).includes('SEX'), `${type}.${element}.${part}`);
        assert.ok(isWithheld(item(said), gp), `${type}.${element}.${part}: kept from another organisation’s GP`);
        assert.ok(!isWithheld(item(plain), gp), `${type}.${element}.${part}: the plain dose is shown`);
      }
  });
});

describe('the class: titles are read, free text is not', () => {
  test('every string element of the record’s types in the contract is placed: a title or not', () => {
    const unplaced: string[] = [];
    for (const type of RECORD_TYPES)
      for (const path of stringPaths(schemas[type]))
        if (!(TITLES[type] ?? []).includes(path) && !(NOT_TITLES[type] ?? []).includes(path)) unplaced.push(`${type}.${path}`);
    assert.deepEqual(unplaced, [], 'a string element neither a title nor free text in this test');
    for (const [type, paths] of [...Object.entries(TITLES), ...Object.entries(NOT_TITLES)])
      for (const path of paths) assert.ok(stringPaths(schemas[type]).includes(path), `${type}.${path} is in the contract`);
  });

  test('by the rule: each title × each record type that has it × sensitive/harmless; the boundary never', () => {
    const wrong: string[] = [];
    for (const type of RECORD_TYPES) {
      for (const path of TITLES[type] ?? [])
        for (const words of [...SENSITIVE_TITLES, HARMLESS_TITLE]) {
          const item = placeAt(withHarmlessTitles(type, exampleOf(type)), path, words);
          if (labelsOf(item).includes('SEX') !== (words !== HARMLESS_TITLE)) wrong.push(`${type}.${path}: ${words}`);
        }
      for (const path of NOT_TITLES[type] ?? []) {
        const item = placeAt(withHarmlessTitles(type, exampleOf(type)), path, SENSITIVE_TITLES[0]);
        delete item['text'];
        const withText = path === 'text.div' ? placeAt(item, path, `<div>${SENSITIVE_TITLES[0]}</div>`) : item;
        if (labelsOf(withText).includes('SEX')) wrong.push(`${type}.${path} (not a title) labels it`);
      }
    }
    // A contained resource's title, and R4's Composition (a document's title and its sections'), by their own types.
    const contained = (resource: Json): Json => ({ ...withHarmlessTitles('Appointment', exampleOf('Appointment')), contained: [resource] });
    for (const [resource, sensitive] of [
      [{ resourceType: 'CarePlan', title: SENSITIVE_TITLES[2] }, true],
      [{ resourceType: 'CarePlan', title: HARMLESS_TITLE }, false],
      [{ resourceType: 'DocumentReference', description: SENSITIVE_TITLES[3] }, true],
      [{ resourceType: 'Composition', title: SENSITIVE_TITLES[1] }, true],
      [{ resourceType: 'Composition', title: 'Discharge letter', section: [{ title: SENSITIVE_TITLES[0] }] }, true],
      [{ resourceType: 'Composition', title: 'Discharge letter', section: [{ title: HARMLESS_TITLE }] }, false],
      [{ resourceType: 'Condition', note: [{ text: SENSITIVE_TITLES[0] }] }, false],
    ] as const) {
      if (labelsOf(contained(resource)).includes('SEX') !== sensitive) wrong.push(`contained ${JSON.stringify(resource)}`);
      if (labelsOf(resource).includes('SEX') !== sensitive) wrong.push(JSON.stringify(resource));
    }
    // A title's name on a type whose R4 definition gives it no such title is not read (a Condition's `title`).
    if (labelsOf({ ...exampleOf('Condition'), title: SENSITIVE_TITLES[0] }).includes('SEX')) wrong.push('Condition.title');
    assert.deepEqual(wrong, []);
  });

  test('by the hub: withheld from another organisation (and the desk, for appointments) iff the title is sensitive', async (context) => {
    assert.ok(cases.length >= 7 * 5, `only ${cases.length} cases`);
    const wrong: string[] = [];
    for (const { type, path, words, withheld, id } of cases) {
      const where = `${type}.${path} "${words}"`;
      const readers = type === 'Appointment' ? ['gp', 'receptionist'] : ['gp'];
      for (const persona of readers) {
        // The desk never sees contained resources: what they say withholds nothing from it (R3).
        const expected = withheld && !(persona === 'receptionist' && path.startsWith('contained'));
        const seen = await observe(persona, type, id);
        if (seen.read !== (expected ? 404 : 200)) wrong.push(`${where}: ${persona} read ${seen.read}`);
        if (seen.search === expected) wrong.push(`${where}: ${persona}'s search`);
        if (seen.batch === expected) wrong.push(`${where}: ${persona}'s batch`);
        if (!seen.countAgrees) wrong.push(`${where}: ${persona}'s count`);
      }
      for (const persona of ['resident', 'hospital-nurse']) {
        const seen = await observe(persona, type, id);
        if (seen.read !== 200 || !seen.search) wrong.push(`${where}: ${persona} does not see it`);
      }
    }
    context.diagnostic(`${cases.length} title × type × words cases on the hub`);
    assert.deepEqual(wrong, []);
  });
});

test(`a store written before titles were read labels its items again on opening (${testStoreKind})`, async () => {
  const appointment = (id: string, description: string): Json => ({
    resourceType: 'Appointment',
    id,
    meta: { source: OTHER_SOURCE },
    status: 'booked',
    description,
    start: stillToCome(45).start,
    participant: [{ actor: { reference: 'Patient/p-1' }, status: 'accepted' }],
  });
  const found = async (store: HubStore, visibility: Visibility) =>
    (
      await store.search({ type: 'Appointment', criteria: [], sort: { by: 'lastUpdated', descending: true }, count: 50, visibility })
    ).resources.map((resource) => String(resource['id']));
  await relabelledOnOpen(
    4,
    async (store) => {
      await store.put(appointment('st-sensitive', SENSITIVE_TITLES[0]));
      await store.put(appointment('st-harmless', HARMLESS_TITLE));
    },
    async (store) => {
      for (const clinical of [true, false])
        assert.deepEqual(
          await found(store, defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical })),
          ['st-harmless'],
          clinical ? 'a GP of another organisation' : 'the desk',
        );
    },
  );
});
