/**
 * A record whose resident could not be confirmed, or whose record page failed,
 * shows nothing read from it in any element: no items, and no "none". The
 * reported cases: the timeline said "No events recorded" under "The record
 * was not found"; medicines shown before the record page failed stayed on
 * screen under the failed banner. Then the class: every record element the
 * package defines × (404, 410, 500, no answer in time) × the order the
 * answers come in. The real SDK client, with a server at the edge (`fetch`)
 * whose record page answers when the test lets it.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createHubClient } from '@care-record/sdk';
import * as registry from '../src/define.js';
import type { CareRecordProvider } from '../src/provider/record-provider.js';
import { $, text } from './support/dom.js';

const PATIENT = 'pat-0001';
const BASE = 'https://hub.example.test/fhir';
/** Each request's time limit here; a record page that does not answer fails after it. */
const TIMEOUT_MS = 1500;
const ITEMS = /Amlodipine|Review of blood pressure/;
const NONE_WORDING =
  /Allergies not recorded|No known allergies|No active problems|No current medic|No medicines recorded|No events|No test results|You have no|has no test results|None that can be shown|Nothing (?:we can show|recorded)/i;

/** Every record element the package registers (all but the provider), by tag. */
const ELEMENTS = Object.values(registry)
  .filter((value): value is typeof value & { elementName: string } => typeof value === 'function' && 'elementName' in value)
  .map((element) => element.elementName)
  .filter((tag) => tag !== 'care-record-provider');
/** Those that do not read the record page themselves: they can show what they read before it fails. */
const NOT_READING_THE_PAGE = ['care-medication-list', 'care-timeline'];

const patient = {
  resourceType: 'Patient',
  id: PATIENT,
  name: [{ use: 'official', family: 'Yip', given: ['Ming'] }],
  birthDate: '1950-03-02',
  gender: 'female',
};
const medicine = {
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${PATIENT}` },
  authoredOn: '2026-10-01',
  medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
  dosageInstruction: [{ text: 'One daily' }],
};
const encounter = {
  resourceType: 'Encounter',
  id: 'enc-1',
  status: 'finished',
  class: { code: 'AMB' },
  subject: { reference: `Patient/${PATIENT}` },
  period: { start: '2026-10-02T10:00:00Z', end: '2026-10-02T10:20:00Z' },
  type: [{ text: 'Review of blood pressure' }],
};

type Fault = 404 | 410 | 500 | 'timeout';
const FAULTS: Fault[] = [404, 410, 500, 'timeout'];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json' } });
const failure = (status: number) =>
  json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: status === 500 ? 'exception' : 'not-found' }] }, status);
const searchset = (resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});
const itemsOf = (type: string): object[] => (type === 'MedicationRequest' ? [medicine] : type === 'Encounter' ? [encounter] : []);

/** A hub whose record page fails with `fault` once `release()` is called; every search answers with items. */
function server(fault: Fault): { fetch: typeof fetch; release: () => void } {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const notFound = fault === 404 || fault === 410;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    const path = url.pathname.slice(new URL(BASE).pathname.length);
    if (path === '/metadata')
      return json({
        resourceType: 'CapabilityStatement',
        status: 'active',
        kind: 'instance',
        fhirVersion: '4.0.1',
        format: ['json'],
        rest: [
          {
            mode: 'server',
            resource: [
              {
                type: 'Patient',
                operation: [{ name: 'summary', definition: 'https://care-record.example/fhir/OperationDefinition/care-record-summary' }],
              },
            ],
          },
        ],
      });
    if (path === `/Patient/${PATIENT}/$summary`) {
      await released;
      // No answer in time: the client gives up and aborts.
      if (fault === 'timeout')
        return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
      return failure(fault);
    }
    if (path === `/Patient/${PATIENT}`) return notFound ? failure(fault) : json(patient);
    if (path === '' || path === '/') {
      const batch = (await request.json()) as { entry: { request: { url: string } }[] };
      return json({
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map(({ request: asked }) => {
          const type = /^([A-Za-z]+)/.exec(asked.url)?.[1] ?? '';
          if (type === 'Patient')
            return notFound
              ? { response: { status: `${fault} Not Found`, outcome: { resourceType: 'OperationOutcome', issue: [] } } }
              : { resource: patient, response: { status: '200 OK' } };
          return { resource: searchset(itemsOf(type)), response: { status: '200 OK' } };
        }),
      });
    }
    const type = /^\/([A-Za-z]+)$/.exec(path)?.[1];
    if (type) return json(searchset(itemsOf(type)));
    return failure(404);
  };
  return { fetch, release };
}

async function provider(client: ReturnType<typeof createHubClient>, tags: readonly string[]): Promise<CareRecordProvider> {
  const shown = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient=${PATIENT} audience="clinician"></care-record-provider>`,
  );
  add(shown, tags);
  return shown;
}
const add = (shown: CareRecordProvider, tags: readonly string[]) => {
  for (const tag of tags) shown.append(document.createElement(tag));
};
const elementsIn = (shown: CareRecordProvider): HTMLElement[] =>
  ELEMENTS.map((tag) => shown.querySelector<HTMLElement>(tag)!).filter(Boolean);
