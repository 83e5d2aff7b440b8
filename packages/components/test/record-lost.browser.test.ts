/**
 * An element that loses its record never goes on showing it. Taken out of its
 * provider (into a plain part of the page, into another provider or one with
 * no patient, or off the page with or without its provider), or left in a
 * provider whose patient is cleared, it shows at once what an element with no
 * record shows — never the previous resident's details, not even detached
 * where no one can see them, as nothing of theirs may survive in the page.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { CareRecordProvider } from '../src/index.js';
import { settled, stillFor, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { RECORD_ELEMENTS } from './support/record-elements.js';
import { bannerName, resident } from './support/fixtures.js';

const A = 0;
const B = 2;
const patientId = (index: number) => `pat-${String(index + 1).padStart(6, '0')}`;

/** What would name resident A on screen: the banner's name, the name in full, the given name (a carer's "Bridget’s"), the NHS number. */
function marksOf(index: number): string[] {
  const patient = resident(index).patient;
  const official = patient.name?.find((name) => name.use === 'official') ?? patient.name?.[0];
  const given = official?.given?.[0] ?? '';
  const nhsNumber = patient.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value ?? '';
  return [
    bannerName(index, 'clinician'),
    `${given} ${official?.family ?? ''}`.trim(),
    given,
    nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3'),
  ].filter((mark) => mark !== '');
}

type Audience = 'clinician' | 'carer';

interface Stage {
  providerA: CareRecordProvider;
  providerB: CareRecordProvider;
  noPatient: CareRecordProvider;
  plain: HTMLElement;
  elements: Map<string, LitElement>;
}

const shown = (element: Element) => text(element.shadowRoot);
/** The start of what an element shows, for a failure's message. */
const gist = (words: string) => (words.length > 80 ? `${words.slice(0, 80)}…` : words);
const loaded = (element: Element) => shown(element) !== '' && !/Loading/.test(shown(element));

/** Providers for A and B, one with no patient, a plain part of the page, and every record element showing A's record. */
async function stage(audience: Audience, origin: 'template' | 'created detached'): Promise<Stage> {
  const client = createFakeHub().client;
  const root = await fixture<HTMLElement>(
    html`<div>
      <care-record-provider class="a" .client=${client} patient=${patientId(A)} audience=${audience}></care-record-provider>
      <care-record-provider class="b" .client=${client} patient=${patientId(B)} audience=${audience}></care-record-provider>
      <care-record-provider class="none" .client=${client} audience=${audience}></care-record-provider>
      <div class="plain"></div>
    </div>`,
  );
  const providerA = root.querySelector<CareRecordProvider>('.a')!;
  const elements = new Map<string, LitElement>();
  if (origin === 'template') {
    // Parsed into the provider with it, as a host page's markup is.
    providerA.innerHTML = RECORD_ELEMENTS.map((tag) => `<${tag}></${tag}>`).join('');
    for (const tag of RECORD_ELEMENTS) elements.set(tag, providerA.querySelector<LitElement>(tag)!);
  } else {
    // Made by script, left detached for a while, then put in the provider.
    for (const tag of RECORD_ELEMENTS) elements.set(tag, document.createElement(tag) as LitElement);
    await new Promise((resolve) => setTimeout(resolve, 20));
    providerA.append(...elements.values());
  }
  await Promise.all(
    [...elements].map(async ([tag, element]) => {
      await until(() => loaded(element), 5000, `<${tag}> to show A's record`);
      await stillFor(element, () => shown(element));
    }),
  );
  return {
    providerA,
    providerB: root.querySelector<CareRecordProvider>('.b')!,
    noPatient: root.querySelector<CareRecordProvider>('.none')!,
    plain: root.querySelector<HTMLElement>('.plain')!,
    elements,
  };
}

