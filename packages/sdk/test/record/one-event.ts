/**
 * The one event a timeline shows for a single resource of resident
 * `pat-0001`, from the hospital (RZ9) unless the resource says otherwise, for
 * the tests of how an event is titled, dated and explained.
 */
import assert from 'node:assert/strict';

import { createTimeline, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';

export const PATIENT = 'pat-0001';
export const subject = { reference: `Patient/${PATIENT}` };
export const meta = { source: 'https://care-record.example/source/RZ9' };

/** The timeline's only event for `resource` (given `id: 'x-1'` and the hospital's `meta` unless it has its own), at `now`. */
export function eventOf(
  resource: Record<string, unknown>,
  audience: 'clinician' | 'resident',
  now = '2026-12-06T09:00:00Z',
): TimelineEvent {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now });
  timeline.add([{ id: 'x-1', meta, ...resource } as unknown as TimelineResource]);
  const view = timeline.view();
  const [event, ...others] = [...view.days.flatMap((day) => day.events), ...view.undated];
  assert.ok(event, `shown: ${JSON.stringify(resource)}`);
  assert.equal(others.length, 0, 'one event');
  return event;
}
