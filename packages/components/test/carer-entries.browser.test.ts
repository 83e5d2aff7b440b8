/**
 * Who added an entry, as the resident reads it: what they added themselves
 * is "You" / "Added by you"; what a carer added for them is the carer's, by
 * name, never "You" — on the timeline, in the medication list and in the
 * summary's medicines.
 */
import { ContextProvider } from '@lit/context';
import { expect, fixture, html } from '@open-wc/testing';
import { createTimeline, medicationsViewModel, summaryViewModel, type MedicationStatement, type TimelineResource } from '@care-record/sdk';
import '../src/define.js';
import type { CareMedicationList, CareRecordSummary, CareTimeline } from '../src/index.js';
import { recordContext, type RecordContext } from '../src/internal/record-context.js';
import { $, $$, settled, text } from './support/dom.js';
import { NOW, organizations } from './support/fixtures.js';

const patientId = 'pat-000001';
const RESIDENT = 'https://care-record.example/source/resident';
const CARER = "Aoife O'Connor (carer)";

/** Who added it: the resident themselves, the carer through the hub, or the carer on another FHIR server. */
const ADDED_BY = {
  resident: { meta: { source: RESIDENT } },
  'carer (hub)': { meta: { source: RESIDENT }, by: { reference: 'RelatedPerson/rp-1', display: CARER } },
  'carer (other server)': { by: { reference: 'RelatedPerson/rp-1', display: CARER } },
} as const;

/** The entry's `meta`, if any, and the reference to who added it, when not the Patient. */
const addedBy = (who: keyof typeof ADDED_BY) => {
  const { by, ...rest } = ADDED_BY[who] as { by?: object; meta?: object };
  return { by, rest };
};

const reading = (who: keyof typeof ADDED_BY): TimelineResource => {
  const { by, rest } = addedBy(who);
  return {
    resourceType: 'Observation',
    id: 'home-weight',
    status: 'final',
    ...rest,
    ...(by ? { performer: [by] } : {}),
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { text: 'Weight (home reading)' },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: '2026-11-21T09:13:00Z',
    valueQuantity: { value: 93.9, unit: 'kg' },
  } as unknown as TimelineResource;
};

const medicine = (who: keyof typeof ADDED_BY): MedicationStatement => {
  const { by, rest } = addedBy(who);
  return {
    resourceType: 'MedicationStatement',
    id: 'otc-1',
    status: 'active',
    ...rest,
    ...(by ? { informationSource: by } : { informationSource: { reference: `Patient/${patientId}` } }),
    category: { coding: [{ code: 'patientspecified' }] },
    subject: { reference: `Patient/${patientId}` },
    medicationCodeableConcept: { text: 'Ibuprofen 200mg tablets' },
    effectiveDateTime: '2026-11-01',
  } as unknown as MedicationStatement;
};

for (const who of Object.keys(ADDED_BY) as (keyof typeof ADDED_BY)[]) {
  const own = who === 'resident';
  describe(`added by the ${who}, as the resident sees it`, () => {
    it(`the timeline says ${own ? '"Added by you"' : 'the carer added it, not "you"'}`, async () => {
      const timeline = createTimeline({ patientId, organizations, audience: 'resident', now: NOW });
      timeline.add([reading(who)]);
      const element = await fixture<CareTimeline>(html`<care-timeline .model=${timeline} audience="resident"></care-timeline>`);
      await settled(element);
      const line = text($(element, '[part~="event"] .secondary'));
      if (own) expect(line).to.equal('Added by you');
      else {
        expect(line).to.contain(CARER);
        expect(line).not.to.match(/\byou\b/i);
      }
      await expect(element).to.be.accessible();
    });

    it(`the medication list names ${own ? 'you' : 'the carer'} as its source`, async () => {
      const model = medicationsViewModel(
        { requests: [], statements: [medicine(who)], patientId, notices: { withheld: false, unavailableSources: [] }, organizations },
        { audience: 'resident', now: NOW },
      );
      const element = await fixture<CareMedicationList>(
        html`<care-medication-list .model=${model} audience="resident"></care-medication-list>`,
      );
      await settled(element);
      const sources = $$(element, '.sources li').map(text);
      expect(sources).to.deep.equal([own ? 'You' : CARER]);
      await expect(element).to.be.accessible();
    });

    it(`the summary's medicines name ${own ? 'you' : 'the carer'} as the source`, async () => {
      const model = summaryViewModel([medicine(who)], { audience: 'resident', now: NOW, patientId, organizations });
      const element = await fixture<CareRecordSummary>(html`<care-record-summary .model=${model}></care-record-summary>`);
      await settled(element);
      const medicines = text($(element, '[data-section="medications"]') ?? element);
      expect(medicines).to.contain('Ibuprofen 200mg tablets');
      if (own) expect(medicines).to.contain('You');
      else {
        expect(medicines).to.contain(CARER);
        expect(medicines).not.to.match(/Source\s*You\b/);
      }
    });
  });
}

