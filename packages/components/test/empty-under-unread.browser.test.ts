/**
 * An empty list under a search that could not be read, or whose answer was cut short, says nothing of "none": not
 * "No test results recorded", and not "Nothing recorded by the services that answered" either — the service whose
 * search failed may have answered the others (reviewer R20). The notice above the list names what could not be read.
 * Reported: the summary's problems section with its Condition search failed said "Nothing recorded by the services
 * that answered" under "This could not be read"; results cut short ("0 of 3") said "No test results recorded".
 *
 * The class: every list with a way to be empty (the summary's sections, the medication list, results, appointments)
 * × every search of its own kinds failed or cut short, with and without a source that did not answer, in both
 * audiences' words.
 */
import { expect, fixture, html } from '@open-wc/testing';
import {
  appointmentsViewModel,
  resultsViewModel,
  summaryViewModel,
  type RecordAudience,
  type RecordNotices,
  type SummarySectionKey,
} from '@care-record/sdk';
import '../src/define.js';
import { text } from './support/dom.js';
import { CAST, medicinesModel, NOW, organizations, resident } from './support/fixtures.js';

const HOSPITAL = { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' };
/** Words that say there is nothing: "No … recorded", "You have no …", "Nothing recorded …" (not "… to show"). */
const NONE_WORDS = /recorded|you have no|has no|nothing|^no (test results|medicines|appointments)$/i;

/** One search of `type` not read whole: failed, or cut short. */
const gapsOf = (type: string): { name: string; notices: Partial<RecordNotices> }[] => [
  { name: `${type} could not be read`, notices: { unreadTypes: [{ type, reason: 'failed' }] } },
  { name: `${type} was cut short`, notices: { cutShortTypes: [{ type, shown: 0, total: 3 }], truncated: true } },
];

const noticesOf = (gap: Partial<RecordNotices>, sourceDown: boolean): RecordNotices => ({
  withheld: false,
  unavailableSources: sourceDown ? [HOSPITAL] : [],
  ...gap,
});

/** The "empty" lines of an element (its own, and inside its sections). */
const emptyLines = (element: Element) => [...(element.shadowRoot ?? element).querySelectorAll('.empty')].map((line) => text(line));

const SUMMARY_SECTIONS: [SummarySectionKey, string[]][] = [
  ['problems', ['Condition']],
  ['medications', ['MedicationRequest', 'MedicationStatement']],
  ['procedures', ['Procedure']],
  ['immunisations', ['Immunization']],
  ['carePlans', ['CarePlan']],
  ['goals', ['Goal']],
];

for (const audience of ['clinician', 'resident'] as const satisfies readonly RecordAudience[])
  describe(`${audience}: nothing reads as none under a search not read whole`, () => {
    it('the lists', async () => {
      const patientId = resident(CAST.adult).patient.id!;
      const lists: { name: string; types: string[]; show: (notices: RecordNotices) => Promise<Element> }[] = [
        {
          name: 'medication list',
          types: ['MedicationRequest', 'MedicationStatement'],
          show: (notices) =>
            fixture(
              html`<care-medication-list .model=${medicinesModel([], { audience, notices })} audience=${audience}></care-medication-list>`,
            ),
        },
        {
          name: 'results',
          types: ['Observation', 'DiagnosticReport'],
          show: (notices) =>
            fixture(
              html`<care-results
                .model=${resultsViewModel({ observations: [], reports: [], patientId: 'pat-000001', notices, organizations }, { audience })}
                audience=${audience}
              ></care-results>`,
            ),
        },
        {
          name: 'appointments',
          types: ['Appointment'],
          show: (notices) =>
            fixture(
              html`<care-appointments
                .model=${appointmentsViewModel({ appointments: [], patientId: 'pat-000001', notices, organizations }, { audience, now: NOW })}
                audience=${audience}
              ></care-appointments>`,
            ),
        },
        ...SUMMARY_SECTIONS.map(([key, types]) => ({
          name: `summary ${key}`,
          types,
          show: async (notices: RecordNotices) => {
            const model = summaryViewModel([resident(CAST.adult).patient], { audience, now: NOW, patientId, organizations, notices });
            const element = await fixture(html`<care-record-summary .model=${model}></care-record-summary>`);
            const section = element.shadowRoot?.querySelector(`[data-section="${key}"]`);
            if (!section) throw new Error(`no ${key} section`);
            return section;
          },
        })),
      ];
      const wrong: string[] = [];
      let cases = 0;
      for (const list of lists)
        for (const type of list.types)
          for (const gap of gapsOf(type))
            for (const sourceDown of [false, true]) {
              cases += 1;
              const element = await list.show(noticesOf(gap.notices, sourceDown));
              const said = emptyLines(element).filter((line) => NONE_WORDS.test(line));
              if (said.length > 0) wrong.push(`${list.name}, ${gap.name}${sourceDown ? ', a source down' : ''}: ${said.join(' / ')}`);
            }
      expect(wrong.join('\n'), `${wrong.length} of ${cases} said none`).to.equal('');
    });
  });
