/**
 * The resident's reading form against the contract's example hub on the same
 * origin: every state axe-checked, completed with the keyboard alone,
 * specific errors with nothing sent, and an entry that fails offering "Try
 * again" and succeeding with the same key.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { createHubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareReadingForm, CareRecordProvider, ShareDetail } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';

interface SeenRequest {
  operation: string;
  url: string;
  headers: Record<string, string>;
}
const seen = () => executeServerCommand<SeenRequest[], undefined>('example-hub-requests');
const posts = async () => (await seen()).filter((request) => request.operation.startsWith('POST'));

const client = () => createHubClient({ baseUrl: `${location.origin}/fhir`, auth: 'resident-token', retry: false });

async function form(): Promise<CareReadingForm> {
  const element = await fixture<CareReadingForm>(
    html`<care-reading-form
      .client=${client()}
      patient="pat-0001"
      .queueOptions=${{ baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 }}
    ></care-reading-form>`,
  );
  await settled(element);
  return element;
}

/** The element inside the shadow root that has focus. */
const focused = (element: Element) => element.shadowRoot?.activeElement as HTMLElement | null;

async function choose(element: CareReadingForm, id: string): Promise<void> {
  $(element, `#${id}`)!.click();
  await settled(element);
}

async function type(element: CareReadingForm, id: string, value: string): Promise<void> {
  const input = $(element, `#${id}`) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit(element: CareReadingForm): Promise<void> {
  $(element, '[part~="submit-button"]')!.click();
  await settled(element);
}

const errorSummary = (element: CareReadingForm) => $$(element, '[part~="error-summary"] li').map((item) => text(item));

describe('care-reading-form', () => {
  beforeEach(() => executeServerCommand('example-hub-reset'));

  it('asks what to share, in plain words, and is accessible before anything is chosen', async () => {
    const element = await form();
    expect(text($(element, 'legend'))).to.equal('What do you want to share?');
    expect($$(element, '.radio-label').map((label) => text(label))).to.deep.equal([
      'My weight',
      'My blood pressure',
      'A medicine I buy myself',
    ]);
    expect($(element, '#kilograms')).to.equal(null);
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).to.be.accessible();
  });

  it('says what is missing when nothing is chosen, focuses the summary, and sends nothing', async () => {
    const element = await form();
    await submit(element);
    expect(errorSummary(element)).to.deep.equal(['Select what you want to share']);
    expect(focused(element)).to.equal($(element, '[part~="error-summary"]'));
    await expect(element).to.be.accessible();
    expect(await posts()).to.have.length(0);
  });

  it('gives a specific error beside the box and at the top, links to the box, and sends nothing', async () => {
    const element = await form();
    await choose(element, 'kind-weight');
    await expect(element).to.be.accessible();
    await type(element, 'kilograms', '72,5');
    await submit(element);
    const message = 'Weight must use a full stop, not a comma, like 72.5';
    expect(errorSummary(element)).to.deep.equal([message]);
    expect(text($(element, '#kilograms-error'))).to.equal(`Error: ${message}`);
    const input = $(element, '#kilograms')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('kilograms-error');
    await expect(element).to.be.accessible();
    $(element, '[part~="error-summary"] a')!.click();
    expect(focused(element)).to.equal(input);
    expect(await posts()).to.have.length(0);
  });

  it('ties an error about stones and pounds to the boxes it is about, for screen readers', async () => {
    const element = await form();
    await choose(element, 'kind-weight');
    await choose(element, 'unit-st-lb');
    await type(element, 'stones', 'eleven');
    await type(element, 'pounds', '4');
    await submit(element);
    const stones = $(element, '#stones') as HTMLInputElement;
    expect(stones.getAttribute('aria-invalid')).to.equal('true');
    const described = (stones.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => text(element.shadowRoot!.getElementById(id)))
      .join(' ');
    expect(described).to.contain('Error:');
    expect(described.length).to.be.greaterThan('Error:'.length + 5);
    expect(await posts()).to.have.length(0);
    await expect(element).to.be.accessible();
  });

  it('inside a provider, knows the resident’s date of birth from their record: nothing can be dated before it', async () => {
    const provider = await fixture<CareRecordProvider>(
      html`<care-record-provider .client=${client()} patient="pat-0001" audience="resident">
        <care-reading-form .queueOptions=${{ baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 2 }}></care-reading-form>
      </care-record-provider>`,
    );
    const element = provider.querySelector<CareReadingForm>('care-reading-form')!;
    // The example record's resident was born on 12 March 1944.
    for (let tries = 0; !(await seen()).some((request) => request.url.includes('$summary')); tries++) {
      if (tries > 100) throw new Error('the record was never read');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settled(element);
    await choose(element, 'kind-weight');
    await type(element, 'kilograms', '70');
    await type(element, 'date-day', '11');
    await type(element, 'date-month', '3');
    await type(element, 'date-year', '1944');
    await submit(element);
    expect(text($(element, '[part~="error-summary"]'))).to.contain('on or after your date of birth');
    expect(await posts()).to.have.length(0);
    await type(element, 'date-day', '12');
    await submit(element);
    expect($(element, '[part~="error-summary"]')).to.equal(null);
    // The outbox sends the reading after the submit: wait for it to reach the hub, then check it was sent once.
    for (let tries = 0; (await posts()).length === 0; tries++) {
      if (tries > 100) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await posts()).to.have.length(1);
  });

  it('reports every mistake in a blood pressure at once', async () => {
    const element = await form();
    await choose(element, 'kind-blood-pressure');
    await type(element, 'systolic', '80');
    await type(element, 'diastolic', '120');
    await type(element, 'date-day', '31');
    await type(element, 'date-month', '2');
    await submit(element);
    expect(errorSummary(element)).to.deep.equal(['Systolic must be higher than diastolic', 'Date must be a real date']);
    expect($(element, '#date-day')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(element).to.be.accessible();
    expect(await posts()).to.have.length(0);
  });

  it('can be completed with the keyboard alone, and the entry shows as saved', async function () {
    this.timeout(10_000);
    const element = await form();
    const shared: ShareDetail[] = [];
    element.addEventListener('care-share-status', (event) => shared.push(event.detail));
    element.focus();
    await sendKeys({ press: 'Tab' }); // the first choice
    expect(focused(element)?.id).to.equal('kind-weight');
    await sendKeys({ press: 'Space' });
    await settled(element);
    await sendKeys({ press: 'Tab' }); // kilograms (chosen already)
    expect(focused(element)?.id).to.equal('unit-kg');
    await sendKeys({ press: 'Tab' });
    expect(focused(element)?.id).to.equal('kilograms');
    await sendKeys({ type: '72.5' });
    // Day, month and year are today's already; the time may stay empty.
    for (const id of ['date-day', 'date-month', 'date-year', 'time']) {
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.id).to.equal(id);
    }
    await sendKeys({ press: 'Tab' });
    expect(focused(element)?.getAttribute('part')).to.equal('submit-button');
    await sendKeys({ press: 'Enter' });
    await settled(element);

    const entry = () => $(element, '[part~="entry"]')!;
    expect(focused(element)).to.equal(entry(), 'focus moves to the new entry');
    expect(text(entry())).to.contain('Weight 72.5kg');
    await until(() => text(entry().querySelector('[part~="status"]')) === 'Saved', 3000, 'saved');
    expect(text(entry())).to.equal('Weight 72.5kg Saved Your care team can see this.');
    expect(shared.map((detail) => detail.state)).to.deep.equal(['saved']);
    expect($(element, '#kilograms'), 'the form is ready for another entry').to.equal(null);
    await expect(element).to.be.accessible();

    const [sent] = await posts();
    expect(sent?.operation).to.equal('POST /Observation');
    expect(sent?.headers['x-request-id']).to.equal(entry().dataset['key']);
  });

  it('shows an entry waiting, then not confirmed with Try again, and saves it on retry with the same key', async function () {
    this.timeout(10_000);
    await executeServerCommand('example-hub-script', {
      operation: 'POST /MedicationStatement',
      // Chromium itself resends a POST whose reused connection drops, so the failures here are answers, not resets.
      answers: [{ status: 503, body: {}, delayMs: 300 }, { status: 500, body: {} }, 'example'],
    });
    const element = await form();
    await choose(element, 'kind-medicine');
    await type(element, 'name', 'Senna tablets');
    await type(element, 'dose', 'Two at night');
    await submit(element);
    const entry = () => $(element, '[part~="entry"]')!;
    expect(text(entry())).to.contain('Senna tablets');
    expect(text($(element, '[part~="status"]'))).to.equal('Waiting to send…');
    expect(text(entry())).to.contain('Keep this page open until it says Saved.');
    await expect(element).to.be.accessible();

    // A 5XX after sending: it may have been stored, so it is "not confirmed", and trying again is safe.
    await until(() => text(entry()).includes('Not confirmed'), 3000, 'not confirmed');
    expect(text(entry())).to.contain(
      'Not confirmed The service had a problem. It may have been saved: trying again will not add it twice.',
    );
    await expect(element).to.be.accessible();
    const retry = $(element, '[part~="retry-button"]')!;
    expect(text(retry)).to.equal('Try again: Senna tablets');
    retry.click();
    await settled(element);
    expect(focused(element)).to.equal(entry());
    await until(() => text(entry().querySelector('[part~="status"]')) === 'Saved', 3000, 'saved');
    await expect(element).to.be.accessible();

    const keys = (await posts()).map((request) => request.headers['x-request-id']);
    expect(keys).to.have.length(3);
    expect(new Set(keys).size).to.equal(1, 'every attempt carries the same key');
  });

  it('asks before the page is left while an entry is waiting', async () => {
    await executeServerCommand('example-hub-script', { operation: 'POST /Observation', answers: [{ hangMs: 2000 }] });
    const element = await form();
    await choose(element, 'kind-weight');
    await type(element, 'kilograms', '70');
    await submit(element);
    expect(element.waiting).to.equal(1);
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).to.equal(true);
  });

  it('tells someone who is not signed in, and offers no form', async () => {
    const element = await fixture<CareReadingForm>(html`<care-reading-form></care-reading-form>`);
    expect(text(element)).to.equal('Sign in to share readings with your care team.');
    expect($(element, 'form')).to.equal(null);
    await expect(element).to.be.accessible();
  });
});
