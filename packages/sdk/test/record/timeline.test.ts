import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createBorough } from '@care-record/synthetic';

import type { Resource } from '../../src/fhir.js';
import {
  careSettingLabel,
  createTimeline,
  isTimelineResource,
  organizationNames,
  timelineEventTypeLabel,
  timelineViewModel,
  type CareSetting,
  type TimelineEvent,
  type TimelineResource,
  type TimelineView,
} from '../../src/record/index.js';
import { MOMENT_PATHS } from '../../src/record/timeline-event.js';
import { assertDisplayable } from './assert-displayable.js';
import { careSettingOf } from '../../src/record/care-setting.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const borough = createBorough({ residents: 300 });
const ORGANIZATIONS = organizationNames(borough.organizations);
const SNOMED = 'http://snomed.info/sct';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

type Fields = Record<string, unknown>;
/** Fields a row or event should have; `undefined` means it must not have that field. */
type Expected<T> = { [Key in keyof T]?: T[Key] | undefined };

const source = (odsCode: string) => ({ source: `https://care-record.example/source/${odsCode}` });
const subject = { reference: `Patient/${PATIENT}` };
const as = (resource: Fields): TimelineResource => resource as unknown as TimelineResource;

const encounter = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'Encounter',
    id,
    meta: source('F83999'),
    status: 'finished',
    class: { code: 'AMB' },
    type: [{ coding: [{ system: SNOMED, code: '11429006', display: 'Consultation' }], text: 'GP consultation' }],
    subject,
    period: { start: '2024-01-12T15:20:00+00:00', end: '2024-01-12T15:33:00+00:00' },
    ...fields,
  });
const appointment = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'Appointment',
    id,
    meta: source('RZ9'),
    status: 'booked',
    serviceType: [{ text: 'Cardiology clinic' }],
    description: 'Cardiology clinic follow-up',
    start: '2027-03-15T12:30:00Z',
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
    ...fields,
  });
const observation = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'Observation',
    id,
    meta: source('F83999'),
    status: 'final',
    category: [{ coding: [{ code: 'vital-signs' }] }],
    code: { text: 'Weight' },
    subject,
    effectiveDateTime: '2025-04-25T12:55:00+01:00',
    valueQuantity: { value: 82.5, unit: 'kg' },
    ...fields,
  });
const report = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'DiagnosticReport',
    id,
    meta: source('RZ9'),
    status: 'final',
    code: { text: 'Urea and electrolytes' },
    subject,
    effectiveDateTime: '2026-08-05T09:30:00+01:00',
    conclusion: 'Serum creatinine low. Please review.',
    ...fields,
  });
const documentReference = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'DocumentReference',
    id,
    meta: source('RZ9'),
    status: 'current',
    docStatus: 'final',
    type: {
      coding: [{ system: 'https://care-record.example/CodeSystem/document-type', code: 'clinic-letter' }],
      text: 'Cardiology clinic letter',
    },
    subject,
    date: '2026-09-07T04:01:00Z',
    content: [{ attachment: { contentType: 'application/pdf', url: 'http://127.0.0.1:8080/fhir/Binary/doc' } }],
    ...fields,
  });
const carePlan = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'CarePlan',
    id,
    meta: source('LA999'),
    status: 'active',
    intent: 'plan',
    category: [{ text: 'Care and support plan (Care Act 2014)' }],
    title: 'Care and support plan',
    subject,
    created: '2026-08-16T10:04:00+01:00',
    ...fields,
  });
const episode = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'EpisodeOfCare',
    id,
    meta: source('RZ7'),
    status: 'active',
    type: [{ text: 'District nursing caseload' }],
    patient: subject,
    period: { start: '2026-05-12' },
    ...fields,
  });
const condition = (id: string, fields: Fields = {}) =>
  as({
    resourceType: 'Condition',
    id,
    meta: source('F83999'),
    clinicalStatus: { coding: [{ code: 'active' }] },
    code: { coding: [{ system: SNOMED, code: '26929004', display: "Alzheimer's disease" }] },
    subject,
    onsetDateTime: '2019-05-12',
    ...fields,
  });

function timeline(
  resources: TimelineResource[],
  options: { audience?: 'clinician' | 'resident'; settings?: CareSetting[] } = {},
): TimelineView {
  return timelineViewModel(
    { resources, patientId: PATIENT, organizations: ORGANIZATIONS },
    { audience: options.audience ?? 'clinician', now: NOW, settings: options.settings },
  );
}

const events = (view: TimelineView): TimelineEvent[] => [...view.days.flatMap((day) => day.events), ...view.undated];
const only = (view: TimelineView): TimelineEvent => {
  const all = events(view);
  assert.equal(all.length, 1, `expected one event, got ${all.map((event) => event.id).join(', ')}`);
  return all[0]!;
};
const pick = (event: TimelineEvent, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((key) => [key, event[key as keyof TimelineEvent]]));

