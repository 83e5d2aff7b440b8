/**
 * An appointment on `<care-timeline>` says what the appointments list says
 * of it, in real Chromium: why a cancelled one was cancelled (sent only as a
 * code), every reason it gives beside its description, and, for one with an
 * end but no start, the day it ends, marked as still to come — never an
 * undated "Not recorded" taken for past. Axe-checked.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createTimeline, type Timeline, type TimelineResource } from '@care-record/sdk';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { NOW, organizations } from './support/fixtures.js';
import { $$, text } from './support/dom.js';

const PATIENT = 'pat-appointments';
const snomed = (code: string) => ({ coding: [{ system: 'http://snomed.info/sct', code }] });

const appointment = (id: string, fields: object) => ({
  resourceType: 'Appointment',
  id,
  meta: { source: 'https://care-record.example/source/RZ9' },
  participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  ...fields,
});

const RESOURCES = [
  appointment('cancelled', {
    status: 'cancelled',
    serviceType: [{ text: 'Eye clinic' }],
    start: '2026-12-20T09:00:00Z',
    cancelationReason: snomed('182856006'),
  }),
  appointment('reasons', {
    status: 'booked',
    serviceType: [{ text: 'Diabetes clinic' }],
    description: 'Annual review',
    start: '2026-12-14T10:30:00Z',
    reasonCode: [snomed('44054006'), { text: 'Foot check' }],
    reasonReference: [{ reference: 'Condition/c1', display: 'Type 2 diabetes mellitus' }],
  }),
  appointment('ends', { status: 'booked', serviceType: [{ text: 'Physiotherapy' }], end: '2027-03-04T15:00:00Z' }),
];

function timelineOf(audience: 'clinician' | 'resident'): Timeline {
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience, now: NOW });
  timeline.add(RESOURCES as unknown as TimelineResource[]);
  return timeline;
}

const eventNamed = (element: CareTimeline, title: string) => {
  const found = $$(element, '[part~="event"]').find((item) => text(item.querySelector('[part~="event-button"]')) === title);
  expect(found, title).to.not.equal(undefined);
  return found!;
};

describe('care-timeline: an appointment says what the list says', () => {
  for (const [audience, cancelled, tag, ends] of [
    ['clinician', 'Cancellation reason: SNOMED CT 182856006', 'Future', 'Ends 04-Mar-2027; start not recorded'],
    ['resident', 'Why it was cancelled: SNOMED CT 182856006', 'Upcoming', 'Ends 4 March 2027. Start date not recorded'],
  ] as const)
    it(`${audience}: why it was cancelled, every reason, and an end with no start still to come`, async () => {
      const element = await fixture<CareTimeline>(
        html`<care-timeline audience=${audience} .model=${timelineOf(audience)}></care-timeline>`,
      );
      expect(text(eventNamed(element, 'Eye clinic'))).to.contain(cancelled);
      const review = text(eventNamed(element, 'Diabetes clinic'));
      for (const words of ['Annual review', 'SNOMED CT 44054006', 'Foot check', 'Type 2 diabetes mellitus'])
        expect(review).to.contain(words);
      const physio = eventNamed(element, 'Physiotherapy');
      expect(text(physio.querySelector('[part~="future"]'))).to.equal(tag);
      expect(text(physio)).to.contain(ends);
      expect(text(element.shadowRoot!)).not.to.contain('Not recorded');
      await expect(element).to.be.accessible();
    });
});
