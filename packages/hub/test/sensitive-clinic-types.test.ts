/**
 * A single-purpose clinic is withheld whole whatever else its types say, unless one of them is an ordinary service of
 * its own. 3f584f3 read any second type that said more than a kind of body as "another service", so a clinic typed
 * "Sexual health service" and "Contraception service" was taken for a multi-service trust: a GP of another
 * organisation read its items, and found them in a search. So did "Genitourinary medicine" with "HIV care", the GUM
 * code with "Outpatient clinic", and "Termination of pregnancy service" with "Pregnancy advisory service".
 *
 * The rule now (`typedAsService`): an organisation typed as such a service is withheld whole unless it positively
 * lists an ordinary service of its own (an emergency department, an acute hospital, general practice; since R6, no
 * specialty a clinic may list as part of itself). Words adjacent to the service (contraception, HIV, pregnancy
 * advisory, psychology), words that name only a setting (an outpatient clinic, a clinic, a service, a provider) and
 * words the hub does not know never make it ordinary: when unsure, it withholds.
 *
 * The class: generated type lists mixing sexual health and mental health types (words and codes), adjacent words,
 * setting words and ordinary services, each an organisation in the directory, with an item from its own system and
 * one naming it by reference — read and searched by a GP, and by a GP the resident keeps mental health from.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { withLabelledSources } from '../src/policy/sharing.js';
import { isSensitiveService } from '../src/policy/sensitive-content.js';
import { isMentalHealthOrganization } from '../src/policy/mental-health.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { recordItem } from './support/policy-fixtures.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const SNOMED = 'http://snomed.info/sct';
const KIND = 'http://terminology.hl7.org/CodeSystem/organization-type';
const sourceOf = (id: string) => `https://care-record.example/source/${id}`;
const text = (words: string): Json => ({ text: words });
const code = (system: string, value: string, display?: string): Json => ({
  coding: [{ system, code: value, ...(display === undefined ? {} : { display }) }],
});

/** Types that say sexual health (R11), as words or as a SNOMED CT code alone. */
const SEXUAL_HEALTH = [
  text('Sexual health service'),
  text('Genitourinary medicine'),
  text('Termination of pregnancy service'),
  text('GUM'),
  code(SNOMED, '394808002'),
  code(SNOMED, '394808002', 'Genito-urinary medicine'),
  // HIV pre-exposure prophylaxis is provided by sexual health clinics in England (R11, since LABEL_RULES_VERSION 24).
  text('PrEP clinic'),
];
/** Types that say mental health (R12). */
const MENTAL_HEALTH = [text('Mental health services'), code(SNOMED, '394587001'), text('Community mental health team')];
/** Words beside such a service, which are not an ordinary service of its own. */
const ADJACENT = [
  text('Contraception service'),
  text('HIV care'),
  text('Pregnancy advisory service'),
  text('Family planning'),
  text('Reproductive health'),
  text('Emergency contraception'),
  text('Young people’s service'),
  text('Psychology'),
  text('Learning disability services'),
  text('Counselling'),
  code(SNOMED, '1234567001'),
  code('https://example.org/local-types', 'X9', 'Women’s health'),
];
/** Words that say only what kind of setting or body it is. */
const SETTING = [
  text('Outpatient clinic'),
  text('Clinic'),
  text('Service'),
  text('Out-patient department'),
  text('NHS Trust'),
  code(KIND, 'prov', 'Healthcare Provider'),
  code(KIND, 'dept'),
  code(SNOMED, '394802001', 'Outpatient clinic'),
];
/**
 * Specialties and settings a dedicated clinic may list as part of itself (R6): not an ordinary service of its own
 * (`sensitive-clinic-specialties.test.ts` holds every sensitive type against many more).
 */
const SPECIALTY = [
  text('General medicine'),
  text('Community health services'),
  code(SNOMED, '394802001', 'General medicine'),
  text('Trauma and orthopaedics'),
  text('Endocrinology'),
  text('Acute services'),
];
/** Ordinary services an organisation runs as its own: a whole hospital, or a service no clinic is part of. */
const ORDINARY = [
  text('Emergency department'),
  text('Acute hospital services'),
  text('Accident & Emergency'),
  code(SNOMED, '225728007', 'Accident and Emergency department'),
  text('General practice'),
  text('Radiology'),
];

const sexualHealth = (type: Json) => SEXUAL_HEALTH.includes(type);
const mentalHealth = (type: Json) => MENTAL_HEALTH.includes(type);
const ordinary = (type: Json) => ORDINARY.includes(type);

/** A type list: at least one sensitive type, then any mix of the others, in any order. */
const typeLists = fc
  .tuple(
    fc.constantFrom(...SEXUAL_HEALTH, ...MENTAL_HEALTH),
    fc.array(fc.constantFrom(...SEXUAL_HEALTH, ...MENTAL_HEALTH, ...ADJACENT, ...SETTING, ...SPECIALTY), { maxLength: 3 }),
    fc.array(fc.constantFrom(...ORDINARY), { maxLength: 1 }),
  )
  .chain(([first, rest, own]) => fc.shuffledSubarray([first, ...rest, ...own], { minLength: rest.length + own.length + 1 }));

