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

/** Age in whole years on `now`, from a FHIR birth date. */
function ageOn(birthDate: string, now: Date): number {
  const [year = 0, month = 1, day = 1] = birthDate.split('-').map(Number);
  let age = now.getUTCFullYear() - year;
  if (now.getUTCMonth() + 1 < month || (now.getUTCMonth() + 1 === month && now.getUTCDate() < day)) age -= 1;
  return age;
}

const anyCode = (name: string, code: string) => ({ kind: 'token' as const, name, values: [{ system: '', code }], anySystem: [true] });

/** Today's board for the trust the ward nurse works for, from the hub's store (SQLite or PostgreSQL alike). */
export async function wardBoard(hub: Hub, now = new Date()): Promise<WardBoard> {
  const trustId = hub.borough.personas.hospitalNurse.organizationId;
  const trust = (await hub.store.read('Organization', trustId))?.resource as { name?: string } | undefined;
  const inpatientStays = await hub.store.search({
    type: 'Encounter',
    criteria: [
      anyCode('status', 'in-progress'),
      anyCode('class', 'IMP'),
      { kind: 'token', name: 'service-provider', values: [{ system: '', code: `Organization/${trustId}` }], anySystem: [false] },
    ],
    sort: { by: 'date', descending: false },
    count: 100_000,
    visibility: { hiddenLabels: [] },
  });
  const stays = inpatientStays.resources
    .map((encounter) => ({
      patientId: String((encounter['subject'] as { reference?: string } | undefined)?.reference ?? '').replace(/^Patient\//, ''),
      start: String((encounter['period'] as { start?: string } | undefined)?.start ?? ''),
    }))
    .sort((a, b) => (a.start === b.start ? (a.patientId < b.patientId ? -1 : 1) : a.start < b.start ? -1 : 1));
  const adults: string[] = [];
  const children: string[] = [];
  const seen = new Set<string>();
  for (const stay of stays) {
    if (stay.patientId === '' || seen.has(stay.patientId)) continue;
    const patient = (await hub.store.read('Patient', stay.patientId))?.resource as
      { birthDate?: string; deceasedDateTime?: string } | undefined;
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
  app.get(`${mount}ward.json`, async (_request, reply) => reply.header('cache-control', 'no-store').send(await wardBoard(hub)));
}
