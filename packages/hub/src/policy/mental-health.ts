/**
 * Mental health by where an item comes from, not only by its label. A source
 * does not always label what its mental health services record `PSY`, and an
 * unlabelled item must not get past a resident's choice to keep mental health
 * with its service, nor reach another organisation's receptionist. So an item
 * counts as mental health when
 *
 * - its source is an organisation whose type or name says it is a mental health
 *   service (the directory: `mentalHealthSources` in `sharing.ts`, given to the
 *   rules as `Visibility.labelledSources`), or
 * - the service it names says so: an appointment's service category, type or
 *   specialty, or the service it is booked with; an encounter's service type or
 *   provider; an episode of care's type or managing organisation; a document's
 *   practice setting — here, in or in any resource it contains (`labelsOf` gives
 *   it `PSY`).
 *
 * Words, as the SDK's care settings read an organisation (`record/care-setting.ts`).
 * No Node imports: `visibility.ts` uses this module in the stories' in-browser hub.
 */

type Json = Record<string, unknown>;

const MENTAL_HEALTH = /mental health|psychiatr/i;

/** The directory: what it says is about services, not about a resident. */
const DIRECTORY_TYPES: ReadonlySet<string> = new Set(['Organization', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Location']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** A CodeableConcept whose text or any coding's display says mental health. */
function saysMentalHealth(concept: unknown): boolean {
  if (!isObject(concept)) return false;
  if (typeof concept['text'] === 'string' && MENTAL_HEALTH.test(concept['text'])) return true;
  return listOf(concept['coding']).some(
    (coding) => isObject(coding) && typeof coding['display'] === 'string' && MENTAL_HEALTH.test(coding['display']),
  );
}

/** A Reference whose display names a mental health service. */
const namesMentalHealth = (reference: unknown): boolean =>
  isObject(reference) && typeof reference['display'] === 'string' && MENTAL_HEALTH.test(reference['display']);

/** The elements of each resident-record type that say which service an item is from. */
function serviceOf(resource: Json): { concepts: unknown[]; services: unknown[] } {
  switch (resource['resourceType']) {
    case 'Appointment':
      return {
        concepts: [...listOf(resource['serviceCategory']), ...listOf(resource['serviceType']), ...listOf(resource['specialty'])],
        services: listOf(resource['participant'])
          .map((participant) => (isObject(participant) ? participant['actor'] : undefined))
          .filter(
            (actor) => isObject(actor) && typeof actor['reference'] === 'string' && actor['reference'].startsWith('HealthcareService/'),
          ),
      };
    case 'Encounter':
      return { concepts: listOf(resource['serviceType']), services: [resource['serviceProvider']] };
    case 'EpisodeOfCare':
      return { concepts: listOf(resource['type']), services: [resource['managingOrganization']] };
    case 'DocumentReference':
      return { concepts: [isObject(resource['context']) ? resource['context']['practiceSetting'] : undefined], services: [] };
    default:
      return { concepts: [], services: [] };
  }
}

/** Whether the service an item (or a resource it contains) names is a mental health service. */
export function isMentalHealthService(resource: Json): boolean {
  if (DIRECTORY_TYPES.has(String(resource['resourceType']))) return false;
  const { concepts, services } = serviceOf(resource);
  if (concepts.some(saysMentalHealth) || services.some(namesMentalHealth)) return true;
  return listOf(resource['contained']).some((inner) => isObject(inner) && isMentalHealthService(inner));
}

/** Whether a directory Organization is a mental health service, by its type or its name. */
export function isMentalHealthOrganization(organization: Json): boolean {
  if (typeof organization['name'] === 'string' && MENTAL_HEALTH.test(organization['name'])) return true;
  return listOf(organization['type']).some(saysMentalHealth);
}
