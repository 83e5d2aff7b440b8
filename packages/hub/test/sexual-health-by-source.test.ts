/**
 * Sexual health is sexual health whether or not its source labelled it. The
 * hub told an unlabelled item from a mental health trust's system by its
 * source (R12), but not one recorded by a sexual health clinic's own system:
 * a "Consultation" or a "Blood test" from the clinic, sent without `SEX` and
 * with nothing sensitive in its code or title, reached every other
 * organisation's clinicians, the desk and the resident's carer — though
 * information that identifies someone as examined or treated at a sexual
 * health service stays with that service. Now an item counts as labelled
 * `SEX` when its source is an organisation the directory says is such a
 * service (its name, an alias or its type, `isSensitiveService`) or an organisation part
 * of one at any remove (a unit with its own system).
 *
 * Not the whole of a practice that runs a sexual health clinic: its clinic as
 * a service of the practice, or as a unit sending from the practice's own
 * system, says nothing about the practice's other items (a source shared
 * with an organisation that is not such a service names no clinic) — only a
 * unit of the practice with a system of its own is the clinic's source.
 *
 * The class: every caller × every type a clinic records × each way an item is
 * sexual health by its source — read by id, read in a batch, found by a
 * search and in `$summary` — is answered exactly as the same item labelled
 * `SEX`; and the practice's items exactly as another organisation's
 * unlabelled ones. (SQL and function are compared for generated sources in
 * `visibility.test.ts`; the search here is the SQL's answer, the read the
 * function's.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, signInCallers } from './support/callers.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { CARER_SCOPE, ODS, organization, RESIDENT_SCOPE, SERVICE_RECORD_TYPES, sourceFor } from './support/source-directory.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident (her carer signs in as `carer`). Sexual health is kept from others whatever she chose. */
const PATIENT = 'pat-000003';

/** What a sexual health clinic records. */
const TYPES = SERVICE_RECORD_TYPES;

/**
 * The directory: a clinic, a unit of it and a unit of that unit (named for nothing), each with its own system; a
 * practice that runs a sexual health clinic as a service of its own, as a unit on the practice's system, and as a
 * unit with a system of its own.
 */
const DIRECTORY: Json[] = [
  organization('org-shs-clinic', 'RSH11', 'Archway Sexual Health Clinic', sourceFor('RSH11')),
  organization('org-shs-unit', 'RSH12', 'Archway RSH12', sourceFor('RSH12'), { reference: 'Organization/org-shs-clinic' }),
  organization('org-shs-subunit', 'RSH13', 'Archway RSH13', sourceFor('RSH13'), { identifier: { system: ODS, value: 'rsh12' } }),
  organization('org-shs-practice', 'Y9001', 'Hornsey Rise Medical Practice', sourceFor('Y9001')),
  organization('org-shs-practice-clinic', 'Y9002', 'Hornsey Rise Sexual Health Clinic', sourceFor('Y9001'), {
    reference: 'Organization/org-shs-practice',
  }),
  organization('org-shs-practice-gum', 'Y9003', 'Hornsey Rise Genito-urinary Medicine', sourceFor('Y9003'), {
    reference: 'Organization/org-shs-practice',
  }),
  // A clinic the directory knows by its type alone, one by the abbreviation GUM, and a dental practice whose name has
  // "Gum" in it, which is not one.
  {
    ...organization('org-shs-typed', 'RSH14', 'Mortimer Market Centre', sourceFor('RSH14')),
    type: [
      { text: 'Sexual health service', coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov' }] },
    ],
  },
  organization('org-shs-gum', 'RSH15', 'Whittington GUM Clinic', sourceFor('RSH15')),
  organization('org-shs-dental', 'V9004', 'Gum Health Dental Practice', sourceFor('V9004')),
  {
    resourceType: 'HealthcareService',
    id: 'hcs-shs-practice-clinic',
    meta: { source: sourceFor('Y9001') },
    active: true,
    name: 'Sexual health clinic',
    providedBy: { reference: 'Organization/org-shs-practice' },
  },
];

/** Each way an item is sexual health by its source alone, and the labelled item it must be answered as. */
const VARIANTS: Record<string, { unlabelled: string; labelled: string }> = {
  'from the sexual health clinic': { unlabelled: 'clinic', labelled: 'clinic-sex' },
  'from a unit part of the clinic': { unlabelled: 'unit', labelled: 'unit-sex' },
  'from a unit part of a unit of the clinic': { unlabelled: 'subunit', labelled: 'subunit-sex' },
  'from a practice’s sexual health unit with its own system': { unlabelled: 'practice-gum', labelled: 'practice-gum-sex' },
  'from a clinic the directory types as sexual health': { unlabelled: 'typed', labelled: 'typed-sex' },
  'from a clinic named by the abbreviation GUM': { unlabelled: 'gum', labelled: 'gum-sex' },
  // Not sexual health: a dental practice's gum health, answered as another organisation's item.
  'from a dental practice named for gum health': { unlabelled: 'dental', labelled: 'other' },
  // Not sexual health: the practice's own system, which its clinic shares — answered as another organisation's item.
  'from a practice that runs a sexual health clinic': { unlabelled: 'practice', labelled: 'other' },
};
const SOURCES: Record<string, string> = {
  clinic: sourceFor('RSH11'),
  unit: sourceFor('RSH12'),
  subunit: sourceFor('RSH13'),
  'practice-gum': sourceFor('Y9003'),
  practice: sourceFor('Y9001'),
  typed: sourceFor('RSH14'),
  gum: sourceFor('RSH15'),
  dental: sourceFor('V9004'),
  other: OTHER_SOURCE,
};
const HOWS = Object.values(VARIANTS).flatMap(({ unlabelled, labelled }) => [unlabelled, labelled]);

let testHub: TestHub;
const tokens: Record<string, string> = {};

const idOf = (type: string, how: string) => `shs-${type.toLowerCase()}-${how}`;

function item(type: (typeof TYPES)[number], how: string): Json {
  const labelled = how.endsWith('-sex');
  const base = recordItem(type, idOf(type, how), PATIENT, labelled ? ['SEX'] : []);
  const shaped: Json = { ...base, meta: { ...(base['meta'] as Json), source: SOURCES[how.replace(/-sex$/, '')] } };
  // An appointment still to come, so that `$summary` lists it.
  return type === 'Appointment' ? { ...shaped, status: 'booked', ...stillToCome(45) } : shaped;
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      // Every professional cares for her, so that only sexual health keeps anything from them.
      await relateEveryOrganization(hub, [PATIENT]);
      await hub.store.transaction(async (store) => {
        for (const entry of DIRECTORY) await store.put(entry);
        for (const type of TYPES) for (const how of HOWS) await store.put(item(type, how));
      });
    },
  });
  Object.assign(tokens, await signInCallers(testHub, PATIENT));
  delete tokens['resident'];
  tokens['cared-for resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  tokens['carer'] = await testHub.signIn('carer', { scope: CARER_SCOPE });
});
after(() => testHub.close());

