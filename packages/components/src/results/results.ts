import {
  carriedAnotherPatients,
  isNotPermitted,
  leftOutForIdentity,
  loadResults,
  NOT_SHOWN_SAFELY_NOTICE,
  type RecordAudience,
  type ResultComment,
  type ResultLimit,
  type ResultPosition,
  type ResultReading,
  type ResultReport,
  type ResultTest,
  type ResultsViewModel,
} from '@care-record/sdk';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { CareElement } from '../internal/care-element.js';
import { aboutThem, possessive } from '../internal/carer-words.js';
import { readPage, type ActingFor } from '../internal/record-context.js';
import { NearScreenController } from '../internal/near-screen.js';
import { RecordTask } from '../internal/record-task.js';
import { renderFrame, renderNotices } from '../internal/states.js';
import { renderRecordList, type RecordList } from '../internal/record-list.js';
import { renderUnreadable } from '../internal/unreadable-notices.js';
import { listIsWhole, notAllRead, shownCount } from '../internal/shown-count.js';
import { isolatedName, withNameIsolated } from '../internal/isolated-name.js';
import {
  AXIS_FONT_SIZE,
  CHART_HEIGHT,
  CHART_WIDTH,
  chartFrame,
  chartGeometry,
  legendLimitMark,
  legendMark,
  markPathsAt,
  MIN_CHART_WIDTH,
  readingMarkPath,
  type ChartGeometry,
} from './results-chart.js';
import { styles } from './results.styles.js';

interface Words {
  region: string;
  loading: string;
  failed: string;
  noPatient: string;
  none: string;
  nothingFromOthers: string;
  /** Results about someone else were left out: a warning, never "none". */
  wrongPatient: string;
  /** Instead of "none" when results about someone else were left out and nothing else is left. */
  noneShown: string;
  intro?: string;
  latest: string;
  range: string;
  noRange: string;
  from: string;
  report: string;
  /** Heading of the list of reports. */
  reports: string;
  conclusion: string;
  /** Label of a note the laboratory or recorder wrote on a result or report. */
  comment: string;
  /** A report's results that are not shown here. */
  reportNotShown: (count: number) => string;
  /** A report presented in documents this view does not show. */
  reportDocuments: (count: number) => string;
  reportColumns: { test: string; value: string; meaning: string };
  chart: (name: string) => string;
  chartHint: string;
  legend: { band: string; within: string; above: string; below: string; other: string; limit: Record<ResultLimit, string> };
  table: (count: number) => string;
  columns: { date: string; value: string; meaning: string; range: string; source: string };
  /** Show the H/L flag beside the words (clinicians). */
  flags: boolean;
}

/** Charts drawn with the first render (about a screenful); the rest are drawn as they come within `CHART_NEAR` px of the screen. */
const EAGER_CHARTS = 2;
/**
 * A chart with more readings than this draws their marks as one shape per
 * kind, and only the chosen reading as an element of its own (focusable,
 * labelled): a resident's daily home readings over years are thousands of
 * points, more than a chart's width can tell apart, and an element each made
 * the results take seconds to lay out. The arrow keys walk every reading
 * either way; a click chooses the reading nearest along the time axis.
 */
const DENSE_FROM = 120;
const MARK_KINDS = ['within', 'above', 'below', 'outside'] as const;
const CHART_NEAR = 800;

/** A carer's words: the person's results, not "your". */
const CARER = (who: ActingFor): Partial<Words> => ({
  region: `${possessive(who)} test results`,
  loading: `Loading ${possessive(who)} test results`,
  failed: `We could not load ${possessive(who)} test results`,
  none: `${who.short} has no test results`,
  reports: `${possessive(who)} test reports`,
});

/** The types the results are read from. */
const RESULT_TYPES = ['Observation', 'DiagnosticReport'];

