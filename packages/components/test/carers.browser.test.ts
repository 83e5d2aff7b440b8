/**
 * "People who can act for you": each carer with what they can do and whether
 * it is in force today; changing what they can do and stopping their access
 * (after confirming), each saved with If-Match; a change made elsewhere is
 * not overwritten; nothing chosen is refused before anything is sent; a
 * failure to load is never "nobody"; every state axe-checked.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import {
  buildProxyConsent,
  HubError,
  readProxyConsent,
  type BatchRead,
  type Consent,
  type HubClient,
  type ProxyAction,
} from '@care-record/sdk';
import '../src/define.js';
import type { CareCarers, CareRecordProvider } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';

const ALL: ProxyAction[] = ['view-record', 'view-appointments', 'view-results', 'add-readings', 'add-medicines'];

function permission(
  id: string,
  relatedPersonId: string,
  options: { by?: 'resident' | 'practice'; granted?: string; status?: string } = {},
) {
  return {
    ...buildProxyConsent({ patientId: 'pat-000001', relatedPersonId, actions: ALL, withheld: [] }),
    id,
    status: options.status ?? 'active',
    dateTime: options.granted ?? '2024-03-03T10:00:00Z',
    performer: [{ reference: options.by === 'practice' ? 'Organization/org-f83999' : 'Patient/pat-000001' }],
    meta: { versionId: '1' },
  } as Consent;
}

const person = (id: string, given: string, family: string, kin: string) => ({
  resourceType: 'RelatedPerson',
  id,
  patient: { reference: 'Patient/pat-000001' },
  name: [{ given: [given], family }],
  relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: kin.toUpperCase(), display: kin }] }],
});

/** A hub holding the resident's proxy permissions: answers loadCarers, the Consent read and the PUTs, failing as the test says. */
function carersHub(options: { consents?: Consent[]; birthDate?: string; failLoad?: boolean; failPut?: () => Error | undefined } = {}) {
  const consents = new Map((options.consents ?? [permission('proxy-1', 'rp-1')]).map((consent) => [consent.id!, consent]));
  const puts: { id: string; ifMatch: string; body: Consent }[] = [];
  const client = {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: readonly BatchRead<unknown>[]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (options.failLoad) throw new HubError({ kind: 'network', operation: 'POST /', requestId: 'r' });
      return reads.map((read) => {
        let resource: unknown = { resourceType: 'Bundle', type: 'searchset', entry: [] };
        if (read.template === '/Consent')
          resource = { resourceType: 'Bundle', type: 'searchset', entry: [...consents.values()].map((consent) => ({ resource: consent })) };
        if (read.template === '/RelatedPerson')
          resource = {
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [{ resource: person('rp-1', 'Aoife', 'Lloyd', 'daughter') }, { resource: person('rp-2', 'Roisin', 'Kelly', 'mother') }],
          };
        if (read.template === '/Patient/{id}')
          resource = { resourceType: 'Patient', id: 'pat-000001', birthDate: options.birthDate ?? '1941-04-17' };
        return { ok: true, status: 200, resource };
      });
    },
    async get(_path: string, init: { path: { id: string } }) {
      return consents.get(init.path.id);
    },
    async request(method: string, _path: string, init: { path: { id: string }; body: Consent; headers?: Record<string, string> }) {
      puts.push({ id: init.path.id, ifMatch: init.headers?.['if-match'] ?? '', body: init.body });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const failure = options.failPut?.();
      if (failure) throw failure;
      const current = consents.get(init.path.id)!;
      const version = String(Number(current.meta?.versionId ?? '1') + 1);
      const stored = { ...init.body, meta: { versionId: version } } as Consent;
      consents.set(init.path.id, stored);
      return { data: stored, status: method === 'put' ? 200 : 201, etag: `W/"${version}"`, requestId: 'r', headers: new Headers() };
    },
  };
  return { client: client as unknown as HubClient, puts, consents };
}

