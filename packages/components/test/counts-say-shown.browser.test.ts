/**
 * A count in a heading ("Past medication (3)", "Past appointments (5)", "Reports (2)", "Past problems (1)",
 * "Resolved allergies (1)") is a bare number only when the list is whole. When a search of the list's kind could
 * not be read or was refused, a source did not answer, reading stopped early or was cut short, items were withheld,
 * unreadable or about someone else, the count says it is of what is shown (hazard H18-21): a bare "(2)" of past
 * medicines while the hospital's statements could not be read reads as all she has stopped.
 *
 * The class: every counting heading × every way a list is not whole (for each of the list's own kinds), in both
 * audiences' words, from the elements' `model`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import {
  appointmentsViewModel,
  resultsViewModel,
  type Appointment,
  type DiagnosticReport,
  type Observation,
  type RecordAudience,
  type RecordNotices,
  type SourceLabel,
} from '@care-record/sdk';
import '../src/define.js';
import { $, text } from './support/dom.js';
import { CAST, medicationsFor, NOW, organizations, resident, summaryFor } from './support/fixtures.js';

const NONE: RecordNotices = { withheld: false, unavailableSources: [] };
const HOSPITAL = { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' };
const UNREADABLE: SourceLabel = { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' };

/** One way a list is not whole: what its notices say, or an item that could not be read. */
interface Gap {
  name: string;
  notices?: Partial<RecordNotices>;
  unreadable?: boolean;
}

/** Every way a list made from searches of `types` is not whole. */
const gapsOf = (types: readonly string[]): Gap[] => [
  { name: 'a source did not answer', notices: { unavailableSources: [HOSPITAL] } },
  { name: 'reading stopped at its page limit', notices: { truncated: true } },
  { name: 'items were withheld', notices: { withheld: true } },
  { name: 'an item could not be read', unreadable: true },
  ...types.flatMap((type): Gap[] => [
    { name: `${type} could not be read`, notices: { unreadTypes: [{ type, reason: 'failed' }] } },
    { name: `${type} was cut short`, notices: { cutShortTypes: [{ type, shown: 1, total: 9 }], truncated: true } },
    { name: `${type} is not for the role`, notices: { notPermittedTypes: [type] } },
    { name: `${type} is not in the sign-in's scopes`, notices: { notPermittedTypes: [type], accessLeftOutTypes: [type] } },
  ]),
  { name: 'the server did not say which type was refused', notices: { notPermittedTypes: ['*'] } },
];

/** A heading that counts, and how to show it with a gap (or none). */
interface Counted {
  name: string;
  types: readonly string[];
  show: (audience: RecordAudience, gap: Gap | undefined) => Promise<Element>;
  summary: string;
}

/** `model` not whole as `gap` says; `unreadable`: an item that could not be read, as the model lists one. */
const withGap = <M extends { notices: RecordNotices }>(model: M, gap: Gap | undefined, unreadable: unknown = UNREADABLE): M => ({
  ...model,
  notices: { ...model.notices, ...gap?.notices },
  ...(gap?.unreadable ? { unreadable: [unreadable] } : {}),
  ...(gap?.notices?.notPermittedTypes ? { notPermitted: true } : {}),
});

function appointments(audience: RecordAudience) {
  const appointments = resident(CAST.adult).resources.filter(
    (resource): resource is Appointment => resource.resourceType === 'Appointment',
  );
  return appointmentsViewModel({ appointments, patientId: 'pat-000001', notices: NONE, organizations }, { audience, now: NOW });
}

