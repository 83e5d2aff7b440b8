import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { longTimeline } from '../../stories/models.js';
import { hubStory, modelStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Timeline',
  component: 'care-timeline',
  parameters: { docs: { subtitle: 'What happened, when and where, across every care setting, newest first.' } },
};
export default meta;

const timeline = () => html`<care-timeline></care-timeline>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: timeline,
  description: 'A typical adult: GP, hospital and their own home readings, filtered by setting and type.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: timeline });
export const Empty: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { empty: true }, content: timeline });
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: timeline });
export const SourceOutage: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { unavailableSources: ['RZ9'] },
  content: timeline,
  description: 'The hospital did not answer: named in a notice above the events.',
});
export const RoleRefused: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: {
    roleRefuses: ['Encounter', 'DiagnosticReport', 'Observation', 'DocumentReference', 'CarePlan', 'EpisodeOfCare', 'Condition'],
  },
  content: timeline,
  description:
    'A receptionist: her appointments, counted; the clinical kinds her role is refused are said as not shown to her role, never "(0)".',
});
export const Withheld: StoryObj = hubStory({ patient: RESIDENTS.sexualHealth, content: timeline });
export const Malformed: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { malformed: true },
  content: timeline,
  description: 'Events with no title, no date or no source, and one about someone else.',
});
export const TenThousandEvents: StoryObj = modelStory(
  (audience) => html`<care-timeline .model=${longTimeline(10_000, audience)} audience=${audience}></care-timeline>`,
  'Ten thousand events, given as a `model`: only the days near the screen are in the DOM.',
);
export const LongHistory: StoryObj = hubStory({
  patient: RESIDENTS.longHistory,
  content: timeline,
  description: 'More than 6,000 events read from the hub page by page as the list is scrolled.',
});
export const Child: StoryObj = hubStory({ patient: RESIDENTS.child, content: timeline });
export const FrailOlderPerson: StoryObj = hubStory({ patient: RESIDENTS.frailOlder, content: timeline });
export const Deceased: StoryObj = hubStory({ patient: RESIDENTS.deceased, content: timeline });
export const NoGp: StoryObj = hubStory({ patient: RESIDENTS.noGp, content: timeline });
