/**
 * An item withheld from a caller is, to that caller, as if it were not there
 * (docs/access-policy.md R13): no answer differs by it but the notice that
 * something is not shown. This asks the same questions of a resident's record
 * twice — before an item is placed on it, and with the item placed and
 * withheld — and compares every answer a caller could tell apart: status,
 * hub code and diagnostics, `total`, the links (and so the paging cursor),
 * every entry and its place, each batch entry's status, and what a read by
 * id answers.
 *
 * The matrix: every caller (GP, hospital nurse, social worker, receptionist,
 * carer, a GP's `patient/` launch, the resident) × each way an item is
 * withheld (a label from another organisation — `R`, `SEX`, `PSY`, `NOPAT` —
 * `R` on a resource it contains, a mental health service's item without a
 * label, social care the resident keeps with the council) × record types ×
 * the ways of asking (a search, a page of one, `_summary=count`, by `_id`
 * alone and in a list, since a date, sorted, with each `_include` of the
 * type, a read by id, `$summary`, and all of them as one batch).
 * Whom each withholding applies to is written here from the policy, not read
 * from the hub, so an item the hub wrongly shows fails; a type the caller's
 * role or permission keeps from them is refused alike and left out, and the
 * test checks that enough combinations remain.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { mentalHealthSources, SHARING_CATEGORY_SYSTEM, socialCareSources } from '../src/policy/sharing.js';
import { sourceOf } from '../src/policy/visibility.js';
import { searchDefinitions } from '../src/store/search-parameters.js';
import { signInCallers } from './support/callers.js';
import { ACT_CODE, exampleOf, OTHER_SOURCE, recordItem, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

/** The cared-for resident of the synthetic borough: her family carer signs in as the `carer` persona. */
const RESIDENT = 'pat-000003';
/** Where each placed item goes afterwards: a resident nobody here may see, so that the next question starts clean. */
const ELSEWHERE = 'wva-elsewhere';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const TYPES = ['Observation', 'Condition', 'Appointment', 'RelatedPerson', 'DocumentReference', 'MedicationStatement'] as const;

const PROFESSIONALS = ['gp', 'hospital-nurse', 'social-worker', 'receptionist', 'gp (EHR launch)'];
const RESIDENT_CALLER = 'cared-for resident';

/**
 * Each way an item is withheld, and from whom (R3, R6, R11, R17 — another organisation recorded it): written from the
 * policy, not read from the hub, so that an item the hub wrongly shows is a failure rather than left out.
 */
const WITHHOLDINGS: {
  name: string;
  place: (item: Json) => Json;
  from: readonly string[];
  /** A caller it is not withheld from, for a type they read through a view that leaves that part out. */
  notFor?: (caller: string, type: string) => boolean;
}[] = [
  ...(['R', 'SEX'] as const).map((code) => ({
    name: `labelled ${code}`,
    place: (item: Json) => ({ ...item, meta: { source: OTHER_SOURCE, security: [{ system: ACT_CODE, code }] } }),
    from: [...PROFESSIONALS, 'carer'],
  })),
  {
    name: 'labelled PSY',
    place: (item: Json) => ({ ...item, meta: { source: OTHER_SOURCE, security: [{ system: ACT_CODE, code: 'PSY' }] } }),
    from: ['receptionist'],
  },
  {
    name: 'labelled NOPAT',
    place: (item: Json) => ({ ...item, meta: { source: OTHER_SOURCE, security: [{ system: ACT_CODE, code: 'NOPAT' }] } }),
    from: [RESIDENT_CALLER, 'carer'],
  },
  {
    name: 'from a mental health service, unlabelled',
    place: (item: Json) => ({ ...item, meta: { source: sources.mentalHealth } }),
    from: ['receptionist'],
  },
  {
    // The resident keeps social care with the council (a sharing choice): withheld from every other organisation.
    name: 'from the council’s social care, which she keeps with it',
    place: (item: Json) => ({ ...item, meta: { source: sources.socialCare } }),
    from: PROFESSIONALS.filter((caller) => caller !== 'social-worker'),
  },
  {
    name: 'R on a resource it contains',
    from: [...PROFESSIONALS, 'carer'],
    // The desk's view of an appointment holds no contained resource, so its label withholds nothing from the desk
    // (R3, R11): else the appointment's absence would tell it that something it cannot see is labelled.
    notFor: (caller, type) => caller === 'receptionist' && type === 'Appointment',
    place: (item: Json) => ({
      ...item,
      meta: { source: OTHER_SOURCE },
      contained: [{ resourceType: 'Basic', id: 'note', meta: { security: [{ system: ACT_CODE, code: 'R' }] }, code: { text: 'A note' } }],
    }),
  },
];

