import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { commentedResults, malformedResults } from '../../stories/models.js';
import { hubStory, modelStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Results',
  component: 'care-results',
  // A person-held element: residents first. The Clinician story shows the NHS CUI words.
  globals: { audience: 'resident' },
  parameters: { docs: { subtitle: 'Test results in plain words, with the usual range, a trend chart per test and a data table.' } },
};
export default meta;

const results = () => html`<care-results></care-results>`;

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: results,
  description: 'A resident with diabetes: HbA1c above the usual range, kidney function and cholesterol from the GP and the hospital.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: results });
export const Empty: StoryObj = hubStory({
  patient: RESIDENTS.newResident,
  content: results,
  description: 'Recently registered, no tests yet: said in words, never a blank box.',
});
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: results });
export const SourceOutage: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  scenario: { unavailableSources: ['RZ9'] },
  content: results,
  description:
    'The hospital, where all of this resident’s tests were done, did not answer: it is named, and the list says nothing came from those that answered — never “no results”.',
});
export const Withheld: StoryObj = hubStory({
  patient: RESIDENTS.sexualHealth,
  content: results,
  description: 'Something in the record is not shown to the resident: said once, without saying what.',
});
export const Malformed: StoryObj = modelStory(
  (audience) => html`<care-results .model=${malformedResults(audience)} audience=${audience}></care-results>`,
  'Given as a `model`: a test with no name, results with no value, date, unit or source, a range with no numbers, and one result about someone else (left out, and said so).',
);
export const LabComment: StoryObj = modelStory(
  (audience) => html`<care-results .model=${commentedResults(audience)} audience=${audience}></care-results>`,
  'Given as a `model`: a haemolysed potassium with the laboratory’s comment, shown with the value, in the table and in the report, verbatim.',
);
export const LongHistory: StoryObj = hubStory({
  patient: RESIDENTS.longHistory,
  content: results,
  description: 'Forty years of kidney care: more than a thousand results, read page by page.',
});
export const Clinician: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: results,
    description: 'The same results for a clinician: H/L flags and reference ranges.',
  }),
  globals: { audience: 'clinician' },
};
