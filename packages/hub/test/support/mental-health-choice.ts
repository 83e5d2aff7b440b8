/**
 * A resident who keeps mental health with the service that recorded it, for the suites that test who is then kept
 * from it: her sharing choice, her carers' permissions denying the same, and every professional of the sign-in
 * personas caring for her (and for a resident who shares), so that only mental health keeps anything from them.
 */
import { isProxyConsent, type Consent } from '@care-record/sdk';
import { signInPersonas, type Hub } from '../../src/index.js';
import type { HubStore } from '../../src/store/store.js';
import { ACT_CODE } from './policy-fixtures.js';

type Json = Record<string, unknown>;

const DENY_MENTAL_HEALTH = { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] };

/** The resident's choice to keep mental health (`PSY`) with the service that recorded it. */
export function keepMentalHealth(patient: string, id: string): Json {
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patient}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit', provision: [DENY_MENTAL_HEALTH] },
  };
}

/** Every organisation of the sign-in personas cares for these residents. */
export async function relateEveryOrganization(hub: Hub, patients: readonly string[]): Promise<void> {
  const organizations = [
    ...new Set(signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []))),
  ];
  await hub.store.relateMany(patients.flatMap((patientId) => organizations.map((organizationId) => ({ patientId, organizationId }))));
}

/**
 * The resident keeps mental health with its service (`choiceId` names her choice), and her carers' permissions keep
 * it from them too, so that a carer's answers are not all shown. Inside the caller's transaction.
 */
export async function keepMentalHealthFromOthers(store: HubStore, patient: string, choiceId: string): Promise<void> {
  await store.put(keepMentalHealth(patient, choiceId));
  const permissions = await store.search({
    type: 'Consent',
    patientId: patient,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 100,
    visibility: { hiddenLabels: [] },
  });
  for (const permission of permissions.resources.filter((consent) => isProxyConsent(consent as unknown as Consent))) {
    const provision = permission['provision'] as Json;
    await store.put({
      ...permission,
      provision: { ...provision, provision: [...((provision['provision'] as Json[]) ?? []), DENY_MENTAL_HEALTH] },
    });
  }
}
