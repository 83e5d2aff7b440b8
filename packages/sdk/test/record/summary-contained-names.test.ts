/**
 * Who recorded or manages an entry, when the export carries them inside it:
 * EMIS and Epic exports put the Practitioner or Organization in the entry's
 * `contained` and refer to it as `#id`, with no display. The summary names
 * them as it names the same Practitioner or Organization sent on its own —
 * never "Not known" when the entry carries the name — and falls back only when
 * the reference points at nothing in it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const NOW = '2026-11-28T09:30:00Z';

const practitioner = {
  resourceType: 'Practitioner',
  id: 'pr1',
  name: [{ use: 'official', family: 'Okoye', given: ['Amara'], prefix: ['Dr'] }],
};
const organization = { resourceType: 'Organization', id: 'org1', name: 'Northgate Community Mental Health Team' };

type Model = ReturnType<typeof summaryViewModel>;
/** Each place the summary names a person or organisation by reference, the resource built around the reference. */
const PLACES: Record<
  string,
  { kind: 'Practitioner' | 'Organization'; entry: (reference: unknown) => Record<string, unknown>; shown: (model: Model) => unknown }
> = {
  "a problem's recorder": {
    kind: 'Practitioner',
    entry: (recorder) => ({
      resourceType: 'Condition',
      id: 'c1',
      subject,
      clinicalStatus: { coding: [{ code: 'active' }] },
      code: { text: 'Asthma' },
      recorder,
    }),
    shown: (model) => model.sections.problems.items[0]?.recordedBy,
  },
  "an alert's author": {
    kind: 'Practitioner',
    entry: (author) => ({ resourceType: 'Flag', id: 'f1', status: 'active', subject, code: { text: 'Key safe' }, author }),
    shown: (model) => model.sections.alerts.items[0]?.recordedBy,
  },
  "a care plan's author": {
    kind: 'Practitioner',
    entry: (author) => ({ resourceType: 'CarePlan', id: 'cp1', status: 'active', intent: 'plan', subject, title: 'Plan', author }),
    shown: (model) => model.sections.carePlans.items[0]?.author,
  },
  "a service's care manager": {
    kind: 'Practitioner',
    entry: (careManager) => ({
      resourceType: 'EpisodeOfCare',
      id: 'e1',
      status: 'active',
      patient: subject,
      type: [{ text: 'CMHT' }],
      careManager,
    }),
    shown: (model) => model.sections.involvement.items[0]?.careManager,
  },
  "a service's organisation": {
    kind: 'Organization',
    entry: (managingOrganization) => ({
      resourceType: 'EpisodeOfCare',
      id: 'e1',
      status: 'active',
      patient: subject,
      type: [{ text: 'CMHT' }],
      managingOrganization,
    }),
    shown: (model) => model.sections.involvement.items[0]?.organisation,
  },
  "a procedure's performer": {
    kind: 'Practitioner',
    entry: (actor) => ({
      resourceType: 'Procedure',
      id: 'p1',
      status: 'completed',
      subject,
      code: { text: 'Joint injection' },
      performedDateTime: '2025-01-01',
      performer: [{ actor }],
    }),
    shown: (model) => model.sections.procedures.items[0]?.performedBy,
  },
};

const summaryOf = (resources: Record<string, unknown>[]) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources.map((resource) => ({ meta, ...resource }))], {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
  });

describe('summary: people and organisations contained in the entry', () => {
  test('reported: a problem recorded by a Practitioner contained in it names them', () => {
    const model = summaryOf([{ ...PLACES["a problem's recorder"]!.entry({ reference: '#pr1' }), contained: [practitioner] }]);
    assert.equal(model.sections.problems.items[0]?.recordedBy, 'Amara Okoye');
  });

  for (const [place, { kind, entry, shown }] of Object.entries(PLACES))
    test(`${place}: contained, named as when sent on its own; a reference to nothing in it is not a name`, () => {
      const resource = kind === 'Practitioner' ? practitioner : organization;
      const onItsOwn = shown(summaryOf([entry({ reference: `${kind}/${resource.id}` }), resource]));
      assert.ok(typeof onItsOwn === 'string' && /Okoye|Northgate/i.test(onItsOwn), `${String(onItsOwn)}`);
      assert.equal(shown(summaryOf([{ ...entry({ reference: `#${resource.id}` }), contained: [resource] }])), onItsOwn);
      // The display, when sent, is what the source called them.
      assert.equal(
        shown(summaryOf([{ ...entry({ reference: `#${resource.id}`, display: 'As displayed' }), contained: [resource] }])),
        'As displayed',
      );
      // A reference to something not in the entry, or contained elsewhere, names no one.
      const missing = shown(summaryOf([{ ...entry({ reference: '#other' }), contained: [resource] }, resource]));
      assert.ok(missing === undefined || !/Okoye|Northgate/i.test(String(missing)), String(missing));
      const elsewhere = shown(
        summaryOf([entry({ reference: `#${resource.id}` }), { resourceType: 'Basic', id: 'b1', contained: [resource] }]),
      );
      assert.ok(elsewhere === undefined || !/Okoye|Northgate/i.test(String(elsewhere)), String(elsewhere));
    });
});
