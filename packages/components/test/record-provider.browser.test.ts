/**
 * The provider and the wrong-patient guard. The race test switches patients
 * at random moments while the previous patients' answers arrive late and out
 * of order (sometimes after their requests were cancelled), and checks after
 * every microtask and every DOM change that no element shows anything but the
 * patient in context.
 */
import { expect, fixture, html } from '@open-wc/testing';
import {
  appointmentsViewModel,
  createTimeline,
  resultsViewModel,
  type Appointment,
  type DiagnosticReport,
  type Observation,
  type TimelineResource,
} from '@care-record/sdk';
import type { LitElement } from 'lit';
import '../src/define.js';
import { CarePatientBanner, CareRecordProvider } from '../src/index.js';
import { $, settled, text, until } from './support/dom.js';
import { createFakeHub, type FakeHub } from './support/fake-hub.js';
import { page, ready, type Page } from './support/provider-page.js';
import { bannerFor, bannerName, borough, CAST, medicationsFor, NOW, organizations, summaryFor } from './support/fixtures.js';

describe('care-record-provider', () => {
  it('publishes the client, patient, audience and locale, with a new record for each patient', async () => {
    const hub = createFakeHub();
    const { provider, probe } = await page(hub.client, 'pat-000001');
    const first = probe.context!;
    expect(first.client).to.equal(hub.client);
    expect(first.patientId).to.equal('pat-000001');
    expect(first.audience).to.equal('clinician');
    expect(first.locale).to.equal('en-GB');
    expect(first.record.patientId).to.equal('pat-000001');

    provider.locale = 'en';
    await provider.updateComplete;
    expect(probe.context?.locale).to.equal('en');
    expect(probe.context?.record).to.equal(first.record, 'a new locale keeps the record');

    provider.patient = 'pat-000004';
    await provider.updateComplete;
    expect(probe.context?.patientId).to.equal('pat-000004');
    expect(probe.context?.generation).to.be.greaterThan(first.generation);

    provider.setAttribute('audience', 'resident');
    await provider.updateComplete;
    expect(probe.context?.audience).to.equal('resident');
    expect(probe.context?.patientId).to.equal('pat-000004');
  });

  it('takes the previous patient off every element before anything else renders, and cancels their requests', async () => {
    const hub = createFakeHub({ delay: () => 20 });
    const current = await page(hub.client, 'pat-000001');
    await until(() => ready(current), 3000, 'the first patient');
    const seenAfterPublish: string[] = [];
    current.probe.onPublish = () =>
      // Runs once the provider's update has finished: nothing may show the previous patient by then.
      queueMicrotask(() => seenAfterPublish.push(text(current.banner), text(current.summary), text(current.medicines)));
    current.provider.patient = 'pat-000004';
    expect(text(current.banner)).to.contain('BENALI', 'until the provider updates, the page is unchanged');
    await current.provider.updateComplete;
    expect(seenAfterPublish).to.deep.equal(['Loading patient details', 'Loading the record summary', 'Loading medication']);

    // A switch while the second patient is still loading cancels their requests.
    const abortedBefore = hub.aborted;
    current.provider.patient = 'pat-000003';
    await current.provider.updateComplete;
    expect(hub.aborted).to.be.greaterThan(abortedBefore);
    await until(() => ready(current), 3000, 'the third patient');
    expect($(current.banner, '[part~="name"]')?.textContent).to.equal(bannerName(2));
  });

  it('leaves the elements saying no patient is selected when the patient is cleared', async () => {
    const hub = createFakeHub();
    const current = await page(hub.client, 'pat-000001');
    await until(() => ready(current), 3000, 'the patient');
    current.provider.removeAttribute('patient');
    await current.provider.updateComplete;
    expect(text(current.banner)).to.equal('No patient selected');
    expect(text(current.summary)).to.equal('No patient selected');
    expect(text(current.medicines)).to.equal('No patient selected');
  });

  it('forgets the patient when removed from the page, and opens the record afresh when put back', async () => {
    const hub = createFakeHub({ delay: () => 50 });
    const current = await page(hub.client, 'pat-000001');
    const parent = current.provider.parentElement!;
    current.provider.remove();
    expect(hub.aborted).to.be.greaterThan(0);
    parent.append(current.provider);
    await until(() => ready(current), 3000, 'the patient again');
  });

  it('is found by elements that were upgraded before it', async () => {
    class LateProvider extends CareRecordProvider {}
    const hub = createFakeHub();
    const host = await fixture<HTMLDivElement>(
      html`<div>
        <care-late-provider patient="pat-000004"><care-patient-banner></care-patient-banner></care-late-provider>
      </div>`,
    );
    const banner = host.querySelector('care-patient-banner')!;
    await settled(banner);
    expect(text(banner)).to.equal('No patient selected');
    LateProvider.define('care-late-provider');
    const provider = host.querySelector('care-late-provider') as CareRecordProvider;
    provider.client = hub.client;
    await until(() => $(banner, '[part~="name"]') !== null, 3000, 'the banner');
    expect($(banner, '[part~="name"]')?.textContent).to.equal(bannerName(CAST.child));
  });

  it('shows the resident view when the audience is not one it knows', async () => {
    const hub = createFakeHub();
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const current = await page(hub.client, 'pat-000001');
      current.provider.setAttribute('audience', 'receptionist');
      await until(() => ready(current) && $(current.banner, '[part~="name"]')?.textContent === 'Layla Benali', 3000, 'the resident view');
      expect(current.probe.context?.audience).to.equal('resident');
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('defines each element once, and keeps the first definition of a name', async () => {
    expect(() => CarePatientBanner.define()).not.to.throw();
    class Impostor extends CarePatientBanner {}
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      Impostor.define('care-patient-banner');
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('care-patient-banner')).to.equal(CarePatientBanner);
    expect(warnings).to.have.length(1);
  });
});

describe('care-record-provider found by NHS number', () => {
  const nhsNumberOf = (index: number) =>
    borough.resident(index).patient.identifier!.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')!.value!;
  const spaced = (digits: string) => `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;

  async function byNumber(client: FakeHub['client'], nhsNumber: string, patient?: string): Promise<Page> {
    const provider = await fixture<CareRecordProvider>(
      html`<care-record-provider .client=${client} nhs-number=${nhsNumber} patient=${patient ?? ''}>
        <care-test-probe></care-test-probe>
        <care-patient-banner></care-patient-banner>
        <care-record-summary></care-record-summary>
        <care-medication-list></care-medication-list>
      </care-record-provider>`,
    );
    return {
      provider,
      probe: provider.querySelector('care-test-probe')!,
      banner: provider.querySelector('care-patient-banner')!,
      summary: provider.querySelector('care-record-summary')!,
      medicines: provider.querySelector('care-medication-list')!,
    };
  }

  it('finds the one record with the number, loads nothing until then, and shows that patient', async () => {
    const hub = createFakeHub({ delay: ({ operation }) => (operation === 'GET /Patient' ? 30 : 0) });
    const current = await byNumber(hub.client, spaced(nhsNumberOf(CAST.child)));
    expect(current.probe.context?.lookup?.state).to.equal('pending');
    expect(text(current.banner)).to.equal('Loading patient details');
    expect(hub.requests.filter((request) => !request.startsWith('GET /Patient '))).to.deep.equal([]);
    await until(() => ready(current), 3000, 'the child found by NHS number');
    expect($(current.banner, '[part~="name"]')?.textContent).to.equal(bannerName(CAST.child));
    expect(current.probe.context?.patientId).to.equal(borough.resident(CAST.child).patient.id);
    expect(hub.requests.filter((request) => request.startsWith('GET /Patient '))).to.have.length(1);
    await expect(current.banner).to.be.accessible();
  });

  it('says why no record is shown: an invalid number (nothing sent), no match, ids that disagree', async () => {
    const hub = createFakeHub();
    const invalid = await byNumber(hub.client, '999 000 0001');
    await until(() => text(invalid.banner).includes('not valid'), 3000, 'the invalid-number message');
    expect(text(invalid.banner)).to.contain('The NHS number is not valid');
    expect(text(invalid.summary)).to.contain('The NHS number is not valid');
    expect(hub.requests).to.deep.equal([]);
    await expect(invalid.summary).to.be.accessible();

    const unknown = await byNumber(hub.client, '9990000026');
    await until(() => text(unknown.banner).includes('No record you can see has this NHS number'), 3000, 'the not-found message');
    expect(text(unknown.medicines)).to.contain('No record you can see has this NHS number');
    expect(text(unknown.medicines)).not.to.contain('No record was found');
    expect(text(unknown.medicines)).not.to.contain('No current medication');
    // Trying again asks again.
    $(unknown.banner, '[part~="retry-button"]')!.click();
    await until(() => hub.requests.filter((request) => request === 'GET /Patient 9990000026').length === 2, 3000, 'a second lookup');

    const mismatch = await byNumber(hub.client, nhsNumberOf(CAST.child), borough.resident(CAST.adult).patient.id);
    await until(() => text(mismatch.banner).includes('different records'), 3000, 'the mismatch message');
    expect(text(mismatch.banner)).not.to.contain(bannerName(CAST.child));
    expect(text(mismatch.banner)).not.to.contain(bannerName(CAST.adult));
  });

  it('a late answer for a number no longer in context is never shown', async () => {
    let slow = true;
    const hub = createFakeHub({ delay: ({ operation }) => (operation === 'GET /Patient' && slow ? 80 : 0), honourAbort: false });
    const current = await byNumber(hub.client, nhsNumberOf(CAST.child));
    slow = false;
    current.provider.nhsNumber = nhsNumberOf(CAST.frailOlder);
    await until(() => ready(current), 3000, 'the second patient');
    expect($(current.banner, '[part~="name"]')?.textContent).to.equal(bannerName(CAST.frailOlder));
    // The first lookup's answer arrives now and must change nothing.
    await new Promise((resolve) => setTimeout(resolve, 120));
    await settled(current.banner, current.summary, current.medicines);
    expect($(current.banner, '[part~="name"]')?.textContent).to.equal(bannerName(CAST.frailOlder));
    expect(current.probe.context?.patientId).to.equal(borough.resident(CAST.frailOlder).patient.id);
  });
});

const NO_NOTICES = { withheld: false, unavailableSources: [] };

describe('a view model the host passes inside a provider', () => {
  // Each element is given a model about the adult while the provider holds the frail older resident.
  const adult = borough.resident(CAST.adult);
  const adultId = adult.patient.id!;
  const of = <T>(type: string) => adult.resources.filter((resource) => resource.resourceType === type) as unknown as T[];
  const elements: [tag: string, model: () => unknown][] = [
    ['care-patient-banner', () => bannerFor(CAST.adult)],
    ['care-record-summary', () => summaryFor(CAST.adult)],
    ['care-medication-list', () => medicationsFor(CAST.adult)],
    [
      'care-timeline',
      () => {
        const timeline = createTimeline({ patientId: adultId, organizations, audience: 'clinician', now: NOW });
        timeline.add(adult.resources as TimelineResource[]);
        return timeline;
      },
    ],
    [
      'care-results',
      () =>
        resultsViewModel(
          {
            observations: of<Observation>('Observation'),
            reports: of<DiagnosticReport>('DiagnosticReport'),
            patientId: adultId,
            notices: NO_NOTICES,
            organizations,
          },
          { audience: 'clinician' },
        ),
    ],
    [
      'care-appointments',
      () =>
        appointmentsViewModel(
          { appointments: of<Appointment>('Appointment'), patientId: adultId, notices: NO_NOTICES, organizations },
          { audience: 'clinician', now: NOW },
        ),
    ],
  ];

  for (const [tag, makeModel] of elements) {
    it(`${tag} shows it only when it is about the patient in context`, async () => {
      const hub = createFakeHub();
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient=${borough.resident(CAST.frailOlder).patient.id!}></care-record-provider>`,
      );
      const element = document.createElement(tag) as LitElement & { model: unknown };
      element.model = makeModel();
      provider.append(element);
      await settled(element);
      expect(text(element)).to.contain('The answer was about a different patient, so nothing from it is shown.');
      expect(text(element)).not.to.contain(bannerName(CAST.adult));
      expect($(element, '[part~="retry-button"]')).to.equal(null);
      await expect(element).to.be.accessible();
      // The same model is shown once its patient is the one in context.
      provider.patient = adultId;
      await settled(element);
      expect(text(element)).not.to.contain('different patient');
      expect($(element, '[part~="error"]')).to.equal(null);
    });
  }
});
