/**
 * What Storybook's docs and controls rest on: every element in the manifest
 * has usage guidance on its docs page, and a control a designer changes is
 * applied to the story's element — an attribute (`heading-level`), a
 * property the element has (`audience`), a `--care-*` custom property — while
 * event handlers and unset controls are left alone.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CareRecordSummary } from '../src/index.js';
import { applyArgs } from '../stories/story-args.js';
import { GUIDED_TAGS, usageFor } from '../stories/usage.js';
import { $$, until } from './support/dom.js';
import { summaryFor } from './support/fixtures.js';

/** Every tag in the Custom Elements Manifest (fetched: the test page cannot import JSON). */
async function manifestTags(): Promise<string[]> {
  const manifest = (await (await fetch('/packages/components/custom-elements.json')).json()) as {
    modules: { declarations?: { tagName?: string }[] }[];
  };
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).flatMap((declaration) => (declaration.tagName ? [declaration.tagName] : [])),
  );
}

describe('Storybook docs and controls', () => {
  it('gives every element usage guidance: when to use it, when not, what it says, do and don’t', async () => {
    const tags = await manifestTags();
    expect(tags.length).to.be.greaterThan(9);
    expect([...GUIDED_TAGS].sort()).to.deep.equal([...tags].sort());
    for (const tag of tags) {
      const text = usageFor(tag);
      for (const heading of ['When to use it', 'When not to use it', 'What it says', 'Do', 'Don’t'])
        expect(text, `${tag}: ${heading}`).to.include(`### ${heading}`);
    }
  });

  it('applies the controls a designer changes to the story’s element', async () => {
    const frame = await fixture<HTMLDivElement>(html`<div><care-record-summary .model=${summaryFor(0)}></care-record-summary></div>`);
    const summary = frame.querySelector<CareRecordSummary>('care-record-summary')!;
    await until(() => $$(summary, 'h2').length > 0, 3000, 'level-2 headings first');
    let called = false;
    const applied = applyArgs(frame, 'care-record-summary', {
      'heading-level': 3,
      '--care-summary-heading-color': 'rgb(213, 40, 27)',
      onCareSelect: () => (called = true),
      model: undefined,
    });
    expect(applied).to.equal(2);
    await until(() => $$(summary, 'h3').length > 0, 3000, 'level-3 headings after the control changed');
    expect(summary.headingLevel).to.equal(3);
    expect(getComputedStyle($$(summary, 'h3')[0]!).color).to.equal('rgb(213, 40, 27)');
    expect(summary.model, 'an unset control leaves the model alone').to.not.equal(undefined);
    expect(called).to.equal(false);

    applyArgs(frame, 'care-record-summary', { '--care-summary-heading-color': '' });
    expect(summary.style.getPropertyValue('--care-summary-heading-color')).to.equal('');
    expect(applyArgs(frame, undefined, { 'heading-level': 2 })).to.equal(0);
  });
});
