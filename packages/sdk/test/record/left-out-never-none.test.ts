/**
 * Review R12: a section is "none" ("Allergies not recorded", "No active
 * problems recorded", "No medicines recorded") only when the hub's answer for
 * it was complete and unrestricted. A section the token's scope or a carer's
 * proxy access left out, an answer saying something went wrong that the SDK
 * does not know, a record whose resident could not be confirmed, and a notice
 * on a later page of a search are never "none".
 *
 * Through a real hub client against the example hub on loopback: first the
 * cases the reviewer saw, then the class — every section × every kind of
 * notice × where it comes (in `$summary`, on a search's first page, on a later
 * page).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { createHubClient, openRecord, type SummarySectionKey } from '../../src/index.js';
import { SECTION_TYPES } from '../../src/record/summary/sections.js';
import type { MedicationsViewModel } from '../../src/record/medications.js';
import { startExampleHub, type ExampleHub, type RecordedRequest, type Reply } from '../../../../scripts/example-hub.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:12Z';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE = 'https://care-record.example/source';
const SUMMARY_DEFINITION = 'https://care-record.example/fhir/OperationDefinition/care-record-summary';

const patient = {
  resourceType: 'Patient',
  id: PATIENT,
  meta: { source: `${SOURCE}/F83999` },
  name: [{ use: 'official', family: 'Yip', given: ['Ming'] }],
  birthDate: '1950-03-02',
  gender: 'female',
  generalPractitioner: [{ reference: 'Organization/org-f83999' }],
};
const practice = {
  resourceType: 'Organization',
  id: 'org-f83999',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'F83999' }],
  name: 'Tufnell Green Surgery',
};
const medicine = {
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  meta: { source: `${SOURCE}/F83999` },
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${PATIENT}` },
  authoredOn: '2026-10-01',
  medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
  dosageInstruction: [{ text: 'One daily' }],
};

type Issue = Record<string, unknown>;
const issue = (severity: string, code: string, hubCode?: string, extra: Issue = {}): ((types: string[]) => Issue) => {
  return (types) => ({
    severity,
    code,
    ...(hubCode ? { details: { coding: [{ system: HUB_ERROR, code: hubCode }] } } : {}),
    expression: types,
    ...extra,
  });
};

/**
 * What a notice makes of a section that holds no items: `none` (the answer was complete and unrestricted, so the
 * section may say there are none), `withheld` (items were left out, and the section says so without saying which),
 * or `not-none` (left out, or not known: never "none").
 */
type Meaning = 'none' | 'withheld' | 'not-none';
interface NoticeKind {
  name: string;
  meaning: Meaning;
  issue?: (types: string[]) => Issue;
}

const KNOWN_KINDS: NoticeKind[] = [
  { name: 'no notice', meaning: 'none' },
  {
    name: 'an informational note',
    meaning: 'none',
    issue: (types) => ({ severity: 'information', code: 'informational', expression: types }),
  },
  { name: 'ROLE_RESTRICTED', meaning: 'not-none', issue: issue('information', 'suppressed', 'ROLE_RESTRICTED') },
  { name: 'SCOPE_RESTRICTED', meaning: 'not-none', issue: issue('information', 'suppressed', 'SCOPE_RESTRICTED') },
  { name: 'PROXY_RESTRICTED', meaning: 'not-none', issue: issue('information', 'suppressed', 'PROXY_RESTRICTED') },
  { name: 'INFORMATION_WITHHELD', meaning: 'withheld', issue: issue('information', 'suppressed', 'INFORMATION_WITHHELD') },
  {
    name: 'SOURCE_UNAVAILABLE',
    meaning: 'not-none',
    issue: (types) => ({
      severity: 'warning',
      code: 'incomplete',
      details: {
        coding: [
          { system: HUB_ERROR, code: 'SOURCE_UNAVAILABLE' },
          { system: SOURCE, code: 'RZ9', display: 'Highbury Vale Hospital' },
        ],
      },
      expression: types,
    }),
  },
  { name: 'a bare incomplete', meaning: 'not-none', issue: issue('warning', 'incomplete') },
];
/** Issues the SDK does not know as harmless: each severity × each failure code, and hub codes it does not know. */
const UNKNOWN_KINDS: NoticeKind[] = [
  ...['information', 'warning', 'error', 'fatal'].flatMap((severity) =>
    ['exception', 'timeout', 'processing', 'transient'].map((code) => ({
      name: `${severity} ${code}`,
      meaning: 'not-none' as const,
      issue: issue(severity, code),
    })),
  ),
  ...['error', 'fatal'].map((severity) => ({
    name: `${severity} informational`,
    meaning: 'not-none' as const,
    issue: issue(severity, 'informational'),
  })),
  { name: 'incomplete with SOURCE_TIMEOUT', meaning: 'not-none', issue: issue('warning', 'incomplete', 'SOURCE_TIMEOUT') },
  { name: 'an informational note with a code not known', meaning: 'not-none', issue: issue('information', 'informational', 'NEW_NOTE') },
  { name: 'suppressed with a code not known', meaning: 'not-none', issue: issue('information', 'suppressed', 'CONSENT_PENDING') },
];
const KINDS = [...KNOWN_KINDS, ...UNKNOWN_KINDS];

