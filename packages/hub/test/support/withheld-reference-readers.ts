/**
 * The readers the withheld-reference tests ask as, set up once: the resident (whose record a GP and the desk care
 * for), the mother her family carer acts for (with a permission narrowed to the actions a test needs), and residents
 * no one reading is related to (copies of the resident's entry without its identifiers, for another resident's items
 * and break-glass). Each test then places the items that refer to a withheld one, and searches.
 */
import assert from 'node:assert/strict';
import { buildProxyConsent, type Consent, type ProxyAction, type ProxyWithheldCategory } from '@care-record/sdk';
import type { Hub } from '../../src/index.js';
import { signInPersonas } from '../../src/index.js';
import { proxyConsents } from '../../src/policy/proxy.js';

type Json = Record<string, unknown>;

export interface WithheldReferenceReaders {
  /** The resident persona's record, cared for by the GP's (and, if asked, the desk's) organisation. */
  resident: string;
  /** The record the family carer acts for. */
  mother: string;
}

export async function setUpWithheldReferenceReaders(
  hub: Hub,
  options: {
    /** What the carer's permission lets them do (and keeps from them), as the hub stores it. */
    carer: { actions: ProxyAction[]; withheld?: ProxyWithheldCategory[] };
    /** Ids for residents no one reading is related to. */
    strangers?: string[];
    /** Whether the receptionist's organisation cares for the resident too. */
    desk?: boolean;
  },
): Promise<WithheldReferenceReaders> {
  const personas = signInPersonas(hub.borough);
  const idOf = (persona: string) => personas.find((candidate) => candidate.id === persona);
  const resident = idOf('resident')?.patientId ?? '';
  const mother = idOf('cared-for-resident')?.patientId ?? '';
  await hub.store.relate(resident, idOf('gp')?.organizationId ?? '');
  if (options.desk) await hub.store.relate(resident, idOf('receptionist')?.organizationId ?? '');
  const patient = (await hub.store.read('Patient', resident))?.resource ?? {};
  for (const id of options.strangers ?? []) await hub.store.put({ ...patient, id, identifier: [] });
  const carer = hub.borough.personas.familyCarer;
  assert.ok(carer, 'the borough has its carer');
  const current = (await proxyConsents(hub.store, mother)).find((consent) =>
    JSON.stringify(consent).includes(`RelatedPerson/${carer.relatedPersonId}`),
  );
  assert.ok(current, 'the carer has a permission');
  // As the hub stores it: the date and who gave it kept from the permission it replaces.
  await hub.store.put({
    ...current,
    ...(buildProxyConsent(
      { patientId: mother, relatedPersonId: carer.relatedPersonId, actions: options.carer.actions, withheld: options.carer.withheld ?? [] },
      current as unknown as Consent,
    ) as unknown as Json),
  });
  return { resident, mother };
}