describe('timeline events: type, setting, title, date and status', () => {
  const cases: { name: string; resource: TimelineResource; expected: Expected<TimelineEvent> }[] = [
    {
      name: 'GP consultation',
      resource: encounter('enc-1', { reasonCode: [{ text: 'Chest infection' }] }),
      expected: {
        id: 'Encounter/enc-1',
        type: 'consultation',
        setting: 'gp',
        title: 'GP consultation',
        detail: 'Chest infection',
        date: '12-Jan-2024',
        time: '15:20',
        status: 'Finished',
        future: false,
      },
    },
    {
      name: 'telephone consultation',
      resource: encounter('enc-2', {
        class: { code: 'VR' },
        type: [{ coding: [{ system: SNOMED, code: '185317003' }], text: 'Telephone consultation' }],
      }),
      expected: { type: 'consultation', setting: 'gp', title: 'Telephone consultation' },
    },
    {
      name: 'emergency department attendance',
      resource: encounter('enc-3', {
        meta: source('RZ9'),
        class: { code: 'EMER' },
        type: [{ coding: [{ system: SNOMED, code: '4525004' }], text: 'Emergency department attendance' }],
      }),
      expected: { type: 'a-and-e', setting: 'hospital', title: 'Emergency department attendance' },
    },
    {
      name: 'emergency admission',
      resource: encounter('enc-4', { meta: source('RZ9'), class: { code: 'IMP' }, type: [{ text: 'Emergency admission' }] }),
      expected: { type: 'admission', setting: 'hospital' },
    },
    {
      name: 'a discharge encounter',
      resource: encounter('enc-5', {
        meta: source('RZ9'),
        class: { code: 'IMP' },
        type: [{ coding: [{ system: SNOMED, code: '58000006', display: 'Patient discharge' }] }],
      }),
      expected: { type: 'discharge', title: 'Patient discharge' },
    },
    {
      name: 'hospital outpatient attendance',
      resource: encounter('enc-6', {
        meta: source('RZ9'),
        type: [{ coding: [{ system: SNOMED, code: '185389009' }], text: 'Outpatient attendance' }],
      }),
      expected: { type: 'outpatient', setting: 'hospital' },
    },
    {
      name: 'haemodialysis session at the hospital',
      resource: encounter('enc-7', { meta: source('RZ9'), type: [{ text: 'Haemodialysis session' }] }),
      expected: { type: 'outpatient', setting: 'hospital' },
    },
    {
      name: 'mental health care coordinator contact',
      resource: encounter('enc-8', { meta: source('RZ8'), type: [{ text: 'Care coordinator contact' }] }),
      expected: { type: 'consultation', setting: 'mental-health' },
    },
    {
      name: 'outpatient review with a psychiatrist',
      resource: encounter('enc-9', { meta: source('RZ8'), type: [{ text: 'Outpatient review with psychiatrist' }] }),
      expected: { type: 'outpatient', setting: 'mental-health' },
    },
    {
      name: 'Care Act needs assessment at home',
      resource: encounter('enc-10', { meta: source('LA999'), class: { code: 'HH' }, type: [{ text: 'Care Act needs assessment' }] }),
      expected: { type: 'assessment', setting: 'social-care' },
    },
    {
      name: 'care and support plan review',
      resource: encounter('enc-11', { meta: source('LA999'), class: { code: 'HH' }, type: [{ text: 'Care and support plan review' }] }),
      expected: { type: 'care-plan-review', setting: 'social-care' },
    },
    {
      name: 'district nursing home visit',
      resource: encounter('enc-12', { meta: source('RZ7'), class: { code: 'HH' }, type: [{ text: 'District nursing home visit' }] }),
      expected: { type: 'consultation', setting: 'community' },
    },
    {
      name: 'a coding display and no text',
      resource: encounter('enc-13', { type: [{ coding: [{ system: SNOMED, code: '11429006', display: 'Consultation' }] }] }),
      expected: { title: 'Consultation' },
    },
    {
      name: 'a code with no words: the code as sent, never a made-up name, never Not known',
      resource: encounter('enc-14', { type: [{ coding: [{ system: SNOMED, code: '999999999' }] }] }),
      expected: { title: 'SNOMED CT 999999999' },
    },
    {
      name: 'no type: the service type',
      resource: encounter('enc-15', { type: undefined, serviceType: { text: 'Physiotherapy' } }),
      expected: { title: 'Physiotherapy' },
    },
    {
      name: 'no type or service type: titled by its class',
      resource: encounter('enc-16', { type: undefined }),
      expected: { title: 'Ambulatory' },
    },
    {
      name: 'an unknown source and no organisation: from the encounter class',
      resource: encounter('enc-17', { meta: undefined, class: { code: 'EMER' }, type: undefined }),
      expected: { type: 'a-and-e', setting: 'hospital', source: { odsCode: 'unknown', name: 'Not known' } },
    },
    {
      name: 'an unknown source named by its service provider',
      resource: encounter('enc-18', { meta: undefined, serviceProvider: { display: 'Whittington Community Services' } }),
      expected: { setting: 'community' },
    },
    {
      name: 'a status outside FHIR',
      resource: encounter('enc-19', { status: 'done' }),
      expected: { status: 'Not known' },
    },
    {
      name: 'booked appointment in the future',
      resource: appointment('apt-1'),
      expected: {
        type: 'appointment',
        setting: 'hospital',
        title: 'Cardiology clinic',
        detail: 'Cardiology clinic follow-up',
        date: '15-Mar-2027',
        time: '12:30',
        status: 'Booked',
        future: true,
      },
    },
    {
      name: 'attended appointment in the past',
      resource: appointment('apt-2', { status: 'fulfilled', start: '2022-08-31T12:10:00Z' }),
      expected: { date: '31-Aug-2022', time: '13:10', status: 'Attended', future: false },
    },
    {
      name: 'missed GP appointment',
      resource: appointment('apt-3', {
        meta: source('F83999'),
        status: 'noshow',
        serviceType: [{ text: 'GP appointment' }],
        description: 'GP appointment',
        start: '2026-02-02T09:10:00Z',
      }),
      expected: { setting: 'gp', title: 'GP appointment', detail: undefined, status: 'Did not attend' },
    },
    {
      name: 'an appointment with no start, still being arranged: to come, as the appointments view has it',
      resource: appointment('apt-4', { status: 'proposed', start: undefined }),
      expected: { date: 'Not recorded', time: undefined, status: 'Proposed', future: true },
    },
    {
      name: 'an appointment one minute from now',
      resource: appointment('apt-5', { start: '2026-11-28T09:01:00Z' }),
      expected: { future: true, time: '09:01' },
    },
    {
      name: 'an appointment that started now is not in the future',
      resource: appointment('apt-6', { start: NOW }),
      expected: { future: false },
    },
    {
      name: 'blood pressure reading with its values',
      resource: observation('obs-1', {
        code: { text: 'Blood pressure' },
        valueQuantity: undefined,
        component: [
          { code: { text: 'Systolic' }, valueQuantity: { value: 145, unit: 'mmHg' } },
          { code: { text: 'Diastolic' }, valueQuantity: { value: 79, unit: 'mmHg' } },
        ],
      }),
      expected: {
        type: 'result',
        setting: 'gp',
        title: 'Blood pressure',
        detail: '145/79 mmHg',
        date: '25-Apr-2025',
        time: '12:55',
        status: 'Final',
      },
    },
    { name: 'weight', resource: observation('obs-2'), expected: { title: 'Weight', detail: '82.5 kg' } },
    {
      name: 'a home reading the resident entered',
      resource: observation('obs-3', { meta: source('resident'), code: { text: 'Weight (home reading)' } }),
      expected: { setting: 'resident', source: { odsCode: 'resident', name: 'Resident (self-reported)' } },
    },
    {
      name: 'smoking status is not a result',
      resource: observation('obs-4', {
        category: [{ coding: [{ code: 'social-history' }] }],
        code: { text: 'Smoking status' },
        valueQuantity: undefined,
        valueCodeableConcept: { text: 'Never smoked' },
      }),
      expected: { type: 'other', detail: 'Never smoked' },
    },
    {
      name: 'a result recorded as a date only has no time',
      resource: observation('obs-5', { effectiveDateTime: '2025-04-25' }),
      expected: { date: '25-Apr-2025', time: undefined },
    },
    {
      name: 'a result dated in the future is shown as recorded, not as an appointment, and said to be dated in the future',
      resource: observation('obs-6', { effectiveDateTime: '2031-01-01T10:00:00Z' }),
      expected: { date: '01-Jan-2031', future: false, dateNote: 'Dated in the future: check the record' },
    },
    {
      name: 'an unreadable date is not recorded',
      resource: observation('obs-7', { effectiveDateTime: '2026-13-01' }),
      expected: { date: 'Not recorded', time: undefined },
    },
    {
      name: 'laboratory report',
      resource: report('dr-1'),
      expected: {
        type: 'result',
        setting: 'hospital',
        title: 'Urea and electrolytes',
        detail: 'Serum creatinine low. Please review.',
        time: '09:30',
      },
    },
    {
      name: 'discharge summary',
      resource: documentReference('doc-1', {
        type: { coding: [{ system: SNOMED, code: '373942005', display: 'Discharge summary' }], text: 'Inpatient discharge summary' },
      }),
      expected: { type: 'discharge', title: 'Inpatient discharge summary', date: '07-Sep-2026', time: '05:01', status: 'Final' },
    },
    { name: 'clinic letter', resource: documentReference('doc-2'), expected: { type: 'letter', title: 'Cardiology clinic letter' } },
    {
      name: 'care programme approach review document',
      resource: documentReference('doc-3', { meta: source('RZ8'), type: { text: 'Care programme approach review' } }),
      expected: { type: 'care-plan-review', setting: 'mental-health' },
    },
    {
      name: 'carer’s assessment document',
      resource: documentReference('doc-4', { meta: source('LA999'), type: { text: "Carer's assessment" } }),
      expected: { type: 'assessment', setting: 'social-care' },
    },
    {
      name: 'a document with no type: its description',
      resource: documentReference('doc-5', { type: undefined, description: 'Letter from the stroke team' }),
      expected: { type: 'letter', title: 'Letter from the stroke team', detail: undefined },
    },
    {
      name: 'care and support plan',
      resource: carePlan('cp-1'),
      expected: {
        type: 'care-plan-review',
        setting: 'social-care',
        title: 'Care and support plan',
        detail: 'Care and support plan (Care Act 2014)',
        date: '16-Aug-2026',
        status: 'Active',
      },
    },
    {
      name: 'children’s services plan',
      resource: carePlan('cp-2', { meta: source('LA998'), title: 'Child protection plan', category: [{ text: 'Child protection plan' }] }),
      expected: { setting: 'social-care', title: 'Child protection plan', detail: undefined },
    },
    {
      name: 'district nursing episode',
      resource: episode('eoc-1'),
      expected: {
        type: 'other',
        setting: 'community',
        title: 'District nursing caseload',
        date: '12-May-2026',
        time: undefined,
        status: 'Active',
      },
    },
    {
      name: 'a diagnosis',
      resource: condition('con-1'),
      expected: { type: 'other', title: "Alzheimer's disease", date: '12-May-2019', status: 'Active' },
    },
    {
      name: 'a diagnosis known to the month only',
      resource: condition('con-2', { onsetDateTime: '2019-05', clinicalStatus: { coding: [{ code: 'resolved' }] } }),
      expected: { date: 'May-2019', status: 'Resolved' },
    },
    {
      name: 'a diagnosis with no onset: the date it was recorded',
      resource: condition('con-3', { onsetDateTime: undefined, recordedDate: '2019-05-19T12:10:00+01:00' }),
      expected: { date: '19-May-2019', time: '12:10' },
    },
    {
      name: 'a diagnosis with no dates and no status',
      resource: condition('con-4', { onsetDateTime: undefined, clinicalStatus: undefined }),
      expected: { date: 'Not recorded', status: 'Not known' },
    },
  ];
  for (const { name, resource, expected } of cases) {
    test(name, () => assert.deepEqual(pick(only(timeline([resource])), Object.keys(expected)), expected));
  }

  const withdrawn: { name: string; resource: TimelineResource }[] = [
    { name: 'encounter', resource: encounter('enc-x', { status: 'entered-in-error' }) },
    { name: 'appointment', resource: appointment('apt-x', { status: 'entered-in-error' }) },
    { name: 'document status', resource: documentReference('doc-x', { status: 'entered-in-error' }) },
    { name: 'document docStatus', resource: documentReference('doc-y', { docStatus: 'entered-in-error' }) },
    { name: 'condition verification', resource: condition('con-x', { verificationStatus: { coding: [{ code: 'entered-in-error' }] } }) },
  ];
  for (const { name, resource } of withdrawn) {
    test(`entered in error is not shown: ${name}`, () => {
      const view = timeline([resource, encounter('enc-kept')]);
      assert.deepEqual(
        events(view).map((event) => event.id),
        ['Encounter/enc-kept'],
      );
    });
  }

  test('resources without ids are still shown, each under a key of its own', () => {
    const view = timeline([encounter(''), encounter('', { period: { start: '2024-01-11T09:00:00Z' } })]);
    assert.deepEqual(
      events(view).map((event) => event.id),
      ['Encounter/(no id 1)', 'Encounter/(no id 2)'],
    );
  });

  test('items from a server that names no meta.source each keep their own source, not the first one read', () => {
    const view = timeline([
      encounter('enc-a', { meta: undefined, serviceProvider: { display: 'Whittington Community Services' } }),
      encounter('enc-b', {
        meta: undefined,
        serviceProvider: { display: 'Highbury Vale Hospital' },
        period: { start: '2024-01-11T09:00:00Z' },
      }),
      observation('obs-c', {
        meta: { source: 'https://care-record.example/source/resident' },
        performer: undefined,
        effectiveDateTime: '2024-01-10T09:00:00Z',
      }),
      observation('obs-d', {
        meta: { source: 'https://care-record.example/source/resident' },
        performer: [{ reference: 'RelatedPerson/rp-1', display: 'Sam Carer (carer)' }],
        effectiveDateTime: '2024-01-09T09:00:00Z',
      }),
    ]);
    assert.deepEqual(
      events(view).map((event) => [event.id, event.source.name]),
      [
        ['Encounter/enc-a', 'Whittington Community Services'],
        ['Encounter/enc-b', 'Highbury Vale Hospital'],
        ['Observation/obs-c', 'Resident (self-reported)'],
        ['Observation/obs-d', 'Sam Carer (carer)'],
      ],
    );
  });

  test('every place an event is dated from is one the timeline reads it from, first choice first', () => {
    for (const [resourceType, paths] of Object.entries(MOMENT_PATHS)) {
      paths.forEach((path, index) => {
        const resource: Record<string, unknown> = {
          resourceType,
          id: `${resourceType}-${index}`,
          status: 'final',
          subject,
          patient: subject,
          participant: [{ actor: subject }],
        };
        // This date, and a later one in every place after it: the first place given is the one read.
        for (const [at, later] of paths.entries()) {
          if (at < index) continue;
          let here = resource;
          for (const key of later.slice(0, -1))
            here = (here[key] ??= /^\d+$/.test(later[later.indexOf(key) + 1] ?? '') ? [] : {}) as Record<string, unknown>;
          here[later.at(-1)!] = at === index ? '2024-02-03' : '2025-06-07';
        }
        const view = timeline([as(resource)]);
        assert.equal(events(view)[0]?.date, '03-Feb-2024', `${resourceType} ${path.join('.')}`);
      });
    }
  });

  test('resources the timeline does not show are skipped', () => {
    const built = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: NOW });
    const result = built.add([
      encounter('enc-1'),
      as({ resourceType: 'Flag', id: 'flag-1', subject }),
      as({ resourceType: 'Patient', id: PATIENT }),
    ]);
    assert.deepEqual(result, { added: 1, updated: 0, skipped: 2 });
  });
});

