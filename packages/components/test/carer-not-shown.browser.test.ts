/**
 * A permission for someone not shown to this app: the hub left its actor out of the resident's view (a contact kept
 * from her, or an app that may not read the people on her record). "People who can act for you" said "Nobody can act
 * for you at the moment": the permission was dropped, and an unknown was shown as none. It is now listed, with what
 * it lets them do and whether it is in force, and it can be stopped after confirming.
 *
 * The class: which elements her view left out (the actor, its data, both) × the audience (the resident, a carer
 * acting for her): each is listed; one whose actor was left out names nobody and says the app is not shown who it is
 * for, in the audience's words; stopping it sends the permission as read, stopped; never "Nobody", never
 * "undefined"; every state axe-checked.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { buildProxyConsent, type BatchRead, type Consent, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareCarers, CareRecordProvider } from '../src/index.js';
import { BAD_TEXT, $$, settled, text, until } from './support/dom.js';

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
type LeftOut = 'actor' | 'data' | 'both';

/** The permission as the hub answers this app: what her view left out is not there, and it is tagged SUBSETTED. */
function permissionAsRead(leftOut: LeftOut): Consent {
  const full = buildProxyConsent({
    patientId: 'pat-000001',
    relatedPersonId: 'rp-1',
    actions: ['view-appointments', 'add-readings'],
    withheld: ['sexual-health'],
  });
  const { actor: _actor, ...withoutActor } = full.provision!;
  return {
    ...full,
    id: 'proxy-1',
    status: 'active',
    dateTime: '2025-01-05T10:00:00Z',
    performer: [{ reference: 'Patient/pat-000001' }],
    meta: { versionId: '1', tag: [SUBSETTED] },
    // Its data (a signed form kept from her) is left out in every case but `actor`: there, it had none.
    provision: leftOut === 'data' ? full.provision! : withoutActor,
  } as Consent;
}

function hubFor(consent: Consent) {
  const consents = new Map([[consent.id!, consent]]);
  const puts: { ifMatch: string; body: Consent }[] = [];
  const client = {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: readonly BatchRead<unknown>[]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return reads.map((read) => {
        let resource: unknown = { resourceType: 'Bundle', type: 'searchset', entry: [] };
        if (read.template === '/Consent')
          resource = { resourceType: 'Bundle', type: 'searchset', entry: [...consents.values()].map((each) => ({ resource: each })) };
        if (read.template === '/RelatedPerson')
          resource = {
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [
              {
                resource: {
                  resourceType: 'RelatedPerson',
                  id: 'rp-1',
                  patient: { reference: 'Patient/pat-000001' },
                  name: [{ text: 'Aoife Lloyd' }],
                },
              },
            ],
          };
        if (read.template === '/Patient/{id}')
          resource = {
            resourceType: 'Patient',
            id: 'pat-000001',
            birthDate: '1941-04-17',
            name: [{ given: ['Bridget'], family: 'Kelly' }],
          };
        return { ok: true, status: 200, resource };
      });
    },
    async get(_path: string, init: { path: { id: string } }) {
      return consents.get(init.path.id);
    },
    async request(_method: string, _path: string, init: { path: { id: string }; body: Consent; headers?: Record<string, string> }) {
      puts.push({ ifMatch: init.headers?.['if-match'] ?? '', body: init.body });
      const stored = { ...init.body, meta: { versionId: '2', tag: [SUBSETTED] } } as Consent;
      consents.set(init.path.id, stored);
      return { data: stored, status: 200, etag: 'W/"2"', requestId: 'r', headers: new Headers() };
    },
  };
  return { client: client as unknown as HubClient, puts };
}

