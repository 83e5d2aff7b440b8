import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { hubStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Staying well',
  component: 'care-wellbeing',
  globals: { audience: 'resident' },
  parameters: {
    docs: {
      subtitle:
        'The resident’s plans and goals for staying well, each goal with their readings against it, and general well-being information that fits their record first. Use it on the resident’s (or their carer’s) pages; it is general information, never advice about their care.',
    },
  },
};
export default meta;

const wellbeing = () => html`<care-wellbeing></care-wellbeing>`;

export const DiabetesAndBloodPressure: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: wellbeing,
  description:
    'Type 2 diabetes and high blood pressure: a healthy eating plan, a blood pressure goal and a weight goal, each with the readings charted (the goal shaded) and one calm sentence about the latest.',
});
export const NothingRecorded: StoryObj = hubStory({
  patient: RESIDENTS.newResident,
  content: wellbeing,
  description: 'No plans or goals yet: said plainly, and the well-being information is still there.',
});
export const StayingSteady: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  content: wellbeing,
  description: 'A frail older resident: a strength and balance plan.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: wellbeing });
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: wellbeing });
export const ForACarer: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  carer: true,
  content: wellbeing,
  description: 'A carer acting for her mother sees her plans and goals, never “your”.',
});