const WORDS: Record<RecordAudience, Words> = {
  resident: {
    region: 'Your test results',
    loading: 'Loading your test results',
    failed: 'We could not load your test results',
    noPatient: 'No record selected',
    none: 'You have no test results',
    nothingFromOthers: 'Nothing recorded by the services that answered',
    wrongPatient: 'Some results were not shown because they are about someone else.',
    noneShown: 'No test results to show',
    intro:
      'The usual range is where most people’s results fall. A result outside it is not always a problem. If you have questions, ask the person who arranged the test.',
    latest: 'Latest result',
    range: 'Usual range',
    noRange: 'No range given',
    from: 'From',
    report: 'Test',
    reports: 'Your test reports',
    conclusion: 'What the report says',
    comment: 'Comment',
    reportNotShown: (count) =>
      count === 1 ? '1 result from this report is not shown here' : `${count} results from this report are not shown here`,
    reportDocuments: (count) =>
      count === 1
        ? 'The full report is in a document that cannot be shown here'
        : `The full report is in ${count} documents that cannot be shown here`,
    reportColumns: { test: 'Test', value: 'Result', meaning: 'What it means' },
    chart: (name) => `${name} results over time`,
    chartHint: 'Use the left and right arrow keys to move between results.',
    legend: {
      band: 'Shaded band: the usual range',
      within: 'Within the usual range',
      above: 'Above the usual range',
      below: 'Below the usual range',
      other: 'No range, or not known',
      limit: { upper: 'Less than the value shown, not an exact result', lower: 'More than the value shown, not an exact result' },
    },
    table: (count) => `Show ${count === 1 ? 'the result' : `all ${count} results`} as a table`,
    columns: { date: 'Date', value: 'Result', meaning: 'What it means', range: 'Usual range', source: 'From' },
    flags: false,
  },
  clinician: {
    region: 'Test results',
    loading: 'Loading test results',
    failed: 'Test results could not be loaded',
    noPatient: 'No patient selected',
    none: 'No test results recorded',
    nothingFromOthers: 'Nothing recorded by the services that answered',
    wrongPatient: 'Some results were not shown because they are about a different patient.',
    noneShown: 'No test results to show',
    latest: 'Latest',
    range: 'Reference range',
    noRange: 'No reference range',
    from: 'Source',
    report: 'Report',
    reports: 'Reports',
    conclusion: 'Conclusion',
    comment: 'Lab comment',
    reportNotShown: (count) => (count === 1 ? '1 result of this report is not shown' : `${count} results of this report are not shown`),
    reportDocuments: (count) =>
      count === 1 ? 'Full report in a document not shown here' : `Full report in ${count} documents not shown here`,
    reportColumns: { test: 'Test', value: 'Value', meaning: 'Flag' },
    chart: (name) => `${name} trend`,
    chartHint: 'Left and right arrow keys move between results.',
    legend: {
      band: 'Shaded band: reference range',
      within: 'Normal',
      above: 'High',
      below: 'Low',
      other: 'No range or not known',
      limit: { upper: 'Below this limit (< or <=), not an exact value', lower: 'Above this limit (> or >=), not an exact value' },
    },
    table: (count) => `Show ${count === 1 ? 'the result' : `all ${count} results`} as a table`,
    columns: { date: 'Date', value: 'Value', meaning: 'Flag', range: 'Reference range', source: 'Source' },
    flags: true,
  },
};

/** The list's section and skeleton, and its words for each audience. */
const LIST: RecordList<Words> = { name: 'results', skeletonLines: 6, words: WORDS, carer: CARER };

/** What a date is, beside it, when it is not when the sample was taken (`Issued; when taken not recorded`). */
const dateNote = (dated: { dateNote?: string }): TemplateResult | typeof nothing =>
  dated.dateNote ? html` <span class="date-note">(${dated.dateNote})</span>` : nothing;

/**
 * What the laboratory or recorder wrote on a result or report, each note
 * verbatim (as text, never as markup) with who wrote it and when: it can say
 * the value is not to be acted on.
 */
const renderComments = (comments: readonly ResultComment[] | undefined, label: string): TemplateResult[] =>
  (comments ?? []).map((comment) => {
    const said = [comment.by, comment.date].filter(Boolean).join(', ');
    return html`<p class="comment" part="comment">
      <span class="label">${label}</span> ${comment.text}${said ? html` <span class="comment-by">(${said})</span>` : nothing}
    </p>`;
  });