async function inProvider(client: HubClient): Promise<CareCarers> {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient="pat-000001" audience="resident"
      ><care-carers></care-carers
    ></care-record-provider>`,
  );
  const element = provider.querySelector('care-carers')!;
  await until(() => !text(element).includes('Loading'), 3000, 'carers');
  return element;
}

const boxes = (element: Element) => [...(element.shadowRoot ?? element).querySelectorAll('input[type="checkbox"]')] as HTMLInputElement[];

describe('care-carers', () => {
  it('lists each carer with what they can do, and says when a permission is no longer in force', async () => {
    const { client } = carersHub({
      consents: [
        permission('proxy-1', 'rp-1', { granted: '2025-01-05T10:00:00Z' }),
        permission('proxy-2', 'rp-2', { by: 'practice', granted: '2020-01-01T09:00:00Z' }),
      ],
      birthDate: '2013-06-10',
    });
    const element = await inProvider(client);
    const cards = $$(element, '[part~="carer"]');
    expect(cards.length).to.equal(2);
    // A girl of 13: her own grant is in force; what her mother had from the practice before she was 11 is not.
    const own = text(cards[0]!);
    expect(own)
      .to.include('Aoife Lloyd (daughter)')
      .and.to.include('Can act for you now.')
      .and.to.include('You gave access on 5 January 2025');
    expect(boxes(cards[0]!).filter((box) => box.checked).length).to.equal(5);
    const ended = text(cards[1]!);
    expect(ended).to.include('Cannot act for you now.').and.to.include('ends at 11');
    expect(boxes(cards[1]!)).to.deep.equal([], 'nothing to change on a permission not in force');
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('saves a change with If-Match, and says it applies from now on', async () => {
    const { client, puts } = carersHub();
    const element = await inProvider(client);
    boxes(element)[0]!.click(); // See the health and care record: off
    boxes(element)[5]!.click(); // Keep mental health from them: on
    await settled(element);
    $(element, '[part~="save-button"]')!.click();
    await until(() => text(element).includes('Saved.'), 3000, 'saved');
    expect(puts.length).to.equal(1);
    expect(puts[0]!.ifMatch).to.equal('W/"1"');
    const saved = readProxyConsent(puts[0]!.body)!;
    expect(saved.actions).to.deep.equal(['view-appointments', 'view-results', 'add-readings', 'add-medicines']);
    expect(saved.withheld).to.deep.equal(['mental-health']);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('refuses to save with nothing ticked, before anything is sent', async () => {
    const { client, puts } = carersHub();
    const element = await inProvider(client);
    for (const box of boxes(element).slice(0, 5)) box.click();
    await settled(element);
    $(element, '[part~="save-button"]')!.click();
    await until(() => text(element).includes('Choose at least one thing'), 3000, 'the problem');
    expect(puts).to.deep.equal([]);
  });

  it('stops access only after confirming, then says so; the carer is listed as stopped', async () => {
    const { client, puts } = carersHub();
    const element = await inProvider(client);
    $(element, '[part~="stop-button"]')!.click();
    await settled(element);
    expect(text(element)).to.include('Stop Aoife Lloyd’s access now?');
    expect(puts).to.deep.equal([], 'nothing is stopped before confirming');
    await expect(element).shadowDom.to.be.accessible();
    setTimeout(() => ($$(element, '[part~="stop-button"]').find((button) => text(button).includes('Yes'))! as HTMLButtonElement).click());
    const event = await oneEvent(element, 'care-carer-changed');
    expect(event.detail).to.deep.equal({ consentId: 'proxy-1', stopped: true });
    expect(puts[0]!.body.status).to.equal('inactive');
    expect(puts[0]!.ifMatch).to.equal('W/"1"');
    await until(() => text(element).includes('Access stopped.'), 3000, 'stopped');
    expect(text(element)).to.include('can no longer act for you');
  });

  it('a change made elsewhere is not overwritten: the latest is loaded and the resident is told', async () => {
    const { client } = carersHub({
      failPut: () => new HubError({ kind: 'http', operation: 'PUT /Consent/{id}', requestId: 'r', status: 412 }),
    });
    const element = await inProvider(client);
    boxes(element)[0]!.click();
    await settled(element);
    $(element, '[part~="save-button"]')!.click();
    await until(() => text(element).includes('changed somewhere else'), 3000, 'the conflict');
  });

  it('nobody: says so plainly; a failure to load is an error with Try again, never "nobody"', async () => {
    const empty = await inProvider(carersHub({ consents: [] }).client);
    expect(text(empty)).to.include('Nobody can act for you at the moment');
    await expect(empty).shadowDom.to.be.accessible();
    const failed = await inProvider(carersHub({ failLoad: true }).client);
    expect(text(failed)).to.include('We could not load who can act for you');
    expect(text(failed)).not.to.include('Nobody');
    expect($(failed, '[part~="retry-button"]')).not.to.equal(null);
  });
});