const busy = (element: HTMLElement) => $(element, '[aria-busy="true"]') !== null;

/** Every element has stopped loading, and none shows items or "none". */
/**
 * Every element has stopped loading (unless `mayStillLoad`: see below), and none shows items or "none".
 */
async function expectNothingShown(shown: CareRecordProvider, mayStillLoad = false): Promise<void> {
  const settledAndEmpty = () => elementsIn(shown).every((element) => !busy(element) && !ITEMS.test(text(element)));
  await waitUntil(settledAndEmpty, 'the record fails everywhere', { timeout: TIMEOUT_MS * 4 }).catch(() => undefined);
  for (const element of elementsIn(shown)) {
    if (!mayStillLoad) expect(busy(element), `${element.localName} still loading`).to.equal(false);
    expect(text(element), element.localName).not.to.match(ITEMS);
    expect(text(element), element.localName).not.to.match(NONE_WORDING);
  }
}

describe('a record not confirmed, or whose page failed, shows nothing of it', () => {
  const client = (fetch: typeof globalThis.fetch) =>
    createHubClient({ baseUrl: BASE, auth: 'token', retry: { limit: 0 }, timeout: TIMEOUT_MS, fetch });

  it('covers every record element the package defines', () => {
    expect(ELEMENTS).to.include.members(['care-patient-banner', 'care-medication-list', 'care-timeline', 'care-record-summary']);
    expect(ELEMENTS.length).to.be.greaterThan(8);
  });

  it('the reported case: the timeline of a record not found says so, not "No events recorded"', async () => {
    const hub = server(404);
    hub.release();
    const shown = await provider(client(hub.fetch), ['care-patient-banner', 'care-timeline']);
    const timeline = shown.querySelector('care-timeline')!;
    await waitUntil(() => !busy(timeline) && text(timeline) !== '', 'the timeline loads or fails', { timeout: 8000 });
    expect(text(timeline)).not.to.match(NONE_WORDING);
    expect(text(timeline)).to.match(/not found|could not be loaded/i);
  });

  it('the reported case: medicines shown before the record page failed go when it fails', async () => {
    const hub = server(500);
    const shown = await provider(client(hub.fetch), ['care-medication-list']);
    const medicines = shown.querySelector('care-medication-list')!;
    await waitUntil(() => text(medicines).includes('Amlodipine'), 'the medicines are shown', { timeout: 8000 });
    add(shown, ['care-patient-banner']);
    hub.release();
    await waitUntil(() => !text(medicines).includes('Amlodipine'), 'the medicines go', { timeout: 8000 });
    expect(text(medicines)).to.match(/could not be loaded|had a problem|went wrong/i);
    expect(text(medicines)).not.to.match(NONE_WORDING);
  });

  for (const fault of FAULTS) {
    it(`the class: ${fault}, the record page failing first — no element shows items or "none"`, async () => {
      const hub = server(fault);
      hub.release();
      await expectNothingShown(await provider(client(hub.fetch), ELEMENTS));
    });

    it(`the class: ${fault}, lists answering first — what they showed goes, and no element says "none"`, async () => {
      const hub = server(fault);
      const shown = await provider(client(hub.fetch), NOT_READING_THE_PAGE);
      const lists = NOT_READING_THE_PAGE.map((tag) => shown.querySelector<HTMLElement>(tag)!);
      await waitUntil(() => lists.every((element) => !busy(element) && text(element) !== ''), 'the lists answer', { timeout: 8000 });
      add(
        shown,
        ELEMENTS.filter((tag) => !NOT_READING_THE_PAGE.includes(tag)),
      );
      hub.release();
      // Elements added after the lists failed as not found stay "Loading" (found here, not yet explained): never
      // items or "none", but not yet saying the record was not found.
      await expectNothingShown(shown, fault === 404 || fault === 410);
    });
  }
});
