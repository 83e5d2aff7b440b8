import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render } from 'lit';
import { press, shadowOf, type, until, untilText } from '../../stories/interact.js';
import { hubStory, RESIDENTS, storyClient } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Reading form',
  component: 'care-reading-form',
  // Residents share their own readings.
  globals: { audience: 'resident' },
  parameters: { docs: { subtitle: 'Residents share their weight, blood pressure and medicines they buy themselves.' } },
};
export default meta;

const form = () => html`<care-reading-form birth-date="1964-05-07"></care-reading-form>`;

/** The form's shadow root once it is ready to fill in. */
const formIn = (canvas: HTMLElement) => shadowOf(canvas, 'care-reading-form', 'form');

/** Shares a weight in kilograms, taken today. */
async function shareWeight(root: ShadowRoot, kilograms: string): Promise<void> {
  await press(root, '#kind-weight');
  await type(root, '#kilograms', kilograms);
  await press(root, '[part~="submit-button"]');
}

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: form,
  description: 'Nothing chosen yet: each choice reveals only the boxes it needs.',
});

export const ErrorsShown: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: form,
    description:
      'A blood pressure with the numbers the wrong way round and 31 February: every mistake at the top, linked to its box, and beside the box. Nothing is sent.',
  }),
  play: async ({ canvasElement }) => {
    const root = await formIn(canvasElement);
    await press(root, '#kind-blood-pressure');
    await type(root, '#systolic', '80');
    await type(root, '#diastolic', '120');
    await type(root, '#date-day', '31');
    await type(root, '#date-month', '2');
    await press(root, '[part~="submit-button"]');
    await untilText(root, '[part~="error-summary"]', 'There is a problem');
  },
};

export const Saved: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: form,
    description: 'A weight and a medicine bought at the pharmacy, both saved: the newest first, and what it means for the care team.',
  }),
  play: async ({ canvasElement }) => {
    const root = await formIn(canvasElement);
    await shareWeight(root, '72.5');
    await untilText(root, '[part~="status"]', 'Saved');
    await press(root, '#kind-medicine');
    await type(root, '#name', 'Ibuprofen 200mg tablets');
    await type(root, '#dose', '1 or 2 tablets up to 3 times a day when needed');
    await press(root, '[part~="submit-button"]');
    await untilText(root, '[part~="entry"]:first-child [part~="status"]', 'Saved');
  },
};

export const EntryWaiting: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    scenario: { writes: { delay: 'never' } },
    content: form,
    description: 'The hub has not answered yet: the entry waits, and the resident is asked to keep the page open.',
  }),
  play: async ({ canvasElement }) => {
    const root = await formIn(canvasElement);
    await shareWeight(root, '72.5');
    await untilText(root, '[part~="status"]', 'Waiting to send');
  },
};

export const EntryFailed: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    scenario: { writes: { failWith: 503, failures: 1 } },
    content: () => html`<care-reading-form birth-date="1964-05-07" .queueOptions=${{ maxAttempts: 1 }}></care-reading-form>`,
    description:
      'The hub answered 503, so the entry may or may not be stored: it is "Not confirmed", says why, and offers Try again, which sends it again with the same key and a conditional create, so it cannot be stored twice (and succeeds here).',
  }),
  play: async ({ canvasElement }) => {
    const root = await formIn(canvasElement);
    await press(root, '#kind-blood-pressure');
    await type(root, '#systolic', '128');
    await type(root, '#diastolic', '82');
    await press(root, '[part~="submit-button"]');
    await untilText(root, '[part~="status"]', 'Not confirmed');
  },
};

export const ReadBack: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: () =>
      html`${form()}
        <div class="read-back"></div>`,
    description:
      'A medicine shared, then the resident’s medicines read again from the hub (as on their next visit): it is there, marked as their own entry.',
  }),
  play: async ({ canvasElement }) => {
    const root = await formIn(canvasElement);
    await press(root, '#kind-medicine');
    await type(root, '#name', 'Ibuprofen 200mg tablets');
    await press(root, '[part~="submit-button"]');
    await untilText(root, '[part~="status"]', 'Saved');
    const later = canvasElement.querySelector<HTMLElement>('.read-back');
    if (!later) return;
    render(
      html`<care-record-provider .client=${storyClient('resident')} patient=${RESIDENTS.adult} audience="resident">
        <care-medication-list></care-medication-list>
      </care-record-provider>`,
      later,
    );
    await until(
      () => later.querySelector('care-medication-list')?.shadowRoot?.textContent?.includes('Ibuprofen 200mg tablets'),
      'the shared medicine in the list read again',
    );
  },
};

export const NoRecord: StoryObj = hubStory({
  content: form,
  description: 'No resident in context (not signed in): nothing to fill in.',
});
