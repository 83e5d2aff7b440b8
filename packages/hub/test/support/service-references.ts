/**
 * An item's service elements by reference (`SERVICE_ELEMENTS`), for the suites that point them at a directory entry:
 * each element as a case, and an item with one of them set as FHIR R4 shapes it (a list where the element repeats, a
 * single reference where it does not).
 */
import { SERVICE_ELEMENTS } from '../../src/policy/mental-health.js';

type Json = Record<string, unknown>;

/** Every type's service elements by reference, one case each. */
export const SERVICE_REFERENCE_CASES: readonly { type: string; path: string }[] = [...SERVICE_ELEMENTS].flatMap(([type, { references }]) =>
  references.map((path) => ({ type, path })),
);

/** Elements FHIR R4 gives one reference, not a list (where their type has them). */
const SINGLE = new Set([
  'serviceProvider',
  'managingOrganization',
  'custodian',
  'requester',
  'informationSource',
  'asserter',
  'expressedBy',
  'location',
  'careManager',
]);
/** Elements a list elsewhere that these types give one reference. */
const SINGLE_FOR: Readonly<Record<string, string>> = { MedicationRequest: 'performer', CarePlan: 'author', Flag: 'author' };

/** An item with one service element (a path of `SERVICE_ELEMENTS`) set to a reference, as FHIR R4 shapes it. */
export function withReference(item: Json, path: string, reference: Json): Json {
  const extension = /^extension\[(.+)\]\.valueReference$/.exec(path);
  if (extension) return { ...item, extension: [{ url: extension[1], valueReference: reference }] };
  const [head = '', tail] = path.split('.');
  if (path === 'participant.actor')
    return { ...item, participant: [...((item['participant'] as Json[]) ?? []), { actor: reference, status: 'accepted' }] };
  if (tail)
    return {
      ...item,
      [head]: [{ ...(head === 'performer' && tail === 'onBehalfOf' ? { actor: { display: 'A clinician' } } : {}), [tail]: reference }],
    };
  const asList = !SINGLE.has(head) && SINGLE_FOR[String(item['resourceType'])] !== head;
  return { ...item, [head]: asList ? [reference] : reference };
}
