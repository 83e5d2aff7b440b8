/**
 * A refusal's `diagnostics` is for developers (element paths, FHIRPath, internal names); a person is shown only
 * the hub's `details.text` or the SDK's own sentence. Each person-held write screen, with the real SDK client and
 * a plain FHIR server behind its `fetch`, has its write refused with each status a hub refuses with and a marker
 * in `diagnostics`: the marker never appears in the rendered element, and the screen still says it failed.
 */
import { expect } from '@open-wc/testing';
import { createHubClient, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareCarers, CareSharing } from '../src/index.js';
import { $, $$, settled, text, until } from './support/dom.js';
import { createPlainFhir, type PlainFhir } from './support/plain-fhir-fetch.js';
import { addCarer, addResident, BASE, inProvider, notLoading, readingForm, type, typeToday } from './support/resident-screens.js';

const MARKER = 'MARKER-7f3a';
const STATUSES = [400, 403, 404, 409, 412, 422, 429, 500] as const;

/** Reads pass to the plain server; every write is refused with `status` and developer text in `diagnostics`. */
function refusingWrites(plain: PlainFhir, status: number): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'GET' || /\/fhir\/?$/.test(new URL(request.url).pathname)) return plain.fetch(request);
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: status >= 500 ? 'fatal' : 'error',
          code: status === 403 ? 'forbidden' : 'business-rule',
          diagnostics: `${MARKER} Consent.provision.actor.where(role.coding.code='IRCP') /srv/hub/src/policy/sharing.ts`,
          details: { coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code: 'INVALID_RESOURCE' }] },
        },
      ],
    };
    return new Response(JSON.stringify(outcome), { status, headers: { 'content-type': 'application/fhir+json' } });
  };
}

function server(status: number): HubClient {
  const plain = createPlainFhir(BASE);
  addResident(plain);
  addCarer(plain);
  return createHubClient({ baseUrl: BASE, auth: 'resident-token', fetch: refusingWrites(plain, status), retry: false });
}

/** A carers or sharing screen once its form (or its invite button) is shown. */
const open = (client: HubClient, tag: 'care-carers' | 'care-sharing') =>
  inProvider<HTMLElement>(client, tag, (element) => notLoading(element) && $(element, 'form, [part~="invite-button"]') !== null);

const SCREENS = [
  {
    name: 'a reading',
    open: async (client: HubClient) => {
      const element = await readingForm(client, { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 });
      $(element, '#kind-weight')!.click();
      await settled(element);
      type(element, '#kilograms', '72.5');
      typeToday(element);
      $(element, '[part~="submit-button"]')!.click();
      await until(() => /Not sent|Not confirmed/.test(text($(element, '[part~="entry"] [part~="status"]'))), 3000, 'refused');
      return element;
    },
  },
  {
    name: 'sharing choices',
    open: async (client: HubClient) => {
      const element = await open(client, 'care-sharing');
      ($(element, '#organisation-0') as HTMLInputElement).click();
      await settled(element as unknown as CareSharing);
      $(element, '[part~="save-button"]')!.click();
      await until(() => /not saved|may have been saved/.test(text(element)), 3000, 'refused');
      return element;
    },
  },
  {
    name: 'what a carer may do',
    open: async (client: HubClient) => {
      const element = await open(client, 'care-carers');
      ($$(element, 'input[type="checkbox"]')[0] as HTMLInputElement).click();
      await settled(element as unknown as CareCarers);
      $(element, '[part~="save-button"]')!.click();
      await until(() => /Nothing was changed|may have been saved|nothing was saved/.test(text(element)), 3000, 'refused');
      return element;
    },
  },
  {
    name: 'an invitation',
    open: async (client: HubClient) => {
      const element = await open(client, 'care-carers');
      $(element, '[part~="invite-button"]')!.click();
      await settled(element as unknown as CareCarers);
      type(element, '#invite-name', 'Ann Smith');
      ($(element, '#invite-view-record') as HTMLInputElement).click();
      $(element, 'form [part~="invite-button"]')!.click();
      await until(() => /invitation was not made|invitation may have been made/.test(text(element)), 3000, 'refused');
      return element;
    },
  },
];

describe('a refusal’s developer text never reaches a resident’s screen', () => {
  for (const screen of SCREENS)
    for (const status of STATUSES)
      it(`${screen.name}, refused ${status}: said, without the diagnostics`, async function () {
        this.timeout(10_000);
        const element = await screen.open(server(status));
        const shown = `${text(element)} ${element.shadowRoot?.innerHTML ?? ''} ${element.innerHTML}`;
        expect(shown).not.to.include(MARKER);
        expect(shown).not.to.include('/srv/');
        expect(shown).not.to.include('provision.actor');
      });
});