function results(audience: RecordAudience) {
  const resources = resident(CAST.adult).resources as { resourceType: string }[];
  return resultsViewModel(
    {
      observations: resources.filter((resource): resource is Observation => resource.resourceType === 'Observation'),
      reports: resources.filter((resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport'),
      patientId: 'pat-000001',
      notices: NONE,
      organizations,
    },
    { audience },
  );
}

/** The summary with its problems (or allergies) section not whole as a section says so. */
function summaryWith(audience: RecordAudience, gap: Gap | undefined) {
  const model = summaryFor(CAST.adult, audience);
  const allergies = model.sections.allergies;
  // Resident 0 has a known allergy and none resolved: one of hers, resolved, so that the heading counts.
  const state =
    allergies.allergies.kind === 'known' ? { ...allergies.allergies, resolved: allergies.items.slice(0, 1) } : allergies.allergies;
  const patch = (section: object) => ({
    ...section,
    ...(gap?.notices?.unavailableSources ? { state: 'partial', unavailableSources: [HOSPITAL] } : {}),
    ...(gap?.notices?.withheld ? { state: 'withheld', withheld: true } : {}),
    ...(gap?.unreadable ? { unreadable: [UNREADABLE] } : {}),
    ...(gap?.name === 'another patient’s items were left out' ? { notShownSafely: true } : {}),
  });
  return {
    ...model,
    sections: {
      ...model.sections,
      problems: patch(model.sections.problems) as typeof model.sections.problems,
      allergies: patch({ ...allergies, allergies: state }) as typeof allergies,
      medications: patch(model.sections.medications) as typeof model.sections.medications,
    },
  };
}

const SUMMARY_GAPS: Gap[] = [
  { name: 'a source did not answer', notices: { unavailableSources: [HOSPITAL] } },
  { name: 'items were withheld', notices: { withheld: true } },
  { name: 'an item could not be read', unreadable: true },
  { name: 'another patient’s items were left out' },
];

const COUNTED: Counted[] = [
  {
    name: 'past medicines',
    types: ['MedicationRequest', 'MedicationStatement'],
    summary: '[part~="past"] > summary',
    show: (audience, gap) =>
      fixture(
        html`<care-medication-list
          .model=${withGap(medicationsFor(CAST.adult, audience), gap)}
          audience=${audience}
        ></care-medication-list>`,
      ),
  },
  {
    name: 'past appointments',
    types: ['Appointment'],
    summary: '[part~="past"] > summary',
    show: (audience, gap) =>
      fixture(
        html`<care-appointments
          .model=${withGap(appointments(audience), gap, { source: UNREADABLE })}
          audience=${audience}
        ></care-appointments>`,
      ),
  },
  {
    name: 'reports',
    types: ['DiagnosticReport'],
    summary: '[part~="reports"] > summary',
    show: (audience, gap) =>
      fixture(html`<care-results .model=${withGap(results(audience), gap, { source: UNREADABLE })} audience=${audience}></care-results>`),
  },
];

const BARE = /\(\d+\)$/;
const SHOWN = /\(\d+ shown, (may not be all|there may be more)\)$/;

/** The summary's counts: where each is read, and how it reads whole and not. */
const SUMMARY_COUNTS: { name: string; said: (element: Element) => string | undefined; bare: RegExp; shown: RegExp }[] = [
  { name: 'past problems', said: (element) => summaryOf(element, /^Past (problems|health conditions)/), bare: BARE, shown: SHOWN },
  { name: 'resolved allergies', said: (element) => summaryOf(element, /^(Resolved|Past)/), bare: BARE, shown: SHOWN },
  {
    name: 'current medicines',
    said: (element) => {
      const headline = (element.shadowRoot ?? element).querySelector('[data-section="medications"] .headline');
      return headline ? text(headline) : undefined;
    },
    // "3 current medicines: 2 repeat, 1 acute", "You have 3 current medicines"; not whole: "… shown, may not be all".
    bare: /^(You have )?\d+ current medicines?(: .*)?$/,
    shown: /\d+ current medicines? shown, (may not be all|there may be more)/,
  },
];

function summaryOf(element: Element, heading: RegExp): string | undefined {
  const root = element.shadowRoot ?? element;
  return [...root.querySelectorAll('details > summary')].map((summary) => text(summary)).find((said) => heading.test(said));
}

for (const audience of ['clinician', 'resident'] as const)
  describe(`${audience}: a count in a heading is bare only for a whole list`, () => {
    it('every counting list × every gap', async () => {
      const wrong: string[] = [];
      let cases = 0;
      for (const counted of COUNTED)
        for (const gap of [undefined, ...gapsOf(counted.types)]) {
          cases += 1;
          const element = await counted.show(audience, gap);
          const summary = $(element, counted.summary);
          const said = summary ? text(summary) : '(no heading)';
          const expected = gap === undefined ? BARE : SHOWN;
          if (!expected.test(said)) wrong.push(`${counted.name}, ${gap?.name ?? 'whole'}: "${said}"`);
        }
      for (const gap of [undefined, ...SUMMARY_GAPS]) {
        const element = await fixture(html`<care-record-summary .model=${summaryWith(audience, gap)}></care-record-summary>`);
        for (const { name, said: saidIn, bare, shown } of SUMMARY_COUNTS) {
          cases += 1;
          const said = saidIn(element) ?? '(no heading)';
          const expected = gap === undefined ? bare : shown;
          if (!expected.test(said)) wrong.push(`${name}, ${gap?.name ?? 'whole'}: "${said}"`);
        }
      }
      expect(wrong, `${wrong.length} of ${cases} said otherwise`).to.deep.equal([]);
    });
  });

it('the reported case: the hospital’s statements could not be read, and the past medicines do not read as all', async () => {
  const model = withGap(medicationsFor(CAST.adult), {
    name: '',
    notices: { unreadTypes: [{ type: 'MedicationStatement', reason: 'failed' }] },
  });
  const element = await fixture(html`<care-medication-list .model=${model}></care-medication-list>`);
  const said = text($(element, '[part~="past"] > summary')!);
  expect(said).to.match(/\(2 shown, may not be all\)$/);
  await expect(element).to.be.accessible();
});
