/**
 * Bad input on the resident's screens, with the real SDK client and a plain
 * FHIR server behind its `fetch`: an implausible blood pressure is checked
 * with the resident and then shared as typed; stones typed where kilograms go
 * and a name of invisible characters each get one clear message, nothing is
 * sent, and what was typed stays.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createHubClient, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareCarers, CareReadingForm, CareRecordProvider } from '../src/index.js';
import { $, $$, settled, text, until } from './support/dom.js';
import { createPlainFhir, type PlainFhir } from './support/plain-fhir-fetch.js';

const BASE = 'https://plain-fhir.test/fhir';
const PATIENT = 'pat-000001';

function server(): { plain: PlainFhir; client: HubClient } {
  const plain = createPlainFhir(BASE);
  plain.add({ resourceType: 'Patient', id: PATIENT, birthDate: '1950-02-01' });
  return { plain, client: createHubClient({ baseUrl: BASE, auth: 'resident-token', fetch: plain.fetch, retry: false }) };
}

function type(element: Element, selector: string, value: string): void {
  const input = $(element, selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const yesterday = () =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .format(new Date(Date.now() - 86_400_000))
    .split('/');

async function readingForm(client: HubClient): Promise<CareReadingForm> {
  const element = await fixture<CareReadingForm>(
    html`<care-reading-form .client=${client} patient=${PATIENT} .queueOptions=${{ maxAttempts: 1 }}></care-reading-form>`,
  );
  await settled(element);
  return element;
}

function when(element: Element): void {
  const [day, month, year] = yesterday();
  type(element, '#date-day', day!);
  type(element, '#date-month', month!);
  type(element, '#date-year', year!);
}

const summary = (element: Element) => $$(element, '[part~="error-summary"] li').map((item) => text(item));

describe('bad input on the resident’s screens', () => {
  it('300/20 is checked with the resident, kept as typed, and shared once they confirm it', async () => {
    const { plain, client } = server();
    const element = await readingForm(client);
    $(element, '#kind-blood-pressure')!.click();
    await settled(element);
    type(element, '#systolic', '300');
    type(element, '#diastolic', '20');
    when(element);
    $(element, '[part~="submit-button"]')!.click();
    await settled(element);
    expect(summary(element)).to.deep.equal([
      'Check your reading: 300/20 is very unusual. If it is what your monitor shows, tick the box to say so',
    ]);
    expect(plain.seen.filter((request) => request.startsWith('POST'))).to.deep.equal([], 'nothing is sent');
    expect(($(element, '#systolic') as HTMLInputElement).value).to.equal('300');
    expect(($(element, '#diastolic') as HTMLInputElement).value).to.equal('20');
    await expect(element).to.be.accessible();

    ($(element, '#confirmed') as HTMLInputElement).click();
    await settled(element);
    $(element, '[part~="submit-button"]')!.click();
    await until(() => text($(element, '[part~="entry"] [part~="status"]')) === 'Saved', 3000, 'saved');
    const [stored] = plain.ofType('Observation');
    expect(JSON.stringify(stored?.['component'])).to.include('"value":300').and.to.include('"value":20');
    await expect(element).to.be.accessible();
  });

  it('stones typed where kilograms go: one clear message, nothing sent, the text kept', async () => {
    const { plain, client } = server();
    const element = await readingForm(client);
    $(element, '#kind-weight')!.click();
    await settled(element);
    type(element, '#kilograms', '11st 4lb');
    when(element);
    $(element, '[part~="submit-button"]')!.click();
    await settled(element);
    expect(summary(element)).to.deep.equal(['Enter your weight in kilograms, like 72.5, or choose stones and pounds to enter it that way']);
    expect(($(element, '#kilograms') as HTMLInputElement).value).to.equal('11st 4lb');
    expect(plain.seen.filter((request) => request.startsWith('POST'))).to.deep.equal([]);
  });

  it('a carer’s name of invisible characters is no name: asked for, and nobody is added', async () => {
    const { plain, client } = server();
    const provider = await fixture<CareRecordProvider>(
      html`<care-record-provider .client=${client} patient=${PATIENT} audience="resident"
        ><care-carers></care-carers
      ></care-record-provider>`,
    );
    const element = provider.querySelector('care-carers') as CareCarers;
    await until(() => !text(element).includes('Loading'), 3000, 'carers');
    $(element, '[part~="invite-button"]')!.click();
    await settled(element);
    type(element, '#invite-name', '\u200b\u202e\u200b');
    $(element, '#invite-view-record')!.click();
    await settled(element);
    $(element, 'form [part~="invite-button"]')!.click();
    await settled(element);
    expect(text(element)).to.include('Enter the name of the person you want to invite');
    expect(plain.ofType('RelatedPerson')).to.deep.equal([]);
    await expect(element).shadowDom.to.be.accessible();
  });
});