/** What the rule says of a type list: withheld whole as sexual health, as mental health, or neither. */
function expected(types: readonly Json[]): { sex: boolean; psy: boolean } {
  const whole = !types.some(ordinary);
  return { sex: whole && types.some(sexualHealth), psy: whole && types.some(mentalHealth) };
}

const organization = (id: string, type: readonly Json[]): Json => ({
  resourceType: 'Organization',
  id,
  meta: { source: sourceOf(id) },
  name: `Centre ${id}`,
  type,
});

async function readers(
  store: Store,
): Promise<Record<string, { visibility: Visibility; withholds: (whole: { sex: boolean; psy: boolean }) => boolean }>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  return {
    'another organisation’s GP': { visibility: await withLabelledSources(gp, store), withholds: ({ sex }) => sex },
    'a GP the resident keeps mental health from': {
      visibility: await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
      withholds: ({ sex, psy }) => sex || psy,
    },
  };
}

/** Which of the resident's items a reader finds by searching each type. */
async function found(store: Store, visibility: Visibility, types: readonly string[]): Promise<Set<string>> {
  const shown = new Set<string>();
  for (const type of types) {
    const page = await store.search({
      type,
      patientId: 'pat-1',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 1000,
      visibility,
    });
    for (const item of page.resources) shown.add(String(item['id']));
  }
  return shown;
}

const REPORTED: Record<string, Json[]> = {
  'sexual health and contraception': [text('Sexual health service'), text('Contraception service')],
  'GUM and HIV care': [text('Genitourinary medicine'), text('HIV care')],
  'the GUM code and an outpatient clinic': [code(SNOMED, '394808002'), text('Outpatient clinic')],
  'termination and pregnancy advisory': [text('Termination of pregnancy service'), text('Pregnancy advisory service')],
};

test('the reported cases: a dedicated clinic’s results are withheld from a GP, read and searched', async () => {
  const store = await openTestStore();
  const items = new Map<string, string>();
  for (const [index, [name, types]] of Object.entries(REPORTED).entries()) {
    await store.put(organization(`clinic-${index}`, types));
    const item = { ...recordItem('Observation', `reported-${index}`, 'pat-1'), meta: { source: sourceOf(`clinic-${index}`) } };
    await store.put(item);
    items.set(`reported-${index}`, name);
  }
  const gp = await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'F83999' }), store);
  const shown = await found(store, gp, ['Observation']);
  const leaks: string[] = [];
  for (const [id, name] of items) {
    const stored = await store.read('Observation', id);
    if (stored === undefined) throw new Error(`${id} was not stored`);
    if (!isWithheld(stored.resource, gp)) leaks.push(`${name}: read`);
    if (shown.has(id)) leaks.push(`${name}: searched`);
  }
  await store.close();
  assert.deepEqual(leaks, [], `${leaks.length} of ${items.size * 2} shown`);
});

test('any type list: withheld whole unless it lists an ordinary service of its own (the directory rule)', () => {
  fc.assert(
    fc.property(typeLists, (types) => {
      const { sex, psy } = expected(types);
      assert.equal(isSensitiveService(organization('x', types)), sex, 'sexual health');
      assert.equal(isMentalHealthOrganization(organization('x', types)), psy, 'mental health');
    }),
    { seed: 20261207, numRuns: 400 },
  );
});

test('any type list × by source and by reference × two readers: read and searched as the rule says', async () => {
  const lists = fc.sample(typeLists, { seed: 20261208, numRuns: 60 });
  const store = await openTestStore();
  const cases = new Map<string, { types: readonly Json[]; how: string }>();
  for (const [index, types] of lists.entries()) {
    await store.put(organization(`org-${index}`, types));
    await store.put({ ...recordItem('Observation', `source-${index}`, 'pat-1'), meta: { source: sourceOf(`org-${index}`) } });
    await store.put({ ...recordItem('Encounter', `named-${index}`, 'pat-1'), serviceProvider: { reference: `Organization/org-${index}` } });
    cases.set(`source-${index}`, { types, how: 'from its system' });
    cases.set(`named-${index}`, { types, how: 'naming it' });
  }
  const wrong: string[] = [];
  const answers = new Set<boolean>();
  for (const [reader, { visibility, withholds }] of Object.entries(await readers(store))) {
    const shown = await found(store, visibility, ['Observation', 'Encounter']);
    for (const [id, { types, how }] of cases) {
      const want = withholds(expected(types));
      answers.add(want);
      const stored = await store.read(id.startsWith('source') ? 'Observation' : 'Encounter', id);
      if (stored === undefined) throw new Error(`${id} was not stored`);
      const read = isWithheld(stored.resource, visibility);
      const searched = !shown.has(id);
      if (read !== want || searched !== want)
        wrong.push(
          `${JSON.stringify(types)} ${how} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}, expected ${want ? 'withheld' : 'shown'}`,
        );
    }
  }
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${cases.size * 2} answered otherwise`);
});