/** What an element of this tag shows with no record: made fresh, in `where`, once it has settled. */
async function noRecordShown(tag: string, where: HTMLElement): Promise<string> {
  const fresh = document.createElement(tag) as LitElement;
  where.append(fresh);
  await settled(fresh);
  const words = shown(fresh);
  fresh.remove();
  return words;
}

/** Ways an element loses A's record; `lose` resolves once the change has reached the elements, when any wait is needed. */
const LOSSES: Record<string, { lose: (stage: Stage) => Promise<void> | void; expected: 'no record' | 'B' }> = {
  'moved into a plain div': { lose: (s) => s.plain.append(...s.elements.values()), expected: 'no record' },
  'taken off the page': { lose: (s) => [...s.elements.values()].forEach((element) => element.remove()), expected: 'no record' },
  'taken off the page, then attached outside any provider': {
    lose: async (s) => {
      for (const element of s.elements.values()) element.remove();
      await new Promise((resolve) => setTimeout(resolve, 20));
      s.plain.append(...s.elements.values());
    },
    expected: 'no record',
  },
  'its provider removed, with it inside': { lose: (s) => s.providerA.remove(), expected: 'no record' },
  'its provider removed, it left in its place': { lose: (s) => s.providerA.replaceWith(...s.providerA.childNodes), expected: 'no record' },
  "its provider's patient cleared": {
    lose: async (s) => {
      s.providerA.patient = undefined;
      await s.providerA.updateComplete;
    },
    expected: 'no record',
  },
  'moved into a provider with no patient': { lose: (s) => s.noPatient.append(...s.elements.values()), expected: 'no record' },
  "moved into B's provider": { lose: (s) => s.providerB.append(...s.elements.values()), expected: 'B' },
};

/** What, of A's record, an element still shows: A's own words, or the very view it had of A (unless that is fair). */
function leftOfA(now: string, ofA: string, marks: readonly string[], fairlyTheSame: boolean): string[] {
  return [...marks.filter((mark) => now.includes(mark)), ...(now === ofA && !fairlyTheSame ? ['the view of A itself'] : [])];
}

