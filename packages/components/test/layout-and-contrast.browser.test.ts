/**
 * Layout and contrast whatever the host: a 126-character unbroken word in
 * every field that shows the record's own words wraps anywhere, at every
 * width down to 320 px, with nothing wider than the page; and every element's
 * text meets 4.5:1 on a beige host page (axe, and the contrast computed from
 * each text's colour and the background behind it).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import {
  bannerViewModel,
  createTimeline,
  medicationsViewModel,
  summaryViewModel,
  type MedicationRequest,
  type MedicationStatement,
  type Patient,
  type TimelineResource,
} from '@care-record/sdk';
import type { LitElement } from 'lit';
import '../src/define.js';
import { borough, CAST, NOW, organizations, resident } from './support/fixtures.js';
import { settled } from './support/dom.js';

const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(4).slice(0, 126);
const BEIGE = 'rgb(245, 245, 220)';

/** Every word a source wrote (texts, displays, names, address lines, descriptions) replaced by one 126-character word. */
function lengthen<T>(value: T): T {
  if (Array.isArray(value)) return value.map(lengthen) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && ['text', 'display', 'family', 'description', 'title', 'conclusion', 'valueString'].includes(key))
      copy[key] = LONG_WORD;
    else if (key === 'given' || key === 'line') copy[key] = [LONG_WORD];
    else copy[key] = lengthen(item);
  }
  return copy as T;
}

function models() {
  const record = resident(CAST.adult);
  const patient = lengthen(record.patient) as Patient;
  const resources = lengthen(record.resources);
  const patientId = patient.id!;
  const summary = summaryViewModel([patient, ...resources, ...borough.organizations, ...borough.practitioners], {
    audience: 'clinician',
    now: NOW,
    patientId,
    organizations,
  });
  const gpPractice = borough.organizations.find(
    (organization) => `Organization/${organization.id}` === patient.generalPractitioner?.[0]?.reference,
  );
  const banner = bannerViewModel(patient, {
    audience: 'clinician',
    now: NOW,
    organizations,
    allergies: summary.sections.allergies.allergies,
    ...(gpPractice ? { gpPractice } : {}),
  });
  const medications = medicationsViewModel(
    {
      requests: resources.filter((resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest'),
      statements: resources.filter((resource): resource is MedicationStatement => resource.resourceType === 'MedicationStatement'),
      patientId,
      notices: { withheld: false, unavailableSources: [] },
      organizations,
    },
    { audience: 'clinician', now: NOW },
  );
  const timeline = createTimeline({ patientId, organizations, audience: 'clinician', now: NOW });
  timeline.add(resources as TimelineResource[]);
  return { banner, summary, medications, timeline };
}

async function page(): Promise<HTMLElement> {
  const { banner, summary, medications, timeline } = models();
  const host = await fixture<HTMLElement>(
    html`<div class="host-page">
      <care-patient-banner .model=${banner}></care-patient-banner>
      <care-record-summary .model=${summary}></care-record-summary>
      <care-medication-list .model=${medications}></care-medication-list>
      <care-timeline .model=${timeline}></care-timeline>
    </div>`,
  );
  document.body.style.background = BEIGE;
  host.style.background = BEIGE;
  const elements = [...host.children] as LitElement[];
  await settled(...elements);
  return host;
}

/** Inside a visually hidden box (position absolute, 1 px, clipped), kept for screen readers only. */
function visuallyHidden(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.position === 'absolute' && (style.overflow === 'hidden' || style.clipPath !== 'none')) return true;
  }
  return false;
}

/** Every element in `root`, through shadow roots. */
function* descendants(root: Element | ShadowRoot): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* descendants(element.shadowRoot);
  }
}

afterEach(async () => {
  document.body.style.background = '';
  await setViewport({ width: 800, height: 600 });
});

describe('a 126-character unbroken word', () => {
  for (const width of [320, 375, 480, 768, 1024]) {
    it(`wraps in the banner, summary, medication table and timeline at ${width} px, with nothing wider than the page`, async function () {
      this.timeout(30_000);
      await setViewport({ width, height: 900 });
      const host = await page();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(width);
      const shown = [...descendants(host)].filter((element) => element.textContent?.includes(LONG_WORD.slice(0, 40)));
      expect(shown.length, 'the long word is shown').to.be.greaterThan(4);
      for (const element of descendants(host)) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || visuallyHidden(element)) continue;
        expect(box.right, `<${element.localName} class="${element.getAttribute('class') ?? ''}"> ends past the page`).to.be.at.most(
          width + 0.5,
        );
      }
    });
  }
});

/** `rgb(a)` as numbers; `undefined` when the colour is not an rgb() value. */
function rgba(colour: string): [number, number, number, number] | undefined {
  const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(colour);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
}

const luminance = ([red, green, blue]: readonly number[]) => {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(red!) + 0.7152 * channel(green!) + 0.0722 * channel(blue!);
};

/** The opaque background behind an element: its own and its ancestors' (through shadow roots), composited. */
function backgroundOf(element: Element): number[] {
  const layers: [number, number, number, number][] = [];
  for (let node: Element | null = element; node;) {
    const colour = rgba(getComputedStyle(node).backgroundColor);
    if (colour && colour[3] > 0) layers.push(colour);
    if (colour && colour[3] === 1) break;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  let result = [255, 255, 255];
  for (const [red, green, blue, alpha] of layers.reverse())
    result = [red * alpha + result[0]! * (1 - alpha), green * alpha + result[1]! * (1 - alpha), blue * alpha + result[2]! * (1 - alpha)];
  return result;
}

describe('contrast on a beige host page', () => {
  it('every text in every element meets 4.5:1 (3:1 when large), computed', async function () {
    this.timeout(30_000);
    await setViewport({ width: 1024, height: 900 });
    const host = await page();
    let checked = 0;
    const failures: string[] = [];
    for (const element of descendants(host)) {
      const own = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!own) continue;
      const style = getComputedStyle(element);
      if (
        style.visibility === 'hidden' ||
        style.display === 'none' ||
        element.getBoundingClientRect().width <= 1 ||
        visuallyHidden(element)
      )
        continue;
      const colour = rgba(style.color);
      if (!colour) continue;
      const background = backgroundOf(element);
      const foreground = colour.slice(0, 3).map((value, index) => value * colour[3] + background[index]! * (1 - colour[3]));
      const [lighter, darker] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
      const ratio = (lighter + 0.05) / (darker + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      checked++;
      if (ratio < (large ? 3 : 4.5))
        failures.push(
          `${ratio.toFixed(2)}:1 "${element.textContent?.trim().slice(0, 40)}" (${style.color} on rgb(${background.join(', ')}))`,
        );
    }
    expect(checked).to.be.greaterThan(100);
    expect(failures).to.deep.equal([]);
  });

  for (const tag of ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'] as const) {
    it(`${tag} passes axe (colour contrast included) on beige`, async function () {
      this.timeout(30_000);
      const host = await page();
      await expect(host.querySelector(tag)).to.be.accessible();
    });
  }
});
