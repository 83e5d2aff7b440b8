/**
 * Review R12, as a person sees it: the banner, the summary and the medication
 * list never say "none" ("Allergies not recorded", "No active problems
 * recorded", "No current medications recorded", "No medicines recorded") for
 * a section the hub left out (a narrow sign-in's scopes, a carer's proxy
 * access, the role), for an answer carrying an error, a timeout or a code the
 * SDK does not know, nor for a record that was not found or not loaded; and
 * a notice on a later page of medicines is said. The real SDK client, with a
 * server at the edge (`fetch`) answering as the hub would.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createHubClient } from '@care-record/sdk';
import { $, text } from './support/dom.js';
import { page, type Page } from './support/provider-page.js';

const PATIENT = 'pat-0001';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE = 'https://care-record.example/source';
const BASE = 'https://hub.example.test/fhir';
const NARROW = ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement'];
const NONE_WORDING = /Allergies not recorded|No known allergies|No active problems|No current medic|No medicines recorded/;

const patient = {
  resourceType: 'Patient',
  id: PATIENT,
  meta: { source: `${SOURCE}/F83999` },
  name: [{ use: 'official', family: 'Yip', given: ['Ming'] }],
  birthDate: '1950-03-02',
  gender: 'female',
  identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9990000018' }],
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
const issue = (severity: string, code: string, hubCode?: string, types: string[] = NARROW) => ({
  severity,
  code,
  ...(hubCode ? { details: { coding: [{ system: HUB_ERROR, code: hubCode }] } } : {}),
  expression: types,
});
const sourceUnavailable = {
  severity: 'warning',
  code: 'incomplete',
  details: {
    coding: [
      { system: HUB_ERROR, code: 'SOURCE_UNAVAILABLE' },
      { system: SOURCE, code: 'RZ9', display: 'Highbury Vale Hospital' },
    ],
  },
};

interface Scenario {
  /** An issue the `$summary` carries. */
  summaryIssue?: object;
  summaryStatus?: number;
  /** The Patient read's status (404 with a record not found). */
  patientStatus?: number;
  /** Medicines every search answers with. */
  medicines?: object[];
  /** An issue on page 2 of MedicationRequest. */
  laterPageIssue?: object;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json' } });
const outcome = (...issues: object[]) => ({ resourceType: 'OperationOutcome', issue: issues });
const searchset = (entries: object[], next?: string) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  entry: entries,
});

/** A hub answering the record's reads as `scenario` says. */
function server(scenario: Scenario): typeof fetch {
  const medicinesPage = (type: string, url: URL): object => {
    const matches =
      type === 'MedicationRequest' ? (scenario.medicines ?? []).map((resource) => ({ resource, search: { mode: 'match' } })) : [];
    if (type !== 'MedicationRequest' || !scenario.laterPageIssue) return searchset(matches);
    if (url.searchParams.get('_page') === '2')
      return searchset([{ resource: outcome(scenario.laterPageIssue), search: { mode: 'outcome' } }]);
    const next = new URL(`${BASE}/MedicationRequest`);
    next.search = url.search;
    next.searchParams.set('_page', '2');
    return searchset(matches, next.href);
  };
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    const path = url.pathname.slice(new URL(BASE).pathname.length);
    if (path === '/metadata')
      return json({
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
                operation: [{ name: 'summary', definition: 'https://care-record.example/fhir/OperationDefinition/care-record-summary' }],
              },
            ],
          },
        ],
      });
    if (path === `/Patient/${PATIENT}/$summary`) {
      if (scenario.summaryStatus) return json(outcome({ severity: 'error', code: 'exception' }), scenario.summaryStatus);
      const entries = [patient, ...(scenario.medicines ?? []), ...(scenario.summaryIssue ? [outcome(scenario.summaryIssue)] : [])];
      return json({ resourceType: 'Bundle', type: 'collection', entry: entries.map((resource) => ({ resource })) });
    }
    if (path === '/MedicationRequest' || path === '/MedicationStatement') return json(medicinesPage(path.slice(1), url));
    if (path === '' || path === '/') {
      const batch = (await request.json()) as { entry: { request: { url: string } }[] };
      return json({
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map(({ request: asked }) => {
          const type = /^([A-Za-z]+)/.exec(asked.url)?.[1] ?? '';
          if (type === 'Patient')
            return scenario.patientStatus
              ? { response: { status: `${scenario.patientStatus} Not Found`, outcome: outcome({ severity: 'error', code: 'not-found' }) } }
              : { resource: patient, response: { status: '200 OK' } };
          return { resource: medicinesPage(type, new URL(asked.url, `${BASE}/`)), response: { status: '200 OK' } };
        }),
      });
    }
    return json(outcome({ severity: 'error', code: 'not-found' }), 404);
  };
}