type Placement = 'summary' | 'first page' | 'later page';
const PLACEMENTS: Placement[] = ['summary', 'first page', 'later page'];

/** What the hub is made to answer: `notice` about `types`, placed `where`; `summaryStatus` other than 200 fails `$summary`. */
interface World {
  where: Placement;
  types: readonly string[];
  notice?: ((types: string[]) => Issue) | undefined;
  summaryStatus?: number;
  /** Items every search answers with, by type. */
  items?: Record<string, object[]>;
}

const outcome = (world: World) =>
  world.notice ? { resourceType: 'OperationOutcome', issue: [world.notice([...world.types])] } : undefined;

function searchAnswer(world: World, base: string, type: string, url: URL): object {
  const items = (world.items?.[type] ?? []).map((resource) => ({ resource, search: { mode: 'match' } }));
  const notice = outcome(world);
  const ours = notice !== undefined && world.types.includes(type);
  const later = url.searchParams.get('_page') === '2';
  if (later) return { resourceType: 'Bundle', type: 'searchset', entry: ours ? [{ resource: notice, search: { mode: 'outcome' } }] : [] };
  const next = new URL(`${base}/${type}`);
  for (const [name, value] of url.searchParams) next.searchParams.append(name, value);
  next.searchParams.set('_page', '2');
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(ours && world.where === 'later page' ? { link: [{ relation: 'next', url: next.href }] } : {}),
    entry: [...items, ...(ours && world.where === 'first page' ? [{ resource: notice, search: { mode: 'outcome' } }] : [])],
  };
}

const fhir = (body: object, status = 200): Reply => ({ status, body, headers: { 'content-type': 'application/fhir+json' } });

const SEARCHED = [...new Set(Object.values(SECTION_TYPES).flat())];

function script(hub: ExampleHub, world: World): void {
  hub.script('GET /metadata', () =>
    fhir({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          resource: [
            {
              type: 'Patient',
              ...(world.where === 'summary' ? { operation: [{ name: 'summary', definition: SUMMARY_DEFINITION }] } : {}),
            },
          ],
        },
      ],
    }),
  );
  hub.script('GET /Patient/{id}/$summary', () => {
    if (world.summaryStatus !== undefined && world.summaryStatus !== 200)
      return fhir(
        {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: world.summaryStatus === 500 ? 'exception' : 'not-found', details: { coding: [] } }],
        },
        world.summaryStatus,
      );
    const notice = outcome(world);
    const items = Object.values(world.items ?? {}).flat();
    return fhir({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [patient, practice, ...items, ...(notice ? [notice] : [])].map((resource) => ({ resource })),
    });
  });
  const base = hub.baseUrl;
  for (const type of SEARCHED) hub.script(`GET /${type}`, (request: RecordedRequest) => fhir(searchAnswer(world, base, type, request.url)));
  hub.script('POST /', (request) => {
    const batch = JSON.parse(request.body) as { entry: { request: { url: string } }[] };
    return fhir({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: batch.entry.map(({ request: asked }) => {
        const url = new URL(asked.url, `${base}/`);
        const type = /^([A-Za-z]+)/.exec(asked.url)?.[1] ?? '';
        if (type === 'Patient') {
          if (world.summaryStatus === 404 || world.summaryStatus === 410)
            return { response: { status: `${world.summaryStatus} Not Found`, outcome: { resourceType: 'OperationOutcome', issue: [] } } };
          return { resource: patient, response: { status: '200 OK' } };
        }
        if (type === 'Organization')
          return {
            resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: practice }] },
            response: { status: '200 OK' },
          };
        return { resource: searchAnswer(world, base, type, url), response: { status: '200 OK' } };
      }),
    });
  });
}

/** Whether the medication list would say there are no medicines: no rows, and nothing saying the list is not all there is. */
const medicinesSayNone = (model: MedicationsViewModel): boolean =>
  model.current.length === 0 &&
  model.notices.unavailableSources.length === 0 &&
  !model.notices.withheld &&
  !model.notPermitted &&
  model.unreadable.length === 0;

const NONE_ALLERGY_KINDS = new Set(['not-recorded', 'no-known-allergies']);