let testHub: TestHub;
const tokens: Record<string, string> = {};
/** A mental health service's source, and the social worker's council's (a social care service). */
const sources = { mentalHealth: '', socialCare: '' };

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      // Every professional persona cares for the resident: only the withholding keeps an item from them.
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany([...new Set(organizations)].map((organizationId) => ({ patientId: RESIDENT, organizationId })));
      await hub.store.put({ ...exampleOf('Patient'), id: ELSEWHERE, identifier: [] });
      const council = signInPersonas(hub.borough).find((persona) => persona.id === 'social-worker')?.odsCode ?? '';
      sources.socialCare = sourceOf(council);
      assert.ok((await socialCareSources(hub.store)).includes(sources.socialCare), 'the social worker works for social care');
      sources.mentalHealth = (await mentalHealthSources(hub.store))[0] ?? '';
      assert.ok(sources.mentalHealth !== '', 'the directory has a mental health service');
      await hub.store.put({ ...sharingChoiceKeeping(RESIDENT, 'social-care'), id: 'wva-keeps-social-care' });
    },
  });
  Object.assign(tokens, await signInCallers(testHub, RESIDENT));
  delete tokens['resident'];
  tokens['cared-for resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

/** A sharing choice that keeps a category with the organisation that recorded it, from everyone else. */
function sharingChoiceKeeping(patientId: string, category: string): Json {
  return {
    ...sharingChoiceExcluding(patientId, []),
    provision: { type: 'permit', provision: [{ type: 'deny', securityLabel: [{ system: SHARING_CATEGORY_SYSTEM, code: category }] }] },
    meta: { source: 'https://care-record.example/source/resident' },
  };
}

/** The questions asked about the record, naming the item's id (which, before it is placed, is an id of nothing). */
function questions(type: string, id: string): string[] {
  const search = `/${type}?patient=${RESIDENT}`;
  return [
    search,
    `${search}&_count=1`,
    `${search}&_summary=count`,
    `${search}&_id=${id}`,
    `${search}&_id=${id},wva-nothing`,
    `${search}&_lastUpdated=ge2000-01-01&_count=2`,
    `${search}&_sort=-_lastUpdated&_count=3`,
    ...Object.keys(searchDefinitions[type]?.includes ?? {}).map((include) => `${search}&_include=${include}`),
    `/${type}/${id}`,
    `/Patient/${RESIDENT}/$summary`,
  ];
}

const WITHHELD_NOTICE = 'INFORMATION_WITHHELD';

/** Whatever a caller could tell two answers apart by, less the notice that something is withheld (R13 says so). */
function seen(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(seen);
  if (body === null || typeof body !== 'object') return body;
  const json = body as Json;
  if (json['resourceType'] === 'Bundle') {
    const entries = ((json['entry'] as Json[] | undefined) ?? []).filter(
      (entry) => !JSON.stringify((entry['resource'] as Json | undefined)?.['issue'] ?? []).includes(WITHHELD_NOTICE),
    );
    return {
      type: json['type'],
      total: json['total'],
      link: json['link'],
      entry: entries.map((entry) => ({
        fullUrl: entry['fullUrl'],
        search: entry['search'],
        response: seen(entry['response']),
        resource: seen(entry['resource']),
      })),
    };
  }
  const { meta: _meta, ...rest } = json;
  return rest;
}

async function ask(token: string, path: string): Promise<Answer> {
  return testHub.call(token, path);
}

async function askAll(token: string, paths: string[]): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const path of paths) {
    const answer = await ask(token, path);
    answers.push({ path, status: answer.status, body: seen(answer.body) });
  }
  const batch = await testHub.call(token, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: paths.map((path) => ({ request: { method: 'GET', url: path.slice(1) } })) },
  });
  answers.push({ path: 'batch', status: batch.status, body: seen(batch.body) });
  return answers;
}

describe('a withheld item is as if it were not there', () => {
  test('every caller × withholding × type: every question answers as before the item was placed', async () => {
    let compared = 0;
    let index = 0;
    for (const type of TYPES) {
      for (const withholding of WITHHOLDINGS) {
        for (const [caller, token] of Object.entries(tokens)) {
          if (!withholding.from.includes(caller) || withholding.notFor?.(caller, type)) continue;
          index += 1;
          const id = `wva-${index}`;
          const where = `${type} ${withholding.name}, asked by ${caller}`;
          // The same item unlabelled, on the record in both worlds: whether this caller reads the type at all.
          const control = `wva-${index}-shown`;
          await testHub.hub.store.put(recordItem(type, control, RESIDENT));
          try {
            const shown = await ask(token, `/${type}/${control}`);
            if (shown.status !== 200) {
              // Their role or permission keeps the type from them: refused alike, however the item is labelled.
              assert.equal(shown.status, 403, where);
              continue;
            }
            const paths = questions(type, id);
            const absent = await askAll(token, paths);
            await testHub.hub.store.put(withholding.place(recordItem(type, id, RESIDENT)));
            const withheld = await askAll(token, paths);
            assert.deepEqual(withheld, absent, where);
            compared += 1;
          } finally {
            await testHub.hub.store.put(recordItem(type, id, ELSEWHERE));
            await testHub.hub.store.put(recordItem(type, control, ELSEWHERE));
          }
        }
      }
    }
    // Each withholding applies to someone who reads every one of these types, or to the receptionist (two of them).
    const least = WITHHOLDINGS.reduce((sum, { from }) => sum + (from.some((caller) => caller !== 'receptionist') ? TYPES.length : 2), 0);
    assert.ok(compared >= least, `only ${compared} combinations were compared, not ${least}`);
  });
});
