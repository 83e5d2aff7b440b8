/**
 * A clinician opens a record by NHS number for a resident their organisation
 * has no care relationship with (an A&E doctor, an unconscious patient). The
 * hub finds nobody they may open — and says so in a way that reveals nothing:
 * an empty search whose OperationOutcome entry (`BREAK_GLASS_AVAILABLE`) says
 * a search with a reason is open to them. The provider said "No record was
 * found with this NHS number", which reads as "this person has no record",
 * and offered no way on. Now it says no record *they can see* was found, and
 * offers emergency access: the search is made again with the reason, and a
 * record found is shown under its own banner, under emergency access.
 *
 * The hub's answers are the contract's own example
 * (patient-search-break-glass-available.json) and, with a reason, the
 * synthetic borough's residents.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Bundle, HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareAccessDeniedDetail, CareRecordProvider } from '../src/index.js';
import { $, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { bannerName, borough, CAST } from './support/fixtures.js';

const REASON = 'Unconscious in A&E, no history available';
const NOBODY = '9990000026';
const nhsNumberOf = (index: number) =>
  borough.resident(index).patient.identifier!.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')!.value!;

/** The contract's example of a search that found nobody the clinician may open, offering a search with a reason. */
async function contractOffer(): Promise<Bundle> {
  const example = await (await fetch('/openapi/examples/patient-search-break-glass-available.json')).json();
  return (example as { value: Bundle }).value;
}

type Init = { headers?: Record<string, string> } | undefined;

/**
 * A hub for a user with no care relationship with anyone: a search without a reason finds nobody, answered with the
 * contract's offer of emergency access (`offers`) or, for a user who may not give a reason, an empty Bundle. With a
 * reason the borough's residents are found. Every request's headers are kept.
 */
async function hubWithoutRelationships(
  offers: boolean,
  emptyAnswer: Bundle = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] },
) {
  const fake = createFakeHub();
  const offer = await contractOffer();
  const sent: { path: string; reason: string | undefined }[] = [];
  const inner = fake.client as unknown as Record<string, (...args: unknown[]) => unknown>;
  const client = new Proxy(inner, {
    get(target, name: string) {
      const method = target[name];
      if (typeof method !== 'function') return method;
      return (...args: unknown[]) => {
        const path = String(args.find((arg) => typeof arg === 'string' && arg.startsWith('/')) ?? name);
        const init = args.find((arg): arg is NonNullable<Init> => typeof arg === 'object' && arg !== null && 'headers' in arg);
        const reason = init?.headers?.['x-break-glass-reason'];
        if (path !== '/metadata') sent.push({ path, reason });
        if (name === 'get' && path === '/Patient' && reason === undefined)
          return Promise.resolve(structuredClone(offers ? offer : emptyAnswer));
        return method.apply(target, args);
      };
    },
  });
  return { client: client as unknown as HubClient, sent };
}

