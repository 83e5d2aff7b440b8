/**
 * Who added an entry, as the timeline's filters say it: what the resident
 * added themselves and what a carer added for them are two settings, each
 * chip named for exactly what it holds — for the resident, for a carer
 * acting for them, and for a clinician.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { careSettingLabel, createTimeline, type CareSetting, type TimelineResource } from '../../src/record/index.js';

const PATIENT = 'pat-000001';
const NOW = '2026-11-28T09:00:00Z';
const RESIDENT = 'https://care-record.example/source/resident';
const CARER = "Aoife O'Connor (carer)";
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);

/** Every way an entry says who added it, and which setting that is. */
const ADDED_BY: readonly [who: string, fields: Record<string, unknown>, setting: CareSetting][] = [
  ['the resident, through the hub', { meta: { source: RESIDENT } }, 'resident'],
  ['the resident, on another server', { performer: [{ reference: `Patient/${PATIENT}` }] }, 'resident'],
  ['a carer, through the hub', { meta: { source: RESIDENT }, performer: [{ reference: 'RelatedPerson/rp-1', display: CARER }] }, 'carer'],
  ['a carer, on another server', { performer: [{ reference: 'RelatedPerson/rp-1', display: CARER }] }, 'carer'],
  ['a carer with no name, through the hub', { meta: { source: RESIDENT }, performer: [{ reference: 'RelatedPerson/rp-2' }] }, 'carer'],
  ['the GP', { meta: { source: 'https://care-record.example/source/F83999' } }, 'gp'],
];

const reading = (id: string, fields: Record<string, unknown>): TimelineResource =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { text: 'Weight' },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: '2026-11-21T09:13:00Z',
    valueQuantity: { value: 93.9, unit: 'kg' },
    ...fields,
  }) as unknown as TimelineResource;

const timelineOf = (audience: 'clinician' | 'resident') => {
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience, now: NOW });
  timeline.add(ADDED_BY.map(([, fields], index) => reading(`o${index}`, fields)));
  return timeline;
};

describe('timeline: what the resident added is not what a carer added', () => {
  test('reported: "Added by you" holds the resident’s own entries only, not their carers’', () => {
    const view = timelineOf('resident').view({ settings: ['resident'] });
    const shown = view.days.flatMap((day) => day.events).map((event) => event.source.name);
    assert.deepEqual(shown, ['Resident (self-reported)', 'Resident (self-reported)']);
    assert.equal(careSettingLabel('resident', 'resident'), 'Added by you');
  });

  for (const audience of ['clinician', 'resident'] as const)
    for (const [index, [who, , setting]] of ADDED_BY.entries())
      test(`${audience}: an entry added by ${who} is under "${careSettingLabel(setting, audience)}" only`, () => {
        const timeline = timelineOf(audience);
        const events = timeline.view().days.flatMap((day) => day.events);
        assert.equal(events.find((event) => event.id === `Observation/o${index}`)?.setting, setting);
        for (const other of ['resident', 'carer'] as const) {
          const ids = timeline
            .view({ settings: [other] })
            .days.flatMap((day) => day.events)
            .map((event) => event.id);
          assert.equal(ids.includes(`Observation/o${index}`), other === setting, `${other} filter`);
        }
      });

  const BRIDGET = { short: 'Bridget' };
  for (const [viewer, audience, actingFor, resident, carer] of [
    ['the resident', 'resident', undefined, 'Added by you', 'Added by your carers'],
    ['a carer acting for Bridget', 'resident', BRIDGET, 'Added by Bridget', 'Added by carers'],
    ['a clinician', 'clinician', undefined, 'Resident', 'Carer or relative'],
  ] as const)
    test(`${viewer}: the chips say "${resident}" and "${carer}"`, () => {
      assert.equal(careSettingLabel('resident', audience, actingFor), resident);
      assert.equal(careSettingLabel('carer', audience, actingFor), carer);
      // No chip but the resident's own says "you", and none of the rest changes for a carer.
      for (const setting of ['gp', 'hospital', 'community', 'mental-health', 'social-care', 'other'] as const)
        assert.equal(careSettingLabel(setting, audience, actingFor), careSettingLabel(setting, audience));
    });
});
