/**
 * A record the hub refuses as a whole: the sign-in has ended (401), or this
 * user has no care relationship with the resident, or the resident declined
 * sharing (403). One calm message for the record instead of an error in every
 * element, no "Try again" that cannot work, one event per cause for the host,
 * and emergency (break-glass) access where the hub allows it.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { HubError, type HubClient, type OperationOutcome } from '@care-record/sdk';
import '../src/define.js';
import type { CareAccessDeniedDetail, CareRecordProvider } from '../src/index.js';
import { checkBreakGlassReason } from '../src/index.js';
import { $, $$, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';

/** The issue with which the hub says that this user may open the record by giving a reason. */
const BREAK_GLASS_AVAILABLE = {
  severity: 'information',
  code: 'informational',
  details: { coding: [{ system: HUB_ERROR_SYSTEM, code: 'BREAK_GLASS_AVAILABLE' }], text: 'Emergency access is open' },
};

function refusal(status: 401 | 403, code?: string, { breakGlass = false } = {}): HubError {
  const outcome: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: status === 401 ? 'login' : 'forbidden',
        ...(code ? { details: { coding: [{ system: HUB_ERROR_SYSTEM, code }], text: 'Refused' } } : {}),
      },
      ...(breakGlass ? [BREAK_GLASS_AVAILABLE] : []),
    ],
  } as OperationOutcome;
  return refusalOf(status, outcome);
}

const refusalOf = (status: number, outcome: OperationOutcome) =>
  new HubError({ kind: 'http', operation: 'POST /', requestId: `req-${status}`, status, outcome });

/**
 * The fake hub behind a gate: every request is refused with `error` unless it
 * carries a break-glass reason, and every request's headers are kept.
 */
function gatedHub(error: HubError) {
  const fake = createFakeHub();
  const headers: Record<string, string>[] = [];
  const open = (init: { headers?: Record<string, string> } | undefined) => {
    headers.push({ ...init?.headers });
    return init?.headers?.['x-break-glass-reason'] !== undefined;
  };
  const inner = fake.client as unknown as Record<string, (...args: unknown[]) => unknown>;
  const client = {
    baseUrl: fake.client.baseUrl,
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
  };
  return { client: client as unknown as HubClient, headers };
}

