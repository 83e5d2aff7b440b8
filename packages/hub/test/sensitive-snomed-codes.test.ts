/**
 * A sensitive concept sent as a SNOMED CT code alone (docs/access-policy.md
 * R11). GP and hospital exports often send a coding with no display and no
 * text: a Condition coded only `http://snomed.info/sct|105629000` (chlamydial
 * infection) says what it is as plainly as the words would, and is withheld
 * alike from a clinician of another organisation — by read, search,
 * `_summary=count` and `$summary` — while the resident and the organisation
 * that recorded it still see it.
 *
 * The class: every code of `SENSITIVE_SNOMED`, sent alone in each kind of
 * concept element (a condition's or a procedure's code, an observation's code
 * or value, an appointment's or a prescription's reason), labels the item SEX;
 * on the hub, each listed code alone on a Condition withholds it. A property:
 * a SNOMED CT code not in the list labels nothing, and a listed code among
 * others still labels the item. A store written by the rules before this list
 * grew (`LABEL_RULES_VERSION` 5) labels its items again when it is opened.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { signInPersonas } from '../src/index.js';
import { isSensitiveContent, SENSITIVE_SNOMED } from '../src/policy/sensitive-content.js';
import { defaultVisibility, labelsOf, sourceOf, type Visibility } from '../src/policy/visibility.js';
import type { HubStore } from '../src/store/store.js';
import { exampleOf, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { relabelledOnOpen, testStoreKind } from './support/test-store.js';

type Json = Record<string, unknown>;
type BundleJson = { total?: number; entry?: { resource?: Json; search?: { mode?: string } }[] };

const SNOMED = 'http://snomed.info/sct';

/**
 * This test's oracle, written apart from the hub's list: concepts of the topics DOMAIN withholds (sexually
 * transmitted infections, termination of pregnancy, assisted conception, gender reassignment) that GP and sexual
 * health systems record, each of which the list must hold.
 */
const MUST_BE_LISTED = [
  '105629000', // Chlamydial infection
  '240589008', // Chlamydia trachomatis infection
  '15628003', // Gonorrhoea
  '76272004', // Syphilis
  '33839006', // Genital herpes simplex
  '240542006', // Genital warts
  '56335008', // Trichomoniasis
  '186946009', // Lymphogranuloma venereum
  '57797005', // Induced termination of pregnancy
  '52637005', // In vitro fertilisation
  '63487001', // Assisted fertilisation
  '93461009', // Gender dysphoria
] as const;

/** Every code the class is tried with: the list's own, and the oracle's (which the list must hold). */
const ALL_CODES: readonly string[] = [...new Set([...MUST_BE_LISTED, ...SENSITIVE_SNOMED.keys()])];

/** The reported code: chlamydial infection, sent with no display and no text. */
const REPORTED_CODE = '105629000';
/** A harmless code sent the same way (diabetes mellitus): not in the list. */
const HARMLESS_CODE = '73211009';

/** A code-only concept: a SNOMED CT coding with no display and no text. */
const codeOnly = (code: string, system = SNOMED): Json => ({ coding: [{ system, code }] });

/**
 * Each kind of concept element a source may send a code alone in: the type, the element, and whether FHIR R4 makes
 * it a list.
 */
const ELEMENT_KINDS: readonly { type: string; element: string; list: boolean }[] = [
  { type: 'Condition', element: 'code', list: false },
  { type: 'Observation', element: 'code', list: false },
  { type: 'Observation', element: 'valueCodeableConcept', list: false },
  { type: 'Procedure', element: 'code', list: false },
  { type: 'Appointment', element: 'reasonCode', list: true },
  { type: 'MedicationRequest', element: 'reasonCode', list: true },
];

/** The contract's example of the type, without its narrative and, where a value is to be placed, its value. */
function exampleFor(type: string, element: string): Json {
  const dropped = (key: string) => key === 'text' || (element === 'valueCodeableConcept' && key.startsWith('value'));
  return Object.fromEntries(Object.entries(exampleOf(type)).filter(([key]) => !dropped(key)));
}

/** The contract's example of the type with `concept` (and nothing else) in the element. */
function placed(kind: (typeof ELEMENT_KINDS)[number], concept: Json): Json {
  const item = exampleFor(kind.type, kind.element);
  return { ...item, [kind.element]: kind.list ? [concept] : concept };
}

let testHub: TestHub;
let patientId = '';
let recorder = '';
const tokens: Record<string, string> = {};

/**
 * The reported case on the hub: a Condition coded only as chlamydial infection, and the same code sent alone in an
 * observation's value and an appointment's reason (types whose searches the contract also counts) — each beside a
 * harmless twin coded the same way. Then one Condition per listed code.
 */
