/**
 * The one rule for whose view an element shows. Inside a provider, the
 * provider's audience. Outside one, the element's `audience` attribute:
 * `clinician` when it is absent (the default) or says `clinician`; the
 * resident's view for `resident` and `carer`; and for anything else — a
 * mistyped or unknown value — the resident's view, the one that shows less,
 * with a warning, as the provider does.
 */
import type { RecordAudience } from '@care-record/sdk';

const warned = new Set<string>();

export function elementAudience(tag: string, provided: RecordAudience | undefined, attribute: unknown): RecordAudience {
  if (provided !== undefined) return provided;
  if (attribute === undefined || attribute === null || attribute === 'clinician') return 'clinician';
  if (attribute === 'resident' || attribute === 'carer') return 'resident';
  const key = `${tag}\u0000${String(attribute)}`;
  if (!warned.has(key)) {
    warned.add(key);
    console.warn(`<${tag}>: audience "${String(attribute)}" is not clinician, resident or carer; showing the resident view.`);
  }
  return 'resident';
}
