import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Patient } from '@care-record/sdk';
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

const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
/** A changed Patient as a source might send it, malformed parts included: the story builds the banner from it. */
const changed = (changes: Record<string, unknown>): Partial<Patient> => changes as Partial<Patient>;
const verificationStatus = (code: string) => ({
  url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
  valueCodeableConcept: {
    coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code }],
  },
});
/** The adult resident's banner, given as a `model`, with the Patient changed as a source might send it. */
const bannerWith = (changes: Record<string, unknown>, description: string): StoryObj =>
  modelStory(
    (audience) => html`<care-patient-banner .model=${bannerModel(0, audience, changed(changes))}></care-patient-banner>`,
    description,
  );

export const ReplacedRecord: StoryObj = bannerWith(
  { link: [{ type: 'replaced-by', other: { reference: 'Patient/pat-000099' } }] },
  'A record merged into another (`link.type` replaced-by): a note under the name says to use the current record.',
);
export const InactiveRecord: StoryObj = bannerWith(
  { active: false },
  'A record sent with `active: false`: a note under the name says it is not in active use.',
);
export const UnverifiedNhsNumber: StoryObj = bannerWith(
  {
    identifier: [{ system: NHS_NUMBER, value: '9434765919', use: 'official', extension: [verificationStatus('02')] }],
  },
  'An NHS number its source has not verified (status 02, not traced): "(not verified)" beside it; records must not be matched on it.',
);
export const TemporaryNhsNumber: StoryObj = bannerWith(
  {
    identifier: [{ system: NHS_NUMBER, value: '4010232137', use: 'temp' }],
  },
  'Only a temporary NHS number (`use: temp`): "(temporary)" and "(not verified)" beside it, in words, never colour alone.',
);
export const DateOfBirthNotKnown: StoryObj = bannerWith(
  {
    birthDate: undefined,
    _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] },
  },
  'No date of birth, and the source says why (data-absent-reason): Born "Not known" with no age, not "Not recorded".',
);
export const DeceasedNotKnown: StoryObj = bannerWith(
  { deceasedBoolean: 'yes' },
  'A deceased value of the wrong type (`deceasedBoolean: "yes"`): never shown as living; a note says it is not known whether alive or deceased, and no age is given.',
);

/** The UK day of an instant, `yyyy-mm-dd`, as `birthDate` is written. */
const ukDay = (instant: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
export const Newborn: StoryObj = modelStory((audience) => {
  // Born three hours before the story is opened, with the time of birth, so the age is counted in hours.
  const born = new Date(Date.now() - 3 * 60 * 60 * 1000);
  return html`<care-patient-banner
    .model=${bannerModel(
      5,
      audience,
      changed({
        birthDate: ukDay(born),
        _birthDate: {
          extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime', valueDateTime: born.toISOString() }],
        },
      }),
    )}
  ></care-patient-banner>`;
}, 'A baby born three hours ago, with the time of birth: the age is in hours (CUI), residents read days.');
