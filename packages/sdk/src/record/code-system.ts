/**
 * Code systems as a reader compares them. A source may write a system's address as `https` where FHIR says `http`,
 * its host in capitals, or with a closing slash: it is the same system, and a code in it is read, never as none (a
 * sharing choice not to share mental health, written so, is her choice still). The hub's rules and the SDK's readers
 * of sharing choices and carers' permissions compare systems only so, so that her screen and the hub agree.
 */

/**
 * A code system's URI as a key (reviewer R13): `http` or `https`, the scheme's and the host's case, and closing
 * slashes set aside — the same system however a source wrote its address
 * ("https://terminology.hl7.org/CodeSystem/service-type/" is HL7's service types). The path keeps its case, and another
 * host or path is another system.
 */
export function codeSystemKey(system: string): string {
  const trimmed = system.trim().replace(/\/+$/, '');
  const parts = /^https?:\/\/([^/?#]*)(.*)$/i.exec(trimmed);
  return parts === null ? trimmed : `https://${(parts[1] ?? '').toLowerCase()}${parts[2] ?? ''}`;
}

/** Whether a coding's system names the same system as `expected` (`codeSystemKey`); false for one that is no string. */
export const sameCodeSystem = (system: unknown, expected: string): boolean =>
  typeof system === 'string' && codeSystemKey(system) === codeSystemKey(expected);
