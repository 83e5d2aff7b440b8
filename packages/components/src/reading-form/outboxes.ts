/**
 * Whose outbox is whose. An outbox holds what one person shared for one
 * resident on one hub: it is listed, and sent, only while that same person is
 * signed in for her there. Someone else signed in on the same page — another
 * carer at a care home's shared tablet, the resident herself — sees none of
 * it, and none of it is sent as them. Closing the page asks first while any
 * outbox still has something waiting, listed or not.
 */
import type { HubClient, SubmissionQueue, SubmissionState } from '@care-record/sdk';
import { signedInAs } from '../internal/record-context.js';

/** What an outbox is for: who shares (as `signedInAs` tells), for which resident, on which hub, as a carer or as herself. */
export interface OutboxKey {
  sharer: ReturnType<typeof signedInAs>;
  patientId: string;
  hub: string;
  carer: boolean;
}

export const outboxKey = (client: HubClient, patientId: string, carer: boolean): OutboxKey => ({
  sharer: signedInAs(client),
  patientId,
  hub: client.baseUrl,
  carer,
});

export const sameOutbox = (a: OutboxKey, b: OutboxKey): boolean =>
  a.sharer === b.sharer && a.patientId === b.patientId && a.hub === b.hub && a.carer === b.carer;

/** An outbox, the client it sends with now, and each entry's state as last told (so only a change is told). */
export interface Outbox extends OutboxKey {
  queue: SubmissionQueue;
  client: HubClient;
  told: Map<string, SubmissionState>;
}

/**
 * Outboxes set aside by one form (another person, resident or hub came into context) are kept, so that each one's
 * entries are listed again when its person is back for her resident. A kiosk may see many: the oldest beyond this
 * are let go, left to finish sending.
 */
export const SET_ASIDE_LIMIT = 16;

/** Every outbox made on this page that may still have something waiting, whether or not a form lists it. */
const unsent = new Set<SubmissionQueue>();
let guarding = false;

/**
 * Closing the page asks first while `queue` has anything waiting: entries live in memory only (never in browser
 * storage), so they would be lost, whoever's they are. Call it whenever something may have been added to it.
 */
export function askBeforeLeaving(queue: SubmissionQueue): void {
  unsent.add(queue);
  if (guarding) return;
  guarding = true;
  window.addEventListener('beforeunload', (event) => {
    for (const each of unsent) if (each.waiting === 0) unsent.delete(each);
    if (unsent.size === 0) return;
    event.preventDefault();
    event.returnValue = '';
  });
}
