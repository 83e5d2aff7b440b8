/**
 * A condition whose abatement is still to come — `abatementDateTime`,
 * `abatementPeriod`, `abatementAge` or `abatementRange` after today — has not
 * abated: it is a current problem until then, whatever abated status FHIR's
 * con-4 made the source record beside it, and its status is not called
 * resolved, inactive or in remission before it is. Once the abatement has
 * come it is a past problem, as before. An abatement that cannot be placed in
 * time (an age with no date of birth, words) is taken as recorded.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { createTimeline, summaryViewModel, type ProblemItem, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const BORN = '1960-06-15';
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);

type Fields = Record<string, unknown>;
const condition = (fields: Fields): Fields => ({
  resourceType: 'Condition',
  id: 'c1',
  meta: { source: 'https://care-record.example/source/F83999' },
  subject: { reference: `Patient/${PATIENT}` },
  code: { text: 'Pregnancy' },
  onsetDateTime: '2026-04-01',
  ...fields,
});
const clinical = (code: string) => ({
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code }] },
});
const years = (value: number) => ({ value, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' });

/** Where the summary puts the condition, and the status it gives it. */
function placed(fields: Fields, birthDate: string | null = BORN): { where: 'current' | 'past'; status: string } {
  const model = summaryViewModel([{ resourceType: 'Patient', id: PATIENT, ...(birthDate ? { birthDate } : {}) }, condition(fields)], {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
    organizations,
  });
  const { items, past } = model.sections.problems;
  const item: ProblemItem | undefined = items[0] ?? past[0];
  assert.equal(items.length + past.length, 1, 'shown once');
  return { where: items.length > 0 ? 'current' : 'past', status: item!.status };
}

