/**
 * The sharing screen says what the hub applies. Reviewer R5: an opt-in whose own period had ended, and a choice the hub
 * cannot apply (a deny's period with no time zone, an organisation named by its identifier), read "Can see your
 * record", every box ticked, where the hub withholds her record from every organisation; unticking an organisation
 * whose stop for a period had ended brought back that period (keeping nothing); and a month or a year read "ended on
 * July 2025" or "until 2026".
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sharingChoicesFrom, type Consent, type SharingViewModel } from '@care-record/sdk';
import '../src/define.js';
import type { CareSharing } from '../src/index.js';
import { BAD_TEXT, $, $$, text } from './support/dom.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ORGANISATIONS = new Map([
  ['org-f83999', { name: 'Tufnell Green Surgery', kind: 'GP practice' }],
  ['org-la999', { name: 'Islington Adult Social Care', kind: 'Local authority adult social care' }],
]);
type Provision = NonNullable<Consent['provision']>;
type Deny = NonNullable<Provision['provision']>[number];
const actor = (id: string) => ({ role: { text: 'recipient' }, reference: { reference: `Organization/${id}` } });

const screenOf = (choice: Partial<Consent>) => {
  const consent = {
    resourceType: 'Consent',
    id: 'consent-1',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    patient: { reference: 'Patient/pat-000001' },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit' },
    ...choice,
  } as Consent;
  const model: SharingViewModel = {
    patientId: 'pat-000001',
    consentId: 'consent-1',
    etag: 'W/"1"',
    choices: sharingChoicesFrom(consent, ORGANISATIONS),
  };
  return fixture<CareSharing>(html`<care-sharing .model=${model}></care-sharing>`);
};
const permitWith = (denies: Deny[], period?: Provision['period']): Partial<Consent> => ({
  provision: { type: 'permit', ...(period ? { period } : {}), provision: denies },
});

/** Says the record is withheld from every organisation: no checkbox, nothing saying anyone can see it. */
async function saysWithheld(element: CareSharing, words: RegExp) {
  expect($$(element, 'input[type="checkbox"]')).to.have.length(0);
  expect(text($(element, '[part~="declined"]'))).to.match(words);
  expect(text($(element, '[part~="declined"]'))).to.include('not being shared with any organisation');
  expect(text(element)).not.to.match(/(?<!Who )can see your record|For now, they can see/i);
  expect(text(element)).not.to.match(BAD_TEXT);
  await expect(element).shadowDom.to.be.accessible();
}