describe('care settings', () => {
  const cases: {
    name: string;
    source: { odsCode: string; name: string };
    hints?: Parameters<typeof careSettingOf>[1];
    expected: CareSetting;
  }[] = [
    { name: 'resident entry', source: { odsCode: 'resident', name: 'Resident (self-reported)' }, expected: 'resident' },
    { name: 'a GP surgery by name', source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' }, expected: 'gp' },
    { name: 'a health centre practice', source: { odsCode: 'F83996', name: 'Caledonian Yard Health Centre' }, expected: 'gp' },
    { name: 'a group practice', source: { odsCode: 'Y01234', name: 'Amberley Fields Group Practice' }, expected: 'gp' },
    { name: 'an acute trust', source: { odsCode: 'RAP', name: 'North Middlesex University Hospital NHS Trust' }, expected: 'hospital' },
    {
      name: 'a foundation trust without "hospital"',
      source: { odsCode: 'RRV', name: 'University College London NHS Foundation Trust' },
      expected: 'hospital',
    },
    { name: 'a community trust', source: { odsCode: 'RYX', name: 'Central London Community Healthcare NHS Trust' }, expected: 'community' },
    {
      name: 'a mental health trust',
      source: { odsCode: 'RRP', name: 'Barnet, Enfield and Haringey Mental Health NHS Trust' },
      expected: 'mental-health',
    },
    { name: 'a council', source: { odsCode: 'LA999', name: 'Islington Adult Social Care' }, expected: 'social-care' },
    { name: "children's services", source: { odsCode: 'LA998', name: 'Islington Children’s Services' }, expected: 'social-care' },
    { name: 'unnamed GP practice code', source: { odsCode: 'A81001', name: 'Not known' }, expected: 'gp' },
    { name: 'unnamed council code', source: { odsCode: 'E09000019', name: 'Not known' }, expected: 'social-care' },
    { name: 'unnamed trust code', source: { odsCode: 'RZ9', name: 'Not known' }, expected: 'hospital' },
    {
      name: 'unnamed trust code, home visit',
      source: { odsCode: 'RZ9', name: 'Not known' },
      hints: { encounterClass: 'HH' },
      expected: 'community',
    },
    {
      name: 'unknown source, inpatient class',
      source: { odsCode: 'unknown', name: 'Not known' },
      hints: { encounterClass: 'IMP' },
      expected: 'hospital',
    },
    {
      name: 'unknown source, organisation named on the resource',
      source: { odsCode: 'unknown', name: 'Not known' },
      hints: { organizationName: 'Camden and Islington NHS Foundation Trust (mental health)' },
      expected: 'mental-health',
    },
    { name: 'nothing to go on', source: { odsCode: 'unknown', name: 'Not known' }, hints: { encounterClass: 'AMB' }, expected: 'other' },
    { name: 'the hub itself', source: { odsCode: 'hub', name: 'Care record hub' }, expected: 'other' },
  ];
  for (const { name, source: label, hints, expected } of cases) {
    test(name, () => assert.equal(careSettingOf(label, hints), expected));
  }

  test('every organisation of the synthetic borough', () => {
    const settings = new Map<string, CareSetting>();
    for (const [odsCode, name] of ORGANIZATIONS) settings.set(odsCode, careSettingOf({ odsCode, name }));
    assert.equal(settings.size, 35);
    const practices = [...settings].filter(([odsCode]) => /^F83\d{3}$/.test(odsCode));
    assert.equal(practices.length, 30);
    assert.deepEqual(new Set(practices.map(([, setting]) => setting)), new Set(['gp']));
    assert.deepEqual(
      ['RZ9', 'RZ7', 'RZ8', 'LA999', 'LA998'].map((odsCode) => settings.get(odsCode)),
      ['hospital', 'community', 'mental-health', 'social-care', 'social-care'],
    );
  });

  test('labels for filter chips', () => {
    assert.deepEqual(
      [
        careSettingLabel('gp', 'clinician'),
        careSettingLabel('resident', 'clinician'),
        careSettingLabel('gp', 'resident'),
        careSettingLabel('resident', 'resident'),
      ],
      ['GP', 'Resident', 'GP surgery', 'Added by you'],
    );
    assert.deepEqual(
      [timelineEventTypeLabel('a-and-e', 'clinician'), timelineEventTypeLabel('result', 'resident')],
      ['A&E attendances', 'Test results and readings'],
    );
  });
});

describe('timeline days: UK calendar, newest first', () => {
  const boundary: { at: string; isoDate: string; date: string; time: string }[] = [
    { at: '2026-03-28T23:30:00Z', isoDate: '2026-03-28', date: '28-Mar-2026', time: '23:30' },
    { at: '2026-03-29T00:30:00Z', isoDate: '2026-03-29', date: '29-Mar-2026', time: '00:30' },
    { at: '2026-03-29T23:30:00Z', isoDate: '2026-03-30', date: '30-Mar-2026', time: '00:30' },
    { at: '2026-10-24T23:30:00Z', isoDate: '2026-10-25', date: '25-Oct-2026', time: '00:30' },
    { at: '2026-10-25T23:30:00Z', isoDate: '2026-10-25', date: '25-Oct-2026', time: '23:30' },
    { at: '2026-06-30T23:15:00+00:00', isoDate: '2026-07-01', date: '01-Jul-2026', time: '00:15' },
    { at: '2026-12-31T23:59:00-05:00', isoDate: '2027-01-01', date: '01-Jan-2027', time: '04:59' },
  ];
  for (const { at, isoDate, date, time } of boundary) {
    test(`${at} is on ${isoDate} UK time at ${time}`, () => {
      const view = timeline([observation('obs-1', { effectiveDateTime: at })]);
      assert.deepEqual(
        view.days.map((day) => [day.isoDate, day.date, day.events.map((event) => event.time)]),
        [[isoDate, date, [time]]],
      );
    });
  }

  test('clock-change night: events either side of midnight group on their own UK days', () => {
    const view = timeline([
      observation('obs-a', { effectiveDateTime: '2026-10-24T22:30:00Z' }),
      observation('obs-b', { effectiveDateTime: '2026-10-24T23:30:00Z' }),
      observation('obs-c', { effectiveDateTime: '2026-10-25T00:30:00Z' }),
      observation('obs-d', { effectiveDateTime: '2026-10-25T01:30:00Z' }),
    ]);
    assert.deepEqual(
      view.days.map((day) => [day.isoDate, day.events.map((event) => `${event.id} ${event.time ?? ''}`)]),
      [
        ['2026-10-25', ['Observation/obs-d 01:30', 'Observation/obs-c 01:30', 'Observation/obs-b 00:30']],
        ['2026-10-24', ['Observation/obs-a 23:30']],
      ],
    );
  });

  test('newest first; untimed after timed on the same day; a month-only date after that month’s days; undated last', () => {
    const view = timeline([
      condition('con-month', { onsetDateTime: '2026-05' }),
      observation('obs-untimed', { effectiveDateTime: '2026-05-20' }),
      observation('obs-morning', { effectiveDateTime: '2026-05-20T08:00:00+01:00' }),
      observation('obs-evening', { effectiveDateTime: '2026-05-20T19:45:00+01:00' }),
      observation('obs-b-same', { effectiveDateTime: '2026-05-20T08:00:00+01:00' }),
      encounter('enc-june', { period: { start: '2026-06-01T10:00:00+01:00' } }),
      appointment('apt-undated', { start: undefined }),
      condition('con-year', { onsetDateTime: '2025' }),
      observation('obs-undated', { effectiveDateTime: undefined }),
    ]);
    assert.deepEqual(
      view.days.map((day) => [day.date, day.events.map((event) => event.id)]),
      [
        ['01-Jun-2026', ['Encounter/enc-june']],
        ['20-May-2026', ['Observation/obs-evening', 'Observation/obs-b-same', 'Observation/obs-morning', 'Observation/obs-untimed']],
        ['May-2026', ['Condition/con-month']],
        ['2025', ['Condition/con-year']],
      ],
    );
    assert.deepEqual(
      view.undated.map((event) => [event.id, event.date]),
      [
        ['Appointment/apt-undated', 'Not recorded'],
        ['Observation/obs-undated', 'Not recorded'],
      ],
    );
    assert.equal(view.total, 9);
  });

  test('for the resident: dates in words, NOPAT left out', () => {
    const nopat = { ...source('RZ8'), security: [{ system: ACT_CODE, code: 'NOPAT' }] };
    const resources = [
      encounter('enc-1', { period: { start: '2026-03-29T10:00:00+01:00' } }),
      documentReference('doc-risk', { meta: nopat, type: { text: 'Care programme approach review' } }),
    ];
    const resident = timeline(resources, { audience: 'resident' });
    assert.deepEqual(
      resident.days.map((day) => [day.date, day.isoDate, day.events.map((event) => [event.id, event.date, event.time])]),
      [['29 March 2026', '2026-03-29', [['Encounter/enc-1', '29 March 2026', '10am']]]],
    );
    assert.equal(timeline(resources).total, 2);
  });
});

describe('timeline filters and counts', () => {
  const resources = [
    encounter('enc-gp'),
    observation('obs-gp'),
    report('dr-hosp'),
    appointment('apt-hosp'),
    encounter('enc-sc', { meta: source('LA999'), class: { code: 'HH' }, type: [{ text: 'Care Act needs assessment' }] }),
    observation('obs-home', { meta: source('resident') }),
  ];
  const built = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: NOW });
  built.add(resources);

  const zeroSettings = { gp: 0, hospital: 0, community: 0, 'mental-health': 0, 'social-care': 0, resident: 0, carer: 0, other: 0 };
  const zeroTypes = {
    consultation: 0,
    admission: 0,
    discharge: 0,
    'a-and-e': 0,
    outpatient: 0,
    result: 0,
    appointment: 0,
    assessment: 0,
    'care-plan-review': 0,
    letter: 0,
    other: 0,
  };
  /** Every event in the order shown, and how many each setting holds in all. */
  const EVERY_EVENT = [
    'Appointment/apt-hosp',
    'DiagnosticReport/dr-hosp',
    'Observation/obs-gp',
    'Observation/obs-home',
    'Encounter/enc-gp',
    'Encounter/enc-sc',
  ];
  const EVERY_SETTING = { gp: 2, hospital: 2, 'social-care': 1, resident: 1 };
  const cases: {
    name: string;
    filters: Parameters<typeof built.view>[0];
    ids: string[];
    settings: Partial<typeof zeroSettings>;
    types: Partial<typeof zeroTypes>;
  }[] = [
    {
      name: 'no filters',
      filters: {},
      ids: EVERY_EVENT,
      settings: EVERY_SETTING,
      types: { consultation: 1, result: 3, appointment: 1, assessment: 1 },
    },
    {
      name: 'empty filter lists mean everything',
      filters: { settings: [], types: [] },
      ids: EVERY_EVENT,
      settings: EVERY_SETTING,
      types: { consultation: 1, result: 3, appointment: 1, assessment: 1 },
    },
    {
      name: 'GP only: setting counts stay whole, type counts follow the setting',
      filters: { settings: ['gp'] },
      ids: ['Observation/obs-gp', 'Encounter/enc-gp'],
      settings: EVERY_SETTING,
      types: { consultation: 1, result: 1 },
    },
    {
      name: 'results only',
      filters: { types: ['result'] },
      ids: ['DiagnosticReport/dr-hosp', 'Observation/obs-gp', 'Observation/obs-home'],
      settings: { gp: 1, hospital: 1, resident: 1 },
      types: { consultation: 1, result: 3, appointment: 1, assessment: 1 },
    },
    {
      name: 'hospital and social care results and assessments',
      filters: { settings: ['hospital', 'social-care'], types: ['result', 'assessment'] },
      ids: ['DiagnosticReport/dr-hosp', 'Encounter/enc-sc'],
      settings: { gp: 1, hospital: 1, 'social-care': 1, resident: 1 },
      types: { result: 1, appointment: 1, assessment: 1 },
    },
    {
      name: 'a setting with nothing in it',
      filters: { settings: ['mental-health'] },
      ids: [],
      settings: EVERY_SETTING,
      types: {},
    },
  ];
  for (const { name, filters, ids, settings, types } of cases) {
    test(name, () => {
      const view = built.view(filters);
      assert.deepEqual(
        events(view).map((event) => event.id),
        ids,
      );
      assert.equal(view.total, ids.length);
      assert.deepEqual(view.counts, { settings: { ...zeroSettings, ...settings }, types: { ...zeroTypes, ...types } });
    });
  }

  test('the same filters give the same view until more resources arrive', () => {
    const first = built.view({ types: ['result'] });
    assert.equal(built.view({ types: ['result'] }), first);
    const other = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: NOW });
    other.add(resources);
    const before = other.view();
    other.add([observation('obs-new', { effectiveDateTime: '2026-11-01T10:00:00Z' })]);
    assert.notEqual(other.view(), before);
    assert.equal(other.view().total, 7);
  });
});

