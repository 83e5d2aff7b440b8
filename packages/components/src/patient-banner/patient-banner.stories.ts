import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { hubStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Patient banner',
  component: 'care-patient-banner',
};
export default meta;

export const Ready: StoryObj = hubStory({ patient: RESIDENTS.adult, content: () => html`<care-patient-banner></care-patient-banner>` });
export const Loading: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { delay: 'never' },
  content: () => html`<care-patient-banner></care-patient-banner>`,
});
export const Error: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { failWith: 500 },
  content: () => html`<care-patient-banner></care-patient-banner>`,
});
