import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { createBorough, DEFAULT_NOW } from '@care-record/synthetic';

import type { SummaryBundle } from '../../src/fhir.js';
import {
  summaryViewModel,
  SUMMARY_SECTION_ORDER,
  type SectionState,
  type SummaryOptions,
  type SummarySectionKey,
  type SummaryViewModel,
} from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const summaryExample = (): SummaryBundle =>
  (
    JSON.parse(readFileSync(new URL('../../../../openapi/examples/patient-summary.json', import.meta.url), 'utf8')) as {
      value: SummaryBundle;
    }
  ).value;

/** The example without its notices: nothing withheld, every source answered. */
const completeExample = (): SummaryBundle => {
  const { meta: _meta, ...bundle } = summaryExample();
  return { ...bundle, entry: (bundle.entry ?? []).filter((entry) => entry.resource.resourceType !== 'OperationOutcome') };
};

const NOW = '2026-11-28T09:30:12Z';
const PATIENT = 'pat-0001';
const clinician: SummaryOptions = { audience: 'clinician', now: NOW, patientId: PATIENT };
const resident: SummaryOptions = { audience: 'resident', now: NOW, patientId: PATIENT };

const states = (model: SummaryViewModel): Record<SummarySectionKey, SectionState> =>
  Object.fromEntries(SUMMARY_SECTION_ORDER.map((key) => [key, model.sections[key].state])) as Record<SummarySectionKey, SectionState>;
const allStates = (state: SectionState): Record<SummarySectionKey, SectionState> =>
  Object.fromEntries(SUMMARY_SECTION_ORDER.map((key) => [key, state])) as Record<SummarySectionKey, SectionState>;

const subject = { reference: `Patient/${PATIENT}` };
const patientResource = { resourceType: 'Patient', id: PATIENT };
const flag = (id: string, code: string, text: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Flag',
  id,
  meta: { source: 'https://care-record.example/source/F83999' },
  status: 'active',
  code: { coding: [{ system: 'https://care-record.example/CodeSystem/alert', code }], text },
  subject,
  period: { start: '2025-01-01' },
  ...extra,
});

