/**
 * Test results for the resident (pat-000001 of the synthetic borough): each
 * test's latest result in plain words, a chart per test that the keyboard
 * can walk point by point, every result in a table, and the loading, empty,
 * partial, withheld and error states — all axe-checked, in a German,
 * New York browser that must not change a single date.
 */
import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  HUB_SUMMARY_DEFINITION,
  HubError,
  NOT_SHOWN_SAFELY_NOTICE,
  resultsViewModel,
  type DiagnosticReport,
  type Observation,
  type RecordAudience,
  type RecordNotices,
  type ResultsViewModel,
} from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider, CareResults, CareSelectDetail } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { organizations, resident } from './support/fixtures.js';
import { createResidentHub, sourceUnavailable } from './support/resident-hub.js';

const NONE: RecordNotices = { withheld: false, unavailableSources: [] };

function resultsFor(audience: RecordAudience = 'resident', notices = NONE, edit = (resources: unknown[]) => resources): ResultsViewModel {
  const record = resident(0);
  const resources = edit(record.resources) as { resourceType: string }[];
  return resultsViewModel(
    {
      observations: resources.filter((resource): resource is Observation => resource.resourceType === 'Observation'),
      reports: resources.filter((resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport'),
      patientId: 'pat-000001',
      notices,
      organizations,
    },
    { audience },
  );
}

/** Only the named test, so that the keyboard path is short and certain. */
const only = (model: ResultsViewModel, name: string): ResultsViewModel => ({
  ...model,
  tests: model.tests.filter((test) => test.name === name),
});

const show = (model: ResultsViewModel | undefined, audience: RecordAudience = 'resident') =>
  fixture<CareResults>(html`<care-results .model=${model} audience=${audience}></care-results>`);

const focused = (element: Element): Element | null => element.shadowRoot!.activeElement;

/** Opens a test's table of readings, as a person would, and waits for its rows (rendered when first opened). */
async function openTable(element: CareResults, test: Element): Promise<HTMLTableRowElement[]> {
  test.querySelector<HTMLElement>('[part~="table-disclosure"] > summary')!.click();
  await until(() => test.querySelector('tbody tr') !== null, 2000, 'the table rows');
  await element.updateComplete;
  return [...test.querySelectorAll<HTMLTableRowElement>('tbody tr')];
}
const tests = (element: Element) => $$(element, '[part~="test"]');

/** Every HbA1c result taken at the time `when` gives for it (0 = the first in the record). */
const hba1cAt = (when: (index: number) => string) => {
  let index = 0;
  return (resources: unknown[]) =>
    resources.map((resource) => {
      const observation = resource as Observation;
      return observation.resourceType === 'Observation' && observation.code?.text === 'HbA1c'
        ? { ...observation, effectiveDateTime: when(index++) }
        : resource;
    });
};

/**
 * Results where the ones `about` picks are about another resident (pat-000002), as a faulty source might send them;
 * with `reports`, the reports too.
 */
const aboutSomeoneElse =
  (about: (observation: Observation) => boolean, reports = false) =>
  (resources: unknown[]) =>
    resources.map((resource) => {
      const observation = resource as Observation;
      return (observation.resourceType === 'Observation' && about(observation)) ||
        (reports && (resource as { resourceType: string }).resourceType === 'DiagnosticReport')
        ? { ...observation, subject: { reference: 'Patient/pat-000002' } }
        : resource;
    });

/** The dates under a chart's axis, with where Chromium laid them out. */
const dateLabels = (element: Element) =>
  $$(element, '[part~="chart"] text.date').map((label) => {
    const box = (label as unknown as SVGTextElement).getBBox();
    return { text: text(label), anchor: label.getAttribute('text-anchor'), left: box.x, right: box.x + box.width };
  });

/**
 * `count` HbA1c results, a day apart back from 26 June 2026, some above the usual range: as many readings as a
 * resident who shares daily home readings for years gives one chart (the first HbA1c result, copied).
 */
const manyHba1c = (count: number) => (resources: unknown[]) => {
  const first = resources.find(
    (resource) => (resource as Observation).resourceType === 'Observation' && (resource as Observation).code?.text === 'HbA1c',
  ) as Observation;
  const rest = resources.filter((resource) => resource !== first && (resource as Observation).code?.text !== 'HbA1c');
  const end = Date.parse('2026-06-26T09:00:00Z');
  // Without its interpretation, so that where each result sits is read from its value and the range.
  const { interpretation: _interpretation, ...plain } = first;
  const copies = Array.from({ length: count }, (_, index) => ({
    ...plain,
    id: `hba1c-${index}`,
    effectiveDateTime: new Date(end - (count - 1 - index) * 86_400_000).toISOString(),
    valueQuantity: { ...first.valueQuantity, value: 36 + ((index * 7) % 11) },
  }));
  return [...rest, ...copies];
};

/** The readings drawn as marks in a chart: a shape each in one path per kind (a dense chart), else an element each. */
const marksDrawn = (chart: Element): number => {
  const paths = [...chart.querySelectorAll('.marks path.mark')];
  return paths.length > 0
    ? paths.reduce((sum, path) => sum + (path.getAttribute('d')!.match(/M/g) ?? []).length, 0)
    : chart.querySelectorAll('g.point').length;
};

describe('care-results', () => {
  describe('from a model, for a resident', () => {
    it('lists each test with its latest result in plain words, its range and where it came from', async function () {
      // Seventeen tests (laboratory, vital signs and the resident's own readings) and their axe check.
      this.timeout(10_000);
      const element = await show(resultsFor());
      expect(text($(element, '[part~="heading"]'))).to.equal('Your test results');
      const hba1c = tests(element).find((test) => text(test.querySelector('h3')) === 'HbA1c')!;
      expect(text(hba1c.querySelector('.latest'))).to.equal('Latest result 43 mmol/mol Above the usual range');
      expect(text(hba1c.querySelector('.facts'))).to.equal(
        'Date 26 June 2026 10:10am Usual range 41 mmol/mol or less From Highbury Vale Hospital NHS Trust',
      );
      const creatinine = tests(element).find((test) => text(test.querySelector('h3')) === 'Serum creatinine')!;
      expect(text(creatinine.querySelector('.facts'))).to.match(/ Test [A-Z][a-z]+/);
      expect(text(hba1c.querySelector('[part~="summary"]'))).to.equal(
        'Your last 6 HbA1c results, from 2 January 2024 to 26 June 2026. The latest, 43 mmol/mol on 26 June 2026: it is above the usual range (41 mmol/mol or less).',
      );
      expect(tests(element)).to.have.length(17);
      expect(text(element)).not.to.match(BAD_TEXT);
      await expect(element).to.be.accessible();
    });

    it('draws a chart per test: the usual range as a band, points marked by shape as well as words', async () => {
      const element = await show(only(resultsFor(), 'HbA1c'));
      const chart = $(element, '[part~="chart"]')!;
      expect(chart.getAttribute('aria-label')).to.equal('HbA1c results over time');
      const points = [...chart.querySelectorAll('.point')];
      expect(points).to.have.length(6);
      expect(chart.querySelector('.band')).not.to.equal(null);
      // Above the range is a triangle pointing up, within is a circle: the shape differs, not just the colour.
      const above = chart.querySelector('.point--above path')!.getAttribute('d')!;
      const within = chart.querySelector('.point--within path')?.getAttribute('d');
      expect(above).to.match(/^M 0 -/);
      if (within) expect(within).to.contain(' A ');
      expect(points.map((point) => point.getAttribute('aria-label'))[5]).to.equal(
        'HbA1c 43 mmol/mol on 26 June 2026 at 10:10am, above the usual range',
      );
      expect(text($(element, '.legend'))).to.contain('Shaded band: the usual range (41 mmol/mol or less)');
      // No inline styles: a strict CSP would block them.
      expect(element.shadowRoot!.querySelectorAll('[style]')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('is one tab stop per chart; the arrow keys, Home and End walk the points, then Tab reaches the table', async () => {
      const element = await show(only(resultsFor(), 'HbA1c'));
      const labels = $$(element, '.point').map((point) => point.getAttribute('aria-label'));
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(labels[5]);
      expect($$(element, '.point').filter((point) => point.getAttribute('tabindex') === '0')).to.have.length(1);
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(labels[4]);
      expect(text($(element, '[part~="readout"]'))).to.equal(labels[4]);
      await sendKeys({ press: 'Home' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(labels[0]);
      await sendKeys({ press: 'ArrowLeft' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(labels[0]);
      await sendKeys({ press: 'End' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(labels[5]);
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.localName).to.equal('summary');
      expect(text(focused(element))).to.equal('Show all 6 results as a table');
      await sendKeys({ press: 'Enter' });
      const disclosure = $(element, '[part~="table-disclosure"]') as HTMLDetailsElement;
      expect(disclosure.open).to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.classList.contains('table-scroll')).to.equal(true);
      const rows = [...disclosure.querySelectorAll('tbody tr')].map((row) => text(row));
      expect(rows[0]).to.equal(
        '26 June 2026 10:10am 43 mmol/mol Above the usual range 41 mmol/mol or less Highbury Vale Hospital NHS Trust',
      );
      expect(rows).to.have.length(6);
      await expect(element).to.be.accessible();
    });

    it('tells the host which result was chosen on the chart', async () => {
      const element = await show(only(resultsFor(), 'HbA1c'));
      const chosen: CareSelectDetail[] = [];
      element.addEventListener('care-select', (event) => chosen.push(event.detail));
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      expect(chosen).to.have.length(1);
      expect(chosen[0]!.resourceType).to.equal('Observation');
      expect(chosen[0]!.id).to.match(/^pat-000001-obs-\d+$/);
    });

    it('keeps UK dates in a German browser in New York', async () => {
      // 00:30 in London on 6 March is still 5 March in New York, and "März" in German.
      const model = resultsFor('resident', NONE, (resources) =>
        resources.map((resource) => {
          const observation = resource as Observation;
          return observation.resourceType === 'Observation' && observation.code?.text === 'HbA1c'
            ? { ...observation, effectiveDateTime: '2027-03-06T00:30:00Z' }
            : resource;
        }),
      );
      const element = await show(only(model, 'HbA1c'));
      expect(text(element)).to.contain('6 March 2027');
      expect(text(element)).not.to.match(/5 March 2027|März|06\.03\./);
    });

    it('puts the first and last dates under the ends of the axis, apart and inside the chart', async () => {
      const element = await show(only(resultsFor(), 'HbA1c'));
      const [first, last, ...more] = dateLabels(element);
      expect(more).to.have.length(0);
      expect(first!.text).to.equal('2 January 2024');
      expect(last!.text).to.equal('26 June 2026');
      expect(last!.left - first!.right).to.be.above(40);
      expect(first!.left).to.be.at.least(0);
      expect(last!.right).to.be.at.most(560);
    });

    it('gives the date once when the results were all taken at the same time, and never overlaps it with itself', async () => {
      const model = resultsFor(
        'resident',
        NONE,
        hba1cAt(() => '2026-06-26T09:00:00Z'),
      );
      const element = await show(only(model, 'HbA1c'));
      expect($$(element, '.point')).to.have.length(6);
      const labels = dateLabels(element);
      expect(labels.map((label) => label.text)).to.deep.equal(['26 June 2026']);
      expect(labels[0]!.anchor).to.equal('middle');
      expect(labels[0]!.left).to.be.at.least(0);
      expect(labels[0]!.right).to.be.at.most(560);
      await expect(element).to.be.accessible();
    });

    it('gives the date once when the results were taken on one day at different times', async () => {
      const model = resultsFor(
        'resident',
        NONE,
        hba1cAt((index) => `2026-06-26T0${index + 1}:00:00Z`),
      );
      const element = await show(only(model, 'HbA1c'));
      expect(dateLabels(element).map((label) => label.text)).to.deep.equal(['26 June 2026']);
      // The points still spread along the axis, so the keyboard and the eye can tell them apart.
      const xs = $$(element, '.point').map((point) => point.getAttribute('transform'));
      expect(new Set(xs).size).to.equal(6);
    });

    it('renders markup in test names, values and sources as text', async () => {
      const payload = '<img src=x onerror=alert(1)>';
      const model = only(resultsFor(), 'HbA1c');
      const [test] = model.tests;
      const latest = { ...test!.latest, valueText: '<script>alert(2)</script>', source: { odsCode: 'X', name: payload } };
      const element = await show({ ...model, tests: [{ ...test!, name: payload, latest, summary: payload }] });
      expect(text(element.shadowRoot!.querySelector('h3'))).to.equal(payload);
      expect(text(element)).to.contain('<script>alert(2)</script>');
      expect($$(element, 'img, script')).to.have.length(0);
    });
  });

  describe('a long history', () => {
    it('draws the first charts at once and the rest as they come near, or are reached with Tab, or printed', async function () {
      this.timeout(10_000);
      const element = await show(resultsFor());
      expect(tests(element).length, 'enough tests to go below the screen').to.be.greaterThan(4);
      const drawn = () => $$(element, 'svg.chart').length;
      const pending = () => $$(element, '.chart--pending');
      expect(drawn()).to.be.at.least(2);
      expect(pending().length, 'charts far below the screen wait').to.be.greaterThan(0);
      // A chart not drawn yet is a box of the chart's size and one tab stop, named like the chart (the farthest down: no other waits longer).
      const waiting = pending().at(-1)!;
      const test = waiting.closest('[part~="test"]')!;
      expect(waiting.getBoundingClientRect().height).to.equal(200);
      expect(waiting.getAttribute('aria-label')).to.match(/ results over time$/);
      await expect(element).to.be.accessible();

      // Reached with Tab: it is drawn, and focus moves to its latest point.
      waiting.focus();
      await until(() => test.querySelector('svg.chart') !== null, 2000, 'the chart drawn');
      await until(() => focused(element)?.classList.contains('point') ?? false, 2000, 'focus on a point');
      expect(test.contains(focused(element))).to.equal(true);

      // Scrolled near: drawn.
      const next = pending()[0];
      expect(next, 'a chart still waiting further down').to.not.equal(undefined);
      const nextTest = next!.closest('[part~="test"]')!;
      nextTest.scrollIntoView();
      await until(() => nextTest.querySelector('svg.chart') !== null, 2000, 'a chart drawn when scrolled to');

      // Taken off the page (a host moving it to another panel) and put back: what comes near is still drawn.
      window.scrollTo(0, 0);
      const parent = element.parentElement!;
      element.remove();
      parent.append(element);
      await element.updateComplete;
      const later = pending()[0];
      expect(later, 'a chart still waiting after the move').to.not.equal(undefined);
      const laterTest = later!.closest('[part~="test"]')!;
      laterTest.scrollIntoView();
      await until(() => laterTest.querySelector('svg.chart') !== null, 2000, 'a chart drawn when scrolled to after the move');

      // Printing draws every chart there is.
      const fresh = await show(resultsFor());
      expect($$(fresh, '.chart--pending').length).to.be.greaterThan(0);
      window.dispatchEvent(new Event('beforeprint'));
      await fresh.updateComplete;
      expect($$(fresh, '.chart--pending')).to.have.length(0);
      expect($$(fresh, 'svg.chart').length).to.equal(tests(fresh).filter((item) => item.querySelector('figure')).length);
    });

    it('draws thousands of readings without an element each; the keyboard and a click still reach every one', async function () {
      // A resident who shares a home reading every day for four years: 1,500 readings on one chart.
      this.timeout(20_000);
      const model = only(resultsFor('resident', NONE, manyHba1c(1500)), 'HbA1c');
      const plotted = model.tests[0]!.plotted;
      expect(plotted).to.have.length(1500);
      const element = await show(model);
      const chart = $(element, 'svg.chart')!;
      // One element for the chosen reading; every reading still drawn, by its shape (above the range: a triangle).
      expect(chart.querySelectorAll('.point').length).to.equal(1);
      expect(marksDrawn(chart)).to.equal(1500);
      const kinds = [...chart.querySelectorAll('.marks path.mark')].map((path) => path.getAttribute('class'));
      expect(kinds).to.deep.equal(['mark mark--within', 'mark mark--above']);
      expect(chart.querySelectorAll('*').length).to.be.below(40);

      const chosen: CareSelectDetail[] = [];
      element.addEventListener('care-select', (event) => chosen.push(event.detail));
      await sendKeys({ press: 'Tab' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(plotted[1499]!.description);
      const latest = focused(element);
      await sendKeys({ press: 'ArrowLeft' });
      // A new element for the next reading, so that focus moves and a screen reader says it.
      expect(focused(element)?.getAttribute('aria-label')).to.equal(plotted[1498]!.description);
      expect(focused(element)).to.not.equal(latest);
      expect(text($(element, '[part~="readout"]'))).to.equal(plotted[1498]!.description);
      await sendKeys({ press: 'Home' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(plotted[0]!.description);
      await sendKeys({ press: 'End' });
      expect(focused(element)?.getAttribute('aria-label')).to.equal(plotted[1499]!.description);
      await sendKeys({ press: 'Enter' });
      expect(chosen.map((detail) => detail.id)).to.deep.equal(['hba1c-1499']);

      // A click chooses the reading nearest along the time axis, and focus goes to it.
      const width = Number(chart.getAttribute('viewBox')!.split(' ')[2]);
      const box = chart.getBoundingClientRect();
      // Where a reading is along the axis (the plot runs from 60 units to 24 short of the width, oldest to latest).
      const xOf = (index: number) => {
        const first = plotted[0]!.instant!;
        const last = plotted[1499]!.instant!;
        return 60 + ((plotted[index]!.instant! - first) / (last - first)) * (width - 24 - 60);
      };
      for (const index of [0, 400, 1499]) {
        const at = xOf(index);
        chart.querySelector('.marks')!.dispatchEvent(
          new MouseEvent('click', {
            bubbles: true,
            composed: true,
            clientX: box.left + (at * box.width) / width,
            clientY: box.top + 100,
          }),
        );
        await element.updateComplete;
        await nextFrame();
        // The nearest reading to where the click landed (a click lands on a whole pixel; readings are a third of one apart).
        const picked = Number(chosen.at(-1)!.id.replace('hba1c-', ''));
        expect(Math.abs(xOf(picked) - at), `clicked at reading ${index}, chose ${picked}`).to.be.at.most(1);
        expect(focused(element)?.getAttribute('aria-label')).to.equal(plotted[picked]!.description);
      }
      await expect(element).to.be.accessible();
    });

    it('keeps a chart’s elements bounded and every reading reachable, however many readings it has', async function () {
      this.timeout(30_000);
      for (const count of [2, 7, 119, 120, 121, 122, 400, 3000]) {
        const model = only(resultsFor('resident', NONE, manyHba1c(count)), 'HbA1c');
        const plotted = model.tests[0]!.plotted;
        const element = await show(model);
        const chart = $(element, 'svg.chart')!;
        expect(marksDrawn(chart), `${count} readings drawn`).to.equal(count);
        // The axes, band and line, and at most three elements for each of at most 120 readings.
        expect(chart.querySelectorAll('*').length, `${count} readings: elements`).to.be.at.most(30 + 3 * Math.min(count, 120));
        expect(chart.querySelectorAll('.point[tabindex="0"]').length, `${count} readings: one tab stop`).to.equal(1);
        (chart.querySelector('.point[tabindex="0"]') as SVGGElement).focus();
        await sendKeys({ press: 'Home' });
        expect(focused(element)?.getAttribute('aria-label'), `${count}: Home`).to.equal(plotted[0]!.description);
        await sendKeys({ press: 'ArrowRight' });
        expect(focused(element)?.getAttribute('aria-label'), `${count}: ArrowRight`).to.equal(plotted[1]!.description);
        await sendKeys({ press: 'End' });
        expect(focused(element)?.getAttribute('aria-label'), `${count}: End`).to.equal(plotted[count - 1]!.description);
        element.remove();
      }
    });

    it('builds a table’s rows when it is first opened, and keeps them', async () => {
      const element = await show(resultsFor());
      const first = tests(element)[0]!;
      expect(first.querySelector('tbody tr'), 'no rows before the table is opened').to.equal(null);
      const rows = await openTable(element, first);
      expect(rows.length).to.equal(Number(/\d+/.exec(text(first.querySelector('summary')))?.[0]));
      first.querySelector<HTMLElement>('[part~="table-disclosure"] > summary')!.click();
      await element.updateComplete;
      expect(first.querySelectorAll('tbody tr')).to.have.length(rows.length);
    });
  });

  describe('what a result is said to mean (results review)', () => {
    /** Every HbA1c result, with `fields` on top. */
    const hba1cWith = (fields: Record<string, unknown>) => (resources: unknown[]) =>
      resources.map((resource) =>
        (resource as Observation).resourceType === 'Observation' && (resource as Observation).code?.text === 'HbA1c'
          ? { ...(resource as Observation), ...fields }
          : resource,
      );
    const hba1c = (element: Element) => tests(element).find((test) => text(test.querySelector('h3')) === 'HbA1c')!;

    for (const [status, clinician, resident] of [
      ['amended', 'Amended', 'Updated'],
      ['corrected', 'Corrected', 'Corrected'],
    ] as const) {
      it(`marks a ${status} result as ${clinician} (clinicians) and ${resident} (residents)`, async function () {
        // Two whole records, each with its table opened and axe-checked.
        this.timeout(10_000);
        for (const [audience, label] of [
          ['clinician', clinician],
          ['resident', resident],
        ] as const) {
          const element = await show(resultsFor(audience, NONE, hba1cWith({ status })), audience);
          const test = hba1c(element);
          expect(text(test.querySelector('.tag--status'))).to.equal(label);
          const rows = await openTable(element, test);
          expect(rows.every((row) => text(row).includes(label))).to.equal(true);
          await expect(element).to.be.accessible();
        }
      });
    }

    it('shows the laboratory’s own words when it gave an interpretation only in words', async () => {
      const element = await show(resultsFor('clinician', NONE, hba1cWith({ interpretation: [{ text: 'Critically high' }] })), 'clinician');
      const test = hba1c(element);
      expect(text(test.querySelector('[part~="tag"]'))).to.equal('Lab: Critically high');
      expect(test.querySelector('.flag')).to.equal(null);
      await expect(element).to.be.accessible();
    });
  });

  describe('states', () => {
    it('says "You have no test results" when there are none', async () => {
      const element = await show({ ...resultsFor(), tests: [], reports: [] });
      expect(text(element)).to.equal('Your test results You have no test results');
      await expect(element).to.be.accessible();
    });

    it('says when older results were not loaded, and shows those that were', async () => {
      const element = await show(resultsFor('resident', { withheld: false, unavailableSources: [], truncated: true }));
      expect(text($(element, '[part~="notice"]'))).to.equal('Only the most recent items are shown: older ones were not loaded');
      expect(tests(element)).to.have.length(17);
      await expect(element).to.be.accessible();
    });

    it('R17: says how many of how many when an answer was cut short, and when a search could not be read', async () => {
      const cut = {
        withheld: false,
        unavailableSources: [],
        truncated: true,
        cutShortTypes: [{ type: 'Observation', shown: 13, total: 18 }],
      };
      const element = await show(resultsFor('resident', cut));
      expect(text($(element, '[part~="notice"]'))).to.equal(
        'Only 13 of the 18 items the server counted could be read: this may be incomplete',
      );
      expect(tests(element)).to.have.length(17);
      const unread = {
        withheld: false,
        unavailableSources: [],
        unreadTypes: [{ type: 'DiagnosticReport', reason: 'the server does not support this search' }],
      };
      const failed = await show(resultsFor('resident', unread));
      expect(text($(failed, '[part~="notice"]'))).to.equal('Test reports could not be read: the server does not support this search');
      await expect(element).to.be.accessible();
    });

    it('says some information is not shown, and shows the rest', async () => {
      const element = await show(resultsFor('resident', { withheld: true, unavailableSources: [] }));
      expect(text($(element, '[part~="notice"]'))).to.equal('Some information is not shown');
      expect(tests(element)).to.have.length(17);
      await expect(element).to.be.accessible();
    });

    it('names a source that did not answer, and never calls the rest "none"', async () => {
      const down = { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] };
      const element = await show({ ...resultsFor('resident', down), tests: [], reports: [] });
      expect(text($(element, '[part~="notice"]'))).to.equal('Information from Highbury Vale Hospital NHS Trust is unavailable');
      expect(text(element)).to.contain('Nothing recorded by the services that answered');
      expect(text(element)).not.to.contain('You have no test results');
      await expect(element).to.be.accessible();
    });

    it('warns when results about someone else were left out, and shows the rest', async () => {
      const element = await show(
        resultsFor(
          'resident',
          NONE,
          aboutSomeoneElse((observation) => observation.code?.text === 'HbA1c'),
        ),
      );
      const notices = $$(element, '[part~="notice"]');
      expect(notices.map((notice) => text(notice))).to.deep.equal(['Some results were not shown because they are about someone else.']);
      expect(notices[0]!.classList.contains('notice--warning')).to.equal(true);
      expect(tests(element)).to.have.length(16);
      expect(tests(element).map((test) => text(test.querySelector('h3')))).not.to.include('HbA1c');
      await expect(element).to.be.accessible();
    });

    it('never says "You have no test results" when every result was about someone else', async () => {
      const element = await show(
        resultsFor(
          'resident',
          NONE,
          aboutSomeoneElse(() => true, true),
        ),
      );
      expect(text(element)).to.equal(
        'Your test results Some results were not shown because they are about someone else. Some items could not be shown safely, so this may not be everything recorded',
      );
      await expect(element).to.be.accessible();
    });

    it('never says there are none when another patient’s items came, however they name whose; own results stay', async () => {
      // Every way a source may name (or fail to name) someone else; the resident's own results are kept beside them.
      const forms: Record<string, unknown>[] = [
        { subject: { reference: 'Patient/pat-000002' } },
        { subject: { reference: 'https://other.example/fhir/Patient/pat-000003' } },
        { contained: [{ resourceType: 'Patient', id: 'who' }], subject: { reference: '#who' } },
        { subject: { reference: 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009' } },
        { subject: undefined },
      ];
      const all = resultsFor('clinician');
      for (const form of forms) {
        for (const keepOwn of [false, true]) {
          const strays = (resources: unknown[]) =>
            resources.map((resource) => {
              const typed = resource as { resourceType: string; code?: { text?: string } };
              const stray =
                typed.resourceType === 'DiagnosticReport' ||
                (typed.resourceType === 'Observation' && (!keepOwn || typed.code?.text === 'HbA1c'));
              return stray ? { ...typed, ...form } : resource;
            });
          const element = await show(resultsFor('clinician', NONE, strays), 'clinician');
          const said = text(element);
          expect(said, JSON.stringify(form)).not.to.match(/No test results|Nothing recorded/);
          if (keepOwn) {
            expect(tests(element).length, JSON.stringify(form)).to.equal(all.tests.length - 1);
            expect(tests(element).map((test) => text(test.querySelector('h3')))).not.to.include('HbA1c');
          } else {
            expect(tests(element)).to.have.length(0);
            expect(text($(element, '.empty')), JSON.stringify(form)).to.equal(NOT_SHOWN_SAFELY_NOTICE);
          }
        }
      }
    });

    it('says so to clinicians too, before a source that did not answer, and never "none"', async () => {
      const down = { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] };
      const element = await show(
        resultsFor(
          'clinician',
          down,
          aboutSomeoneElse(() => true, true),
        ),
        'clinician',
      );
      expect($$(element, '[part~="notice"]').map((notice) => text(notice))).to.deep.equal([
        'Some results were not shown because they are about a different patient.',
        'Information from Highbury Vale Hospital NHS Trust is unavailable',
      ]);
      expect(text($(element, '.empty'))).to.equal(NOT_SHOWN_SAFELY_NOTICE);
      expect(text(element)).not.to.match(/No test results|Nothing recorded/);
      await expect(element).to.be.accessible();
    });

    it('gives clinicians CUI dates, reference ranges and H/L flags', async () => {
      const element = await show(only(resultsFor('clinician'), 'HbA1c'), 'clinician');
      expect(text($(element, '[part~="heading"]'))).to.equal('Test results');
      expect(text($(element, '.latest'))).to.equal('Latest 43 mmol/mol High');
      const rows = (await openTable(element, tests(element)[0]!)).map((row) => text(row));
      expect(rows[0]).to.equal('26-Jun-2026 10:10 43 mmol/mol H High ≤ 41 mmol/mol Highbury Vale Hospital NHS Trust');
      await expect(element).to.be.accessible();
    });

    it('shows a result with nothing to name it by, a value in words without a tag, and no tag for a result with no value', async () => {
      const hba1c = (observation: Observation) => observation.resourceType === 'Observation' && observation.code?.text === 'HbA1c';
      let seen = 0;
      const model = resultsFor('resident', NONE, (resources) =>
        resources.map((resource) => {
          const observation = resource as Observation;
          if (!hba1c(observation)) return resource;
          seen += 1;
          // A newest HbA1c with no value, but with the laboratory's "normal" flag.
          if (seen === 6)
            return {
              ...observation,
              effectiveDateTime: '2026-06-30T09:00:00Z',
              valueQuantity: { unit: 'mmol/mol' },
              interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'N' }] }],
            };
          if (seen === 5) return { ...observation, id: 'nameless', code: {} };
          if (seen === 4)
            return {
              ...observation,
              id: 'in-words',
              code: { text: 'Chlamydia PCR' },
              valueQuantity: undefined,
              valueString: 'Not detected',
              referenceRange: [{ text: 'Not detected' }],
              interpretation: undefined,
            };
          return resource;
        }),
      );
      const element = await show(model);
      const byName = (name: string) => tests(element).find((test) => text(test.querySelector('h3')) === name);
      const nameless = byName('Test name not recorded');
      expect(nameless, 'the result with no name is shown').not.to.equal(undefined);
      expect(text(nameless!.querySelector('.latest'))).to.match(/^Latest result \d+(\.\d+)? mmol\/mol [A-Z]/);
      const inWords = byName('Chlamydia PCR')!;
      expect(text(inWords.querySelector('.latest'))).to.equal('Latest result Not detected');
      expect(inWords.querySelector('[part~="tag"]')).to.equal(null);
      // The summary names the day shown beside the result, without its time.
      const [day] = /^\d{1,2} [A-Za-z]+ \d{4}/.exec(text(inWords.querySelector('.facts dd'))) ?? [];
      expect(text(inWords.querySelector('[part~="summary"]'))).to.equal(
        `You have 1 Chlamydia PCR result. The latest, Not detected on ${day}. Usual range: Not detected.`,
      );
      const latest = byName('HbA1c')!.querySelector('.latest');
      expect(text(latest)).to.equal('Latest result Not known Not known');
      const [newest] = await openTable(element, byName('HbA1c')!);
      expect(text(newest)).to.match(/^\d/);
      expect(text(newest)).not.to.contain('Within the usual range');
      await expect(element).to.be.accessible();
    });

    it('draws a value given as a limit (< > <= >=) as a limit off the line, says so, and never plots "ad"', async function () {
      // Ten charts, each axe-checked.
      this.timeout(20_000);
      const vertices = (d: string) => [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map(([, x, y]) => [Number(x), Number(y)]);
      for (const audience of ['resident', 'clinician'] as const)
        for (const [comparator, spoken, limit] of [
          ['<', 'less than 30 mmol/mol', 'upper'],
          ['<=', '30 mmol/mol or less', 'upper'],
          ['>', 'more than 30 mmol/mol', 'lower'],
          ['>=', '30 mmol/mol or more', 'lower'],
          ['ad', undefined, undefined],
        ] as const) {
          let seen = 0;
          const model = resultsFor(audience, NONE, (resources) =>
            resources.map((resource) => {
              const observation = resource as Observation;
              if (observation.resourceType !== 'Observation' || observation.code?.text !== 'HbA1c' || ++seen !== 3) return resource;
              return { ...observation, id: 'bound', valueQuantity: { ...observation.valueQuantity, value: 30, comparator } };
            }),
          );
          const element = await show(only(model, 'HbA1c'), audience);
          const label = `${audience} ${comparator}`;
          const points = $$(element, '[part~="chart"] g.point');
          const limits = points.filter((point) => point.classList.contains('point--limit'));
          const plotted = only(model, 'HbA1c').tests[0]!.plotted;
          expect(points, label).to.have.length(plotted.length);
          const line = vertices($(element, '[part~="chart"] path.line')!.getAttribute('d')!);
          if (!spoken) {
            expect(limits, label).to.have.length(0);
            expect(
              plotted.some((reading) => reading.id.endsWith('/bound')),
              label,
            ).to.equal(false);
            expect(text($(element, '.legend')), label).not.to.match(/limit|value shown/);
            continue;
          }
          expect(limits, label).to.have.length(1);
          const limitPoint = limits[0]!;
          expect(limitPoint.getAttribute('aria-label'), label).to.contain(`HbA1c ${spoken} on`);
          const [, x, y] = /translate\((\S+) (\S+)\)/.exec(limitPoint.getAttribute('transform')!)!.map(Number);
          expect(
            line.some(([lx, ly]) => Math.abs(lx! - x!) < 0.01 && Math.abs(ly! - y!) < 0.01),
            `${label}: the line does not pass through a limit`,
          ).to.equal(false);
          // Every exact reading is still on the line.
          for (const point of points.filter((one) => !one.classList.contains('point--limit'))) {
            const [, px, py] = /translate\((\S+) (\S+)\)/.exec(point.getAttribute('transform')!)!.map(Number);
            expect(
              line.some(([lx, ly]) => Math.abs(lx! - px!) < 0.01 && Math.abs(ly! - py!) < 0.01),
              label,
            ).to.equal(true);
          }
          const legend = text($(element, '.legend'));
          expect(legend, label).to.contain(
            audience === 'resident'
              ? limit === 'upper'
                ? 'Less than the value shown, not an exact result'
                : 'More than the value shown, not an exact result'
              : limit === 'upper'
                ? 'Below this limit (< or <=), not an exact value'
                : 'Above this limit (> or >=), not an exact value',
          );
          await expect(element).to.be.accessible();
        }
    });

    it('gives a range in words on its own, and draws no band or legend for it', async () => {
      const model = resultsFor('resident', NONE, (resources) =>
        resources.map((resource) => {
          const observation = resource as Observation;
          return observation.resourceType === 'Observation' && observation.code?.text === 'HbA1c'
            ? { ...observation, referenceRange: [{ text: 'See report' }] }
            : resource;
        }),
      );
      const element = await show(only(model, 'HbA1c'));
      expect(text($(element, '[part~="summary"]'))).to.match(/26 June 2026(: it is [a-z ]+)?\. Usual range: See report\.$/);
      expect(text($(element, '.facts'))).to.contain('Usual range See report');
      expect($(element, '.band')).to.equal(null);
      expect(text($(element, '.legend'))).not.to.contain('Shaded band');
      await expect(element).to.be.accessible();
    });

    it('keeps the chart’s axis text readable in a 320 px side panel, with nothing scrolling sideways', async () => {
      const panel = await fixture<HTMLDivElement>(
        html`<div><care-results .model=${only(resultsFor(), 'HbA1c')} audience="resident"></care-results></div>`,
      );
      panel.style.inlineSize = '320px';
      const element = panel.querySelector('care-results')!;
      const chart = () => $(element, '[part~="chart"]') as unknown as SVGSVGElement;
      // The chart is drawn again at the width it is shown: one SVG unit to one CSS pixel.
      await until(() => Math.abs(chart().getScreenCTM()!.a - 1) < 0.01, 3000, 'the chart drawn at its shown width');
      const base = parseFloat(getComputedStyle(element).fontSize);
      const labels = [...chart().querySelectorAll<SVGTextElement>('text.tick')];
      expect(labels.length).to.be.greaterThan(2);
      for (const label of labels) {
        const shown = parseFloat(getComputedStyle(label).fontSize) * chart().getScreenCTM()!.a;
        expect(shown, `${label.textContent} is shown at ${shown}px`).to.be.at.least(0.75 * base);
        const box = label.getBoundingClientRect();
        const frame = element.getBoundingClientRect();
        expect(box.left).to.be.at.least(frame.left - 1);
        expect(box.right).to.be.at.most(frame.right + 1);
      }
      expect(element.scrollWidth).to.be.at.most(element.clientWidth + 1, 'no sideways scrolling');
      const root = $(element, '.root')!;
      expect(root.scrollWidth).to.be.at.most(root.clientWidth + 1);
      await expect(element).to.be.accessible();

      // Wider again, it is drawn wider, and the text stays the same size.
      panel.style.inlineSize = '700px';
      await until(() => chart().viewBox.baseVal.width > 600, 3000, 'the chart drawn wider');
      expect(Math.abs(chart().getScreenCTM()!.a - 1)).to.be.below(0.01);
    });

    it('never runs the first and last dates together, at any width down to 240 px, for residents and clinicians', async () => {
      for (const [audience, fontSize] of [
        ['resident', '16px'],
        ['clinician', '16px'],
        ['resident', '20px'],
      ] as const) {
        const panel = await fixture<HTMLDivElement>(
          html`<div><care-results .model=${only(resultsFor(audience), 'HbA1c')} audience=${audience}></care-results></div>`,
        );
        panel.style.fontSize = fontSize;
        const element = panel.querySelector('care-results')!;
        const chart = () => $(element, '[part~="chart"]') as unknown as SVGSVGElement;
        for (const width of [560, 400, 360, 320, 300, 280, 260, 240]) {
          panel.style.inlineSize = `${width}px`;
          await until(
            () => Math.abs(chart().viewBox.baseVal.width - Math.max(240, element.getBoundingClientRect().width - 2)) < 40,
            3000,
            `the chart drawn for ${width} px`,
          );
          await nextFrame();
          const labels = dateLabels(element);
          expect(labels.length, `${audience} at ${width} px`).to.be.within(1, 2);
          expect(labels.at(-1)?.text, 'the latest date is always given').to.match(/2026/);
          const [first, last] = labels;
          if (first && last) {
            expect(last.left - first.right, `${audience} (${fontSize}) at ${width} px: "${first.text}" and "${last.text}"`).to.be.at.least(
              8,
            );
            expect(first.left).to.be.at.least(0);
            expect(last.right).to.be.at.most(chart().viewBox.baseVal.width);
          }
        }
      }
    });

    it('says no record is selected when it has neither a model nor a provider', async () => {
      const element = await show(undefined);
      expect(text(element)).to.equal('No record selected');
      await expect(element).to.be.accessible();
    });
  });

  describe('what results cover (issue 12, finding 6)', () => {
    it('shows vital signs and the resident’s own readings beside laboratory results', async function () {
      this.timeout(10_000);
      const element = await show(resultsFor());
      const names = tests(element).map((test) => text(test.querySelector('h3')));
      expect(names).to.include('HbA1c');
      expect(names.some((name) => /blood pressure/i.test(name))).to.equal(true);
      expect(names.some((name) => /weight/i.test(name))).to.equal(true);
    });

    it('lists a report and the results contained in it, open when there are no tests besides', async () => {
      const report = {
        resourceType: 'DiagnosticReport',
        id: 'dr-foreign',
        status: 'final',
        code: { text: 'Renal profile' },
        subject: { reference: 'Patient/pat-000001' },
        effectiveDateTime: '2026-05-04T09:00:00Z',
        conclusion: 'Normal renal function.',
        contained: [
          {
            resourceType: 'Observation',
            id: 'na',
            status: 'final',
            code: { text: 'Sodium' },
            valueQuantity: { value: 139, unit: 'mmol/L' },
            referenceRange: [{ low: { value: 133 }, high: { value: 146 } }],
          },
        ],
        result: [{ reference: '#na' }, { reference: 'Observation/not-sent' }],
      } as unknown as DiagnosticReport;
      const model = resultsViewModel(
        { observations: [], reports: [report], patientId: 'pat-000001', notices: NONE, organizations },
        { audience: 'clinician' },
      );
      const element = await show({ ...model, tests: [] }, 'clinician');
      const reports = $(element, '[part~="reports"]') as HTMLDetailsElement;
      expect(reports.open).to.equal(true);
      expect(text(reports)).to.equal(
        'Reports (1) Renal profile 04-May-2026 · Not known Conclusion Normal renal function. Renal profile Test Value Flag Sodium 139 mmol/L Normal 1 result of this report is not shown',
      );
      expect(text(element)).not.to.contain('No test results recorded');
      await expect(element).to.be.accessible();
    });

    it('says a report presented only as a document is in a document, not that it says nothing', async () => {
      const report = {
        resourceType: 'DiagnosticReport',
        id: 'xr-1',
        status: 'final',
        code: { text: 'Chest X-ray' },
        subject: { reference: 'Patient/pat-000001' },
        effectiveDateTime: '2026-05-04T09:00:00Z',
        presentedForm: [{ contentType: 'application/pdf', url: 'Binary/xr-1' }],
      } as unknown as DiagnosticReport;
      for (const [audience, words] of [
        ['clinician', 'Chest X-ray 04-May-2026 · Not known Full report in a document not shown here'],
        ['resident', 'Chest X-ray 4 May 2026 · Not known The full report is in a document that cannot be shown here'],
      ] as const) {
        const model = resultsViewModel(
          { observations: [], reports: [report], patientId: 'pat-000001', notices: NONE, organizations },
          { audience },
        );
        const element = await show({ ...model, tests: [] }, audience);
        expect(text($(element, '[part~="report"]'))).to.equal(words);
        await expect(element).to.be.accessible();
      }
    });

    it('says a date is when the result was issued when the record gives no date it was taken', async () => {
      const culture = {
        resourceType: 'Observation',
        id: 'cx-1',
        status: 'final',
        code: { text: 'Urine culture' },
        subject: { reference: 'Patient/pat-000001' },
        issued: '2026-05-06T14:00:00Z',
        valueString: 'No growth',
      } as unknown as Observation;
      for (const [audience, words] of [
        ['clinician', '06-May-2026 15:00 (Issued; when taken not recorded)'],
        ['resident', '6 May 2026 3pm (The date the result was issued. When the test was done is not recorded)'],
      ] as const) {
        const model = resultsViewModel(
          { observations: [culture], reports: [], patientId: 'pat-000001', notices: NONE, organizations },
          { audience },
        );
        const element = await show(model, audience);
        expect(text($(element, '.facts dd'))).to.equal(words);
        await expect(element).to.be.accessible();
      }
    });

    it('says an item could not be read, from which source, instead of "You have no test results"', async () => {
      const broken = {
        resourceType: 'Observation',
        // An id that is not text: nothing can name this item or tell it from another.
        id: 12,
        meta: { source: 'https://care-record.example/source/RZ9' },
        status: 'final',
        code: { text: 'Potassium' },
        subject: { reference: 'Patient/pat-000001' },
        valueQuantity: { value: 5 },
      } as unknown as Observation;
      const model = resultsViewModel(
        { observations: [broken], reports: [], patientId: 'pat-000001', notices: NONE, organizations },
        { audience: 'resident' },
      );
      const element = await show(model);
      expect(text(element)).to.equal(
        'Your test results One item from Highbury Vale Hospital NHS Trust could not be read No test results to show',
      );
      await expect(element).to.be.accessible();
    });
  });

  describe('inside a provider', () => {
    it('shows grey bars while loading, then every page of results', async function () {
      this.timeout(10_000);
      const hub = createResidentHub({ delay: 30, pageSize: 25 });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-results></care-results>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-results')!;
      await settled(element);
      expect($(element, '[part~="results"]')?.getAttribute('aria-busy')).to.equal('true');
      expect(text(element)).to.equal('Loading your test results');
      await expect(element).to.be.accessible();
      await until(() => tests(element).length > 0, 3000, 'the results');
      expect(tests(element)).to.have.length(17);
      // Every Observation (laboratory, vital signs, own readings): four pages of 25.
      expect(hub.requests.filter((request) => request.startsWith('GET /Observation'))).to.have.length(4);
      await expect(element).to.be.accessible();
    });

    it('chooses the reference range for the resident’s age from their date of birth on the record page', async () => {
      const record = resident(0);
      const patientId = record.patient.id!;
      // A laboratory that lists a child's range before the adult's: without an age, neither may be taken for the one.
      const potassium = {
        resourceType: 'Observation',
        id: 'k-ranges',
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
        code: { coding: [{ system: 'http://snomed.info/sct', code: '1000001', display: 'Serum potassium (ranges by age)' }] },
        subject: { reference: `Patient/${patientId}` },
        effectiveDateTime: '2026-11-20T09:00:00Z',
        valueQuantity: { value: 5.8, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
        referenceRange: [
          { low: { value: 3.4 }, high: { value: 6.0 }, age: { high: { value: 16, system: 'http://unitsofmeasure.org', code: 'a' } } },
          { low: { value: 3.5 }, high: { value: 5.3 } },
        ],
        meta: { source: 'https://care-record.example/source/RZ9' },
      };
      const rowText = async (withBirthDate: boolean) => {
        // The resident as a record with no date of birth gives them (the stand-in hub's record page).
        const hub = createResidentHub({
          edit: (resources) => [...resources, potassium],
          editPatient: ({ birthDate: _birthDate, ...patient }) => patient,
        });
        // The record page as the hub's $summary answers it: the patient with their date of birth.
        const client = withBirthDate
          ? Object.assign(Object.create(hub.client) as object, {
              get: async () => ({
                resourceType: 'CapabilityStatement',
                rest: [{ resource: [{ type: 'Patient', operation: [{ name: 'summary', definition: HUB_SUMMARY_DEFINITION }] }] }],
              }),
              request: async () => ({
                data: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: record.patient }] },
                status: 200,
                requestId: 'req-page',
                etag: undefined,
                headers: new Headers(),
              }),
            })
          : hub.client;
        const provider = await fixture<CareRecordProvider>(
          html`<care-record-provider .client=${client} patient=${patientId} audience="clinician">
            <care-results></care-results>
          </care-record-provider>`,
        );
        const element = provider.querySelector('care-results')!;
        await until(() => tests(element).length > 0, 3000, 'the results');
        const test = tests(element).find((item) => text(item).includes('Serum potassium (ranges by age)'));
        expect(test, 'the potassium test').to.not.equal(undefined);
        return text(test);
      };
      expect(record.patient.birthDate! < '2000', 'the resident is an adult').to.equal(true);
      const adult = await rowText(true);
      expect(adult).to.include('High');
      expect(adult).to.not.include('unclear');
      // Where the record gives no date of birth, the ranges are said to be unclear rather than one guessed.
      const unclear = await rowText(false);
      expect(unclear).to.include('Reference range unclear');
      // Each range says whom it is for, in words.
      expect(unclear).to.include('up to age 16 years: 3.4–6 mmol/L');
    });

    it('names a source that did not answer', async () => {
      const hub = createResidentHub({ firstPage: { entry: [sourceUnavailable('F83999', 'Tufnell Green Surgery')] } });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-results></care-results>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-results')!;
      await until(() => tests(element).length > 0, 3000, 'the results');
      expect(text($(element, '[part~="notice"]'))).to.equal('Information from Tufnell Green Surgery is unavailable');
    });

    it('warns when the hub sent results about someone else', async () => {
      const hub = createResidentHub({
        edit: (resources) =>
          resources.map((resource) =>
            resource['resourceType'] === 'Observation' || resource['resourceType'] === 'DiagnosticReport'
              ? { ...resource, subject: { reference: 'Patient/pat-000002' } }
              : resource,
          ),
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-results></care-results>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-results')!;
      await until(() => $(element, '[part~="notice"]') !== null, 3000, 'the notice');
      expect(text(element)).to.equal(
        'Your test results Some results were not shown because they are about someone else. Some items could not be shown safely, so this may not be everything recorded',
      );
      await expect(element).to.be.accessible();
    });

    it('says what failed with the request id, and tries again', async () => {
      let failing = true;
      const hub = createResidentHub({
        fail: () => (failing ? new HubError({ kind: 'http', operation: 'GET /Observation', requestId: 'req-7', status: 503 }) : undefined),
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-results></care-results>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-results')!;
      await until(() => $(element, '[part~="error"]') !== null, 3000, 'the error');
      expect(text(element)).to.equal(
        'We could not load your test results The care record service had a problem. Request ID req-7 Try again',
      );
      await expect(element).to.be.accessible();
      failing = false;
      $(element, '[part~="retry-button"]')!.click();
      await until(() => tests(element).length > 0, 3000, 'the results');
    });
  });
});