describe('sections left out or failing are never "none"', () => {
  let hub: ExampleHub;
  before(async () => {
    hub = await startExampleHub();
  });
  after(() => hub.close());
  beforeEach(() => hub.reset());

  const client = () => createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
  const record = (audience: 'clinician' | 'resident' = 'clinician') =>
    openRecord(client(), PATIENT, { audience, now: () => new Date(NOW) });

  describe('the cases R12 saw', () => {
    const NARROW = ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement'];

    test('SCOPE_RESTRICTED in $summary: allergies, problems and medicines are not "not recorded"', async () => {
      script(hub, { where: 'summary', types: NARROW, notice: issue('information', 'suppressed', 'SCOPE_RESTRICTED') });
      const page = await record().page();
      assert.notEqual(page.banner.allergies.kind, 'not-recorded');
      assert.equal(page.banner.allergies.kind, 'not-permitted');
      for (const key of ['allergies', 'problems', 'medications'] as const)
        assert.equal(page.summary.sections[key].state, 'not-permitted', key);
      // A narrow token is not a non-clinical role: other sections are read as they are.
      assert.equal(page.summary.sections.alerts.state, 'empty');
    });

    test('PROXY_RESTRICTED for a carer in $summary: allergies are not "not recorded"', async () => {
      script(hub, { where: 'summary', types: NARROW, notice: issue('information', 'suppressed', 'PROXY_RESTRICTED') });
      const page = await record('resident').page();
      assert.notEqual(page.banner.allergies.kind, 'not-recorded');
      for (const key of ['allergies', 'problems', 'medications'] as const) assert.notEqual(page.summary.sections[key].state, 'empty', key);
    });

    for (const [name, notice] of [
      ['error exception', issue('error', 'exception')],
      ['fatal timeout', issue('fatal', 'timeout')],
      ['incomplete with SOURCE_TIMEOUT', issue('warning', 'incomplete', 'SOURCE_TIMEOUT')],
    ] as const) {
      test(`$summary carrying ${name}, naming no section: allergies unavailable`, async () => {
        script(hub, { where: 'summary', types: [], notice });
        const page = await record().page();
        assert.equal(page.banner.allergies.kind, 'unavailable');
        assert.equal(page.banner.allergies.label, 'Allergies unavailable');
        for (const key of ['problems', 'medications'] as const) assert.notEqual(page.summary.sections[key].state, 'empty', key);
      });
    }

    for (const status of [404, 410]) {
      test(`$summary ${status}, searches empty: the medication list fails as not found, never "none"`, async () => {
        script(hub, { where: 'summary', types: [], summaryStatus: status });
        const opened = record();
        await assert.rejects(opened.page(), (error: { status?: number }) => error.status === status);
        await assert.rejects(opened.medications(), (error: { status?: number }) => error.status === status);
      });
    }

    test('$summary 500: the medication list of the same record fails too, never shows medicines', async () => {
      script(hub, { where: 'summary', types: [], summaryStatus: 500, items: { MedicationRequest: [medicine] } });
      const opened = record();
      await assert.rejects(opened.page());
      await assert.rejects(opened.medications());
    });

    test('a source-unavailable outcome on page 2 of MedicationRequest reaches the medication list', async () => {
      script(hub, {
        where: 'later page',
        types: ['MedicationRequest'],
        notice: KNOWN_KINDS.find((kind) => kind.name === 'SOURCE_UNAVAILABLE')?.issue,
      });
      const model = await record().medications();
      assert.deepEqual(model.notices.unavailableSources, [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital' }]);
    });
  });

  describe('the class: every section × every notice × where it comes', () => {
    const SECTIONS = Object.keys(SECTION_TYPES) as SummarySectionKey[];
    for (const kind of KINDS) {
      for (const where of PLACEMENTS) {
        if (kind.issue === undefined && where !== 'summary') continue;
        test(`${kind.name}, in ${where === 'summary' ? '$summary' : `a search's ${where}`}`, async () => {
          const wrong: string[] = [];
          for (const key of SECTIONS) {
            script(hub, { where, types: SECTION_TYPES[key], notice: kind.issue });
            const page = await record().page();
            const section = page.summary.sections[key];
            const allergyNone = NONE_ALLERGY_KINDS.has(page.summary.sections.allergies.allergies.kind);
            const bannerNone = NONE_ALLERGY_KINDS.has(page.banner.allergies.kind);
            if (kind.meaning === 'none') {
              // The control: a complete, unrestricted answer says "none", so the checks below can tell.
              if (section.state !== 'empty') wrong.push(`${key}: ${section.state}, expected empty`);
              if (key === 'allergies' && !(allergyNone && bannerNone)) wrong.push(`${key}: allergies not "not recorded"`);
            } else if (kind.meaning === 'withheld') {
              if (section.state !== 'withheld') wrong.push(`${key}: ${section.state}, expected withheld`);
              if (key === 'allergies' && !page.banner.allergies.withheld) wrong.push('banner: withheld not said');
            } else {
              if (section.state === 'empty') wrong.push(`${key}: empty`);
              if (key === 'allergies' && (allergyNone || bannerNone)) wrong.push(`${key}: ${page.banner.allergies.label}`);
            }
          }
          assert.deepEqual(wrong, []);
        });
      }
    }

    for (const kind of KINDS) {
      for (const where of ['first page', 'later page'] as const) {
        if (kind.issue === undefined) continue;
        test(`the medication list: ${kind.name} on a MedicationRequest search's ${where}`, async () => {
          script(hub, { where, types: ['MedicationRequest'], notice: kind.issue });
          const model = await record().medications();
          assert.equal(medicinesSayNone(model), kind.meaning === 'none');
        });
      }
    }
  });
});