describe('care-sharing: what the hub withholds from everyone is said so', () => {
  it('the reported case: an opt-in whose own period ended', async () => {
    const element = await screenOf(permitWith([], { end: '2025-01-31' }));
    await saysWithheld(element, /Your agreement to share your record ended on 31 January 2025\./);
  });

  it('the reported case: a deny whose start has no time zone', async () => {
    const element = await screenOf(permitWith([{ type: 'deny', actor: [actor('org-la999')], period: { start: '2026-07-01T10:00' } }]));
    await saysWithheld(element, /recorded by your GP practice in a way this service cannot apply/);
  });

  it('the reported case: a deny naming an organisation by its identifier', async () => {
    const element = await screenOf(
      permitWith([{ type: 'deny', actor: [{ role: { text: 'recipient' }, reference: { identifier: { value: 'RZ9' } } }] }]),
    );
    await saysWithheld(element, /cannot apply/);
    expect(text($(element, '[part~="not-shown"]'))).to.include('Part of your choices is not shown here');
  });

  // The class: each form the hub withholds (its agreement's period ended in a day, a month or a year, or to come; a
  // period or a part it cannot read) says so in words, with no checkbox.
  const FORMS: [string, Partial<Consent>, RegExp][] = [
    ['an agreement that ended in a month', permitWith([], { end: '2025-07' }), /ended at the end of July 2025\./],
    ['an agreement that ended in a year', permitWith([], { end: '2025' }), /ended at the end of 2025\./],
    ['an agreement to come', permitWith([], { start: '2099-03-01' }), /starts on 1 March 2099\./],
    ['an agreement whose period cannot be read', permitWith([], { end: '31/01/2025' }), /cannot apply/],
    ['a deny the hub does not apply (a permit)', permitWith([{ type: 'permit' }]), /cannot apply/],
    [
      'a deny of a kind of information nobody knows',
      permitWith([{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'ETH' }] }]),
      /cannot apply/,
    ],
  ];
  for (const [name, choice, words] of FORMS) it(name, async () => saysWithheld(await screenOf(choice), words));

  it('an opt-out whose period ended, or is to come, says when, and what applies now', async () => {
    const ended = await screenOf({
      policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] },
      provision: { type: 'deny', period: { end: '2025-01-31' } },
    });
    expect(text($(ended, '[part~="declined"]'))).to.include(
      'Your choice not to share your record with any organisation ended on 31 January 2025. Your record is shared with the organisations caring for you.',
    );
    const toCome = await screenOf({
      policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] },
      provision: { type: 'deny', period: { start: '2099-03-01' } },
    });
    expect(text($(toCome, '[part~="declined"]'))).to.include('From 1 March 2099, your record will not be shared with any organisation.');
    expect($$(toCome, 'input[type="checkbox"]')).to.have.length(0);
    await expect(toCome).shadowDom.to.be.accessible();
  });
});

describe('care-sharing: a stop she makes again is in force now', () => {
  const KINDS: [string, (period: Provision['period']) => Deny, number][] = [
    ['an organisation', (period) => ({ type: 'deny', actor: [actor('org-f83999')], ...(period ? { period } : {}) }), 1],
    [
      'a kind of information',
      (period) => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], ...(period ? { period } : {}) }),
      2,
    ],
    [
      'one kept from one organisation',
      (period) => ({
        type: 'deny',
        actor: [actor('org-la999')],
        securityLabel: [{ system: ACT_CODE, code: 'PSY' }],
        ...(period ? { period } : {}),
      }),
      4,
    ],
  ];
  const PERIODS: [string, Provision['period']][] = [
    ['ended (the reported case)', { end: '2025-12-31' }],
    ['to come', { start: '2099-01-01' }],
  ];
  for (const [kind, deny, index] of KINDS)
    for (const [name, period] of PERIODS)
      it(`${kind}, its stop ${name}: shared then stopped again, it is stopped now and the practice's is kept`, async () => {
        const recorded = deny(period);
        const element = await screenOf(permitWith([recorded]));
        const box = () => $$(element, 'input[type="checkbox"]')[index] as HTMLInputElement;
        box().click();
        await element.updateComplete;
        box().click();
        await element.updateComplete;
        const hint = text($(element, `#${box().getAttribute('aria-describedby') ?? ''}`));
        expect(hint).not.to.match(/ended|From \d|can see your record now|It is shared now|can see it now/);
        setTimeout(() => ($(element, 'button[part~="save-button"]') as HTMLButtonElement).click());
        const { detail } = await oneEvent(element, 'care-sharing-save');
        const denies = (detail as { consent: Consent }).consent.provision?.provision ?? [];
        expect(denies).to.deep.include(recorded);
        // Beside it, a stop of the same with no period: in force now.
        const named = (each: Deny) =>
          JSON.stringify([each.actor?.map((one) => one.reference.reference), each.securityLabel?.map((one) => one.code)]);
        expect(denies.filter((each) => each.period === undefined).map(named)).to.deep.equal([named(recorded)]);
      });
});

