import {
  carriedAnotherPatients,
  isPartialAnswer,
  loadAdvice,
  loadWellbeing,
  NOT_SHOWN_SAFELY_NOTICE,
  orderAdvice,
  WELLBEING_NOTE,
  type GoalItem,
  type GoalTarget,
  type OrderedAdvicePage,
  type PlanItem,
  type ResultTest,
  type WellbeingViewModel,
} from '@care-record/sdk';
import { html, nothing, svg, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { possessive, wordsFor } from '../internal/carer-words.js';
import { CareElement } from '../internal/care-element.js';
import { infoIcon } from '../internal/icons.js';
import type { ActingFor } from '../internal/record-context.js';
import { RecordTask } from '../internal/record-task.js';
import { renderNotices, renderTask } from '../internal/states.js';
import { renderFrame, renderSkeleton } from '../internal/states.js';
import { CHART_HEIGHT, chartFrame, chartGeometry, markPath } from '../results/results-chart.js';
import { styles } from './wellbeing.styles.js';

interface Wellbeing {
  model: WellbeingViewModel;
  advice: OrderedAdvicePage[];
  /** The library could not be read: the plans and goals are still shown, and this is said. */
  adviceFailed: boolean;
}

interface Words {
  region: string;
  loading: string;
  failed: string;
  plans: string;
  noPlans: string;
  goals: string;
  noGoals: string;
  agreed: string;
  advice: string;
}

const WORDS: Record<'clinician' | 'resident', Words> = {
  resident: {
    region: 'Staying well',
    loading: 'Loading your plans and goals',
    failed: 'We could not load your plans and goals',
    plans: 'Your plans',
    noPlans: 'You have no plans for staying well recorded yet. You can talk to your GP practice about one at your next review.',
    goals: 'Your goals',
    noGoals: 'You have no goals recorded yet.',
    agreed: 'What you agreed to do',
    advice: 'Information to help you stay well',
  },
  clinician: {
    region: 'Staying well',
    loading: 'Loading plans and goals',
    failed: 'Plans and goals could not be loaded',
    plans: 'Plans',
    noPlans: 'No well-being plans recorded',
    goals: 'Goals',
    noGoals: 'No goals recorded',
    agreed: 'Agreed actions',
    advice: 'General well-being information',
  },
};

const CARER = (who: ActingFor): Partial<Words> => ({
  loading: `Loading ${possessive(who)} plans and goals`,
  failed: `We could not load ${possessive(who)} plans and goals`,
  plans: `${possessive(who)} plans`,
  noPlans: `${who.short} has no plans for staying well recorded yet.`,
  goals: `${possessive(who)} goals`,
  noGoals: `${who.short} has no goals recorded yet.`,
  agreed: `What ${who.short} agreed to do`,
});

/**
 * Staying well: the resident's plans (healthy eating, getting active, staying
 * steady) in plain English — who made them, when they are reviewed, what the
 * resident agreed to do — and their goals, each with the readings it is
 * judged by on a chart (with the goal shaded) and one calm sentence about the
 * latest. Below them, general well-being information from the hub's library,
 * the pages that fit the resident's record first, clearly marked as general
 * information rather than advice about their care.
 *
 * Inside `<care-record-provider>`; for a carer (`audience="carer"`) it speaks
 * of the person they act for.
 *
 * @summary The resident's plans and goals for staying well, and well-being information.
 *
 * @csspart wellbeing - The section.
 * @csspart plan - One plan.
 * @csspart goal - One goal.
 * @csspart chart - A goal's chart of readings.
 * @csspart advice - The well-being information.
 * @csspart error - The panel shown when the plans and goals could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 * @csspart retry-unread - "Try again" under the notices, when part of them could not be read while the rest were shown.
 *
 * @cssprop [--care-results-band-color=#dfeee4] - The shaded goal on a chart.
 * @cssprop [--care-color-primary=#005eb8] - Readings that meet the goal, and links.
 */
export class CareWellbeing extends CareElement {
  static override elementName = 'care-wellbeing';
  static override styles = styles;

  /** Which advice page is open. */
  @state() private open: string | undefined;

  readonly #task: RecordTask<Wellbeing> = new RecordTask<Wellbeing>(this, {
    load: async (record, signal): Promise<Wellbeing> => {
      const client = this.#task.context?.client;
      if (!client) throw new Error('No client');
      const [model, pages] = await Promise.all([
        loadWellbeing(client, record.patientId, { signal }),
        loadAdvice(client, { signal }).then(
          (found) => found,
          () => undefined,
        ),
      ]);
      return { model, advice: orderAdvice(pages ?? [], model.recordCodes), adviceFailed: pages === undefined };
    },
    patientOf: (value) => value.model.patientId,
    onRecordChange: () => this.renderNow(),
  });

  protected override render() {
    const context = this.#task.context;
    const audience = context?.audience ?? 'resident';
    const words = wordsFor(WORDS, audience, context?.actingFor, CARER);
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>
      ${renderTask(this.#task, {
        audience,
        idle: () => html`<p class="empty">No record selected</p>`,
        failed: words.failed,
        focus: '.wellbeing',
        loading: () => renderFrame('wellbeing', words.region, renderSkeleton(words.loading, 5), true),
        ready: (value) => this.#renderReady(value, words),
      })}
    </div>`;
  }

  #renderReady({ model, advice, adviceFailed }: Wellbeing, words: Words): TemplateResult {
    // An answer in part (withheld, a source that did not answer, an error, pages not read): the notices say so, and
    // nothing says "none".
    // Items naming someone else, or no one, were left out: said, and nothing says "none" either.
    const misrouted = carriedAnotherPatients(model.safetyIssues);
    const partial = isPartialAnswer(model.notices) || misrouted;
    return renderFrame(
      'wellbeing',
      words.region,
      html`<h2 class="heading">${words.region}</h2>
        ${renderNotices(model.notices, misrouted ? NOT_SHOWN_SAFELY_NOTICE : undefined)}
        ${
          // A part that could not be read (a later page failed): what was read is shown, and it can be read again.
          (model.notices.unreadTypes ?? []).length > 0
            ? html`<button class="action" part="retry-unread" type="button" @click=${() => this.#task.retry('.wellbeing')}>
                Try again
              </button>`
            : nothing
        }
        <section aria-labelledby="plans-heading">
          <h3 id="plans-heading">${words.plans}</h3>
          ${
            model.plans.length === 0
              ? partial
                ? nothing
                : html`<p class="empty">${words.noPlans}</p>`
              : model.plans.map((plan) => this.#renderPlan(plan, words))
          }
        </section>
        <section aria-labelledby="goals-heading">
          <h3 id="goals-heading">${words.goals}</h3>
          ${
            model.goals.length === 0
              ? partial
                ? nothing
                : html`<p class="empty">${words.noGoals}</p>`
              : model.goals.map((goal) => this.#renderGoal(goal, model.notices.truncated === true))
          }
        </section>
        <section class="advice" part="advice" aria-labelledby="advice-heading">
          <h3 id="advice-heading">${words.advice}</h3>
          <p class="note">${infoIcon}<span>${WELLBEING_NOTE}</span></p>
          ${adviceFailed ? html`<p class="empty">The well-being information could not be loaded just now. Try again later.</p>` : nothing}
          <ul class="pages">
            ${advice.map((page) => this.#renderPage(page))}
          </ul>
        </section>`,
    );
  }

  #renderPlan(plan: PlanItem, words: Words): TemplateResult {
    return html`<article class="plan" part="plan" aria-labelledby="plan-${plan.id}">
      <h4 id="plan-${plan.id}">${plan.title}</h4>
      <p>
        Made with ${plan.madeBy} on ${plan.made}.
        ${
          plan.review === 'Not recorded'
            ? 'No review date recorded.'
            : plan.reviewOverdue
              ? `Its review was due on ${plan.review}.`
              : `It will be reviewed on ${plan.review}.`
        }
      </p>
      ${plan.about.length > 0 ? html`<p class="secondary">About: ${plan.about.join(', ')}</p>` : nothing}
      ${
        plan.agreed.length > 0
          ? html`<p class="label">${words.agreed}</p>
              <ul class="agreed">
                ${plan.agreed.map((line) => html`<li>${line}</li>`)}
              </ul>`
          : nothing
      }
    </article>`;
  }

  #renderGoal(goal: GoalItem, latestOnly: boolean): TemplateResult {
    return html`<article class="goal" part="goal" aria-labelledby="goal-${goal.id}">
      <h4 id="goal-${goal.id}">${goal.description}</h4>
      <p class="secondary">${goal.status}, since ${goal.started}.${goal.achievement ? ` Your care team says: ${goal.achievement}.` : ''}</p>
      ${goal.targets.map((target) => this.#renderTarget(goal, target, latestOnly))}
    </article>`;
  }

  #renderTarget(goal: GoalItem, target: GoalTarget, latestOnly: boolean): TemplateResult {
    return html`<div class="target">
      <p><strong>${target.measure}: ${target.targetText}</strong>${target.due === 'Not recorded' ? nothing : html`, by ${target.due}`}</p>
      <p>${target.statement}</p>
      ${this.#renderChart(goal, target)}
      ${
        target.readings.length > 0
          ? html`<details>
              <summary>
                Show
                ${
                  target.readings.length === 1
                    ? 'the reading'
                    : latestOnly
                      ? `the latest ${target.readings.length} readings`
                      : `all ${target.readings.length} readings`
                }
                as a table
              </summary>
              <table>
                <caption class="visually-hidden">
                  ${target.measure} readings
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Reading</th>
                    <th scope="col">Taken by</th>
                  </tr>
                </thead>
                <tbody>
                  ${[...target.readings].reverse().map(
                    (reading) =>
                      html`<tr>
                        <td>${reading.date}</td>
                        <td>${reading.value} ${reading.unit}</td>
                        <td>${reading.by === 'resident' ? 'At home' : 'Care team'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </details>`
          : nothing
      }
    </div>`;
  }

  /** The readings on the results chart, the goal shaded; the sentence above says what it shows. */
  #renderChart(goal: GoalItem, target: GoalTarget): TemplateResult | typeof nothing {
    if (target.readings.length < 2 || target.value === undefined) return nothing;
    const below = target.comparator === '<' || target.comparator === '<=';
    const test = {
      key: `${goal.id}|${target.measure}`,
      name: target.measure,
      plotted: target.readings.map((reading) => ({ instant: Date.parse(reading.at), value: reading.value, date: reading.date })),
      range: target.comparator ? (below ? { high: target.value } : { low: target.value }) : undefined,
    } as unknown as ResultTest;
    const geometry = chartGeometry(test);
    if (!geometry) return nothing;
    const level = target.value;
    const comparator = target.comparator;
    const meets = (value: number): 'within' | 'above' | 'below' | 'no-range' => {
      if (comparator === undefined) return 'no-range';
      const met =
        comparator === '<' ? value < level : comparator === '<=' ? value <= level : comparator === '>' ? value > level : value >= level;
      return met ? 'within' : below ? 'above' : 'below';
    };
    const first = target.readings[0];
    const last = target.readings.at(-1);
    return html`<svg
      class="chart"
      part="chart"
      role="img"
      aria-label=${`${target.measure} readings from ${first?.date ?? ''} to ${last?.date ?? ''}. ${target.statement}`}
      viewBox="0 0 ${geometry.width} ${CHART_HEIGHT}"
      focusable="false"
    >
      <g aria-hidden="true">
        ${chartFrame(geometry)}
        ${geometry.points.map((point) => {
          const position = meets((point.reading as unknown as { value: number }).value);
          return svg`<g transform="translate(${point.x} ${point.y})"><path class="mark mark--${position}" d=${markPath(position)}></path></g>`;
        })}
      </g>
    </svg>`;
  }

  #renderPage(page: OrderedAdvicePage): TemplateResult {
    const open = this.open === page.id;
    return html`<li class="page">
      <details ?open=${open} @toggle=${(event: Event) => this.#toggle(page.id, (event.target as HTMLDetailsElement).open)}>
        <summary>
          <span class="page-title">${page.title}</span>
          ${page.fitsBecause.length > 0 ? html`<span class="fits">Suggested for you: ${page.fitsBecause.join(', ')}</span>` : nothing}
        </summary>
        <p class="secondary">${page.summary}</p>
        ${page.sections.map(
          (section) =>
            html`${section.heading ? html`<h5>${section.heading}</h5>` : nothing}
            ${section.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}`,
        )}
      </details>
    </li>`;
  }

  #toggle(id: string, open: boolean): void {
    if (open) this.open = id;
    else if (this.open === id) this.open = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-wellbeing': CareWellbeing;
  }
}
