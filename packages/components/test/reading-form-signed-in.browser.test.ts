/**
 * What someone shared on the reading form is theirs: listed, and sent, only
 * while they are signed in for that resident on that hub. Another carer
 * signed in on the same page (a care home's shared tablet), the resident
 * herself, the same carer on another hub, or a sign-in that does not say who
 * it is sees none of it, and none of it is sent as them; the first person
 * signed in again has it listed again. Closing the page asks first while
 * anything is still waiting, whether or not a form is on the page to list it.
 * Every outbox a form set aside is kept, so a resident's waiting entries are
 * listed again when she is back in context, however many came between.
 */
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import { HubError, type HubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareReadingForm, CareRecordProvider, ShareDetail } from '../src/index.js';
import { $, $$, settled, text, until } from './support/dom.js';
import { createFakeHub, type FakeHub } from './support/fake-hub.js';

const R = 'pat-000001';
const HUB = 'https://hub.example.test/fhir/';
const OTHER_HUB = 'https://other-hub.example.test/fhir/';
/** Retried quickly and for as long as a test lasts: an entry stays "Waiting to send…" while the hub is unreachable. */
const OPTIONS = { baseDelayMs: 20, maxDelayMs: 40, maxAttempts: 100_000 };

/** Whether the hubs can be reached: not during a test (entries wait), and again after it (they drain). */
let online = false;

/** One sign-in: who its token source says it is (or nothing), on which hub, and the provider's audience for it. */
interface SignIn {
  name: string;
  fhirUser: string | undefined;
  audience: 'carer' | 'resident';
  client: HubClient;
}

interface Stage {
  root: HTMLElement;
  /** The provider the form starts in. */
  provider: CareRecordProvider;
  /** A second provider for the same resident, empty until a case signs someone in to it. */
  providerB: CareRecordProvider;
  form: CareReadingForm;
  /** A sign-in on `hub` (default the first hub) by `fhirUser`, or one that does not say who it is. */
  signIn(name: string, fhirUser: string | undefined, audience: 'carer' | 'resident', hub?: string): SignIn;
  /** Every POST made, by which sign-in, of which entry. */
  posts: { by: string; key: string }[];
  /** Shares a weight through `form`; returns its key. */
  share(form: CareReadingForm, kilograms: string): Promise<string>;
}

async function stage(first: (s: Pick<Stage, 'signIn'>) => SignIn): Promise<Stage & { first: SignIn }> {
  const hub: FakeHub = createFakeHub();
  const posts: Stage['posts'] = [];
  const signIn: Stage['signIn'] = (name, fhirUser, audience, base = HUB) => {
    const post = (path: string, init: { idempotencyKey: string }) => {
      posts.push({ by: name, key: init.idempotencyKey });
      if (online) return Promise.resolve({ resourceType: path.slice(1), id: init.idempotencyKey });
      return Promise.reject(new HubError({ kind: 'network', operation: `POST ${path}`, requestId: 'req-1' }));
    };
    // The same stand-in hub behind each sign-in: only who it says it is, and the hub's address, differ.
    const client = { ...hub.client, baseUrl: base, fhirUser, post } as unknown as HubClient;
    return { name, fhirUser, audience, client };
  };
  const signedIn = first({ signIn });
  const root = await fixture<HTMLElement>(
    html`<div>
      <care-record-provider class="a" .client=${signedIn.client} patient=${R} audience=${signedIn.audience}>
        <care-reading-form .queueOptions=${OPTIONS}></care-reading-form>
      </care-record-provider>
      <care-record-provider class="b" patient=${R}></care-record-provider>
    </div>`,
  );
  const form = root.querySelector<CareReadingForm>('care-reading-form')!;
  await until(() => $(form, '[part~="submit-button"]') !== null, 5000, 'the form');
  return {
    root,
    provider: root.querySelector<CareRecordProvider>('.a')!,
    providerB: root.querySelector<CareRecordProvider>('.b')!,
    form,
    signIn,
    posts,
    first: signedIn,
    async share(on, kilograms) {
      let key = '';
      const heard = (event: Event) => (key = (event as CustomEvent<ShareDetail>).detail.key);
      on.addEventListener('care-share', heard, { once: true });
      $(on, '#kind-weight')!.click();
      await settled(on);
      ($(on, '#kilograms') as HTMLInputElement).value = kilograms;
      $(on, '[part~="submit-button"]')!.click();
      await settled(on);
      expect(key, `shared ${kilograms}kg`).not.to.equal('');
      return key;
    },
  };
}

/** The keys of the entries a form lists, newest first. */
const listed = (form: CareReadingForm) => $$(form, '[part~="entry"]').map((entry) => entry.dataset['key'] ?? '');

/** Whether leaving the page now asks first. */
function leavingAsks(): boolean {
  const leaving = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(leaving);
  return leaving.defaultPrevented;
}

/** Lets the queues retry for a while (each retries every 20–40 ms while the hub is unreachable). */
const retriesFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signInTo(provider: CareRecordProvider, who: SignIn | undefined): Promise<void> {
  provider.client = who?.client;
  if (who) provider.audience = who.audience;
  await provider.updateComplete;
}