describe('the timeline’s filter chips, as the resident sees them', () => {
  const chips = (element: Element) => $$(element, '[part~="chip"]');
  const chip = (element: Element, label: string) => chips(element).find((one) => text(one).startsWith(`${label} (`));

  it('"Added by you" holds only what the resident added; "Added by your carers" what each carer added', async () => {
    const timeline = createTimeline({ patientId, organizations, audience: 'resident', now: NOW });
    timeline.add(
      (Object.keys(ADDED_BY) as (keyof typeof ADDED_BY)[]).map(
        (who, index) => ({ ...reading(who), id: `home-${index}` }) as TimelineResource,
      ),
    );
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${timeline} audience="resident"></care-timeline>`);
    await settled(element);
    expect(text(chip(element, 'Added by you'))).to.equal('Added by you (1)');
    expect(text(chip(element, 'Added by your carers'))).to.equal('Added by your carers (2)');
    for (const [label, shown] of [
      ['Added by you', ['Added by you']],
      ['Added by your carers', [`Added by ${CARER}`, `Added by ${CARER}`]],
    ] as const) {
      chip(element, label)!.click();
      await settled(element);
      expect(
        $$(element, '[part~="event"] .secondary').map((line) => text(line)),
        label,
      ).to.deep.equal(shown);
      chip(element, label)!.click();
      await settled(element);
    }
    await expect(element).to.be.accessible();
  });

  it('for a carer acting for the resident: "Added by" the resident’s name, and "Added by carers", never "you"', async () => {
    const timeline = createTimeline({ patientId, organizations, audience: 'resident', now: NOW });
    timeline.add(
      (Object.keys(ADDED_BY) as (keyof typeof ADDED_BY)[]).map(
        (who, index) => ({ ...reading(who), id: `home-${index}` }) as TimelineResource,
      ),
    );
    // What a provider with `audience="carer"` gives its elements, once the person's record names them.
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, {
      context: recordContext,
      initialValue: {
        patientId,
        audience: 'resident',
        locale: 'en-GB',
        generation: 1,
        actingFor: { name: 'Ayesha Begum', short: 'Ayesha' },
      } as unknown as RecordContext,
    });
    const element = document.createElement('care-timeline') as CareTimeline;
    element.model = timeline;
    host.append(element);
    await settled(element);
    expect(chips(element).map((one) => text(one).replace(/ \(\d+\)$/, ''))).to.include.members(['Added by Ayesha', 'Added by carers']);
    expect(
      chips(element)
        .map((one) => text(one))
        .join('\n'),
    ).not.to.match(/\byou(r)?\b/i);
    chip(element, 'Added by Ayesha')!.click();
    await settled(element);
    expect($$(element, '[part~="event"] .secondary').map((line) => text(line))).to.deep.equal(['Added by Ayesha']);
    await expect(element).to.be.accessible();
  });
});

/** An allergy the resident, or a carer, told the service about. */
const allergy = (asserter: object) => ({
  resourceType: 'AllergyIntolerance',
  id: 'al-1',
  meta: { source: 'https://care-record.example/source/F83999' },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
  code: { text: 'Penicillin' },
  patient: { reference: `Patient/${patientId}` },
  asserter,
  recordedDate: '2026-10-01',
});

for (const [asserter, audience, said, notSaid] of [
  [{ reference: `Patient/${patientId}` }, 'resident', 'Added by you', CARER],
  [{ reference: `Patient/${patientId}` }, 'clinician', 'Reported by the resident', CARER],
  [{ reference: 'RelatedPerson/rp-1', display: CARER }, 'resident', `Added by ${CARER}`, 'Added by you'],
  [{ reference: 'RelatedPerson/rp-1', display: CARER }, 'clinician', `Reported by ${CARER}`, 'Reported by the resident'],
] as const) {
  it(`an allergy asserted by ${asserter.reference.split('/')[0]}, for a ${audience}: "${said}"`, async () => {
    const model = summaryViewModel([allergy(asserter)], { audience, now: NOW, patientId, organizations });
    const element = await fixture<CareRecordSummary>(html`<care-record-summary .model=${model}></care-record-summary>`);
    await settled(element);
    const shown = text(element);
    expect(shown).to.contain('Penicillin');
    expect(shown).to.contain(said);
    expect(shown).not.to.contain(notSaid);
  });
}
