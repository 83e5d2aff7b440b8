import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { press, shadowOf, until } from '../../stories/interact.js';
import { emergencyAccessLog, malformedAccessLog } from '../../stories/models.js';
import { hubStory, modelStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Access log',
  component: 'care-access-log',
  // Only residents see who looked at their record.
  globals: { audience: 'resident' },
  parameters: { docs: { subtitle: 'Who has looked at the resident’s record, newest first, with emergency access explained.' } },
};
export default meta;

const log = () => html`<care-access-log></care-access-log>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: log,
  description:
    'Their GP, a hospital nurse, a doctor who looked in an emergency at night (marked, with the reason given and what it means), a social worker, then everyone who saw them at an appointment.',
});
export const EmergencyAccess: StoryObj = modelStory(
  () => html`<care-access-log .model=${emergencyAccessLog()}></care-access-log>`,
  'Given as a `model`: an emergency (break-glass) look above an ordinary one. Marked in words and by its edge, not by colour alone.',
);
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: log });
export const Empty: StoryObj = hubStory({
  patient: RESIDENTS.newResident,
  scenario: { empty: true },
  content: log,
  description: 'Recently registered: no one has looked yet.',
});
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: log });
export const Withheld: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  content: log,
  description: 'Something in the record is not shown to the resident: said once, without saying what.',
});
export const Malformed: StoryObj = modelStory(
  () => html`<care-access-log .model=${malformedAccessLog()}></care-access-log>`,
  'Given as a `model`: looks with no role, no organisation, an unknown part of the record, and an emergency with no reason: "Not known", never blank. A look with no time is left out.',
);
export const OlderLooks: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: log,
    description: 'After "Show more": older looks below, and focus on the first of them.',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-access-log', '[part~="more-button"]');
    const before = root.querySelectorAll('[part~="entry"]').length;
    await press(root, '[part~="more-button"]');
    await until(() => root.querySelectorAll('[part~="entry"]').length > before, 'older looks');
  },
};