describe('summaryViewModel: the contract example', () => {
  const model = summaryViewModel(summaryExample(), clinician);

  test('PRSB order, clinician headings', () => {
    assert.deepEqual(model.order, [
      'alerts',
      'allergies',
      'problems',
      'medications',
      'procedures',
      'immunisations',
      'legal',
      'contacts',
      'carePlans',
      'goals',
      'involvement',
      'appointments',
    ]);
    assert.deepEqual(
      model.order.map((key) => model.sections[key].heading),
      [
        'Alerts and safeguarding',
        'Allergies and adverse reactions',
        'Problems and issues',
        'Medications',
        'Procedures',
        'Vaccinations',
        'Legal information and advance decisions',
        'Personal contacts',
        'Care and support plans',
        'Goals',
        'Services involved',
        'Upcoming appointments',
      ],
    );
  });

  test('withheld items and the unavailable trust make every section partial, with both notices', () => {
    assert.deepEqual(states(model), allStates('partial'));
    assert.equal(model.withheld, true);
    assert.deepEqual(model.unavailableSources, [{ odsCode: 'RZ8', name: 'Caledonian Mental Health NHS Trust' }]);
    assert.deepEqual(model.sections.problems.notices, [
      'Information from Caledonian Mental Health NHS Trust is unavailable',
      'Some information is not shown',
    ]);
    assert.deepEqual(model.safetyIssues, []);
  });

  test('alerts: the newest first, each with its source; the LPA goes to legal', () => {
    assert.deepEqual(model.sections.alerts.items, [
      {
        id: 'flag-0002',
        text: 'At risk of falls — fall at home October 2026',
        category: 'Safety',
        kind: 'safety',
        since: '02-Nov-2026',
        notYetInForce: false,
        recordedBy: 'Dr Priya Raman',
        source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
      },
      {
        id: 'flag-0003',
        text: 'May become distressed and hit out during personal care; two carers advised',
        category: 'Safety',
        kind: 'safety',
        since: '12-Oct-2026',
        notYetInForce: false,
        recordedBy: 'Mr Kemal Arslan',
        source: { odsCode: 'LA999', name: 'Islington Adult Social Care' },
      },
    ]);
    assert.deepEqual(model.sections.legal.items, [
      {
        id: 'flag-0001',
        text: 'Lasting power of attorney for health and welfare: Selin Kaya-Morgan (daughter)',
        category: 'Administrative',
        kind: 'lasting-power-of-attorney',
        since: '19-Aug-2024',
        notYetInForce: false,
        recordedBy: 'Islington Adult Social Care',
        source: { odsCode: 'LA999', name: 'Islington Adult Social Care' },
      },
    ]);
  });

  test('allergies: known, still naming the source that did not answer', () => {
    const { allergies, items, emptyText } = model.sections.allergies;
    assert.equal(allergies.kind, 'known');
    assert.deepEqual(allergies.kind === 'known' && allergies.unavailableSources, [
      { odsCode: 'RZ8', name: 'Caledonian Mental Health NHS Trust' },
    ]);
    assert.deepEqual(
      items.map((item) => [item.substance, item.criticality, item.source.name]),
      [['Penicillin allergy', 'High', 'Tufnell Green Surgery']],
    );
    assert.equal(emptyText, 'Known allergies');
  });

  test('problems: newest first, onset as recorded', () => {
    assert.deepEqual(
      model.sections.problems.items.map((item) => [item.id, item.text, item.onset, item.recorded, item.recordedBy, item.source.odsCode]),
      [
        [
          'con-0003',
          "Alzheimer's disease",
          'Memory problems noticed by family over about two years',
          '15-Sep-2026',
          'Dr Tomasz Nowak',
          'RZ9',
        ],
        ['con-0001', 'Type 2 diabetes mellitus', 'May-2011', '17-May-2011', 'Dr Priya Raman', 'F83999'],
        ['con-0002', 'Hypertension', '2009', '11-Feb-2009', 'Dr Priya Raman', 'F83999'],
      ],
    );
    assert.deepEqual(model.sections.problems.past, []);
  });

  test('medication headline: GP and hospital amlodipine counted once with both sources', () => {
    // The GP's statement comes without its authorisation: nothing here says repeat or acute, so neither is claimed.
    assert.deepEqual(model.sections.medications.headline, { total: 2, repeat: 0, acute: 0, other: 2, moreCount: 0 });
    assert.deepEqual(model.sections.medications.items, [
      {
        name: 'Amlodipine 5mg tablets',
        kind: 'other',
        sources: [
          { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
          { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' },
        ],
      },
      { name: 'Paracetamol 500mg tablets', kind: 'other', sources: [{ odsCode: 'resident', name: 'Resident (self-reported)' }] },
    ]);
  });

  test('contacts, care plans, services and appointments', () => {
    assert.deepEqual(model.sections.contacts.items, [
      {
        id: 'rp-0001',
        name: 'KAYA-MORGAN, Selin (Ms)',
        relationships: ['Daughter', 'Main unpaid carer', 'Next of kin'],
        carer: true,
        nextOfKin: true,
        phone: '07700 900123',
        notYetStarted: false,
        source: { odsCode: 'LA999', name: 'Islington Adult Social Care' },
      },
    ]);
    assert.deepEqual(
      model.sections.carePlans.items.map((plan) => [
        plan.title,
        plan.category,
        plan.status,
        plan.start,
        plan.reviewDate,
        plan.reviewOverdue,
        plan.author,
      ]),
      [['Care and support plan', 'Care and support plan (Care Act 2014)', 'Active', '20-Nov-2025', '20-Nov-2026', true, 'Mr Kemal Arslan']],
    );
    assert.deepEqual(model.sections.involvement.items, [
      {
        id: 'eoc-0001',
        service: 'Long-term support (Care Act 2014)',
        organisation: 'Islington Adult Social Care',
        careManager: 'Mr Kemal Arslan',
        team: 'Adult Social Care — North Locality Team',
        since: '03-Nov-2025',
        notYetStarted: false,
        socialCare: true,
        source: { odsCode: 'LA999', name: 'Islington Adult Social Care' },
      },
      {
        id: 'eoc-0002',
        service: 'Memory assessment service',
        organisation: 'Highbury Vale Hospital NHS Trust',
        careManager: 'Dr Tomasz Nowak',
        since: '28-Jul-2026',
        notYetStarted: false,
        socialCare: false,
        source: { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' },
      },
    ]);
    assert.deepEqual(model.sections.appointments.items, [
      {
        id: 'apt-0001',
        description: 'Memory clinic follow-up',
        service: 'Memory clinic',
        date: '09-Dec-2026',
        time: '10:30',
        with: 'Dr Tomasz Nowak',
        location: 'Memory Clinic, Outpatients Level 2, Highbury Vale Hospital',
        organisation: 'Highbury Vale Hospital NHS Trust',
        instruction: 'Please bring your medicines. A Turkish interpreter has been booked.',
        source: { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' },
      },
      {
        id: 'apt-0002',
        description: 'Blood pressure and medication review',
        service: 'GP appointment',
        date: '14-Jan-2027',
        time: '09:10',
        with: 'Dr Priya Raman',
        location: 'Not known',
        organisation: 'Tufnell Green Surgery',
        source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
      },
    ]);
  });

  test('nothing in the example renders as "undefined", "NaN" or an empty string', () => {
    assert.ok(assertDisplayable(model, 'example') > 100);
  });
});

describe('summaryViewModel: resident audience', () => {
  test('plain English headings, resident dates, and no NOPAT item even when the hub sent one', () => {
    const model = summaryViewModel(completeExample(), resident);
    assert.deepEqual(
      model.order.map((key) => model.sections[key].heading),
      [
        'Important notes about your care',
        'Your allergies',
        'Your health conditions',
        'Your medicines',
        'Your operations and procedures',
        'Your vaccinations',
        'Legal and advance decisions about your care',
        'Your carers and contacts',
        'Your care and support plans',
        'Your goals',
        'Services supporting you',
        'Your upcoming appointments',
      ],
    );
    assert.deepEqual(
      model.sections.alerts.items.map((item) => item.id),
      ['flag-0002'],
    );
    assert.deepEqual(
      [model.sections.alerts.state, model.sections.alerts.withheld, model.sections.alerts.notices],
      ['withheld', true, ['Some information is not shown']],
    );
    assert.deepEqual({ ...states(model), alerts: 'ready' }, allStates('ready'));
    assert.equal(model.withheld, true);
    assert.deepEqual(
      [model.sections.appointments.items[0]?.date, model.sections.legal.items[0]?.since, model.sections.contacts.items[0]?.name],
      ['9 December 2026', '19 August 2024', 'Selin Kaya-Morgan'],
    );
  });

  test('the clinician sees the same item', () => {
    const model = summaryViewModel(completeExample(), clinician);
    assert.deepEqual(
      model.sections.alerts.items.map((item) => item.id),
      ['flag-0002', 'flag-0003'],
    );
    assert.deepEqual(states(model), allStates('ready'));
    assert.equal(model.withheld, false);
  });

  test('a NOPAT allergy is dropped for the resident and the allergy area says so', () => {
    const entries = [
      patientResource,
      {
        resourceType: 'AllergyIntolerance',
        id: 'alg-hidden',
        meta: { security: [{ code: 'NOPAT' }] },
        code: { text: 'Latex' },
        patient: subject,
      },
    ];
    const model = summaryViewModel(entries, resident);
    assert.deepEqual(
      [model.sections.allergies.allergies.kind, model.sections.allergies.state, model.sections.allergies.allergies.withheld],
      ['not-recorded', 'withheld', true],
    );
  });
});

describe('summaryViewModel: wrong-patient guard', () => {
  const other = { reference: 'Patient/pat-9999' };
  const model = summaryViewModel(
    [
      ...(completeExample().entry ?? []).map((entry) => entry.resource),
      { resourceType: 'Patient', id: 'pat-9999', name: [{ family: 'Other' }] },
      { resourceType: 'AllergyIntolerance', id: 'alg-other', code: { text: 'Peanut' }, patient: other },
      {
        resourceType: 'Condition',
        id: 'con-other',
        code: { text: 'Asthma' },
        subject: { reference: 'http://127.0.0.1:8080/fhir/Patient/pat-9999/_history/2' },
      },
      { resourceType: 'Flag', id: 'flag-nobody', status: 'active', code: { text: 'Violent' } },
      {
        resourceType: 'Appointment',
        id: 'apt-other',
        status: 'booked',
        start: '2026-12-01T09:00:00Z',
        participant: [{ actor: other, status: 'accepted' }],
      },
      {
        resourceType: 'Condition',
        id: 'con-absolute',
        code: { text: 'Gout' },
        subject: { reference: 'http://127.0.0.1:8080/fhir/Patient/pat-0001' },
      },
    ],
    clinician,
  );

  test('every resource about someone else, or about no one, is dropped and reported', () => {
    assert.deepEqual(model.safetyIssues, [
      {
        code: 'wrong-patient',
        resourceType: 'Patient',
        resourceId: 'pat-9999',
        message: 'One Patient was not shown: it belongs to a different patient.',
      },
      {
        code: 'wrong-patient',
        resourceType: 'AllergyIntolerance',
        resourceId: 'alg-other',
        message: 'One AllergyIntolerance was not shown: it belongs to a different patient.',
      },
      {
        code: 'wrong-patient',
        resourceType: 'Condition',
        resourceId: 'con-other',
        message: 'One Condition was not shown: it belongs to a different patient.',
      },
      {
        code: 'no-patient-reference',
        resourceType: 'Flag',
        resourceId: 'flag-nobody',
        message: 'One Flag was not shown: it does not say which patient it belongs to.',
      },
      {
        code: 'wrong-patient',
        resourceType: 'Appointment',
        resourceId: 'apt-other',
        message: 'One Appointment was not shown: it belongs to a different patient.',
      },
    ]);
  });

  test('nothing of theirs reaches a section; an absolute reference to this patient is kept', () => {
    assert.deepEqual(
      model.sections.allergies.items.map((item) => item.substance),
      ['Penicillin allergy'],
    );
    assert.deepEqual(
      model.sections.problems.items.map((item) => item.text),
      ["Alzheimer's disease", 'Type 2 diabetes mellitus', 'Hypertension', 'Gout'],
    );
    assert.deepEqual(
      model.sections.alerts.items.map((item) => item.id),
      ['flag-0002', 'flag-0003'],
    );
    assert.deepEqual(
      model.sections.appointments.items.map((item) => item.id),
      ['apt-0001', 'apt-0002'],
    );
  });

  test("another patient's allergy never turns 'not recorded' into 'known', nor is 'not recorded' claimed from it", () => {
    const alone = summaryViewModel(
      [patientResource, { resourceType: 'AllergyIntolerance', id: 'alg-x', code: { text: 'Peanut' }, patient: other }],
      clinician,
    );
    // The answer carried another's allergy: theirs may have gone elsewhere (allergies-stray.property.test.ts).
    assert.deepEqual([alone.sections.allergies.allergies.kind, alone.safetyIssues.length], ['unavailable', 1]);
  });

  test('synthetic: resident 1’s record mixed into resident 0’s is all dropped', () => {
    const borough = createBorough({ residents: 2 });
    const [mine, theirs] = [borough.resident(0), borough.resident(1)];
    const options = { audience: 'clinician', now: DEFAULT_NOW, patientId: mine.patient.id ?? '' } as const;
    const clean = summaryViewModel([mine.patient, ...mine.resources, ...borough.organizations], options);
    const mixed = summaryViewModel(
      [mine.patient, ...theirs.resources, ...mine.resources, theirs.patient, ...borough.organizations],
      options,
    );
    assert.equal(mixed.safetyIssues.length, theirs.resources.length + 1);
    assert.ok(mixed.safetyIssues.every((error) => error.code === 'wrong-patient' && !error.message.includes(theirs.patient.id ?? '?')));
    // Every section lists what it lists without theirs, and each one theirs came into says some items could not be
    // shown safely and never reads as empty (summary-strays.property.test.ts); the allergies say what was left out.
    const { allergies: mixedAllergies } = mixed.sections;
    const { allergies: cleanAllergies } = clean.sections;
    assert.deepEqual({ ...mixed, sections: {}, safetyIssues: [], safetyErrors: [] }, { ...clean, sections: {} });
    for (const key of mixed.order) {
      const [after, before] = [mixed.sections[key], clean.sections[key]];
      assert.deepEqual(after.items, before.items, key);
      if (after.notShownSafely) assert.notEqual(after.state, 'empty', key);
      else assert.deepEqual(after, before, key);
    }
    assert.ok(mixed.order.some((key) => mixed.sections[key].notShownSafely));
    const allergyState = mixedAllergies.allergies;
    if (cleanAllergies.allergies.kind === 'known')
      assert.deepEqual({ ...allergyState, safetyIssues: undefined }, { ...cleanAllergies.allergies, safetyIssues: undefined });
    else assert.equal(allergyState.kind, 'unavailable', 'no "none" claimed from an answer that carried another’s allergies');
    assert.equal(mixed.safetyErrors, mixed.safetyIssues, 'the former name reads the same list');
  });
});

describe('summaryViewModel: section states', () => {
  test('a record with nothing but the patient: every section empty, in its own words', () => {
    const model = summaryViewModel([patientResource], clinician);
    assert.deepEqual(states(model), allStates('empty'));
    assert.deepEqual(
      model.order.map((key) => model.sections[key].emptyText),
      [
        'No alerts recorded',
        'Allergies not recorded',
        'No active problems recorded',
        'No current medications recorded',
        'No procedures recorded',
        'No vaccinations recorded',
        'No legal information recorded',
        'No personal contacts recorded',
        'No care and support plans recorded',
        'No goals recorded',
        'No current services recorded',
        'No upcoming appointments',
      ],
    );
    assert.deepEqual(model.sections.medications.headline, { total: 0, repeat: 0, acute: 0, other: 0, moreCount: 0 });
  });

  test('resident empty wording', () => {
    const model = summaryViewModel([patientResource], resident);
    assert.deepEqual(
      [model.sections.problems.emptyText, model.sections.medications.emptyText, model.sections.appointments.emptyText],
      ['No current health conditions recorded', 'No current medicines recorded', 'You have no upcoming appointments'],
    );
  });

  test('a withheld notice makes every section withheld, empty ones included', () => {
    const model = summaryViewModel([patientResource], { ...clinician, notices: { withheld: true, unavailableSources: [] } });
    assert.deepEqual(states(model), allStates('withheld'));
    assert.deepEqual(model.sections.alerts.notices, ['Some information is not shown']);
    assert.equal(model.sections.allergies.allergies.kind, 'not-recorded');
  });

  test('an unavailable GP: partial sections, and allergies unavailable rather than not recorded', () => {
    const model = summaryViewModel([patientResource], {
      ...clinician,
      notices: { withheld: false, unavailableSources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }] },
    });
    assert.deepEqual(states(model), allStates('partial'));
    assert.deepEqual(model.sections.allergies.allergies, {
      kind: 'unavailable',
      label: 'Allergies unavailable',
      withheld: false,
      reason: 'source-unavailable',
      sources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }],
    });
    assert.deepEqual(model.sections.allergies.notices, ['Information from Tufnell Green Surgery is unavailable']);
  });

  const receptionist: SectionState[] = [
    'not-permitted',
    'not-permitted',
    'not-permitted',
    'not-permitted',
    'not-permitted',
    'not-permitted',
    'not-permitted',
    'ready',
    'not-permitted',
    'not-permitted',
    'not-permitted',
    'ready',
  ];
  const permissionCases: { name: string; options: Partial<SummaryOptions>; expected: SectionState[] }[] = [
    {
      name: 'a receptionist’s scopes',
      options: { scopes: 'user/Patient.rs user/Appointment.rs user/RelatedPerson.rs user/Organization.rs' },
      expected: receptionist,
    },
    { name: 'a non-clinical role with every scope', options: { scopes: ['user/*.rs'], nonClinicalRole: true }, expected: receptionist },
    { name: 'a clinician with user/*.rs', options: { scopes: 'user/*.rs' }, expected: Array(12).fill('ready') },
    { name: 'SMART v1 user/*.read', options: { scopes: 'launch openid user/*.read' }, expected: Array(12).fill('ready') },
    { name: 'the resident with patient/*.rs', options: { scopes: 'patient/*.rs' }, expected: Array(12).fill('ready') },
    {
      name: 'medicines need either MedicationRequest or MedicationStatement',
      options: { scopes: 'user/MedicationStatement.rs user/Flag.s' },
      expected: [
        'not-permitted',
        'not-permitted',
        'not-permitted',
        'ready',
        'not-permitted',
        'not-permitted',
        'not-permitted',
        'not-permitted',
        'not-permitted',
        'not-permitted',
        'not-permitted',
        'not-permitted',
      ],
    },
    { name: 'no scopes at all', options: { scopes: '' }, expected: Array(12).fill('not-permitted') },
  ];
  for (const { name, options, expected } of permissionCases) {
    test(`not permitted: ${name}`, () => {
      const model = summaryViewModel(completeExample(), { ...clinician, ...options });
      assert.deepEqual(
        model.order.map((key) => model.sections[key].state),
        expected,
      );
    });
  }

  test('a section the role may not see shows nothing, even if the hub sent it, and says why', () => {
    const model = summaryViewModel(summaryExample(), { ...clinician, nonClinicalRole: true });
    const { alerts, allergies, problems, medications, contacts } = model.sections;
    assert.deepEqual([alerts.items, allergies.items, problems.items, problems.past, medications.items], [[], [], [], [], []]);
    assert.deepEqual(
      [alerts.notices, alerts.withheld, alerts.unavailableSources],
      [['Clinical information is not available to your role'], false, []],
    );
    assert.deepEqual([contacts.state, contacts.items.length], ['partial', 1]);
  });
});

