/**
 * A dedicated clinic is withheld whole, whatever specialty it lists beside itself. 8e6a4d7 withheld a clinic unless one
 * of its types named an ordinary service of its own, but its list of ordinary services held specialties that are part
 * of the sensitive services themselves: a gender identity clinic typed "Endocrinology" too, a termination service
 * typed "Surgery", a genito-urinary medicine clinic typed "Medicine", an eating disorder unit typed "Paediatrics", a
 * psychiatric intensive care unit typed "Intensive care", CAMHS typed "Child health", neuropsychiatry typed
 * "Neurology", a mental health service typed "Rehabilitation" — another organisation's GP read their results.
 * Reviewer R6 found it. Nor was an abortion clinic known as a termination service, and a soft hyphen inside a word
 * ("Sex\u00adual health") hid it.
 *
 * Now only a whole hospital or a service no clinic is part of is ordinary (an emergency department, general practice,
 * radiology, pathology ...). The class: every sensitive type (sexual health, genito-urinary medicine, termination,
 * gender identity, the kinds of mental health) × every one of a list of clinical specialties and settings, each
 * written as a source may write it (generated), is withheld whole — read and searched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';
import { withLabelledSources } from '../src/policy/sharing.js';
import { isSensitiveContent, isSensitiveService } from '../src/policy/sensitive-content.js';
import { isMentalHealthOrganization, UK_CORE_PRACTICE_SETTING } from '../src/policy/mental-health.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const SNOMED = 'http://snomed.info/sct';
const sourceOf = (id: string) => `https://care-record.example/source/${id}`;
const text = (words: string): Json => ({ text: words });
const code = (system: string, value: string): Json => ({ coding: [{ system, code: value }] });

const organization = (id: string, type: readonly Json[]): Json => ({
  resourceType: 'Organization',
  id,
  meta: { source: sourceOf(id) },
  name: `Centre ${id}`,
  type,
});

/** The reported clinics: a sensitive type and a specialty, and which category keeps them. */
const REPORTED: { name: string; types: Json[]; kind: 'sex' | 'psy' }[] = [
  { name: 'gender identity and endocrinology', types: [text('Gender identity clinic'), text('Endocrinology')], kind: 'sex' },
  { name: 'termination and surgery', types: [text('Termination of pregnancy service'), text('Surgery')], kind: 'sex' },
  { name: 'genito-urinary medicine and medicine', types: [text('Genitourinary medicine'), text('Medicine')], kind: 'sex' },
  { name: 'an abortion clinic', types: [text('Abortion clinic')], kind: 'sex' },
  { name: 'sexual health with a soft hyphen', types: [text('Sex\u00adual health')], kind: 'sex' },
  { name: 'eating disorders and medicine', types: [text('Eating disorders service'), text('Medicine')], kind: 'psy' },
  { name: 'eating disorders and paediatrics', types: [text('Eating disorders service'), text('Paediatrics')], kind: 'psy' },
  {
    name: 'psychiatric intensive care and intensive care',
    types: [text('Psychiatric intensive care unit'), text('Intensive care')],
    kind: 'psy',
  },
  { name: 'CAMHS and child health', types: [text('CAMHS'), text('Child health')], kind: 'psy' },
  { name: 'neuropsychiatry and neurology', types: [text('Neuropsychiatry'), text('Neurology')], kind: 'psy' },
  { name: 'mental health and rehabilitation', types: [text('Mental health services'), text('Rehabilitation')], kind: 'psy' },
];

describe('the reported cases, over HTTP', () => {
  const SEX_PATIENT = 'pat-000001';
  const PSY_PATIENT = 'pat-000002';
  let testHub: TestHub;
  let gp: string;
  const patientOf = (kind: 'sex' | 'psy') => (kind === 'sex' ? SEX_PATIENT : PSY_PATIENT);

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [SEX_PATIENT, PSY_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PSY_PATIENT, 'keep-psy');
          for (const [index, { types, kind }] of REPORTED.entries()) {
            await store.put(organization(`reported-${index}`, types));
            await store.put({
              ...recordItem('Observation', `reported-${index}`, patientOf(kind)),
              meta: { source: sourceOf(`reported-${index}`) },
            });
          }
          // Another organisation's ordinary result for each: the GP reads these, so a refusal is the rule's.
          for (const patient of [SEX_PATIENT, PSY_PATIENT])
            await store.put({ ...recordItem('Observation', `ordinary-${patient}`, patient), meta: { source: OTHER_SOURCE } });
        });
      },
    });
    gp = (await signInCallers(testHub, SEX_PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP neither reads nor finds a dedicated clinic’s results', async () => {
    const shown: string[] = [];
    const searches = new Map<string, string[]>();
    for (const patient of [SEX_PATIENT, PSY_PATIENT]) {
      const page = await askAs(testHub, gp, `/Observation?patient=${patient}&_count=200`, false, {});
      assert.equal(page.status, 200);
      searches.set(
        patient,
        ((page.body['entry'] as { resource: Json }[] | undefined) ?? []).map(({ resource }) => String(resource['id'])),
      );
      const ordinary = await askAs(testHub, gp, `/Observation/ordinary-${patient}`, false, {});
      assert.equal(ordinary.status, 200, 'another organisation’s ordinary result is read');
      assert.ok(searches.get(patient)?.includes(`ordinary-${patient}`), 'and found');
    }
    for (const [index, { name, kind }] of REPORTED.entries()) {
      const read = await askAs(testHub, gp, `/Observation/reported-${index}`, false, {});
      if (read.status === 200) shown.push(`${name}: read`);
      if (searches.get(patientOf(kind))?.includes(`reported-${index}`)) shown.push(`${name}: searched`);
    }
    assert.deepEqual(shown, [], `${shown.length} of ${REPORTED.length * 2} shown`);
  });
});

