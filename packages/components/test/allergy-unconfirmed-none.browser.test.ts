/**
 * An unconfirmed "no known allergies" is not the fact "no known allergies"
 * (commit 94a9501 made its label say so): it must not look like a confirmed
 * one either — no tick, not the colour of a settled "none" — in the record
 * summary and the patient banner, on screen and in print, for a clinician
 * and for the resident. A confirmed statement keeps its look.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { summaryViewModel, type AllergyIntolerance, type AllergyState, type RecordAudience } from '@care-record/sdk';
import '../src/define.js';
import type { CarePatientBanner, CareRecordSummary } from '../src/index.js';
import { $ } from './support/dom.js';
import { bannerForPatient, CAST, NOW, organizations, resident, summaryResources } from './support/fixtures.js';

const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';

/** The child's record, with its "no known allergies" statement recorded as `verification`. */
function childWith(verification: 'confirmed' | 'unconfirmed', audience: RecordAudience) {
  const record = resident(CAST.child);
  const resources = summaryResources(record).map((resource) => {
    const allergy = resource as AllergyIntolerance;
    return allergy.resourceType === 'AllergyIntolerance'
      ? { ...allergy, verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] } }
      : resource;
  });
  const model = summaryViewModel(resources, { audience, now: NOW, patientId: record.patient.id!, organizations });
  const allergies: AllergyState = model.sections.allergies.allergies;
  return { model, banner: bannerForPatient(record.patient, audience, allergies), allergies };
}

/** What the allergy state looks like: its words, its icon's drawing, its colour and border. */
function look(badge: HTMLElement) {
  const style = getComputedStyle(badge);
  return {
    words: badge.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    icon: badge.querySelector('svg')?.innerHTML ?? '',
    colour: style.color,
    border: `${style.borderTopStyle} ${style.borderTopColor}`,
  };
}

async function looks(verification: 'confirmed' | 'unconfirmed', audience: RecordAudience) {
  const { model, banner } = childWith(verification, audience);
  const summary = await fixture<CareRecordSummary>(html`<care-record-summary .model=${model}></care-record-summary>`);
  const bar = await fixture<CarePatientBanner>(html`<care-patient-banner .model=${banner}></care-patient-banner>`);
  return {
    statement: $(summary, '[data-section="allergies"] .item-title')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    summary: look($(summary, '[data-section="allergies"] .allergy-state')!),
    banner: look($(bar, '[part~="allergy-badge"]')!),
  };
}

describe('an unconfirmed "no known allergies"', () => {
  afterEach(() => emulateMedia({ media: 'screen' }));

  for (const media of ['screen', 'print'] as const)
    for (const audience of ['clinician', 'resident'] as const)
      it(`does not look like a confirmed one (${audience}, ${media})`, async () => {
        await emulateMedia({ media });
        expect(childWith('unconfirmed', audience).allergies).to.include({ kind: 'no-known-allergies', unconfirmed: true });
        const confirmed = await looks('confirmed', audience);
        const unconfirmed = await looks('unconfirmed', audience);
        // The statement as recorded, under the state, says it too: a bare "No known allergies" would read as settled.
        expect(unconfirmed.statement).to.match(/^No known allergies (Unconfirmed|Not confirmed)$/);
        for (const place of ['summary', 'banner'] as const) {
          expect(confirmed[place].icon, `${place}: a confirmed "none" has its icon`).not.to.equal('');
          expect(unconfirmed[place].words, place).to.match(/unconfirmed/i);
          expect(unconfirmed[place].icon, `${place}: not the confirmed tick`).not.to.equal(confirmed[place].icon);
          expect(unconfirmed[place].colour, `${place}: not the confirmed colour`).not.to.equal(confirmed[place].colour);
          expect(unconfirmed[place].border, `${place}: not the confirmed border`).not.to.equal(confirmed[place].border);
        }
      });
});
