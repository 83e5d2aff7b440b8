/**
 * The record summary: PRSB order and headings, each section's own state
 * (empty, some information not shown, a source unavailable, not permitted),
 * the source of every item, choosing an item from the keyboard, and the
 * loading and error states inside a provider.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HubError, NOT_SHOWN_SAFELY_NOTICE, SUMMARY_SECTION_ORDER, summaryViewModel, type SummaryViewModel } from '@care-record/sdk';
import '../src/define.js';
import type { CareRecordProvider, CareRecordSummary, CareSelectDetail } from '../src/index.js';
import { BAD_TEXT, $, $$, settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { CAST, NOW, organizations, resident, summaryFor, summaryResources } from './support/fixtures.js';

const summary = (model: SummaryViewModel | undefined, headingLevel?: number) =>
  fixture<CareRecordSummary>(html`<care-record-summary .model=${model} heading-level=${headingLevel ?? 2}></care-record-summary>`);

const section = (element: Element, key: string) => $(element, `[data-section="${key}"]`)!;
const hospitalDown = { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] };

describe('care-record-summary', () => {
  describe('from a model, without a provider', () => {
    it('puts every section under a heading, in PRSB order, inside a named region', async () => {
      const model = summaryFor(CAST.adult);
      const element = await summary(model);
      const region = $(element, '[part~="summary"]')!;
      expect(region.localName).to.equal('section');
      expect(region.getAttribute('aria-label')).to.equal('Record summary');
      const headings = $$(element, 'h2');
      expect(headings.map((heading) => heading.textContent?.trim())).to.deep.equal([
        'Alerts and safeguarding',
        'Allergies and adverse reactions',
        'Problems and issues',
        'Medications',
        'Procedures',
        'Vaccinations',
        'Legal information and advance decisions',
        'Personal contacts',
        'Care and support plans',
        'Goals',
        'Services involved',
        'Upcoming appointments',
      ]);
      expect($$(element, '[data-section]').map((node) => node.dataset['section'])).to.deep.equal([...SUMMARY_SECTION_ORDER]);
      expect(text(element)).not.to.match(BAD_TEXT);
      await expect(element).to.be.accessible();
    });

    it('tags a current medicine that is on hold or of unknown status, in each audience’s words', async () => {
      const record = resident(CAST.adult);
      const patient = { reference: `Patient/${record.patient.id}` };
      const request = (id: string, text: string, status: string) => ({
        resourceType: 'MedicationRequest',
        id,
        status,
        intent: 'order',
        subject: patient,
        authoredOn: '2026-10-02',
        medicationCodeableConcept: { text },
        meta: { source: 'https://care-record.example/source/F83999' },
      });
      const resources = [
        record.patient,
        request('mr-hold', 'Warfarin 1mg tablets', 'on-hold'),
        request('mr-unknown', 'Ramipril 5mg capsules', 'unknown'),
        request('mr-active', 'Amlodipine 5mg tablets', 'active'),
      ];
      for (const [audience, hold, unknown] of [
        ['clinician', 'On hold', 'Not known'],
        ['resident', 'Paused', 'Not known'],
      ] as const) {
        const model = summaryViewModel(resources, {
          audience,
          now: NOW,
          patientId: record.patient.id!,
          organizations,
          medicationPreviewCount: 5,
        });
        const element = await summary(model);
        const titles = [...section(element, 'medications').querySelectorAll('.item-title')].map((title) => text(title));
        expect(
          titles.find((title) => title.startsWith('Warfarin')),
          audience,
        ).to.include(hold);
        expect(
          titles.find((title) => title.startsWith('Ramipril')),
          audience,
        ).to.include(unknown);
        expect(
          titles.find((title) => title.startsWith('Amlodipine')),
          audience,
        ).to.not.match(/On hold|Paused|Not known/);
        await expect(element).to.be.accessible();
      }
    });

    it('names a "do not give" order in force, with its source, even when no medicine is current', async () => {
      const record = resident(CAST.adult);
      const order = {
        resourceType: 'MedicationRequest',
        id: 'mr-dnp',
        status: 'active',
        intent: 'order',
        doNotPerform: true,
        subject: { reference: `Patient/${record.patient.id}` },
        authoredOn: '2026-10-02',
        medicationCodeableConcept: { text: 'Phenoxymethylpenicillin' },
        meta: { source: 'https://care-record.example/source/F83999' },
      };
      for (const [audience, heading] of [
        ['clinician', 'Do not give'],
        ['resident', 'Medicines you must not be given'],
      ] as const) {
        const model = summaryViewModel([record.patient, order], { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const apart = section(element, 'medications').querySelector('[part~="do-not-give"]');
        expect(text(apart), audience).to.match(new RegExp(`^${heading} Phenoxymethylpenicillin \\S+ Tufnell Green Surgery$`));
        // Not a medicine being taken: the section still says none is current.
        expect(text(section(element, 'medications')), audience).to.contain(model.sections.medications.emptyText);
        await expect(element).to.be.accessible();
      }
    });

    it('says when services disagree about a current medicine, with what each says', async () => {
      const record = resident(CAST.adult);
      const medicine = { text: 'Amlodipine 5mg tablets' };
      const subject = { reference: `Patient/${record.patient.id}` };
      const resources = [
        record.patient,
        {
          resourceType: 'MedicationRequest',
          id: 'mr-gp',
          status: 'active',
          intent: 'plan',
          subject,
          authoredOn: '2026-01-02',
          medicationCodeableConcept: medicine,
          meta: { source: 'https://care-record.example/source/F83999' },
        },
        {
          resourceType: 'MedicationStatement',
          id: 'ms-ward',
          status: 'stopped',
          subject,
          effectivePeriod: { start: '2026-11-01', end: '2026-11-20' },
          medicationCodeableConcept: medicine,
          meta: { source: 'https://care-record.example/source/RZ9' },
        },
      ];
      for (const [audience, flag, stopped] of [
        ['clinician', 'Sources disagree: status', 'Stopped 20-Nov-2026'],
        ['resident', 'Services have recorded it differently', 'Stopped 20 November 2026'],
      ] as const) {
        const model = summaryViewModel(resources, { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const item = section(element, 'medications').querySelector('[part~="item"]');
        const said = text(item?.querySelector('[part~="flag"]'));
        expect(said, audience).to.contain(flag);
        expect(said, audience).to.contain(`Highbury Vale Hospital NHS Trust ${stopped}`);
        await expect(element).to.be.accessible();
      }
    });

    it('says the patient declined an upcoming appointment still booked, in each audience’s words', async () => {
      const record = resident(CAST.adult);
      const appointment = {
        resourceType: 'Appointment',
        id: 'ap-declined',
        status: 'booked',
        start: '2027-01-10T10:00:00Z',
        serviceType: [{ text: 'Oncology clinic' }],
        participant: [{ actor: { reference: `Patient/${record.patient.id}` }, status: 'declined' }],
        meta: { source: 'https://care-record.example/source/RZ9' },
      };
      for (const [audience, said] of [
        ['clinician', 'Declined by the patient'],
        ['resident', 'Declined'],
      ] as const) {
        const model = summaryViewModel([record.patient, appointment], { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const title = section(element, 'appointments').querySelector('.item-title');
        expect(text(title), audience).to.equal(`Oncology clinic ${said}`);
        await expect(element).to.be.accessible();
      }
    });

    it('says the patient’s response is unclear when one of their entries declined and another accepted', async () => {
      const record = resident(CAST.adult);
      const appointment = {
        resourceType: 'Appointment',
        id: 'ap-unclear',
        status: 'booked',
        start: '2027-01-10T10:00:00Z',
        serviceType: [{ text: 'Oncology clinic' }],
        participant: [
          { actor: { reference: `Patient/${record.patient.id}` }, status: 'declined' },
          { actor: { reference: `https://fhir.example.nhs.uk/Patient/${record.patient.id}` }, status: 'accepted' },
        ],
        meta: { source: 'https://care-record.example/source/RZ9' },
      };
      for (const [audience, said] of [
        ['clinician', "Patient's response unclear"],
        ['resident', 'Not clear if accepted or declined'],
      ] as const) {
        const model = summaryViewModel([record.patient, appointment], { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const title = section(element, 'appointments').querySelector('.item-title');
        expect(text(title), audience).to.equal(`Oncology clinic ${said}`);
        await expect(element).to.be.accessible();
      }
    });

    it('says a current prescription past its validity has expired, in each audience’s words', async () => {
      const record = resident(CAST.adult);
      const request = (id: string, text: string, end: string) => ({
        resourceType: 'MedicationRequest',
        id,
        status: 'active',
        intent: 'order',
        subject: { reference: `Patient/${record.patient.id}` },
        authoredOn: '2026-03-01',
        medicationCodeableConcept: { text },
        dispenseRequest: { validityPeriod: { start: '2026-03-01', end } },
        meta: { source: 'https://care-record.example/source/F83999' },
      });
      const resources = [
        record.patient,
        request('mr-old', 'Amoxicillin 500mg capsules', '2026-09-30'),
        request('mr-new', 'Naproxen 250mg tablets', '2027-01-31'),
      ];
      for (const [audience, said] of [
        ['clinician', 'Prescription expired 30-Sep-2026'],
        ['resident', 'Prescription expired on 30 September 2026'],
      ] as const) {
        const model = summaryViewModel(resources, { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const titles = [...section(element, 'medications').querySelectorAll('.item-title')].map((title) => text(title));
        expect(
          titles.find((title) => title.startsWith('Amoxicillin')),
          audience,
        ).to.contain(said);
        expect(
          titles.find((title) => title.startsWith('Naproxen')),
          audience,
        ).not.to.contain('expired');
        await expect(element).to.be.accessible();
      }
    });

    it('never says a service, plan or contact starting later has started', async () => {
      const record = resident(CAST.adult);
      const subject = { reference: `Patient/${record.patient.id}` };
      const meta = { source: 'https://care-record.example/source/LA999' };
      const resources = [
        record.patient,
        {
          resourceType: 'EpisodeOfCare',
          id: 'eoc-later',
          meta,
          status: 'active',
          patient: subject,
          type: [{ text: 'Reablement' }],
          period: { start: '2026-12-14' },
        },
        {
          resourceType: 'CarePlan',
          id: 'cp-later',
          meta,
          status: 'active',
          intent: 'plan',
          subject,
          title: 'Reablement plan',
          period: { start: '2026-12-14' },
        },
        {
          resourceType: 'RelatedPerson',
          id: 'rp-later',
          meta,
          active: true,
          patient: subject,
          name: [{ use: 'official', family: 'OKAFOR', given: ['Ada'] }],
          relationship: [{ text: 'Paid carer' }],
          period: { start: '2026-12-14' },
        },
      ];
      for (const [audience, starts] of [
        ['clinician', 'Starts 14-Dec-2026'],
        ['resident', 'Starts 14 December 2026'],
      ] as const) {
        const model = summaryViewModel(resources, { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        for (const key of ['involvement', 'carePlans', 'contacts']) {
          const item = text(section(element, key).querySelector('[part~="item"]'));
          expect(item, `${audience} ${key}`).to.contain('Not started yet').and.contain(starts);
          expect(item, `${audience} ${key}`).not.to.match(/Since|Started/);
        }
        await expect(element).to.be.accessible();
      }
    });

    it('lists an alert not yet in force with when it starts, never as one in force', async () => {
      const record = resident(CAST.adult);
      const flag = (id: string, text: string, period: { start: string; end?: string }) => ({
        resourceType: 'Flag',
        id,
        status: 'active',
        code: { text },
        subject: { reference: `Patient/${record.patient.id}` },
        period,
        meta: { source: 'https://care-record.example/source/F83999' },
      });
      const resources = [
        record.patient,
        flag('flag-now', 'Risk of falls', { start: '2025-02-03' }),
        flag('flag-later', 'Key safe code changed', { start: '2026-12-13' }),
        flag('flag-ended', 'Aggressive to staff', { start: '2024-01-01', end: '2025-06-30' }),
      ];
      for (const [audience, tag, starts] of [
        ['clinician', 'Not yet in force', 'Starts 13-Dec-2026'],
        ['resident', 'Not started yet', 'Starts 13 December 2026'],
      ] as const) {
        const model = summaryViewModel(resources, { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const items = [...section(element, 'alerts').querySelectorAll('[part~="item"]')].map((item) => text(item));
        expect(items, audience).to.have.length(2);
        expect(items[0], audience).to.match(/^Risk of falls/);
        expect(items[0], audience).to.contain('Since').and.not.contain(tag);
        expect(items[1], audience).to.match(/^Key safe code changed/);
        expect(items[1], audience).to.contain(tag).and.contain(starts).and.not.contain('Since');
        await expect(element).to.be.accessible();
      }
    });

    it('lists an alert or service sent with no status, saying its status is not known, never as none', async () => {
      const record = resident(CAST.adult);
      const resources = [
        record.patient,
        {
          resourceType: 'Flag',
          id: 'flag-no-status',
          code: { text: 'Violent towards staff' },
          subject: { reference: `Patient/${record.patient.id}` },
          period: { start: '2025-02-03' },
          meta: { source: 'https://care-record.example/source/F83999' },
        },
        {
          resourceType: 'EpisodeOfCare',
          id: 'eoc-no-status',
          patient: { reference: `Patient/${record.patient.id}` },
          type: [{ text: 'Reablement' }],
          meta: { source: 'https://care-record.example/source/LA999' },
        },
      ];
      for (const audience of ['clinician', 'resident'] as const) {
        const model = summaryViewModel(resources, { audience, now: NOW, patientId: record.patient.id!, organizations });
        const element = await summary(model);
        const items = [...section(element, 'alerts').querySelectorAll('[part~="item"]')].map((item) => text(item));
        expect(items, audience).to.have.length(1);
        expect(items[0], audience).to.match(/^Violent towards staff/);
        expect(items[0], audience).to.contain('Status not known');
        const services = [...section(element, 'involvement').querySelectorAll('[part~="item"]')].map((item) => text(item));
        expect(services, audience).to.have.length(1);
        expect(services[0], audience)
          .to.match(/^Reablement/)
          .and.contain('Status not known');
        await expect(element).to.be.accessible();
      }
    });

    it('uses the heading level the host asks for', async () => {
      const element = await summary(summaryFor(CAST.adult), 3);
      expect($$(element, 'h3')).to.have.length(SUMMARY_SECTION_ORDER.length);
      expect($$(element, 'h2')).to.have.length(0);
      await expect(element).to.be.accessible();
    });

    it('names the source organisation of every item', async function () {
      // Vaccinations and procedures too: a long list, and its axe check.
      this.timeout(10_000);
      const element = await summary(summaryFor(CAST.frailOlder));
      const items = $$(element, '[part~="item"]');
      expect(items.length).to.be.greaterThan(8);
      const known = new Set([...organizations.values(), 'Resident (self-reported)']);
      for (const item of items) {
        const source = text(item.querySelector('.item-source'));
        expect(source).to.match(/^Source \S/);
        for (const name of source.replace(/^Source /, '').split(', ')) expect(known.has(name), `${name} is an organisation`).to.equal(true);
      }
      await expect(element).to.be.accessible();
    });

    it('shows vaccinations given and not given, and procedures, with their states (issue 12, finding 7)', async function () {
      this.timeout(10_000);
      const model = summaryFor(CAST.frailOlder);
      const element = await summary(model);
      const vaccinations = section(element, 'immunisations');
      const items = [...vaccinations.querySelectorAll('[part~="item"]')];
      expect(items).to.have.length(model.sections.immunisations.items.length);
      expect(items.length).to.be.greaterThan(2);
      const declined = items.find((item) => text(item).includes('Not given'));
      expect(declined, 'a vaccination not given says so').to.not.equal(undefined);
      expect(text(declined)).to.match(/Reason (Declined|Reason not recorded)/);
      expect(text(items.find((item) => !text(item).includes('Not given')))).to.match(
        /^Flu vaccine|^COVID-19 vaccine|^Pneumococcal|^Shingles/,
      );
      const procedures = section(element, 'procedures');
      expect(text(procedures.querySelector('h2'))).to.equal('Procedures');
      expect(text(procedures)).to.match(/Cataract operation|replacement/);
      expect(text(procedures)).not.to.contain('No procedures recorded');
      const select = new Promise<CustomEvent>((resolve) =>
        element.addEventListener('care-select', (event) => resolve(event as CustomEvent), { once: true }),
      );
      procedures.querySelector<HTMLButtonElement>('button.link')!.click();
      expect((await select).detail.resourceType).to.equal('Procedure');
      await expect(element).to.be.accessible();
    });

    it('says "none" in each section’s own words', async () => {
      const element = await summary(summaryFor(CAST.newborn));
      expect(text(section(element, 'alerts'))).to.equal('Alerts and safeguarding No alerts recorded');
      expect(text(section(element, 'allergies'))).to.equal('Allergies and adverse reactions Allergies not recorded');
      expect(text(section(element, 'problems'))).to.equal('Problems and issues No active problems recorded');
      expect(text(section(element, 'medications'))).to.equal('Medications No current medications recorded');
      expect(text(section(element, 'legal'))).to.equal('Legal information and advance decisions No legal information recorded');
      expect(text(section(element, 'carePlans'))).to.equal('Care and support plans No care and support plans recorded');
      expect(text(section(element, 'appointments'))).to.contain('6 to 8 week review');
      await expect(element).to.be.accessible();
    });

    it('says once that some information is not shown, never what, and no section claims to be empty', async () => {
      const element = await summary(summaryFor(CAST.child, 'resident'));
      expect($$(element, '[part~="withheld-notice"]')).to.have.length(1);
      expect(text(element).match(/Some information is not shown/g)).to.have.length(1);
      expect(text($(element, '[part~="withheld-notice"]'))).to.contain('Some information is not shown');
      for (const key of ['alerts', 'carePlans', 'involvement']) {
        expect(section(element, key).classList.contains('section--withheld')).to.equal(true);
        expect(text(section(element, key))).not.to.match(/^\S.* (No|None) .*recorded/);
      }
      expect(text(section(element, 'alerts'))).to.contain('Nothing we can show you here');
      expect(text(element)).not.to.match(/child protection/i);
      expect(text(section(element, 'alerts'))).not.to.contain('No alerts recorded');
      await expect(element).to.be.accessible();
    });

    it('names a source that did not answer, and still shows what the others hold', async () => {
      const element = await summary(summaryFor(CAST.adult, 'clinician', { notices: hospitalDown }));
      for (const key of SUMMARY_SECTION_ORDER) {
        expect(text(section(element, key))).to.contain('Information from Highbury Vale Hospital NHS Trust is unavailable');
      }
      expect(text(section(element, 'problems'))).to.contain('Type 2 diabetes mellitus');
      expect(text(section(element, 'legal'))).to.contain('Nothing recorded by the services that answered');
      expect(text(section(element, 'legal'))).not.to.contain('No legal information recorded');
      await expect(element).to.be.accessible();
    });

    it('says allergies are unavailable when the GP did not answer, never "none"', async () => {
      const gpDown = { withheld: false, unavailableSources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }] };
      const element = await summary(summaryFor(CAST.newborn, 'clinician', { notices: gpDown }));
      const allergies = text(section(element, 'allergies'));
      expect(allergies).to.contain('Allergies unavailable');
      expect(allergies).to.contain('Information from Tufnell Green Surgery is unavailable');
      expect(allergies).not.to.match(/No known allergies|Allergies not recorded/);
    });

    it('shows known and no-known allergies with who recorded them and when', async () => {
      const known = await summary(summaryFor(CAST.adult));
      const allergies = text(section(known, 'allergies'));
      expect(allergies).to.contain('Known allergies');
      expect(allergies).to.contain('Shellfish allergy High criticality');
      expect(allergies).to.contain('Reaction Swelling of lips and tongue (Severe)');
      expect(allergies).to.contain('Last updated 19-Aug-2020 by Dr Priya Raman');
      const none = await summary(summaryFor(CAST.child));
      expect(text(section(none, 'allergies'))).to.equal(
        'Allergies and adverse reactions No known allergies Recorded 08-Nov-2024 Recorded by Dr Tesfay Berhe Source Tufnell Green Surgery',
      );
      await expect(none).to.be.accessible();
    });

    it('keeps clinical sections from a non-clinical role', async () => {
      const element = await summary(summaryFor(CAST.adult, 'clinician', { nonClinicalRole: true }));
      for (const key of ['alerts', 'allergies', 'problems', 'medications', 'legal', 'carePlans', 'involvement']) {
        expect(text(section(element, key))).to.contain('Clinical information is not available to your role');
        expect(section(element, key).querySelectorAll('[part~="item"]')).to.have.length(0);
      }
      expect(text(element)).not.to.match(/Shellfish|diabetes|Metformin|Known allergies/);
      expect(text(section(element, 'contacts'))).to.contain('HADDAD, Fatima (Ms)');
      await expect(element).to.be.accessible();
    });

    it('says clinical information is not available, never "none", when the hub left it out for the role (ROLE_RESTRICTED)', async () => {
      const clinical = ['Flag', 'AllergyIntolerance', 'Condition', 'MedicationRequest', 'MedicationStatement', 'CarePlan', 'EpisodeOfCare'];
      const record = resident(CAST.adult);
      const outcome = {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'information',
            code: 'suppressed',
            details: {
              coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code: 'ROLE_RESTRICTED' }],
              text: 'Clinical information is not available to your role',
            },
            expression: clinical,
          },
        ],
      };
      const receptionist = [
        ...summaryResources(record).filter((resource) => !clinical.includes((resource as { resourceType: string }).resourceType)),
        outcome,
      ];
      const element = await summary(
        summaryViewModel(receptionist, { audience: 'clinician', now: NOW, patientId: record.patient.id!, organizations }),
      );
      for (const key of ['alerts', 'allergies', 'problems', 'medications', 'legal', 'carePlans', 'involvement']) {
        expect(text(section(element, key))).to.contain('Clinical information is not available to your role');
        expect(text(section(element, key))).not.to.match(
          /No alerts|not recorded|No known|No active|No current|No legal|No care and support/,
        );
      }
      expect(text(section(element, 'contacts'))).to.contain('HADDAD, Fatima (Ms)');
      await expect(element).to.be.accessible();
    });

    it('shows past problems behind a disclosure that opens from the keyboard', async () => {
      const element = await summary(summaryFor(CAST.adult));
      const details = section(element, 'problems').querySelector('details')!;
      expect(details.open).to.equal(false);
      details.querySelector('summary')!.focus();
      await sendKeys({ press: 'Enter' });
      expect(details.open).to.equal(true);
      expect(text(details)).to.match(/^Past problems \(1\)/);
    });

    it('tells the host which item was chosen, by keyboard or pointer', async () => {
      const host = await fixture<HTMLDivElement>(
        html`<div><care-record-summary .model=${summaryFor(CAST.adult)}></care-record-summary></div>`,
      );
      const element = host.querySelector('care-record-summary')!;
      const chosen: CareSelectDetail[] = [];
      host.addEventListener('care-select', (event) => chosen.push(event.detail));

      const problem = section(element, 'problems').querySelector<HTMLButtonElement>('[part~="item"] button')!;
      expect(problem.textContent).to.equal('Type 2 diabetes mellitus');
      problem.focus();
      await sendKeys({ press: 'Enter' });
      const allergy = section(element, 'allergies').querySelector<HTMLButtonElement>('[part~="item"] button')!;
      allergy.focus();
      await sendKeys({ press: 'Space' });
      section(element, 'appointments').querySelector<HTMLButtonElement>('[part~="item"] button')!.click();

      expect(chosen).to.deep.equal([
        { resourceType: 'Condition', id: 'pat-000001-con-1' },
        { resourceType: 'AllergyIntolerance', id: 'pat-000001-alg-1' },
        { resourceType: 'Appointment', id: 'pat-000001-apt-4' },
      ]);
    });

    it('reaches every item from the keyboard in reading order', async () => {
      const element = await summary(summaryFor(CAST.adult));
      // Everything that can take focus: buttons, and disclosures (their contents wait until they are opened).
      const buttons = $$(element, 'button, summary').filter((node) => node.localName === 'summary' || !node.closest('details:not([open])'));
      buttons[0]!.focus();
      for (const expected of buttons.slice(1)) {
        await sendKeys({ press: 'Tab' });
        expect(element.shadowRoot!.activeElement === expected).to.equal(true, `Tab reaches ${expected.textContent}`);
      }
    });

    it('speaks plainly to residents', async () => {
      const element = await summary(summaryFor(CAST.adult, 'resident'));
      expect($(element, '[part~="summary"]')?.getAttribute('aria-label')).to.equal('Your record summary');
      expect(text(element)).to.contain('Your allergies');
      expect(text(element)).to.contain('You have 6 current medicines');
      expect(text(element)).to.contain('From Tufnell Green Surgery');
      await expect(element).to.be.accessible();
    });

    it('shows a deceased resident’s record', async () => {
      const element = await summary(summaryFor(CAST.deceased));
      expect(text(section(element, 'appointments'))).to.contain('No upcoming appointments');
      await expect(element).to.be.accessible();
    });

    it('says so when entries about another patient were left out', async () => {
      const mine = resident(CAST.adult);
      const stray = resident(CAST.frailOlder).resources.find((resource) => resource.resourceType === 'Condition') as {
        code: { text: string };
      };
      const model = summaryViewModel([...summaryResources(mine), stray], {
        audience: 'clinician',
        now: NOW,
        patientId: mine.patient.id!,
        organizations,
      });
      const element = await summary(model);
      expect(text(element)).to.contain('Some entries were left out because they are not about this patient.');
      expect(text(element)).not.to.contain(stray.code.text);
    });

    for (const audience of ['clinician', 'resident'] as const)
      it(`never says "none" in a section whose answer carried another patient's items (${audience})`, async () => {
        const mine = resident(CAST.adult);
        const theirs = resident(CAST.frailOlder).resources;
        // The resident's own record holds nothing: every section another's items came into would read "none" from it.
        const model = summaryViewModel([mine.patient, ...theirs], { audience, now: NOW, patientId: mine.patient.id!, organizations });
        const element = await summary(model);
        const touched = model.order.filter((key) => model.sections[key].notShownSafely);
        expect(touched.length).to.be.greaterThan(3);
        for (const key of touched) {
          const said = text(section(element, key));
          expect(said, key).to.contain(NOT_SHOWN_SAFELY_NOTICE);
          expect(said, key).not.to.match(/\bno\b|\bnone\b|not recorded|nothing recorded/i);
        }
        for (const key of model.order.filter((key) => !touched.includes(key) && key !== 'allergies'))
          expect(text(section(element, key)), key).to.match(/\bno\b/i);
        await expect(element).to.be.accessible();
      });

    it('renders markup in free text as text', async () => {
      const record = resident(CAST.adult);
      const payload = '<img src=x onerror=alert(1)>';
      const resources = summaryResources(record).map((resource) => {
        const typed = resource as { resourceType: string; id?: string; code?: unknown; text?: unknown };
        if (typed.id === 'pat-000001-con-1') return { ...typed, code: { text: payload } };
        if (typed.resourceType === 'Flag') return { ...typed, code: { text: '<script>alert(2)</script>' } };
        return resource;
      });
      const element = await summary(
        summaryViewModel(resources, { audience: 'clinician', now: NOW, patientId: 'pat-000001', organizations }),
      );
      expect(text(section(element, 'problems'))).to.contain(payload);
      expect(text(section(element, 'alerts'))).to.contain('<script>alert(2)</script>');
      expect($$(element, 'img, script')).to.have.length(0);
    });

    describe('says when a diagnosis or an allergy is not confirmed', () => {
      const PATIENT = 'pat-000001';
      const meta = { source: 'https://care-record.example/source/F83999' };
      const subject = { reference: `Patient/${PATIENT}` };
      const problem = (id: string, text: string, verification?: string) => ({
        resourceType: 'Condition',
        id,
        meta,
        subject,
        clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
        ...(verification
          ? {
              verificationStatus: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: verification }],
              },
            }
          : {}),
        code: { text },
        onsetDateTime: '2026-10-01',
      });
      const allergy = (id: string, substance: string, verification: string, fields: Record<string, unknown> = {}) => ({
        resourceType: 'AllergyIntolerance',
        id,
        meta,
        patient: subject,
        clinicalStatus: { coding: [{ code: 'active' }] },
        verificationStatus: { coding: [{ code: verification }] },
        code: { text: substance },
        recordedDate: '2020-08-19',
        recorder: { display: 'Dr Priya Raman' },
        ...fields,
      });
      const render = (resources: unknown[], audience: 'clinician' | 'resident') =>
        summary(
          summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], {
            audience,
            now: NOW,
            patientId: PATIENT,
            organizations,
          }),
        );
      const itemText = (element: Element, key: string, title: string) =>
        [...section(element, key).querySelectorAll('[part~="item"]')].map((item) => text(item)).find((line) => line.startsWith(title)) ??
        '';

      it('a differential "Lung cancer" is not listed as a plain current problem', async () => {
        const element = await render([problem('c1', 'Lung cancer', 'differential')], 'clinician');
        expect(itemText(element, 'problems', 'Lung cancer')).to.match(/^Lung cancer Differential diagnosis /);
        await expect(element).to.be.accessible();
      });

      for (const audience of ['clinician', 'resident'] as const)
        it(`${audience}: a problem's severity is shown as recorded, or as its code; with none recorded, nothing is said`, async () => {
          const snomed = 'http://snomed.info/sct';
          const element = await render(
            [
              { ...problem('s', 'Asthma'), severity: { coding: [{ system: snomed, code: '24484000', display: 'Severe' }] } },
              { ...problem('m', 'Eczema'), severity: { coding: [{ system: snomed, code: '6736007' }] } },
              problem('n', 'Migraine'),
            ],
            audience,
          );
          expect(itemText(element, 'problems', 'Asthma')).to.contain('Severity Severe');
          expect(itemText(element, 'problems', 'Eczema')).to.contain('Severity SNOMED CT 6736007');
          expect(itemText(element, 'problems', 'Migraine')).not.to.contain('Severity');
          await expect(element).to.be.accessible();
        });

      const labels = {
        clinician: { unconfirmed: 'Unconfirmed diagnosis', provisional: 'Provisional diagnosis', differential: 'Differential diagnosis' },
        resident: { unconfirmed: 'Not confirmed', provisional: 'Not yet confirmed', differential: 'A possible diagnosis, not confirmed' },
      };
      for (const audience of ['clinician', 'resident'] as const) {
        it(`${audience}: each kind of unconfirmed diagnosis says which, a confirmed or unstated one says none`, async () => {
          const element = await render(
            [
              problem('u', 'Asthma', 'unconfirmed'),
              problem('p', 'Gout', 'provisional'),
              problem('d', 'Lung cancer', 'differential'),
              problem('c', 'Eczema', 'confirmed'),
              problem('n', 'Migraine'),
            ],
            audience,
          );
          const words = labels[audience];
          expect(itemText(element, 'problems', 'Asthma')).to.contain(`Asthma ${words.unconfirmed}`);
          expect(itemText(element, 'problems', 'Gout')).to.contain(`Gout ${words.provisional}`);
          expect(itemText(element, 'problems', 'Lung cancer')).to.contain(`Lung cancer ${words.differential}`);
          for (const title of ['Eczema', 'Migraine'])
            for (const label of Object.values(words)) expect(itemText(element, 'problems', title)).not.to.contain(label);
          await expect(element).to.be.accessible();
        });

        it(`${audience}: an unconfirmed allergy says so; a confirmed one does not`, async () => {
          const element = await render(
            [allergy('a1', 'Penicillin', 'unconfirmed', { criticality: 'high' }), allergy('a2', 'Latex', 'confirmed')],
            audience,
          );
          const unconfirmed = audience === 'clinician' ? 'Unconfirmed' : 'Not confirmed';
          expect(itemText(element, 'allergies', 'Penicillin')).to.match(new RegExp(`^Penicillin .*${unconfirmed}`));
          expect(itemText(element, 'allergies', 'Latex')).not.to.match(/Unconfirmed|Not confirmed/);
          await expect(element).to.be.accessible();
        });
      }

      it('pairs "by" only with the recorder’s own date', async () => {
        const element = await render(
          [
            allergy('a1', 'Penicillin', 'confirmed', {
              recordedDate: '2010-03-01',
              recorder: { display: 'Dr A Patel' },
              meta: { ...meta, lastUpdated: '2026-11-27T03:12:00Z' },
            }),
            allergy('a2', 'Latex', 'confirmed', {
              recordedDate: undefined,
              recorder: { display: 'Dr B Okoro' },
              meta: { ...meta, lastUpdated: '2026-11-27T03:12:00Z' },
            }),
          ],
          'clinician',
        );
        expect(itemText(element, 'allergies', 'Penicillin')).to.contain('Last updated 01-Mar-2010 by Dr A Patel');
        const latex = itemText(element, 'allergies', 'Latex');
        expect(latex).to.contain('Last updated 27-Nov-2026');
        expect(latex).to.contain('Recorded by Dr B Okoro');
        expect(latex).not.to.match(/27-Nov-2026 by/);
      });
    });
  });

  it('says no patient is selected when it has neither a model nor a provider', async () => {
    const element = await summary(undefined);
    expect(text(element)).to.equal('No patient selected');
    await expect(element).to.be.accessible();
  });

  describe('inside a provider', () => {
    it('refuses a model about a different patient from the one in context', async () => {
      const hub = createFakeHub();
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000004">
          <care-record-summary .model=${summaryFor(CAST.adult)}></care-record-summary>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-record-summary')!;
      await settled(element);
      expect(text(element)).to.equal(
        'The record summary could not be loaded The answer was about a different patient, so nothing from it is shown.',
      );
      await expect(element).to.be.accessible();
    });

    it('shows grey bars while loading, then the summary, fetching the record page once with the banner', async () => {
      const hub = createFakeHub({ delay: () => 30 });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000004">
          <care-patient-banner></care-patient-banner>
          <care-record-summary></care-record-summary>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-record-summary')!;
      await settled(element);
      expect($(element, '[part~="summary"]')?.getAttribute('aria-busy')).to.equal('true');
      expect(text(element)).to.equal('Loading the record summary');
      await expect(element).to.be.accessible();
      await until(() => $(element, '[data-section]') !== null, 3000, 'the summary');
      expect(text(section(element, 'problems'))).to.contain('Asthma');
      expect($(element, '[part~="summary"]')?.hasAttribute('aria-busy')).to.equal(false);
      expect(hub.requests.filter((request) => request.startsWith('GET /Patient/{id}/$summary'))).to.deep.equal([
        'GET /Patient/{id}/$summary pat-000004',
      ]);
      await expect(element).to.be.accessible();
    });

    it('says what failed with the request id, and tries again', async () => {
      let failing = true;
      const hub = createFakeHub({
        fail: ({ operation }) =>
          failing && operation.includes('$summary')
            ? new HubError({ kind: 'timeout', operation: 'GET /Patient/{id}/$summary', requestId: 'req-77' })
            : undefined,
      });
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001">
          <care-record-summary></care-record-summary>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-record-summary')!;
      await until(() => $(element, '[part~="error"]') !== null, 3000, 'the error');
      expect(text(element)).to.equal(
        'The record summary could not be loaded The care record service did not answer in time. Request ID req-77 Try again',
      );
      await expect(element).to.be.accessible();
      failing = false;
      $(element, '[part~="retry-button"]')!.click();
      await until(() => $(element, '[data-section]') !== null, 3000, 'the summary');
      expect(text(section(element, 'problems'))).to.contain('Type 2 diabetes mellitus');
    });

    it('follows the provider’s audience', async () => {
      const hub = createFakeHub();
      const provider = await fixture<CareRecordProvider>(
        html`<care-record-provider .client=${hub.client} patient="pat-000001" audience="resident">
          <care-record-summary></care-record-summary>
        </care-record-provider>`,
      );
      const element = provider.querySelector('care-record-summary')!;
      await until(() => $(element, '[data-section]') !== null, 3000, 'the summary');
      expect(text(section(element, 'allergies'))).to.match(/^Your allergies/);
    });
  });
});
