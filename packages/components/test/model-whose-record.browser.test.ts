/**
 * A view model the host passes to an element inside a provider says whose record it is. One about another resident,
 * or about no one it names, shows nothing of itself (the element says why) and nothing is saved from it; one about
 * the resident in context is shown. Every registered element that takes a `model` is walked (read from `define.js`),
 * so a new one fails here until it has a model below.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { accessLogViewModel, sharingChoicesFrom, type AuditEvent, type Patient, type SharingViewModel } from '@care-record/sdk';
import type { LitElement } from 'lit';
import '../src/define.js';
import type { CareRecordProvider, CareSharingSaveDetail } from '../src/index.js';
import { $, $$, settled, text } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { borough, CAST } from './support/fixtures.js';
import { RECORD_ELEMENTS } from './support/record-elements.js';
import { recordViewModels } from './support/record-views.js';

const herId = borough.resident(CAST.adult).patient.id!;
const otherId = borough.resident(CAST.frailOlder).patient.id!;

/** A look at the record of `patientId`, by a team only that record's log names. */
const look = (patientId: string): AuditEvent =>
  ({
    resourceType: 'AuditEvent',
    id: `ae-${patientId}`,
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110110' },
    recorded: '2026-11-20T10:00:00Z',
    agent: [
      { requestor: true, who: { reference: 'Practitioner/p1' }, role: [{ text: 'psychiatrist' }] },
      { requestor: false, who: { reference: 'Organization/o1', display: `Mental Health Team of ${patientId}` } },
    ],
    source: { observer: { display: 'hub' } },
    entity: [{ what: { reference: `Patient/${patientId}` }, description: 'Condition search' }],
  }) as unknown as AuditEvent;

/** Every element's model of one resident's record, each saying it is about `about` (undefined: about no one it names). */
function modelsOf(index: number, about: string | undefined): Record<string, unknown> {
  const record = borough.resident(index);
  const { id: _id, ...unnamed } = record.patient;
  const patient: Patient = about === undefined ? unnamed : { ...unnamed, id: about };
  const sharing: SharingViewModel = {
    patientId: about as string,
    choices: sharingChoicesFrom(
      undefined,
      new Map([[`org-${index}`, { name: `Sexual Health Clinic of ${record.patient.id!}`, kind: 'Clinic' }]]),
    ),
  };
  return {
    ...recordViewModels({ patient, resources: record.resources, directory: [...borough.organizations, ...borough.practitioners] }),
    'care-sharing': sharing,
    'care-access-log': accessLogViewModel([look(record.patient.id!)], undefined, about === undefined ? {} : { patientId: about }),
  };
}

/** The refusal, in a clinician's words or a resident's. */
const ABOUT_ANOTHER = /The answer was about (a different patient|someone else), so nothing from it is shown\./;

const TAKES_MODEL = RECORD_ELEMENTS.filter((tag) =>
  (customElements.get(tag) as unknown as typeof LitElement).elementProperties.has('model'),
);

const CASES = [
  { name: 'another resident', models: () => modelsOf(CAST.frailOlder, otherId), hers: false },
  { name: 'no resident it names', models: () => modelsOf(CAST.adult, undefined), hers: false },
  { name: 'the resident in context', models: () => modelsOf(CAST.adult, herId), hers: true },
] as const;

describe('a host-passed model inside a provider is shown only when it is about her', () => {
  it('walks every element that takes a model', () => {
    expect(TAKES_MODEL).to.include.members(['care-sharing', 'care-access-log', 'care-results', 'care-appointments']);
  });

  for (const tag of TAKES_MODEL)
    for (const each of CASES)
      it(`${tag}, a model about ${each.name}`, async () => {
        const model = each.models()[tag];
        expect(model, `no model of ${tag} in this suite`).to.not.equal(undefined);
        const hub = createFakeHub();
        const provider = await fixture<CareRecordProvider>(
          html`<care-record-provider .client=${hub.client} patient=${herId}></care-record-provider>`,
        );
        const saved: string[] = [];
        provider.addEventListener('care-sharing-save', (event) =>
          saved.push(String((event as CustomEvent<CareSharingSaveDetail>).detail.consent.patient?.reference)),
        );
        const element = document.createElement(tag) as LitElement & { model: unknown };
        element.model = model;
        provider.append(element);
        await settled(element);
        const shown = text(element);
        const refusal = $(element, '[part~="error"]');

        for (const button of $$(element, '[part~="save-button"], button[type="submit"]')) button.click();
        await settled(element);
        const writes = hub.requests.filter((request) => !request.startsWith('GET '));

        if (each.hers) {
          expect(refusal, shown).to.equal(null);
          expect(shown).not.to.match(ABOUT_ANOTHER);
          expect(saved.every((patient) => patient === `Patient/${herId}`)).to.equal(true);
          // The write this suite looks for is one she can make: Save on her own choices is handed to the host.
          if (tag === 'care-sharing') expect(saved).to.deep.equal([`Patient/${herId}`]);
        } else {
          expect(refusal, shown).not.to.equal(null);
          expect(shown).to.match(ABOUT_ANOTHER);
          // Nothing of it beside the refusal: not its heading, not a list, not a Save button.
          expect(shown).to.equal(text(refusal));
          expect($(element, '[part~="retry-button"]')).to.equal(null);
          expect(saved).to.deep.equal([]);
          expect(writes).to.deep.equal([]);
        }
      });
});
