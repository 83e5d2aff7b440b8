/**
 * A quantity sent with only its UCUM code, no `unit` words (HL7 v2 → FHIR
 * conversions and some laboratory feeds do), is shown in the unit's usual
 * written form — `mmHg`, `°C`, `×10⁹/L` — not the machine code (`mm[Hg]`,
 * `Cel`, `10*9/L`), in the results view and on the timeline alike. The
 * source's own words, when it gave them, are shown as they are.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, timelineViewModel, type TimelineResource } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const UCUM = 'http://unitsofmeasure.org';

const observation = (valueQuantity: object): Observation =>
  ({
    resourceType: 'Observation',
    id: 'o-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    code: { text: 'Test' },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: '2026-11-01T09:00:00Z',
    valueQuantity,
  }) as unknown as Observation;

const shown = (resource: Observation): [string | undefined, string | undefined] => [
  resultsViewModel(
    { observations: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience: 'resident' },
  ).tests[0]?.latest.valueText,
  timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations: new Map() },
    { audience: 'resident', now: '2026-12-06T09:00:00Z' },
  ).days[0]?.events[0]?.detail,
];

describe('units: a UCUM code with no words', () => {
  const CASES: [code: string, value: number, written: string][] = [
    ['mm[Hg]', 145, '145 mmHg'],
    ['Cel', 37.2, '37.2 °C'],
    ['[degF]', 99, '99 °F'],
    ['10*9/L', 250, '250 ×10⁹/L'],
    ['10*12/L', 4.5, '4.5 ×10¹²/L'],
    ['kg/m2', 24.3, '24.3 kg/m²'],
    ['/min', 72, '72 /min'],
    ['mmol/L', 5.4, '5.4 mmol/L'],
  ];
  for (const [code, value, written] of CASES)
    test(`${code} reads "${written}" in both views`, () => {
      assert.deepEqual(shown(observation({ value, system: UCUM, code })), [written, written]);
    });

  test('the source’s own words win over the code', () => {
    assert.deepEqual(shown(observation({ value: 145, unit: 'mm Hg', system: UCUM, code: 'mm[Hg]' })), ['145 mm Hg', '145 mm Hg']);
  });
});