const ids = (body: Json): string[] =>
  ((body['entry'] as { resource?: Json }[] | undefined) ?? []).map(
    (entry) => `${String(entry.resource?.['resourceType'])}/${String(entry.resource?.['id'])}`,
  );

const listed = (answer: { status: number; body: Json }, reference: string) =>
  answer.status === 200 ? String(ids(answer.body).includes(reference)) : String(answer.status);

describe('the reported case', () => {
  test('an unlabelled, neutral item from a sexual health clinic’s system is kept from other organisations', async () => {
    // The desk reads appointments only: a clinic's "Consultation" booked for next week.
    for (const [caller, type] of [
      ['gp', 'Observation'],
      ['carer', 'Observation'],
      ['receptionist', 'Appointment'],
    ] as const) {
      const answer = await askAs(testHub, tokens[caller], `/${type}/${idOf(type, 'clinic')}`, false, {});
      assert.equal(answer.status, 404, `${caller}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
    const own = await askAs(testHub, tokens['cared-for resident'], `/Observation/${idOf('Observation', 'clinic')}`, false, {});
    assert.equal(own.status, 200, 'the resident sees her own');
  });

  test('a practice that runs a sexual health clinic is not withheld for it', async () => {
    const answer = await askAs(testHub, tokens['gp'], `/Observation/${idOf('Observation', 'practice')}`, false, {});
    assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 200));
    const unit = await askAs(testHub, tokens['gp'], `/Observation/${idOf('Observation', 'practice-gum')}`, false, {});
    assert.equal(unit.status, 404, 'the practice’s clinic with a system of its own is');
  });
});

describe('the class: sexual health by its source is answered as sexual health labelled SEX', () => {
  test('every caller × type × way it is sexual health × way in', async (context) => {
    const wrong: string[] = [];
    const seen = new Set<string>();
    let compared = 0;
    for (const [caller, token] of Object.entries(tokens)) {
      const lists = new Map<string, { status: number; body: Json }>();
      for (const type of TYPES) lists.set(type, await askAs(testHub, token, `/${type}?patient=${PATIENT}&_count=200`, false, {}));
      const summary = await askAs(testHub, token, `/Patient/${PATIENT}/$summary`, false, {});
      const answerOf = async (type: string, how: string) => {
        const reference = `${type}/${idOf(type, how)}`;
        const read = await askAs(testHub, token, `/${reference}`, false, {});
        const batch = await askAs(testHub, token, `/${reference}`, true, {});
        return `read ${read.status}, batch ${batch.status}, search ${listed(lists.get(type)!, reference)}, summary ${listed(summary, reference)}`;
      };
      for (const type of TYPES)
        for (const [name, variant] of Object.entries(VARIANTS)) {
          const unlabelled = await answerOf(type, variant.unlabelled);
          const labelled = await answerOf(type, variant.labelled);
          seen.add(labelled);
          compared += 1;
          if (unlabelled !== labelled)
            wrong.push(`${caller} ${type} ${name}: unlabelled → ${unlabelled}; as ${variant.labelled} → ${labelled}`);
        }
    }
    context.diagnostic(`${compared} items compared, ${seen.size} different answers met`);
    // Shown to some and kept from others, found by a search and in a summary: the comparison is not of refusals only.
    assert.ok([...seen].some((answer) => answer.startsWith('read 200')) && [...seen].some((answer) => answer.startsWith('read 404')));
    assert.ok([...seen].some((answer) => answer.includes('search true')) && [...seen].some((answer) => answer.endsWith('summary true')));
    assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} answered otherwise`);
  });
});
