/**
 * What each viewer is told about what they are not shown, section by section:
 * the record summary's every section × four viewers (a receptionist, a
 * clinician, a resident, a carer) × what the answer holds of the section
 * (readable and empty, readable with an item, not readable by the viewer,
 * an item partly shown, items withheld, both) × how the viewer's limits are
 * known (the server's `ROLE_RESTRICTED` outcome or SMART scopes, the host's
 * `nonClinicalRole`). The oracle, written from the policy, not the code:
 *
 * - a section the viewer may not read is "not available to your role", never
 *   empty or "none";
 * - a section of which something was withheld never reads as empty;
 * - a receptionist's partly shown appointments (their role's view, policy R3)
 *   are told once, with the appointments, in the role's words, and are not
 *   "Some information is not shown"; anything else partly shown, and any
 *   partly shown item for any other viewer, is "Some information is not
 *   shown", never the role's words;
 * - the appointments list says the same for the same answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  appointmentsViewModel,
  APPOINTMENTS_FOR_ROLE_NOTICE,
  NOT_PERMITTED_NOTICE,
  readNotices,
  summaryViewModel,
  SUMMARY_SECTION_ORDER,
  WITHHELD_NOTICE,
  type Appointment,
  type RecordAudience,
  type SummarySectionKey,
  type SummaryViewModel,
} from '../../src/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T12:00:00Z';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };
const SUBJECT = { subject: { reference: `Patient/${PATIENT}` } };
const PATIENT_FIELD = { patient: { reference: `Patient/${PATIENT}` } };
const coding = (system: string, code: string) => ({ coding: [{ system, code }] });

/** What a non-clinical role may read, as the access policy (R3) says: the oracle, not the SDK's own list. */
const DESK_TYPES = new Set(['Patient', 'Appointment', 'RelatedPerson', 'Organization', 'Practitioner', 'PractitionerRole']);
/** The types each section is made from, as FHIR and the summary's design (PRSB headings) place them. */
const SECTION_TYPE: Record<SummarySectionKey, string> = {
  alerts: 'Flag',
  allergies: 'AllergyIntolerance',
  problems: 'Condition',
  medications: 'MedicationStatement',
  procedures: 'Procedure',
  immunisations: 'Immunization',
  legal: 'Flag',
  contacts: 'RelatedPerson',
  carePlans: 'CarePlan',
  goals: 'Goal',
  involvement: 'EpisodeOfCare',
  appointments: 'Appointment',
};
const CLINICAL_TYPES = [...new Set(Object.values(SECTION_TYPE))].filter((type) => !DESK_TYPES.has(type)).concat('MedicationRequest');

/** One item the section shows, for the patient. */
const ITEMS: Record<SummarySectionKey, Record<string, unknown>> = {
  alerts: { resourceType: 'Flag', id: 'f1', status: 'active', code: { text: 'Risk of falls' }, ...SUBJECT },
  allergies: {
    resourceType: 'AllergyIntolerance',
    id: 'a1',
    clinicalStatus: coding('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'),
    code: { text: 'Penicillin' },
    ...PATIENT_FIELD,
  },
  problems: {
    resourceType: 'Condition',
    id: 'c1',
    clinicalStatus: coding('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
    code: { text: 'Asthma' },
    ...SUBJECT,
  },
  medications: {
    resourceType: 'MedicationStatement',
    id: 's1',
    status: 'active',
    medicationCodeableConcept: { text: 'Paracetamol 500mg tablets' },
    ...SUBJECT,
  },
  procedures: {
    resourceType: 'Procedure',
    id: 'p1',
    status: 'completed',
    code: { text: 'Appendicectomy' },
    performedDateTime: '2020-01-02',
    ...SUBJECT,
  },
  immunisations: {
    resourceType: 'Immunization',
    id: 'i1',
    status: 'completed',
    vaccineCode: { text: 'Influenza' },
    occurrenceDateTime: '2026-10-01',
    ...PATIENT_FIELD,
  },
  legal: {
    resourceType: 'Flag',
    id: 'l1',
    status: 'active',
    category: [{ text: 'Advance decision' }],
    code: { text: 'Advance decision to refuse treatment' },
    ...SUBJECT,
  },
  contacts: {
    resourceType: 'RelatedPerson',
    id: 'r1',
    active: true,
    name: [{ text: "Aoife O'Connor" }],
    relationship: [{ text: 'Daughter' }],
    ...PATIENT_FIELD,
  },
  carePlans: { resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', title: 'Support plan', ...SUBJECT },
  goals: { resourceType: 'Goal', id: 'g1', lifecycleStatus: 'active', description: { text: 'Walk to the shops' }, ...SUBJECT },
  involvement: { resourceType: 'EpisodeOfCare', id: 'ep1', status: 'active', ...PATIENT_FIELD },
  appointments: {
    resourceType: 'Appointment',
    id: 'ap1',
    status: 'booked',
    start: '2027-01-10T10:00:00Z',
    description: 'Annual review',
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  },
};

type Role = 'receptionist' | 'clinician' | 'resident' | 'carer';
const ROLES: Role[] = ['receptionist', 'clinician', 'resident', 'carer'];
const audienceOf = (role: Role): RecordAudience => (role === 'clinician' || role === 'receptionist' ? 'clinician' : 'resident');
/** How the viewer's limits reach the view model: the server's own outcome and scopes, or the host's word. */
type Told = 'server' | 'host';

type Holding = 'empty' | 'item' | 'not-readable' | 'partly-shown' | 'withheld' | 'partly-shown-and-withheld';
const HOLDINGS: Holding[] = ['empty', 'item', 'not-readable', 'partly-shown', 'withheld', 'partly-shown-and-withheld'];

const withheldOutcome = {
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'information',
      code: 'suppressed',
      details: { coding: [{ system: HUB_ERROR, code: 'INFORMATION_WITHHELD' }], text: 'Some information is not shown' },
    },
  ],
};
const roleRestricted = (types: readonly string[]) => ({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'information',
      code: 'suppressed',
      details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }], text: 'Clinical information is not available to your role' },
      expression: [...types],
    },
  ],
});

