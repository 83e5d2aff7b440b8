/**
 * The resident's write screens over a plain FHIR server
 * (`plain-fhir-fetch.ts`): the record they are set up with, the screens
 * inside a provider, and typing into them as a person does.
 */
import { fixture, html } from '@open-wc/testing';
import { buildProxyConsent, type HubClient } from '@care-record/sdk';
import type { CareReadingForm, CareRecordProvider } from '../../src/index.js';
import { $, settled, text, until } from './dom.js';
import type { PlainFhir } from './plain-fhir-fetch.js';

export const BASE = 'https://plain-fhir.test/fhir';
export const PATIENT = 'pat-000001';

/** The resident and their GP practice. */
export function addResident(plain: PlainFhir): void {
  plain.add({ resourceType: 'Patient', id: PATIENT, birthDate: '1950-02-01', generalPractitioner: [{ reference: 'Organization/org-1' }] });
  plain.add({ resourceType: 'Organization', id: 'org-1', name: 'Tufnell Green Surgery' });
}

/** Aoife Lloyd, a carer the resident lets see the record and add readings (`Consent/proxy-1`). */
export function addCarer(plain: PlainFhir): void {
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
}

/** Whether a screen has loaded: no longer says "Loading". */
export const notLoading = (element: Element): boolean => !text(element).includes('Loading');

/** `<care-carers>` or `<care-sharing>` in a resident's provider, once `loaded` says so. */
export async function inProvider<T extends Element>(
  client: HubClient,
  tag: 'care-carers' | 'care-sharing',
  loaded: (element: Element) => boolean = notLoading,
): Promise<T> {
  const provider = await fixture<CareRecordProvider>(
    tag === 'care-carers'
      ? html`<care-record-provider .client=${client} patient=${PATIENT} audience="resident"
          ><care-carers></care-carers
        ></care-record-provider>`
      : html`<care-record-provider .client=${client} patient=${PATIENT} audience="resident"
          ><care-sharing></care-sharing
        ></care-record-provider>`,
  );
  const element = provider.querySelector(tag) as unknown as T;
  await until(() => loaded(element), 3000, tag);
  return element;
}

/** A reading form for the resident on its own, its queue retrying quickly. */
export async function readingForm(client: HubClient, queueOptions: CareReadingForm['queueOptions']): Promise<CareReadingForm> {
  const element = await fixture<CareReadingForm>(
    html`<care-reading-form .client=${client} patient=${PATIENT} .queueOptions=${queueOptions}></care-reading-form>`,
  );
  await settled(element);
  return element;
}

/** Types `value` into the input at `selector`, as a person does. */
export function type(element: Element, selector: string, value: string): void {
  const input = $(element, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Types today's UK date into the form's `#date-day`, `#date-month` and `#date-year`. */
export function typeToday(element: Element): void {
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
}