describe('timeline paging', () => {
  const newTimeline = () => createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: NOW });

  test('overlapping pages: each resource once; a newer version replaces the older, an older one is ignored', () => {
    const built = newTimeline();
    const v1 = { versionId: '1', lastUpdated: '2026-01-01T10:00:00Z', ...source('F83999') };
    const v2 = { versionId: '2', lastUpdated: '2026-02-01T10:00:00Z', ...source('F83999') };
    assert.deepEqual(built.add([encounter('enc-1', { meta: v1 }), encounter('enc-2', { meta: v1 })]), { added: 2, updated: 0, skipped: 0 });
    assert.deepEqual(built.add([encounter('enc-2', { meta: v2, type: [{ text: 'GP home visit' }] }), encounter('enc-3')]), {
      added: 1,
      updated: 1,
      skipped: 0,
    });
    assert.deepEqual(built.add([encounter('enc-2', { meta: v1 })]), { added: 0, updated: 0, skipped: 1 });
    assert.equal(built.size, 3);
    const view = built.view();
    assert.deepEqual(
      events(view).map((event) => [event.id, event.title]),
      [
        ['Encounter/enc-1', 'GP consultation'],
        ['Encounter/enc-2', 'GP home visit'],
        ['Encounter/enc-3', 'GP consultation'],
      ],
    );
  });

  test('a newer version that moves an event to another day moves it', () => {
    const built = newTimeline();
    built.add([encounter('enc-1'), encounter('enc-2', { period: { start: '2025-06-01T09:00:00+01:00' } })]);
    built.add([encounter('enc-1', { period: { start: '2026-01-05T09:00:00Z' } })]);
    assert.deepEqual(
      built.view().days.map((day) => [day.isoDate, day.events.map((event) => event.id)]),
      [
        ['2026-01-05', ['Encounter/enc-1']],
        ['2025-06-01', ['Encounter/enc-2']],
      ],
    );
  });

  test('a later page withdrawing an item (entered in error) removes it', () => {
    const built = newTimeline();
    built.add([encounter('enc-1'), encounter('enc-2')]);
    built.add([encounter('enc-1', { status: 'entered-in-error' })]);
    assert.deepEqual(
      events(built.view()).map((event) => event.id),
      ['Encounter/enc-2'],
    );
    assert.equal(built.size, 1);
  });

  test('a report’s observations are shown within the report, whichever page arrives first', () => {
    const results = [
      observation('obs-na', { meta: source('RZ9'), category: [{ coding: [{ code: 'laboratory' }] }], code: { text: 'Serum sodium' } }),
      observation('obs-k', { meta: source('RZ9'), category: [{ coding: [{ code: 'laboratory' }] }], code: { text: 'Serum potassium' } }),
    ];
    const withResults = report('dr-1', {
      result: [{ reference: 'Observation/obs-na' }, { reference: 'https://hub.example/fhir/Observation/obs-k' }],
    });
    const built = newTimeline();
    built.add([...results, observation('obs-weight')]);
    assert.equal(built.view().total, 3);
    built.add([withResults]);
    assert.deepEqual(
      events(built.view()).map((event) => event.id),
      ['DiagnosticReport/dr-1', 'Observation/obs-weight'],
    );
    built.add([report('dr-1', { result: [{ reference: 'Observation/obs-na' }] })]);
    assert.deepEqual(
      events(built.view()).map((event) => event.id),
      ['DiagnosticReport/dr-1', 'Observation/obs-k', 'Observation/obs-weight'],
    );
  });

  test('for the resident, the results of a report they may not see are left out with it', () => {
    const nopat = { ...source('RZ9'), security: [{ system: ACT_CODE, code: 'NOPAT' }] };
    const result = observation('obs-hidden', { meta: source('RZ9'), code: { text: 'Serum lithium' } });
    const resources = [
      result,
      report('dr-hidden', { meta: nopat, result: [{ reference: 'Observation/obs-hidden' }] }),
      observation('obs-weight'),
    ];
    const resident = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'resident', now: NOW });
    resident.add(resources);
    assert.deepEqual(
      events(resident.view()).map((event) => event.id),
      ['Observation/obs-weight'],
    );
    resident.add([report('dr-hidden', { meta: source('RZ9'), result: [{ reference: 'Observation/obs-hidden' }] })]);
    assert.deepEqual(
      events(resident.view()).map((event) => event.id),
      ['DiagnosticReport/dr-hidden', 'Observation/obs-weight'],
    );
    resident.add([report('dr-hidden', { meta: nopat, result: [] })]);
    assert.deepEqual(
      events(resident.view()).map((event) => event.id),
      ['Observation/obs-hidden', 'Observation/obs-weight'],
    );
    assert.deepEqual(
      events(timeline(resources)).map((event) => event.id),
      ['DiagnosticReport/dr-hidden', 'Observation/obs-weight'],
    );
  });

  test('pages in any order give the same timeline as everything at once', () => {
    const record = borough.resident(0);
    const resources = record.resources.filter(isTimelineResource);
    const options = { patientId: record.patient.id!, organizations: ORGANIZATIONS, audience: 'clinician' as const, now: NOW };
    const whole = createTimeline(options);
    whole.add(resources);
    const paged = createTimeline(options);
    const shuffled = [...resources].reverse();
    for (let start = 0; start < shuffled.length; start += 7) paged.add(shuffled.slice(start, start + 7));
    paged.add(resources.slice(0, 20));
    assert.deepEqual(paged.view(), whole.view());
    assert.equal(paged.size, resources.length);
  });
});

