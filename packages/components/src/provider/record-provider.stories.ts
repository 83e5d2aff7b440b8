import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { hubStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Record page',
  component: 'care-record-provider',
  parameters: {
    docs: {
      subtitle: 'One provider, every element: the whole record of one resident as a host system embeds it.',
    },
  },
};
export default meta;

const page = () =>
  html`<care-patient-banner></care-patient-banner>
    <div class="story-columns">
      <care-record-summary></care-record-summary>
      <care-timeline></care-timeline>
    </div>
    <care-medication-list></care-medication-list>`;

export const TypicalAdult: StoryObj = hubStory({ patient: RESIDENTS.adult, content: page });
export const Child: StoryObj = hubStory({ patient: RESIDENTS.child, content: page });
export const FrailOlderPerson: StoryObj = hubStory({ patient: RESIDENTS.frailOlder, content: page });
export const Deceased: StoryObj = hubStory({ patient: RESIDENTS.deceased, content: page });
export const NoGp: StoryObj = hubStory({ patient: RESIDENTS.noGp, content: page });
export const HospitalUnavailable: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { unavailableSources: ['RZ9'] },
  content: page,
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: page });
export const SignInEnded: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { refuse: 'sign-in-ended' },
  content: page,
  description:
    'The hub restarted and no longer accepts the sign-in: one message for the record, no Try again; the host hears `care-auth-required`.',
});
export const NoCareRelationship: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { refuse: 'NO_LEGITIMATE_RELATIONSHIP' },
  content: page,
  description: 'No care relationship: one message, and emergency access offered with a reason (type one to see the emergency banner).',
});
export const SharingDeclined: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { refuse: 'SHARING_DECLINED' },
  content: page,
  description: 'The resident declined sharing with this organisation: one message, emergency access offered.',
});
export const AccessDenied: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { refuse: 'ACCESS_DENIED' },
  content: page,
  description: 'No access at all: one message, no emergency access.',
});

const carerPage = () =>
  html`<care-patient-banner></care-patient-banner>
    <div class="story-columns">
      <care-record-summary></care-record-summary>
      <care-appointments></care-appointments>
    </div>
    <care-medication-list></care-medication-list>
    <care-reading-form></care-reading-form>`;

export const CarerView: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  carer: true,
  content: carerPage,
  description:
    'A daughter acting for her mother (`audience="carer"`): the line at the top names the person from her own record, and every element speaks of her ("Sophie’s medicines", "Added by you for Sophie"), never "your".',
});
export const CarerViewOfAChild: StoryObj = hubStory({
  patient: RESIDENTS.child,
  carer: true,
  content: carerPage,
  description: 'A parent acting for a child under 11.',
});
export const CarerAccessStopped: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  carer: true,
  scenario: { refuse: 'NO_PROXY_ACCESS' },
  content: carerPage,
  description:
    'The person stopped the carer’s access (or it ended, e.g. at 16): one message, nothing of the record, no emergency access; the host hears `care-access-denied` with `NO_PROXY_ACCESS`.',
});
