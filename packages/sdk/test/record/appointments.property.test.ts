/**
 * Property tests for `appointmentsViewModel` over appointments from any
 * server (issue 12): 10,000 generated lists per audience in the contract's
 * shapes and real-world ones beside them (nulls in `participant`, wrong types,
 * partial dates, unknown statuses, very long strings). No throw escapes; an
 * appointment the caller may see is always listed or said to be unreadable,
 * so neither list reads as "none" while there are some; a withheld one is
 * always said; another patient's is never listed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, type RecordAudience } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { appointment, OTHER_PATIENT, PATIENT } from './fhir-arbitraries.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = PROPERTY_RUNS;
const NOW = '2026-11-28T09:00:00Z';
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['F83999', 'Tufnell Green Surgery']]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The patients an appointment names, read independently of the SDK; `undefined` when its participants cannot be read. */
function patientsOf(item: Json): string[] | undefined {
  if (!Array.isArray(item['participant'])) return undefined;
  const patients: string[] = [];
  for (const participant of item['participant'] as unknown[]) {
    if (!isObject(participant)) continue;
    const actor = participant['actor'];
    if (actor === undefined || actor === null) continue;
    if (!isObject(actor)) return undefined;
    const reference = actor['reference'];
    if (reference !== undefined && typeof reference !== 'string') return undefined;
    if (typeof reference === 'string' && /(^|\/)Patient\//.test(reference)) patients.push(reference);
  }
  return patients;
}

const hiddenFromResident = (item: Json): boolean =>
  isObject(item['meta']) &&
  Array.isArray(item['meta']['security']) &&
  (item['meta']['security'] as unknown[]).some((label) => isObject(label) && label['code'] === 'NOPAT');

const list = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()).chain(([count, withheld]) =>
  fc.record({
    appointments: fc.tuple(...Array.from({ length: count }, (_, index) => appointment(`apt-${index}`))),
    withheld: fc.constant(withheld),
  }),
);

for (const audience of ['resident', 'clinician'] as const satisfies readonly RecordAudience[]) {
  describe(`appointmentsViewModel properties, for a ${audience}`, () => {
    test(`${RUNS} generated lists: a visible appointment is listed or said, never "none"; withheld is said`, () => {
      let visibleSeen = 0;
      fc.assert(
        fc.property(list, ({ appointments, withheld }) => {
          const model = appointmentsViewModel(
            {
              appointments: appointments as unknown as Appointment[],
              patientId: PATIENT,
              notices: { withheld, unavailableSources: [] },
              organizations: ORGANIZATIONS,
            },
            { audience, now: NOW },
          );
          const listed = new Set([...model.upcoming, ...model.past].map((row) => row.id));
          const unreadable = new Set(model.unreadable.map((item) => item.resource));
          let visible = 0;
          for (const item of appointments) {
            const key = String(item['id']);
            const patients = patientsOf(item);
            const mine = patients !== undefined && patients.length > 0 && patients.every((reference) => reference === `Patient/${PATIENT}`);
            if (patients?.some((reference) => reference === `Patient/${OTHER_PATIENT}`))
              assert.ok(!listed.has(key), `${key} is another patient's and never listed`);
            if (!mine) continue;
            if (audience === 'resident' && hiddenFromResident(item)) {
              assert.ok(!listed.has(key) || unreadable.has(`Appointment/${key}`) === false, 'NOPAT is not listed for a resident');
              assert.ok(model.notices.withheld || unreadable.has(`Appointment/${key}`), 'a withheld appointment is said');
              continue;
            }
            if (item['status'] === 'entered-in-error') continue;
            visible++;
            assert.ok(listed.has(key) || unreadable.has(`Appointment/${key}`), `Appointment/${key} is listed or said`);
          }
          if (visible > 0) {
            visibleSeen++;
            assert.ok(model.upcoming.length + model.past.length + model.unreadable.length > 0, 'never "none" while there are some');
          }
          if (withheld) assert.equal(model.notices.withheld, true);
          assert.ok(model.safetyIssues.length >= model.unreadable.length);
          assertDisplayable({ upcoming: model.upcoming, past: model.past }, 'generated appointments');
        }),
        { numRuns: RUNS, seed: seedOr(audience === 'resident' ? 20261205 : 20261206) },
      );
      assert.ok(visibleSeen > RUNS / 4, `most generated lists hold a visible appointment (${visibleSeen})`);
    });
  });
}
