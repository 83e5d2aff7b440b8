/**
 * How someone is related to the resident, as a carer's screens say it in a
 * sentence ("Aoife Lloyd (daughter)", "you are their mother"): read as the
 * record summary reads a contact's relationship, whatever system or shape it
 * was sent in. No I/O.
 */
import { conceptText, tidyText, type ConceptLike } from '../record/concept-text.js';
import { relationshipText } from '../record/summary/contacts.js';

/** The record's own words for a code (`Mother`, `Next of kin`, `Half-sister`): a capital, then lower-case words. */
const ownWords = /^[A-Z][a-z]+(?:[ -][a-z]+)*$/;

/**
 * The first of the concepts that says anything: the source's words as it wrote them (`text`, else a display);
 * else the words for a code the record knows, in lower case for a sentence (`DAU` is `daughter`); else the code
 * as the record shows codes (`HL7 RoleCode STPGRMTH`). `undefined` when none says anything.
 */
export function relationshipWords(concepts: readonly ConceptLike[] | undefined): string | undefined {
  for (const concept of Array.isArray(concepts) ? concepts : []) {
    if (typeof concept !== 'object' || concept === null) continue;
    const said = tidyText(conceptText(concept));
    if (said) return said;
    const words = tidyText(relationshipText(concept));
    if (words) return ownWords.test(words) ? `${words.charAt(0).toLowerCase()}${words.slice(1)}` : words;
  }
  return undefined;
}

/**
 * Titles and letters that say someone is a professional (`Dr`, `Prof`, `Nurse`, `MRCGP`, `RGN`), or that are only
 * courtesy (`Mr`, `Mrs`, `Sir`): a name a resident typed for someone who acts for them may carry them, but an entry
 * that person adds must not read as if a doctor or nurse wrote it.
 */
const TITLES = new Set(
  [
    'dr',
    'doctor',
    'prof',
    'professor',
    'nurse',
    'sister',
    'matron',
    'midwife',
    'sr',
    'mr',
    'mrs',
    'ms',
    'miss',
    'mx',
    'sir',
    'dame',
    'lady',
    'lord',
    'rev',
    'revd',
    'reverend',
    'fr',
    'father',
    'consultant',
    'surgeon',
    'gp',
  ].map((title) => title.replace(/\./g, '')),
);
const LETTERS = new Set([
  'md',
  'mb',
  'mbbs',
  'mbchb',
  'bch',
  'mrcgp',
  'mrcp',
  'mrcs',
  'frcp',
  'frcs',
  'frcgp',
  'frcpsych',
  'mrcpsych',
  'frcr',
  'dch',
  'drcog',
  'dfsrh',
  'phd',
  'dphil',
  'msc',
  'bsc',
  'rn',
  'rgn',
  'rmn',
  'rnld',
  'rsch',
  'anp',
  'pharm',
  'mpharm',
  'mrpharms',
  'gphc',
  'gmc',
  'nmc',
  'hcpc',
  'gp',
  'obe',
  'mbe',
  'cbe',
  'jr',
  'jnr',
  'sr',
  'snr',
  'esq',
]);
const bare = (word: string) => word.toLowerCase().replace(/[.()[\]]/g, '');

/**
 * A person's name without titles, honorifics or letters after it, as an entry's author is named when a carer or
 * relative added it: `Dr Jane Smith MRCGP` and `Prof. Jane Smith, GP` are `Jane Smith`. What follows a comma (a
 * role, qualifications) is dropped. A name that is nothing but titles is kept as typed, so no one is unnamed.
 */
export function plainPersonName(name: string): string {
  const tidy = name.replace(/\s+/g, ' ').trim();
  const [first = ''] = tidy.split(/\s*,\s*/);
  const words = first.split(' ').filter((word) => word !== '');
  while (words.length > 1 && TITLES.has(bare(words[0] ?? ''))) words.shift();
  while (words.length > 1 && (LETTERS.has(bare(words.at(-1) ?? '')) || /^\(.*\)$/.test(words.at(-1) ?? ''))) words.pop();
  const plain = words.join(' ');
  return plain === '' || TITLES.has(bare(plain)) || LETTERS.has(bare(plain)) ? tidy : plain;
}

/**
 * Who entered something for a resident, as the record names them (PRSB: who recorded it, in what role): the person
 * by name without titles, acting for the resident, and how they are related to them as recorded (`daughter`,
 * `power of attorney`), or nothing when it is not: `Aoife Lloyd, acting for the resident (daughter)`.
 */
export function actingForWords(name: string | undefined, relationship: string | undefined): string {
  const who = name?.trim() ? plainPersonName(name) : 'Someone';
  const how = relationship?.trim();
  return `${who}, acting for the resident${how ? ` (${how})` : ''}`;
}

/**
 * A carer or relative named as an entry's author, as another system or an older hub may have written it
 * (`Dr Jane Smith (carer)`, `Prof. Jane Smith, GP`): without the titles and letters that would make their entry read
 * as a professional's, keeping what it says they are in brackets. The hub's own words
 * (`…, acting for the resident (…)`) are kept as they are.
 */
export function carerAuthorName(display: string): string {
  const tidy = display.replace(/\s+/g, ' ').trim();
  if (/, acting for the resident(?: \(.*\))?$/.test(tidy)) {
    const at = tidy.indexOf(', acting for the resident');
    return `${plainPersonName(tidy.slice(0, at))}${tidy.slice(at)}`;
  }
  const [, name = tidy, role] = /^(.*?)\s*(\([^()]*\))?$/.exec(tidy) ?? [];
  return role ? `${plainPersonName(name)} ${role}` : plainPersonName(name);
}
