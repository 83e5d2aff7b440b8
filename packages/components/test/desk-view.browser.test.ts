/**
 * The record as a receptionist meets it, in real Chromium: the summary, the
 * timeline and the appointments list, from the answers the hub gives the desk
 * (appointments without their reasons or notes, each tagged `SUBSETTED`; the
 * clinical types left out with `ROLE_RESTRICTED`). The desk is told once,
 * with the appointments, that their reasons and notes are not shown to the
 * role — never "Some information is not shown" on every part of the page, nor
 * on every appointment — and every clinical section says it is not available
 * to the role, never "none". The same partly shown appointment to a
 * clinician, a resident or a carer is "Some information is not shown", never
 * the desk's words. Axe-checked.
 */
import { expect, fixture, html } from '@open-wc/testing';
import {
  appointmentsViewModel,
  createTimeline,
  HubError,
  readNotices,
  roleViewNotices,
  summaryViewModel,
  type Appointment,
  type RecordAudience,
  type TimelineResource,
} from '@care-record/sdk';
import '../src/define.js';
import type { CareAppointments, CareRecordProvider, CareRecordSummary, CareTimeline } from '../src/index.js';
import { $, $$, text, until } from './support/dom.js';
import { createResidentHub } from './support/resident-hub.js';
import { NOW, organizations } from './support/fixtures.js';

const PATIENT = 'pat-desk';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const ROLE_LINE = 'Reasons and notes for appointments are not shown to your role';
const WITHHELD_LINE = 'Some information is not shown';
const NOT_PERMITTED_LINE = 'Clinical information is not available to your role';
const NONE_WORDING =
  /No alerts|not recorded|No active problems|No current medic|No procedures|No vaccinations|No legal|No care and support|No goals|No current services/i;
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };
const CLINICAL_TYPES = [
  'Flag',
  'AllergyIntolerance',
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'CarePlan',
  'Goal',
  'EpisodeOfCare',
  'Immunization',
  'Procedure',
];

/** An appointment as the hub sends it to the desk (`partly`) or whole. */
const appointment = (id: string, start: string, partly: boolean): Appointment =>
  ({
    resourceType: 'Appointment',
    id,
    meta: { source: 'https://care-record.example/source/F83999', ...(partly ? { tag: [SUBSETTED] } : {}) },
    status: 'booked',
    start,
    description: `Review ${id}`,
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  }) as unknown as Appointment;

const patient = { resourceType: 'Patient', id: PATIENT, name: [{ text: 'Bridget Kelly' }], birthDate: '1941-04-17' };
const roleRestricted = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'information',
      code: 'suppressed',
      details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }], text: NOT_PERMITTED_LINE },
      expression: CLINICAL_TYPES,
    },
  ],
};

type Viewer = 'receptionist' | 'clinician' | 'resident' | 'carer';
const audienceOf = (viewer: Viewer): RecordAudience => (viewer === 'resident' || viewer === 'carer' ? 'resident' : 'clinician');

/** What the hub answers this viewer: the desk's partly shown appointments and its role outcome; another viewer's one partly shown appointment. */
function answer(viewer: Viewer): unknown[] {
  const desk = viewer === 'receptionist';
  return [
    patient,
    appointment('a1', '2026-12-10T09:30:00Z', true),
    appointment('a2', '2026-12-14T10:00:00Z', desk),
    appointment('a3', '2026-10-01T10:00:00Z', desk),
    ...(desk ? [roleRestricted] : []),
  ];
}

const onScreen = (element: Element): string => text(element.shadowRoot!);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

async function showSummary(viewer: Viewer): Promise<CareRecordSummary> {
  const model = summaryViewModel(answer(viewer), { audience: audienceOf(viewer), now: NOW, patientId: PATIENT, organizations });
  return fixture<CareRecordSummary>(html`<care-record-summary .model=${model} audience=${audienceOf(viewer)}></care-record-summary>`);
}

async function showTimeline(viewer: Viewer): Promise<CareTimeline> {
  const resources = answer(viewer);
  const audience = audienceOf(viewer);
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience, now: NOW });
  timeline.add(resources.filter((resource) => (resource as { resourceType: string }).resourceType === 'Appointment') as TimelineResource[]);
  // As `readTimeline` gives them to the element: the pages' notices, told as this viewer's role should hear them.
  const notices = roleViewNotices(readNotices([{ entry: resources.map((resource) => ({ resource })) }]), { audience });
  return fixture<CareTimeline>(html`<care-timeline audience=${audience} .model=${timeline} .notices=${notices}></care-timeline>`);
}

async function showAppointments(viewer: Viewer): Promise<CareAppointments> {
  const resources = answer(viewer);
  const audience = audienceOf(viewer);
  const model = appointmentsViewModel(
    {
      appointments: resources.filter((resource) => (resource as { resourceType: string }).resourceType === 'Appointment') as Appointment[],
      patientId: PATIENT,
      notices: readNotices([{ entry: resources.map((resource) => ({ resource })) }]),
      organizations,
    },
    { audience, now: NOW },
  );
  return fixture<CareAppointments>(html`<care-appointments .model=${model} audience=${audience}></care-appointments>`);
}

