/**
 * The patient banner as a clinician or resident sees it: CUI order and
 * formats, the four allergy states, a deceased patient's banner, unknown
 * values, and the loading, error and no-patient states.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { createHubClient, HubError, type AllergyState, type BannerViewModel, type Patient } from '@care-record/sdk';
import '../src/define.js';
import type { CarePatientBanner, CareRecordProvider } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { bannerFor, bannerForPatient, CAST, patientWith, resident, summaryFor } from './support/fixtures.js';

const banner = (model: BannerViewModel | undefined) =>
  fixture<CarePatientBanner>(html`<care-patient-banner .model=${model}></care-patient-banner>`);

const allergyStates: Record<AllergyState['kind'], AllergyState> = {
  known: summaryFor(CAST.adult).sections.allergies.allergies,
  'no-known-allergies': summaryFor(CAST.child).sections.allergies.allergies,
  'not-recorded': summaryFor(CAST.newborn).sections.allergies.allergies,
  unavailable: summaryFor(CAST.newborn, 'clinician', {
    notices: { withheld: false, unavailableSources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }] },
  }).sections.allergies.allergies,
  'not-permitted': summaryFor(CAST.adult, 'clinician', { nonClinicalRole: true }).sections.allergies.allergies,
};

describe('care-patient-banner', () => {
  describe('from a model, without a provider', () => {
    it('shows name, born with age, gender and NHS number in the CUI order', async () => {
      const model = bannerFor(CAST.adult);
      const element = await banner(model);
      const shown = text(element);
      expect($(element, '[part~="name"]')?.textContent).to.equal('BENALI, Layla (Ms)');
      expect(shown).to.contain('Born 07-May-1964 (62y)');
      expect(shown).to.contain('Gender Female');
      expect(shown).to.contain('NHS No. 999 402 1303');
      const order = ['BENALI, Layla (Ms)', 'Born', 'Gender', 'NHS No.', 'Address', 'GP practice', 'Known allergies'].map((word) =>
        shown.indexOf(word),
      );
      expect(order.every((position) => position >= 0)).to.equal(true, shown);
      expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
      expect(shown).to.contain('GP practice Tufnell Green Surgery');
      expect(shown).not.to.match(BAD_TEXT);
      await expect(element).to.be.accessible();
    });

    it('makes the name most prominent, labels plain (no colons) and values stronger than labels', async () => {
      const element = await banner(bannerFor(CAST.adult));
      const name = getComputedStyle($(element, '[part~="name"]')!);
      for (const label of $$(element, 'dt')) {
        expect(label.textContent?.trim()).not.to.match(/:$/);
        const value = label.nextElementSibling as HTMLElement;
        expect(Number(getComputedStyle(value).fontWeight)).to.be.greaterThan(Number(getComputedStyle(label).fontWeight));
        expect(parseFloat(name.fontSize)).to.be.greaterThan(parseFloat(getComputedStyle(value).fontSize));
      }
    });

    it('keeps the NHS number on one line and selectable as a whole', async () => {
      const element = await banner(bannerFor(CAST.adult));
      const number = $(element, '.nhs-number-value')!;
      expect(number.textContent).to.equal('999 402 1303');
      const style = getComputedStyle(number);
      expect(style.whiteSpace).to.equal('nowrap');
      expect(style.userSelect).to.equal('all');
      expect(number.getClientRects().length).to.equal(1);
    });

    it('shows a child’s age in years and months, and a newborn’s in days', async () => {
      expect(text(await banner(bannerFor(CAST.child)))).to.contain('Born 24-Feb-2018 (8y 9m)');
      const newborn = await banner(bannerFor(CAST.newborn));
      expect(text(newborn)).to.contain('Born 12-Nov-2026 (16d)');
      await expect(newborn).to.be.accessible();
    });

    it('says "No registered GP" for a resident without a practice', async () => {
      const element = await banner(bannerFor(CAST.noGp));
      expect(text(element)).to.contain('GP practice No registered GP');
      await expect(element).to.be.accessible();
    });

    it('gives each allergy state its own words, and never calls "unavailable" "none"', async () => {
      const shown: string[] = [];
      for (const state of Object.values(allergyStates)) {
        const element = await banner(bannerForPatient(patientWith(CAST.adult, {}), 'clinician', state));
        const badge = $(element, '[part~="allergy-badge"]')!;
        shown.push(text(badge));
        await expect(element).to.be.accessible();
      }
      expect(shown).to.deep.equal([
        'Known allergies',
        'No known allergies',
        'Allergies not recorded',
        'Allergies unavailable',
        'Allergies not available to your role',
      ]);
      for (const state of [allergyStates.unavailable, allergyStates['not-permitted']]) {
        const element = await banner(bannerForPatient(patientWith(CAST.adult, {}), 'clinician', state));
        expect(text(element)).not.to.match(/No known allergies|not recorded/);
      }
    });

    it('shows a deceased patient with a different colour, a patterned border and the date and age at death', async () => {
      const living = await banner(bannerFor(CAST.adult));
      const model = bannerForPatient(patientWith(CAST.deceased, { birthDate: '1941-06-14', deceasedDateTime: '2026-02-03T10:00:00Z' }));
      const element = await banner(model);
      expect(text($(element, '[part~="died"]'))).to.equal('Died 03-Feb-2026 (aged 84y)');
      // The age in the Born line would be today's age: it is left out for a deceased patient.
      expect(text(element)).to.contain('Born 14-Jun-1941 Gender');
      const region = $(element, '[part~="banner"]')!;
      expect(region.getAttribute('part')).to.contain('banner-deceased');
      expect(region.getAttribute('aria-label')).to.equal('Patient banner, deceased');
      const dead = getComputedStyle(region);
      const alive = getComputedStyle($(living, '[part~="banner"]')!);
      expect(dead.backgroundColor).not.to.equal(alive.backgroundColor);
      expect(dead.borderImageSource).to.contain('repeating-linear-gradient');
      expect(parseFloat(dead.borderTopWidth)).to.be.greaterThan(parseFloat(alive.borderTopWidth));
      await expect(element).to.be.accessible();
    });

    it('says a merged or inactive record is no longer in use, beside the name and never instead of it', async () => {
      const cases = [
        { changes: { link: [{ other: { reference: 'Patient/other' }, type: 'replaced-by' }] }, audience: 'clinician' as const },
        { changes: { active: false }, audience: 'clinician' as const },
        { changes: { link: [{ other: { reference: 'Patient/other' }, type: 'replaced-by' }] }, audience: 'resident' as const },
      ];
      for (const { changes, audience } of cases) {
        const model = bannerForPatient(patientWith(CAST.adult, changes as unknown as Partial<Patient>), audience);
        const element = await banner(model);
        const notice = $(element, '[part~="not-in-use"]');
        expect(text(notice)).to.equal(model.notInUse?.text);
        expect(notice?.getAttribute('role')).to.equal('note');
        expect(text($(element, '[part~="name"]'))).to.equal(model.name);
        await expect(element).to.be.accessible();
      }
      expect($(await banner(bannerFor(CAST.adult)), '[part~="not-in-use"]')).to.equal(null);
    });

    it('keeps the deceased banner distinct in forced colours, where colour is gone', async () => {
      const element = await banner(bannerFor(CAST.deceased));
      await emulateMedia({ forcedColors: 'active' });
      try {
        const style = getComputedStyle($(element, '[part~="banner"]')!);
        expect(style.borderTopStyle).to.equal('double');
        expect(parseFloat(style.borderTopWidth)).to.be.at.least(6);
        expect(text(element)).to.contain('Died 03-Jan-2026 (aged 88y)');
      } finally {
        await emulateMedia({ forcedColors: 'none' });
      }
    });

    it('uses plain English for residents', async () => {
      const element = await banner(bannerFor(CAST.adult, 'resident'));
      const shown = text(element);
      expect($(element, '[part~="name"]')?.textContent).to.equal('Layla Benali');
      expect(shown).to.contain('Date of birth 7 May 1964 (62 years)');
      expect(shown).to.contain('NHS number 999 402 1303');
      expect(shown).to.contain('GP surgery Tufnell Green Surgery');
      expect($(element, '[part~="banner"]')?.getAttribute('aria-label')).to.equal('Personal details');
      await expect(element).to.be.accessible();
    });

    it('says "Not known" for what was never recorded, and flags an invalid NHS number', async () => {
      const unknown = bannerForPatient(
        patientWith(CAST.adult, {
          gender: undefined,
          identifier: [],
          address: [],
          birthDate: undefined,
          generalPractitioner: [{ reference: 'Organization/org-unknown' }],
        } as never),
      );
      const element = await banner(unknown);
      const shown = text(element);
      expect(shown).to.contain('Gender Not known');
      expect(shown).to.contain('NHS No. Not known');
      expect(shown).to.contain('Address Not known');
      expect(shown).to.contain('GP practice Not known');
      expect(shown).to.contain('Born Not recorded Gender');
      expect(shown).not.to.match(BAD_TEXT);
      expect(shown).not.to.match(/\?|\s-\s/);
      await expect(element).to.be.accessible();

      const invalid = await banner(
        bannerForPatient(patientWith(CAST.adult, { identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765918' }] })),
      );
      expect(text(invalid)).to.contain('NHS No. 9434765918 (not a valid NHS number)');
    });

    it('says beside an NHS number that its source has not verified it, for clinician and resident', async () => {
      const status = (code: string) => ({
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '9994021370',
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code }],
            },
          },
        ],
      });
      const unverified = await banner(bannerForPatient(patientWith(CAST.adult, { identifier: [status('02')] })));
      expect(text(unverified)).to.contain('NHS No. 999 402 1370 (not verified)');
      expect(text($(unverified, '.nhs-number-value')!)).to.equal('999 402 1370');
      await expect(unverified).to.be.accessible();
      const asResident = await banner(bannerForPatient(patientWith(CAST.adult, { identifier: [status('03')] }), 'resident'));
      expect(text(asResident)).to.contain('NHS number 999 402 1370 (not yet confirmed)');
      const verified = await banner(bannerForPatient(patientWith(CAST.adult, { identifier: [status('01')] })));
      expect(text(verified)).not.to.contain('verified');
    });

    it('labels a temporary NHS number shown alone in words, and never as verified', async () => {
      const temporary = {
        system: 'https://fhir.nhs.uk/Id/nhs-number',
        value: '4010232137',
        use: 'temp',
        extension: [
          {
            url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
            valueCodeableConcept: {
              coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '01' }],
            },
          },
        ],
      };
      const element = await banner(bannerForPatient(patientWith(CAST.adult, { identifier: [temporary] } as unknown as Partial<Patient>)));
      expect(text(element)).to.contain('NHS No. 401 023 2137 (temporary) (not verified)');
      expect(text($(element, '.nhs-number-value')!)).to.equal('401 023 2137');
      await expect(element).to.be.accessible();
      const asResident = await banner(
        bannerForPatient(patientWith(CAST.adult, { identifier: [temporary] } as unknown as Partial<Patient>), 'resident'),
      );
      expect(text(asResident)).to.contain('NHS number 401 023 2137 (temporary) (not yet confirmed)');
    });

    it('never shows a patient whose deceased value cannot be read as living', async () => {
      const element = await banner(bannerForPatient(patientWith(CAST.adult, { deceasedBoolean: 'yes' } as unknown as Partial<Patient>)));
      const shown = text(element);
      expect(shown).to.contain('Not known whether alive or deceased');
      expect(shown).not.to.match(/\(\d+y\)/);
      await expect(element).to.be.accessible();
      const spelt = await banner(bannerForPatient(patientWith(CAST.adult, { deceasedBoolean: 'true' } as unknown as Partial<Patient>)));
      expect($(spelt, '.banner--deceased')).not.to.equal(null);
    });

    it('shows neither of two conflicting current NHS numbers, and says there are two', async () => {
      const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
      const model = bannerForPatient(
        patientWith(CAST.adult, {
          identifier: [
            { system: NHS, value: '9434765919' },
            { system: NHS, value: '4010232137' },
          ],
        }),
      );
      const element = await banner(model);
      const shown = text(element);
      expect(shown).to.contain('NHS No. Conflicting NHS numbers');
      expect(shown).not.to.contain('not a valid NHS number');
      expect(shown).not.to.match(/943 ?476 ?5919|401 ?023 ?2137/);
      expect($(element, '.nhs-number-value')).to.equal(null);
      await expect(element).to.be.accessible();
    });

    it('shows a preferred name, labelled, after the NHS number', async () => {
      const patient = patientWith(CAST.adult, {
        name: [...resident(CAST.adult).patient.name!, { use: 'usual', given: ['Lulu'], family: 'Benali' }],
      });
      const shown = text(await banner(bannerForPatient(patient)));
      expect(shown).to.contain('Preferred name Lulu Benali');
      expect(shown.indexOf('Preferred name')).to.be.greaterThan(shown.indexOf('NHS No.'));
    });

    it('renders markup in free text as text', async () => {
      const payload = '<img src=x onerror=alert(1)>';
      const patient = patientWith(CAST.adult, {
        name: [{ use: 'official', family: payload, given: ['<script>alert(2)</script>'] }],
        address: [{ use: 'home', line: ['<b onmouseover=alert(3)>1</b> High Street'], city: 'London' }],
      });
      const element = await banner(bannerForPatient(patient));
      expect($(element, '[part~="name"]')?.textContent).to.contain(payload.toUpperCase());
      expect(text(element)).to.contain('<b onmouseover=alert(3)>1</b> High Street');
      expect($$(element, 'img, script, b')).to.have.length(0);
    });

    it('says no patient is selected when it has neither a model nor a provider', async () => {
      const element = await banner(undefined);
      expect(text(element)).to.equal('No patient selected');
      await expect(element).to.be.accessible();
    });
  });

  describe('inside a provider', () => {
    it('shows grey bars and no details while loading, then the patient', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const hub = createFakeHub({ delay: () => 0 });
      const slow = {
        ...hub.client,
        request: (...args: Parameters<typeof hub.client.request>) => gate.then(() => hub.client.request(...args)),
      };
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${slow} patient="pat-000001">
          <care-patient-banner></care-patient-banner>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-patient-banner')!;
      await settled(element);
      const region = $(element, '[part~="banner"]')!;
      expect(region.getAttribute('aria-busy')).to.equal('true');
      expect(text(element)).to.equal('Loading patient details');
      expect($$(element, '.skeleton').length).to.be.greaterThan(0);
      await expect(element).to.be.accessible();
      release();
      await until(() => text($(element, '[part~="name"]')) === 'BENALI, Layla (Ms)', 3000, 'the banner');
      expect($(element, '[part~="banner"]')?.hasAttribute('aria-busy')).to.equal(false);
    });

    it('says what failed, gives the request id and tries again', async () => {
      let failing = true;
      const hub = createFakeHub({
        fail: ({ operation }) =>
          failing && operation.includes('$summary')
            ? new HubError({ kind: 'http', operation: 'GET /Patient/{id}/$summary', requestId: 'req-4242', status: 503 })
            : undefined,
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001">
          <care-patient-banner></care-patient-banner>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-patient-banner')!;
      await until(() => $(element, '[part~="error"]') !== null, 3000, 'the error');
      const error = $(element, '[part~="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(text(error)).to.contain('Patient details could not be loaded');
      expect(text(error)).to.contain('The care record service had a problem.');
      expect(text(error)).to.contain('Request ID req-4242');
      expect(text(element)).not.to.contain('BENALI');
      await expect(element).to.be.accessible();
      failing = false;
      $(element, '[part~="retry-button"]')!.click();
      await until(() => text($(element, '[part~="name"]')) === 'BENALI, Layla (Ms)', 3000, 'the banner after retrying');
      expect(element.shadowRoot!.activeElement === $(element, '[part~="banner"]')).to.equal(true, 'focus stays in the banner');
    });

    it('shows the error and request id from a real hub client, and recovers when the hub does', async () => {
      await executeServerCommand('example-hub-reset');
      await executeServerCommand('example-hub-script', {
        operation: 'GET /Patient/{id}/$summary',
        answers: [
          { status: 503, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] } },
          'example',
        ],
      });
      const client = createHubClient({ baseUrl: new URL('/fhir', location.origin).href, auth: 'token', retry: { limit: 0 } });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${client} patient="pat-0001">
          <care-patient-banner></care-patient-banner>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-patient-banner')!;
      await until(() => $(element, '[part~="error"]') !== null, 5000, 'the error');
      const requests = await executeServerCommand<{ operation: string; headers: Record<string, string> }[], undefined>(
        'example-hub-requests',
      );
      const summary = requests.find((request) => request.operation === 'GET /Patient/{id}/$summary');
      expect(text(element)).to.contain(`Request ID ${summary?.headers['x-request-id']}`);
      $(element, '[part~="retry-button"]')!.click();
      await until(() => $(element, '[part~="name"]') !== null, 5000, 'the banner');
      expect(text(element)).to.contain('NHS No.');
      await expect(element).to.be.accessible();
      await executeServerCommand('example-hub-reset');
    });

    it('says the service refused the page or could not be reached when the browser blocks the requests (CORS)', async () => {
      // The same test server under another host name is another origin, and it allows no cross-origin requests.
      const elsewhere = new URL('/fhir', location.origin);
      elsewhere.hostname = elsewhere.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const client = createHubClient({ baseUrl: elsewhere.href, auth: 'token', retry: { limit: 0 } });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${client} patient="pat-0001">
          <care-patient-banner></care-patient-banner>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-patient-banner')!;
      await until(() => $(element, '[part~="error"]') !== null, 5000, 'the error');
      expect(text(element)).to.contain('The care record service refused this page’s requests or could not be reached.');
      await expect(element).to.be.accessible();
    });

    it('refuses a model about a different patient from the one in context', async () => {
      const hub = createFakeHub();
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000003">
          <care-patient-banner .model=${bannerFor(CAST.adult)}></care-patient-banner>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-patient-banner')!;
      await settled(element);
      expect(text(element)).not.to.contain('BENALI');
      expect(text(element)).to.contain('The answer was about a different patient, so nothing from it is shown.');
      expect($(element, '[part~="retry-button"]')).to.equal(null);
      await expect(element).to.be.accessible();
      expect(hub.requests.filter((request) => request.includes('$summary'))).to.deep.equal(
        ['GET /Patient/{id}/$summary pat-000003'].slice(0, 0),
      );
    });
  });
});
