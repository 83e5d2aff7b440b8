/**
 * What a resident's change of a carer's permission may not do, checked on the permission as it will be stored (after
 * the hub stamps it as hers, granted now):
 *
 * - put in force a permission for a carer kept from her (`NOPAT`) that was not in force. Saving a permission makes it
 *   her own grant of today, so one that had lapsed (at 16, a young person's own decision needed) or that no one had
 *   granted would come into force by a save alone, unchanged. She may still stop it.
 * - set a bound of its period the hub cannot read as a day: `2025` or `2025-06` is read by the in-force rule as no
 *   bound at all, so a permission "ending in 2025" would never end.
 *
 * `checkProxyConsent` (`proxy.ts`) checks the rest: what the hub enforces, whom it is for, and that a change of a hidden
 * carer's permission gives no more than it did.
 */
import { proxyStanding, readProxyConsent, ukToday, type Consent } from '@care-record/sdk';
import { FhirHttpError } from '../fhir/outcome.js';
import type { FhirJson } from '../store/search-parameters.js';
import type { HubStore } from '../store/store.js';
import { withText } from './sharing.js';
import { isVisible, type Visibility } from './visibility.js';

/** A day, or an instant with its offset: what the in-force rule reads as a bound. */
const FULL_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

const refused = (diagnostics: string, expression: string) =>
  withText(
    new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', diagnostics, {}, [expression]),
    'These choices about who can act for you could not be saved. Reload the page and try again.',
  );

export async function checkPermissionChange(
  next: FhirJson,
  stored: FhirJson,
  store: HubStore,
  patientId: string,
  visibility: Visibility,
  now: number,
): Promise<void> {
  const periodOf = (consent: FhirJson) => (consent['provision'] as { period?: Record<string, unknown> } | undefined)?.period ?? {};
  const [sent, was] = [periodOf(next), periodOf(stored)];
  for (const bound of ['start', 'end'] as const) {
    const value = sent[bound];
    if (value !== undefined && value !== was[bound] && (typeof value !== 'string' || !FULL_DATE.test(value)))
      throw refused(`A permission's period ${bound} is a full date (YYYY-MM-DD) or date and time`, `Consent.provision.period.${bound}`);
  }
  const permission = readProxyConsent(next as unknown as Consent);
  const before = readProxyConsent(stored as unknown as Consent);
  // What cannot be read is refused by `checkProxyConsent`.
  if (!permission || !before || next['status'] === 'inactive') return;
  const person = (await store.read('RelatedPerson', permission.relatedPersonId))?.resource;
  if (person && isVisible(person, visibility)) return;
  const birthDate = (await store.read('Patient', patientId))?.resource['birthDate'];
  const today = ukToday(new Date(now));
  const born = typeof birthDate === 'string' ? birthDate : undefined;
  if (!proxyStanding(before, born, today).inForce && proxyStanding(permission, born, today).inForce)
    // As for someone unknown (`checkProxyConsent`): the carer is kept from her.
    throw refused('The actor must be a RelatedPerson on the resident’s own record', 'Consent.provision.actor[0].reference');
}
