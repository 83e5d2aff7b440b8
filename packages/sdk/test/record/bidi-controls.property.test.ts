/**
 * Free text from any feed is shown in the order it was written. Unicode's
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and marks (U+200E, U+200F, U+061C) are invisible, but an
 * override turns the characters after it round on screen — `‮0.51` shows as
 * `15.0`, and it runs on into the next value on the line (a dose, a result, a
 * status, the source beside it); a mark swaps the numbers after it. Arabic,
 * Hebrew or emoji text needs none of them. They are left out of every string
 * the banner, summary, medication list, results, timeline and appointments
 * give to show — the names of sources, practitioners and the patient as much
 * as notes — and every other character is kept.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import {
  appointmentsViewModel,
  bannerViewModel,
  createTimeline,
  medicationsViewModel,
  resultsViewModel,
  summaryViewModel,
  type AllergyState,
  type TimelineResource,
} from '../../src/record/index.js';
import type { Appointment, MedicationRequest, Observation, Patient } from '../../src/fhir.js';
import { seedOr } from './property-runs.js';
import { ANY_BIDI_CONTROL, freeText, strings } from './bidi-text.js';

const PATIENT = 'pat-1';
const NOW = '2026-11-28T09:00:00Z';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

/** A record for the patient whose every free-text field is `text(n)`. */
function record(text: (field: number) => string) {
  const subject = { reference: `Patient/${PATIENT}` };
  const meta = { source: 'https://care-record.example/source/F83999' };
  const patient = {
    resourceType: 'Patient',
    id: PATIENT,
    meta,
    name: [{ use: 'official', family: text(0), given: [text(1)], prefix: [text(2)] }],
    birthDate: '1960-05-01',
    address: [{ use: 'home', line: [text(3)], city: text(4), postalCode: 'N7 6PA' }],
    generalPractitioner: [{ display: text(5) }],
  } as unknown as Patient;
  const request = {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    meta,
    status: 'active',
    intent: 'order',
    subject,
    authoredOn: '2026-10-01',
    medicationCodeableConcept: { text: text(6) },
    dosageInstruction: [{ text: text(7) }],
  } as unknown as MedicationRequest;
  const observation = {
    resourceType: 'Observation',
    id: 'ob-1',
    meta,
    status: 'final',
    subject,
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { text: text(8) },
    effectiveDateTime: '2026-10-01T09:00:00Z',
    valueString: text(9),
    referenceRange: [{ text: text(10) }],
    note: [{ text: text(26), authorString: text(27) }],
  } as unknown as Observation;
  // Named by other servers' fields, not the hub's `meta.source`: a reference's display, a contained practitioner.
  const reported = {
    resourceType: 'Observation',
    id: 'ob-2',
    status: 'final',
    subject,
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { text: 'Serum sodium' },
    effectiveDateTime: '2026-10-02T09:00:00Z',
    valueQuantity: { value: 140, unit: 'mmol/L' },
    performer: [{ reference: 'Organization/lab-1', display: text(23) }],
  } as unknown as Observation;
  const recorded = {
    resourceType: 'Observation',
    id: 'ob-3',
    status: 'final',
    subject,
    contained: [{ resourceType: 'Practitioner', id: 'p1', name: [{ prefix: ['Dr'], given: [text(24)], family: text(25) }] }],
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { text: 'Serum potassium' },
    effectiveDateTime: '2026-10-03T09:00:00Z',
    valueQuantity: { value: 4.1, unit: 'mmol/L' },
    performer: [{ reference: '#p1' }],
  } as unknown as Observation;
  const appointment = {
    resourceType: 'Appointment',
    id: 'ap-1',
    meta,
    status: 'booked',
    start: '2026-12-10T10:00:00Z',
    end: '2026-12-10T10:20:00Z',
    description: text(28),
    participant: [
      { actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' },
      { actor: { reference: 'Practitioner/pr-1', display: text(29) }, status: 'accepted' },
      { actor: { reference: 'Location/loc-1', display: text(30) }, status: 'accepted' },
    ],
  } as unknown as Appointment;
  const others = [
    {
      resourceType: 'Condition',
      id: 'c-1',
      meta,
      subject,
      code: { text: text(11) },
      note: [{ text: text(12) }],
      onsetDateTime: '2020-01-01',
    },
    {
      resourceType: 'AllergyIntolerance',
      id: 'a-1',
      meta,
      patient: subject,
      code: { text: text(13) },
      reaction: [{ manifestation: [{ text: text(14) }], description: text(15) }],
      note: [{ text: text(16) }],
    },
    { resourceType: 'Flag', id: 'f-1', meta, subject, status: 'active', code: { text: text(17) } },
    { resourceType: 'RelatedPerson', id: 'rp-1', meta, patient: subject, name: [{ family: text(18), given: [text(19)] }] },
    {
      resourceType: 'CarePlan',
      id: 'cp-1',
      meta,
      subject,
      status: 'active',
      intent: 'plan',
      title: text(20),
      period: { start: '2026-01-01' },
    },
    {
      resourceType: 'Encounter',
      id: 'e-1',
      meta,
      subject,
      status: 'finished',
      class: { code: 'AMB' },
      type: [{ text: text(21) }],
      period: { start: '2026-09-01' },
    },
  ];
  return { patient, request, observations: [observation, reported, recorded], appointment, others };
}

function views(text: (field: number) => string) {
  const { patient, request, observations, appointment, others } = record(text);
  // The source's name as the directory gave it.
  const organizations = new Map<string, string>([['F83999', text(22)]]);
  const notices = { withheld: false, unavailableSources: [] };
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience: 'clinician', now: NOW });
  timeline.add([request, ...observations, appointment, ...others] as unknown as TimelineResource[]);
  return {
    banner: bannerViewModel(patient, { audience: 'clinician', now: NOW, organizations, allergies: notRecorded }),
    summary: summaryViewModel([patient, request, ...observations, appointment, ...others], {
      audience: 'clinician',
      now: NOW,
      patientId: PATIENT,
      organizations,
    }),
    medications: medicationsViewModel(
      { requests: [request], statements: [], patientId: PATIENT, notices, organizations },
      { audience: 'resident', now: NOW },
    ),
    results: resultsViewModel({ observations, patientId: PATIENT, notices, organizations }, { audience: 'clinician' }),
    appointments: appointmentsViewModel(
      { appointments: [appointment], patientId: PATIENT, notices, organizations },
      { audience: 'clinician', now: NOW },
    ),
    timeline: timeline.view(),
  };
}