describe('timeline wrong-patient guard', () => {
  const cases: { name: string; resource: TimelineResource; issue: string }[] = [
    {
      name: 'encounter for another patient',
      resource: encounter('enc-x', { subject: { reference: 'Patient/pat-0002' } }),
      issue: 'One Encounter was not shown: it belongs to a different patient.',
    },
    {
      name: 'observation with no subject',
      resource: observation('obs-x', { subject: undefined }),
      issue: 'One Observation was not shown: it does not say which patient it belongs to.',
    },
    {
      name: 'episode of care for another patient',
      resource: episode('eoc-x', { patient: { reference: 'Patient/pat-0002' } }),
      issue: 'One EpisodeOfCare was not shown: it belongs to a different patient.',
    },
    {
      name: 'appointment whose patient is someone else',
      resource: appointment('apt-x', { participant: [{ actor: { reference: 'Patient/pat-0002' }, status: 'accepted' }] }),
      issue: 'One Appointment was not shown: it belongs to a different patient.',
    },
    {
      name: 'appointment with no patient among its participants',
      resource: appointment('apt-y', { participant: [{ actor: { reference: 'Practitioner/prac-0002' }, status: 'accepted' }] }),
      issue: 'One Appointment was not shown: it does not say which patient it belongs to.',
    },
  ];
  for (const { name, resource, issue } of cases) {
    test(name, () => {
      const view = timeline([resource, encounter('enc-mine')]);
      assert.deepEqual(
        events(view).map((event) => event.id),
        ['Encounter/enc-mine'],
      );
      assert.deepEqual(
        view.safetyIssues.map((found) => found.message),
        [issue],
      );
    });
  }

  test('a report for another patient does not hide this patient’s observations', () => {
    const view = timeline([
      observation('obs-1'),
      report('dr-x', { subject: { reference: 'Patient/pat-0002' }, result: [{ reference: 'Observation/obs-1' }] }),
    ]);
    assert.deepEqual(
      events(view).map((event) => event.id),
      ['Observation/obs-1'],
    );
    assert.deepEqual(
      view.safetyIssues.map((issue) => issue.message),
      ['One DiagnosticReport was not shown: it belongs to a different patient.'],
    );
  });
});

