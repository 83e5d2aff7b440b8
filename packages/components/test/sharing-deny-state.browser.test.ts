/**
 * A choice not to share that has ended, or not yet begun, is not shown as in force: each checkbox's hint says in words
 * (not by colour) whether it keeps anything now, and when it ended, starts or ends. Reported: a deny the practice
 * recorded until last year read "Will not see your record"; one starting next month read the same.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sharingChoicesFrom, type Consent, type SharingViewModel } from '@care-record/sdk';
import '../src/define.js';
import type { CareSharing } from '../src/index.js';
import { BAD_TEXT, $, $$, text } from './support/dom.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const ORGANISATIONS = new Map([
  ['org-f83999', { name: 'Tufnell Green Surgery', kind: 'GP practice' }],
  ['org-la999', { name: 'Islington Adult Social Care', kind: 'Local authority adult social care' }],
]);
type Deny = NonNullable<NonNullable<Consent['provision']>['provision']>[number];
const actor = (id: string) => ({ role: { text: 'recipient' }, reference: { reference: `Organization/${id}` } });

const consentOf = (denies: Deny[]): Consent =>
  ({
    resourceType: 'Consent',
    id: 'consent-1',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    patient: { reference: 'Patient/pat-000001' },
    provision: { type: 'permit', provision: denies },
  }) as Consent;

const form = (denies: Deny[]) => {
  const model: SharingViewModel = {
    patientId: 'pat-000001',
    consentId: 'consent-1',
    etag: 'W/"1"',
    choices: sharingChoicesFrom(consentOf(denies), ORGANISATIONS),
  };
  return fixture<CareSharing>(html`<care-sharing .model=${model}></care-sharing>`);
};
const hints = (element: Element) =>
  ($$(element, 'input[type="checkbox"]') as HTMLInputElement[]).map((input) =>
    text($(element, `#${input.getAttribute('aria-describedby') ?? ''}`)),
  );

describe('care-sharing: a choice for a period says whether it holds now', () => {
  it('the reported case: ended last year, and starting in the future, are not shown as in force', async () => {
    const element = await form([
      { type: 'deny', actor: [actor('org-f83999')], period: { end: '2025-12-31' } },
      { type: 'deny', actor: [actor('org-la999')], period: { start: '2099-01-01' } },
    ]);
    const [socialCare, surgery] = hints(element);
    expect(surgery).to.equal('Your choice not to share with them ended on 31 December 2025. They can see your record now.');
    expect(socialCare).to.equal('Can see your record now. From 1 January 2099, they will not see it, unless it is an emergency.');
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  // The class: each kind of choice (an organisation, a kind of information, one kept from one organisation) x each
  // period (ended, to come, in force until, dateTime form): the words say which, with the date; never "will not see"
  // for one that keeps nothing now.
  const KINDS: [string, (period: Deny['period']) => Deny, number][] = [
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
  const PERIODS: [string, Deny['period'], RegExp, RegExp | undefined][] = [
    ['ended', { end: '2025-12-31' }, /ended on 31 December 2025/, /^(Will not see|Kept from them)|until/],
    ['to come', { start: '2099-01-01' }, /now\. From 1 January 2099/, /^(Will not see|Kept from them)/],
    ['in force until', { start: '2020-01-01', end: '2099-06-30' }, /until 30 June 2099/, /ended|From /],
    ['ended, as a dateTime', { end: '2025-06-30T23:30:00Z' }, /ended on 1 July 2025/, /^(Will not see|Kept from them)/],
  ];
  for (const [kind, deny, index] of KINDS)
    for (const [name, period, says, never] of PERIODS)
      it(`${kind}, ${name}`, async () => {
        const element = await form([deny(period)]);
        const hint = hints(element)[index] ?? '';
        expect(hint).to.match(says);
        if (never) expect(hint).not.to.match(never);
      });

  it('part of the choice this service cannot read is said in words, not left out silently', async () => {
    const element = await form([
      { type: 'deny', actor: [{ role: { text: 'recipient' }, reference: { reference: 'https://hub.example/fhir/Organization/org-a' } }] },
    ]);
    expect(text($(element, '[part~="not-shown"]'))).to.include('Part of your choices is not shown here');
    await expect(element).shadowDom.to.be.accessible();
    const plain = await form([]);
    expect($(plain, '[part~="not-shown"]')).to.equal(null);
  });

  for (const [name, top, words] of [
    [
      'an opt-out',
      { policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] }, provision: { type: 'deny' } },
      'You have opted out. You chose not to share your record',
    ],
    [
      'a rule saying both',
      {
        policyRule: {
          coding: [
            { system: ACT_CODE, code: 'OPTIN' },
            { system: ACT_CODE, code: 'OPTOUT' },
          ],
        },
        provision: { type: 'permit' },
      },
      'cannot apply',
    ],
  ] as const)
    it(`${name} is said as it is, never as every organisation ticked`, async () => {
      const consent = { ...consentOf([]), ...top } as unknown as Consent;
      const model: SharingViewModel = {
        patientId: 'pat-000001',
        consentId: 'consent-1',
        choices: sharingChoicesFrom(consent, ORGANISATIONS),
      };
      const element = await fixture<CareSharing>(html`<care-sharing .model=${model}></care-sharing>`);
      expect($$(element, 'input[type="checkbox"]')).to.have.length(0);
      expect(text($(element, '[part~="declined"]'))).to.include(words);
      expect(text($(element, '[part~="declined"]'))).to.include('GP practice');
      await expect(element).shadowDom.to.be.accessible();
    });
});