describe('conditions whose abatement is still to come', () => {
  test('reported: no clinical status and an abatement date next year is current, its status "Not known"', () => {
    assert.deepEqual(placed({ abatementDateTime: '2027-03-01' }), { where: 'current', status: 'Not known' });
  });

  test('reported: resolved (as con-4 requires) with an abatement date next year is current until then, not "Resolved"', () => {
    assert.deepEqual(placed({ ...clinical('resolved'), abatementDateTime: '2027-03-01' }), { where: 'current', status: 'Not known' });
  });

  test('reported: an abatement period still running and an abatement age not yet reached are current', () => {
    assert.equal(placed({ abatementPeriod: { start: '2026-11-01', end: '2027-01-31' } }).where, 'current');
    assert.equal(placed({ ...clinical('inactive'), abatementAge: years(80) }).where, 'current');
  });

  test('an abatement that has come is a past problem, with its status as recorded', () => {
    assert.deepEqual(placed({ abatementDateTime: '2026-11-28T08:00:00Z' }), { where: 'past', status: 'Inactive' });
    assert.deepEqual(placed({ ...clinical('remission'), abatementAge: years(12) }), { where: 'past', status: 'Remission' });
    assert.deepEqual(placed({ ...clinical('resolved'), abatementPeriod: { start: '2010-01-01', end: '2010-02-01' } }), {
      where: 'past',
      status: 'Resolved',
    });
  });

  test('an abatement age with no date of birth, or in words, is taken as recorded', () => {
    assert.equal(placed({ abatementAge: years(80) }, null).where, 'past');
    assert.equal(placed({ abatementString: 'after the birth' }).where, 'past');
  });

  /** Days from today to the abatement, and each way a source may record that day. */
  const DAY = 86_400_000;
  const today = Date.parse('2026-11-28');
  const isoDay = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10);
  const FORMS = [
    'dateTime',
    'date',
    'instant',
    'period end',
    'period start only',
    'age in years',
    'age in months',
    'range of ages',
  ] as const;
  type Form = (typeof FORMS)[number];
  /** The abatement recorded in `form`, and the UK day it comes, `yyyy-mm-dd`. */
  function abatement(form: Form, offset: number): { fields: Fields; day: string } {
    const day = isoDay(offset);
    switch (form) {
      case 'dateTime':
        return { fields: { abatementDateTime: `${day}T12:00:00Z` }, day };
      case 'date':
        return { fields: { abatementDateTime: day }, day };
      case 'instant':
        return { fields: { abatementDateTime: `${day}T00:30:00+00:00` }, day };
      case 'period end':
        return { fields: { abatementPeriod: { start: isoDay(offset - 30), end: day } }, day };
      case 'period start only':
        return { fields: { abatementPeriod: { start: day } }, day };
      case 'age in years':
      case 'range of ages': {
        const age = Math.max(0, Math.round((today + offset * DAY - Date.parse(BORN)) / (365.25 * DAY)));
        const reached = `${1960 + age}-06-15`;
        const value = { value: age, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' };
        return form === 'age in years'
          ? { fields: { abatementAge: value }, day: reached }
          : { fields: { abatementRange: { low: { ...value, value: Math.max(0, age - 2) }, high: value } }, day: reached };
      }
      case 'age in months': {
        const months = Math.max(0, Math.round((today + offset * DAY - Date.parse(BORN)) / (30.44 * DAY)));
        const reached = new Date(Date.UTC(1960, 5 + months, 15)).toISOString().slice(0, 10);
        return {
          fields: { abatementAge: { value: months, unit: 'months', system: 'http://unitsofmeasure.org', code: 'mo' } },
          day: reached,
        };
      }
    }
  }
  const ABATED = [undefined, 'inactive', 'remission', 'resolved'] as const;

  test(`property: ${Math.min(PROPERTY_RUNS, 3_000)} abatements, any form, any day around today — current exactly until it comes`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMS), fc.integer({ min: -900, max: 900 }), fc.constantFrom(...ABATED), (form, offset, status) => {
        const { fields, day } = abatement(form, offset);
        const shown = placed({ ...(status ? clinical(status) : {}), ...fields });
        // A period's end lasts the whole of its day; a time of day comes then (noon today is still to come, 00:30 has
        // passed); any other day the abatement is given as comes at the start of that day.
        const stillToCome = form === 'period end' || form === 'dateTime' ? day >= '2026-11-28' : day > '2026-11-28';
        const expected = stillToCome ? 'current' : 'past';
        assert.equal(shown.where, expected, `${JSON.stringify(fields)} (${status ?? 'no status'})`);
        if (expected === 'current') assert.equal(shown.status, 'Not known', 'not called abated before it is');
        else assert.equal(shown.status, status ? status.charAt(0).toUpperCase() + status.slice(1) : 'Inactive');
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 3_000), seed: seedOr(20261209) },
    );
  });

  /** The status the timeline gives the condition's event, in the summary's words. */
  function onTimeline(fields: Fields): string {
    const timeline = createTimeline({ patientId: PATIENT, organizations, audience: 'clinician', now: NOW, birthDate: BORN });
    timeline.add([condition(fields) as unknown as TimelineResource]);
    const view = timeline.view();
    const [event] = [...view.days.flatMap((day) => day.events), ...view.undated];
    assert.ok(event, 'the condition is on the timeline');
    return event.status ?? 'none given';
  }

  test('reported: the timeline called a condition resolving next year "Resolved" while the summary lists it as current', () => {
    assert.equal(onTimeline({ ...clinical('resolved'), abatementDateTime: '2027-03-01' }), 'Not known');
    assert.equal(onTimeline({ abatementDateTime: '2027-03-01' }), 'Not known', 'not "Inactive" either');
  });

  test(`property: ${Math.min(PROPERTY_RUNS, 2_000)} abatements — the timeline gives the status the summary gives`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORMS), fc.integer({ min: -900, max: 900 }), fc.constantFrom(...ABATED), (form, offset, status) => {
        const fields = { ...(status ? clinical(status) : {}), ...abatement(form, offset).fields };
        // The same status, in each view's words ("In remission" on the timeline, "Remission" in the problem list).
        const same = (words: string) => words.toLowerCase().replace(/^in /, '');
        assert.equal(same(onTimeline(fields)), same(placed(fields).status), JSON.stringify(fields));
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2_000), seed: seedOr(20261210) },
    );
  });
});
