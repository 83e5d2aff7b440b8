import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { hubStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Record summary',
  component: 'care-record-summary',
  parameters: { docs: { subtitle: 'The record at a glance, section by section, in PRSB order, each item with its source.' } },
};
export default meta;

const summary = () => html`<care-record-summary></care-record-summary>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: summary,
  description: 'A typical adult with diabetes: allergies, problems, medicines headline, contacts and appointments.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: summary });
export const Empty: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { empty: true },
  content: summary,
  description: 'A record with nothing in it: each section says so in its own words.',
});
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: summary });
export const SourceOutage: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { unavailableSources: ['RZ9'] },
  content: summary,
  description: 'The hospital did not answer: it is named, and what the other sources said is shown.',
});
export const Withheld: StoryObj = hubStory({
  patient: RESIDENTS.sexualHealth,
  content: summary,
  description: 'Items this GP may not see were withheld: the summary says that something is not shown, never what.',
});
export const Malformed: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { malformed: true },
  content: summary,
  description: 'Entries with no code text, no dates and no source, and one about someone else (left out, and said so).',
});
export const LongHistory: StoryObj = hubStory({
  patient: RESIDENTS.longHistory,
  content: summary,
  description: 'Registered since 1985, on haemodialysis: long lists in every section.',
});
export const Child: StoryObj = hubStory({
  patient: RESIDENTS.child,
  content: summary,
  description: 'A child with a child protection plan.',
});
export const FrailOlderPerson: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  content: summary,
  description: 'Dementia, a care and support plan, a carer with lasting power of attorney.',
});
export const Deceased: StoryObj = hubStory({ patient: RESIDENTS.deceased, content: summary });
export const NoGp: StoryObj = hubStory({ patient: RESIDENTS.noGp, content: summary, description: 'Hospital records only.' });
