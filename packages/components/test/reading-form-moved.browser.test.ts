/**
 * What the resident shared and is still sending, or could not send, stays
 * listed when her reading form is moved within her provider: re-parented,
 * taken off the page and put back, or the provider re-rendered with her again.
 * The list is then what her outbox holds, entry for entry, at once, so nothing
 * seems lost and is entered twice. Under another resident's record, or none,
 * nothing of hers is listed (see record-lost.browser.test.ts).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { HubError, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareReadingForm, CareRecordProvider, ShareDetail } from '../src/index.js';
import { $, $$, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';

const A = 'pat-000001';
const B = 'pat-000003';

/** What the hub does with the next entry posted: keeps it waiting for an answer, or refuses it. */
type Answer = 'hold' | 'refuse';

interface Stage {
  root: HTMLElement;
  provider: CareRecordProvider;
  /** A part of A's page inside her provider. */
  inner: HTMLElement;
  providerB: CareRecordProvider;
  plain: HTMLElement;
  form: CareReadingForm;
  /** What the outbox holds for A, as the hub and the shares tell it: each key, oldest first, and the status it must show. */
  outbox: () => { key: string; status: string }[];
  /** What each entry shared says of itself (`Weight 72.5kg`), as the list and the announcements name it. */
  summaries: string[];
  /** Shares a weight through the form; the hub answers it as told. */
  share: (kilograms: string, answer: Answer) => Promise<void>;
}

async function stage(): Promise<Stage> {
  const hub = createFakeHub();
  const shared: string[] = [];
  const answers: Answer[] = [];
  const posted = new Map<string, Answer>();
  const summaries: string[] = [];
  // A request the hub never answers stays in flight (the entry "Waiting to send…"); a 422 makes it "Not sent".
  const post = (path: string, init: { idempotencyKey: string }) => {
    const answer = answers.shift() ?? 'hold';
    posted.set(init.idempotencyKey, answer);
    if (answer === 'hold') return new Promise<never>(() => undefined);
    return Promise.reject(new HubError({ kind: 'http', operation: `POST ${path}`, requestId: 'req-1', status: 422 }));
  };
  const client = Object.assign(hub.client, { post }) as HubClient;
  const root = await fixture<HTMLElement>(
    html`<div>
      <care-record-provider class="a" .client=${client} patient=${A} audience="resident">
        <div class="inner"></div>
        <care-reading-form .queueOptions=${{ concurrency: 1, maxAttempts: 1 }}></care-reading-form>
      </care-record-provider>
      <care-record-provider class="b" .client=${client} patient=${B} audience="resident"></care-record-provider>
      <div class="plain"></div>
    </div>`,
  );
  const provider = root.querySelector<CareRecordProvider>('.a')!;
  const form = root.querySelector<CareReadingForm>('care-reading-form')!;
  form.addEventListener('care-share', (event) => shared.push((event as CustomEvent<ShareDetail>).detail.key));
  await until(() => $(form, '[part~="submit-button"]') !== null, 5000, 'the form for A');
  return {
    root,
    provider,
    inner: root.querySelector<HTMLElement>('.inner')!,
    providerB: root.querySelector<CareRecordProvider>('.b')!,
    plain: root.querySelector<HTMLElement>('.plain')!,
    form,
    summaries,
    outbox: () => shared.map((key) => ({ key, status: posted.get(key) === 'refuse' ? 'Not sent' : 'Waiting to send…' })),
    async share(kilograms, answer) {
      answers.push(answer);
      summaries.push(`Weight ${kilograms}kg`);
      $(form, '#kind-weight')!.click();
      await settled(form);
      ($(form, '#kilograms') as HTMLInputElement).value = kilograms;
      $(form, '[part~="submit-button"]')!.click();
      await settled(form);
    },
  };
}

/** The entries the form lists, newest first, as the resident reads their status. */
const listed = (form: CareReadingForm) =>
  $$(form, '[part~="entry"]').map((entry) => ({ key: entry.dataset['key'] ?? '', status: text(entry.querySelector('[part~="status"]')) }));

/** What the form must list: the outbox's entries, newest first. */
const expected = (s: Stage) => [...s.outbox()].reverse();

