/**
 * Property tests for `resultsViewModel` over results from any server (issue
 * 12): 10,000 generated records per audience, each a handful of Observations
 * and DiagnosticReports (with contained results) in the contract's shapes and
 * real-world ones beside them. No throw escapes; a result the caller may see
 * is always shown or said to be unreadable, so the results never read as
 * "none" while the record has some; a withheld item is always said; another
 * patient's result is never shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { observation, PATIENT, report } from './fhir-arbitraries.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = PROPERTY_RUNS;
const SHOWN_STATUSES = new Set(['final', 'amended', 'corrected', 'preliminary', 'registered', 'unknown']);
const NOT_RESULTS = new Set(['social-history', 'survey']);
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
  ['F83999', 'Tufnell Green Surgery'],
]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a subject names the patient in context, read independently of the SDK. */
function aboutPatient(subject: unknown): boolean {
  if (!isObject(subject) || typeof subject['reference'] !== 'string') return false;
  return new RegExp(`(^|/)Patient/${PATIENT}(/_history/[^/]+)?$`).test(subject['reference'].trim());
}

const hiddenFromResident = (resource: Json): boolean =>
  isObject(resource['meta']) &&
  Array.isArray(resource['meta']['security']) &&
  (resource['meta']['security'] as unknown[]).some((label) => isObject(label) && label['code'] === 'NOPAT');

/** The rule the README states: every Observation but those whose categories are all social history or survey. */
function isResult(resource: Json): boolean {
  const codes = (Array.isArray(resource['category']) ? resource['category'] : []).flatMap((category: unknown) =>
    isObject(category) && Array.isArray(category['coding'])
      ? (category['coding'] as unknown[]).flatMap((coding) =>
          isObject(coding) && typeof coding['code'] === 'string' ? [coding['code']] : [],
        )
      : [],
  );
  return codes.length === 0 || codes.some((code) => !NOT_RESULTS.has(code));
}

const mayShow = (resource: Json, audience: RecordAudience): boolean =>
  typeof resource['status'] === 'string' &&
  SHOWN_STATUSES.has(resource['status']) &&
  !(audience === 'resident' && hiddenFromResident(resource));

const record = fc
  .tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 }), fc.boolean())
  .chain(([observations, reports, withheld]) => {
    const ids = Array.from({ length: observations }, (_, index) => `obs-${index}`);
    return fc.record({
      observations: fc.tuple(...ids.map((id) => observation(id))),
      reports: fc.tuple(...Array.from({ length: reports }, (_, index) => report(`dr-${index}`, ids))),
      withheld: fc.constant(withheld),
    });
  });

for (const audience of ['resident', 'clinician'] as const) {
  describe(`resultsViewModel properties, for a ${audience}`, () => {
    test(`${RUNS} generated records: a visible result is shown or said, never "none"; withheld is said`, () => {
      let visibleSeen = 0;
      fc.assert(
        fc.property(record, ({ observations, reports, withheld }) => {
          const model = resultsViewModel(
            {
              observations: observations as unknown as Observation[],
              reports: reports as unknown as DiagnosticReport[],
              patientId: PATIENT,
              notices: { withheld, unavailableSources: [] },
              organizations: ORGANIZATIONS,
            },
            { audience },
          );
          const readingIds = new Set(model.tests.flatMap((item) => item.readings.map((reading) => reading.id)));
          const unreadable = new Set(model.unreadable.map((item) => item.resource));

          // Top-level results the caller may see: shown, or said to be unreadable.
          const visible = observations.filter((item) => aboutPatient(item['subject']) && mayShow(item, audience) && isResult(item));
          for (const item of visible) {
            const key = `Observation/${String(item['id'])}`;
            assert.ok(readingIds.has(key) || unreadable.has(key), `${key} is shown or said`);
          }
          // Results contained in a visible report: shown, or the report or result is said to be unreadable.
          let visibleContained = 0;
          for (const item of reports) {
            const reportVisible =
              aboutPatient(item['subject']) &&
              typeof item['status'] === 'string' &&
              !['cancelled', 'entered-in-error'].includes(item['status']) &&
              !(audience === 'resident' && hiddenFromResident(item));
            if (!reportVisible) continue;
            for (const inner of item['contained'] as Json[]) {
              const inherits = !inner['subject'];
              if (!(inherits || aboutPatient(inner['subject'])) || !mayShow(inner, audience)) continue;
              visibleContained++;
              const key = `DiagnosticReport/${String(item['id'])}#${String(inner['id'])}`;
              assert.ok(
                readingIds.has(key) ||
                  unreadable.has(`Observation/${String(inner['id'])}`) ||
                  unreadable.has(`DiagnosticReport/${String(item['id'])}`),
                `${key} is shown or said`,
              );
            }
          }
          if (visible.length + visibleContained > 0) {
            visibleSeen++;
            assert.ok(model.tests.length + model.unreadable.length > 0, 'never "none" while there are results');
          }
          // Withheld is always said.
          if (withheld) assert.equal(model.notices.withheld, true);
          if (
            audience === 'resident' &&
            [...observations, ...reports].some((item) => aboutPatient(item['subject']) && hiddenFromResident(item))
          )
            assert.equal(model.notices.withheld, true, 'a NOPAT item is said to be withheld');
          // Another patient's result is never shown.
          for (const item of observations)
            if (!aboutPatient(item['subject']))
              assert.ok(!readingIds.has(`Observation/${String(item['id'])}`), 'not shown under this patient');
          // Unreadable items are counted as safety issues.
          assert.ok(model.safetyIssues.length >= model.unreadable.length);
          assertDisplayable({ tests: model.tests, reports: model.reports, heading: model.heading }, 'generated results');
        }),
        { numRuns: RUNS, seed: seedOr(audience === 'resident' ? 20261203 : 20261204) },
      );
      assert.ok(visibleSeen > RUNS / 4, `most generated records hold a visible result (${visibleSeen})`);
    });
  });
}