/** Copies of one resident's record with distinct ids, as a long record is paged in. */
function copiesOf(resources: readonly Resource[], patientId: string, count: number): TimelineResource[] {
  const text = JSON.stringify(resources.filter(isTimelineResource));
  const copies: TimelineResource[] = [];
  for (let copy = 0; copy < count; copy++)
    copies.push(
      ...(JSON.parse(
        text.replaceAll(`"${patientId}-`, `"${patientId}-c${copy}-`).replaceAll(`/${patientId}-`, `/${patientId}-c${copy}-`),
      ) as TimelineResource[]),
    );
  return copies;
}

describe('timeline at 10,000+ events', () => {
  const record = borough.resident(1);
  const patientId = record.patient.id!;
  const options = { patientId, organizations: ORGANIZATIONS, audience: 'clinician' as const, now: NOW };
  const single = createTimeline(options);
  single.add(record.resources.filter(isTimelineResource));
  const one = single.view();
  const resources = copiesOf(record.resources, patientId, 3);
  const whole = createTimeline(options);
  whole.add(resources);
  const view = whole.view();

  test('the long-history resident alone has thousands of events across settings', () => {
    assert.ok(one.total > 4000, `events: ${one.total}`);
    assert.ok(one.counts.settings.gp > 100 && one.counts.settings.hospital > 1000 && one.counts.settings.resident > 10);
  });

  test('three copies: three times the events, the counts and the days’ events', () => {
    assert.ok(view.total >= 10_000, `events: ${view.total}`);
    assert.equal(view.total, one.total * 3);
    for (const [setting, count] of Object.entries(one.counts.settings))
      assert.equal(view.counts.settings[setting as CareSetting], count * 3, setting);
    assert.equal(view.days.length, one.days.length);
    assert.deepEqual(
      view.days.map((day) => day.events.length),
      one.days.map((day) => day.events.length * 3),
    );
    assert.equal(
      Object.values(view.counts.types).reduce((sum, count) => sum + count, 0),
      view.total,
    );
  });

  test('days newest first, each event on its day, timed events newest first then untimed', () => {
    for (let index = 1; index < view.days.length; index++)
      assert.ok(view.days[index - 1]!.isoDate > view.days[index]!.isoDate, view.days[index]!.isoDate);
    for (const day of view.days) {
      const times = day.events.map((event) => event.time ?? '');
      assert.deepEqual(times, [...times].sort().reverse(), day.isoDate);
      for (const event of day.events) assert.equal(event.date, day.date);
    }
  });

  test('future appointments come first and are the only future events', () => {
    const future = events(view).filter((event) => event.future);
    assert.ok(future.length > 0);
    assert.ok(future.every((event) => event.type === 'appointment' && event.status === 'Booked'));
    assert.deepEqual(events(view).slice(0, future.length), future);
  });

  test('paged in 50 at a time, newest page last: the same view', () => {
    const paged = createTimeline(options);
    for (let start = 0; start < resources.length; start += 50) paged.add(resources.slice(start, start + 50));
    assert.deepEqual(paged.view(), view);
    assert.deepEqual(paged.view({ settings: ['gp'], types: ['consultation'] }), whole.view({ settings: ['gp'], types: ['consultation'] }));
  });

  test('filtered: hospital results, the same events as filtering by hand', () => {
    const filtered = whole.view({ settings: ['hospital'], types: ['result'] });
    const byHand = events(view).filter((event) => event.setting === 'hospital' && event.type === 'result');
    assert.deepEqual(events(filtered), byHand);
    assert.equal(filtered.total, single.view({ settings: ['hospital'], types: ['result'] }).total * 3);
    assert.equal(filtered.counts.types.result, filtered.total);
  });
});

