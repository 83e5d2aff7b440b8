/**
 * What the resident's own screens show from the record — who looked at it
 * and why, her well-being plans and who made them — is shown without
 * Unicode's bidirectional controls and marks, as the record's views are: an
 * override at the end of an organisation's name would turn the text beside
 * it round, and a mark swaps the numbers after it. Every other character is
 * kept.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { accessLogViewModel, wellbeingViewModel, type AuditEvent, type CarePlan } from '@care-record/sdk';
import { seedOr } from '../record/property-runs.js';
import { ANY_BIDI_CONTROL, freeText, strings } from '../record/bidi-text.js';

const NOTICES = { withheld: false, unavailableSources: [] };

function views(text: (field: number) => string) {
  const look: AuditEvent = {
    resourceType: 'AuditEvent',
    id: 'ae-1',
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded: '2026-11-20T10:00:00Z',
    purposeOfEvent: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }], text: `Emergency access: ${text(0)}` },
    ],
    agent: [
      { who: { reference: 'PractitionerRole/pr-1' }, requestor: true, role: [{ text: text(1) }] },
      { who: { reference: 'Organization/org-1', display: text(2) }, requestor: false },
    ],
    source: { observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: 'Patient/pat-1' }, description: text(3) }],
  };
  const plan = {
    resourceType: 'CarePlan',
    id: 'cp-1',
    status: 'active',
    intent: 'plan',
    subject: { reference: 'Patient/pat-1' },
    category: [{ coding: [{ system: 'https://care-record.example/CodeSystem/care-plan-type', code: 'activity', display: text(4) }] }],
    title: text(5),
    description: text(6),
    author: { display: text(7) },
    addresses: [{ display: text(8) }],
  } as unknown as CarePlan;
  return {
    accessLog: accessLogViewModel([look]),
    wellbeing: wellbeingViewModel(
      { patientId: 'pat-1', plans: [plan], goals: [], conditions: [], observations: [], notices: NOTICES },
      new Date('2026-11-28T09:00:00Z'),
    ),
  };
}

describe("the resident's own screens show text in the order it was written", () => {
  test('reported: an organisation that looked, named with an override at its end, is shown without it', () => {
    const { accessLog } = views((field) => (field === 2 ? 'Tufnell Green Surgery\u202E' : `Text ${field}`));
    const shown = [...strings(accessLog)].map(([, value]) => value);
    assert.ok(shown.includes('Tufnell Green Surgery'), JSON.stringify(shown));
  });

  test('reported: a plan made by a name ending in a right-to-left mark is shown without it', () => {
    const { wellbeing } = views((field) => (field === 7 ? 'Dr Ann Jones\u200F' : `Text ${field}`));
    const shown = [...strings(wellbeing)].map(([, value]) => value);
    assert.ok(shown.includes('Dr Ann Jones'), JSON.stringify(shown));
  });

  test('property: neither view carries a bidirectional control or mark', () => {
    fc.assert(
      fc.property(fc.array(freeText(10), { minLength: 9, maxLength: 9 }), (texts) => {
        for (const [view, model] of Object.entries(views((field) => texts[field] ?? 'x')))
          for (const [path, value] of strings(model))
            assert.doesNotMatch(value, ANY_BIDI_CONTROL, `${view} ${path} = ${JSON.stringify(value)}`);
      }),
      { seed: seedOr(20261207), numRuns: 300 },
    );
  });
});
