/**
 * A carer sees the resident's plain-English view about someone else: "your"
 * becomes the person's name ("Bridget’s medicines"), and "you" the person
 * ("Bridget has 3 current medicines"). Each element lists, beside its
 * resident wording, the sentences that change for a carer; everything else
 * is the resident's wording unchanged.
 */
import type { RecordAudience } from '@care-record/sdk';
import type { ActingFor } from './record-context.js';

/** `Bridget’s` (GOV.UK style: an apostrophe and s, whatever the name ends with); `this person’s` until known. */
export const possessive = (who: ActingFor): string => `${who.short}’s`;

/** The element's words for its audience, with a carer's changes when someone is acting for the resident. */
export function wordsFor<W>(
  table: Record<RecordAudience, W>,
  audience: RecordAudience,
  actingFor: ActingFor | undefined,
  carer: (who: ActingFor) => Partial<W>,
): W {
  const words = table[audience];
  return actingFor && audience === 'resident' ? { ...words, ...carer(actingFor) } : words;
}

/**
 * A sentence the SDK wrote for the resident, told about the person a carer
 * acts for: only its opening "You have …" or "Your …" changes ("Bridget has
 * 1 …", "Bridget’s last 8 …"). Other sentences are returned as they are.
 */
export function aboutThem(sentence: string, who: ActingFor | undefined): string {
  if (!who) return sentence;
  if (sentence.startsWith('You have ')) return `${who.short} has ${sentence.slice('You have '.length)}`;
  if (sentence.startsWith('Your ')) return `${possessive(who)} ${sentence.slice('Your '.length)}`;
  return sentence;
}
