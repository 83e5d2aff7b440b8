import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { shadowOf } from '../../stories/interact.js';
import { appointmentsSaidInFull, appointmentsWithChanges, malformedAppointments } from '../../stories/models.js';
import { hubStory, modelStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Appointments',
  component: 'care-appointments',
  // A person-held element: residents first. The Clinician story shows the NHS CUI words.
  globals: { audience: 'resident' },
  parameters: { docs: { subtitle: 'Upcoming and past appointments across every service, with Add to calendar.' } },
};
export default meta;

const appointments = () => html`<care-appointments></care-appointments>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: appointments,
  description: 'A diabetes clinic follow-up booked, with what to do beforehand, and past visits behind a disclosure.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: appointments });
export const Empty: StoryObj = hubStory({
  patient: RESIDENTS.newResident,
  content: appointments,
  description: 'Recently registered, nothing booked yet: said in words for upcoming and past alike.',
});
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: appointments });
export const SourceOutage: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  scenario: { unavailableSources: ['RZ9'] },
  content: appointments,
  description:
    'The hospital did not answer: its appointments are missing and it is named above those from community health and social care.',
});
export const CancelledAndMissed: StoryObj = {
  ...modelStory(
    (audience) => html`<care-appointments .model=${appointmentsWithChanges(audience)} audience=${audience}></care-appointments>`,
    'Given as a `model`, past appointments opened: an upcoming clinic cancelled, with the reason, said in words and not only by its style; and a past appointment that was missed.',
  ),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-appointments', '[part~="past"]');
    root.querySelector<HTMLDetailsElement>('details[part~="past"]')?.setAttribute('open', '');
  },
};
export const ReasonsAndOpenDates: StoryObj = modelStory(
  (audience) => html`<care-appointments .model=${appointmentsSaidInFull(audience)} audience=${audience}></care-appointments>`,
  'Given as a `model`: every reason an appointment gives (one sent only as a code), the staff comment for clinicians, one that gives only when it ends, one on the waiting list for a period, one cancelled with a coded reason, and one cut down for the role.',
);
export const ReasonsAndOpenDatesClinician: StoryObj = {
  ...ReasonsAndOpenDates,
  parameters: { docs: { description: { story: 'The same for a clinician: CUI dates, and the staff comment.' } } },
  globals: { audience: 'clinician' },
};
export const Withheld: StoryObj = hubStory({ patient: RESIDENTS.frailOlder, content: appointments });
export const Malformed: StoryObj = {
  ...modelStory(
    (audience) => html`<care-appointments .model=${malformedAppointments(audience)} audience=${audience}></care-appointments>`,
    'Given as a `model`, past appointments opened: appointments with no time, no title, no place or organisation, one entered in error, and one for someone else (left out, and said so).',
  ),
  play: async ({ canvasElement }) => {
    const root = await shadowOf(canvasElement, 'care-appointments', '[part~="past"]');
    root.querySelector<HTMLDetailsElement>('details[part~="past"]')?.setAttribute('open', '');
  },
};
export const ManyAppointments: StoryObj = hubStory({
  patient: RESIDENTS.longHistory,
  content: appointments,
  description: 'Years of renal clinic visits, and seven booked.',
});
export const NewbornHealthVisiting: StoryObj = hubStory({ patient: RESIDENTS.newborn, content: appointments });
export const Clinician: StoryObj = {
  ...hubStory({ patient: RESIDENTS.adult, content: appointments, description: 'The same appointments for a clinician, in NHS CUI words.' }),
  globals: { audience: 'clinician' },
};