describe('care-sharing: a month or a year is said as its last day', () => {
  const BOUNDS: [string, string, RegExp, RegExp][] = [
    ['a day', '2099-06-30', /until 30 June 2099/, /ended on 31 December 2025/],
    ['a month', '2099-06', /until the end of June 2099/, /ended at the end of December 2025/],
    ['a year', '2099', /until the end of 2099/, /ended at the end of 2025/],
  ];
  const endedOf = (bound: string) => (bound.length === 4 ? '2025' : bound.length === 7 ? '2025-12' : '2025-12-31');
  for (const [name, until, saysUntil, saysEnded] of BOUNDS)
    for (const [kind, deny] of [
      ['an organisation', (end: string): Deny => ({ type: 'deny', actor: [actor('org-f83999')], period: { end } })],
      [
        'a kind of information',
        (end: string): Deny => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], period: { end } }),
      ],
      [
        'one kept from one organisation',
        (end: string): Deny => ({
          type: 'deny',
          actor: [actor('org-la999')],
          securityLabel: [{ system: ACT_CODE, code: 'PSY' }],
          period: { end },
        }),
      ],
    ] as const)
      it(`${kind}, ${name}`, async () => {
        const inForce = await screenOf(permitWith([deny(until)]));
        expect(text(inForce)).to.match(saysUntil);
        const ended = await screenOf(permitWith([deny(endedOf(until))]));
        expect(text(ended)).to.match(saysEnded);
        expect(`${text(inForce)} ${text(ended)}`).not.to.match(
          /(ended on|until) (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}|(ended on|until) \d{4}\b/,
        );
      });
});

describe('care-sharing: several choices in force are said so', () => {
  const both = permitWith([
    { type: 'deny', actor: [actor('org-la999')] },
    { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] },
  ]);
  const severalOf = async (inForce: number | undefined) => {
    const element = await screenOf(both);
    const model = element.model!;
    element.model = { ...model, choices: { ...model.choices, ...(inForce ? { inForce } : {}) } };
    await element.updateComplete;
    return element;
  };

  it('two in force: said in words, with every organisation and kind they stop between them', async () => {
    const element = await severalOf(2);
    expect(text($(element, '[part~="several"]'))).to.include('You have 2 sharing choices in force.');
    const boxes = $$(element, 'input[type="checkbox"]') as HTMLInputElement[];
    expect(boxes.filter((box) => !box.checked)).to.have.length(2);
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('one: nothing said of several', async () => {
    const element = await severalOf(undefined);
    expect($(element, '[part~="several"]')).to.equal(null);
  });
});

describe('care-sharing: a part of her choice the service cannot apply is said, as far as it can be told', () => {
  const byName = (display: string) => ({ role: { text: 'recipient' }, reference: { display } });

  it('the reported case: a practice deny naming an organisation by its display alone', async () => {
    const element = await screenOf(permitWith([{ type: 'deny', actor: [byName('Dr Patel’s Surgery')] }]));
    await saysWithheld(element, /cannot apply/);
    expect(text($(element, '[part~="not-applied"]'))).to.equal('Not sharing your record with Dr Patel’s Surgery.');
  });

  it('each part in its own words: by name, by kind, both, or not known', async () => {
    const element = await screenOf(
      permitWith([
        { type: 'deny', actor: [byName('Dr Patel’s Surgery'), byName('Riverside Clinic')] },
        { type: 'deny', actor: [byName('Riverside Clinic')], securityLabel: [{ system: ACT_CODE, code: 'PSY' }] },
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], period: { start: '2026-07-01T10:00' } },
        { type: 'deny', actor: [{ role: { text: 'recipient' }, reference: { identifier: { value: 'X1' } } }] },
      ]),
    );
    const items = ($$(element, '[part~="not-applied"] li') as HTMLElement[]).map((item) => text(item));
    expect(items).to.deep.equal([
      'Not sharing your record with Dr Patel’s Surgery and Riverside Clinic.',
      'Keeping mental health information from Riverside Clinic.',
      'Keeping mental health information with the service that recorded it.',
      'A part of your choice whose meaning this service cannot read.',
    ]);
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });
});
