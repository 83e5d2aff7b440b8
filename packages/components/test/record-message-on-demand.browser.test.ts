/**
 * The provider's message for a record refused as a whole, its emergency-access
 * form and the emergency banner are loaded on demand (`import()`), the first
 * time a page needs them: a first screen that opens a record never ships
 * them. Until they arrive the message's live region says that access is being
 * checked — never blank, never another state — and, once they have, the
 * message, the form, its focus and its styles are what they were when they
 * were loaded up front.
 *
 * The first test must run first in this file's page: it watches the module
 * arrive.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { HubError, type HubClient, type OperationOutcome } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { $, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';

function refusal(status: 401 | 403, code?: string, breakGlass = false): HubError {
  const coded = (detail: string) => ({ coding: [{ system: HUB_ERROR_SYSTEM, code: detail }], text: detail });
  const outcome = {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: status === 401 ? 'login' : 'forbidden', ...(code ? { details: coded(code) } : {}) },
      ...(breakGlass ? [{ severity: 'information', code: 'informational', details: coded('BREAK_GLASS_AVAILABLE') }] : []),
    ],
  } as OperationOutcome;
  return new HubError({ kind: 'http', operation: 'GET /', requestId: `req-${status}`, status, outcome });
}

/** The fake hub behind a gate that refuses every request with `error` unless it carries a break-glass reason. */
function gatedHub(error: HubError): HubClient {
  const inner = createFakeHub().client as unknown as Record<string, (...args: unknown[]) => unknown>;
  const open = (init?: { headers?: Record<string, string> }) => init?.headers?.['x-break-glass-reason'] !== undefined;
  return {
    baseUrl: inner['baseUrl'],
    get: (path: string, init?: { headers?: Record<string, string> }) =>
      path === '/metadata' || open(init) ? inner['get']!(path, init) : Promise.reject(error),
    request: (method: string, path: string, init?: { headers?: Record<string, string> }) =>
      open(init) ? inner['request']!(method, path, init) : Promise.reject(error),
    batch: (reads: unknown, init?: { headers?: Record<string, string> }) =>
      open(init) ? inner['batch']!(reads, init) : Promise.reject(error),
    async *pages(_path: string, init?: { headers?: Record<string, string> }) {
      if (!open(init)) throw error;
      yield { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] };
    },
  } as unknown as HubClient;
}

interface Moment {
  /** The message region's text, whitespace collapsed. */
  text: string;
  part: string | null;
  role: string | null;
  busy: string | null;
  region: Element;
}

/**
 * A provider set up by `setup` and put in the page, and every state its message region goes through until `done`,
 * read at each change of its shadow DOM (before the browser paints), from before its first render.
 */
async function momentsOf(setup: (provider: CareRecordProvider) => void, done: (provider: CareRecordProvider) => boolean) {
  const moments: Moment[] = [];
  const element = document.createElement('care-record-provider');
  setup(element);
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  // Connecting makes the shadow root at once; the first render and any refusal come later.
  container.append(element);
  const observer = new MutationObserver(() => {
    const region = element.shadowRoot?.querySelector('section.message');
    if (region)
      moments.push({
        text: text(region),
        part: region.getAttribute('part'),
        role: region.getAttribute('role'),
        busy: region.getAttribute('aria-busy'),
        region,
      });
  });
  observer.observe(element.shadowRoot!, { subtree: true, childList: true, characterData: true, attributes: true });
  await until(() => done(element), 3000, 'the message');
  observer.disconnect();
  return { element, moments };
}

