/**
 * The resident's access log: each look newest first with the organisation,
 * the role in plain words, when and what was looked at; an emergency look
 * marked in words with its reason and explanation; the empty, withheld,
 * loading, error and "Show more" states, each axe-checked; and markup in the
 * data shown as text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { accessLogViewModel, HubError, type AuditEvent, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareAccessLog, CareRecordProvider } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { factBoxes, inPanel } from './support/side-panel.js';

function look(
  id: string,
  recorded: string,
  options: { org?: string; role?: string; emergency?: string; description?: string } = {},
): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded,
    purposeOfEvent: [
      options.emergency
        ? {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }],
            text: `Emergency access: ${options.emergency}`,
          }
        : { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] },
    ],
    agent: [
      { who: { reference: `PractitionerRole/${id}` }, requestor: true, role: [{ text: options.role ?? 'gp' }] },
      { who: { reference: 'Organization/org-1', display: options.org ?? 'Tufnell Green Surgery' }, requestor: false },
    ],
    source: { observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: 'Patient/pat-000001' }, description: options.description ?? 'Record summary' }],
  };
}

const EVENTS = [
  look('a', '2026-11-02T10:00:00Z'),
  look('b', '2026-11-03T14:30:00Z', { org: 'Whittington Health', role: 'nurse', emergency: 'Unconscious in A&E, no history available' }),
];

const log = (events: AuditEvent[], notices = { withheld: false, unavailableSources: [] as { odsCode: string; name: string }[] }) =>
  fixture<CareAccessLog>(html`<care-access-log .model=${accessLogViewModel(events, notices)}></care-access-log>`);

/** A hub client that answers only the AuditEvent search, page by page, as the test says. */
function auditHub(pages: AuditEvent[][], options: { fail?: (page: number) => Error | undefined; delay?: number } = {}) {
  const requests: string[] = [];
  const client = {
    baseUrl: 'https://hub.test/fhir/',
    async *pages(path: string, init: { query?: Record<string, unknown> }) {
      requests.push(`${path} ${JSON.stringify(init.query)}`);
      for (let index = 0; index < pages.length; index++) {
        await new Promise((resolve) => setTimeout(resolve, options.delay ?? 0));
        const failure = options.fail?.(index);
        if (failure) throw failure;
        yield {
          resourceType: 'Bundle',
          type: 'searchset',
          link: index < pages.length - 1 ? [{ relation: 'next', url: `https://hub.test/fhir/AuditEvent?_cursor=${index + 1}` }] : [],
          entry: pages[index]!.map((resource) => ({ resource, search: { mode: 'match' } })),
        };
      }
    },
  } as unknown as HubClient;
  return { client, requests };
}