const REPORTED = [
  { type: 'Condition', id: 'snomed-reported-condition', twin: 'snomed-harmless-condition', element: 'code', list: false },
  {
    type: 'Observation',
    id: 'snomed-reported-observation',
    twin: 'snomed-harmless-observation',
    element: 'valueCodeableConcept',
    list: false,
  },
  { type: 'Appointment', id: 'snomed-reported-appointment', twin: 'snomed-harmless-appointment', element: 'reasonCode', list: true },
] as const;
const listedIds = new Map<string, string>();

/** An item of the type for the resident, recorded by the hospital, with `code` alone in the element. */
function aboutResident(type: string, id: string, element: string, list: boolean, code: string): Json {
  const reference = { reference: `Patient/${patientId}` };
  const item: Json = { ...exampleFor(type, element), id, meta: { source: recorder } };
  const concept = list ? [codeOnly(code)] : codeOnly(code);
  if (type === 'Appointment')
    return {
      ...item,
      [element]: concept,
      status: 'booked',
      start: '2027-01-20T10:00:00Z',
      end: '2027-01-20T10:20:00Z',
      participant: [{ actor: reference, status: 'accepted' }],
    };
  return { ...item, [element]: concept, subject: reference };
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      patientId = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      recorder = sourceOf(personas.find((persona) => persona.id === 'hospital-nurse')?.odsCode ?? '');
      assert.ok(patientId && recorder);
      for (const persona of personas) if (persona.organizationId) await hub.store.relate(patientId, persona.organizationId);
      await hub.store.transaction(async (store) => {
        for (const { type, id, twin, element, list } of REPORTED) {
          await store.put(aboutResident(type, id, element, list, REPORTED_CODE));
          await store.put(aboutResident(type, twin, element, list, HARMLESS_CODE));
        }
        let index = 0;
        for (const code of ALL_CODES) {
          index += 1;
          const id = `snomed-listed-${index}`;
          listedIds.set(code, id);
          await store.put(aboutResident('Condition', id, 'code', false, code));
        }
      });
    },
  });
  for (const persona of ['gp', 'hospital-nurse']) tokens[persona] = await testHub.signIn(persona, { scope: 'openid fhirUser user/*.rs' });
  tokens['resident'] = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

const matches = (body: Json) =>
  ((body as BundleJson).entry ?? []).filter((entry) => entry.search?.mode === 'match').map((entry) => String(entry.resource?.['id']));
const saysNotShown = (body: Json) =>
  ((body as BundleJson).entry ?? []).some(
    (entry) => entry.search?.mode === 'outcome' && JSON.stringify(entry.resource).includes('INFORMATION_WITHHELD'),
  );

/**
 * What a reader is shown of one item: its read, a search of its type, whether `_summary=count` agrees with the search
 * (where the contract offers a count for the type), `$summary`, and whether the search says something is not shown.
 */
async function observe(persona: string, type: string, id: string) {
  const token = tokens[persona];
  const read = await testHub.call(token, `/${type}/${id}`);
  const search = await testHub.call(token, `/${type}?patient=${patientId}&_count=500`);
  assert.equal(search.status, 200, `${persona} searches ${type}`);
  const count = await testHub.call(token, `/${type}?patient=${patientId}&_summary=count`);
  const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
  assert.equal(summary.status, 200, `${persona}'s $summary`);
  return {
    read: read.status,
    search: matches(search.body).includes(id),
    countAgrees: count.status === 400 || (count.status === 200 && (count.body as BundleJson).total === matches(search.body).length),
    summary: JSON.stringify(summary.body).includes(`"${id}"`),
    toldNotShown: saysNotShown(search.body),
  };
}

describe('the reported case: a Condition coded only as chlamydial infection', () => {
  test('another organisation’s GP does not see it by read, search, count or $summary, and is told something is not shown', async () => {
    const counted: string[] = [];
    for (const { type, id, twin } of REPORTED) {
      assert.deepEqual(
        await observe('gp', type, id),
        { read: 404, search: false, countAgrees: true, summary: false, toldNotShown: true },
        `${type}: the code alone`,
      );
      const shown = await observe('gp', type, twin);
      assert.deepEqual(
        { ...shown, summary: undefined },
        { read: 200, search: true, countAgrees: true, summary: undefined, toldNotShown: true },
        `${type}: the harmless twin`,
      );
      if ((await testHub.call(tokens['gp'] ?? '', `/${type}?patient=${patientId}&_summary=count`)).status === 200) counted.push(type);
    }
    assert.ok(counted.length >= 2, `the count is tried on ${counted.join(', ')}`);
    assert.ok((await observe('gp', 'Condition', REPORTED[0].twin)).summary, 'the twin Condition is in $summary');
  });

  test('the resident and the hospital that recorded it do', async () => {
    for (const persona of ['resident', 'hospital-nurse'])
      for (const { type, id, twin } of REPORTED)
        for (const shown of [id, twin]) {
          const seen = await observe(persona, type, shown);
          const inSummary = type === 'Condition' ? seen.summary : undefined;
          assert.deepEqual(
            { ...seen, summary: inSummary, toldNotShown: undefined },
            { read: 200, search: true, countAgrees: true, summary: type === 'Condition' ? true : undefined, toldNotShown: undefined },
            `${persona}: ${shown}`,
          );
        }
  });
});