test('an abortion is a termination by any name, a miscarriage is not; a format character hides no word', () => {
  const condition = (display: string): Json => ({ resourceType: 'Condition', code: { coding: [{ display }] } });
  const told = (display: string) => `${display}: ${isSensitiveContent(condition(display)) ? 'sensitive' : 'not'}`;
  assert.deepEqual(
    ['Abortion', 'Medical abortion', 'Surgical abortion', 'Abortion care', 'Chla\u00admydia', 'Gen\u200bder identity service'].map(told),
    ['Abortion', 'Medical abortion', 'Surgical abortion', 'Abortion care', 'Chla\u00admydia', 'Gen\u200bder identity service'].map(
      (display) => `${display}: sensitive`,
    ),
  );
  assert.deepEqual(
    ['Spontaneous abortion', 'Missed abortion', 'Threatened abortion', 'Tubal abortion', 'Recurrent abortion'].map(told),
    ['Spontaneous abortion', 'Missed abortion', 'Threatened abortion', 'Tubal abortion', 'Recurrent abortion'].map(
      (display) => `${display}: not`,
    ),
  );
});

/** Every sensitive type: sexual health, genito-urinary medicine, termination, gender identity; the mental health kinds. */
const SEXUAL_HEALTH: Json[] = [
  text('Sexual health service'),
  text('Sex\u00adual health'),
  text('Genitourinary medicine'),
  text('GUM'),
  code(SNOMED, '394808002'),
  code(UK_CORE_PRACTICE_SETTING, '360'),
  text('Termination of pregnancy service'),
  text('Abortion clinic'),
  text('Gender identity clinic'),
  text('Gender identity service'),
];
const MENTAL_HEALTH: Json[] = [
  text('Mental health services'),
  text('Eating disorders service'),
  text('Psychiatric intensive care unit'),
  text('CAMHS'),
  text('Neuropsychiatry'),
  text('Perinatal mental health'),
  text('Men\u00adtal health services'),
  code(SNOMED, '394587001'),
  code(UK_CORE_PRACTICE_SETTING, '723'),
];

/** Clinical specialties and settings, any of which a dedicated clinic may list beside itself. */
const SPECIALTIES = [
  'medicine',
  'general medicine',
  'internal medicine',
  'acute medicine',
  'surgery',
  'general surgery',
  'plastic surgery',
  'anaesthetics',
  'endocrinology',
  'diabetes',
  'paediatrics',
  'pediatrics',
  'child health',
  'neurology',
  'rehabilitation',
  'intensive care',
  'critical care',
  'urology',
  'gynaecology',
  'obstetrics',
  'maternity',
  'dermatology',
  'infectious diseases',
  'HIV medicine',
  'cardiology',
  'gastroenterology',
  'dietetics',
  'psychology',
  'occupational therapy',
  'physiotherapy',
  'pharmacy',
  'geriatric medicine',
  'oncology',
  'haematology',
  'respiratory medicine',
  'renal medicine',
  'rheumatology',
  'ophthalmology',
  'audiology',
  'trauma and orthopaedics',
  'stroke',
  'palliative care',
  'clinical genetics',
  'microbiology',
  'acute',
  'acute care',
  'community',
  'community health',
  'community nursing',
  'primary care',
  'secondary care',
  'urgent care',
  'day case',
  'inpatient ward',
  'outreach',
  'crisis',
  'liaison',
  'residential',
];

