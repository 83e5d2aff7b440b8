/**
 * The resident's sharing choices: a checkbox per organisation and per kind of
 * information, with what each means in plain words; saving, saved, failed
 * (nothing lost) and conflict (reloaded, resident told) states; keyboard
 * operation; each state axe-checked; markup in the data shown as text.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  HubError,
  SharingPartlySavedError,
  sharingChoicesFrom,
  sharingConsent,
  type BatchRead,
  type Consent,
  type HubClient,
  type SharingDirectoryEntry,
  type SharingViewModel,
} from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider, CareSharing } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';

const ORGANISATIONS = new Map([
  ['org-f83999', { name: 'Tufnell Green Surgery', kind: 'GP practice' }],
  ['org-la999', { name: 'Islington Adult Social Care', kind: 'Local authority adult social care' }],
]);

const model = (consent?: Consent): SharingViewModel => ({
  patientId: 'pat-000001',
  consentId: consent?.id,
  etag: consent ? 'W/"1"' : undefined,
  choices: sharingChoicesFrom(consent, ORGANISATIONS),
});

const form = (value: SharingViewModel) => fixture<CareSharing>(html`<care-sharing .model=${value}></care-sharing>`);
const boxes = (element: Element) => $$(element, 'input[type="checkbox"]') as HTMLInputElement[];
const labelOf = (element: Element, input: HTMLInputElement) => text($(element, `label[for="${input.id}"]`));

/** A hub client holding one Consent: answers loadSharing's batches and saveSharing's writes, failing as the test says. */
function sharingHub(options: { failSave?: () => Error | undefined } = {}) {
  let stored: Consent | undefined;
  let version = 0;
  const saves: string[] = [];
  const organisation = (id: string) => ({ resourceType: 'Organization', id, name: ORGANISATIONS.get(id)!.name });
  const client = {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: readonly BatchRead<unknown>[]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return reads.map((read) => {
        let resource: unknown = { resourceType: 'Bundle', type: 'searchset', entry: [] };
        if (read.template === '/Consent')
          resource = { resourceType: 'Bundle', type: 'searchset', entry: stored ? [{ resource: stored, search: { mode: 'match' } }] : [] };
        if (read.template === '/Patient/{id}')
          resource = { resourceType: 'Patient', id: 'pat-000001', generalPractitioner: [{ reference: 'Organization/org-f83999' }] };
        if (read.template === '/EpisodeOfCare')
          resource = {
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [{ resource: { resourceType: 'EpisodeOfCare', managingOrganization: { reference: 'Organization/org-la999' } } }],
          };
        if (read.template === '/Organization/{id}') resource = organisation(String(read.path?.['id']));
        return { ok: true, status: 200, resource };
      });
    },
    /** The search `saveSharing` makes before a first save, and to read back a save whose answer was lost. */
    async get(path: string) {
      if (path !== '/Consent') throw new Error(`No ${path} here`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { resourceType: 'Bundle', type: 'searchset', entry: stored ? [{ resource: stored, search: { mode: 'match' } }] : [] };
    },
    async request(method: string, _path: string, init: { body: Consent; headers?: Record<string, string> }) {
      saves.push(`${method} ${init.headers?.['if-match'] ?? ''}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const failure = options.failSave?.();
      if (failure) throw failure;
      version += 1;
      stored = { ...init.body, id: 'consent-1', meta: { versionId: String(version) } };
      return { data: stored, status: method === 'post' ? 201 : 200, etag: `W/"${version}"`, requestId: 'r', headers: new Headers() };
    },
    /** Another window changes the choice meanwhile. */
    changeElsewhere(consent: Consent) {
      version += 1;
      stored = { ...consent, id: 'consent-1', meta: { versionId: String(version) } };
    },
  };
  return { client: client as unknown as HubClient & typeof client, saves };
}

async function inProvider(client: HubClient) {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient="pat-000001" audience="resident"
      ><care-sharing></care-sharing
    ></care-record-provider>`,
  );
  const element = provider.querySelector('care-sharing')!;
  await until(() => boxes(element).length > 0, 3000, 'choices');
  return element;
}

describe('care-sharing', () => {
  it('a checkbox per organisation and per kind of information, each with what it means; sexual health is always private', async () => {
    const element = await form(model());
    const inputs = boxes(element);
    expect(inputs.map((input) => [labelOf(element, input), input.checked])).to.deep.equal([
      ['Islington Adult Social Care (Local authority adult social care)', true],
      ['Tufnell Green Surgery (GP practice)', true],
      ['Share mental health information', true],
      ['Share social care information', true],
    ]);
    for (const input of inputs) expect(text($(element, `#${input.getAttribute('aria-describedby')!}`))).not.to.equal('');
    expect(text($(element, '[part~="categories"]'))).to.include('Sexual health Always kept private');
    expect(text($(element, '[part~="emergency"]'))).to.include('In an emergency');
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('shows choices already made, including a kind of information kept from one organisation', async () => {
    const choices = sharingChoicesFrom(undefined, ORGANISATIONS);
    choices.organisations[1]!.shared = false;
    choices.exceptions.push({
      organisationId: 'org-la999',
      organisationName: 'Islington Adult Social Care',
      category: 'mental-health',
      shared: false,
    });
    const element = await form(model({ ...sharingConsent('pat-000001', choices), id: 'consent-1' }));
    const inputs = boxes(element);
    expect(inputs[1]!.checked).to.equal(false);
    expect(text($(element, `#${inputs[1]!.getAttribute('aria-describedby')!}`))).to.include('unless it is an emergency');
    expect(labelOf(element, inputs.at(-1)!)).to.equal('Share mental health information with Islington Adult Social Care');
    expect(inputs.at(-1)!.checked).to.equal(false);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('with a model: Save hands the host the Consent recording the choices', async () => {
    const element = await form(model());
    boxes(element)[1]!.click();
    await settled(element);
    setTimeout(() => $(element, '[part~="save-button"]')!.click());
    const event = await oneEvent(element, 'care-sharing-save');
    const deny = event.detail.consent.provision?.provision?.[0];
    expect(deny?.actor?.[0]?.reference.reference).to.equal('Organization/org-f83999');
  });

  it('never shows two organisations alike: unnamed ones are named by their code, or said to have no name, each its own way', async () => {
    const consent = sharingConsent('pat-000001', {
      organisations: [{ id: 'org-gone', name: 'x', shared: false }],
      categories: [],
      exceptions: [{ organisationId: 'org-rz9', organisationName: 'x', category: 'mental-health', shared: false }],
    });
    const directory = new Map<string, SharingDirectoryEntry>([
      ...ORGANISATIONS,
      ['org-rz9', { odsCode: 'RZ9', kind: 'hospital' }],
      ['org-rz8', { odsCode: 'RZ8', kind: 'hospital' }],
      ['org-x', { name: 'Not known' }],
    ]);
    const element = await form({ patientId: 'pat-000001', choices: sharingChoicesFrom(consent, directory) });
    const labels = boxes(element)
      .filter((input) => input.id.startsWith('organisation-'))
      .map((input) => labelOf(element, input));
    expect(labels).to.include.members([
      'An organisation with code RZ8 (hospital)',
      'An organisation with code RZ9 (hospital)',
      'An organisation whose name is not recorded (reference org-gone)',
      'An organisation whose name is not recorded (reference org-x)',
    ]);
    expect(new Set(labels).size).to.equal(labels.length);
    expect(text(element)).not.to.contain('Not known');
    const exception = boxes(element).find((input) => input.id.startsWith('exception-'))!;
    expect(labelOf(element, exception)).to.equal('Share mental health information with an organisation with code RZ9');
    await expect(element).to.be.accessible();
  });

  it('shows markup in organisation names as text', async () => {
    const evil = new Map([['org-x', { name: '<img src=x onerror=alert(1)>Surgery' }]]);
    const element = await form({ patientId: 'pat-000001', choices: sharingChoicesFrom(undefined, evil) });
    expect($(element, 'img')).to.equal(null);
    expect(labelOf(element, boxes(element)[0]!)).to.equal('<img src=x onerror=alert(1)>Surgery');
  });

  it('inside a provider: loads, then saves by keyboard — saving, then saved; the next save sends the new version', async () => {
    const { client, saves } = sharingHub();
    const element = await inProvider(client);
    await expect(element).shadowDom.to.be.accessible();
    boxes(element)[2]!.focus();
    await sendKeys({ press: 'Space' });
    expect(boxes(element)[2]!.checked).to.equal(false);
    $(element, '[part~="save-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(text($(element, '[part~="save-button"]'))).to.equal('Saving…');
    expect(text($(element, '[part~="status"]'))).to.equal('Saving your choices…');
    await until(() => text($(element, '[part~="status"]')).includes('have been saved'), 3000, 'saved');
    await expect(element).shadowDom.to.be.accessible();
    expect(boxes(element)[2]!.checked).to.equal(false);
    boxes(element)[0]!.click();
    $(element, '[part~="save-button"]')!.click();
    await until(() => saves.length === 2, 3000, 'second save');
    expect(saves).to.deep.equal(['post ', 'put W/"1"']);
  });

  it('a failed save says so and keeps the resident’s changes on screen', async () => {
    let fail = true;
    const { client } = sharingHub({
      failSave: () => (fail ? new HubError({ kind: 'http', operation: 'POST /Consent', requestId: 'r', status: 503 }) : undefined),
    });
    const element = await inProvider(client);
    boxes(element)[0]!.click();
    $(element, '[part~="save-button"]')!.click();
    await until(() => text($(element, '[part~="status"]')).includes('were not saved'), 3000, 'failure');
    expect(text($(element, '[part~="status"]'))).to.include('Your changes are still on this page');
    expect(boxes(element)[0]!.checked).to.equal(false);
    await expect(element).shadowDom.to.be.accessible();
    fail = false;
    $(element, '[part~="save-button"]')!.click();
    await until(() => text($(element, '[part~="status"]')).includes('have been saved'), 3000, 'saved after retry');
  });

  it('a save that stood only in part says which changes were saved and which not, and loads what stands', async () => {
    const { client } = sharingHub();
    const element = await inProvider(client);
    const original = client.request.bind(client);
    client.request = async () => {
      client.request = original;
      throw new SharingPartlySavedError({
        known: true,
        saved: ['stopping sharing your record with Islington Adult Social Care'],
        notSaved: ['sharing your record with Tufnell Green Surgery again'],
        cause: new HubError({ kind: 'http', operation: 'PUT /Consent/{id}', requestId: 'r', status: 412 }),
      });
    };
    $(element, '[part~="save-button"]')!.click();
    await until(() => text($(element, '[part~="status"]')).includes('Only some of your changes were saved'), 3000, 'partly');
    const said = text($(element, '[part~="partly"]'));
    expect(said).to.include('Saved: Stopping sharing your record with Islington Adult Social Care.');
    expect(said).to.include('Not saved: Sharing your record with Tufnell Green Surgery again.');
    expect(said).not.to.include('were not saved');
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('a save that stood in part, unknown which: said so, never as saved or not saved', async () => {
    const { client } = sharingHub();
    const element = await inProvider(client);
    const original = client.request.bind(client);
    client.request = async () => {
      client.request = original;
      throw new SharingPartlySavedError({ known: false, saved: [], notSaved: [], cause: new Error('lost') });
    };
    $(element, '[part~="save-button"]')!.click();
    await until(() => text($(element, '[part~="status"]')).includes('may have been saved and some may not'), 3000, 'unknown');
    expect(text($(element, '[part~="status"]'))).not.to.match(/have been saved\.|were not saved/);
  });

  it('a conflict (changed elsewhere): the latest choices are loaded and the resident is told to check them', async () => {
    const { client } = sharingHub();
    const element = await inProvider(client);
    $(element, '[part~="save-button"]')!.click();
    await until(() => text($(element, '[part~="status"]')).includes('have been saved'), 3000, 'first save');
    const elsewhere = sharingChoicesFrom(undefined, ORGANISATIONS);
    elsewhere.categories[1]!.shared = false;
    client.changeElsewhere(sharingConsent('pat-000001', elsewhere));
    // The hub refuses the stale version.
    const original = client.request.bind(client);
    client.request = async () => {
      client.request = original;
      throw new HubError({ kind: 'http', operation: 'PUT /Consent/{id}', requestId: 'r', status: 412 });
    };
    boxes(element)[0]!.click();
    $(element, '[part~="save-button"]')!.click();
    await until(() => text($(element, '[part~="status"]')).includes('changed somewhere else'), 3000, 'conflict');
    await until(() => boxes(element)[3]!.checked === false, 3000, 'latest loaded');
    expect(boxes(element)[0]!.checked).to.equal(true);
    await expect(element).shadowDom.to.be.accessible();
  });
});
