/**
 * What each timeline event says of its date: a condition placed at the date
 * it was recorded says so beside its title, in the audience's words, so the
 * day heading is never taken for when it began; a planned encounter is marked
 * as still to come; a result dated after now says so rather than reading as
 * past.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createTimeline, type Timeline, type TimelineResource } from '@care-record/sdk';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { NOW, organizations } from './support/fixtures.js';
import { $$, text } from './support/dom.js';

const PATIENT = 'pat-words';

function timelineOf(resources: readonly object[], audience: 'clinician' | 'resident' = 'clinician'): Timeline {
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience, now: NOW });
  timeline.add(resources as TimelineResource[]);
  return timeline;
}

const condition = (fields: object) => ({
  resourceType: 'Condition',
  id: 'con-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  clinicalStatus: { coding: [{ code: 'active' }] },
  code: { text: 'Asthma' },
  subject: { reference: `Patient/${PATIENT}` },
  recordedDate: '2020-04-05',
  ...fields,
});

const eventNamed = (element: CareTimeline, title: string) =>
  $$(element, '[part~="event"]').find((item) => text(item.querySelector('[part~="event-button"]')) === title)!;

describe('care-timeline: what an event says of its date', () => {
  for (const [audience, words] of [
    ['clinician', 'Recorded 05-Apr-2020; onset age 45 years'],
    ['resident', 'Recorded 5 April 2020. Started: age 45 years'],
  ] as const)
    it(`${audience}: a condition known only by the age it began at says it sits at its recorded date`, async () => {
      const element = await fixture<CareTimeline>(
        html`<care-timeline
          audience=${audience}
          .model=${timelineOf([condition({ onsetAge: { value: 45, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' } })], audience)}
        ></care-timeline>`,
      );
      const item = eventNamed(element, 'Asthma');
      expect(text(item.querySelector('[part~="date-note"]'))).to.equal(words);
      await expect(element).to.be.accessible();
    });

  it('a condition dated by its onset has no such note', async () => {
    const element = await fixture<CareTimeline>(
      html`<care-timeline .model=${timelineOf([condition({ onsetDateTime: '2015-03-01' })])}></care-timeline>`,
    );
    expect(eventNamed(element, 'Asthma').querySelector('[part~="date-note"]')).to.equal(null);
  });

  for (const [audience, tag] of [
    ['clinician', 'Future'],
    ['resident', 'Upcoming'],
  ] as const)
    it(`${audience}: a planned encounter is marked as still to come`, async () => {
      const planned = {
        resourceType: 'Encounter',
        id: 'enc-planned',
        meta: { source: 'https://care-record.example/source/RZ9' },
        status: 'planned',
        class: { code: 'AMB' },
        subject: { reference: `Patient/${PATIENT}` },
        period: { start: '2027-01-12' },
        type: [{ text: 'Fracture clinic' }],
      };
      const element = await fixture<CareTimeline>(
        html`<care-timeline audience=${audience} .model=${timelineOf([planned], audience)}></care-timeline>`,
      );
      expect(text(eventNamed(element, 'Fracture clinic').querySelector('[part~="future"]'))).to.equal(tag);
      await expect(element).to.be.accessible();
    });

  it('a result dated after now is not marked upcoming, and says its date is in the future', async () => {
    const result = {
      resourceType: 'Observation',
      id: 'obs-future',
      meta: { source: 'https://care-record.example/source/F83999' },
      status: 'final',
      subject: { reference: `Patient/${PATIENT}` },
      code: { text: 'Body weight' },
      effectiveDateTime: '2031-01-01',
      valueQuantity: { value: 70, unit: 'kg' },
    };
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${timelineOf([result])}></care-timeline>`);
    const item = eventNamed(element, 'Body weight');
    expect(item.querySelector('[part~="future"]')).to.equal(null);
    expect(text(item.querySelector('[part~="date-note"]'))).to.equal('Dated in the future: check the record');
  });
});