describe('summaryViewModel: ugly data', () => {
  test('alerts: inactive, ended and entered-in-error are left out; safeguarding comes first; legal kinds by code and by words', () => {
    const model = summaryViewModel(
      [
        patientResource,
        flag('f-falls', 'falls-risk', 'At risk of falls', {
          category: [{ coding: [{ code: 'safety', display: 'Safety' }] }],
          period: { start: '2026-01-01' },
        }),
        flag('f-cpp', 'child-protection-plan', 'Subject of a child protection plan', { period: { start: '2020-01-01' } }),
        flag('f-sdv', 'local-123', 'Contact the allocated worker first', { meta: { security: [{ code: 'SDV' }] } }),
        flag('f-interp', 'interpreter-required', 'Needs a Somali interpreter', { period: { start: '2026-06-01' } }),
        flag('f-old', 'falls-risk', 'Old falls alert', { status: 'inactive' }),
        flag('f-ended', 'falls-risk', 'Ended falls alert', { period: { start: '2020-01-01', end: '2021-01-01' } }),
        flag('f-today', 'falls-risk', 'Ends today', {
          period: { start: '2026-01-01', end: '2026-11-28' },
          category: [{ coding: [{ code: 'safety' }] }],
        }),
        flag('f-error', 'falls-risk', 'Wrong', { status: 'entered-in-error' }),
        flag('f-dols', 'dols-authorised', 'DoLS standard authorisation in place', { period: { start: '2025-03-01' } }),
        flag('f-mha', 'mha-section-3', 'Detained under section 3', { period: { start: '2026-02-01' } }),
        flag('f-respect', 'respect-dnacpr', 'ReSPECT: do not attempt CPR', { period: { start: '2024-01-01' } }),
        { ...flag('f-text', '', ''), code: { text: 'Lasting Power of Attorney (property and finance) registered' } },
        { ...flag('f-unknown', '', ''), code: { coding: [{ system: 'urn:oid:1.2.3', code: 'X99' }] } },
      ],
      clinician,
    );
    assert.deepEqual(
      model.sections.alerts.items.map((item) => [item.id, item.kind, item.text, item.category]),
      [
        ['f-sdv', 'safeguarding', 'Contact the allocated worker first', 'Not recorded'],
        ['f-cpp', 'safeguarding', 'Subject of a child protection plan', 'Not recorded'],
        ['f-falls', 'safety', 'At risk of falls', 'Safety'],
        ['f-today', 'safety', 'Ends today', 'Safety'],
        ['f-interp', 'other', 'Needs a Somali interpreter', 'Not recorded'],
        // A code from a system the summary does not name is shown as the code: the source said something.
        ['f-unknown', 'other', 'X99', 'Not recorded'],
      ],
    );
    assert.deepEqual(
      model.sections.legal.items.map((item) => [item.id, item.kind]),
      [
        ['f-respect', 'advance-decision'],
        ['f-text', 'lasting-power-of-attorney'],
        ['f-dols', 'deprivation-of-liberty'],
        ['f-mha', 'mental-health-act'],
      ],
    );
  });

  test('problems: active apart from past; refuted and entered in error left out; text-only and codeless conditions', () => {
    const condition = (id: string, status: string | undefined, extra: Record<string, unknown> = {}) => ({
      resourceType: 'Condition',
      id,
      subject,
      ...(status
        ? { clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: status }] } }
        : {}),
      ...extra,
    });
    const verified = (code: string) => ({
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code }] },
    });
    const model = summaryViewModel(
      [
        patientResource,
        condition('asthma', 'active', { code: { text: 'Asthma' }, onsetDateTime: '2001' }),
        condition('copd', undefined, {
          code: { coding: [{ system: 'http://snomed.info/sct', code: '13645005', display: 'Chronic obstructive lung disease' }] },
          recordedDate: '2019-05-01',
        }),
        condition('relapse', 'relapse', { code: { text: 'Depression' }, onsetPeriod: { start: '2026-03-02' } }),
        condition('nocode', 'active', { onsetDateTime: '2030-01-01' }),
        condition('fracture', 'resolved', {
          code: { text: 'Fractured wrist' },
          onsetDateTime: '2015-06-01',
          abatementDateTime: '2015-09-01',
        }),
        condition('remission', 'remission', { code: { text: 'Breast cancer' }, onsetDateTime: '2012' }),
        condition('refuted', 'active', { code: { text: 'Epilepsy' }, ...verified('refuted') }),
        condition('error', 'active', { code: { text: 'Diabetes' }, ...verified('entered-in-error') }),
      ],
      clinician,
    );
    assert.deepEqual(
      model.sections.problems.items.map((item) => [item.id, item.text, item.status, item.onset, item.verification]),
      [
        ['nocode', 'Not known', 'Active', '01-Jan-2030', 'Not recorded'],
        ['relapse', 'Depression', 'Relapse', '02-Mar-2026', 'Not recorded'],
        ['copd', 'Chronic obstructive lung disease', 'Not known', 'Not recorded', 'Not recorded'],
        ['asthma', 'Asthma', 'Active', '2001', 'Not recorded'],
      ],
    );
    assert.deepEqual(
      model.sections.problems.past.map((item) => [item.id, item.status]),
      [
        ['fracture', 'Resolved'],
        ['remission', 'Remission'],
      ],
    );
  });

  test('only past problems: the section is ready and says there are no active ones', () => {
    const model = summaryViewModel(
      [
        patientResource,
        {
          resourceType: 'Condition',
          id: 'c1',
          subject,
          code: { text: 'Appendicitis' },
          clinicalStatus: { coding: [{ code: 'resolved' }] },
        },
      ],
      clinician,
    );
    assert.deepEqual(
      [
        model.sections.problems.state,
        model.sections.problems.items.length,
        model.sections.problems.past.length,
        model.sections.problems.emptyText,
      ],
      ['ready', 0, 1, 'No active problems recorded'],
    );
  });

  test('medication headline: a repeat once with its statement and issue, acutes, others; stopped and finished left out', () => {
    const TYPE = 'https://care-record.example/StructureDefinition/prescription-type';
    const gp = { source: 'https://care-record.example/source/F83999' };
    const request = (id: string, name: string, status: string, intent: string, type: string, extra: Record<string, unknown> = {}) => ({
      resourceType: 'MedicationRequest',
      id,
      meta: gp,
      extension: [{ url: TYPE, valueCoding: { code: type } }],
      status,
      intent,
      medicationCodeableConcept: { text: name },
      subject,
      ...extra,
    });
    const statement = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
      resourceType: 'MedicationStatement',
      id,
      meta: gp,
      status: 'active',
      category: { coding: [{ code: 'community' }] },
      medicationCodeableConcept: { text: name },
      subject,
      ...extra,
    });
    const model = summaryViewModel(
      [
        patientResource,
        request('mr-met', 'Metformin 500mg tablets', 'active', 'plan', 'repeat'),
        request('mr-met-issue', 'Metformin 500mg tablets', 'completed', 'order', 'repeat', {
          basedOn: [{ reference: 'MedicationRequest/mr-met' }],
        }),
        statement('ms-met', 'Metformin 500mg tablets', { basedOn: [{ reference: 'MedicationRequest/mr-met' }] }),
        request('mr-ato', 'Atorvastatin 20mg tablets', 'active', 'plan', 'repeat-dispensing'),
        request('mr-old', 'Ramipril 5mg capsules', 'stopped', 'plan', 'repeat'),
        request('mr-amox', 'Amoxicillin 500mg capsules', 'active', 'order', 'acute'),
        statement('ms-nitro', 'Nitrofurantoin 50mg capsules', { effectivePeriod: { start: '2026-11-25', end: '2026-11-30' } }),
        statement('ms-done', 'Trimethoprim 200mg tablets', { effectivePeriod: { start: '2026-10-01', end: '2026-10-04' } }),
        statement('ms-otc', 'ibuprofen gel', {
          category: { coding: [{ code: 'patientspecified' }] },
          meta: { source: 'https://care-record.example/source/resident' },
        }),
        statement('ms-hosp', 'Bisoprolol 2.5mg tablets', {
          category: { coding: [{ code: 'inpatient' }] },
          meta: { source: 'https://care-record.example/source/RZ9' },
        }),
        {
          ...statement('ms-ref', ''),
          medicationCodeableConcept: undefined,
          medicationReference: { display: 'Insulin glargine 100units/ml pen' },
        },
        { ...statement('ms-none', ''), medicationCodeableConcept: { coding: [{ system: 'urn:x', code: '1' }] } },
      ],
      { ...clinician, organizations: new Map([['F83999', 'Tufnell Green Surgery']]), medicationPreviewCount: 4 },
    );
    // A GP statement alone (Nitrofurantoin) does not say repeat or acute: it is neither, as the list says "Not known".
    assert.deepEqual(model.sections.medications.headline, { total: 8, repeat: 2, acute: 1, other: 5, moreCount: 4 });
    assert.deepEqual(
      model.sections.medications.items.map((item) => [item.name, item.kind, item.sources.map((source) => source.name)]),
      [
        ['Atorvastatin 20mg tablets', 'repeat', ['Tufnell Green Surgery']],
        ['Metformin 500mg tablets', 'repeat', ['Tufnell Green Surgery']],
        ['Amoxicillin 500mg capsules', 'acute', ['Tufnell Green Surgery']],
        ['1', 'other', ['Tufnell Green Surgery']],
      ],
    );
  });

  test('contacts: next of kin first, then carers; ended and inactive left out; no phone reads Not known', () => {
    const person = (id: string, family: string, relationship: unknown[], extra: Record<string, unknown> = {}) => ({
      resourceType: 'RelatedPerson',
      id,
      patient: subject,
      relationship,
      name: [{ family, given: ['Sam'] }],
      ...extra,
    });
    const model = summaryViewModel(
      [
        patientResource,
        person('friend', 'Adams', [{ text: 'Friend' }], { telecom: [{ system: 'email', value: 'sam@example.org' }] }),
        person('carer', 'Brown', [{ coding: [{ system: 'http://snomed.info/sct', code: '133932002', display: 'Caregiver' }] }], {
          telecom: [
            { system: 'phone', value: '020 7946 0999', use: 'home', rank: 2 },
            { system: 'phone', value: '07700 900999', use: 'mobile', rank: 1 },
            { system: 'phone', value: '020 0000 0000', use: 'old' },
          ],
        }),
        person('nok', 'Clark', [
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'N', display: 'Next-of-Kin' }] },
        ]),
        person('former', 'Davis', [{ text: 'Neighbour' }], { active: false }),
        person('ended', 'Evans', [{ text: 'Partner' }], { period: { start: '2010-01-01', end: '2020-01-01' } }),
        person('unnamed', '', [], { name: undefined }),
      ],
      clinician,
    );
    assert.deepEqual(
      model.sections.contacts.items.map((item) => [item.id, item.name, item.relationships, item.nextOfKin, item.carer, item.phone]),
      [
        // The source's display wins over a known code's words ('Caregiver' is not reworded to 'Carer').
        ['nok', 'CLARK, Sam', ['Next of kin'], true, false, 'Not known'],
        ['carer', 'BROWN, Sam', ['Caregiver'], false, true, '07700 900999'],
        ['friend', 'ADAMS, Sam', ['Friend'], false, false, 'Not known'],
        ['unnamed', 'Not known', ['Not known'], false, false, 'Not known'],
      ],
    );
  });

  test('appointments: future booked only, soonest first; cancelled and past left out; one saying nothing of when last', () => {
    const appointment = (id: string, status: string, start: string | undefined, extra: Record<string, unknown> = {}) => ({
      resourceType: 'Appointment',
      id,
      status,
      ...(start ? { start } : {}),
      participant: [{ actor: subject, status: 'accepted' }],
      ...extra,
    });
    const model = summaryViewModel(
      [
        patientResource,
        appointment('later', 'booked', '2027-03-01T14:00:00Z', { serviceType: [{ text: 'Physiotherapy' }] }),
        appointment('soon', 'booked', '2026-12-01T09:15:00Z', { appointmentType: { text: 'Home visit' } }),
        appointment('summer', 'booked', '2027-07-01T08:00:00Z', { description: 'Eye clinic' }),
        appointment('bare', 'booked', '2027-01-05T10:00:00Z'),
        appointment('cancelled', 'cancelled', '2026-12-02T09:00:00Z'),
        appointment('past', 'booked', '2026-11-01T09:00:00Z'),
        appointment('undated', 'booked', undefined),
      ],
      clinician,
    );
    assert.deepEqual(
      model.sections.appointments.items.map((item) => [
        item.id,
        item.description,
        item.service,
        item.date,
        item.time,
        item.with,
        item.location,
        item.organisation,
      ]),
      [
        ['soon', 'Home visit', 'Home visit', '01-Dec-2026', '09:15', 'Not known', 'Not known', 'Not known'],
        ['bare', 'Not known', 'Not known', '05-Jan-2027', '10:00', 'Not known', 'Not known', 'Not known'],
        ['later', 'Physiotherapy', 'Physiotherapy', '01-Mar-2027', '14:00', 'Not known', 'Not known', 'Not known'],
        ['summer', 'Eye clinic', 'Not known', '01-Jul-2027', '09:00', 'Not known', 'Not known', 'Not known'],
        // Booked, and nothing says when nor that it happened: still to come, as the appointments view lists it.
        ['undated', 'Not known', 'Not known', 'Not known', 'Not known', 'Not known', 'Not known', 'Not known'],
      ],
    );
  });

  test('care plans: soonest review first, undated last; completed left out; no title falls back to the category', () => {
    const plan = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
      resourceType: 'CarePlan',
      id,
      status,
      intent: 'plan',
      subject,
      ...extra,
    });
    const model = summaryViewModel(
      [
        patientResource,
        plan('undated', 'active', { title: 'Crisis plan' }),
        plan('later', 'on-hold', { title: 'Reablement plan', period: { start: '2026-06-01', end: '2027-06-01' } }),
        plan('overdue', 'active', { category: [{ text: 'Care and support plan' }], period: { start: '2025-01-01', end: '2026-01-01' } }),
        plan('done', 'completed', { title: 'Old plan', period: { end: '2026-12-01' } }),
      ],
      clinician,
    );
    assert.deepEqual(
      model.sections.carePlans.items.map((item) => [
        item.id,
        item.title,
        item.status,
        item.reviewDate,
        item.reviewOverdue,
        item.start,
        item.author,
      ]),
      [
        ['overdue', 'Care and support plan', 'Active', '01-Jan-2026', true, '01-Jan-2025', 'Not known'],
        ['later', 'Reablement plan', 'On hold', '01-Jun-2027', false, '01-Jun-2026', 'Not known'],
        ['undated', 'Crisis plan', 'Active', 'Not recorded', false, 'Not recorded', 'Not known'],
      ],
    );
  });

  test('a bundle with no entries, and entries that are not resources', () => {
    const model = summaryViewModel({ resourceType: 'Bundle', type: 'collection' }, clinician);
    assert.deepEqual([states(model), model.safetyIssues], [allStates('empty'), []]);
    const junk = summaryViewModel([null, 'text', 42, {}, { resourceType: 7 }, patientResource], clinician);
    assert.deepEqual([states(junk), junk.safetyIssues], [allStates('empty'), []]);
  });
});

