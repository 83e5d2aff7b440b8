/**
 * A record page that carries an allergy about someone else (another patient,
 * or no patient at all) is an answer that was not this resident's alone:
 * their own allergies may have gone to the other record. Neither the banner
 * nor the summary shows the other's allergy as theirs, and neither claims
 * "No known allergies" or "No allergies recorded" from such an answer — it
 * reads "unavailable", or lists the resident's own active allergies, and says
 * what was left out. Before, an answer holding only another patient's
 * allergy read "No allergies recorded".
 *
 * The class: any page of the resident's own allergies and "no known allergy"
 * statements (active or resolved, any number, none too), with any number of
 * allergies about someone else mixed in anywhere.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { recordAllergyState, summaryViewModel, type RecordNotices } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const organizations = new Map([['F83999', 'Tufnell Green Surgery']]);
const noNotices: RecordNotices = { withheld: false, unavailableSources: [] };
const SNOMED = 'http://snomed.info/sct';

const ownEntry = fc.record({
  kind: fc.constantFrom('allergy', 'no-known-allergy'),
  clinical: fc.constantFrom('active', 'resolved', undefined),
  substance: fc.constantFrom('Penicillin', 'Peanut', 'Latex', 'Egg'),
});
const strayEntry = fc.record({
  whose: fc.constantFrom('Patient/pat-0002', 'https://other.example/fhir/Patient/pat-0003', undefined),
  substance: fc.constantFrom('Aspirin', 'Shellfish', 'Codeine'),
});

const allergy = (id: string, patient: string | undefined, fields: Record<string, unknown>) => ({
  resourceType: 'AllergyIntolerance',
  id,
  meta: { source: 'https://care-record.example/source/F83999' },
  ...(patient === undefined ? {} : { patient: { reference: patient } }),
  verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
  recordedDate: '2026-01-10',
  ...fields,
});

test(`property: ${Math.min(PROPERTY_RUNS, 1_000)} pages with another's allergies mixed in — never theirs, never "none"`, () => {
  fc.assert(
    fc.property(
      fc.array(ownEntry, { maxLength: 4 }),
      fc.array(strayEntry, { minLength: 1, maxLength: 3 }),
      fc.nat(),
      (own, strays, shuffle) => {
        const ownResources = own.map((entry, index) =>
          allergy(`own-${index}`, `Patient/${PATIENT}`, {
            ...(entry.clinical
              ? {
                  clinicalStatus: {
                    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: entry.clinical }],
                  },
                }
              : {}),
            code:
              entry.kind === 'no-known-allergy'
                ? { coding: [{ system: SNOMED, code: '716186003', display: 'No known allergy' }] }
                : { text: `${entry.substance} allergy` },
          }),
        );
        const strayResources = strays.map((entry, index) =>
          allergy(`other-${index}`, entry.whose, {
            clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
            code: { text: `${entry.substance} allergy` },
          }),
        );
        const mixed = [...ownResources];
        for (const stray of strayResources) mixed.splice(shuffle % (mixed.length + 1), 0, stray);
        const resources = [{ resourceType: 'Patient', id: PATIENT }, ...mixed];

        const banner = recordAllergyState(resources, { audience: 'clinician', organizations, patientId: PATIENT, notices: noNotices });
        const summary = summaryViewModel(resources, {
          audience: 'clinician',
          now: '2026-12-06T09:00:00Z',
          patientId: PATIENT,
          organizations,
          notices: noNotices,
        });
        assert.deepEqual(summary.sections.allergies.allergies, banner, 'the banner and the summary agree');
        assert.ok(banner.kind === 'known' || banner.kind === 'unavailable', `not "${banner.label}" from an answer with another's allergy`);
        const shown = banner.kind === 'known' ? [...banner.items, ...banner.resolved].map((item) => item.substance) : [];
        for (const entry of strays) assert.ok(!shown.includes(`${entry.substance} allergy`), 'another’s allergy is never theirs');
        assert.equal(
          (banner.safetyIssues ?? []).filter((issue) => issue.code === 'wrong-patient' || issue.code === 'no-patient-reference').length,
          strays.length,
          'each one left out is said',
        );
      },
    ),
    { numRuns: Math.min(PROPERTY_RUNS, 1_000), seed: seedOr(20261206) },
  );
});
