/**
 * A refusal's `diagnostics` is for developers (element paths, FHIRPath, internal names); a person is shown only
 * the hub's `details.text` or the SDK's own sentence. Each person-held write screen, with the real SDK client and
 * a plain FHIR server behind its `fetch`, has its write refused with each status a hub refuses with and a marker
 * in `diagnostics`: the marker never appears in the rendered element, and the screen still says it failed.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { buildProxyConsent, createHubClient, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareCarers, CareReadingForm, CareRecordProvider, CareSharing } from '../src/index.js';
import { $, $$, settled, text, until } from './support/dom.js';
import { createPlainFhir, type PlainFhir } from './support/plain-fhir-fetch.js';

const BASE = 'https://plain-fhir.test/fhir';
const PATIENT = 'pat-000001';
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
  plain.add({ resourceType: 'Patient', id: PATIENT, birthDate: '1950-02-01', generalPractitioner: [{ reference: 'Organization/org-1' }] });
  plain.add({ resourceType: 'Organization', id: 'org-1', name: 'Tufnell Green Surgery' });
  plain.add({
    resourceType: 'RelatedPerson',
    id: 'rp-1',
    patient: { reference: `Patient/${PATIENT}` },
    name: [{ given: ['Aoife'], family: 'Lloyd' }],
  });
  plain.add({
    ...buildProxyConsent({ patientId: PATIENT, relatedPersonId: 'rp-1', actions: ['view-record', 'add-readings'], withheld: [] }),
    id: 'proxy-1',
    dateTime: '2024-03-03T10:00:00Z',
    performer: [{ reference: `Patient/${PATIENT}` }],
  });
  return createHubClient({ baseUrl: BASE, auth: 'resident-token', fetch: refusingWrites(plain, status), retry: false });
}

function type(element: Element, selector: string, value: string): void {
  const input = $(element, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function inProvider(client: HubClient, tag: 'care-carers' | 'care-sharing'): Promise<HTMLElement> {
  const provider = await fixture<CareRecordProvider>(
    tag === 'care-carers'
      ? html`<care-record-provider .client=${client} patient=${PATIENT} audience="resident"
          ><care-carers></care-carers
        ></care-record-provider>`
      : html`<care-record-provider .client=${client} patient=${PATIENT} audience="resident"
          ><care-sharing></care-sharing
        ></care-record-provider>`,
  );
  const element = provider.querySelector(tag) as HTMLElement;
  await until(() => !text(element).includes('Loading') && $(element, 'form, [part~="invite-button"]') !== null, 3000, tag);
  return element;
}

const SCREENS = [
  {
    name: 'a reading',
    open: async (client: HubClient) => {
      const element = await fixture<CareReadingForm>(
        html`<care-reading-form
          .client=${client}
          patient=${PATIENT}
          .queueOptions=${{ baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 }}
        ></care-reading-form>`,
      );
      await settled(element);
      $(element, '#kind-weight')!.click();
      await settled(element);
      type(element, '#kilograms', '72.5');
      const [day, month, year] = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        day: 'numeric',
        month: 'numeric',
        year: 'numeric',
      })
        .format(new Date())
        .split('/');
      type(element, '#date-day', day!);
      type(element, '#date-month', month!);
      type(element, '#date-year', year!);
      $(element, '[part~="submit-button"]')!.click();
      await until(() => /Not sent|Not confirmed/.test(text($(element, '[part~="entry"] [part~="status"]'))), 3000, 'refused');
      return element;
    },
  },
  {
    name: 'sharing choices',
    open: async (client: HubClient) => {
      const element = await inProvider(client, 'care-sharing');
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
      const element = await inProvider(client, 'care-carers');
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
      const element = await inProvider(client, 'care-carers');
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