describe('summaryViewModel: synthetic residents', () => {
  const borough = createBorough({ residents: 300 });
  const directory = [...borough.organizations, ...borough.practitioners];
  const summaryFor = (index: number, audience: 'clinician' | 'resident') => {
    const record = borough.resident(index);
    return summaryViewModel([record.patient, ...record.resources, ...directory], {
      audience,
      now: DEFAULT_NOW,
      patientId: record.patient.id ?? '',
    });
  };

  test('frail older resident (2): the NOPAT risk alert is for clinicians only', () => {
    const forClinician = summaryFor(2, 'clinician');
    const forResident = summaryFor(2, 'resident');
    assert.ok(forClinician.sections.alerts.items.some((item) => item.text.startsWith('May become distressed')));
    assert.ok(!forResident.sections.alerts.items.some((item) => item.text.startsWith('May become distressed')));
    assert.deepEqual([forResident.sections.alerts.state, forClinician.sections.alerts.state], ['withheld', 'ready']);
    assert.deepEqual(
      forClinician.sections.legal.items.map((item) => item.kind),
      ['advance-decision', 'lasting-power-of-attorney'],
    );
    assert.ok(forClinician.sections.involvement.items.some((item) => item.socialCare && item.careManager !== 'Not known'));
    assert.ok(forClinician.sections.contacts.items.some((item) => item.carer));
  });

  test('child under a protection plan (3): safeguarding alert first, children’s social care involved', () => {
    const model = summaryFor(3, 'clinician');
    assert.equal(model.sections.alerts.items[0]?.kind, 'safeguarding');
    assert.ok(model.sections.involvement.items[0]?.socialCare);
  });

  test('resident with a DoLS authorisation (9)', () => {
    assert.ok(summaryFor(9, 'clinician').sections.legal.items.some((item) => item.kind === 'deprivation-of-liberty'));
  });

  test('newborn (5): allergies not recorded, nothing on the medication headline', () => {
    const model = summaryFor(5, 'clinician');
    assert.deepEqual(
      [model.sections.allergies.allergies.kind, model.sections.allergies.state, model.sections.medications.headline.total],
      ['not-recorded', 'empty', 0],
    );
  });

  test('deceased resident (4): no upcoming appointments and no current medicines', () => {
    const model = summaryFor(4, 'clinician');
    assert.deepEqual([model.sections.appointments.state, model.sections.medications.state], ['empty', 'empty']);
  });

  test('300 residents, both audiences: no broken or empty text, no safety errors, no NOPAT item for residents', () => {
    let strings = 0;
    for (let index = 0; index < 300; index++) {
      const record = borough.resident(index);
      const hidden = new Set(
        record.resources
          .filter((resource) => resource.meta?.security?.some((label) => label.code === 'NOPAT'))
          .map((resource) => resource.id),
      );
      for (const audience of ['clinician', 'resident'] as const) {
        const model = summaryFor(index, audience);
        strings += assertDisplayable(model, `resident ${index} (${audience})`);
        assert.deepEqual(model.safetyIssues, [], `resident ${index}`);
        if (audience === 'resident') {
          const shown = [
            ...model.sections.alerts.items,
            ...model.sections.legal.items,
            ...model.sections.problems.items,
            ...model.sections.carePlans.items,
            ...model.sections.involvement.items,
          ].map((item) => item.id);
          assert.ok(
            shown.every((id) => !hidden.has(id)),
            `resident ${index} sees a NOPAT item`,
          );
        }
      }
    }
    assert.ok(strings > 50_000, `checked ${strings} strings`);
  });
});
