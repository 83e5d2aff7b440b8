/**
 * An item shown with a warning about whose record it is (`identity-warning`, c9ba44a: a temporary or unverified NHS
 * number, a record not in active use) is not one left out for being about someone else. The results and appointments
 * views took every issue but `unreadable` as "wrong patient": an issue of a new code would have turned "You have no
 * test results" into "No test results to show", as if some had been left out. Each view now asks `leftOutForIdentity`.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { appointmentsViewModel, resultsViewModel, type SafetyIssue, type SafetyIssueCode } from '@care-record/sdk';
import '../src/define.js';
import type { CareAppointments, CareResults } from '../src/index.js';
import { $$, text } from './support/dom.js';

const NONE = { withheld: false, unavailableSources: [] };
const issueOf = (code: SafetyIssueCode): SafetyIssue => ({
  code,
  resourceType: 'Observation',
  resourceId: 'obs-1',
  message: 'One Observation: for the test.',
});

// Each code, and whether items were left out for whom they are about (the view must not say there are none).
const CODES: [SafetyIssueCode, boolean][] = [
  ['identity-warning', false],
  ['unreadable', false],
  ['wrong-patient', true],
  ['no-patient-reference', true],
  ['identity-conflict', true],
];

describe('an identity warning is not a wrong patient', () => {
  for (const [code, leftOut] of CODES) {
    it(`results, ${code}`, async () => {
      const model = resultsViewModel(
        { observations: [], reports: [], patientId: 'pat-000001', notices: NONE, organizations: new Map() },
        { audience: 'resident' },
      );
      const element = await fixture<CareResults>(
        html`<care-results .model=${{ ...model, safetyIssues: [issueOf(code)] }} audience="resident"></care-results>`,
      );
      const said = text(element);
      if (leftOut) expect(said).not.to.include('You have no test results');
      else expect(said).to.include('You have no test results');
    });

    it(`appointments, ${code}`, async () => {
      const model = appointmentsViewModel(
        { appointments: [], patientId: 'pat-000001', notices: NONE, organizations: new Map() },
        { audience: 'resident', now: new Date('2026-12-07T09:00:00Z') },
      );
      const element = await fixture<CareAppointments>(
        html`<care-appointments .model=${{ ...model, safetyIssues: [issueOf(code)] }} audience="resident"></care-appointments>`,
      );
      const said = $$(element, '.empty').map(text).join(' ');
      if (leftOut) expect(said).not.to.include('You have no upcoming appointments');
      else expect(said).to.include('You have no upcoming appointments');
    });
  }
});