describe('the record’s message, loaded on demand', () => {
  it('says access is being checked until its words arrive, in the same live region, then the message and the form', async () => {
    const { element, moments } = await momentsOf(
      (provider) => {
        provider.client = gatedHub(refusal(403, 'NO_LEGITIMATE_RELATIONSHIP', true));
        provider.patient = 'pat-000001';
        provider.innerHTML = '<care-patient-banner></care-patient-banner><care-record-summary></care-record-summary>';
      },
      (provider) => $(provider, '[part~="break-glass-form"]') !== null,
    );

    expect(moments.length, 'the message was seen').to.be.greaterThan(0);
    // Never blank, and never a state that is not this one.
    for (const moment of moments) expect(moment.text, 'never blank').to.not.equal('');
    const [first] = moments;
    expect(first!.text).to.equal('Checking access…');
    expect(first!.role).to.equal('status');
    expect(first!.busy).to.equal('true');
    // Not yet the message: a host waiting for it (or styling it) sees it only once it says why.
    expect(first!.part).to.equal(null);
    for (const moment of moments.filter((moment) => moment.text === 'Checking access…'))
      expect(moment.text, 'no refusal text before its words').to.not.contain('care relationship');

    // The same live region, so what it then says is announced; no longer busy, labelled by its title.
    const region = $(element, '[part~="record-message"]')!;
    expect(
      moments.every((moment) => moment.region === region),
      'one live region throughout',
    ).to.equal(true);
    expect(region.getAttribute('aria-busy')).to.equal('false');
    expect(region.getAttribute('role')).to.equal('status');
    const title = element.shadowRoot!.getElementById(region.getAttribute('aria-labelledby')!);
    expect(text(title)).to.equal('This record is not shown');
    expect(text(region)).to.contain('There is no care relationship between your organisation and this person.');
    expect(text(region)).to.contain('Request ID req-403');
    expect(text(region)).to.not.contain('Checking access');

    // The form's own styles came with it.
    const input = $(element, '#break-glass-reason') as HTMLInputElement;
    expect(getComputedStyle(input).display).to.equal('block');
    expect(getComputedStyle($(element, '.field-label')!).fontWeight).to.equal('600');
    await expect(element).to.be.accessible();

    // Focus goes to the reason when it is wrong, as before.
    ($(element, '[part~="break-glass-form"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(element, '#break-glass-error') !== null, 3000, 'the reason’s error');
    expect(text($(element, '#break-glass-error'))).to.contain('Enter the clinical reason for emergency access.');
    await until(() => element.shadowRoot!.activeElement === input, 3000, 'focus on the reason');
    expect(input.getAttribute('aria-invalid')).to.equal('true');

    // Emergency access: the banner, styled, and every request with the reason.
    input.value = 'Unconscious in A&E, no history available';
    const started = oneEvent(element, 'care-break-glass');
    ($(element, '[part~="break-glass-form"] button[type="submit"]') as HTMLButtonElement).click();
    expect((await started).detail).to.deep.equal({ active: true });
    await until(() => text(element.querySelector('care-patient-banner')).includes('NHS No.'), 3000, 'the record');
    const banner = $(element, '[part~="break-glass-banner"]')!;
    expect(text(banner)).to.contain('Emergency access');
    expect(text(banner)).to.contain('Reason given Unconscious in A&E, no history available');
    expect(getComputedStyle(banner).display).to.equal('flex');
    await expect(element).to.be.accessible();
  });

  it('once here, every cause for every audience is said at once, with its own words and no waiting state', async () => {
    const causes: [HubError, string, string][] = [
      [refusal(401), 'clinician', 'Your sign-in has ended Sign in again to see this record. Request ID req-401'],
      [refusal(401), 'resident', 'You have been signed out Sign in again to see your record. Request ID req-401'],
      [
        refusal(403, 'SHARING_DECLINED'),
        'clinician',
        'This record is not shown This person has chosen not to share their record with your organisation. Request ID req-403',
      ],
      [refusal(403, 'ACCESS_DENIED'), 'clinician', 'This record is not shown You do not have access to this record. Request ID req-403'],
      [
        refusal(403, 'NO_PROXY_ACCESS'),
        'carer',
        'You cannot see this record now You no longer have access to this person’s record. They, or their GP practice, can give you access again. Request ID req-403',
      ],
      [
        refusal(403, 'SHARING_DECLINED', true),
        'resident',
        'This record is not shown You do not have access to this record. Request ID req-403',
      ],
    ];
    for (const [error, audience, said] of causes) {
      const { element, moments } = await momentsOf(
        (provider) => {
          provider.client = gatedHub(error);
          provider.patient = 'pat-000001';
          provider.setAttribute('audience', audience);
          provider.innerHTML = '<care-patient-banner></care-patient-banner>';
        },
        (provider) => $(provider, '[part~="record-message"]') !== null,
      );
      const what = `${error.status} ${error.issueCodes.join(' ')} for ${audience}`;
      expect(
        moments.map((moment) => moment.text),
        what,
      ).to.not.include('Checking access…');
      expect(text($(element, '[part~="record-message"]')), what).to.equal(said);
      expect($(element, '[part~="break-glass-form"]'), what).to.equal(null);
    }
  });
});