describe('timelineViewModel over the first 300 synthetic residents', () => {
  for (const audience of ['clinician', 'resident'] as const) {
    test(`${audience}: every string is real text, every event has a known setting`, () => {
      const settings = new Set<string>();
      let total = 0;
      let strings = 0;
      for (const record of borough.residents()) {
        const view = timelineViewModel(
          { resources: record.resources.filter(isTimelineResource), patientId: record.patient.id!, organizations: ORGANIZATIONS },
          { audience, now: NOW },
        );
        strings += assertDisplayable(view, `${record.patient.id} (${audience})`);
        assert.deepEqual(view.safetyIssues, []);
        for (const event of events(view)) settings.add(event.setting);
        total += view.total;
      }
      assert.deepEqual([...settings].sort(), ['community', 'gp', 'hospital', 'mental-health', 'resident', 'social-care']);
      assert.ok(total > 10_000, `events: ${total}`);
      assert.ok(strings > 50_000, `strings checked: ${strings}`);
    });
  }
});

describe('event status for each audience', () => {
  const statusOf = (audience: 'clinician' | 'resident', resource: TimelineResource) => {
    const timeline = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience, now: NOW });
    timeline.add([resource]);
    const [event] = [...timeline.view().days.flatMap((day) => day.events), ...timeline.view().undated];
    return event?.status;
  };
  const cases: { name: string; resource: TimelineResource; clinician: string; resident: string | undefined }[] = [
    { name: 'a finished consultation', resource: encounter('e1', { status: 'finished' }), clinician: 'Finished', resident: undefined },
    { name: 'a cancelled contact', resource: encounter('e2', { status: 'cancelled' }), clinician: 'Cancelled', resident: 'Cancelled' },
    { name: 'an unknown status', resource: encounter('e3', { status: 'made-up' }), clinician: 'Not known', resident: undefined },
  ];
  for (const { name, resource, clinician, resident } of cases) {
    test(`${name}: clinicians see "${clinician}", residents ${resident ? `see "${resident}"` : 'see no status'}`, () => {
      assert.equal(statusOf('clinician', resource), clinician);
      assert.equal(statusOf('resident', resource), resident);
    });
  }
});

