import { NOT_KNOWN, pageBanner, type BannerViewModel, type RecordAudience } from '@care-record/sdk';
import { readPage } from '../internal/record-context.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { isolatedName } from '../internal/isolated-name.js';
import { infoIcon, tickIcon, warningIcon } from '../internal/icons.js';
import { RecordTask } from '../internal/record-task.js';
import { renderSkeleton, renderTask, wrongPatientModel } from '../internal/states.js';
import { styles } from './patient-banner.styles.js';

const WORDS: Record<RecordAudience, { region: string; loading: string; failed: string; noPatient: string; deceased: string }> = {
  clinician: {
    region: 'Patient banner',
    loading: 'Loading patient details',
    failed: 'Patient details could not be loaded',
    noPatient: 'No patient selected',
    deceased: 'deceased',
  },
  resident: {
    region: 'Personal details',
    loading: 'Loading personal details',
    failed: 'We could not load the personal details',
    noPatient: 'No record selected',
    deceased: 'deceased',
  },
};

/**
 * The patient banner, in the NHS Common User Interface order: name, date of
 * birth with age, gender and NHS number, then preferred name, address, GP
 * practice and the allergy state. A deceased patient's banner looks different
 * (colour, a striped edge and a heavier border) and says when they died.
 *
 * Inside `<care-record-provider>` it shows the patient in context; without
 * one, give it a `model` (from `bannerViewModel`). It never shows a previous
 * patient: while the next one loads it shows grey bars and no details.
 *
 * @summary Who this record is about, at the top of a single-patient view.
 *
 * @csspart banner - The banner (also while loading).
 * @csspart banner-deceased - The banner, when the patient has died.
 * @csspart name - The patient's name.
 * @csspart nhs-number - The NHS number (one line, selects as a whole).
 * @csspart died - The date of death and age at death.
 * @csspart not-in-use - Words saying the record was replaced by another or is not in active use.
 * @csspart deceased-not-known - Words saying whether the patient has died cannot be read.
 * @csspart allergy-badge - The allergy state: known, none known, not recorded, unavailable, or not available to the viewer's role.
 * @csspart error - The panel shown when the details could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-banner-background=#f0f4f5] - Background of the banner.
 * @cssprop [--care-banner-color=#212b32] - Text colour of the banner.
 * @cssprop [--care-banner-accent=#005eb8] - The banner's top border.
 * @cssprop [--care-banner-deceased-background=#425563] - Background of a deceased patient's banner.
 * @cssprop [--care-banner-deceased-color=#ffffff] - Text colour of a deceased patient's banner.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CarePatientBanner extends CareElement {
  static override elementName = 'care-patient-banner';
  static override styles = styles;

  /**
   * The banner to show, when the host read the record itself (from
   * `bannerViewModel`). Takes the place of loading from a provider; inside one,
   * it is shown only if it is about the patient in context.
   */
  @property({ attribute: false }) model: BannerViewModel | undefined;

  readonly #task = new RecordTask<BannerViewModel>(this, {
    load: async (record) => pageBanner(await record.use(readPage), record.reader.options),
    patientOf: (banner) => banner.patientId,
    enabled: () => this.model === undefined,
    onRecordChange: () => this.renderNow(),
  });

  protected override render() {
    const context = this.#task.context;
    const audience = this.model?.audience ?? context?.audience ?? 'clinician';
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${this.#renderState(audience)}</div>`;
  }

  #renderState(audience: RecordAudience): TemplateResult {
    const words = WORDS[audience];
    if (this.model) return wrongPatientModel(this.#task, this.model.patientId, words.failed, audience) ?? this.#renderBanner(this.model);
    return renderTask(this.#task, {
      audience,
      idle: () => html`<p class="banner banner--empty" part="banner">${words.noPatient}</p>`,
      failed: words.failed,
      // Keep focus in the banner rather than losing it to the page.
      focus: '.banner',
      loading: () => this.#frame(words.region, renderSkeleton(words.loading, 2), { busy: true }),
      ready: (banner) => this.#renderBanner(banner),
    });
  }

  /** One section for loading and loaded alike, so focus placed on it survives the data arriving. */
  #frame(label: string, content: TemplateResult, state: { busy?: boolean; deceased?: boolean }): TemplateResult {
    const classes = `banner${state.busy ? ' banner--loading' : ''}${state.deceased ? ' banner--deceased' : ''}`;
    return html`<section
      class=${classes}
      part=${state.deceased ? 'banner banner-deceased' : 'banner'}
      aria-label=${label}
      aria-busy=${state.busy ? 'true' : nothing}
      tabindex="-1"
    >
      ${content}
    </section>`;
  }

  #renderBanner(model: BannerViewModel): TemplateResult {
    const { labels, deceased } = model;
    const words = WORDS[model.audience];
    const known = (value: string) => value !== NOT_KNOWN;
    // Two current NHS numbers that disagree: words saying so, never a number to copy.
    const nhsNumber =
      model.nhsNumber === NOT_KNOWN
        ? html`<dd class="nhs-number" part="nhs-number">${NOT_KNOWN}</dd>`
        : model.nhsNumber.conflict
          ? html`<dd class="nhs-number" part="nhs-number"><span class="invalid">${model.nhsNumber.formatted}</span></dd>`
          : html`<dd class="nhs-number" part="nhs-number">
              <span class="nhs-number-value">${model.nhsNumber.formatted}</span>${
                model.nhsNumber.valid ? nothing : html` <span class="invalid">(not a valid NHS number)</span>`
              }${model.nhsNumber.temporary ? html` <span class="invalid">(${model.nhsNumber.temporary})</span>` : nothing}${
                model.nhsNumber.notVerified ? html` <span class="invalid">(${model.nhsNumber.notVerified})</span>` : nothing
              }
            </dd>`;
    return this.#frame(
      deceased ? `${words.region}, ${words.deceased}` : words.region,
      html`<div class="identity">
          <p class="name" part="name">${isolatedName(model.name)}</p>
          ${
            model.notInUse
              ? html`<p class="not-in-use" part="not-in-use" role="note">${warningIcon}<span>${model.notInUse.text}</span></p>`
              : nothing
          }${
            model.deceasedNotKnown
              ? html`<p class="not-in-use" part="deceased-not-known" role="note">${warningIcon}<span>${model.deceasedNotKnown}</span></p>`
              : nothing
          }
          <dl class="fields">
            <div class="field">
              <dt class="label">${labels.born}</dt>
              <dd>${model.born.date}${deceased || !known(model.born.age) ? nothing : ` (${model.born.age})`}</dd>
            </div>
            <div class="field">
              <dt class="label">${labels.gender}</dt>
              <dd>${model.gender}</dd>
            </div>
            <div class="field">
              <dt class="label">${labels.nhsNumber}</dt>
              ${nhsNumber}
            </div>
          </dl>
        </div>
        ${
          deceased
            ? html`<p class="died" part="died">
                <span class="died-label">${labels.died}</span>
                <span class="died-value">${deceased.date}${known(deceased.ageAtDeath) ? ` (aged ${deceased.ageAtDeath})` : nothing}</span>
              </p>`
            : nothing
        }
        <div class="more">
          <dl class="fields">
            ${
              model.preferredName
                ? html`<div class="field">
                    <dt class="label">${labels.preferredName}</dt>
                    <dd>${isolatedName(model.preferredName)}</dd>
                  </div>`
                : nothing
            }
            <div class="field">
              <dt class="label">${labels.address}</dt>
              <dd>${model.address}</dd>
            </div>
            <div class="field">
              <dt class="label">${labels.gpPractice}</dt>
              <dd>${isolatedName(model.gpPractice)}</dd>
            </div>
          </dl>
          <p class="allergies allergies--${allergyLook(model.allergies)}" part="allergy-badge">
            ${ALLERGY_ICONS[allergyLook(model.allergies)]}<span>${model.allergies.label}</span>
          </p>
        </div> `,
      { deceased: deceased !== undefined },
    );
  }
}

/** How the allergy badge looks: an unconfirmed "none" is not the settled fact, so it has no tick and not its colour. */
const allergyLook = (allergies: BannerViewModel['allergies']): BannerViewModel['allergies']['kind'] | 'unconfirmed' =>
  allergies.kind === 'no-known-allergies' && allergies.unconfirmed ? 'unconfirmed' : allergies.kind;

const ALLERGY_ICONS: Record<ReturnType<typeof allergyLook>, TemplateResult | typeof nothing> = {
  known: warningIcon,
  'no-known-allergies': tickIcon,
  unconfirmed: infoIcon,
  'not-recorded': nothing,
  unavailable: infoIcon,
  'not-permitted': infoIcon,
};

declare global {
  interface HTMLElementTagNameMap {
    'care-patient-banner': CarePatientBanner;
  }
}
