/**
 * A modifier extension changes what its element means (a Condition that is a
 * family member's; a dose not to be given), and FHIR says a system that does
 * not understand one must not read the element as ordinary. The record's
 * readers understand none: an item carrying one, on the resource or in a
 * part of it, is never shown as an ordinary item (never an active problem,
 * allergy or medicine) and never left out in silence — its section says one
 * item from its source is recorded in a way this viewer cannot fully show.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Appointment, DiagnosticReport, MedicationRequest, MedicationStatement, Observation } from '../../src/fhir.js';
import {
  appointmentsViewModel,
  createTimeline,
  medicationsViewModel,
  resultsViewModel,
  summaryViewModel,
  unreadableNotice,
  unreadableNotices,
} from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:00Z';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['F83999', 'Tufnell Green Surgery']]);
const NO_NOTICES = { withheld: false, unavailableSources: [] };
const FAMILY_HISTORY = [{ url: 'https://fhir.example.org/StructureDefinition/family-history', valueBoolean: true }];
const NOT_FULLY_SHOWN = 'One item from Tufnell Green Surgery is recorded in a way this viewer cannot fully show — see the source system';

/** Each resource type the summary reads, ordinary, named so its words can be found (`Marker …`). */
const SUMMARY_ITEMS: Record<string, Record<string, unknown>> = {
  Flag: { status: 'active', subject, code: { text: 'Marker flag' }, period: { start: '2025-01-01' } },
  AllergyIntolerance: {
    patient: subject,
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'confirmed' }] },
    code: { text: 'Marker allergy' },
    recordedDate: '2025-01-01',
  },
  Condition: { subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Marker problem' }, onsetDateTime: '2020-01-01' },
  MedicationRequest: { status: 'active', intent: 'order', subject, medicationCodeableConcept: { text: 'Marker request' } },
  MedicationStatement: { status: 'active', subject, medicationCodeableConcept: { text: 'Marker statement' } },
  Procedure: { status: 'completed', subject, code: { text: 'Marker procedure' }, performedDateTime: '2020-01-01' },
  Immunization: { status: 'completed', patient: subject, vaccineCode: { text: 'Marker vaccine' }, occurrenceDateTime: '2025-10-01' },
  CarePlan: { status: 'active', intent: 'plan', subject, title: 'Marker plan', period: { start: '2025-01-01' } },
  Goal: { lifecycleStatus: 'active', subject, description: { text: 'Marker goal' } },
  Appointment: {
    status: 'booked',
    description: 'Marker appointment',
    start: '2026-12-10T10:00:00Z',
    participant: [{ actor: subject, status: 'accepted' }],
  },
  RelatedPerson: { active: true, patient: subject, name: [{ text: 'Marker contact' }], relationship: [{ text: 'Daughter' }] },
};

const resource = (type: string, fields: Record<string, unknown>, modifier: boolean) => ({
  resourceType: type,
  id: `${type.toLowerCase()}-1`,
  meta,
  ...fields,
  ...(modifier ? { modifierExtension: FAMILY_HISTORY } : {}),
});

const summaryOf = (resources: Record<string, unknown>[]) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources] as never, {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
    organizations: ORGANIZATIONS,
  });

/** Every notice the summary's sections say. */
const summaryNotices = (model: ReturnType<typeof summaryOf>): string[] =>
  Object.values(model.sections).flatMap((section) => ('notices' in section ? (section.notices as string[]) : []));