async function record(client: HubClient, patient = 'pat-000001') {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient=${patient}>
      <care-patient-banner></care-patient-banner>
      <care-record-summary></care-record-summary>
      <care-medication-list></care-medication-list>
      <care-timeline></care-timeline>
    </care-record-provider>`,
  );
  return provider;
}

const elementsOf = (provider: CareRecordProvider) =>
  (['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'] as const).map((tag) =>
    provider.querySelector(tag)!,
  );
const message = (provider: CareRecordProvider) => $(provider, '[part~="record-message"]');

describe('a record refused as a whole', () => {
  it('after the hub restarts (401): one calm message, nothing in the elements, no Try again, one event', async () => {
    const gate = gatedHub(refusal(401));
    let told = 0;
    const listener = () => told++;
    document.addEventListener('care-auth-required', listener);
    try {
      const provider = await record(gate.client);
      await until(() => message(provider) !== null, 3000, 'the message');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await settled(...elementsOf(provider));
      expect(text(message(provider))).to.equal('Your sign-in has ended Sign in again to see this record. Request ID req-401');
      for (const element of elementsOf(provider)) {
        expect($$(element, '[part~="error"]'), element.localName).to.have.length(0);
        expect(text(element), element.localName).to.equal('');
      }
      expect($$(provider, '[part~="retry-button"]')).to.have.length(0);
      expect(text(message(provider))).to.not.contain('Try again');
      expect(told).to.equal(1);
      await expect(provider).to.be.accessible();
    } finally {
      document.removeEventListener('care-auth-required', listener);
    }
  });

  it('a new client (signed in again) opens the record', async () => {
    const gate = gatedHub(refusal(401));
    const provider = await record(gate.client);
    await until(() => message(provider) !== null, 3000, 'the message');
    provider.client = createFakeHub().client;
    await until(() => text(provider.querySelector('care-patient-banner')).includes('NHS No.'), 3000, 'the banner');
    expect(message(provider)).to.equal(null);
  });

  for (const reason of ['NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED'] as const) {
    it(`${reason}, emergency access open: says why, tells the host once with the reason, and offers emergency access`, async () => {
      const gate = gatedHub(refusal(403, reason, { breakGlass: true }));
      const events: CareAccessDeniedDetail[] = [];
      const listener = (event: Event) => events.push((event as CustomEvent<CareAccessDeniedDetail>).detail);
      document.addEventListener('care-access-denied', listener);
      try {
        const provider = await record(gate.client);
        await until(() => message(provider) !== null, 3000, 'the message');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(events).to.deep.equal([{ reason, breakGlassAllowed: true, requestId: 'req-403' }]);
        expect(text(message(provider))).to.contain(
          reason === 'SHARING_DECLINED'
            ? 'This person has chosen not to share their record with your organisation.'
            : 'There is no care relationship between your organisation and this person.',
        );
        expect(text(message(provider))).to.not.contain('Try again');
        expect($(provider, '[part~="break-glass-form"]')).to.not.equal(null);
        for (const element of elementsOf(provider)) expect($$(element, '[part~="error"]')).to.have.length(0);
        await expect(provider).to.be.accessible();
      } finally {
        document.removeEventListener('care-access-denied', listener);
      }
    });
  }

  it('ACCESS_DENIED: one message, no emergency access offered', async () => {
    const provider = await record(gatedHub(refusal(403, 'ACCESS_DENIED')).client);
    await until(() => message(provider) !== null, 3000, 'the message');
    expect(text(message(provider))).to.contain('You do not have access to this record.');
    expect($(provider, '[part~="break-glass-form"]')).to.equal(null);
  });

  it('a 403 without a record-wide code stays the element’s own, without Try again', async () => {
    const provider = await record(gatedHub(refusal(403)).client);
    const banner = provider.querySelector('care-patient-banner')!;
    await until(() => $(banner, '[part~="error"]') !== null, 3000, 'the banner’s error');
    expect(message(provider)).to.equal(null);
    expect($(banner, '[part~="retry-button"]')).to.equal(null);
  });

  it('emergency access: the reason is checked as the hub checks it, sent with every request, and shown until ended', async () => {
    const gate = gatedHub(refusal(403, 'NO_LEGITIMATE_RELATIONSHIP', { breakGlass: true }));
    const provider = await record(gate.client);
    await until(() => message(provider) !== null, 3000, 'the message');
    const input = () => $(provider, '#break-glass-reason') as HTMLInputElement;
    const submit = () => ($(provider, '[part~="break-glass-form"] button[type="submit"]') as HTMLButtonElement).click();

    for (const [typed, problem] of [
      ['   short   ', 'at least 10 characters'],
      ['Unconscious in A&E — no history', 'letters A to Z'],
      ['Patient née Smith in resus', 'letters A to Z'],
    ] as const) {
      input().value = typed;
      submit();
      await settled(provider);
      expect(text($(provider, '#break-glass-error'))).to.contain(problem);
      expect(input().getAttribute('aria-invalid')).to.equal('true');
      // Compared as a flag: a failure naming an element cannot be sent back from the browser, and the run would hang.
      expect(provider.shadowRoot!.activeElement === input(), 'focus on the input').to.equal(true);
    }
    await expect(provider).to.be.accessible();

    input().value = '  Unconscious in A&E, no history available  ';
    const started = oneEvent(provider, 'care-break-glass');
    gate.headers.length = 0;
    submit();
    expect((await started).detail).to.deep.equal({ active: true });
    await until(() => text(provider.querySelector('care-patient-banner')).includes('NHS No.'), 3000, 'the banner');
    await until(() => text(provider.querySelector('care-medication-list')).length > 0, 3000, 'the medicines');
    const banner = $(provider, '[part~="break-glass-banner"]');
    expect(text(banner)).to.contain('Emergency access');
    expect(text(banner)).to.contain('Reason given Unconscious in A&E, no history available');
    expect(message(provider)).to.equal(null);
    const sent = gate.headers;
    expect(sent.length).to.be.greaterThan(2);
    for (const headers of sent) expect(headers['x-break-glass-reason']).to.equal('Unconscious in A&E, no history available');
    await expect(provider).to.be.accessible();

    const ended = oneEvent(provider, 'care-break-glass');
    ($(provider, '[part~="end-break-glass"]') as HTMLButtonElement).click();
    expect((await ended).detail).to.deep.equal({ active: false });
    await until(() => message(provider) !== null, 3000, 'the message again');
    expect($(provider, '[part~="break-glass-banner"]')).to.equal(null);
    expect(text(provider.querySelector('care-patient-banner'))).to.equal('');
  });

  it('emergency access ends when the patient changes', async () => {
    const gate = gatedHub(refusal(403, 'SHARING_DECLINED', { breakGlass: true }));
    const provider = await record(gate.client);
    await until(() => message(provider) !== null, 3000, 'the message');
    ($(provider, '#break-glass-reason') as HTMLInputElement).value = 'Collapsed at day centre, needs history';
    ($(provider, '[part~="break-glass-form"] button[type="submit"]') as HTMLButtonElement).click();
    await until(() => $(provider, '[part~="break-glass-banner"]') !== null, 3000, 'the banner');
    provider.patient = 'pat-000002';
    await until(() => message(provider) !== null, 3000, 'the message for the next patient');
    expect($(provider, '[part~="break-glass-banner"]')).to.equal(null);
  });
});

/** The contract's examples of a 403, as the hub sends them (the hub's tests hold its refusals to these shapes). */
async function contractRefusals(): Promise<{ file: string; outcome: OperationOutcome }[]> {
  const responses = await (await fetch('/openapi/components/responses/errors.yaml')).text();
  const forbidden = /\nForbidden:\n([\s\S]*?)\n[A-Za-z]/.exec(responses)?.[1] ?? '';
  const files = [...forbidden.matchAll(/examples\/([a-z-]+\.json)/g)].map((match) => match[1]!);
  return Promise.all(
    files.map(async (file) => ({
      file,
      outcome: ((await (await fetch(`/openapi/examples/${file}`)).json()) as { value: OperationOutcome }).value,
    })),
  );
}

const offersEmergencyAccess = (outcome: OperationOutcome) =>
  outcome.issue.some((issue) => issue.details?.coding?.some((coding) => coding.code === 'BREAK_GLASS_AVAILABLE'));

/** What the provider showed and told the host for one refusal. */
async function shownFor(error: HubError, audience = 'clinician') {
  const events: CareAccessDeniedDetail[] = [];
  const listener = (event: Event) => events.push((event as CustomEvent<CareAccessDeniedDetail>).detail);
  document.addEventListener('care-access-denied', listener);
  try {
    const provider = await fixture<CareRecordProvider>(
      html`<care-record-provider .client=${gatedHub(error).client} patient="pat-000001" audience=${audience}>
        <care-patient-banner></care-patient-banner>
      </care-record-provider>`,
    );
    await until(() => message(provider) !== null, 3000, 'the message');
    await settled(provider);
    return { provider, form: $(provider, '[part~="break-glass-form"]') !== null, events };
  } finally {
    document.removeEventListener('care-access-denied', listener);
  }
}

describe('the reported case: a receptionist refused a resident they have no relationship with', () => {
  it('is not offered emergency access, which the hub would refuse them; a GP refused the same way is', async () => {
    const refusals = await contractRefusals();
    const receptionist = refusals.find(({ file }) => file === 'error-no-legitimate-relationship-no-break-glass.json');
    const gp = refusals.find(({ file }) => file === 'error-no-legitimate-relationship.json');
    expect(receptionist, 'the contract’s refusal of a user who cannot use break-glass').to.not.equal(undefined);
    expect(gp, 'the contract’s refusal of a clinician').to.not.equal(undefined);

    const refused = await shownFor(refusalOf(403, receptionist!.outcome));
    expect(text(message(refused.provider))).to.contain('There is no care relationship between your organisation and this person.');
    expect(refused.form).to.equal(false);
    expect(refused.events.map((event) => [event.reason, event.breakGlassAllowed])).to.deep.equal([['NO_LEGITIMATE_RELATIONSHIP', false]]);
    await expect(refused.provider).to.be.accessible();

    const clinician = await shownFor(refusalOf(403, gp!.outcome));
    expect(clinician.form).to.equal(true);
    expect(clinician.events.map((event) => [event.reason, event.breakGlassAllowed])).to.deep.equal([['NO_LEGITIMATE_RELATIONSHIP', true]]);
  });
});

describe('the class: emergency access is offered exactly when the hub’s refusal says it is open', () => {
  it('every 403 the contract shows', async () => {
    const refusals = await contractRefusals();
    expect(refusals.length).to.be.greaterThan(3);
    expect(refusals.filter(({ outcome }) => offersEmergencyAccess(outcome))).to.have.length.greaterThan(0);
    for (const { file, outcome } of refusals) {
      const shown = await shownFor(refusalOf(403, outcome));
      expect(shown.form, file).to.equal(offersEmergencyAccess(outcome));
      expect(
        shown.events.map((event) => event.breakGlassAllowed),
        file,
      ).to.deep.equal([offersEmergencyAccess(outcome)]);
    }
  });

  it('every record-wide refusal code, with and without the hub’s offer, for every audience', async () => {
    for (const code of ['NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED', 'ACCESS_DENIED', 'NO_PROXY_ACCESS'])
      for (const breakGlass of [false, true])
        for (const audience of ['clinician', 'resident', 'carer']) {
          const shown = await shownFor(refusal(403, code, { breakGlass }), audience);
          // Only a refusal that a reason overcomes, with the hub's word that this user may give one, to a clinician.
          const offered = breakGlass && ['NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED'].includes(code);
          expect(shown.form, `${code} ${breakGlass ? 'with' : 'without'} the offer, ${audience}`).to.equal(
            offered && audience === 'clinician',
          );
          expect(shown.events.map((event) => [event.reason, event.breakGlassAllowed])).to.deep.equal([[code, offered]]);
        }
  });
});

describe('checkBreakGlassReason', () => {
  const cases: [string, boolean][] = [
    ['', false],
    ['123456789', false],
    ['  123456789  ', false],
    ['1234567890', true],
    [' '.repeat(20) + 'Seizure on ward', true],
    ['x'.repeat(500), true],
    ['x'.repeat(501), false],
    ['Reason with\na line break', false],
    ['Reason with a tab\tin it', false],
    ['Reason with £ sign in it', false],
    ['Emoji reason 🚑 in it', false],
    ['Printable: ~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./', true],
  ];
  for (const [value, ok] of cases) {
    it(`${JSON.stringify(value.slice(0, 40))} is ${ok ? 'accepted' : 'refused'}`, () => {
      const checked = checkBreakGlassReason(value);
      expect(checked.ok).to.equal(ok);
      if (checked.ok) expect(checked.reason).to.equal(value.trim());
    });
  }
});
