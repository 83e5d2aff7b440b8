/**
 * A mental health trust's source is mental health (R12, `mentalHealthSources`), and so is that of every organisation
 * part of it at any remove (4cb1de2). But an organisation sends from the system it is on, and that may be a
 * practice's: a trust's unit working in a practice on the practice's own system, or a practice's mental health team
 * (named so) on it. Its source was then mental health, and every item of the practice — whatever it was — was
 * withheld as mental health from whoever mental health is kept from. The sexual health source rule leaves out a
 * source an organisation that is not such a service sends from too (00d04dd); the mental health rule now does the
 * same: a shared source names no mental health service, and the items of such a unit are told by their service
 * elements, as before.
 *
 * The class, as 00d04dd's for sexual health: every caller × every type a mental health service records × each way
 * an item is mental health (or not) by its source — read by id, in a batch, by a search and in `$summary` — is
 * answered exactly as the same item labelled `PSY`, and a practice's items sent from a system it shares with such a
 * unit exactly as another organisation's unlabelled ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { CARER_SCOPE, ODS, organization, RESIDENT_SCOPE, SERVICE_RECORD_TYPES, sourceFor } from './support/source-directory.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident (her carer signs in as `carer`): she keeps mental health with its service. */
const PATIENT = 'pat-000003';

/** What a mental health service records. */
const TYPES = SERVICE_RECORD_TYPES;

/**
 * The directory: a trust, a unit of it and a unit of that unit (named for nothing), each with its own system; a
 * practice whose mental health team is a unit on the practice's own system, and one with a system of its own; and
 * another practice on whose system a unit of the trust works.
 */
const DIRECTORY: Json[] = [
  organization('org-mss-trust', 'RMS11', 'Acorn Mental Health NHS Trust', sourceFor('RMS11')),
  organization('org-mss-unit', 'RMS12', 'Acorn RMS12', sourceFor('RMS12'), { reference: 'Organization/org-mss-trust' }),
  organization('org-mss-subunit', 'RMS13', 'Acorn RMS13', sourceFor('RMS13'), { identifier: { system: ODS, value: 'rms12' } }),
  organization('org-mss-practice', 'Y8001', 'Hornsey Lane Medical Practice', sourceFor('Y8001')),
  organization('org-mss-practice-team', 'Y8002', 'Hornsey Lane Mental Health Team', sourceFor('Y8001'), {
    reference: 'Organization/org-mss-practice',
  }),
  organization('org-mss-practice-unit', 'Y8003', 'Hornsey Lane Mental Health Unit', sourceFor('Y8003'), {
    reference: 'Organization/org-mss-practice',
  }),
  organization('org-mss-host', 'Y8005', 'Park Road Surgery', sourceFor('Y8005')),
  organization('org-mss-hosted', 'RMS14', 'Acorn RMS14', sourceFor('Y8005'), { reference: 'Organization/org-mss-trust' }),
];

/** Each way an item is mental health (or not) by its source alone, and the item it must be answered as. */
const VARIANTS: Record<string, { unlabelled: string; labelled: string }> = {
  'from the mental health trust': { unlabelled: 'trust', labelled: 'trust-psy' },
  'from a unit part of the trust': { unlabelled: 'unit', labelled: 'unit-psy' },
  'from a unit part of a unit of the trust': { unlabelled: 'subunit', labelled: 'subunit-psy' },
  'from a practice’s mental health unit with its own system': { unlabelled: 'practice-unit', labelled: 'practice-unit-psy' },
  // Not mental health: the practice's own system, which its team shares — answered as another organisation's item.
  'from a practice whose mental health team is on its system': { unlabelled: 'practice', labelled: 'other' },
  // Not mental health: a practice on whose system a unit of the trust works.
  'from a practice a unit of the trust works on the system of': { unlabelled: 'host', labelled: 'other' },
};
const SOURCES: Record<string, string> = {
  trust: sourceFor('RMS11'),
  unit: sourceFor('RMS12'),
  subunit: sourceFor('RMS13'),
  'practice-unit': sourceFor('Y8003'),
  practice: sourceFor('Y8001'),
  host: sourceFor('Y8005'),
  other: OTHER_SOURCE,
};
const HOWS = Object.values(VARIANTS).flatMap(({ unlabelled, labelled }) => [unlabelled, labelled]);

let testHub: TestHub;
const tokens: Record<string, string> = {};

const idOf = (type: string, how: string) => `mss-${type.toLowerCase()}-${how}`;

function item(type: (typeof TYPES)[number], how: string): Json {
  const labelled = how.endsWith('-psy');
  const base = recordItem(type, idOf(type, how), PATIENT, labelled ? ['PSY'] : []);
  const shaped: Json = { ...base, meta: { ...(base['meta'] as Json), source: SOURCES[how.replace(/-psy$/, '')] } };
  // An appointment still to come, so that `$summary` lists it.
  return type === 'Appointment' ? { ...shaped, status: 'booked', ...stillToCome(45) } : shaped;
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      // Every professional cares for her, so that only mental health keeps anything from them.
      await relateEveryOrganization(hub, [PATIENT]);
      await hub.store.transaction(async (store) => {
        for (const entry of DIRECTORY) await store.put(entry);
        await keepMentalHealthFromOthers(store, PATIENT, 'mss-choice');
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
  test('a practice on whose system a unit of the trust works is not withheld as mental health', async () => {
    for (const how of ['host', 'practice']) {
      const answer = await askAs(testHub, tokens['gp'], `/Observation/${idOf('Observation', how)}`, false, {});
      assert.equal(answer.status, 200, `${how}: ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
    const unit = await askAs(testHub, tokens['gp'], `/Observation/${idOf('Observation', 'unit')}`, false, {});
    assert.equal(unit.status, 404, 'a unit of the trust with a system of its own is mental health');
  });
});

describe('the class: mental health by its source is answered as mental health labelled PSY', () => {
  test('every caller × type × way it is mental health or not × way in', async (context) => {
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