describe('an item carrying a modifier extension not understood', () => {
  test('reported: "Epilepsy" recorded as family history is not her own active problem, and the problems say why', () => {
    const model = summaryOf([
      resource('Condition', { subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Epilepsy' } }, true),
    ]);
    assert.ok(!JSON.stringify(model.sections.problems).includes('Epilepsy'), 'not shown as a problem');
    assert.deepEqual(model.sections.problems.notices, [NOT_FULLY_SHOWN]);
    assert.notEqual(model.sections.problems.state, 'empty');
  });

  for (const [type, fields] of Object.entries(SUMMARY_ITEMS)) {
    const marker = JSON.stringify(fields).match(/Marker [a-z]+/)?.[0] ?? type;
    test(`summary, ${type}: shown when ordinary; with a modifier extension, one line saying it cannot be fully shown`, () => {
      const ordinary = summaryOf([resource(type, fields, false)]);
      assert.ok(JSON.stringify(ordinary.sections).includes(marker), `the ordinary ${type} is shown`);
      assert.ok(!summaryNotices(ordinary).includes(NOT_FULLY_SHOWN));

      const modified = summaryOf([resource(type, fields, true)]);
      assert.ok(!JSON.stringify(modified.sections).includes(marker), `the ${type} is not shown as ordinary`);
      assert.ok(summaryNotices(modified).includes(NOT_FULLY_SHOWN), `a section says the ${type} cannot be fully shown`);
      if (type === 'AllergyIntolerance') assert.notEqual(modified.sections.allergies.allergies.kind, 'known');
    });
  }

  test('summary: a modifier extension in a part (a reaction, a dosage) is not ordinary either', () => {
    const allergy = resource(
      'AllergyIntolerance',
      { ...SUMMARY_ITEMS['AllergyIntolerance'], reaction: [{ manifestation: [{ text: 'Rash' }], modifierExtension: FAMILY_HISTORY }] },
      false,
    );
    const request = resource(
      'MedicationRequest',
      { ...SUMMARY_ITEMS['MedicationRequest'], dosageInstruction: [{ text: 'One daily', modifierExtension: FAMILY_HISTORY }] },
      false,
    );
    const model = summaryOf([allergy, request]);
    assert.ok(!JSON.stringify(model.sections).includes('Marker'));
    assert.equal(summaryNotices(model).filter((notice) => notice === NOT_FULLY_SHOWN).length, 2);
  });

  const medicines = (modifier: boolean, where: 'resource' | 'dosage') => {
    const request = resource(
      'MedicationRequest',
      {
        ...SUMMARY_ITEMS['MedicationRequest'],
        ...(where === 'dosage'
          ? { dosageInstruction: [{ text: 'One daily', ...(modifier ? { modifierExtension: FAMILY_HISTORY } : {}) }] }
          : {}),
      },
      modifier && where === 'resource',
    ) as unknown as MedicationRequest;
    const statement = resource(
      'MedicationStatement',
      SUMMARY_ITEMS['MedicationStatement'] ?? {},
      modifier,
    ) as unknown as MedicationStatement;
    return medicationsViewModel(
      { requests: [request], statements: [statement], patientId: PATIENT, notices: NO_NOTICES, organizations: ORGANIZATIONS },
      { audience: 'clinician', now: NOW },
    );
  };
  for (const where of ['resource', 'dosage'] as const)
    test(`medicines list, modifier on the ${where}: not a current medicine, one line each`, () => {
      assert.equal(medicines(false, where).current.length, 2);
      const model = medicines(true, where);
      assert.deepEqual([...model.current, ...model.past], []);
      assert.deepEqual(
        model.unreadable.map((source) => unreadableNotice(source)),
        [NOT_FULLY_SHOWN, NOT_FULLY_SHOWN],
      );
    });

  const results = (modifier: 'none' | 'observation' | 'component' | 'report') => {
    const observation = {
      resourceType: 'Observation',
      id: 'obs-1',
      meta,
      status: 'final',
      category: [{ coding: [{ code: 'laboratory' }] }],
      code: { text: 'Marker result' },
      subject,
      effectiveDateTime: '2026-11-01T09:00:00Z',
      ...(modifier === 'component'
        ? { component: [{ code: { text: 'Part' }, valueQuantity: { value: 1, unit: 'g/L' }, modifierExtension: FAMILY_HISTORY }] }
        : { valueQuantity: { value: 140, unit: 'g/L' } }),
      ...(modifier === 'observation' ? { modifierExtension: FAMILY_HISTORY } : {}),
    };
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'rep-1',
      meta,
      status: 'final',
      code: { text: 'Marker report' },
      subject,
      effectiveDateTime: '2026-11-02T09:00:00Z',
      result: [{ reference: 'Observation/obs-2' }],
      ...(modifier === 'report' ? { modifierExtension: FAMILY_HISTORY } : {}),
    };
    return resultsViewModel(
      {
        observations: [observation as unknown as Observation],
        reports: [report as unknown as DiagnosticReport],
        patientId: PATIENT,
        notices: NO_NOTICES,
        organizations: ORGANIZATIONS,
      },
      { audience: 'clinician' },
    );
  };
  for (const [modifier, marker] of [
    ['observation', 'Marker result'],
    ['component', 'Marker result'],
    ['report', 'Marker report'],
  ] as const)
    test(`results, modifier on the ${modifier}: not shown as a result, one line saying why`, () => {
      assert.ok(JSON.stringify(results('none')).includes(marker));
      const model = results(modifier);
      assert.ok(!JSON.stringify(model).includes(marker));
      assert.deepEqual(unreadableNotices(model.unreadable), [NOT_FULLY_SHOWN]);
    });

  test('appointments: one with a modifier extension is not listed as an appointment; one line says why', () => {
    const view = (modifier: boolean) =>
      appointmentsViewModel(
        {
          appointments: [resource('Appointment', SUMMARY_ITEMS['Appointment'] ?? {}, modifier) as unknown as Appointment],
          patientId: PATIENT,
          notices: NO_NOTICES,
          organizations: ORGANIZATIONS,
        },
        { audience: 'clinician', now: NOW },
      );
    assert.equal(view(false).upcoming.length, 1);
    const model = view(true);
    assert.deepEqual([...model.upcoming, ...model.past], []);
    assert.deepEqual(unreadableNotices(model.unreadable), [NOT_FULLY_SHOWN]);
  });

  /** What the timeline reads, each an ordinary event when it carries no modifier. */
  const TIMELINE_ITEMS: Record<string, Record<string, unknown>> = {
    Encounter: {
      status: 'finished',
      class: { code: 'AMB' },
      subject,
      period: { start: '2026-10-01T10:00:00Z' },
      type: [{ text: 'Marker encounter' }],
    },
    Appointment: SUMMARY_ITEMS['Appointment'] ?? {},
    Observation: {
      status: 'final',
      code: { text: 'Marker weight' },
      subject,
      effectiveDateTime: '2026-10-02T10:00:00Z',
      valueQuantity: { value: 70, unit: 'kg' },
    },
    DiagnosticReport: { status: 'final', code: { text: 'Marker report' }, subject, effectiveDateTime: '2026-10-03' },
    DocumentReference: { status: 'current', subject, date: '2026-10-06T10:00:00Z', type: { text: 'Marker letter' } },
    CarePlan: SUMMARY_ITEMS['CarePlan'] ?? {},
    EpisodeOfCare: { status: 'active', patient: subject, period: { start: '2026-10-05' } },
    Condition: SUMMARY_ITEMS['Condition'] ?? {},
  };
  for (const [type, fields] of Object.entries(TIMELINE_ITEMS))
    test(`timeline, ${type}: with a modifier extension, one line saying it cannot be fully shown`, () => {
      const titles = (modifier: boolean) => {
        const timeline = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience: 'clinician', now: new Date(NOW) });
        timeline.add([resource(type, fields, modifier)] as never);
        while (timeline.read(1_000) > 0);
        return timeline.view({}).days.flatMap((day) => day.events.map((event) => [event.title, event.unreadable === true]));
      };
      const ordinary = titles(false);
      assert.equal(ordinary.length, 1);
      assert.equal(ordinary[0]?.[1], false);
      assert.deepEqual(titles(true), [[NOT_FULLY_SHOWN, true]]);
    });
});
