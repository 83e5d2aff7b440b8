/**
 * No text from a source can turn the text beside it round. Unicode's
 * bidirectional embeddings, overrides, isolates and marks are invisible, but
 * an override at the end of a source's name runs on into what follows it (the
 * source shown as another organisation); a right-to-left mark swaps the
 * numbers after it. Whatever field of the record carries them — the name of
 * the patient, a practitioner or an organisation, a note, a coded display —
 * the banner, summary, medicines, timeline, results and appointments show
 * none of them, in their text or in what a screen reader is told.
 */
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import type { Patient } from '@care-record/sdk';
import type { LitElement } from 'lit';
import '../src/define.js';
import { settled } from './support/dom.js';
import { borough, CAST } from './support/fixtures.js';
import { recordViewModels } from './support/record-views.js';

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ANY_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** The fields of a resource that hold words for people to read, not codes, ids or references. */
const WORDS = new Set([
  'name',
  'display',
  'text',
  'family',
  'given',
  'prefix',
  'suffix',
  'description',
  'title',
  'comment',
  'line',
  'city',
]);

type Json = Record<string, unknown>;

/** A copy of `value` with controls put into every string of words, each at its own place. */
function laced(value: unknown, lace: (text: string) => string, key = ''): unknown {
  if (typeof value === 'string') return WORDS.has(key) ? lace(value) : value;
  if (Array.isArray(value)) return value.map((item) => laced(item, lace, key));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value as Json).map(([field, item]) => [field, field === 'div' ? item : laced(item, lace, field)]),
    );
  return value;
}

/** Every piece of text a person or a screen reader is given, inside every shadow root. */
function shownText(root: Node, found: string[] = []): string[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) found.push((node as Text).data);
    if (node instanceof Element) {
      for (const attribute of ['aria-label', 'title', 'alt', 'aria-description', 'aria-valuetext'])
        if (node.hasAttribute(attribute)) found.push(node.getAttribute(attribute)!);
      if (node.shadowRoot) shownText(node.shadowRoot, found);
    }
  }
  return found;
}

function modelsOf(index: number, lace: (text: string) => string): Record<string, unknown> {
  const record = borough.resident(index);
  return recordViewModels({
    patient: laced(record.patient, lace) as Patient,
    resources: laced(record.resources, lace) as { resourceType?: string }[],
    directory: laced([...borough.organizations, ...borough.practitioners], lace) as unknown[],
  });
}

async function render(index: number, lace: (text: string) => string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  const elements = Object.entries(modelsOf(index, lace)).map(([tag, model]) => {
    const element = document.createElement(tag) as LitElement & { model: unknown };
    element.model = model;
    host.append(element);
    return element;
  });
  await settled(...elements);
  return host;
}

describe('text from a source never turns the text beside it round', () => {
  it('reported: a source named with a right-to-left override at its end is shown without it', async function () {
    this.timeout(30_000);
    const host = await render(CAST.adult, (text) => `${text}\u202E`);
    try {
      const shown = shownText(host).join('\n');
      const gp = borough.resident(CAST.adult).patient.generalPractitioner?.[0]?.reference;
      const practice = borough.organizations.find((organization) => `Organization/${organization.id}` === gp)?.name;
      expect(practice).to.be.a('string');
      expect(shown).to.contain(practice);
      expect(shownText(host).filter((piece) => ANY_CONTROL.test(piece))).to.deep.equal([]);
    } finally {
      host.remove();
    }
  });

  it('property: no text the six views show carries a bidirectional control, wherever the record put it', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(CAST.adult, CAST.frailOlder, CAST.child, CAST.mentalHealth),
        fc.array(fc.tuple(fc.constantFrom(...CONTROLS), fc.nat()), { minLength: 1, maxLength: 6 }),
        async (index, picks) => {
          let count = 0;
          const lace = (text: string) => {
            const [control, at] = picks[count++ % picks.length]!;
            const place = at % (text.length + 1);
            return `${text.slice(0, place)}${control}${text.slice(place)}`;
          };
          const host = await render(index, lace);
          try {
            const found = shownText(host).filter((piece) => ANY_CONTROL.test(piece));
            expect(found, JSON.stringify(found.slice(0, 5))).to.deep.equal([]);
          } finally {
            host.remove();
          }
        },
      ),
      { seed: 20261207, numRuns: 12 },
    );
  });
});
