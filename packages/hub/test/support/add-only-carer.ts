/**
 * The family carer of the test hub's cared-for resident, with a permission
 * narrowed to some actions: for the tests of a carer who may add readings or
 * medicines without seeing the record.
 */
import assert from 'node:assert/strict';
import { buildProxyConsent, type ProxyAction } from '@care-record/sdk';
import type { TestHub } from './test-hub.js';

/** The scopes a carer's sign-in asks for when they may add readings and medicines. */
export const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';

/** The two kinds of entry a carer may add, the permission each needs, and one entry of each as the SDK builds it. */
export const ENTRY_KINDS = [
  { type: 'Observation', action: 'add-readings', entry: { kind: 'weight', kilograms: 58.2, measured: '2026-11-27T08:00:00Z' } },
  { type: 'MedicationStatement', action: 'add-medicines', entry: { kind: 'medicine', name: 'Senna 7.5mg tablets', started: '2026-11-02' } },
] as const;

export interface AddOnlyCarer {
  /** The resident they care for. */
  patientId: string;
  /** Their RelatedPerson on that resident's record. */
  carerEntry: string;
  /** Sets every permission naming them to only these actions, as the resident (or practice) would. */
  permitOnly(actions: ProxyAction[]): Promise<void>;
}

export function addOnlyCarer(hub: TestHub): AddOnlyCarer {
  const carer = hub.hub.borough.personas.familyCarer;
  const caredFor = hub.hub.borough.personas.caredForResident;
  assert.ok(carer && caredFor);
  const patientId = caredFor.patientId;
  const carerEntry = carer.relatedPersonId;
  return {
    patientId,
    carerEntry,
    async permitOnly(actions) {
      const found = await hub.hub.store.search({
        type: 'Consent',
        patientId,
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 50,
        visibility: { hiddenLabels: [] },
      });
      const permissions = found.resources.filter((consent) => JSON.stringify(consent).includes(`RelatedPerson/${carerEntry}`));
      assert.ok(permissions.length > 0, 'the carer has a permission');
      const only = buildProxyConsent({ patientId, relatedPersonId: carerEntry, actions, withheld: [] });
      for (const consent of permissions) await hub.hub.store.put({ ...consent, provision: only.provision }, Date.now());
    },
  };
}