describe('an element that loses its record', function () {
  this.timeout(60_000);

  it('derives the record elements from the registry', () => {
    // Guards the list below against coming up empty, which would make every case pass.
    expect(RECORD_ELEMENTS.length).to.be.greaterThan(5);
    expect(RECORD_ELEMENTS).to.include('care-patient-banner');
    expect(RECORD_ELEMENTS).not.to.include('care-record-provider');
  });

  it('the reported case: moved from its provider into a plain div, 100 ms later it shows no record, not A’s', async () => {
    const client = createFakeHub().client;
    const root = await fixture<HTMLElement>(
      html`<div>
        <care-record-provider .client=${client} patient=${patientId(A)}>
          <care-patient-banner></care-patient-banner>
          <care-record-summary></care-record-summary>
          <care-medication-list></care-medication-list>
          <care-timeline></care-timeline>
          <care-appointments></care-appointments>
        </care-record-provider>
        <div class="plain"></div>
      </div>`,
    );
    const elements = [...root.querySelectorAll<LitElement>('care-record-provider > *')];
    const banner = root.querySelector('care-patient-banner')!;
    await until(() => elements.every(loaded), 5000, 'the record');
    expect(shown(banner)).to.contain(bannerName(A));
    const plain = root.querySelector<HTMLElement>('.plain')!;
    const noRecord = new Map<string, string>();
    for (const element of elements) noRecord.set(element.localName, await noRecordShown(element.localName, plain));
    plain.append(...elements);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shown(banner)).not.to.contain(bannerName(A));
    const still = elements.filter((element) => shown(element) !== noRecord.get(element.localName));
    expect(still.map((element) => `${element.localName}: ${shown(element)}`)).to.deep.equal([]);
  });

  it('<care-results>, for a clinician, moved into B’s provider, shows B’s results with no error raised', async () => {
    const client = createFakeHub().client;
    const root = await fixture<HTMLElement>(
      html`<div>
        <care-record-provider .client=${client} patient=${patientId(A)}><care-results></care-results></care-record-provider>
        <care-record-provider class="b" .client=${client} patient=${patientId(B)}></care-record-provider>
      </div>`,
    );
    const results = root.querySelector<LitElement>('care-results')!;
    await until(() => loaded(results), 5000, 'A’s results');
    const ofA = shown(results);
    const raised: string[] = [];
    const onError = (event: ErrorEvent) => raised.push(event.message);
    window.addEventListener('error', onError);
    try {
      root.querySelector('.b')!.append(results);
      await until(() => loaded(results), 5000, 'B’s results');
      await stillFor(results, () => shown(results));
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(raised).to.deep.equal([]);
    expect(shown(results)).not.to.equal(ofA);
  });

  const marks = marksOf(A);
  // A clinician's view of elements made in the page, and a carer's (the resident's view, her name in every heading) of
  // elements made detached: both audiences and both ways of arriving, in the time one file may take.
  const VIEWS = [
    { audience: 'clinician', origin: 'template' },
    { audience: 'carer', origin: 'created detached' },
  ] as const;
  for (const { audience, origin } of VIEWS)
    for (const [loss, { lose, expected }] of Object.entries(LOSSES))
      describe(`for a ${audience}, made ${origin === 'template' ? 'in the page' : 'detached'}, ${loss}`, () => {
        const found = new Map<string, string[]>();
        before(async () => {
          const s = await stage(audience, origin);
          for (const tag of RECORD_ELEMENTS) found.set(tag, []);
          const ofA = new Map([...s.elements].map(([tag, element]) => [tag, shown(element)]));
          const noRecord = new Map<string, string>();
          for (const tag of RECORD_ELEMENTS) noRecord.set(tag, await noRecordShown(tag, s.plain));
          const seen: { when: string; tag: string; now: string }[] = [];
          const look = (when: string) => {
            for (const [tag, element] of s.elements) seen.push({ when, tag, now: shown(element) });
          };
          // Looked at in the same task as the change, before any microtask could render again (unless it must wait).
          const waiting = lose(s);
          if (waiting) await waiting;
          look('at once');
          await new Promise((resolve) => setTimeout(resolve, 100));
          await settled(...s.elements.values());
          look('100 ms later');
          /** What an element that never showed A's record shows in the same place, once settled (B's, or none). */
          const fair = new Map<string, string>();
          for (const [tag, element] of s.elements) {
            if (expected === 'no record') {
              fair.set(tag, noRecord.get(tag)!);
              continue;
            }
            await until(() => loaded(element), 5000, `<${tag}> to show B's record`);
            await stillFor(element, () => shown(element));
            const fresh = document.createElement(tag) as LitElement;
            s.providerB.append(fresh);
            await until(() => loaded(fresh), 5000, `a fresh <${tag}> to show B's record`);
            await stillFor(fresh, () => shown(fresh));
            fair.set(tag, shown(fresh));
            fresh.remove();
            seen.push({ when: 'B loaded', tag, now: shown(element) });
          }
          for (const { when, tag, now } of seen) {
            // B's record can look just as A's did ("No one has looked at your record yet"): then looking the same is fair.
            const wrong = leftOfA(now, ofA.get(tag)!, marks, fair.get(tag) === ofA.get(tag)).map((what) => `${when}: ${what}`);
            if ((expected === 'no record' || when === 'B loaded') && now !== fair.get(tag))
              wrong.push(`${when}: shows “${gist(now)}”, not “${gist(fair.get(tag)!)}”`);
            found.set(tag, [...(found.get(tag) ?? []), ...wrong]);
          }
        });
        for (const tag of RECORD_ELEMENTS)
          it(`<${tag}> shows nothing of A’s record`, () => {
            expect(found.get(tag)).to.deep.equal([]);
          });
      });
});