beforeEach(() => {
  online = false;
});

// Every test leaves entries waiting: the hub is reached again, they are saved, and then leaving no longer asks.
afterEach(async () => {
  online = true;
  await until(() => !leavingAsks(), 5000, 'every entry to be saved, and leaving not to ask');
});

describe('the reported cases', () => {
  it("carer X signs out and carer Y signs in: Y sees none of X's entries, none is sent as Y, X gets them back", async () => {
    const s = await stage(({ signIn }) => signIn('X', 'RelatedPerson/rp-x', 'carer'));
    const mine = await s.share(s.form, '72.5');
    expect(listed(s.form)).to.deep.equal([mine]);
    await signInTo(s.provider, undefined);
    const y = s.signIn('Y', 'RelatedPerson/rp-y', 'carer');
    await signInTo(s.provider, y);
    await settled(s.form);
    expect(listed(s.form), "X's entry listed to Y").to.deep.equal([]);
    expect(text(s.form.shadowRoot), "X's entry named to Y").not.to.contain('72.5kg');
    await retriesFor(200);
    expect(
      s.posts.filter((post) => post.by === 'Y' && post.key === mine),
      "X's entry sent as Y",
    ).to.deep.equal([]);
    // X signs in again (a new sign-in, the same person): her entry is listed, and sent with her new sign-in.
    await signInTo(s.provider, s.signIn('X again', 'RelatedPerson/rp-x', 'carer'));
    await settled(s.form);
    expect(listed(s.form)).to.deep.equal([mine]);
    await until(() => s.posts.some((post) => post.by === 'X again' && post.key === mine), 3000, 'sent with her new sign-in');
  });

  it('a form taken off the page while an entry waits: leaving the page still asks first', async () => {
    const s = await stage(({ signIn }) => signIn('R', `Patient/${R}`, 'resident'));
    await s.share(s.form, '72.5');
    s.form.remove();
    await settled(s.form);
    expect(leavingAsks()).to.equal(true);
  });

  it("resident A, then B, then A again: A's waiting entry is listed again", async () => {
    const s = await stage(({ signIn }) => signIn('X', 'RelatedPerson/rp-x', 'carer'));
    const ofA = await s.share(s.form, '72.5');
    s.provider.patient = 'pat-000002';
    await s.provider.updateComplete;
    await settled(s.form);
    expect(listed(s.form)).to.deep.equal([]);
    s.provider.patient = R;
    await s.provider.updateComplete;
    await settled(s.form);
    expect(listed(s.form)).to.deep.equal([ofA]);
  });
});

/** Who signs in after the first person, and whether it is the same person. */
const CHANGES: Record<string, { first: (s: Pick<Stage, 'signIn'>) => SignIn; next: (s: Pick<Stage, 'signIn'>) => SignIn; same: boolean }> =
  {
    'another carer': {
      first: (s) => s.signIn('X', 'RelatedPerson/rp-x', 'carer'),
      next: (s) => s.signIn('Y', 'RelatedPerson/rp-y', 'carer'),
      same: false,
    },
    'the resident herself': {
      first: (s) => s.signIn('X', 'RelatedPerson/rp-x', 'carer'),
      next: (s) => s.signIn('Y', `Patient/${R}`, 'resident'),
      same: false,
    },
    'the same carer on another hub': {
      first: (s) => s.signIn('X', 'RelatedPerson/rp-x', 'carer'),
      next: (s) => s.signIn('Y', 'RelatedPerson/rp-x', 'carer', OTHER_HUB),
      same: false,
    },
    'another sign-in that does not say who it is': {
      first: (s) => s.signIn('X', undefined, 'carer'),
      next: (s) => s.signIn('Y', undefined, 'carer'),
      same: false,
    },
    'the same carer, signed out and in again': {
      first: (s) => s.signIn('X', 'RelatedPerson/rp-x', 'carer'),
      next: (s) => s.signIn('Y', 'RelatedPerson/rp-x', 'carer'),
      same: true,
    },
  };

/**
 * Where the form is while the next person signs in; each resolves to the form then on the page for them. `back`
 * signs the first person in again there (absent where the form she used is gone).
 */
const PLACES: Record<
  string,
  { change: (s: Stage, next: SignIn) => Promise<CareReadingForm>; back?: (s: Stage, first: SignIn) => Promise<void> }
> = {
  'in place': {
    change: async (s, next) => {
      await signInTo(s.provider, next);
      return s.form;
    },
    back: (s, first) => signInTo(s.provider, first),
  },
  'moved into a provider signed in as them': {
    change: async (s, next) => {
      await signInTo(s.providerB, next);
      s.providerB.append(s.form);
      return s.form;
    },
    back: async (s) => void s.provider.append(s.form),
  },
  'taken off, and a new form put in': {
    change: async (s, next) => {
      s.form.remove();
      await signInTo(s.provider, next);
      const fresh = document.createElement('care-reading-form');
      fresh.queueOptions = OPTIONS;
      s.provider.append(fresh);
      await until(() => $(fresh, '[part~="submit-button"]') !== null, 5000, 'the new form');
      return fresh;
    },
  },
  'taken off, and put back': {
    change: async (s, next) => {
      s.form.remove();
      await signInTo(s.provider, next);
      s.provider.append(s.form);
      return s.form;
    },
    back: async (s, first) => {
      s.form.remove();
      await signInTo(s.provider, first);
      s.provider.append(s.form);
    },
  },
};

