import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { sharingChoicesFrom, type Consent, type SharingViewModel } from '@care-record/sdk';
import { html } from 'lit';
import { press, shadowOf, untilText } from '../../stories/interact.js';
import { malformedSharing } from '../../stories/models.js';
import { hubStory, modelStory, RESIDENTS } from '../../stories/record-story.js';

const meta: Meta = {
  title: 'Elements/Sharing',
  component: 'care-sharing',
  // Only residents make sharing choices.
  globals: { audience: 'resident' },
  parameters: { docs: { subtitle: 'The resident’s choice of who sees their record, and of what leaves the service that recorded it.' } },
};
export default meta;

const sharing = () => html`<care-sharing></care-sharing>`;

/** Stops sharing with the first organisation and saves; `outcome` is a phrase the status then says. */
async function changeAndSave(canvas: HTMLElement, outcome: string): Promise<void> {
  const root = await shadowOf(canvas, 'care-sharing', 'form');
  await press(root, '#organisation-0');
  await press(root, '[part~="save-button"]');
  await untilText(root, '[part~="status"]', outcome);
}

export const Ready: StoryObj = hubStory({
  patient: RESIDENTS.adult,
  content: sharing,
  description: 'Everything shared, as by default: the GP practice and the hospital, and each kind of sensitive information.',
});
export const ChoicesMade: StoryObj = hubStory({
  patient: RESIDENTS.mentalHealth,
  content: sharing,
  description: 'Mental health information kept from adult social care, which still sees the rest of the record.',
});
export const Loading: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { delay: 'never' }, content: sharing });
export const Empty: StoryObj = hubStory({
  patient: RESIDENTS.newResident,
  scenario: { empty: true },
  content: sharing,
  description: 'No organisation has recorded any care yet: said in words.',
});
export const Error: StoryObj = hubStory({ patient: RESIDENTS.adult, scenario: { failWith: 500 }, content: sharing });
export const Saved: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    content: sharing,
    description: 'The resident stopped sharing with one organisation and saved: the hub stored it and says when it applies.',
  }),
  play: ({ canvasElement }) => changeAndSave(canvasElement, 'have been saved'),
};
export const Conflict: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    scenario: { consentChangedElsewhere: true },
    content: sharing,
    description:
      'The choices were changed in another window after this page loaded: the hub answered 412, the latest choices were loaded, and the resident is asked to check them and save again.',
  }),
  play: ({ canvasElement }) => changeAndSave(canvasElement, 'changed somewhere else'),
};
export const SaveFailed: StoryObj = {
  ...hubStory({
    patient: RESIDENTS.adult,
    scenario: { writes: { failWith: 503 } },
    content: sharing,
    description:
      'The hub answered 503 after the choices were sent: they may have been saved, so the resident is told so, the changes stay on the page, and saving again is safe (it cannot save them twice).',
  }),
  play: ({ canvasElement }) => changeAndSave(canvasElement, 'may have been saved'),
};
export const Malformed: StoryObj = modelStory(
  () => html`<care-sharing .model=${malformedSharing()}></care-sharing>`,
  'Given as a `model`: two organisations with no name, each named in its own way (never two alike).',
);

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const STORY_ORGANISATIONS = new Map([
  ['org-f83999', { name: 'Tufnell Green Surgery', kind: 'GP practice' }],
  ['org-rqx', { name: 'Homerton Hospital', kind: 'Hospital' }],
  ['org-la999', { name: 'Islington Adult Social Care', kind: 'Local authority adult social care' }],
]);
const recipient = (id: string) => ({ role: { text: 'recipient' }, reference: { reference: `Organization/${id}` } });
/** A choice as the practice recorded it, shown as the screen would read it today. */
const recordedChoice = (consent: Pick<Consent, 'policyRule' | 'provision'>): SharingViewModel => ({
  patientId: 'pat-000007',
  consentId: 'consent-7',
  etag: 'W/"1"',
  choices: sharingChoicesFrom(
    { resourceType: 'Consent', status: 'active', patient: { reference: 'Patient/pat-000007' }, ...consent } as Consent,
    STORY_ORGANISATIONS,
  ),
});

export const ForAPeriod: StoryObj = modelStory(
  () =>
    html`<care-sharing
      .model=${recordedChoice({
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: {
          type: 'permit',
          provision: [
            { type: 'deny', actor: [recipient('org-f83999')], period: { end: '2025-12-31' } },
            { type: 'deny', actor: [recipient('org-rqx')], period: { end: '2099-06-30' } },
            { type: 'deny', actor: [recipient('org-la999')], period: { start: '2099-01-01' } },
            { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], period: { end: '2025-03-31' } },
          ],
        },
      })}
    ></care-sharing>`,
  'Choices the practice recorded for a period: each says in words whether it holds today — ended (they can see the record now), in force until a date, or starting later.',
);

export const OptedOut: StoryObj = modelStory(
  () =>
    html`<care-sharing
      .model=${recordedChoice({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] }, provision: { type: 'deny' } })}
    ></care-sharing>`,
  'An opt-out recorded by the practice: said as it is, with no checkboxes that would show everything shared and no Save that would replace it.',
);

export const AgreementEnded: StoryObj = modelStory(
  () =>
    html`<care-sharing
      .model=${recordedChoice({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] }, provision: { type: 'permit', period: { end: '2025-07' } } })}
    ></care-sharing>`,
  'Her agreement to share was recorded until the end of July 2025: the hub shares her record with no organisation now, so the screen says so, with no checkboxes that would show everything shared.',
);

export const CannotBeApplied: StoryObj = modelStory(
  () =>
    html`<care-sharing
      .model=${recordedChoice({
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: {
          type: 'permit',
          provision: [
            { type: 'deny', actor: [recipient('org-la999')], period: { start: '2026-07-01T10:00' } },
            { type: 'deny', securityLabel: [{ system: 'https://example.org/unknown', code: 'XYZ' }] },
          ],
        },
      })}
    ></care-sharing>`,
  'A choice recorded in a way this service cannot apply (a time with no time zone, a kind of information nobody knows): the hub withholds her record from every organisation rather than share it, and the screen says so, and to ask her practice.',
);

/** Two choices in force, read together as `loadSharing` reads them: hers (the hospital) and her practice's (mental health). */
const severalInForce = (): SharingViewModel => {
  const together = recordedChoice({
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      provision: [
        { type: 'deny', actor: [recipient('org-rqx')] },
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] },
      ],
    },
  });
  return { ...together, choices: { ...together.choices, inForce: 2 } };
};

export const SeveralInForce: StoryObj = modelStory(
  () => html`<care-sharing .model=${severalInForce()}></care-sharing>`,
  'Two choices in force, one hers and one her practice’s: the screen shows what they stop together (the hospital, mental health information) and says that several apply.',
);

export const PartNotApplied: StoryObj = modelStory(
  () =>
    html`<care-sharing
      .model=${recordedChoice({
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: {
          type: 'permit',
          provision: [
            { type: 'deny', actor: [recipient('org-rqx')] },
            { type: 'deny', actor: [{ role: { text: 'recipient' }, reference: { display: 'Dr Patel’s Surgery' } }] },
          ],
        },
      })}
    ></care-sharing>`,
  'A practice deny naming an organisation by its name alone, which the hub cannot resolve: her record is withheld from everyone, and the screen says what that part says, as recorded, kept as it is.',
);
