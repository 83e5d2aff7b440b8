/**
 * The ward system's own data for the React ward board: who is in which bed
 * today. A hospital's patient administration system knows this without the
 * care record; here it is read from the same synthetic borough the hub holds
 * — every resident with an inpatient stay at the trust still in progress,
 * never someone who has died — and put on the ward their age belongs to:
 * children under 16 on the children's ward, adults on the Acute Medical Unit.
 */
import type { Hub } from '@care-record/hub';

export const ADULT_WARD = 'Acute Medical Unit';
export const CHILDREN_WARD = 'Robin Ward (children)';

export interface WardBoard {
  hospital: string;
  wards: { name: string; beds: { bed: string; patientId: string }[] }[];
}

interface StayRow {
  patientId: string;
  start: string;
  ward: string | null;
  provider: string | null;
}

/** Age in whole years on `now`, from a FHIR birth date. */
function ageOn(birthDate: string, now: Date): number {
  const [year = 0, month = 1, day = 1] = birthDate.split('-').map(Number);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age -= 1;
  return age;
}

/** Today's board for the trust the ward nurse works for, from the hub's store. */
export function wardBoard(hub: Hub, now = new Date()): WardBoard {
  const trustId = hub.borough.personas.hospitalNurse.organizationId;
  const trust = hub.store.read('Organization', trustId)?.resource as { name?: string } | undefined;
  const stays = hub.store.db
    .prepare(
      `SELECT patient_id AS patientId, json_extract(json, '$.period.start') AS start,
              json_extract(json, '$.location[0].location.display') AS ward,
              json_extract(json, '$.serviceProvider.reference') AS provider
         FROM resource
        WHERE type = 'Encounter' AND json_extract(json, '$.status') = 'in-progress' AND json_extract(json, '$.class.code') = 'IMP'
        ORDER BY start, patient_id`,
    )
    .all() as StayRow[];
  const adults: string[] = [];
  const children: string[] = [];
  const seen = new Set<string>();
  for (const stay of stays) {
    if (stay.provider !== `Organization/${trustId}` || seen.has(stay.patientId)) continue;
    const patient = hub.store.read('Patient', stay.patientId)?.resource as { birthDate?: string; deceasedDateTime?: string } | undefined;
    if (!patient?.birthDate || patient.deceasedDateTime) continue;
    seen.add(stay.patientId);
    const child = ageOn(patient.birthDate, now) < 16;
    (child ? children : adults).push(stay.patientId);
  }
  const beds = (patients: string[]) => patients.map((patientId, index) => ({ bed: `Bed ${index + 1}`, patientId }));
  return {
    hospital: trust?.name ?? 'The hospital',
    wards: [
      { name: ADULT_WARD, beds: beds(adults) },
      { name: CHILDREN_WARD, beds: beds(children) },
    ],
  };
}

/** Serves today's board beside the page, as the ward system's feed. */
export function serveWardFeed(app: Hub['app'], hub: Hub, mount = '/demo/react/'): void {
  app.get(`${mount}ward.json`, (_request, reply) => reply.header('cache-control', 'no-store').send(wardBoard(hub)));
}
