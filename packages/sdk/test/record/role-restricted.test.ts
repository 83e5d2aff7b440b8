/**
 * Issue 12, finding 1: a role that may not see clinical items (a receptionist)
 * is told so — "Clinical information is not available to your role" — and
 * never shown "none", from a `$summary` answer and from the batch fallback.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { SummaryBundle } from '../../src/fhir.js';
import {
  ALLERGY_STATE_LABELS,
  createHubClient,
  NOT_PERMITTED_NOTICE,
  openRecord,
  readNotices,
  summaryViewModel,
  SUMMARY_SECTION_ORDER,
  type SummarySectionKey,
  type SummaryViewModel,
} from '../../src/index.js';
import { startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:12Z';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const CLINICAL_TYPES = [
  'Flag',
  'AllergyIntolerance',
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'CarePlan',
  'Goal',
  'EpisodeOfCare',
];
/** Every section's "none" wording, for both audiences, and the allergy states that mean "none". */
const NONE_WORDING =
  /No alerts recorded|Allergies not recorded|No known allergies|No active problems|No current medic|No legal|No care and support|No goals|No current services|not recorded/i;

const source = (ods: string) => ({ source: `https://care-record.example/source/${ods}` });
const subject = { reference: `Patient/${PATIENT}` };

const roleRestricted = (expression?: string[]) => ({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'information',
      code: 'suppressed',
      details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }], text: 'Clinical information is not available to your role' },
      ...(expression ? { expression } : {}),
    },
  ],
});

const forbidden = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'error',
      code: 'forbidden',
      details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }], text: 'Clinical information is not available to your role' },
    },
  ],
};

const patient = {
  resourceType: 'Patient',
  id: PATIENT,
  meta: source('F83999'),
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
const contact = {
  resourceType: 'RelatedPerson',
  id: 'rp-1',
  meta: source('F83999'),
  patient: subject,
  name: [{ family: 'Yip', given: ['Wei'] }],
  relationship: [{ text: 'Son' }],
};
const appointment = {
  resourceType: 'Appointment',
  id: 'apt-1',
  meta: source('F83999'),
  status: 'booked',
  start: '2026-12-04T10:00:00Z',
  description: 'Annual review',
  participant: [{ actor: subject, status: 'accepted' }],
};

/** What the hub answers a receptionist's `$summary`: no clinical items, and an entry saying which types it left out. */
const receptionistSummary = (expression: string[] | undefined = CLINICAL_TYPES): SummaryBundle =>
  ({
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, practice, contact, appointment, roleRestricted(expression)].map((resource) => ({ resource })),
  }) as unknown as SummaryBundle;

const CLINICAL_SECTIONS: SummarySectionKey[] = ['alerts', 'allergies', 'problems', 'medications', 'legal', 'carePlans', 'involvement'];

/** Everything a section would put on screen, as one string. */
const shownText = (model: SummaryViewModel, key: SummarySectionKey): string => {
  const section = model.sections[key];
  const emptyShown = section.state === 'empty' ? section.emptyText : '';
  const allergy = key === 'allergies' ? model.sections.allergies.allergies.label : '';
  return [...section.notices, emptyShown, allergy].join(' | ');
};

function assertNotPermittedNeverNone(model: SummaryViewModel, sections: readonly SummarySectionKey[]): void {
  for (const key of sections) {
    const section = model.sections[key];
    assert.equal(section.state, 'not-permitted', key);
    assert.deepEqual(section.items, [], key);
    assert.ok(section.notices.includes(NOT_PERMITTED_NOTICE), key);
    assert.doesNotMatch(shownText(model, key), NONE_WORDING, key);
  }
  assert.equal(model.sections.allergies.allergies.kind, 'not-permitted');
  assert.equal(model.sections.allergies.allergies.label, 'Allergies not available to your role');
  assert.notEqual(model.sections.allergies.allergies.label, ALLERGY_STATE_LABELS['not-recorded']);
  assert.notEqual(model.sections.allergies.allergies.label, ALLERGY_STATE_LABELS['no-known-allergies']);
}

describe('ROLE_RESTRICTED in a $summary answer', () => {
  test('readNotices reads the types left out, and `*` when the outcome names none', () => {
    assert.deepEqual(readNotices([receptionistSummary()]).notPermittedTypes, CLINICAL_TYPES);
    assert.deepEqual(readNotices([receptionistSummary([])]).notPermittedTypes, ['*']);
    assert.equal(readNotices([{ entry: [{ resource: roleRestricted(['Condition.code']) }] }]).notPermittedTypes?.[0], 'Condition');
  });

  test('the receptionist summary: every clinical section is not permitted, contacts and appointments shown', () => {
    const model = summaryViewModel(receptionistSummary(), { audience: 'clinician', now: NOW, patientId: PATIENT });
    assertNotPermittedNeverNone(model, CLINICAL_SECTIONS);
    assert.equal(NOT_PERMITTED_NOTICE, 'Clinical information is not available to your role');
    assert.deepEqual(
      model.sections.contacts.items.map((item) => item.id),
      ['rp-1'],
    );
    assert.deepEqual(
      model.sections.appointments.items.map((item) => item.id),
      ['apt-1'],
    );
    assert.equal(model.sections.contacts.state, 'ready');
    assert.deepEqual(model.safetyIssues, []);
  });

  test('a restriction that names no types makes every section not permitted', () => {
    const model = summaryViewModel(receptionistSummary([]), { audience: 'clinician', now: NOW, patientId: PATIENT });
    assertNotPermittedNeverNone(model, SUMMARY_SECTION_ORDER);
  });

  test('only the sections whose types are listed: a Condition restriction leaves allergies readable', () => {
    const model = summaryViewModel(receptionistSummary(['Condition']), { audience: 'clinician', now: NOW, patientId: PATIENT });
    assert.equal(model.sections.problems.state, 'not-permitted');
    assert.equal(model.sections.allergies.state, 'empty');
    assert.equal(model.sections.allergies.allergies.kind, 'not-recorded');
  });

  for (const key of CLINICAL_SECTIONS) {
    test(`matrix: ${key} restricted through its own types alone is not permitted, never empty`, () => {
      const types = {
        alerts: ['Flag'],
        allergies: ['AllergyIntolerance'],
        problems: ['Condition'],
        medications: ['MedicationStatement'],
        procedures: ['Procedure'],
        immunisations: ['Immunization'],
        legal: ['Flag'],
        carePlans: ['CarePlan'],
        goals: ['Goal'],
        involvement: ['EpisodeOfCare'],
      }[key as Exclude<SummarySectionKey, 'contacts' | 'appointments'>];
      for (const audience of ['clinician', 'resident'] as const) {
        const model = summaryViewModel(receptionistSummary(types), { audience, now: NOW, patientId: PATIENT });
        assert.equal(model.sections[key].state, 'not-permitted', `${key} ${audience}`);
        assert.doesNotMatch(shownText(model, key), NONE_WORDING);
      }
    });
  }
});