/** Entries in each state the outbox can hold them in while the resident may still think them lost. */
const ENTRIES: Record<string, (s: Stage) => Promise<void>> = {
  'one being sent': (s) => s.share('72.5', 'hold'),
  'one queued behind one being sent': async (s) => {
    await s.share('72.5', 'hold');
    await s.share('73', 'hold');
  },
  'one not sent': async (s) => {
    await s.share('72.5', 'refuse');
    await until(() => listed(s.form).some((entry) => entry.status === 'Not sent'), 5000, 'the entry to fail');
  },
};

/** Ways of moving the form within A's provider, under the same sign-in; each resolves once the move is complete. */
const MOVES: Record<string, (s: Stage) => Promise<void> | void> = {
  're-parented inside the provider': (s) => void s.inner.append(s.form),
  'taken off the page and put back in the same task': (s) => {
    s.form.remove();
    s.provider.append(s.form);
  },
  'taken off the page, put back later': async (s) => {
    s.form.remove();
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.provider.append(s.form);
  },
  'its provider taken off and put back, with it inside': async (s) => {
    s.provider.remove();
    s.root.prepend(s.provider);
    await s.provider.updateComplete;
  },
  "its provider re-rendered with A's patient cleared, then given again": async (s) => {
    s.provider.patient = undefined;
    await s.provider.updateComplete;
    s.provider.patient = A;
    await s.provider.updateComplete;
  },
  "its provider re-rendered with A's patient as it was": async (s) => {
    s.provider.patient = A;
    s.provider.requestUpdate();
    await s.provider.updateComplete;
  },
};

/** Ways of taking the form away from A's record, where nothing of hers may be listed. */
const AWAY: Record<string, (s: Stage) => void> = {
  "moved into B's provider": (s) => void s.providerB.append(s.form),
  'moved out of any provider': (s) => void s.plain.append(s.form),
};

describe('the reading form moved within its provider', () => {
  it('still lists an entry waiting to send after it is moved into another part of the same page', async () => {
    const s = await stage();
    await s.share('72.5', 'hold');
    expect(listed(s.form).map((entry) => entry.status)).to.deep.equal(['Waiting to send…']);
    s.inner.append(s.form);
    expect(listed(s.form)).to.deep.equal(expected(s));
    expect(text($(s.form, '[part~="shared"]'))).to.contain('Weight 72.5kg');
  });

  for (const [entries, make] of Object.entries(ENTRIES))
    for (const [move, moveIt] of Object.entries(MOVES))
      it(`with ${entries}, ${move}: lists just what the outbox holds, at once and once settled`, async () => {
        const s = await stage();
        await make(s);
        expect(s.outbox().length, 'entries shared').to.be.greaterThan(0);
        expect(listed(s.form), 'before the move').to.deep.equal(expected(s));
        const moving = moveIt(s);
        if (moving) await moving;
        expect(listed(s.form), 'at once').to.deep.equal(expected(s));
        await new Promise((resolve) => setTimeout(resolve, 50));
        await settled(s.form);
        expect(listed(s.form), 'settled').to.deep.equal(expected(s));
        // Still the one outbox: a new entry joins the ones listed, and is not sent as though they had gone.
        await s.share('74', 'hold');
        expect(listed(s.form), 'after another share').to.deep.equal(expected(s));
      });

  for (const [entries, make] of Object.entries(ENTRIES))
    for (const [away, takeAway] of Object.entries(AWAY))
      it(`with ${entries}, ${away}: lists none of A's entries, at once and once settled`, async () => {
        const s = await stage();
        await make(s);
        const ofA = new Set(s.outbox().map((entry) => entry.key));
        takeAway(s);
        expect(
          listed(s.form).filter((entry) => ofA.has(entry.key)),
          'at once',
        ).to.deep.equal([]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        await settled(s.form);
        expect(
          listed(s.form).filter((entry) => ofA.has(entry.key)),
          'settled',
        ).to.deep.equal([]);
        // Nor in what is heard: the announcements name her entries too.
        const words = text(s.form.shadowRoot);
        expect(s.summaries.filter((summary) => words.includes(summary))).to.deep.equal([]);
      });

  for (const [away, takeAway] of Object.entries(AWAY))
    it(`with one being sent, ${away}: leaving the page still asks first`, async () => {
      const s = await stage();
      await s.share('72.5', 'hold');
      takeAway(s);
      await settled(s.form);
      // Her entry is still sending, unlisted here: closing the page would lose it.
      const leaving = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(leaving);
      expect(leaving.defaultPrevented).to.equal(true);
    });
});