async function inProvider(client: HubClient, audience: 'resident' | 'carer'): Promise<CareCarers> {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient="pat-000001" audience=${audience}
      ><care-carers></care-carers
    ></care-record-provider>`,
  );
  const element = provider.querySelector('care-carers')!;
  await until(() => !text(element).includes('Loading'), 3000, 'carers');
  return element;
}

const WORDS = {
  resident: { inForce: 'Can act for you now.', ask: 'ask your GP practice', granted: 'You gave access on 5 January 2025' },
  carer: {
    inForce: 'Can act for Bridget now.',
    ask: 'Bridget can ask their GP practice',
    granted: 'Bridget gave access on 5 January 2025',
  },
};

describe('care-carers: a permission for someone not shown to this app', () => {
  it('the reported case: listed, in force, and stopped after confirming', async () => {
    const { client, puts } = hubFor(permissionAsRead('actor'));
    const element = await inProvider(client, 'resident');
    const cards = $$(element, '[part~="carer"]');
    expect(cards.length).to.equal(1, 'the permission is listed');
    expect(text(element)).not.to.include('Nobody can act for you');
    expect(text(cards[0]!))
      .to.include('Someone not shown here')
      .and.to.include('Can act for you now.')
      .and.to.include('We cannot show who this access is for')
      .and.to.include('See appointments')
      .and.to.include('Sexual health')
      .and.not.to.match(/\bapp\b|permission/);
    await expect(element).shadowDom.to.be.accessible();
    $$(element, '[part~="stop-button"]')[0]!.click();
    await settled(element);
    expect(text(element)).to.include('Stop this access now?');
    expect(puts).to.deep.equal([], 'nothing is stopped before confirming');
    await expect(element).shadowDom.to.be.accessible();
    setTimeout(() => ($$(element, '[part~="stop-button"]').find((button) => text(button).includes('Yes'))! as HTMLButtonElement).click());
    const event = await oneEvent(element, 'care-carer-changed');
    expect(event.detail).to.deep.equal({ consentId: 'proxy-1', stopped: true });
    expect(puts[0]!.body.status).to.equal('inactive');
    expect(puts[0]!.ifMatch).to.equal('W/"1"');
    await until(() => text(element).includes('Access stopped.'), 3000, 'stopped');
    expect(text(element)).to.include('can no longer act for you').and.not.to.match(BAD_TEXT);
  });

  for (const leftOut of ['actor', 'data', 'both'] as const)
    for (const audience of ['resident', 'carer'] as const)
      it(`left out: ${leftOut}; read by ${audience === 'resident' ? 'the resident' : 'a carer acting for her'}`, async () => {
        const { client, puts } = hubFor(permissionAsRead(leftOut));
        const element = await inProvider(client, audience);
        const words = WORDS[audience];
        const cards = $$(element, '[part~="carer"]');
        expect(cards.length).to.equal(1, 'the permission is listed');
        expect(text(cards[0]!)).not.to.match(BAD_TEXT);
        // Its data alone left out: whom it is for is shown, and it reads as any other permission.
        if (leftOut === 'data') expect(text(cards[0]!)).to.include('Aoife Lloyd');
        else {
          // A carer's view names the person acted for once their record is read.
          await until(() => text(element).includes(words.inForce), 3000, 'in force, in the audience’s words');
          expect(text(cards[0]!))
            .to.include('Someone not shown here')
            .and.to.include(words.granted)
            .and.to.include('We cannot show who this access is for')
            .and.to.include(words.ask)
            .and.not.to.include('Aoife')
            .and.not.to.match(/\bapp\b|permission/);
          if (audience === 'carer') expect(text(cards[0]!)).not.to.match(/(^|[.:!?]\s+)(Your|You have|You gave)\b/);
        }
        await expect(element).shadowDom.to.be.accessible();
        $$(element, '[part~="stop-button"]')[0]!.click();
        await settled(element);
        setTimeout(() =>
          ($$(element, '[part~="stop-button"]').find((button) => text(button).includes('Yes'))! as HTMLButtonElement).click(),
        );
        await oneEvent(element, 'care-carer-changed');
        expect(puts.length).to.equal(1);
        expect(puts[0]!.body.status).to.equal('inactive');
      });
});