/** Scopes that read every type but `unreadable` (as SMART v2 writes them). */
const scopesWithout = (role: Role, unreadable: readonly string[]): string[] => {
  const context = role === 'resident' ? 'patient' : 'user';
  const every = [...new Set([...Object.values(SECTION_TYPE), 'MedicationRequest', 'Patient', 'Organization'])];
  return every.filter((type) => !unreadable.includes(type)).map((type) => `${context}/${type}.rs`);
};

interface Case {
  role: Role;
  told: Told;
  key: SummarySectionKey;
  holding: Holding;
}

/** The viewer may read the section: the policy's oracle. */
const readableBy = ({ role, key, holding }: Case): boolean =>
  holding !== 'not-readable' && (role !== 'receptionist' || DESK_TYPES.has(SECTION_TYPE[key]));

function model({ role, told, key, holding }: Case): SummaryViewModel {
  const type = SECTION_TYPE[key];
  const partly = holding === 'partly-shown' || holding === 'partly-shown-and-withheld';
  const withheld = holding === 'withheld' || holding === 'partly-shown-and-withheld';
  const item =
    holding === 'empty' || holding === 'not-readable' ? [] : [partly ? { ...ITEMS[key], meta: { tag: [SUBSETTED] } } : ITEMS[key]];
  // A section made from two types (medicines: requests and statements) is unreadable when neither is.
  const unreadable = holding === 'not-readable' ? (key === 'medications' ? [type, 'MedicationRequest'] : [type]) : [];
  const entries: unknown[] = [{ resourceType: 'Patient', id: PATIENT, name: [{ text: 'Bridget Kelly' }] }, ...item];
  if (withheld) entries.push(withheldOutcome);
  let options: { scopes?: string[]; nonClinicalRole?: boolean } = {};
  if (role === 'receptionist') {
    // The hub leaves clinical types out of a receptionist's `$summary` and says which; a host may also say so itself.
    if (told === 'server') entries.push(roleRestricted([...CLINICAL_TYPES, ...unreadable]));
    else options = { nonClinicalRole: true, scopes: scopesWithout(role, [...CLINICAL_TYPES, ...unreadable]) };
  } else if (unreadable.length > 0) {
    options = { scopes: scopesWithout(role, unreadable) };
  }
  return summaryViewModel(entries, { audience: audienceOf(role), now: NOW, patientId: PATIENT, ...options });
}

const NONE_WORDING = /^No |not recorded|no upcoming|has no/i;
const everyLine = (summary: SummaryViewModel): string[] => [
  ...(summary.withheld ? [WITHHELD_NOTICE] : []),
  ...SUMMARY_SECTION_ORDER.flatMap((key) => summary.sections[key].notices),
];

