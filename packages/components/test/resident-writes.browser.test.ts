/**
 * The resident's write screens when a save fails, with the real SDK client
 * and a plain FHIR server behind its `fetch`: each screen × each way a write
 * fails (the connection lost before sending, the answer lost after saving,
 * refused with a 4XX, a 5XX, a sign-in without the scope). Each says whether
 * it may have been saved, keeps what the resident entered, and "Try again"
 * (pressing save again) never stores anything twice.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createHubClient, isProxyConsent, readProxyConsent, type Consent, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareCarers, CareReadingForm, CareRecordProvider, CareSharing } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { createPlainFhir, WRITE_FAULTS, type PlainFhir, type WriteFault } from './support/plain-fhir-fetch.js';
import { addCarer, addResident, BASE, inProvider, PATIENT, readingForm, type, typeToday } from './support/resident-screens.js';

function server(): { plain: PlainFhir; client: HubClient } {
  const plain = createPlainFhir(BASE);
  addResident(plain);
  const client = createHubClient({ baseUrl: BASE, auth: 'resident-token', fetch: plain.fetch, retry: { limit: 2, maxDelay: 10 } });
  return { plain, client };
}

/**
 * What each fault makes a screen say. A browser cannot tell a connection lost before sending from one lost
 * after, so both may have been saved; when the server stored it and the SDK can read it back, it is saved.
 */
const said: Record<WriteFault, { outcome: 'saved' | 'maybe' | 'no'; words?: RegExp }> = {
  'lost-before-sending': { outcome: 'maybe', words: /connection .* was lost/ },
  'lost-after-storing': { outcome: 'saved' },
  'refused-4xx': { outcome: 'no', words: /This could not be saved\. Check it and try again\./ },
  'failed-5xx': { outcome: 'saved' },
  'missing-scope': { outcome: 'no', words: /Your sign-in does not allow you to .* sign in again/ },
  'lost-then-offline': { outcome: 'maybe', words: /connection .* was lost/ },
};

function expectSaid(shown: string, fault: WriteFault, headlines: { no: string; maybe: string }): void {
  const { outcome, words } = said[fault];
  const maybe = outcome === 'maybe';
  expect(shown).to.include(maybe ? headlines.maybe : headlines.no);
  expect(shown).not.to.include(maybe ? headlines.no : headlines.maybe);
  if (words) expect(shown).to.match(words);
  if (maybe) expect(shown).to.match(/twice/);
  expect(shown).not.to.match(/do not have access/i);
  expect(shown).not.to.match(BAD_TEXT);
}