async function inProvider(client: HubClient) {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient="pat-000001" audience="resident"
      ><care-access-log></care-access-log
    ></care-record-provider>`,
  );
  return { provider, element: provider.querySelector('care-access-log')! };
}

describe('care-access-log', () => {
  it('stacks each label above its value in a 320 px side panel, with nothing scrolling sideways', async () => {
    const { panel, element } = await inPanel<CareAccessLog>(
      html`<care-access-log .model=${accessLogViewModel(EVENTS, { withheld: false, unavailableSources: [] })}></care-access-log>`,
      'care-access-log',
      320,
    );
    const boxes = factBoxes(element);
    expect(boxes.length).to.be.greaterThan(2);
    for (const box of boxes) {
      expect(Math.abs(box.valueLeft - box.labelLeft), `${box.label}: value under its label`).to.be.below(2);
      expect(box.valueTop, `${box.label}: value below its label`).to.be.at.least(box.labelBottom - 1);
    }
    expect(element.scrollWidth).to.be.at.most(element.clientWidth + 1, 'no sideways scrolling');
    const root = $(element, '.root')!;
    expect(root.scrollWidth).to.be.at.most(root.clientWidth + 1);
    await expect(element).to.be.accessible();

    // Given room, labels and values sit side by side again.
    panel.style.inlineSize = '900px';
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(factBoxes(element).every((box) => box.valueLeft > box.labelLeft + 20)).to.equal(true);
  });

  it('lists each look newest first: organisation, role in plain words, when, what was looked at', async () => {
    const element = await log(EVENTS);
    const entries = $$(element, '[part~="entry"]');
    expect($(element, '[part~="list"]')!.localName).to.equal('ol');
    expect(entries.map((entry) => text(entry.querySelector('h3')))).to.deep.equal(['Whittington Health', 'Tufnell Green Surgery']);
    expect(text(entries[1])).to.include('Who GP (doctor)');
    expect(text(entries[1])).to.include('When 2 November 2026, 10am');
    expect(text(entries[1])).to.include('What they looked at A summary of your record');
    expect(entries[1]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-11-02T10:00:00Z');
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('marks an emergency look in words, with the reason and what it means', async () => {
    const element = await log(EVENTS);
    const emergency = $$(element, '[part~="entry"]')[0]!;
    expect(text(emergency.querySelector('[part~="emergency"]'))).to.equal('Emergency access');
    expect(text(emergency)).to.include('Reason given Unconscious in A&E, no history available');
    expect(text(emergency)).to.include('Someone looked at your record in an emergency without being part of your care team.');
    expect(text($$(element, '[part~="entry"]')[1])).not.to.include('Emergency access');
  });

  it('a look the audit gives no time for is listed last, its time "Not known", with no machine-readable time', async () => {
    const element = await log([look('c', 'not a time'), ...EVENTS]);
    const entries = $$(element, '[part~="entry"]');
    expect(entries.length).to.equal(3);
    expect(text(entries[2])).to.include('When Not known');
    expect(entries[2]!.querySelector('time')).to.equal(null);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('empty: says no one has looked yet', async () => {
    const element = await log([]);
    expect(text($(element, '.empty'))).to.equal('No one has looked at your record yet');
    expect($(element, '[part~="list"]')).to.equal(null);
    await expect(element).shadowDom.to.be.accessible();
  });

  it('withheld: says some information is not shown, never that there is none', async () => {
    const element = await log(EVENTS, { withheld: true, unavailableSources: [] });
    expect(text($(element, '[part~="notice"]'))).to.equal('Some information is not shown');
    await expect(element).shadowDom.to.be.accessible();
  });

  it('empty while the hub held some back: never says no one has looked', async () => {
    const element = await log([], { withheld: true, unavailableSources: [] });
    expect(text(element)).not.to.include('No one has looked');
    expect(text($(element, '.empty'))).to.equal('Nothing we can show you here');
    await expect(element).shadowDom.to.be.accessible();
  });

  it('empty × each notice that some looks are not shown: "no one" only when nothing was held back or left unread', async () => {
    const notices: [string, Parameters<typeof accessLogViewModel>[1]][] = [
      ['nothing held back', { withheld: false, unavailableSources: [] }],
      ['withheld', { withheld: true, unavailableSources: [] }],
      ['a source unavailable', { withheld: false, unavailableSources: [{ odsCode: 'RAL01', name: 'Royal Free' }] }],
      ['not permitted', { withheld: false, unavailableSources: [], notPermittedTypes: ['AuditEvent'] }],
      ['truncated', { withheld: false, unavailableSources: [], truncated: true }],
    ];
    const wrong: string[] = [];
    for (const [name, each] of notices) {
      const element = await fixture<CareAccessLog>(html`<care-access-log .model=${accessLogViewModel([], each)}></care-access-log>`);
      const saysNone = text(element).includes('No one has looked at your record yet');
      if (saysNone !== (name === 'nothing held back')) wrong.push(`${name}: "${text($(element, '.empty'))}"`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('shows markup in the data as text', async () => {
    const element = await log([look('x', '2026-11-02T10:00:00Z', { org: '<img src=x onerror=alert(1)>Evil', emergency: '<b>bold</b>' })]);
    expect($(element, 'img')).to.equal(null);
    expect($(element, 'b')).to.equal(null);
    expect(text($(element, 'h3'))).to.equal('<img src=x onerror=alert(1)>Evil');
    expect(text(element)).to.include('<b>bold</b>');
  });

  it('inside a provider: loads every look, busy while loading, then "Show more" pages in older ones', async () => {
    const { client, requests } = auditHub([[EVENTS[1]!], [EVENTS[0]!]], { delay: 30 });
    const { element } = await inProvider(client);
    expect($(element, '[part~="log"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(element).shadowDom.to.be.accessible();
    await until(() => $$(element, '[part~="entry"]').length === 1, 3000, 'first page');
    // Every look the hub lists, whatever its purpose (a carer's, her own): asked by no one purpose (R15).
    expect(requests[0]).to.not.include('"purpose"');
    expect(requests[0]).to.include('"patient"');
    await expect(element).shadowDom.to.be.accessible();
    const more = $(element, '[part~="more-button"]')!;
    more.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $$(element, '[part~="entry"]').length === 2, 3000, 'second page');
    await settled(element);
    expect($(element, '[part~="more-button"]')).to.equal(null);
    // Compared as a flag: a failure naming an element cannot be sent back from the browser, and the run would hang.
    expect(element.shadowRoot!.activeElement === $$(element, '[part~="entry"]')[1], 'focus on the second entry').to.equal(true);
  });

  it('inside a provider: an error says what failed and offers to try again', async () => {
    let fail = true;
    const { client } = auditHub([[EVENTS[0]!]], {
      fail: () => (fail ? new HubError({ kind: 'http', operation: 'GET /AuditEvent', requestId: 'req-1', status: 503 }) : undefined),
    });
    const { element } = await inProvider(client);
    await until(() => $(element, '[part~="error"]') !== null, 3000, 'error');
    expect(text($(element, '[part~="error"]'))).to.include('We could not load who has looked at your record');
    await expect(element).shadowDom.to.be.accessible();
    fail = false;
    $(element, '[part~="retry-button"]')!.click();
    await until(() => $$(element, '[part~="entry"]').length === 1, 3000, 'after retry');
  });

  it('a failed "Show more" keeps what is shown and says so', async () => {
    let failSecond = true;
    const { client } = auditHub([[EVENTS[1]!], [EVENTS[0]!]], {
      fail: (page) =>
        page === 1 && failSecond ? new HubError({ kind: 'network', operation: 'GET /AuditEvent', requestId: 'r' }) : undefined,
    });
    const { element } = await inProvider(client);
    await until(() => $(element, '[part~="more-button"]') !== null, 3000, 'first page');
    $(element, '[part~="more-button"]')!.click();
    await until(() => $(element, '[role="alert"]') !== null, 3000, 'failure');
    expect($$(element, '[part~="entry"]').length).to.equal(1);
    await expect(element).shadowDom.to.be.accessible();
    failSecond = false;
    $(element, '[part~="more-button"]')!.click();
    await until(() => $$(element, '[part~="entry"]').length === 2, 3000, 'after retry');
  });
});
