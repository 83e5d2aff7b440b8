/**
 * A problem's severity (`Condition.severity`: mild, moderate, severe, as
 * SNOMED CT codes them) is part of what the source recorded: the summary
 * carries it, in words, or as its code when sent with none, and says nothing
 * of severity when none was recorded.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';

const severityOf = (severity: unknown) =>
  summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      {
        resourceType: 'Condition',
        id: 'c1',
        subject: { reference: `Patient/${PATIENT}` },
        clinicalStatus: { coding: [{ code: 'active' }] },
        code: { text: 'Asthma' },
        ...(severity === undefined ? {} : { severity }),
      },
    ],
    { audience: 'clinician', now: '2026-11-28T09:00:00Z', patientId: PATIENT },
  ).sections.problems.items[0]?.severity;

describe('problems: severity as recorded', () => {
  test('reported: a severe asthma keeps its severity', () => {
    assert.equal(severityOf({ coding: [{ system: SNOMED, code: '24484000', display: 'Severe' }] }), 'Severe');
  });

  test('sent only as a code, it reads as the code; not recorded, nothing is said', () => {
    assert.equal(severityOf({ coding: [{ system: SNOMED, code: '6736007' }] }), 'SNOMED CT 6736007');
    assert.equal(severityOf(undefined), undefined);
    assert.equal(severityOf({ coding: [{ system: SNOMED }] }), undefined);
  });
});
