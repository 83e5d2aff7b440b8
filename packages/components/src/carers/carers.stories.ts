import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { press, shadowOf, type, untilText } from '../../stories/interact.js';
import { hubStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Carers',
  component: 'care-carers',
  // Only residents manage who can act for them.
  globals: { audience: 'resident' },
  parameters: {
    docs: {
      subtitle:
        'People who can act for the resident: what each can do, whether it is in force today, and changing or stopping it. Use it on the resident’s own pages, beside the sharing choices; not in a clinician’s view.',
    },
  },
};
export default meta;

const carers = () => html`<care-carers></care-carers>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  content: carers,
  description: 'Her daughter can act for her, by her own grant: everything ticked, and "Stop her access" to stop it.',
});
export const Nobody: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: carers,
  description: 'Nobody can act for this resident: said plainly, with where to ask.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.frailOlder, scenario: { delay: 'never' }, content: carers });
export const Error: StoryObj = hubStory({ patient: RESIDENTS.frailOlder, scenario: { failWith: 500 }, content: carers });
export const Saved: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.frailOlder,
    content: carers,
    description: 'She keeps mental health from her daughter and saves: it applies from now on.',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-carers', 'form');
    await press(root, 'input[id$="-mental-health"]');
    await press(root, '[part~="save-button"]');
    await untilText(root, '[part~="status"]', 'Saved');
  },
};
export const ConfirmStop: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.frailOlder,
    content: carers,
    description: 'Stopping asks first: nothing changes until "Yes, stop their access".',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-carers', 'form');
    await press(root, '[part~="stop-button"]');
    await untilText(root, '[part~="carer"]', 'access now?');
  },
};
export const SaveFailed: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.frailOlder,
    scenario: { writes: { failWith: 503 } },
    content: carers,
    description:
      'The hub answered 503 after the change was sent: it may have been saved, so the resident is told so; the ticks stay on the page, and saving again is safe.',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-carers', 'form');
    await press(root, 'input[id$="-mental-health"]');
    await press(root, '[part~="save-button"]');
    await untilText(root, '[part~="status"]', 'may have been saved');
  },
};
export const InviteForm: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: carers,
    description:
      'Inviting someone: their name, how they are related, what they can do and what is kept from them. Nothing is shared until they accept.',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-carers', '[part~="invite-button"]');
    await press(root, '[part~="invite-button"]');
    await untilText(root, 'form', 'What they can do');
  },
};
export const InviteProblem: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: carers,
    description: 'Sent with no name: the problem is said next to the field, and nothing is sent.',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-carers', '[part~="invite-button"]');
    await press(root, '[part~="invite-button"]');
    await untilText(root, 'form', 'What they can do');
    await press(root, 'form [part~="invite-button"]');
    await untilText(root, 'form', 'Enter the name of the person you want to invite');
  },
};
export const InvitationCode: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: carers,
    description: 'The code to give to the person invited, shown once, with when it stops working; they are listed as invited.',
  }),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-carers', '[part~="invite-button"]');
    await press(root, '[part~="invite-button"]');
    await untilText(root, 'form', 'What they can do');
    await type(root, '#invite-name', 'Amira Haddad');
    await press(root, '#invite-view-appointments');
    await press(root, 'form [part~="invite-button"]');
    await untilText(root, '[part~="invitation-code"]', 'K7QM-4XRT-9HWC');
    await untilText(root, '[part~="carers"]', 'Invited, not accepted yet.');
  },
};
