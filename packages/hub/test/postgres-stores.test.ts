/**
 * The store and policy suites a second time, against PostgreSQL: this process
 * starts a throwaway cluster (see `support/postgres-cluster.ts`) and runs each
 * suite in a child process whose test stores are schemas of their own in it.
 * Every other run of these suites (the same files, listed by `npm test`) is
 * against SQLite, so each of them holds on both stores.
 *
 * Without PostgreSQL installed this is skipped, and on CI (`CI=true`) it fails.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { postgresUnavailable, throwawayPostgres } from './support/postgres-cluster.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The suites that run on both stores: the store itself, the access policy and gate, sign-in state, several processes. */
export const BOTH_STORES_SUITES = [
  'packages/hub/test/store.test.ts',
  'packages/hub/test/hub.test.ts',
  'packages/hub/test/auth/auth-state.test.ts',
  'packages/hub/test/reading-submissions.test.ts',
  'packages/hub/test/policy-matrix.test.ts',
  'packages/hub/test/audit-privacy.test.ts',
  'packages/hub/test/audit-withheld-items.test.ts',
  'packages/hub/test/gate-classes.test.ts',
  'packages/hub/test/gate-findings.test.ts',
  'packages/hub/test/sharing.test.ts',
  'packages/hub/test/sharing-choice-second-paged.test.ts',
  'packages/hub/test/carers.test.ts',
  'packages/hub/test/carer-matrix.test.ts',
  'packages/hub/test/sharing-with-carers.test.ts',
  'packages/hub/test/invitations.test.ts',
  'packages/hub/test/invitations.property.test.ts',
  'packages/hub/test/several-processes.test.ts',
  'packages/hub/test/stored-answers.test.ts',
  'packages/hub/test/search-totals.property.test.ts',
  'packages/hub/test/compartment-read.property.test.ts',
  'packages/hub/test/gate-existence.test.ts',
  'packages/hub/test/search-include-withheld.test.ts',
  'packages/hub/test/sensitive-content.test.ts',
  'packages/hub/test/sensitive-elements.test.ts',
  'packages/hub/test/sensitive-snomed-codes.test.ts',
  'packages/hub/test/resident-own-entries.test.ts',
  'packages/hub/test/resident-settings.test.ts',
  'packages/hub/test/patient-search-policy.property.test.ts',
  'packages/hub/test/break-glass-search.property.test.ts',
  'packages/hub/test/break-glass-roles.test.ts',
  'packages/hub/test/appointments-for-non-clinical.test.ts',
  'packages/hub/test/reduced-view-versions.test.ts',
  'packages/hub/test/patient-search-withheld.test.ts',
  'packages/hub/test/break-glass-search-offer.test.ts',
  'packages/hub/test/relabel-on-open.test.ts',
  'packages/hub/test/reindex-on-open.test.ts',
  'packages/hub/test/contained-labels.test.ts',
  'packages/hub/test/mental-health-by-source.test.ts',
  'packages/hub/test/sexual-health-by-source.test.ts',
  'packages/hub/test/mental-health-shared-source.test.ts',
  'packages/hub/test/hub-addresses.test.ts',
  'packages/hub/test/hub-address-spellings.test.ts',
  'packages/hub/test/hub-address-odd-forms.test.ts',
  'packages/hub/test/service-type-codes.test.ts',
  'packages/hub/test/treatment-function-codes.test.ts',
  'packages/hub/test/hl7-service-type-codes.test.ts',
  'packages/hub/test/place-role-codes.test.ts',
  'packages/hub/test/clinic-copied-trust-type.test.ts',
  'packages/hub/test/place-copied-trust-type.test.ts',
  'packages/hub/test/multi-service-trust.test.ts',
  'packages/hub/test/sensitive-clinic-types.test.ts',
  'packages/hub/test/sensitive-clinic-specialties.test.ts',
  'packages/hub/test/sensitive-location-types.test.ts',
  'packages/hub/test/practitioner-alone.test.ts',
  'packages/hub/test/visibility.test.ts',
  'packages/hub/test/access-log-withheld-agents.test.ts',
  'packages/hub/test/access-log-professionals-by-token.test.ts',
  'packages/hub/test/other-residents-named.test.ts',
  'packages/hub/test/patient-link-readers.test.ts',
  'packages/hub/test/patient-link-unchecked.test.ts',
  'packages/hub/test/access-log-unchecked-text.test.ts',
  'packages/hub/test/access-log-every-purpose.test.ts',
  'packages/hub/test/service-reference-forms.test.ts',
  'packages/hub/test/service-by-reference.test.ts',
  'packages/hub/test/mental-health-words.test.ts',
  'packages/hub/test/search-by-withheld-element.test.ts',
  'packages/hub/test/sharing-choice-withheld.test.ts',
  'packages/hub/test/summary-entries-readable.test.ts',
  'packages/hub/test/summary-read-limit.test.ts',
  'packages/hub/test/resident-entries-true.test.ts',
  'packages/hub/test/withheld-as-absent.test.ts',
  'packages/hub/test/consent-naming-withheld.test.ts',
  'packages/hub/test/invite-permission-withheld.test.ts',
  'packages/hub/test/consent-repeats.test.ts',
  'packages/hub/test/resident-references.test.ts',
  'packages/hub/test/conditional-create-accounts.test.ts',
  'packages/hub/test/carer-add-only.test.ts',
  'packages/hub/test/invitation-acceptance-unseen.test.ts',
  'packages/hub/test/invitation-invited-permissions.test.ts',
  'packages/hub/test/conditional-create-many-others.test.ts',
  'packages/hub/test/audit-consent-descriptions.test.ts',
  'packages/hub/test/store-put-in-place.test.ts',
  'packages/hub/test/withheld-reference-names.test.ts',
  'packages/hub/test/withheld-references.property.test.ts',
  'packages/hub/test/carer-attribution.test.ts',
  'packages/hub/test/invitation-permission-conditional.test.ts',
  'packages/hub/test/sensitive-reference-display.test.ts',
  'packages/hub/test/sensitive-words.property.test.ts',
  'packages/hub/test/desk-view-labels.test.ts',
  'packages/hub/test/sensitive-titles.test.ts',
  'packages/hub/test/consent-withheld-kept.test.ts',
  'packages/hub/test/consent-scopes.test.ts',
  'packages/hub/test/search-default-order.test.ts',
  'packages/hub/test/references-by-identifier.test.ts',
  'packages/hub/test/sharing-choice-unchanged.test.ts',
  'packages/hub/test/consent-unchanged-key-order.property.test.ts',
  'packages/hub/test/consent-unchanged-references.test.ts',
  'packages/hub/test/sharing-choice-enforced.test.ts',
  'packages/hub/test/carer-not-shown.test.ts',
  'packages/hub/test/consent-client-meta.test.ts',
  'packages/hub/test/deny-period.test.ts',
  'packages/hub/test/proxy-permission-not-applied.test.ts',
  'packages/hub/test/sharing-choice-stored.test.ts',
  'packages/hub/test/sharing-choice-period.test.ts',
  'packages/hub/test/sharing-choices-combined.test.ts',
  'packages/hub/test/sharing-choice-scope-forms.test.ts',
  'packages/hub/test/sharing-deny-actor-forms.test.ts',
  'packages/hub/test/sharing-deny-ods-holders.test.ts',
  'packages/hub/test/proxy-permission-stop-unread.test.ts',
  'packages/hub/test/shared-compartment.test.ts',
  'packages/hub/test/include-as-read.test.ts',
  'packages/hub/test/carer-own-entry-withheld.test.ts',
  'packages/hub/test/carer-picker-withheld-entry.test.ts',
  'packages/hub/test/privacy-setting-forms.test.ts',
  'packages/hub/test/medication-by-reference.test.ts',
  'packages/hub/test/sexual-health-abbreviations.test.ts',
  'packages/hub/test/contained-service-agreement.test.ts',
  'packages/hub/test/medication-withheld-read.test.ts',
  'packages/hub/test/resident-named-by-nhs-number.test.ts',
  'packages/hub/test/create-repeat-as-read.test.ts',
  'packages/hub/test/patient-search-last-change-link.test.ts',
  'packages/hub/test/healthcare-service-kinds.test.ts',
  'packages/hub/test/sexual-assault-domestic-abuse.test.ts',
  'packages/hub/test/sdv-safety-alert.test.ts',
  'packages/hub/test/medication-reference-labels.test.ts',
  'packages/hub/test/medication-reference-labels.property.test.ts',
  'packages/hub/test/medication-reference-labels-forms.test.ts',
  'packages/hub/test/medication-source-withheld.test.ts',
  'packages/hub/test/medication-named-anywhere.test.ts',
  'packages/hub/test/medication-named-anywhere.property.test.ts',
  'packages/hub/test/medication-service-references.test.ts',
  'packages/hub/test/code-system-spellings.test.ts',
  'packages/hub/test/practice-service-provider.test.ts',
  'packages/hub/test/service-references-anywhere.test.ts',
  'packages/hub/test/written-results-attachments.test.ts',
];

function withoutTestContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['NODE_TEST_CONTEXT'];
  return copy;
}

/** Runs one test file in a child process against `database`; resolves with its exit code and its output. */
function runSuite(file: string, database: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', file], {
      cwd: root,
      // A runner of its own (without NODE_TEST_CONTEXT, Node's test runner would take it for a file of this run).
      env: { ...withoutTestContext(process.env), CARE_RECORD_TEST_POSTGRES: database, CARE_RECORD_TEST_STORE: 'postgres' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const unavailable = postgresUnavailable();

describe('the store and policy suites on PostgreSQL', { skip: unavailable }, () => {
  for (const file of BOTH_STORES_SUITES) {
    test(file.replace('packages/hub/test/', ''), { timeout: 600_000 }, async () => {
      const database = process.env['CARE_RECORD_TEST_POSTGRES'] || (await throwawayPostgres());
      const { code, output } = await runSuite(file, database);
      const count = (name: string) => Number(new RegExp(`ℹ ${name} (\\d+)`).exec(output)?.[1] ?? NaN);
      assert.equal(code, 0, `${file} failed on PostgreSQL:\n${output.slice(-6000)}`);
      assert.ok(count('pass') > 0, `${file} ran no tests on PostgreSQL:\n${output.slice(-2000)}`);
      assert.equal(count('fail'), 0);
    });
  }
});