describe('the class: whoever signs in next, wherever the form is', () => {
  for (const [change, who] of Object.entries(CHANGES))
    for (const [place, where] of Object.entries(PLACES))
      it(`${change}, the form ${place}`, async () => {
        const s = await stage(who.first);
        const first = [await s.share(s.form, '72.5'), await s.share(s.form, '73')];
        const next = who.next(s);
        const form = await where.change(s, next);
        const ofFirst = (keys: string[]) => keys.filter((key) => first.includes(key));
        const now = listed(form);
        await settled(form);
        await retriesFor(150);
        if (who.same && form === s.form) {
          expect(now, 'listed at once').to.deep.equal([...first].reverse());
          expect(listed(form), 'listed once settled').to.deep.equal([...first].reverse());
          await until(() => s.posts.some((post) => post.by === next.name && first.includes(post.key)), 3000, 'sent with the new sign-in');
        } else if (!who.same) {
          expect(ofFirst(now), 'listed to the next person at once').to.deep.equal([]);
          expect(ofFirst(listed(form)), 'listed to the next person once settled').to.deep.equal([]);
          expect(text(form.shadowRoot), 'named to the next person').not.to.match(/72\.5kg|73kg/);
          expect(
            s.posts.filter((post) => post.by === next.name && first.includes(post.key)),
            'sent as the next person',
          ).to.deep.equal([]);
        }
        // Still waiting, listed or not, on the page or not: closing the page would lose them.
        expect(leavingAsks(), 'leaving asks first').to.equal(true);
        if (who.same || !where.back) return;
        // The next person shares too; then the first is signed in there again, and has her own back, and only hers.
        const theirs = await s.share(form, '80');
        // Signed in again: a new sign-in of the same person; one that does not say who it is can only be the same one.
        const again = s.first.fhirUser ? s.signIn('X again', s.first.fhirUser, s.first.audience) : s.first;
        await where.back(s, again);
        await settled(s.form);
        expect(listed(s.form), 'the first person back').to.deep.equal([...first].reverse());
        expect(listed(s.form)).not.to.include(theirs);
      });
});

describe('the class: every outbox set aside is kept for its person and resident', () => {
  const RESIDENTS = ['pat-000001', 'pat-000002', 'pat-000003'];
  const CARERS = ['RelatedPerson/rp-x', 'RelatedPerson/rp-y'];
  type Step = { kind: 'share' } | { kind: 'open'; resident: number; carer: number };
  const step = fc.oneof(
    fc.constant<Step>({ kind: 'share' }),
    fc.record({ kind: fc.constant('open' as const), resident: fc.nat(RESIDENTS.length - 1), carer: fc.nat(CARERS.length - 1) }),
  );

  it('after any walk between residents and carers, the form lists exactly what was shared by who is in context, for her', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 7 }), async (steps) => {
        online = false;
        const s = await stage(({ signIn }) => signIn('rp-x', CARERS[0], 'carer'));
        // Each carer's sign-ins: the same person, a new sign-in each time she comes back.
        let signIns = 0;
        const shared = new Map<string, string[]>();
        let at = `${CARERS[0]} ${RESIDENTS[0]}`;
        let weight = 60;
        for (const next of steps) {
          if (next.kind === 'share') {
            const key = await s.share(s.form, String(weight++));
            shared.set(at, [...(shared.get(at) ?? []), key]);
          } else {
            const carer = CARERS[next.carer]!;
            s.provider.patient = RESIDENTS[next.resident]!;
            await signInTo(s.provider, s.signIn(`sign-in ${++signIns}`, carer, 'carer'));
            at = `${carer} ${RESIDENTS[next.resident]!}`;
          }
          await settled(s.form);
          expect(listed(s.form), `${steps.map((each) => JSON.stringify(each)).join(' ')}: at ${at}`).to.deep.equal(
            [...(shared.get(at) ?? [])].reverse(),
          );
        }
        online = true;
        await until(() => !leavingAsks(), 5000, 'every entry to be saved');
        s.root.remove();
      }),
      { seed: 1207, numRuns: 25 },
    );
  });

  it('a resident is listed again after every other resident in the borough came between', async function () {
    this.timeout(30_000);
    const s = await stage(({ signIn }) => signIn('X', 'RelatedPerson/rp-x', 'carer'));
    const ofR = await s.share(s.form, '72.5');
    for (let index = 2; index <= 10; index++) {
      s.provider.patient = `pat-${String(index).padStart(6, '0')}`;
      await s.provider.updateComplete;
      await s.share(s.form, String(60 + index));
    }
    s.provider.patient = R;
    await s.provider.updateComplete;
    await settled(s.form);
    expect(listed(s.form)).to.deep.equal([ofR]);
  });
});
