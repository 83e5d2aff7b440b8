/**
 * Sensitive by what it says, wherever it says it (docs/access-policy.md R11).
 * The rule read five elements (code, type, serviceType, reasonCode, a
 * medicine's code), so a hospital's genito-urinary medicine appointment sent
 * with a general service type and its `specialty` saying what it was showed
 * in the GP practice receptionist's appointments; so did a screening result
 * whose value said "Chlamydia trachomatis detected", a report whose
 * conclusion code said it, and a goal whose description did. The class:
 * every CodeableConcept element of every resident-record type in the
 * contract (read from the contract's schemas), as a SNOMED code, a display
 * or a text — withheld from another organisation, still the resident's, and
 * the same element saying something harmless still shared.
 *
 * Where and by whom says it as plainly: an appointment at "Mortimer Market
 * Centre for sexual health" (a participant's display), an encounter whose
 * service provider is a genito-urinary medicine clinic. The second class:
 * every Reference element of every record type in the contract, top-level and
 * one level down (a participant's actor), with a sensitive display and a
 * harmless one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { exampleOf, RECORD_TYPES } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

const SNOMED = 'http://snomed.info/sct';
/** A hospital none of the personas works for. */
const HOSPITAL = 'https://care-record.example/source/RX999';

/** How a source may say it: a sensitive SNOMED CT code alone, a display alone, text alone — and something harmless. */
const SAYINGS = [
  { name: 'code', sensitive: true, concept: { coding: [{ system: SNOMED, code: '8098009' }] } },
  { name: 'display', sensitive: true, concept: { coding: [{ system: SNOMED, code: '1000002', display: 'Genitourinary medicine' }] } },
  { name: 'text', sensitive: true, concept: { text: 'Chlamydia trachomatis detected' } },
  { name: 'harmless', sensitive: false, concept: { coding: [{ system: SNOMED, code: '195967001', display: 'Asthma' }], text: 'Asthma' } },
] as const;

/** Where an item was, said in a reference's display. */
const PLACES = [
  { name: 'sensitive place', sensitive: true, display: 'Mortimer Market Centre for sexual health' },
  { name: 'harmless place', sensitive: false, display: 'Outpatients, Level 2' },
] as const;

let testHub: TestHub;
let patientId = '';
const tokens: Record<string, string> = {};
const cases: { type: string; element: string; saying: (typeof SAYINGS)[number]; id: string }[] = [];
const places: { type: string; path: string; place: (typeof PLACES)[number]; id: string }[] = [];

/**
 * The Reference elements of a contract schema: top-level (`serviceProvider`) and within a list of parts
 * (`participant.actor`), each with whether it is a list. The resident's own reference (subject, patient) is not one.
 */
function referenceElements(
  schemas: Record<string, Schema>,
  schema: Schema | undefined,
): { path: string; list: boolean; within?: string }[] {
  const deref = (value: Schema | undefined): Schema | undefined => (value?.$ref ? schemas[value.$ref.split('/').pop() ?? ''] : value);
  const isReference = (value: Schema | undefined): boolean =>
    value?.$ref === '#/components/schemas/Reference' || (value?.allOf ?? []).some(isReference);
  const propertiesOf = (value: Schema | undefined): Record<string, Schema> => {
    const own = deref(value);
    return Object.assign({}, own?.properties ?? {}, ...[...(own?.allOf ?? []), ...(own?.oneOf ?? [])].map(propertiesOf));
  };
  const found: { path: string; list: boolean; within?: string }[] = [];
  for (const [name, property] of Object.entries(propertiesOf(schema))) {
    if (name === 'subject' || name === 'patient') continue;
    if (isReference(property)) found.push({ path: name, list: false });
    else if (property.type === 'array' && isReference(property.items)) found.push({ path: name, list: true });
    else if (property.type === 'array' && property.items)
      for (const [inner, part] of Object.entries(propertiesOf(property.items)))
        if (isReference(part) || (part.type === 'array' && isReference(part.items)))
          found.push({ path: `${name}.${inner}`, list: part.type === 'array', within: name });
  }
  return found;
}

/** The CodeableConcept elements of a contract schema (through `$ref`, `allOf`, `oneOf` and `anyOf`), and whether each is a list. */
function conceptElements(schemas: Record<string, Schema>, schema: Schema | undefined, seen = new Set<Schema>()): Map<string, boolean> {
  const found = new Map<string, boolean>();
  if (!schema || seen.has(schema)) return found;
  seen.add(schema);
  const deref = (value: Schema | undefined): Schema | undefined => (value?.$ref ? schemas[value.$ref.split('/').pop() ?? ''] : value);
  const isConcept = (value: Schema | undefined): boolean => {
    if (!value) return false;
    if (value.$ref) return /CodeableConcept/.test(value.$ref) || isConcept(deref(value));
    return (value.allOf ?? []).some(isConcept);
  };
  for (const [name, property] of Object.entries(deref(schema)?.properties ?? {})) {
    if (isConcept(property)) found.set(name, false);
    else if (property.type === 'array' && isConcept(property.items)) found.set(name, true);
  }
  const own = deref(schema);
  for (const part of [...(own?.allOf ?? []), ...(own?.oneOf ?? []), ...(own?.anyOf ?? [])])
    for (const [name, list] of conceptElements(schemas, part, seen)) found.set(name, list);
  return found;
}