describe('ROLE_RESTRICTED through the hub client', () => {
  let hub: ExampleHub;
  before(async () => {
    hub = await startExampleHub();
  });
  after(() => hub.close());
  beforeEach(() => hub.reset());

  const client = () => createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });

  test('$summary: the banner says allergies are not available to the role, and the summary says so per section', async () => {
    hub.script('GET /Patient/{id}/$summary', () => ({ status: 200, body: receptionistSummary() }));
    const page = await openRecord(client(), PATIENT, { audience: 'clinician', now: () => new Date(NOW) }).page();
    assert.equal(page.banner.allergies.kind, 'not-permitted');
    assert.equal(page.banner.labels.allergies, 'Allergies not available to your role');
    assert.equal(page.banner.name, 'YIP, Ming');
    assertNotPermittedNeverNone(page.summary, CLINICAL_SECTIONS);
  });

  test('batch fallback: a 403 ROLE_RESTRICTED per clinical search makes those sections not permitted, and the page loads', async () => {
    hub.script('GET /metadata', () => ({
      status: 200,
      body: {
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [{ mode: 'server', resource: [{ type: 'Patient' }] }],
      },
    }));
    const searchOf = (url: string) => /^([A-Za-z]+)/.exec(url)?.[1] ?? '';
    hub.script('POST /', (request) => {
      const batch = JSON.parse(request.body) as { entry: { request: { url: string } }[] };
      const answer = (type: string) => ({
        resourceType: 'Bundle',
        type: 'searchset',
        total: 0,
        entry:
          type === 'RelatedPerson'
            ? [{ resource: contact, search: { mode: 'match' } }]
            : type === 'Appointment'
              ? [{ resource: appointment, search: { mode: 'match' } }]
              : [],
      });
      return {
        status: 200,
        body: {
          resourceType: 'Bundle',
          type: 'batch-response',
          entry: batch.entry.map(({ request: entryRequest }) => {
            const type = searchOf(entryRequest.url);
            if (type === 'Patient') return { resource: patient, response: { status: '200 OK' } };
            if (type === 'Organization')
              return {
                resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: practice }] },
                response: { status: '200 OK' },
              };
            if (CLINICAL_TYPES.includes(type)) return { response: { status: '403 Forbidden', outcome: forbidden } };
            return { resource: answer(type), response: { status: '200 OK' } };
          }),
        },
      };
    });
    const record = openRecord(client(), PATIENT, { audience: 'clinician', now: () => new Date(NOW) });
    const page = await record.page();
    assertNotPermittedNeverNone(page.summary, CLINICAL_SECTIONS);
    assert.equal(page.banner.allergies.kind, 'not-permitted');
    assert.deepEqual(
      page.summary.sections.contacts.items.map((item) => item.id),
      ['rp-1'],
    );

    const medicines = await record.medications();
    assert.equal(medicines.notPermitted, true);
    assert.deepEqual([medicines.current, medicines.past], [[], []]);
  });

  test('batch fallback: any other failure still fails the page rather than look empty', async () => {
    hub.script('GET /metadata', () => ({
      status: 200,
      body: { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], rest: [] },
    }));
    hub.script('POST /', (request) => {
      const batch = JSON.parse(request.body) as { entry: unknown[] };
      return {
        status: 200,
        body: {
          resourceType: 'Bundle',
          type: 'batch-response',
          entry: batch.entry.map((_, index) =>
            index === 0
              ? { resource: patient, response: { status: '200 OK' } }
              : {
                  response: {
                    status: '403 Forbidden',
                    outcome: {
                      resourceType: 'OperationOutcome',
                      issue: [
                        { severity: 'error', code: 'forbidden', details: { coding: [{ system: HUB_ERROR, code: 'ACCESS_DENIED' }] } },
                      ],
                    },
                  },
                },
          ),
        },
      };
    });
    await assert.rejects(openRecord(client(), PATIENT, { audience: 'clinician', now: () => new Date(NOW) }).page(), { status: 403 });
  });

  test('a non-clinical role the host declares reads the same, even when the server sent no signal', async () => {
    hub.script('GET /Patient/{id}/$summary', () => ({
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [patient, practice, contact, appointment].map((resource) => ({ resource })),
      },
    }));
    const page = await openRecord(client(), PATIENT, { audience: 'clinician', now: () => new Date(NOW), nonClinicalRole: true }).page();
    assertNotPermittedNeverNone(page.summary, CLINICAL_SECTIONS);
    assert.equal(page.banner.allergies.kind, 'not-permitted');
  });
});
