import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { bannerModel } from '../../stories/models.js';
import { hubStory, modelStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Patient banner',
  component: 'care-patient-banner',
  parameters: { docs: { subtitle: 'Name, date of birth with age, gender and NHS number, in the NHS CUI order.' } },
};
export default meta;

const banner = () => html`<care-patient-banner></care-patient-banner>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: banner,
  description: 'A typical adult: known allergies, registered at Tufnell Green Surgery.',
});
export const Loading: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { delay: 'never' },
  content: banner,
  description: 'Grey bars and no details while the hub answers (here it never does).',
});
export const NoPatient: StoryObj = hubStory({
  patient: undefined,
  content: banner,
  description: 'The empty state: no patient in context.',
});
export const Error: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { failWith: 500 },
  content: banner,
  description: 'The hub failed: what failed, why, the request id and "Try again". Never "no allergies".',
});
export const SourceOutage: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { unavailableSources: ['F83999'] },
  content: banner,
  description: 'The GP practice did not answer: its allergy records are missing, so the allergy state cannot be "none".',
});
export const Withheld: StoryObj = hubStory({
  patient: RESIDENTS.sexualHealth,
  content: banner,
  description: 'A resident with sexual health records a GP may not see: the banner shows who they are, nothing more.',
});
export const Malformed: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { malformed: true },
  content: banner,
  description: 'A Patient with no name, no date of birth, no gender and an invalid NHS number: "Not known", never blanks.',
});
export const LongValues: StoryObj = modelStory(
  (audience) =>
    html`<care-patient-banner
      .model=${bannerModel(0, audience, {
        name: [
          {
            use: 'official',
            family: 'Featherstonehaugh-Vanderbilt-Montgomery',
            given: ['Alexandra', 'Wilhelmina', 'Josephine'],
            prefix: ['Professor'],
          },
          { use: 'usual', given: ['Sasha'] },
        ],
        address: [
          {
            line: ['Flat 147, Block C, Marquess Estate', '1201 St Paul’s Road Industrial Buildings'],
            city: 'London',
            postalCode: 'N1 2LX',
          },
        ],
      })}
    ></care-patient-banner>`,
  'Long names and addresses, given as a `model` (no provider): they wrap, they are never cut off.',
);
export const Child: StoryObj = hubStory({
  patient: RESIDENTS.child,
  content: banner,
  description: 'A child with a child protection plan: age in years and months.',
});
export const FrailOlderPerson: StoryObj = hubStory({
  patient: RESIDENTS.frailOlder,
  content: banner,
  description: 'A frail older person with dementia and social care, and a preferred name.',
});
export const Deceased: StoryObj = hubStory({
  patient: RESIDENTS.deceased,
  content: banner,
  description: 'A deceased patient: a different banner (colour, stripes and border) with the date of death and age at death.',
});
export const NoGp: StoryObj = hubStory({
  patient: RESIDENTS.noGp,
  content: banner,
  description: 'Someone with no registered GP practice: seen by the hospital only.',
});