/** The plain server as a sign-in that has ended for writes sees it: every write refused 401; reads pass. */
const ended =
  (plain: PlainFhir): typeof fetch =>
  async (input, init) => {
    const request = new Request(input, init);
    // A batch only reads: it passes, as it would with a token still good for reading.
    if (request.method !== 'GET' && !/\/fhir\/?$/.test(new URL(request.url).pathname))
      return new Response(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }), {
        status: 401,
        headers: { 'content-type': 'application/fhir+json', 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    return plain.fetch(request);
  };

/** Shares a 72.5kg weight taken today, its POST spoiled with `fault`, and waits for the answer: its entry. */
async function shareWeight(element: CareReadingForm, plain: PlainFhir, fault: WriteFault): Promise<() => HTMLElement | null> {
  $(element, '#kind-weight')!.click();
  await settled(element);
  type(element, '#kilograms', '72.5');
  typeToday(element);
  plain.spoil(/^POST Observation$/, fault);
  $(element, '[part~="submit-button"]')!.click();
  const entry = () => $(element, '[part~="entry"]');
  await until(() => /Saved|Not sent|Not confirmed/.test(text(entry()?.querySelector('[part~="status"]'))), 3000, 'an answer');
  return entry;
}

const withKey = (plain: PlainFhir, type: string, system: string) =>
  plain.ofType(type).filter((resource) => JSON.stringify(resource['identifier'] ?? []).includes(system));

describe('the resident’s write screens when a save fails', () => {
  for (const fault of WRITE_FAULTS) {
    it(`inviting someone, ${fault}: says so, keeps the form, and trying again invites them once`, async function () {
      this.timeout(10_000);
      const { plain, client } = server();
      const element = await inProvider<CareCarers>(client, 'care-carers');
      $(element, '[part~="invite-button"]')!.click();
      await settled(element as unknown as CareCarers);
      type(element, '#invite-name', 'Siobhán Ní Bhriain');
      $(element, '#invite-view-record')!.click();
      await settled(element as unknown as CareCarers);
      plain.spoil(/^POST Consent$/, fault);
      $(element, 'form [part~="invite-button"]')!.click();
      const done = () => text(element).includes('Give this code to Siobhán Ní Bhriain');
      await until(() => done() || /The invitation (was not|may have been) made/.test(text(element)), 3000, 'the answer');
      expect(plain.pending).to.equal(0);
      // The permission is a conditional create: the client sends it again by itself when the connection drops first.
      const outcome = fault === 'lost-before-sending' ? 'saved' : said[fault].outcome;
      if (outcome !== 'saved') {
        expectSaid(text(element), fault, { no: 'The invitation was not made.', maybe: 'The invitation may have been made.' });
        expect(text(element)).to.include('What you entered is still here.');
        expect(($(element, '#invite-name') as HTMLInputElement).value).to.equal('Siobhán Ní Bhriain');
        expect(($(element, '#invite-view-record') as HTMLInputElement).checked).to.equal(true);
        await expect(element).shadowDom.to.be.accessible();
        plain.offline = false;
        $(element, 'form [part~="invite-button"]')!.click();
      }
      await until(done, 3000, 'the code');
      const people = withKey(plain, 'RelatedPerson', 'carer-invitation');
      expect(people.length).to.equal(1, 'the person is added once');
      const permissions = plain
        .ofType('Consent')
        .filter((consent) => readProxyConsent(consent as unknown as Consent)?.relatedPersonId === people[0]!['id']);
      expect(permissions.length).to.equal(1, 'their permission is saved once');
    });

    it(`changing what a carer may do, ${fault}: says so, keeps the ticks, and saving again saves it once`, async function () {
      this.timeout(10_000);
      const { plain, client } = server();
      addCarer(plain);
      const element = await inProvider<CareCarers>(client, 'care-carers');
      const first = () => $$(element, 'input[type="checkbox"]')[0] as HTMLInputElement;
      first().click();
      await settled(element as unknown as CareCarers);
      plain.spoil(/^PUT Consent\/proxy-1$/, fault);
      $(element, '[part~="save-button"]')!.click();
      const status = () => text($(element, '[part~="status"]'));
      await until(() => /Saved\.|Nothing was changed|may have been saved/.test(status()), 3000, 'the answer');
      if (said[fault].outcome !== 'saved') {
        expectSaid(status(), fault, { no: 'Nothing was changed.', maybe: 'Your change may have been saved.' });
        expect(first().checked).to.equal(false, 'the change is still on screen');
        await expect(element).shadowDom.to.be.accessible();
        plain.offline = false;
        $(element, '[part~="save-button"]')!.click();
      }
      await until(() => status().includes('Saved.'), 3000, 'saved');
      const permissions = plain.ofType('Consent').filter((consent) => isProxyConsent(consent as unknown as Consent));
      expect(permissions.length).to.equal(1);
      expect(readProxyConsent(permissions[0] as unknown as Consent)?.actions).to.deep.equal(['add-readings']);
    });

    it(`sharing choices, ${fault}: says so, keeps the choices, and saving again saves them once`, async function () {
      this.timeout(10_000);
      const { plain, client } = server();
      const element = await inProvider<CareSharing>(client, 'care-sharing');
      const organisation = () => $(element, '#organisation-0') as HTMLInputElement;
      organisation().click();
      await settled(element as unknown as CareSharing);
      plain.spoil(/^POST Consent$/, fault);
      $(element, '[part~="save-button"]')!.click();
      const status = () => text($(element, '[part~="status"]'));
      await until(() => /have been saved|were not saved|may have been saved/.test(status()), 3000, 'the answer');
      if (said[fault].outcome !== 'saved') {
        expectSaid(status(), fault, { no: 'Your choices were not saved.', maybe: 'Your choices may have been saved.' });
        expect(status()).to.include('Your changes are still on this page.');
        expect(organisation().checked).to.equal(false);
        await expect(element).shadowDom.to.be.accessible();
        plain.offline = false;
        $(element, '[part~="save-button"]')!.click();
      }
      await until(() => status().includes('Your sharing choices have been saved.'), 3000, 'saved');
      const choices = plain.ofType('Consent').filter((consent) => !isProxyConsent(consent as unknown as Consent));
      expect(choices.length).to.equal(1, 'one sharing choice');
      expect(JSON.stringify(choices[0]!['provision'])).to.include('Organization/org-1');
    });

    it(`a reading, ${fault}: said plainly, and never stored twice`, async function () {
      this.timeout(10_000);
      const { plain, client } = server();
      const element = await readingForm(client, { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 });
      const entry = await shareWeight(element, plain, fault);
      expect(plain.pending).to.equal(0);
      const shown = text(entry());
      if (fault === 'lost-then-offline') {
        // Sent again by the client, and failed again: it may be stored, and trying again is safe.
        expect(shown).to.include('Not confirmed').and.to.include('It may have been saved: trying again will not add it twice.');
        await expect(element).to.be.accessible();
        plain.offline = false;
        $(element, '[part~="retry-button"]')!.click();
        await until(() => text(entry()?.querySelector('[part~="status"]')) === 'Saved', 3000, 'saved');
      } else if (said[fault].outcome === 'no') {
        expect(shown).to.include('Not sent');
        expect(shown).to.match(said[fault].words!);
        expect(shown).not.to.match(/do not have access|cannot add to this record/i);
        expect($(element, '[part~="retry-button"]')).to.equal(null, 'sending it again as it is would be refused again');
      } else {
        // A conditional create: the client sent it again by itself after a lost connection or a 5XX.
        expect(shown).to.include('Saved');
      }
      await expect(element).to.be.accessible();
      expect(withKey(plain, 'Observation', 'resident-entry').length).to.equal(said[fault].outcome === 'no' ? 0 : 1);
    });
  }
});

describe('a carer sharing a reading for the person they act for, when it fails', () => {
  /** Words that speak of the carer's own record, as if the record were theirs. */
  const readersOwn = /\byour record\b|\byour care team\b/i;

  for (const fault of WRITE_FAULTS)
    it(`${fault}: the words are about Bridget’s record, never the carer’s own`, async function () {
      this.timeout(10_000);
      const { plain, client } = server();
      plain.add({
        resourceType: 'Patient',
        id: PATIENT,
        birthDate: '1950-02-01',
        name: [{ use: 'official', family: 'Kelly', given: ['Bridget'] }],
        generalPractitioner: [{ reference: 'Organization/org-1' }],
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${client} patient=${PATIENT} audience="carer"
          ><care-reading-form .queueOptions=${{ baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 }}></care-reading-form
        ></care-record-provider>`,
      );
      const element = provider.querySelector('care-reading-form') as CareReadingForm;
      await until(() => text(provider).includes('Bridget Kelly') && $(element, '#kind-weight') !== null, 3000, 'the person named');
      const entry = await shareWeight(element, plain, fault);
      const shown = text(entry());
      expect(shown).not.to.match(readersOwn);
      if (fault === 'missing-scope')
        expect(shown).to.include('Your sign-in does not allow you to add readings or medicines to Bridget’s record.');
      expect(shown).not.to.match(BAD_TEXT);
      await expect(element).to.be.accessible();
    });
});

describe('what a screen reader hears of a reading’s fate', () => {
  /** The status each fault leaves, and what the live region must say of it. */
  const heard: Record<string, RegExp> = {
    Saved: /: saved\.$/,
    'Not confirmed': /: not confirmed\. It may have been saved\.$/,
    'Not sent': /: not sent\.$/,
  };

  for (const fault of WRITE_FAULTS)
    it(`${fault}: the announcement says what the status says, never "not sent" for what may be saved`, async function () {
      this.timeout(10_000);
      const { plain, client } = server();
      const element = await readingForm(client, { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 });
      $(element, '#kind-medicine')!.click();
      await settled(element);
      type(element, '#name', 'Ibuprofen 200 mg tablets');
      plain.spoil(/^POST MedicationStatement$/, fault);
      $(element, '[part~="submit-button"]')!.click();
      const status = () => text($(element, '[part~="entry"] [part~="status"]'));
      await until(() => status() in heard, 3000, 'an answer');
      await settled(element);
      const live = text($(element, '[role="status"]'));
      expect(live).to.match(heard[status()]!, `${status()}: "${live}"`);
    });
});

describe('a sign-in that ends while a reading is being shared', () => {
  for (const where of ['in a provider', 'on its own'] as const)
    it(`${where}: the entry is kept when the host signs the resident in again, and Try again saves it once`, async function () {
      this.timeout(10_000);
      const { plain } = server();
      // Both sign-ins say who they are, and it is the same resident: only then is what she shared hers again.
      const resident = (token: string) => ({ getAccessToken: () => token, fhirUser: `Patient/${PATIENT}` });
      const expired = createHubClient({ baseUrl: BASE, auth: resident('old-token'), fetch: ended(plain), retry: false });
      const renewed = createHubClient({ baseUrl: BASE, auth: resident('new-token'), fetch: plain.fetch, retry: false });
      const options = { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 };
      const host =
        where === 'in a provider'
          ? await fixture<CareRecordProvider>(
              html`<care-record-provider .client=${expired} patient=${PATIENT} audience="resident"
                ><care-reading-form .queueOptions=${options}></care-reading-form
              ></care-record-provider>`,
            )
          : await fixture<CareReadingForm>(
              html`<care-reading-form .client=${expired} patient=${PATIENT} .queueOptions=${options}></care-reading-form>`,
            );
      const element = (host.tagName === 'CARE-READING-FORM' ? host : host.querySelector('care-reading-form')) as CareReadingForm;
      await settled(element);
      $(element, '#kind-medicine')!.click();
      await settled(element);
      type(element, '#name', 'Ibuprofen 200 mg tablets');
      $(element, '[part~="submit-button"]')!.click();
      const entry = () => $(element, '[part~="entry"]');
      await until(() => text(entry()).includes('Not sent'), 3000, 'refused');
      expect(text(entry())).to.include('Your sign-in has ended');
      // The host signs the resident in again: a new client for the same hub and the same resident.
      (host as CareRecordProvider | CareReadingForm).client = renewed;
      await settled(element);
      expect(text(entry()), 'what the resident shared is still listed').to.include('Ibuprofen 200 mg tablets');
      $(element, '[part~="retry-button"]')!.click();
      await until(() => text(entry()?.querySelector('[part~="status"]')) === 'Saved', 3000, 'saved');
      expect(withKey(plain, 'MedicationStatement', 'resident-entry').length).to.equal(1);
    });
});

describe('the resident’s choices across a renewed sign-in', () => {
  /** A sign-in by `fhirUser` (or one that does not say who it is), on the plain server. */
  const signIn = (plain: PlainFhir, token: string, fhirUser: string | undefined, fetch = plain.fetch) =>
    createHubClient({ baseUrl: BASE, auth: { getAccessToken: () => token, fhirUser }, fetch, retry: false });

  /** A provider whose sign-in (the resident's) has ended for writes, and her renewed sign-in on the same hub. */
  async function signInEnded(tag: 'care-carers' | 'care-sharing') {
    const { plain } = server();
    plain.add({ resourceType: 'Patient', id: 'pat-000002', birthDate: '1960-01-01' });
    addCarer(plain);
    const expired = signIn(plain, 'old-token', `Patient/${PATIENT}`, ended(plain));
    const element = await inProvider<HTMLElement>(expired, tag);
    const provider = element.parentElement as CareRecordProvider;
    const renewed = signIn(plain, 'new-token', `Patient/${PATIENT}`);
    return { plain, element, provider, renewed };
  }

  /** Someone else signed in on the same page, for the same resident: nothing of hers may be kept for them. */
  const SOMEONE_ELSE: Record<string, (plain: PlainFhir) => HubClient> = {
    'another person': (plain) => signIn(plain, 'other-token', 'RelatedPerson/rp-000001'),
    'a sign-in that does not say who it is': (plain) => signIn(plain, 'other-token', undefined),
  };
  const status = (element: Element) => text($(element, '[part~="status"]'));
  const loaded = (element: Element) =>
    until(() => !text(element).includes('Loading') && $(element, 'form, [part~="invite-button"]') !== null, 3000, 'loaded');

  const SCREENS = [
    {
      name: 'sharing choices',
      tag: 'care-sharing' as const,
      change: async (element: Element) => ($(element, '#organisation-0') as HTMLInputElement).click(),
      changed: (element: Element) => ($(element, '#organisation-0') as HTMLInputElement | null)?.checked === false,
      save: (element: Element) => $(element, '[part~="save-button"]')!.click(),
      refused: /were not saved\. Your sign-in has ended/,
      saved: (element: Element) => status(element).includes('have been saved'),
      stored: (plain: PlainFhir) => plain.ofType('Consent').filter((consent) => !isProxyConsent(consent as unknown as Consent)).length,
    },
    {
      name: 'what a carer may do',
      tag: 'care-carers' as const,
      change: async (element: Element) => ($$(element, 'input[type="checkbox"]')[0] as HTMLInputElement).click(),
      changed: (element: Element) => ($$(element, 'input[type="checkbox"]')[0] as HTMLInputElement | undefined)?.checked === false,
      save: (element: Element) => $(element, '[part~="save-button"]')!.click(),
      refused: /Nothing was changed\. Your sign-in has ended/,
      saved: (element: Element) => status(element).includes('Saved.'),
      stored: (plain: PlainFhir) =>
        plain.ofType('Consent').filter((consent) => readProxyConsent(consent as unknown as Consent)?.actions.join() === 'add-readings')
          .length,
    },
    {
      name: 'an invitation being typed',
      tag: 'care-carers' as const,
      change: async (element: Element) => {
        $(element, '[part~="invite-button"]')!.click();
        await settled(element as unknown as CareCarers);
        type(element, '#invite-name', 'Ann Smith');
        ($(element, '#invite-view-record') as HTMLInputElement).click();
      },
      changed: (element: Element) => ($(element, '#invite-name') as HTMLInputElement | null)?.value === 'Ann Smith',
      save: (element: Element) => $(element, 'form [part~="invite-button"]')!.click(),
      refused: /invitation was not made\. Your sign-in has ended/,
      saved: (element: Element) => $(element, '#invite-code-heading') !== null,
      stored: (plain: PlainFhir) => withKey(plain, 'RelatedPerson', 'carer-invitation').length,
    },
  ];

  /** The screen after the resident's change was refused because the sign-in had ended. */
  async function changeRefused(screen: (typeof SCREENS)[number]) {
    const ended = await signInEnded(screen.tag);
    const { element } = ended;
    await loaded(element);
    await screen.change(element);
    await settled(element as unknown as CareSharing);
    screen.save(element);
    await until(() => screen.refused.test(text(element)), 3000, 'refused');
    return ended;
  }

  for (const screen of SCREENS) {
    it(`${screen.name}: refused as the sign-in ended, kept when the host signs in again, and saved once`, async function () {
      this.timeout(10_000);
      const { plain, element, provider, renewed } = await changeRefused(screen);
      provider.client = renewed;
      await provider.updateComplete;
      await settled(element as unknown as CareSharing);
      await loaded(element);
      await settled(element as unknown as CareSharing);
      expect(screen.changed(element), 'what the resident changed is still on screen').to.equal(true);
      screen.save(element);
      await until(() => screen.saved(element), 3000, 'saved');
      expect(screen.stored(plain)).to.equal(1);
    });

    for (const [who, client] of Object.entries(SOMEONE_ELSE))
      it(`${screen.name}: ${who} signed in instead, for the same resident, keeps nothing of it`, async function () {
        this.timeout(10_000);
        const { plain, element, provider } = await changeRefused(screen);
        provider.client = client(plain);
        await provider.updateComplete;
        await settled(element as unknown as CareSharing);
        await loaded(element);
        await settled(element as unknown as CareSharing);
        expect(screen.changed(element), 'what the resident changed, shown to someone else').to.equal(false);
        expect(text(element)).not.to.match(screen.refused);
      });

    it(`${screen.name}: another resident opened instead keeps nothing of it`, async function () {
      this.timeout(10_000);
      const { element, provider, renewed } = await changeRefused(screen);
      provider.client = renewed;
      provider.patient = 'pat-000002';
      await until(() => !text(element).includes('Loading'), 3000, 'the other resident');
      await settled(element as unknown as CareSharing);
      expect(screen.changed(element)).to.equal(false);
      expect(text(element)).not.to.match(screen.refused);
    });
  }
});