/** Points an example at the resident, as the type does (the contract's examples name someone else). */
function aboutResident(resource: Json): Json {
  const reference = { reference: `Patient/${patientId}` };
  const type = resource['resourceType'];
  if (type === 'Appointment') return { ...resource, participant: [{ actor: reference, status: 'accepted' }] };
  if (['AllergyIntolerance', 'EpisodeOfCare', 'RelatedPerson', 'Immunization'].includes(String(type)))
    return { ...resource, patient: reference };
  return { ...resource, subject: reference };
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      patientId = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      const schemas = (hub.schemas.document.components.schemas ?? {}) as Record<string, Schema>;
      await hub.store.transaction(async (store) => {
        for (const type of RECORD_TYPES) {
          const elements = conceptElements(schemas, schemas[type]);
          assert.ok(elements.size > 0, `the contract's ${type} has concepts`);
          for (const [element, list] of elements)
            for (const saying of SAYINGS) {
              const id = `se-${type.toLowerCase()}-${element.toLowerCase()}-${saying.name}`;
              // Only this element says it: the example's own words are made harmless.
              const example = Object.fromEntries(Object.entries(exampleOf(type)).filter(([name]) => !elements.has(name)));
              if (type === 'Appointment') example['serviceType'] = [{ text: 'Outpatient appointment' }];
              await store.put({
                ...aboutResident(example),
                id,
                [element]: list ? [saying.concept] : saying.concept,
                meta: { source: HOSPITAL },
              });
              cases.push({ type, element, saying, id });
            }
          for (const { path, list, within } of referenceElements(schemas, schemas[type]))
            for (const place of PLACES) {
              const id = `sp-${type.toLowerCase()}-${path.replaceAll('.', '-').toLowerCase()}-${place.sensitive ? 'sensitive' : 'harmless'}`;
              const reference = { reference: 'Organization/sp-clinic', display: place.display };
              const item = aboutResident(Object.fromEntries(Object.entries(exampleOf(type)).filter(([name]) => !elements.has(name))));
              if (type === 'Appointment') item['serviceType'] = [{ text: 'Outpatient appointment' }];
              const inner = path.split('.')[1] ?? '';
              // A part is added beside those the item has (the resident's own participant stays first).
              const placed = within
                ? { ...item, [within]: [...((item[within] as unknown[] | undefined) ?? []), { [inner]: list ? [reference] : reference }] }
                : { ...item, [path]: list ? [reference] : reference };
              await store.put({ ...placed, id, meta: { source: HOSPITAL } });
              places.push({ type, path, place, id });
            }
        }
      });
    },
  });
  tokens['gp'] = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
  tokens['receptionist'] = await testHub.signIn('receptionist', { scope: 'openid fhirUser user/*.rs' });
  tokens['resident'] = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

describe('the reported case', () => {
  test('the receptionist does not see a genito-urinary medicine appointment told by its specialty', async () => {
    const id = 'se-appointment-specialty-display';
    assert.ok(cases.some((item) => item.id === id));
    const search = await testHub.call(tokens['receptionist'], `/Appointment?patient=${patientId}&_count=500`);
    assert.equal(search.status, 200);
    assert.ok(!JSON.stringify(search.body).includes(id), 'not in their appointments');
    assert.equal((await testHub.call(tokens['receptionist'], `/Appointment/${id}`)).status, 404);
    assert.equal((await testHub.call(tokens['resident'], `/Appointment/${id}`)).status, 200, 'the resident still sees it');
  });
});

describe('the class: every CodeableConcept element of every record type in the contract', () => {
  test('a sensitive concept is withheld from another organisation, kept for the resident; a harmless one is shared', async (context) => {
    assert.ok(cases.length >= 4 * 40, `only ${cases.length} cases`);
    const wrong: string[] = [];
    for (const { type, element, saying, id } of cases) {
      const byGp = await testHub.call(tokens['gp'], `/${type}/${id}`);
      if (byGp.status !== (saying.sensitive ? 404 : 200)) wrong.push(`${type}.${element} (${saying.name}): the GP got ${byGp.status}`);
      const byResident = await testHub.call(tokens['resident'], `/${type}/${id}`);
      if (byResident.status !== 200) wrong.push(`${type}.${element} (${saying.name}): the resident got ${byResident.status}`);
    }
    context.diagnostic(`${cases.length} element × saying cases`);
    assert.deepEqual(wrong, []);
  });
});

describe('the reported case: where it was', () => {
  test('the receptionist does not see an appointment at a sexual health centre told by where it is', async () => {
    const id = 'sp-appointment-participant-actor-sensitive';
    assert.ok(places.some((item) => item.id === id));
    const search = await testHub.call(tokens['receptionist'], `/Appointment?patient=${patientId}&_count=500`);
    assert.equal(search.status, 200);
    assert.ok(!JSON.stringify(search.body).includes(id), 'not in their appointments');
    assert.ok(JSON.stringify(search.body).includes('sp-appointment-participant-actor-harmless'), 'an outpatients one is');
    assert.equal((await testHub.call(tokens['resident'], `/Appointment/${id}`)).status, 200, 'the resident still sees it');
  });
});

describe('the class: every Reference element of every record type in the contract', () => {
  test('a sensitive place or team is withheld from another organisation, kept for the resident; a harmless one is shared', async (context) => {
    assert.ok(places.length >= 2 * 30, `only ${places.length} cases`);
    const wrong: string[] = [];
    for (const { type, path, place, id } of places) {
      const byGp = await testHub.call(tokens['gp'], `/${type}/${id}`);
      if (byGp.status !== (place.sensitive ? 404 : 200)) wrong.push(`${type}.${path} (${place.name}): the GP got ${byGp.status}`);
      const byResident = await testHub.call(tokens['resident'], `/${type}/${id}`);
      if (byResident.status !== 200) wrong.push(`${type}.${path} (${place.name}): the resident got ${byResident.status}`);
    }
    context.diagnostic(`${places.length} reference × place cases`);
    assert.deepEqual(wrong, []);
  });
});
