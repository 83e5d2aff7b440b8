/**
 * A stand-in hub at the `fetch` edge whose record page (`$summary`) answers
 * when the test lets it, as the test says: not found, refused, failed, no
 * answer in time, no connection, or answered with what a narrow sign-in's
 * scopes or a carer's proxy access left out. Every search answers with items
 * (a medicine, an encounter), so a list that shows them under a failed banner
 * is seen. The record-failure suites share it, and the few ways they read a
 * provider's elements.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { createHubClient } from '@care-record/sdk';
import type { CareRecordProvider } from '../../src/provider/record-provider.js';
import { $, text } from './dom.js';

export const PATIENT = 'pat-0001';
export const BASE = 'https://hub.example.test/fhir';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
/** The types a narrow sign-in's scopes or a carer's proxy access leave out here. */
export const LEFT_OUT_TYPES = ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement'];

/** What the items the searches answer with say on screen. */
export const ITEMS = /Amlodipine|Review of blood pressure/;
/** What any element says for "none" of something. */
export const NONE_WORDING =
  /Allergies not recorded|No known allergies|No active problems|No current medic|No medicines recorded|No events|No test results|You have no|has no test results|None that can be shown|Nothing (?:we can show|recorded)/i;

/** How the record page fails: not found (the Patient too), refused, failed, no answer in time, no connection. */
export type PageFault = 404 | 410 | 403 | 500 | 'timeout' | 'network';
/** The record page answered, with a section left out by a narrow sign-in's scopes or a carer's proxy access. */
export type PageLeftOut = 'SCOPE_RESTRICTED' | 'PROXY_RESTRICTED';
export type PageAnswer = PageFault | PageLeftOut | 'ok';

export const patient = {
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

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/fhir+json' } });
const outcome = (...issue: object[]) => ({ resourceType: 'OperationOutcome', issue });
const failure = (status: number) =>
  json(outcome({ severity: 'error', code: status === 500 ? 'exception' : status === 403 ? 'forbidden' : 'not-found' }), status);
const searchset = (resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});
const itemsOf = (type: string): object[] => (type === 'MedicationRequest' ? [medicine] : type === 'Encounter' ? [encounter] : []);
const capabilities = {
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
};

export interface RecordPageHub {
  fetch: typeof fetch;
  /** Lets the record page asked so far, and from now on, answer. */
  release(): void;
  /** What the record page answers from now on; `held`: it waits for the next `release()`. */
  answer(next: PageAnswer, options?: { held?: boolean }): void;
  /** How many times the record page has been asked for. */
  readonly pageAsked: number;
}

/** A hub whose record page answers `first` once `release()` is called. */
export function recordPageHub(first: PageAnswer): RecordPageHub {
  let answer: PageAnswer = first;
  let letGo = (): void => undefined;
  let released = new Promise<void>((resolve) => (letGo = resolve));
  let pageAsked = 0;
  const notFound = () => answer === 404 || answer === 410;

  const page = async (request: Request): Promise<Response> => {
    pageAsked++;
    await released;
    const now = answer;
    if (now === 'timeout')
      // No answer in time: the client gives up and aborts.
      return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
    if (now === 'network') throw new TypeError('Failed to fetch');
    if (typeof now === 'number') return failure(now);
    const leftOut =
      now === 'ok'
        ? []
        : [
            outcome({
              severity: 'information',
              code: 'suppressed',
              details: { coding: [{ system: HUB_ERROR, code: now }] },
              expression: LEFT_OUT_TYPES,
            }),
          ];
    const shown = now === 'ok' ? [patient, medicine] : [patient];
    return json({ resourceType: 'Bundle', type: 'collection', entry: [...shown, ...leftOut].map((resource) => ({ resource })) });
  };

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const path = new URL(request.url).pathname.slice(new URL(BASE).pathname.length);
    if (path === '/metadata') return json(capabilities);
    if (path === `/Patient/${PATIENT}/$summary`) return page(request);
    if (path === `/Patient/${PATIENT}`) return notFound() ? failure(answer as number) : json(patient);
    if (path === '' || path === '/') {
      const batch = (await request.json()) as { entry: { request: { url: string } }[] };
      return json({
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map(({ request: asked }) => {
          const type = /^([A-Za-z]+)/.exec(asked.url)?.[1] ?? '';
          if (type === 'Patient')
            return notFound()
              ? { response: { status: `${String(answer)} Not Found`, outcome: outcome() } }
              : { resource: patient, response: { status: '200 OK' } };
          return { resource: searchset(itemsOf(type)), response: { status: '200 OK' } };
        }),
      });
    }
    const type = /^\/([A-Za-z]+)$/.exec(path)?.[1];
    if (type) return json(searchset(itemsOf(type)));
    return failure(404);
  };

  return {
    fetch,
    release: () => letGo(),
    answer(next, { held = false } = {}) {
      answer = next;
      if (held) released = new Promise<void>((resolve) => (letGo = resolve));
    },
    get pageAsked() {
      return pageAsked;
    },
  };
}

/** A clinician's provider for the patient, on `hub`, with a new element of each of `tags`; `timeout`: each request's limit. */
export async function providerOn(hub: Pick<RecordPageHub, 'fetch'>, tags: readonly string[], timeout = 1000): Promise<CareRecordProvider> {
  const client = createHubClient({ baseUrl: BASE, auth: 'token', retry: { limit: 0 }, timeout, fetch: hub.fetch });
  const shown = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient=${PATIENT} audience="clinician"></care-record-provider>`,
  );
  addTo(shown, tags);
  return shown;
}
/** A new element of each of `tags`, added to `shown`. */
export const addTo = (shown: CareRecordProvider, tags: readonly string[]): HTMLElement[] =>
  tags.map((tag) => shown.appendChild(document.createElement(tag)));

export const busy = (element: HTMLElement): boolean => $(element, '[aria-busy="true"]') !== null;
/** Stopped loading, and says something. */
export const settled = (element: HTMLElement): boolean => !busy(element) && text(element) !== '' && !/Loading/i.test(text(element));
/** What an element shows, without the request ID (each request has its own). */
export const shownWords = (element: HTMLElement): string => text(element).replace(/Request ID \S+/g, 'Request ID …');
export const retryButton = (element: HTMLElement): HTMLElement | null => $(element, '[part~="retry-button"]');
export const failurePanel = (element: HTMLElement): HTMLElement | null => $(element, '[part~="error"]');

/** Waits (up to `timeout` ms) until every element has settled; the test then says which has not. */
export async function allSettled(elements: readonly HTMLElement[], what: string, timeout = 5000): Promise<void> {
  await waitUntil(() => elements.every(settled), what, { timeout }).catch(() => undefined);
}