async function openByNumber(client: HubClient, nhsNumber: string, audience = 'clinician') {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} nhs-number=${nhsNumber} audience=${audience}>
      <care-patient-banner></care-patient-banner>
      <care-medication-list></care-medication-list>
    </care-record-provider>`,
  );
  return provider;
}

const message = (provider: CareRecordProvider) => $(provider, '[part~="record-message"]');
const form = (provider: CareRecordProvider) => $(provider, '[part~="break-glass-form"]');
const banner = (provider: CareRecordProvider) => provider.querySelector('care-patient-banner')!;
const medicines = (provider: CareRecordProvider) => provider.querySelector('care-medication-list')!;
/** Everything the user reads: the provider's own message and every element. */
const shown = (provider: CareRecordProvider) => [text(message(provider)), text(banner(provider)), text(medicines(provider))].join(' ');

function giveReason(provider: CareRecordProvider, reason: string): void {
  ($(provider, '#break-glass-reason') as HTMLInputElement).value = reason;
  ($(provider, '[part~="break-glass-form"] button[type="submit"]') as HTMLButtonElement).click();
}

describe('the reported case: a clinician opens by NHS number a resident they have no relationship with', () => {
  it('is not told "not found", and is offered a search with a reason', async () => {
    const hub = await hubWithoutRelationships(true);
    const provider = await openByNumber(hub.client, nhsNumberOf(CAST.frailOlder));
    await until(() => message(provider) !== null, 3000, 'the message');
    await settled(provider, banner(provider), medicines(provider));
    expect(text(message(provider))).to.contain('No record you can see was found');
    expect(text(message(provider))).to.contain('This does not mean the person has no care record');
    expect(shown(provider)).not.to.contain('No record was found');
    expect(text(banner(provider))).to.equal('');
    expect(form(provider)).not.to.equal(null);
    expect(text(form(provider))).to.contain('search again by giving the clinical reason');
    await expect(provider).to.be.accessible();
  });
});

describe('emergency access from a lookup by NHS number', () => {
  it('is not offered to a receptionist, whose empty search offers nothing', async () => {
    const hub = await hubWithoutRelationships(false);
    const provider = await openByNumber(hub.client, nhsNumberOf(CAST.frailOlder));
    await until(() => text(banner(provider)).includes('No record you can see has this NHS number'), 3000, 'the message');
    // Their search finds only records they may see: "not found" would claim the person has none.
    expect(shown(provider)).not.to.contain('No record was found');
    expect(form(provider)).to.equal(null);
    expect(message(provider)).to.equal(null);
  });

  it('tells a receptionist whose search left a record out that it is not shown, never "not found"', async () => {
    // The hub's answer when the person's own entry is withheld from this user by its labels (restricted).
    const withheld = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: 0,
      meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] },
      entry: [
        {
          resource: {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'information',
                code: 'suppressed',
                details: { coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code: 'INFORMATION_WITHHELD' }] },
                diagnostics: 'Some information is not shown',
              },
            ],
          },
          search: { mode: 'outcome' },
        },
      ],
    } as Bundle;
    const hub = await hubWithoutRelationships(false, withheld);
    const provider = await openByNumber(hub.client, nhsNumberOf(CAST.frailOlder));
    await until(() => text(banner(provider)).includes('Some information is not shown'), 3000, 'the message');
    expect(shown(provider)).not.to.contain('No record you can see has this NHS number');
    expect(form(provider)).to.equal(null);
  });

  it('needs a reason: without one nothing is searched and the form says what is missing', async () => {
    const hub = await hubWithoutRelationships(true);
    const provider = await openByNumber(hub.client, nhsNumberOf(CAST.frailOlder));
    await until(() => form(provider) !== null, 3000, 'the form');
    const before = hub.sent.length;
    giveReason(provider, '   ');
    await settled(provider);
    expect(text($(provider, '#break-glass-error'))).to.contain('Enter the clinical reason for emergency access');
    expect($(provider, '#break-glass-reason')?.getAttribute('aria-invalid')).to.equal('true');
    expect(hub.sent.slice(before)).to.deep.equal([]);
    expect($(provider, '[part~="break-glass-banner"]')).to.equal(null);
  });

  it('searches again with the reason and shows the person found under their own banner, every read with the reason', async () => {
    const hub = await hubWithoutRelationships(true);
    const provider = await openByNumber(hub.client, nhsNumberOf(CAST.frailOlder));
    await until(() => form(provider) !== null, 3000, 'the form');
    const before = hub.sent.length;
    giveReason(provider, REASON);
    await until(() => text(banner(provider)).includes('NHS No.'), 3000, 'the banner');
    await until(() => text(medicines(provider)).length > 0, 3000, 'the medicines');
    expect($(banner(provider), '[part~="name"]')?.textContent).to.equal(bannerName(CAST.frailOlder));
    expect(text($(provider, '[part~="break-glass-banner"]'))).to.contain(`Reason given ${REASON}`);
    expect(message(provider)).to.equal(null);
    const after = hub.sent.slice(before);
    expect(after[0]).to.deep.equal({ path: '/Patient', reason: REASON });
    expect(after.length).to.be.greaterThan(1);
    for (const request of after) expect(request.reason, request.path).to.equal(REASON);
    await expect(provider).to.be.accessible();
  });

  it('says plainly when the search with a reason still finds nobody, with no emergency banner over nothing', async () => {
    const hub = await hubWithoutRelationships(true);
    const provider = await openByNumber(hub.client, NOBODY);
    await until(() => form(provider) !== null, 3000, 'the form');
    giveReason(provider, REASON);
    await until(() => text(banner(provider)).includes('No record you can see has this NHS number'), 3000, 'not found');
    expect(text(medicines(provider))).to.contain('No record you can see has this NHS number');
    expect(message(provider)).to.equal(null);
    expect($(provider, '[part~="break-glass-banner"]')).to.equal(null);
    expect(hub.sent.filter((request) => request.path === '/Patient').map((request) => request.reason)).to.deep.equal([undefined, REASON]);
  });
});

describe('the class: the form exactly for a clinician whose search the hub says a reason may make', () => {
  it('audience × the hub’s answer', async () => {
    const wrong: string[] = [];
    for (const audience of ['clinician', 'resident', 'carer'])
      for (const offers of [true, false]) {
        const hub = await hubWithoutRelationships(offers);
        const provider = await openByNumber(hub.client, nhsNumberOf(CAST.adult), audience);
        await until(() => message(provider) !== null || text(banner(provider)).includes('No record'), 3000, `${audience} ${offers}`);
        await settled(provider, banner(provider), medicines(provider));
        const label = `${audience}, ${offers ? 'offered' : 'not offered'}`;
        if ((form(provider) !== null) !== (offers && audience === 'clinician')) wrong.push(`${label}: form ${form(provider) !== null}`);
        // An empty search is never "not found": it finds only records this user may see.
        if (shown(provider).includes('No record was found')) wrong.push(`${label}: "${shown(provider)}"`);
        if (!shown(provider).includes('No record you can see')) wrong.push(`${label}: "${shown(provider)}"`);
      }
    expect(wrong).to.deep.equal([]);
  });
});

describe('the host is told when a lookup by NHS number offers emergency access', () => {
  /** Every `care-access-denied` the page hears while `run` lasts. */
  async function heard(run: () => Promise<void>): Promise<CareAccessDeniedDetail[]> {
    const events: CareAccessDeniedDetail[] = [];
    const listen = (event: Event) => events.push((event as CustomEvent<CareAccessDeniedDetail>).detail);
    document.addEventListener('care-access-denied', listen);
    try {
      await run();
    } finally {
      document.removeEventListener('care-access-denied', listen);
    }
    return events;
  }

  it('the reported case: one care-access-denied, saying no record this user may open was found and emergency access is open', async () => {
    const events = await heard(async () => {
      const hub = await hubWithoutRelationships(true);
      const provider = await openByNumber(hub.client, nhsNumberOf(CAST.frailOlder));
      await until(() => form(provider) !== null, 3000, 'the form');
      await settled(provider, banner(provider), medicines(provider));
    });
    expect(events).to.deep.equal([{ reason: 'NONE_YOU_MAY_OPEN', breakGlassAllowed: true, requestId: undefined }]);
  });

  it('audience × the hub’s answer × what follows: told once exactly when the hub offers it, and not again once a record opens', async () => {
    const wrong: string[] = [];
    for (const audience of ['clinician', 'resident', 'carer'])
      for (const offers of [true, false])
        for (const then of ['nothing', 'a reason given'] as const) {
          if (then === 'a reason given' && !(offers && audience === 'clinician')) continue;
          const label = `${audience}, ${offers ? 'offered' : 'not offered'}, then ${then}`;
          const events = await heard(async () => {
            const hub = await hubWithoutRelationships(offers);
            const provider = await openByNumber(hub.client, nhsNumberOf(CAST.adult), audience);
            await until(() => message(provider) !== null || text(banner(provider)).includes('No record'), 3000, label);
            await settled(provider, banner(provider), medicines(provider));
            if (then === 'a reason given') {
              giveReason(provider, REASON);
              await until(() => text(banner(provider)).includes('NHS No.'), 3000, `${label}: the banner`);
              await settled(provider, banner(provider), medicines(provider));
            }
          });
          const expected = offers ? [{ reason: 'NONE_YOU_MAY_OPEN', breakGlassAllowed: true, requestId: undefined }] : [];
          if (JSON.stringify(events) !== JSON.stringify(expected)) wrong.push(`${label}: ${JSON.stringify(events)}`);
        }
    expect(wrong).to.deep.equal([]);
  });
});
