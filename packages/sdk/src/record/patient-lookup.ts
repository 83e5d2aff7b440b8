/**
 * Finding a resident by NHS number, for hosts that know the person by their
 * number rather than by the hub's id. A lookup answers with exactly one
 * record or fails with a reason: an invalid number is never sent, no match is
 * "not found" (never an empty record), and more than one match is refused,
 * because showing either could put one person's record under another's name.
 * When the hub says that nobody this user may open was found but a search
 * with a break-glass reason is open to them (`BREAK_GLASS_AVAILABLE`), that is
 * not "not found": there may be a record they may not see. Nor is an answer
 * that says some information is not shown (`INFORMATION_WITHHELD`, a record
 * with the number withheld from this user by its labels): that is
 * `not-shown`, and beside a match it is more than one record.
 */
import { instanceOfAnyCopy } from '../client/any-copy.js';
import type { HubClient } from '../client/hub-client.js';
import type { CallOptions } from '../client/types.js';
import type { Bundle, Patient } from '../fhir.js';
import { parseNhsNumber } from '../format/nhs-number.js';
import { hasNextPage, readNotices } from './notices.js';

export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/**
 * Why no single record was found. `none-you-may-open`: no record this user may
 * open has the number — which does not mean there is none — and the hub says a
 * search with a break-glass reason is open to them (look up again with a
 * client that sends `X-Break-Glass-Reason`). `not-shown`: the hub says a
 * record it found is not shown to this user, and offers them no way on.
 */
export type PatientLookupProblem = 'invalid-nhs-number' | 'not-found' | 'none-you-may-open' | 'not-shown' | 'more-than-one';

const MESSAGES: Record<PatientLookupProblem, string> = {
  'invalid-nhs-number': 'That is not a valid NHS number.',
  // The hub answers only the records this user may open, so an empty answer never shows that there is none.
  'not-found': 'No record you can see has that NHS number.',
  'none-you-may-open':
    'No record you can see has that NHS number. There may still be one: in an emergency you can search again by giving a reason.',
  // Someone with the number is known, but not shown to this user: never "not found", or they might be registered again.
  'not-shown': 'Some information is not shown: a record with that NHS number may be one you cannot see.',
  'more-than-one': 'More than one record has that NHS number, so none is shown.',
};

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';

/** Whether a search Bundle says a search with a break-glass reason is open to this user (an outcome entry, `BREAK_GLASS_AVAILABLE`). */
function offersBreakGlass(bundle: Bundle): boolean {
  return (bundle.entry ?? []).some((entry) => {
    const resource = entry.resource as { resourceType?: unknown; issue?: unknown } | undefined;
    if (entry.search?.mode !== 'outcome' || resource?.resourceType !== 'OperationOutcome' || !Array.isArray(resource.issue)) return false;
    return (resource.issue as { details?: { coding?: { system?: unknown; code?: unknown }[] } }[]).some((issue) =>
      (issue?.details?.coding ?? []).some((coding) => coding?.system === HUB_ERROR_SYSTEM && coding.code === 'BREAK_GLASS_AVAILABLE'),
    );
  });
}

const PATIENT_LOOKUP_ERROR: unique symbol = Symbol.for('@care-record/sdk:PatientLookupError@1');

/** A lookup that did not find exactly one record. The message never contains the number. */
export class PatientLookupError extends Error {
  /** True of one from any copy of the SDK on the page (see `instanceOfAnyCopy`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return instanceOfAnyCopy(this, PatientLookupError, PATIENT_LOOKUP_ERROR, value);
  }

  override readonly name = 'PatientLookupError';
  readonly problem: PatientLookupProblem;

  constructor(problem: PatientLookupProblem) {
    super(MESSAGES[problem]);
    this.problem = problem;
  }

  /** Marks a PatientLookupError of any copy of the SDK. */
  get [PATIENT_LOOKUP_ERROR](): true {
    return true;
  }
}

export interface PatientLookupResult {
  patientId: string;
  patient: Patient;
}

/** Whether a Patient carries this NHS number (ten digits, already normalised). */
function hasNhsNumber(patient: Patient, nhsNumber: string): boolean {
  return (patient.identifier ?? []).some(
    (identifier) => identifier.system === NHS_NUMBER_SYSTEM && identifier.value?.replace(/\s/g, '') === nhsNumber,
  );
}

/**
 * The one record with this NHS number (as typed: spaces and hyphens allowed).
 * Rejects with a `PatientLookupError` when the number is invalid (nothing is
 * sent), when no record has it (`not-found`), when none this user may open has
 * it but emergency access is open to them (`none-you-may-open`), when the hub
 * says one is not shown to them (`not-shown`), or when more than one does (or
 * one does and another is not shown); with a `HubError` when the hub cannot answer.
 */
export async function findPatientByNhsNumber(hub: HubClient, nhsNumber: string, options: CallOptions = {}): Promise<PatientLookupResult> {
  const parsed = parseNhsNumber(nhsNumber);
  if (!parsed.ok) throw new PatientLookupError('invalid-nhs-number');
  // Two are enough to know there is more than one.
  const bundle: Bundle = await hub.get('/Patient', {
    query: { identifier: `${NHS_NUMBER_SYSTEM}|${parsed.value}`, _count: 2 },
    ...options,
  });
  const matches = new Map<string, Patient>();
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource as Patient | undefined;
    // Only a Patient that really carries the number counts: a server that matched loosely is not trusted.
    if (resource?.resourceType === 'Patient' && typeof resource.id === 'string' && hasNhsNumber(resource, parsed.value))
      matches.set(resource.id, resource);
  }
  // A record not shown beside the one found may be the same number's other record: showing the one could be the wrong person.
  const withheld = readNotices([bundle]).withheld;
  const more = (bundle.total ?? 0) > 1 || hasNextPage(bundle) || withheld;
  if (matches.size > 1 || (matches.size === 1 && more)) throw new PatientLookupError('more-than-one');
  const [match] = matches;
  if (!match) throw new PatientLookupError(offersBreakGlass(bundle) ? 'none-you-may-open' : withheld ? 'not-shown' : 'not-found');
  return { patientId: match[0], patient: match[1] };
}