describe('the desk: told once what its role is not shown, and never "none" for what it may not see', () => {
  it('summary: no "Some information is not shown"; the role line once, in the appointments section; clinical sections not available', async () => {
    const element = await showSummary('receptionist');
    const all = onScreen(element);
    expect(all).not.to.contain(WITHHELD_LINE);
    expect(count(all, ROLE_LINE)).to.equal(1);
    const sections = $$(element, '[part~="section"]');
    const appointments = sections.find((section) => text(section).includes('Upcoming appointments'));
    expect(text(appointments)).to.contain(ROLE_LINE);
    expect(text(appointments)).to.contain('Review a1');
    for (const section of sections) {
      const words = text(section);
      if (/Personal contacts|Upcoming appointments/.test(words)) continue;
      expect(words, words).to.contain(NOT_PERMITTED_LINE);
      expect(words, words).not.to.match(NONE_WORDING);
    }
    await expect(element).to.be.accessible();
  });

  it('timeline: the role line once, not "Some information is not shown"', async () => {
    const element = await showTimeline('receptionist');
    const all = onScreen(element);
    expect(all).not.to.contain(WITHHELD_LINE);
    expect(count(all, ROLE_LINE)).to.equal(1);
    await expect(element).to.be.accessible();
  });

  it('appointments list (told by the server): the role line once for the list, on no row', async () => {
    const element = await showAppointments('receptionist');
    const all = onScreen(element);
    expect(all).not.to.contain(WITHHELD_LINE);
    expect(all).not.to.contain('Some details of this appointment are not shown');
    expect(count(all, ROLE_LINE)).to.equal(1);
    await expect(element).to.be.accessible();
  });
});

describe('the same partly shown appointment to anyone else: "Some information is not shown", never the desk’s words', () => {
  for (const viewer of ['clinician', 'resident', 'carer'] as const) {
    it(`${viewer}: summary and timeline`, async () => {
      const summary = onScreen(await showSummary(viewer));
      expect(summary).to.contain(WITHHELD_LINE);
      expect(summary).not.to.contain(ROLE_LINE);
      const timeline = onScreen(await showTimeline(viewer));
      expect(timeline).to.contain(WITHHELD_LINE);
      expect(timeline).not.to.contain(ROLE_LINE);
      const list = onScreen(await showAppointments(viewer));
      expect(list).not.to.contain(ROLE_LINE);
      expect(list).to.contain('Some details of this appointment are not shown');
    });
  }
});

describe('the timeline never says "none" or "no earlier events" when its notices say not everything is shown', () => {
  const HOLDINGS = {
    everything: { withheld: false, unavailableSources: [] },
    withheld: { withheld: true, unavailableSources: [] },
    'not available to the role': { withheld: false, unavailableSources: [], notPermittedTypes: ['Encounter'] },
    'a source did not answer': { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital' }] },
    'stopped early': { withheld: false, unavailableSources: [], truncated: true },
  } as const;
  for (const viewer of ['receptionist', 'clinician', 'resident', 'carer'] as const)
    for (const [holding, notices] of Object.entries(HOLDINGS))
      for (const events of [0, 2]) {
        it(`${viewer} · ${holding} · ${events} events`, async () => {
          const audience = audienceOf(viewer);
          const timeline = createTimeline({ patientId: PATIENT, organizations, audience, now: NOW });
          timeline.add(
            [appointment('b1', '2026-12-10T09:30:00Z', false), appointment('b2', '2026-10-01T10:00:00Z', false)].slice(
              0,
              events,
            ) as unknown as TimelineResource[],
          );
          const element = await fixture<CareTimeline>(
            html`<care-timeline audience=${audience} .model=${timeline} .notices=${notices}></care-timeline>`,
          );
          const all = onScreen(element);
          const complete = holding === 'everything';
          expect(/No events recorded|No earlier events(?! (that|we))/.test(all), all).to.equal(complete);
          if (!complete)
            expect(all).to.match(
              events === 0
                ? /No events (that can be shown|we can show you here)/
                : /No earlier events (that can be shown|we can show you here)/,
            );
        });
      }
});

describe('an element whose whole kind the role may not see says so, never "no access to this record"', () => {
  const refusal = (roleRestricted: boolean) =>
    new HubError({
      kind: 'http',
      operation: 'GET /Observation',
      requestId: 'req-desk',
      status: 403,
      outcome: {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'forbidden',
            ...(roleRestricted ? { details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }], text: NOT_PERMITTED_LINE } } : {}),
          },
        ],
      },
    });
  for (const [case_, roleRestricted, expected] of [
    ['the role may not see results', true, NOT_PERMITTED_LINE],
    ['refused for another reason', false, 'You do not have access to this record.'],
  ] as const)
    it(`<care-results>, ${case_}`, async () => {
      const hub = createResidentHub({ fail: (path) => (path.includes('Observation') ? refusal(roleRestricted) : undefined) });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="clinician">
          <care-results></care-results>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-results')!;
      await until(() => $(element, '[part~="error"]') !== null, 3000, 'the refusal');
      const all = onScreen(element);
      expect(all).to.contain(expected);
      if (roleRestricted) expect(all).not.to.contain('You do not have access to this record');
      expect(all).not.to.match(/No results|No tests/i);
      await expect(element).to.be.accessible();
    });
});