describe('readings the resident took themselves', () => {
  const eventOf = (resource: TimelineResource) => {
    const timeline = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: NOW });
    timeline.add([resource]);
    return timeline.view().days[0]!.events[0]!;
  };

  test('a reading whose performer is the patient is the resident’s, whatever its meta.source', () => {
    const event = eventOf(
      observation('home-bp', {
        meta: source('F83999'),
        performer: [{ reference: `Patient/${PATIENT}` }],
        effectiveDateTime: '2026-11-20T08:00:00Z',
      }),
    );
    assert.equal(event.setting, 'resident');
    assert.equal(event.source.odsCode, 'resident');
  });

  test('a reading a clinician took stays theirs', () => {
    const event = eventOf(
      observation('clinic-bp', {
        meta: source('F83999'),
        performer: [{ reference: 'Practitioner/prac-1' }],
        effectiveDateTime: '2026-11-20T08:00:00Z',
      }),
    );
    assert.equal(event.setting, 'gp');
    assert.equal(event.source.odsCode, 'F83999');
  });
});

describe('one unreadable item does not take down the timeline', () => {
  const unreadable = (view: TimelineView) => events(view).filter((event) => event.unreadable);
  const cases: { name: string; resource: TimelineResource; source: string }[] = [
    {
      name: 'a date that is an object',
      resource: observation('obs-bad', { effectiveDateTime: { value: '2025-01-01' } }),
      source: ORGANIZATIONS.get('F83999') ?? '',
    },
    {
      name: 'codings that are not a list',
      resource: carePlan('cp-bad', { title: undefined, category: [{ coding: 7 }] }),
      source: ORGANIZATIONS.get('LA999') ?? '',
    },
  ];
  for (const { name, resource, source: sourceName } of cases) {
    test(name, () => {
      const view = timeline([resource, encounter('enc-mine')]);
      const ids = events(view).map((event) => event.id);
      assert.ok(ids.includes('Encounter/enc-mine'), 'the readable event is still shown');
      const [line, ...more] = unreadable(view);
      assert.equal(more.length, 0);
      assert.equal(line?.id, `${resource.resourceType}/${String(resource.id)}`);
      assert.equal(line?.title, `One item from ${sourceName} could not be read`);
      assert.equal(view.unreadable, 1);
      assert.equal(view.safetyIssues.length, 1);
      assert.equal(view.safetyIssues[0]?.code, 'unreadable');
      assert.equal(`${view.safetyIssues[0]?.resourceType}/${view.safetyIssues[0]?.resourceId}`, line?.id);
      assert.match(view.safetyIssues[0]?.message ?? '', /could not be read/);
      assertDisplayable(view, name);
    });
  }

  test('a number where a text belongs is treated as no text: the item is read and named from its other fields', () => {
    for (const resource of [
      documentReference('doc-odd', { content: [{ attachment: { title: 5 } }] }),
      encounter('enc-odd', { type: [{ text: 42 }] }),
    ]) {
      const view = timeline([resource]);
      const event = only(view);
      assert.equal(event.unreadable, undefined, resource.id);
      assert.doesNotMatch(event.title, /\b5\b|\b42\b|undefined|object/, resource.id);
      assert.deepEqual(view.safetyIssues, []);
    }
  });

  test('a document whose content has no attachment is read from its other fields', () => {
    const view = timeline([documentReference('doc-1', { content: [{ format: { code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient' } }] })]);
    const event = only(view);
    assert.equal(event.unreadable, undefined);
    assert.equal(event.title, 'Cardiology clinic letter');
    assert.equal(event.date, '07-Sep-2026');
  });

  test('a null among an appointment’s participants: the appointment is read, the null ignored', () => {
    const view = timeline([
      appointment('apt-null', { participant: [null, { actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }, { actor: null }] }),
    ]);
    const event = only(view);
    assert.equal(event.id, 'Appointment/apt-null');
    assert.equal(event.unreadable, undefined);
    assert.equal(event.title, 'Cardiology clinic');
  });

  test('an appointment whose participants are not a list says it cannot be read, never whose it is', () => {
    const view = timeline([appointment('apt-odd', { participant: 'Patient/pat-0001' }), encounter('enc-mine')]);
    assert.deepEqual(
      events(view).map((event) => [event.id, event.unreadable ?? false, event.title]),
      [
        ['Appointment/apt-odd', true, `One item from ${ORGANIZATIONS.get('RZ9') ?? ''} could not be read`],
        ['Encounter/enc-mine', false, 'GP consultation'],
      ],
    );
  });

  test('an unreadable item keeps its date when the date can be read, and is counted under its source’s setting', () => {
    const view = timeline([appointment('apt-odd', { participant: 'Patient/pat-0001' })]);
    const event = only(view);
    assert.equal(event.unreadable, true);
    assert.notEqual(event.date, 'Not recorded');
    assert.equal(event.setting, 'hospital');
    assert.equal(view.counts.settings.hospital, 1);
  });

  test('a later readable version replaces the unreadable line', () => {
    const built = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: NOW });
    built.add([appointment('apt-1', { participant: 'Patient/pat-0001', meta: { ...source('RZ9'), lastUpdated: '2026-09-07T00:00:00Z' } })]);
    assert.equal(built.view().unreadable, 1);
    built.add([appointment('apt-1', { meta: { ...source('RZ9'), lastUpdated: '2026-09-08T00:00:00Z' } })]);
    const view = built.view();
    assert.equal(view.unreadable, 0);
    assert.deepEqual(view.safetyIssues, []);
    assert.equal(only(view).title, 'Cardiology clinic');
  });
});
