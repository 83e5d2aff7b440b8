/**
 * One rule for whose view an element shows outside a provider, the same in
 * every element with an `audience` attribute and the same as the provider's:
 * absent or `clinician` is the clinician's view; `resident`, `carer` and any
 * value the element does not know are the resident's, the view that shows
 * less, with a warning for the unknown.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import fc from 'fast-check';
import { createTimeline, type TimelineResource } from '@care-record/sdk';
import '../src/define.js';
import { elementAudience } from '../src/internal/audience.js';
import { $, settled, text } from './support/dom.js';
import { NOW, organizations, resident } from './support/fixtures.js';

const TAGS = ['care-timeline', 'care-medication-list', 'care-results', 'care-appointments'] as const;

/** Values a host might set by mistake, each to be shown as the resident's view. */
const UNKNOWN = ['patient', 'Resident', 'CLINICIAN', ' clinician', 'clinician ', 'professional', 'staff', '', 'null', 'undefined'];

/** The element outside a provider, with its attribute as given (`undefined`: no attribute), and its rendered text. */
async function shown(tag: string, audience: string | undefined): Promise<string> {
  const element = document.createElement(tag) as LitElement;
  if (audience !== undefined) element.setAttribute('audience', audience);
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.append(element);
  await settled(element);
  return text(element);
}

/** Swaps `console.warn` for a recorder while `run` runs. */
async function warnings(run: () => Promise<void>): Promise<string[]> {
  const said: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => said.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return said;
}

describe('audience outside a provider', () => {
  for (const tag of TAGS) {
    it(`<${tag}>: absent or clinician is the clinician's view; resident, carer and anything else the resident's`, async () => {
      const clinician = await shown(tag, 'clinician');
      const residentView = await shown(tag, 'resident');
      expect(clinician, 'the two views differ, so the check below can fail').to.not.equal(residentView);
      expect(await shown(tag, undefined), 'no attribute').to.equal(clinician);
      expect(await shown(tag, 'carer'), 'carer').to.equal(residentView);
      for (const value of UNKNOWN) {
        const said = await warnings(async () => {
          expect(await shown(tag, value), JSON.stringify(value)).to.equal(residentView);
        });
        expect(said.join('\n'), JSON.stringify(value)).to.include(`<${tag}>: audience "${value}"`);
      }
    });
  }

  it('goes back to the clinician view when the attribute is taken away', async () => {
    const element = document.createElement('care-medication-list') as LitElement;
    element.setAttribute('audience', 'resident');
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(element);
    await settled(element);
    const residentView = text(element);
    element.removeAttribute('audience');
    await settled(element);
    expect(text(element)).to.not.equal(residentView);
    expect(text(element)).to.equal(await shown('care-medication-list', 'clinician'));
  });

  it("speaks a host's own timeline in the resident's words when the attribute is unknown", async () => {
    const record = resident(0);
    const timeline = createTimeline({ patientId: record.patient.id!, organizations, audience: 'resident', now: NOW });
    timeline.add(record.resources as TimelineResource[]);
    const said = await warnings(async () => {
      const element = await fixture<LitElement>(html`<care-timeline audience="service-user" .model=${timeline}></care-timeline>`);
      await settled(element);
      expect(text($(element, '[part~="title"]'))).to.equal('Your timeline');
    });
    expect(said).to.have.length(1);
  });

  it('warns once for each element and value, however often the element renders', async () => {
    const said = await warnings(async () => {
      for (let i = 0; i < 3; i++) await shown('care-results', 'service-user');
    });
    expect(said.filter((line) => line.includes('"service-user"'))).to.have.length(1);
  });

  it('as a rule: the provider decides when there is one; else only absent or exactly "clinician" is the clinician view', () => {
    const original = console.warn;
    console.warn = () => {};
    try {
      fc.assert(
        fc.property(
          fc.constantFrom(undefined, 'clinician' as const, 'resident' as const),
          fc.oneof(fc.string(), fc.constantFrom('clinician', 'resident', 'carer', undefined, null)),
          (provided, attribute) => {
            const chosen = elementAudience('care-test', provided, attribute);
            if (provided !== undefined) return chosen === provided;
            const clinician = attribute === undefined || attribute === null || attribute === 'clinician';
            return chosen === (clinician ? 'clinician' : 'resident');
          },
        ),
        { numRuns: 500, seed: 37 },
      );
    } finally {
      console.warn = original;
    }
  });
});