/** A specialty written as a source may write it: with a qualifier or a setting word, in any case, any gap, as a text or a coding's display. */
const written = (specialty: string): fc.Arbitrary<Json> =>
  fc
    .record({
      before: fc.constantFrom('', 'Adult ', 'Specialist ', 'Regional ', 'NHS '),
      after: fc.constantFrom('', ' service', ' services', ' clinic', ' department', ' unit', ' team', ' outpatients'),
      gap: fc.constantFrom(' ', '-', '  ', '_', '\u00a0'),
      letters: fc.constantFrom('as written', 'upper', 'lower', 'title'),
      as: fc.constantFrom('text', 'display', 'both'),
    })
    .map(({ before, after, gap, letters, as }) => {
      const words = `${before}${specialty}${after}`;
      const cased =
        letters === 'upper'
          ? words.toUpperCase()
          : letters === 'lower'
            ? words.toLowerCase()
            : letters === 'title'
              ? words.replace(/\b\p{L}/gu, (first) => first.toUpperCase())
              : words;
      const shown = cased.replaceAll(' ', gap);
      const coding = [{ system: SNOMED, code: '394592004', display: shown }];
      return as === 'text' ? { text: shown } : as === 'display' ? { coding } : { text: shown, coding };
    });

/** Each specialty once, as generated (seeded): the same list on every run. */
const WRITTEN: Json[] = SPECIALTIES.map((specialty, index) => fc.sample(written(specialty), { seed: 20261207 + index, numRuns: 1 })[0]!);

/** Every sensitive type with every specialty, in either order. */
const PAIRS: { types: Json[]; kind: 'sex' | 'psy' }[] = [
  ...SEXUAL_HEALTH.map((type) => ({ type, kind: 'sex' as const })),
  ...MENTAL_HEALTH.map((type) => ({ type, kind: 'psy' as const })),
].flatMap(({ type, kind }, row) =>
  WRITTEN.map((specialty, column) => ({ types: (row + column) % 2 === 0 ? [type, specialty] : [specialty, type], kind })),
);

describe('the class: every sensitive type × every specialty is withheld whole', () => {
  test('the directory rule, for any sensitive type and any specialty as written', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEXUAL_HEALTH.map((type) => ({ type, kind: 'sex' })), ...MENTAL_HEALTH.map((type) => ({ type, kind: 'psy' }))),
        fc.constantFrom(...SPECIALTIES).chain(written),
        fc.boolean(),
        ({ type, kind }, specialty, first) => {
          const entry = organization('x', first ? [type, specialty] : [specialty, type]);
          assert.ok(kind === 'sex' ? isSensitiveService(entry) : isMentalHealthOrganization(entry), JSON.stringify(entry['type']));
        },
      ),
      { seed: 20261207, numRuns: 500 },
    );
  });

  test('read and searched: every pair, from its own system, by a GP and by a GP the resident keeps mental health from', async () => {
    const store = await openTestStore();
    await store.transaction(async (inside) => {
      for (const [index, { types }] of PAIRS.entries()) {
        await inside.put(organization(`pair-${index}`, types));
        await inside.put({ ...recordItem('Observation', `pair-${index}`, 'pat-1'), meta: { source: sourceOf(`pair-${index}`) } });
      }
      await inside.put({ ...recordItem('Observation', 'ordinary', 'pat-1'), meta: { source: OTHER_SOURCE } });
    });
    const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
    const readers: Record<string, { visibility: Visibility; withholds: (kind: 'sex' | 'psy') => boolean }> = {
      'another organisation’s GP': { visibility: await withLabelledSources(gp, store), withholds: (kind) => kind === 'sex' },
      'a GP the resident keeps mental health from': {
        visibility: await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
        withholds: () => true,
      },
    };
    const wrong: string[] = [];
    let withheld = 0;
    for (const [reader, { visibility, withholds }] of Object.entries(readers)) {
      const page = await search(store, visibility);
      assert.ok(page.has('ordinary'), `${reader} finds another organisation’s ordinary result`);
      for (const [index, { types, kind }] of PAIRS.entries()) {
        if (!withholds(kind)) continue;
        withheld += 1;
        const stored = await store.read('Observation', `pair-${index}`);
        if (stored === undefined) throw new Error(`pair-${index} was not stored`);
        const read = isWithheld(stored.resource, visibility);
        const searched = !page.has(`pair-${index}`);
        if (!read || !searched)
          wrong.push(
            `${JSON.stringify(types)} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}`,
          );
      }
    }
    await store.close();
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${withheld} shown`);
  });
});

async function search(store: Store, visibility: Visibility): Promise<Set<string>> {
  const page = await store.search({
    type: 'Observation',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 5000,
    visibility,
  });
  return new Set(page.resources.map((item) => String(item['id'])));
}
