/**
 * Words that were there but not shown (reviewer R7, GP persona): a
 * Condition sent with only its narrative (`text.div`) showed as "Not known ·
 * Active", and an Encounter with only a `class` was titled "Not known". A
 * condition with no code or text is now named by its narrative's words (tags
 * left out, character references read, shown as text); an encounter with
 * nothing else to name it is titled by its class ("Inpatient encounter",
 * "Ambulatory"). A code or text, when sent, still names either.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, timelineViewModel, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0004';
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);

type Fields = Record<string, unknown>;
const condition = (fields: Fields): Fields => ({
  resourceType: 'Condition',
  id: 'c-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  subject: { reference: `Patient/${PATIENT}` },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  onsetDateTime: '2026-10-01',
  ...fields,
});
const encounter = (fields: Fields): Fields => ({
  resourceType: 'Encounter',
  id: 'e-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  status: 'finished',
  subject: { reference: `Patient/${PATIENT}` },
  period: { start: '2026-10-01T10:00:00Z' },
  ...fields,
});
const narrative = (div: string) => ({ text: { status: 'generated', div } });

function problemName(fields: Fields): string | undefined {
  const model = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, condition(fields)], {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
    organizations,
  });
  return model.sections.problems.items[0]?.text;
}

function eventTitle(resource: Fields, audience: 'clinician' | 'resident' = 'clinician'): string | undefined {
  const view = timelineViewModel(
    { resources: [resource as unknown as TimelineResource], patientId: PATIENT, organizations },
    { audience, now: NOW },
  );
  const events: TimelineEvent[] = [...view.days.flatMap((day) => day.events), ...view.undated];
  return events[0]?.title;
}

describe('titles: a condition by its narrative, an encounter by its class', () => {
  test('reported: a condition with only text.div is named by its words, in the summary and on the timeline', () => {
    const fields = narrative('<div xmlns="http://www.w3.org/1999/xhtml"><p>Asthma &amp; <b>hay fever</b></p></div>');
    assert.equal(problemName(fields), 'Asthma & hay fever');
    assert.equal(eventTitle(condition(fields)), 'Asthma & hay fever');
  });

  test('reported: an encounter with only a class is titled by it', () => {
    assert.equal(eventTitle(encounter({ class: { system: V3, code: 'IMP', display: 'inpatient encounter' } })), 'inpatient encounter');
    assert.equal(eventTitle(encounter({ class: { system: V3, code: 'IMP' } })), 'Inpatient encounter');
    assert.equal(eventTitle(encounter({ class: { system: V3, code: 'AMB' } })), 'Ambulatory');
  });

  test('any narrative: the name is its words without tags, references read; a code still wins', () => {
    const words = fc.constantFrom('Asthma', 'Type 2 diabetes', 'Fall & fracture', '<script>alert(1)</script> as text', 'Café au lait');
    const wrap = fc.constantFrom(
      (said: string) => `<div xmlns="http://www.w3.org/1999/xhtml">${said}</div>`,
      (said: string) => `<div xmlns="http://www.w3.org/1999/xhtml"><p><b>${said}</b></p></div>`,
      (said: string) => `<div xmlns="http://www.w3.org/1999/xhtml">\n  <span class="x">${said}</span>\n</div>`,
    );
    const escape = (said: string) => said.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/é/g, '&#233;');
    fc.assert(
      fc.property(words, wrap, fc.boolean(), (said, wrapped, coded) => {
        const fields = { ...narrative(wrapped(escape(said))), ...(coded ? { code: { text: 'Coded name' } } : {}) };
        const expected = coded ? 'Coded name' : said;
        assert.equal(problemName(fields), expected);
        assert.equal(eventTitle(condition(fields)), expected);
      }),
      { seed: seedOr(5_0504), numRuns: 200 },
    );
  });

  test('any class form alone titles the encounter, never "Not known"; a type still wins', () => {
    const CLASSES: [Fields, string][] = [
      [{ system: V3, code: 'IMP' }, 'Inpatient encounter'],
      [{ system: V3, code: 'AMB' }, 'Ambulatory'],
      [{ system: V3, code: 'EMER' }, 'Emergency'],
      [{ system: V3, code: 'HH' }, 'Home health'],
      [{ system: V3, code: 'VR' }, 'Virtual'],
      [{ system: V2, code: 'I' }, 'Inpatient encounter'],
      [{ code: 'amb' }, 'Ambulatory'],
      [{ system: V3, code: 'AMB', display: 'ambulatory' }, 'ambulatory'],
      [{ system: 'https://trust.example/class', code: 'DC', display: 'Day case' }, 'Day case'],
      [{ system: 'https://trust.example/class', code: 'DC' }, 'DC'],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...CLASSES),
        fc.boolean(),
        fc.constantFrom('clinician' as const, 'resident' as const),
        ([klass, expected], typed, audience) => {
          const title = eventTitle(encounter({ class: klass, ...(typed ? { type: [{ text: 'Review' }] } : {}) }), audience);
          assert.equal(title, typed ? 'Review' : expected);
        },
      ),
      { seed: seedOr(5_0505), numRuns: 200 },
    );
  });
});