async function open(scenario: Scenario, audience = 'clinician'): Promise<Page> {
  const client = createHubClient({ baseUrl: BASE, auth: 'token', retry: { limit: 0 }, fetch: server(scenario) });
  const shown = await page(client, PATIENT, audience);
  // Every element has finished loading, or failed.
  await waitUntil(
    () =>
      [shown.banner, shown.summary, shown.medicines].every((element) => $(element, '[aria-busy="true"]') === null && text(element) !== ''),
    'the record loads or fails',
    { timeout: 8000 },
  );
  return shown;
}

const said = ({ banner, summary, medicines }: Page) => [text(banner), text(summary), text(medicines)].join(' | ');

describe('R12: what is left out or failed is never said as "none"', () => {
  it('the reported case: a narrow sign-in’s SCOPE_RESTRICTED $summary', async () => {
    const shown = await open({ summaryIssue: issue('information', 'suppressed', 'SCOPE_RESTRICTED') });
    expect(text(shown.banner)).not.to.match(NONE_WORDING);
    expect(text(shown.summary)).not.to.match(NONE_WORDING);
    expect(text(shown.banner)).to.include('Allergies not available');
  });

  it('the reported case: a carer’s PROXY_RESTRICTED $summary', async () => {
    const shown = await open({ summaryIssue: issue('information', 'suppressed', 'PROXY_RESTRICTED') }, 'resident');
    expect(text(shown.banner)).not.to.match(NONE_WORDING);
    expect(text(shown.summary)).not.to.match(NONE_WORDING);
  });

  for (const [name, carried] of [
    ['an error', issue('error', 'exception', undefined, [])],
    ['a timeout', issue('fatal', 'timeout', undefined, [])],
    ['incomplete with SOURCE_TIMEOUT', issue('warning', 'incomplete', 'SOURCE_TIMEOUT', [])],
  ] as const) {
    it(`the reported case: a $summary carrying ${name} says allergies unavailable`, async () => {
      const shown = await open({ summaryIssue: carried });
      expect(text(shown.banner)).to.include('Allergies unavailable');
      expect(text(shown.banner)).not.to.match(NONE_WORDING);
      expect(text(shown.summary)).not.to.match(NONE_WORDING);
    });
  }

  it('the reported case: a record not found says so in every element, never "No medicines recorded"', async () => {
    const shown = await open({ summaryStatus: 404, patientStatus: 404 });
    expect(text(shown.banner)).to.include('The record was not found');
    expect(text(shown.medicines)).to.include('The record was not found');
    expect(said(shown)).not.to.match(NONE_WORDING);
  });

  it('the reported case: a $summary that failed (500) shows no medicines under the failed banner', async () => {
    const shown = await open({ summaryStatus: 500, medicines: [medicine] });
    expect(text(shown.banner)).to.include('had a problem');
    expect(text(shown.medicines)).not.to.include('Amlodipine');
    expect(said(shown)).not.to.match(NONE_WORDING);
  });

  it('the reported case: a source that did not answer on page 2 of medicines is said', async () => {
    const shown = await open({ laterPageIssue: sourceUnavailable });
    expect(text(shown.medicines)).to.include('Information from Highbury Vale Hospital is unavailable');
    expect(text(shown.medicines)).not.to.match(NONE_WORDING);
  });

  // The class, on screen: each kind of notice in the $summary, and each on a later page of medicines.
  const KINDS: [string, object][] = [
    ['ROLE_RESTRICTED', issue('information', 'suppressed', 'ROLE_RESTRICTED')],
    ['SCOPE_RESTRICTED', issue('information', 'suppressed', 'SCOPE_RESTRICTED')],
    ['PROXY_RESTRICTED', issue('information', 'suppressed', 'PROXY_RESTRICTED')],
    ['SOURCE_UNAVAILABLE', { ...sourceUnavailable, expression: NARROW }],
    ['a bare incomplete', issue('warning', 'incomplete')],
    ['an error exception', issue('error', 'exception')],
    ['a warning timeout', issue('warning', 'timeout')],
    ['a code not known', issue('information', 'informational', 'NEW_NOTE')],
  ];
  for (const [name, carried] of KINDS) {
    it(`the class: ${name} in the $summary, and on page 2 of medicines, is never "none"`, async () => {
      const inSummary = await open({ summaryIssue: carried });
      expect(text(inSummary.banner), 'banner').not.to.match(NONE_WORDING);
      expect(text(inSummary.summary), 'summary').not.to.match(NONE_WORDING);
      const onLaterPage = await open({ laterPageIssue: carried });
      expect(text(onLaterPage.medicines), 'medication list').not.to.match(NONE_WORDING);
    });
  }

  // Who left a section out, in their words: a carer has no role, and a narrow sign-in says nothing of the role.
  const WORDS = {
    ROLE_RESTRICTED: { notice: 'Clinical information is not available to your role', allergies: 'Allergies not available to your role' },
    SCOPE_RESTRICTED: {
      notice: 'The app you signed in with was not given access to this kind of information',
      allergies: 'Allergies not available to the app you signed in with',
    },
    PROXY_RESTRICTED: {
      notice: 'This is not part of what you were given access to',
      allergies: 'Allergies not available: not part of what you were given access to',
    },
  } as const;
  const AUDIENCE = { ROLE_RESTRICTED: 'clinician', SCOPE_RESTRICTED: 'clinician', PROXY_RESTRICTED: 'carer' } as const;

  it('the reported case: a carer’s PROXY_RESTRICTED and a narrow sign-in’s SCOPE_RESTRICTED do not say "your role"', async () => {
    const carer = await open({ summaryIssue: issue('information', 'suppressed', 'PROXY_RESTRICTED') }, 'carer');
    expect(said(carer)).not.to.include('your role');
    expect(text(carer.summary)).to.include(WORDS.PROXY_RESTRICTED.notice);
    const narrow = await open({ summaryIssue: issue('information', 'suppressed', 'SCOPE_RESTRICTED') });
    expect(said(narrow)).not.to.include('your role');
    expect(text(narrow.summary)).to.include(WORDS.SCOPE_RESTRICTED.notice);
  });

  for (const code of ['ROLE_RESTRICTED', 'SCOPE_RESTRICTED', 'PROXY_RESTRICTED'] as const) {
    it(`the class: ${code} in the $summary and on page 2 of medicines is told in its own words, never another's`, async () => {
      const others = Object.entries(WORDS).filter(([other]) => other !== code);
      const inSummary = await open({ summaryIssue: issue('information', 'suppressed', code) }, AUDIENCE[code]);
      expect(text(inSummary.banner), 'banner').to.include(WORDS[code].allergies);
      expect(text(inSummary.summary), 'summary').to.include(WORDS[code].notice);
      const onLaterPage = await open({ laterPageIssue: issue('information', 'suppressed', code) }, AUDIENCE[code]);
      expect(text(onLaterPage.medicines), 'medication list').to.include(WORDS[code].notice);
      // The $summary's notice is what the banner and summary read (the list reads its own searches).
      const summaryWords = `${text(inSummary.banner)} | ${text(inSummary.summary)}`;
      for (const [, words] of others)
        for (const shown of [summaryWords, text(onLaterPage.medicines)]) {
          expect(shown).not.to.include(words.notice);
          expect(shown).not.to.include(words.allergies);
        }
      expect(summaryWords).not.to.match(NONE_WORDING);
      expect(text(onLaterPage.medicines)).not.to.match(NONE_WORDING);
    });
  }

  it('the control: a complete, unrestricted answer does say "none"', async () => {
    const shown = await open({ summaryIssue: { severity: 'information', code: 'informational' } });
    expect(text(shown.banner)).to.include('Allergies not recorded');
    expect(text(shown.medicines)).to.match(NONE_WORDING);
  });
});