describe('free text is shown in the order it was written', () => {
  test('reported: a drug name with a right-to-left override shows without it, the rest kept', () => {
    const { summary, medications } = views((field) => (field === 6 ? 'Amlodipine \u202E5mg tablets' : `Text ${field}`));
    assert.equal(summary.sections.medications.items[0]?.name, 'Amlodipine 5mg tablets');
    assert.equal(medications.current[0]?.name, 'Amlodipine 5mg tablets');
  });

  test('reported: a source named with a right-to-left override shows without it, beside no other text turned round', () => {
    const { results, medications, timeline } = views((field) => (field === 22 ? 'Hospital \u202Eesirpretne' : `Text ${field}`));
    const sources = [
      ...results.tests.flatMap((test) => test.readings.map((reading) => reading.source.name)),
      ...medications.current.flatMap((item) => item.sources.map((source) => source.name)),
      ...timeline.days.flatMap((day) => day.events.map((event) => event.source.name)),
    ];
    assert.ok(sources.includes('Hospital esirpretne'), JSON.stringify(sources));
    for (const name of sources) assert.doesNotMatch(name, ANY_BIDI_CONTROL);
  });

  test("reported: a right-to-left mark ending a practitioner's name is left out", () => {
    const { results } = views((field) => (field === 24 ? 'Ann\u200F' : field === 25 ? '\u200FJones' : `Text ${field}`));
    const names = results.tests.flatMap((test) => test.readings.map((reading) => reading.source.name));
    assert.ok(names.includes('Dr Ann Jones'), JSON.stringify(names));
  });

  test('property: no view model carries a bidirectional control, and no other character is lost', () => {
    fc.assert(
      fc.property(fc.array(freeText(12), { minLength: 31, maxLength: 31 }), (texts) => {
        const text = (field: number) => texts[field] ?? 'x';
        for (const [view, model] of Object.entries(views(text)))
          for (const [path, value] of strings(model))
            assert.doesNotMatch(value, ANY_BIDI_CONTROL, `${view} ${path} = ${JSON.stringify(value)}`);
        const shown = (value: string) =>
          value
            .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, '')
            .trim()
            .replace(/\s+/g, ' ');
        const { summary } = views(text);
        assert.equal(summary.sections.problems.items[0]?.text, shown(text(11)));
      }),
      { seed: seedOr(20261207), numRuns: 200 },
    );
  });
});
