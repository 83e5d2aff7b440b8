import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { hubStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Medication list',
  component: 'care-medication-list',
  parameters: { docs: { subtitle: 'Current and past medicines across GP, hospital and the resident’s own entries.' } },
};
export default meta;

const medicines = () => html`<care-medication-list></care-medication-list>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: medicines,
  description: 'Repeats then acutes; a dose the GP and the hospital disagree on; an over-the-counter medicine the resident added.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: medicines });
export const Empty: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { empty: true }, content: medicines });
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: medicines });
export const SourceOutage: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { unavailableSources: ['RZ9'] },
  content: medicines,
  description: 'The hospital did not answer: named above the list.',
});
export const Withheld: StoryObj = hubStory({ patient: RESIDENTS.sexualHealth, content: medicines });
export const Malformed: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { malformed: true },
  content: medicines,
  description: 'Medicines with no name, no dosage and no source: "No information available" and "Not known", never blanks.',
});
export const LongHistory: StoryObj = hubStory({ patient: RESIDENTS.longHistory, content: medicines });
export const Child: StoryObj = hubStory({ patient: RESIDENTS.child, content: medicines });
export const FrailOlderPerson: StoryObj = hubStory({ patient: RESIDENTS.frailOlder, content: medicines });
export const Deceased: StoryObj = hubStory({
  patient: RESIDENTS.deceased,
  content: medicines,
  description: 'Medicines ended at death are in the past list.',
});
export const NoGp: StoryObj = hubStory({ patient: RESIDENTS.noGp, content: medicines });