const markOf = (position: ResultPosition): ResultPosition =>
  position === 'within' || position === 'above' || position === 'below' ? position : 'outside';

/** The resource to open for a reading: `Observation/obs-1`, or the report that contains it; none when it has no id. */
const selectionOf = (reading: ResultReading): { resourceType: string; id: string } | undefined => {
  const match = /^(Observation|DiagnosticReport)\/([^#]+)/.exec(reading.id);
  const [, resourceType, id] = match ?? [];
  return resourceType && id && id !== '(no id)' ? { resourceType, id } : undefined;
};

/**
 * Test results with their usual (reference) ranges, grouped by test. Each
 * test shows its latest result and what it means — in plain words for
 * residents ("above the usual range"), H/L for clinicians — where it came
 * from, a sentence summing up the trend, a chart of the results over time
 * with the range as a shaded band, and every result in a table behind a
 * disclosure. Below them, each test report with its conclusion and the
 * results it carried. Out-of-range results are marked by shape and words,
 * never by colour alone, and never in alarm red. "No test results" is said
 * only when there are none: items withheld, from someone else, or that could
 * not be read are each said instead.
 *
 * The chart is one tab stop: the arrow keys (and Home, End) move between
 * results, each announced in full ("HbA1c 48 mmol/mol on 6 August 2025,
 * above the usual range"); Enter or Space chooses one.
 *
 * Inside `<care-record-provider>` it shows the patient in context; without
 * one, give it a `model` (from `resultsViewModel` or `loadResults`).
 *
 * @summary Test results with usual ranges, a trend chart per test, and a data table.
 *
 * @event {CustomEvent<{ resourceType: string; id: string }>} care-select - Someone chose a result on a chart (click, Enter
 *   or Space): `detail` names the Observation, or the DiagnosticReport that contains it. Cancelable.
 *
 * @csspart results - The region holding the results.
 * @csspart heading - The heading above the results.
 * @csspart test - One test: its latest result, summary, chart and table.
 * @csspart reports - The disclosure holding the test reports.
 * @csspart report - One test report: its name, date, source, conclusion and the results it carried.
 * @csspart tag - A tag saying what a result means.
 * @csspart comment - A note the laboratory or recorder wrote on a result or report, shown with it verbatim.
 * @csspart summary - The sentence that sums up a test's results (the chart's text alternative).
 * @csspart chart - The trend chart (an SVG).
 * @csspart readout - The line under a chart describing the chosen result.
 * @csspart table-disclosure - The disclosure holding a test's data table.
 * @csspart table - A test's data table.
 * @csspart notice - A line saying what is missing: not shown, unavailable, or an item that could not be read.
 * @csspart error - The panel shown when the results could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-results-band-color=#dfeee4] - The usual range band on a chart.
 * @cssprop [--care-results-line-color=#4c6272] - The line joining results on a chart.
 * @cssprop [--care-results-point-color=#005eb8] - Results within the usual range.
 * @cssprop [--care-results-out-of-range-color=#212b32] - Results outside the usual range (not red: shape and words carry it).
 * @cssprop [--care-color-primary=#005eb8] - Accents.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareResults extends CareElement {
  static override elementName = 'care-results';
  static override styles = styles;

  /** The results to show, when the host read them itself (`resultsViewModel` or `loadResults`). Takes the place of loading from a provider; inside a provider, shown only if it is about the patient in context. */
  @property({ attribute: false }) model: ResultsViewModel | undefined;

  /** Who is looking, when there is no provider (inside one, the provider's audience is used): `clinician` (the default) or `resident`. `carer`, or a value the element does not know, shows the resident's view, the one that shows less. */
  @property() audience: RecordAudience = 'clinician';

  /** The chosen point of each chart, by test key (default: the latest). */
  @state() private active = new Map<string, number>();

  /**
   * The tests whose table of readings has been opened, by key. A table's rows
   * are rendered when it is first opened: a long history holds over a thousand
   * readings, and building them all up front delayed the first paint.
   */
  @state() private openedTables: ReadonlySet<string> = new Set();

  /** Whether the reports have been opened: their list is rendered from then on, as the tables are. */
  @state() private reportsOpened = false;

  /**
   * The tests whose chart has been drawn, by key. The first charts are drawn
   * at once; the others as they come near the screen (or are reached with Tab,
   * or the page is printed): a long history holds over a thousand points, and
   * drawing them all up front took most of the first paint.
   */
  @state() private drawnCharts: ReadonlySet<string> = new Set();

  /** The width the charts are shown at, in CSS pixels: they are drawn at it, so their text is not scaled down. */
  @state() private chartWidth = CHART_WIDTH;

  /** The size of the charts' axis text, in CSS pixels, so that the dates under the axis are laid out to fit. */
  @state() private axisFontSize = AXIS_FONT_SIZE;

  #chartResize: ResizeObserver | undefined;

  readonly #task: RecordTask<ResultsViewModel> = new RecordTask<ResultsViewModel>(this, {
    load: (record, signal): Promise<ResultsViewModel> => {
      const context = this.#task.context;
      if (!context) return Promise.reject(new Error('No record in context'));
      // The date of birth picks the reference range that applies at the resident's age (read with the record page the
      // banner and summary share); without it, ranges given for different ages are shown as unclear, never guessed.
      const birthDate = record.use(readPage).then(
        (page) => page.patient.birthDate,
        () => undefined,
      );
      return loadResults(context.client, record.patientId, { audience: context.audience, signal, birthDate });
    },
    patientOf: (model) => model.patientId,
    enabled: () => this.model === undefined,
    onRecordChange: () => {
      this.active = new Map();
      this.openedTables = new Set();
      this.reportsOpened = false;
      this.drawnCharts = new Set();
      this.renderNow();
    },
  });

  constructor() {
    super();
    // The charts not yet drawn are drawn as they come near the screen.
    new NearScreenController(this, {
      selector: '.chart--pending',
      margin: CHART_NEAR,
      near: (charts) => this.#drawCharts(charts.map((chart) => chart.dataset['test'] ?? '')),
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.#drawAllCharts);
    if (this.hasUpdated) this.#followChartWidth();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.#drawAllCharts);
    this.#chartResize?.disconnect();
  }

  /** Printing shows every chart. */
  readonly #drawAllCharts = (): void => {
    this.#drawCharts(((this.model ?? this.#task.value)?.tests ?? []).map((test) => test.key));
  };

  /** Draws these tests' charts from the next render on. */
  #drawCharts(keys: readonly string[]): void {
    const fresh = keys.filter((key) => !this.drawnCharts.has(key));
    if (fresh.length > 0) this.drawnCharts = new Set([...this.drawnCharts, ...fresh]);
  }

  protected override updated(): void {
    this.#followChartWidth();
  }

  /** Follows the width of the charts (all as wide as one another), to draw them at the size they are shown. */
  #followChartWidth(): void {
    this.#chartResize ??= new ResizeObserver((entries) => {
      const shown = entries.find((entry) => entry.contentRect.width > 0)?.contentRect.width;
      if (shown === undefined) return;
      const width = Math.max(MIN_CHART_WIDTH, Math.round(shown));
      if (width !== this.chartWidth) this.chartWidth = width;
      const tick = this.renderRoot.querySelector('.chart .tick');
      const fontSize = tick ? parseFloat(getComputedStyle(tick).fontSize) : NaN;
      if (Number.isFinite(fontSize) && fontSize > 0 && fontSize !== this.axisFontSize) this.axisFontSize = fontSize;
    });
    for (const chart of this.renderRoot.querySelectorAll('.chart')) this.#chartResize.observe(chart);
  }

  protected override render() {
    return renderRecordList(this, this.#task, LIST, (model, words) => this.#renderResults(model, words));
  }

  /** The person a carer acts for, when the view is the resident's about them. */
  #actingFor(model: ResultsViewModel): ActingFor | undefined {
    return model.audience === 'resident' ? this.#task.context?.actingFor : undefined;
  }

  #renderResults(model: ResultsViewModel, words: Words): TemplateResult {
    const { notices, unreadable } = model;
    // Left out for whom they are about; not one shown with a warning about the record (`identity-warning`).
    const wrongPatient = model.safetyIssues.some(leftOutForIdentity);
    // An answer that carried another patient's results (the SDK's one rule): the resident's own may have gone
    // elsewhere, so with none of theirs left the view says some could not be shown safely, never that there are none.
    const misrouted = model.notShownSafely ?? carriedAnotherPatients(model.safetyIssues);
    let body: TemplateResult | typeof nothing;
    if (model.tests.length > 0 || model.reports.length > 0)
      body = html`${words.intro && model.tests.length > 0 ? html`<p class="intro">${words.intro}</p>` : nothing}
      ${
        model.tests.length > 0
          ? html`<ul class="tests">
              ${model.tests.map((test, index) => this.#renderTest(test, words, index < EAGER_CHARTS))}
            </ul>`
          : nothing
      }
      ${this.#renderReports(
        model.reports,
        words,
        model.tests.length === 0,
        shownCount(
          model.reports.length,
          listIsWhole(notices, ['DiagnosticReport'], unreadable.length, wrongPatient || misrouted),
          model.audience,
        ),
      )}`;
    else if (misrouted) body = html`<p class="empty">${NOT_SHOWN_SAFELY_NOTICE}</p>`;
    else if (wrongPatient || unreadable.length > 0) body = html`<p class="empty">${words.noneShown}</p>`;
    // Left out for the viewer's role, sign-in or proxy access: the notice says so, and nothing says "none".
    else if (isNotPermitted(notices, RESULT_TYPES)) body = nothing;
    // A search that could not be read or came cut short: the notice says so, and nothing says "none".
    else if (notAllRead(notices, RESULT_TYPES)) body = nothing;
    else if (notices.unavailableSources.length > 0) body = html`<p class="empty">${words.nothingFromOthers}</p>`;
    else if (notices.withheld) body = nothing;
    else body = html`<p class="empty">${words.none}</p>`;
    return renderFrame(
      'results',
      words.region,
      html`<h2 class="heading" part="heading">${aboutThem(model.heading, this.#actingFor(model))}</h2>
        ${renderNotices(notices, wrongPatient ? words.wrongPatient : undefined)} ${renderUnreadable(unreadable, model.audience)} ${body}`,
    );
  }

  /**
   * The reports, each with what it concluded and the results it carried:
   * behind a disclosure below the tests (their readings are in the tests
   * too), open when there are no tests to show.
   */
  #renderReports(reports: readonly ResultReport[], words: Words, open: boolean, count: string): TemplateResult | typeof nothing {
    if (reports.length === 0) return nothing;
    return html`<details
      class="reports-disclosure"
      part="reports"
      ?open=${open}
      @toggle=${(event: Event) => {
        if ((event.target as HTMLDetailsElement).open) this.reportsOpened = true;
      }}
    >
      <summary>${words.reports} (${count})</summary>
      ${open || this.reportsOpened ? this.#renderReportList(reports, words) : nothing}
    </details>`;
  }

  #renderReportList(reports: readonly ResultReport[], words: Words): TemplateResult {
    return html`<ul class="reports">
      ${reports.map(
        (report) =>
          html`<li class="report" part="report">
            <h3 class="report-name">
              ${report.name} ${report.statusLabel ? html`<span class="tag tag--status">${report.statusLabel}</span>` : nothing}
            </h3>
            <p class="report-meta">${report.date}${dateNote(report)} · ${report.source.name}</p>
            ${
              report.conclusion
                ? html`<p class="conclusion"><span class="label">${words.conclusion}</span> ${report.conclusion}</p>`
                : nothing
            }
            ${renderComments(report.comments, words.comment)}
            ${
              report.readings.length > 0
                ? html`<div class="table-scroll" role="region" aria-label=${`${report.name}, ${report.date}`} tabindex="0">
                    <table part="table">
                      <caption class="visually-hidden">
                        ${report.name}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">${words.reportColumns.test}</th>
                          <th scope="col">${words.reportColumns.value}</th>
                          <th scope="col">${words.reportColumns.meaning}</th>
                        </tr>
                      </thead>
                      <tbody>
                        ${report.readings.map(
                          (reading) =>
                            html`<tr>
                              <th scope="row">${reading.name}</th>
                              <td>${reading.valueText}</td>
                              <td>
                                ${words.flags && reading.flag ? html`<span class="flag">${reading.flag}</span> ` : nothing}${
                                  reading.interpretation
                                }
                                ${renderComments(reading.comments, words.comment)}
                              </td>
                            </tr>`,
                        )}
                      </tbody>
                    </table>
                  </div>`
                : nothing
            }
            ${report.documents ? html`<p class="report-missing">${words.reportDocuments(report.documents)}</p>` : nothing}
            ${report.notShown > 0 ? html`<p class="report-missing">${words.reportNotShown(report.notShown)}</p>` : nothing}
          </li>`,
      )}
    </ul>`;
  }

  #renderTest(test: ResultTest, words: Words, drawNow: boolean): TemplateResult {
    const { latest } = test;
    return html`<li class="test" part="test" data-test=${test.key}>
      <h3 class="test-name">${test.name}</h3>
      <p class="latest">
        <span class="label">${words.latest}</span>
        <span class="value">${latest.valueText}</span>
        ${latest.position === 'qualitative' ? nothing : this.#tag(latest)}
        ${latest.statusLabel ? html`<span class="tag tag--status">${latest.statusLabel}</span>` : nothing}
      </p>
      ${renderComments(latest.comments, words.comment)}
      <dl class="facts">
        <div>
          <dt>${words.columns.date}</dt>
          <dd>${latest.date}${latest.time ? ` ${latest.time}` : ''}${dateNote(latest)}</dd>
        </div>
        <div>
          <dt>${words.range}</dt>
          <dd>${latest.range?.text ?? words.noRange}</dd>
        </div>
        <div>
          <dt>${words.from}</dt>
          <dd>${isolatedName(latest.source.name)}</dd>
        </div>
        ${
          latest.report && latest.report.name !== test.name
            ? html`<div>
                <dt>${words.report}</dt>
                <dd>${latest.report.name}</dd>
              </div>`
            : nothing
        }
      </dl>
      <p class="summary" part="summary">${aboutThem(test.summary, this.#task.context?.actingFor)}</p>
      ${this.#renderChart(test, words, drawNow || this.drawnCharts.has(test.key))} ${this.#renderTable(test, words)}
    </li>`;
  }

  #tag(reading: ResultReading): TemplateResult {
    return html`<span class="tag tag--${markOf(reading.position)}" part="tag"
      ><svg class="tag-mark" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${legendMark(markOf(reading.position))}</svg
      >${reading.interpretation}</span
    >`;
  }

  #renderChart(test: ResultTest, words: Words, draw: boolean): TemplateResult | typeof nothing {
    if (!draw) {
      // Not drawn yet: a box of the chart's size, one tab stop that draws it and moves into it.
      // A chart needs two points (`chartGeometry`): with fewer there is nothing to wait for.
      return test.plotted.length < 2
        ? nothing
        : html`<figure class="chart-figure">
            <div
              class="chart chart--pending"
              data-test=${test.key}
              role="group"
              aria-label=${words.chart(test.name)}
              tabindex="0"
              @focus=${() => void this.#enterChart(test)}
            ></div>
          </figure>`;
    }
    const geometry = chartGeometry(test, this.chartWidth, this.axisFontSize);
    if (!geometry) return nothing;
    const last = geometry.points.length - 1;
    const active = Math.min(this.active.get(test.key) ?? last, last);
    const chosen = geometry.points[active]?.reading;
    return html`<figure class="chart-figure">
      <svg
        class="chart"
        part="chart"
        role="group"
        aria-label=${words.chart(test.name)}
        viewBox="0 0 ${geometry.width} ${CHART_HEIGHT}"
        focusable="false"
      >
        <g aria-hidden="true">${chartFrame(geometry)}</g>
        ${
          geometry.points.length > DENSE_FROM
            ? this.#renderDensePoints(test, geometry, active)
            : geometry.points.map(
                (point, index) =>
                  svg`<g
              class="point point--${markOf(point.reading.position)}${point.reading.limit ? ' point--limit' : ''}"
              role="img"
              aria-label=${point.reading.description}
              tabindex=${index === active ? '0' : '-1'}
              transform="translate(${point.x} ${point.y})"
              @keydown=${(event: KeyboardEvent) => this.#onPointKey(event, test, index, last)}
              @click=${() => this.#choose(test, index, point.reading)}
              @focus=${() => this.#activate(test, index)}
            ><circle class="hit" r="14"></circle><path class="mark mark--${markOf(point.reading.position)}" d=${readingMarkPath(point.reading, markOf(point.reading.position))}></path></g>`,
              )
        }
      </svg>
      <figcaption>
        <p class="readout" part="readout">${chosen ? withNameIsolated(chosen.description, chosen.source.name) : ''}</p>
        <p class="hint">${words.chartHint}</p>
        <ul class="legend">
          ${test.range && (test.range.low !== undefined || test.range.high !== undefined) ? html`<li><span class="legend-band" aria-hidden="true"></span>${words.legend.band} (${test.range.text})</li>` : nothing}
          ${(['within', 'above', 'below', 'outside'] as const)
            .filter((position) => test.plotted.some((reading) => markOf(reading.position) === position))
            .map(
              (position) =>
                html`<li>
                  <svg class="legend-mark" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${legendMark(position)}</svg>${
                    position === 'outside' ? words.legend.other : words.legend[position]
                  }
                </li>`,
            )}
          ${(['upper', 'lower'] as const)
            .filter((limit) => test.plotted.some((reading) => reading.limit === limit))
            .map(
              (limit) =>
                html`<li>
                  <svg class="legend-mark" viewBox="0 0 16 16" aria-hidden="true" focusable="false">${legendLimitMark(limit)}</svg
                  >${words.legend.limit[limit]}
                </li>`,
            )}
        </ul>
      </figcaption>
    </figure>`;
  }

  /**
   * The readings of a dense chart: every mark in one path per kind (for the
   * eye only), then the chosen reading as the chart's one focusable point. It
   * is a new element for each reading chosen, so that moving to the next
   * reading moves focus and a screen reader says the new one.
   */
  #renderDensePoints(test: ResultTest, geometry: ChartGeometry, active: number) {
    const last = geometry.points.length - 1;
    const point = geometry.points[active];
    const marks = MARK_KINDS.map((kind) => {
      const points = geometry.points.filter((item) => markOf(item.reading.position) === kind);
      return points.length === 0 ? nothing : svg`<path class="mark mark--${kind}" d=${markPathsAt(kind, points)}></path>`;
    });
    return svg`<g class="marks" aria-hidden="true" @click=${(event: MouseEvent) => this.#chooseNearest(event, test, geometry)}>
        <rect class="hit-area" x="0" y="0" width=${geometry.width} height=${CHART_HEIGHT}></rect>${marks}
      </g>
      ${
        point
          ? keyed(
              active,
              svg`<g
                class="point point--${markOf(point.reading.position)}${point.reading.limit ? ' point--limit' : ''}"
                role="img"
                aria-label=${point.reading.description}
                tabindex="0"
                transform="translate(${point.x} ${point.y})"
                @keydown=${(event: KeyboardEvent) => this.#onPointKey(event, test, active, last)}
                @click=${() => this.#choose(test, active, point.reading)}
                @focus=${() => this.#activate(test, active)}
              ><circle class="hit" r="14"></circle><path class="mark mark--${markOf(point.reading.position)}" d=${readingMarkPath(point.reading, markOf(point.reading.position))}></path></g>`,
            )
          : nothing
      }`;
  }

  /** A click on a dense chart: the reading nearest along the time axis is chosen, and has focus, as if clicked. */
  #chooseNearest(event: MouseEvent, test: ResultTest, geometry: ChartGeometry): void {
    const chart = (event.currentTarget as Element).closest('svg');
    const box = chart?.getBoundingClientRect();
    if (!chart || !box || box.width === 0) return;
    const x = ((event.clientX - box.left) * geometry.width) / box.width;
    let nearest = 0;
    geometry.points.forEach((point, index) => {
      if (Math.abs(point.x - x) < Math.abs((geometry.points[nearest] as { x: number }).x - x)) nearest = index;
    });
    const reading = geometry.points[nearest]?.reading;
    if (!reading) return;
    this.#choose(test, nearest, reading);
    void this.#focusPoint(test, nearest, chart);
  }

  /** Reached with Tab before it was drawn: draw it, and move focus to its chosen point. */
  async #enterChart(test: ResultTest): Promise<void> {
    this.#drawCharts([test.key]);
    await this.updateComplete;
    this.renderRoot.querySelector<SVGGElement>(`li[data-test="${CSS.escape(test.key)}"] svg.chart .point[tabindex="0"]`)?.focus();
  }

  #activate(test: ResultTest, index: number): void {
    if (this.active.get(test.key) === index) return;
    this.active = new Map(this.active).set(test.key, index);
  }

  async #focusPoint(test: ResultTest, index: number, from: Element): Promise<void> {
    // The chart, found before the update: a dense chart's point is a new element for each reading.
    const chart = from.closest('svg');
    this.#activate(test, index);
    await this.updateComplete;
    // The chosen point is the chart's one tab stop (in a dense chart, the only point).
    chart?.querySelector<SVGGElement>('.point[tabindex="0"]')?.focus();
  }

  #onPointKey(event: KeyboardEvent, test: ResultTest, index: number, last: number): void {
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowUp':
        next = Math.min(index + 1, last);
        break;
      case 'ArrowLeft':
      case 'ArrowDown':
        next = Math.max(index - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = last;
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const reading = test.plotted[index];
        if (reading) this.#choose(test, index, reading);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    void this.#focusPoint(test, next, event.currentTarget as Element);
  }

  #choose(test: ResultTest, index: number, reading: ResultReading): void {
    this.#activate(test, index);
    const selection = selectionOf(reading);
    if (selection) this.emit('care-select', selection);
  }

  #renderTable(test: ResultTest, words: Words): TemplateResult {
    const columns = words.columns;
    const opened = this.openedTables.has(test.key);
    const newestFirst = opened ? [...test.readings].reverse() : [];
    return html`<details
      class="table-disclosure"
      part="table-disclosure"
      @toggle=${(event: Event) => {
        if ((event.target as HTMLDetailsElement).open && !this.openedTables.has(test.key))
          this.openedTables = new Set(this.openedTables).add(test.key);
      }}
    >
      <summary>${words.table(test.readings.length)}</summary>
      <div class="table-scroll" role="region" aria-label=${test.name} tabindex="0">
        <table part="table">
          <caption class="visually-hidden">
            ${test.name}
          </caption>
          <thead>
            <tr>
              <th scope="col">${columns.date}</th>
              <th scope="col">${columns.value}</th>
              <th scope="col">${columns.meaning}</th>
              <th scope="col">${columns.range}</th>
              <th scope="col">${columns.source}</th>
            </tr>
          </thead>
          <tbody>
            ${newestFirst.map(
              (reading) =>
                html`<tr>
                  <th scope="row">${reading.date}${reading.time ? ` ${reading.time}` : ''}${dateNote(reading)}</th>
                  <td>${reading.valueText}</td>
                  <td>
                    ${words.flags && reading.flag ? html`<span class="flag">${reading.flag}</span> ` : nothing}${reading.interpretation}
                    ${reading.statusLabel ? html`<span class="tag tag--status">${reading.statusLabel}</span>` : nothing}
                    ${renderComments(reading.comments, words.comment)}
                  </td>
                  <td>${reading.range?.text ?? words.noRange}</td>
                  <td>${reading.source.name}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-results': CareResults;
  }
}
