/**
 * An item the viewer cannot fully show (a modifier extension not understood)
 * is said in every list. A clinician is told to see the source system; a
 * resident cannot, so her screens (and a carer's) say whom to ask instead.
 */
import { expect, fixture, html } from '@open-wc/testing';
import {
  appointmentsViewModel,
  medicationsViewModel,
  resultsViewModel,
  summaryViewModel,
  type Appointment,
  type MedicationRequest,
  type Observation,
  type RecordAudience,
} from '@care-record/sdk';
import '../src/define.js';
import { $$, text } from './support/dom.js';
import { NOW, organizations } from './support/fixtures.js';

const PATIENT = 'pat-000001';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/F83999' };
const NONE = { withheld: false, unavailableSources: [] };
const FAMILY_HISTORY = [{ url: 'https://fhir.example.org/StructureDefinition/family-history', valueBoolean: true }];
const modified = (resourceType: string, fields: Record<string, unknown>) =>
  ({ resourceType, id: `${resourceType.toLowerCase()}-1`, meta, ...fields, modifierExtension: FAMILY_HISTORY }) as never;

/** Each list, rendered for `audience` with one item it cannot fully show. */
const LISTS: Record<string, (audience: RecordAudience) => Promise<Element>> = {
  summary: (audience) =>
    fixture(
      html`<care-record-summary
        .model=${summaryViewModel(
          [
            { resourceType: 'Patient', id: PATIENT },
            modified('Condition', { subject, clinicalStatus: { coding: [{ code: 'active' }] }, code: { text: 'Epilepsy' } }),
          ],
          { audience, now: NOW, patientId: PATIENT, organizations },
        )}
      ></care-record-summary>`,
    ),
  results: (audience) =>
    fixture(
      html`<care-results
        audience=${audience}
        .model=${resultsViewModel(
          {
            observations: [
              modified('Observation', {
                status: 'final',
                code: { text: 'Potassium' },
                subject,
                valueQuantity: { value: 5 },
              }) as Observation,
            ],
            reports: [],
            patientId: PATIENT,
            notices: NONE,
            organizations,
          },
          { audience },
        )}
      ></care-results>`,
    ),
  appointments: (audience) =>
    fixture(
      html`<care-appointments
        audience=${audience}
        .model=${appointmentsViewModel(
          {
            appointments: [
              modified('Appointment', {
                status: 'booked',
                start: '2026-12-10T10:00:00Z',
                participant: [{ actor: subject, status: 'accepted' }],
              }) as Appointment,
            ],
            patientId: PATIENT,
            notices: NONE,
            organizations,
          },
          { audience, now: NOW },
        )}
      ></care-appointments>`,
    ),
  medicines: (audience) =>
    fixture(
      html`<care-medication-list
        audience=${audience}
        .model=${medicationsViewModel(
          {
            requests: [
              modified('MedicationRequest', {
                status: 'active',
                intent: 'order',
                subject,
                medicationCodeableConcept: { text: 'Sodium valproate' },
              }) as MedicationRequest,
            ],
            statements: [],
            patientId: PATIENT,
            notices: NONE,
            organizations,
          },
          { audience, now: NOW },
        )}
      ></care-medication-list>`,
    ),
};

describe('an item not fully shown, in each list', () => {
  for (const [name, render] of Object.entries(LISTS))
    for (const audience of ['clinician', 'resident'] as const)
      it(`${name}, ${audience}: says it in words the viewer can act on`, async () => {
        const element = await render(audience);
        const lines = $$(element, '[part~="notice"]')
          .map((notice) => text(notice))
          .filter((line) => /fully show/.test(line));
        expect(lines, text(element)).to.have.length(1);
        if (audience === 'resident') {
          expect(lines[0]).to.equal(
            'One item from Tufnell Green Surgery cannot be fully shown here. To find out more, ask Tufnell Green Surgery.',
          );
          expect(text(element)).not.to.match(/source system/i);
        } else expect(lines[0]).to.match(/^One item from Tufnell Green Surgery .* see the source system$/);
      });
});