describe('the class: every listed code, sent alone, in every kind of concept element', () => {
  test('the list holds the common concepts of each topic', () => {
    assert.deepEqual(
      MUST_BE_LISTED.filter((code) => !SENSITIVE_SNOMED.has(code)),
      [],
    );
    for (const [code, meaning] of SENSITIVE_SNOMED) {
      assert.match(code, /^[1-9]\d{5,17}$/, `${code} is a SNOMED CT concept id`);
      assert.ok(meaning.trim().length > 0, `${code} says what it means`);
    }
  });

  test('by the rule: each code × each element kind is labelled SEX; the same code under another system is not', () => {
    const wrong: string[] = [];
    for (const kind of ELEMENT_KINDS) {
      const where = `${kind.type}.${kind.element}`;
      if (labelsOf(placed(kind, codeOnly(HARMLESS_CODE))).includes('SEX')) wrong.push(`${where}: the harmless code`);
      for (const code of ALL_CODES) {
        const item = placed(kind, codeOnly(code));
        if (!isSensitiveContent(item) || !labelsOf(item).includes('SEX')) wrong.push(`${where}: ${code}`);
        if (labelsOf(placed(kind, codeOnly(code, 'http://hl7.org/fhir/sid/icd-10'))).includes('SEX'))
          wrong.push(`${where}: ${code} under ICD-10`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('by the hub: another organisation’s GP reads none of the listed codes; the resident reads each', async () => {
    assert.equal(listedIds.size, ALL_CODES.length);
    const wrong: string[] = [];
    const search = await testHub.call(tokens['gp'], `/Condition?patient=${patientId}&_count=500`);
    const found = matches(search.body);
    for (const [code, id] of listedIds) {
      if ((await testHub.call(tokens['gp'], `/Condition/${id}`)).status !== 404) wrong.push(`gp reads ${code}`);
      if (found.includes(id)) wrong.push(`gp finds ${code}`);
      if ((await testHub.call(tokens['resident'], `/Condition/${id}`)).status !== 200) wrong.push(`resident cannot read ${code}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('property: a SNOMED CT code not in the list labels nothing; a listed one among others labels the item', () => {
    const unlisted = fc.stringMatching(/^[1-9]\d{5,17}$/).filter((code) => !SENSITIVE_SNOMED.has(code));
    const kind = fc.constantFrom(...ELEMENT_KINDS);
    fc.assert(
      fc.property(kind, fc.array(unlisted, { minLength: 1, maxLength: 4 }), (where, codes) => {
        const concept = { coding: codes.map((code) => ({ system: SNOMED, code })) };
        return !labelsOf(placed(where, concept)).includes('SEX');
      }),
      { numRuns: 300, seed: 20261227 },
    );
    fc.assert(
      fc.property(kind, fc.constantFrom(...ALL_CODES), fc.array(unlisted, { maxLength: 3 }), fc.nat(), (where, code, others, at) => {
        const codings = others.map((other) => ({ system: SNOMED, code: other }));
        codings.splice(at % (codings.length + 1), 0, { system: SNOMED, code });
        return labelsOf(placed(where, { coding: codings })).includes('SEX');
      }),
      { numRuns: 300, seed: 20261228 },
    );
  });
});

test(`a store written before the list grew labels its items again on opening (${testStoreKind})`, async () => {
  const item = (id: string, code: string): Json => ({
    resourceType: 'Condition',
    id,
    meta: { source: OTHER_SOURCE },
    code: codeOnly(code),
    subject: { reference: 'Patient/p-1' },
  });
  const found = async (store: HubStore, visibility: Visibility) =>
    (
      await store.search({ type: 'Condition', criteria: [], sort: { by: 'lastUpdated', descending: true }, count: 50, visibility })
    ).resources.map((resource) => String(resource['id']));
  await relabelledOnOpen(
    5,
    async (store) => {
      await store.put(item('st-sensitive', REPORTED_CODE));
      await store.put(item('st-harmless', HARMLESS_CODE));
    },
    async (store) => {
      assert.deepEqual(await found(store, defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: true })), ['st-harmless']);
    },
  );
});