const cases: Case[] = ROLES.flatMap((role) =>
  (role === 'receptionist' ? (['server', 'host'] as Told[]) : (['server'] as Told[])).flatMap((told) =>
    SUMMARY_SECTION_ORDER.flatMap((key) => HOLDINGS.map((holding) => ({ role, told, key, holding }))),
  ),
);

describe('each section × each viewer × what the answer holds: never "none" for what is not shown, and told in the viewer’s words', () => {
  for (const one of cases) {
    test(`${one.role} (${one.told}) · ${one.key} · ${one.holding}`, () => {
      const summary = model(one);
      const section = summary.sections[one.key];
      const lines = everyLine(summary);
      const context = `${lines.join(' | ')} [${section.state}]`;
      if (!readableBy(one)) {
        assert.equal(section.state, 'not-permitted', context);
        assert.deepEqual(section.items, [], context);
        assert.deepEqual(section.notices, [NOT_PERMITTED_NOTICE], context);
        if (one.key === 'allergies') assert.equal(summary.sections.allergies.allergies.kind, 'not-permitted');
        return;
      }
      const partly = one.holding === 'partly-shown' || one.holding === 'partly-shown-and-withheld';
      const withheld = one.holding === 'withheld' || one.holding === 'partly-shown-and-withheld';
      // The role's own view: a receptionist's partly shown appointment.
      const rolesView = partly && one.role === 'receptionist' && SECTION_TYPE[one.key] === 'Appointment';
      const notShown = withheld || (partly && !rolesView);
      assert.equal(summary.withheld, notShown, context);
      assert.equal(section.notices.includes(WITHHELD_NOTICE), notShown, context);
      assert.equal(lines.filter((line) => line === APPOINTMENTS_FOR_ROLE_NOTICE).length, rolesView ? 1 : 0, context);
      if (rolesView) assert.ok(section.notices.includes(APPOINTMENTS_FOR_ROLE_NOTICE), context);
      if (notShown) {
        assert.notEqual(section.state, 'empty', context);
        if (section.items.length === 0) assert.doesNotMatch(section.state === 'empty' ? section.emptyText : '', NONE_WORDING);
      }
      if (one.holding === 'empty') assert.equal(section.state, 'empty', context);
      // What is shown of the other readable sections follows the same rule: never the role's words about them.
      for (const key of SUMMARY_SECTION_ORDER) {
        if (key === one.key || summary.sections[key].state === 'not-permitted') continue;
        assert.equal(summary.sections[key].notices.includes(APPOINTMENTS_FOR_ROLE_NOTICE), false, `${key}: ${context}`);
      }
    });
  }
});

describe('the appointments list says the same as the summary for the same answer', () => {
  for (const role of ROLES)
    for (const told of role === 'receptionist' ? (['server', 'host'] as Told[]) : (['server'] as Told[]))
      for (const holding of ['item', 'partly-shown', 'withheld', 'partly-shown-and-withheld'] as Holding[]) {
        test(`${role} (${told}) · ${holding}`, () => {
          const partly = holding === 'partly-shown' || holding === 'partly-shown-and-withheld';
          const withheld = holding === 'withheld' || holding === 'partly-shown-and-withheld';
          const appointment = (partly
            ? { ...ITEMS.appointments, meta: { tag: [SUBSETTED] } }
            : ITEMS.appointments) as unknown as Appointment;
          const outcomes = [
            ...(withheld ? [withheldOutcome] : []),
            ...(role === 'receptionist' && told === 'server' ? [roleRestricted(CLINICAL_TYPES)] : []),
          ];
          const notices = readNotices([{ entry: [appointment, ...outcomes].map((resource) => ({ resource })) }]);
          const list = appointmentsViewModel(
            { appointments: [appointment], patientId: PATIENT, notices, organizations: new Map() },
            { audience: audienceOf(role), now: NOW, ...(role === 'receptionist' && told === 'host' ? { nonClinicalRole: true } : {}) },
          );
          const rolesView = partly && role === 'receptionist';
          assert.equal(list.notices.withheld, withheld || (partly && !rolesView));
          assert.deepEqual(list.notices.reducedForRole ?? [], rolesView ? ['Appointment'] : []);
          const [row] = list.upcoming;
          assert.ok(row);
          // Said once for the list to the desk; on the row itself to anyone else whose appointment came partly shown.
          assert.equal(row.detailsWithheld === true, partly && !rolesView);
        });
      }
});
