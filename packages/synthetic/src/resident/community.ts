/**
 * Community health services: district nursing at home, physiotherapy, health
 * visiting for young children, and the sexual health clinic (whose entries are
 * labelled `SEX` and restricted).
 */
import type { Observation } from '@care-record/sdk';
import { medicine } from '../clinical/medicines.js';
import { coding, concept, LOINC, SNOMED, type SecurityLabel } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDateTime, fhirInstant, HOUR, MINUTE, WEEK, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import { writeAcute } from './medicines.js';
import { writeCondition } from './problems.js';
import { weightFor } from './results-profile.js';
import { writeAppointment, writeDocument, writeEncounter, writeEpisode, writeVital } from './writers.js';

const nursingReasons = ['Leg ulcer dressing', 'Pressure area care', 'Catheter care', 'Wound review after fall', 'Medicines support'];

function writeDistrictNursing(context: ResidentContext, rng: Random): void {
  const trust = context.directory.organizations.community;
  const nurse = context.staff(trust, 'district-nurse', rng);
  const start = context.anyTime(rng, Math.max(context.historyStart, context.end - 2 * YEAR), context.end - 6 * WEEK);
  const episode = writeEpisode(context, {
    organization: trust,
    code: 'district-nursing',
    display: 'District nursing',
    text: 'District nursing caseload',
    start,
    careManager: nurse,
    team: 'District Nursing — North Team',
  });
  const diabetic = context.plan.conditions.some((planned) => planned.definition.key.endsWith('diabetes'));
  const reason = rng.pick(diabetic ? [...nursingReasons, 'Insulin administration'] : nursingReasons);
  const until = context.atHomeUntil;
  const visits = rng.int(3, 8);
  for (let visit = visits; visit >= 1; visit--) {
    const at = context.officeTime(rng, until - visit * WEEK, until - (visit - 1) * WEEK - DAY);
    if (at < start) continue;
    writeEncounter(context, {
      organization: trust,
      class: 'HH',
      type: concept('District nursing home visit'),
      start: at,
      end: at + rng.int(20, 45) * MINUTE,
      practitioner: rng.chance(0.7) ? nurse : context.staff(trust, 'district-nurse', rng),
      reasons: [concept(reason)],
      episodeOfCareId: episode.id ?? '',
    });
  }
  writeAppointment(
    context,
    {
      organization: trust,
      practitioner: nurse,
      start: context.futureOfficeTime(rng, 1, 8),
      minutes: 30,
      status: 'booked',
      serviceType: 'District nursing',
      description: `District nurse home visit: ${reason.toLowerCase()}`,
      location: 'Home visit',
    },
    rng,
  );
  if (rng.chance(0.4)) {
    writeDocument(
      context,
      {
        organization: trust,
        author: nurse,
        type: 'community-nursing-summary',
        typeText: 'District nursing care summary',
        description: `District nursing care summary — ${reason.toLowerCase()}`,
        title: 'District nursing care summary',
        date: context.officeTime(rng, start, context.end),
      },
      rng,
    );
  }
}

function writePhysiotherapy(context: ResidentContext, rng: Random): void {
  const trust = context.directory.organizations.community;
  const physio = context.staff(trust, 'physiotherapist', rng);
  const reason = rng.pick(['Knee pain', 'Low back pain', 'Shoulder pain', 'Rehabilitation after fall']);
  let at = context.officeTime(rng, Math.max(context.historyStart, context.end - 3 * YEAR), context.end - 8 * WEEK);
  const sessions = rng.int(2, 5);
  for (let session = 0; session < sessions && at < context.end; session++) {
    writeEncounter(context, {
      organization: trust,
      class: 'AMB',
      type: concept('Physiotherapy session'),
      start: at,
      end: at + 40 * MINUTE,
      practitioner: physio,
      reasons: [concept(reason)],
    });
    at = context.officeTime(rng, at + 10 * DAY, at + 18 * DAY);
  }
}

/** Health visitor contacts due by the child's age: new birth visit, 6–8 weeks, 1 year, 2 years. */
function writeHealthVisiting(context: ResidentContext, rng: Random): void {
  const trust = context.directory.organizations.community;
  const visitor = context.staff(trust, 'health-visitor', rng);
  const { birth } = context.plan;
  const contacts: readonly (readonly [string, number, number, boolean])[] = [
    ['New birth visit', 10, 14, true],
    ['6 to 8 week review', 42, 56, false],
    ['1 year review', 330, 390, false],
    ['2 year review', 720, 900, false],
  ];
  for (const [name, fromDay, toDay, home] of contacts) {
    const due = birth + fromDay * DAY;
    if (due > context.end) {
      if (due < context.now + 60 * DAY && context.alive) {
        writeAppointment(
          context,
          {
            organization: trust,
            practitioner: visitor,
            start: context.futureOfficeTime(rng, Math.max(1, (due - context.now) / DAY), (birth + toDay * DAY - context.now) / DAY + 1),
            minutes: 45,
            status: 'booked',
            serviceType: 'Health visiting',
            description: name,
            location: home ? 'Home visit' : 'Child health clinic, Fleet Valley Community Health',
          },
          rng,
        );
      }
      continue;
    }
    if (due < context.historyStart) continue;
    const at = context.officeTime(rng, due, Math.min(context.end, birth + toDay * DAY));
    const encounter = writeEncounter(context, {
      organization: trust,
      class: home ? 'HH' : 'AMB',
      type: concept(`Health visitor: ${name.toLowerCase()}`),
      start: at,
      end: at + 45 * MINUTE,
      practitioner: visitor,
    });
    const by = { organization: trust, practitioner: visitor };
    writeVital(
      context,
      'weight',
      weightFor(context.plan, at, () => rng.normal(0, 1)),
      { at: at + 10 * MINUTE, by, encounterId: encounter.id ?? '' },
      rng,
    );
    if (fromDay >= 330) {
      const age = (at - birth) / YEAR;
      writeVital(
        context,
        'height',
        Math.round((50 + age * 25 + rng.normal(0, 3)) * 10) / 10,
        { at: at + 12 * MINUTE, by, encounterId: encounter.id ?? '' },
        rng,
      );
    }
  }
}

const SEXUAL_HEALTH: readonly SecurityLabel[] = ['SEX', 'R'];

function writeSexualHealth(context: ResidentContext, rng: Random): void {
  const trust = context.directory.organizations.community;
  const nurse = context.staff(trust, 'sexual-health-nurse', rng);
  const visits = rng.int(1, 2);
  for (let visit = 0; visit < visits; visit++) {
    const at = context.officeTime(rng, Math.max(context.historyStart, context.end - 5 * YEAR), context.end - 2 * WEEK);
    const encounter = writeEncounter(context, {
      organization: trust,
      class: 'AMB',
      type: concept('Sexual health clinic attendance'),
      start: at,
      end: at + 30 * MINUTE,
      practitioner: nurse,
      reasons: [concept('Sexual health screen')],
      serviceType: 'Sexual and reproductive health',
      security: SEXUAL_HEALTH,
    });
    const encounterId = encounter.id ?? '';
    const detected = rng.chance(0.2);
    const resulted = context.past(at + rng.int(2, 7) * DAY);
    context.add<Observation>({
      resourceType: 'Observation',
      id: context.id('obs'),
      meta: context.meta(trust, 'Observation', resulted, SEXUAL_HEALTH),
      status: 'final',
      category: [{ coding: [coding('http://terminology.hl7.org/CodeSystem/observation-category', 'laboratory', 'Laboratory')] }],
      code: concept(
        'Chlamydia NAAT',
        coding(LOINC, '43304-5', 'Chlamydia trachomatis rRNA [Presence] in Specimen by NAA with probe detection'),
      ),
      subject: context.patient(),
      encounter: { reference: `Encounter/${encounterId}` },
      effectiveDateTime: fhirDateTime(at),
      issued: fhirInstant(resulted),
      performer: [trust.reference()],
      valueCodeableConcept: detected
        ? concept('Detected', coding(SNOMED, '260373001', 'Detected'))
        : concept('Not detected', coding(SNOMED, '260415000', 'Not detected')),
    });
    if (detected) {
      const reason = concept('Chlamydia', coding(SNOMED, '105629000', 'Chlamydial infection'));
      writeCondition(context, {
        organization: trust,
        recorder: nurse,
        code: reason,
        onset: at,
        recorded: resulted,
        status: 'resolved',
        abated: resulted + 14 * DAY,
        category: 'encounter-diagnosis',
        encounterId,
        security: SEXUAL_HEALTH,
      });
      writeAcute(context, medicine('doxycycline'), resulted + HOUR, nurse, trust, reason, encounterId, SEXUAL_HEALTH);
    }
    if (rng.chance(0.3)) {
      writeDocument(
        context,
        {
          organization: trust,
          author: nurse,
          type: 'sexual-health-letter',
          typeText: 'Sexual health clinic letter',
          description: 'Sexual health clinic letter',
          title: 'Sexual health clinic letter',
          date: resulted + DAY,
          encounterId,
          security: SEXUAL_HEALTH,
        },
        rng,
      );
    }
  }
}

export function writeCommunityCare(context: ResidentContext, rng: Random): void {
  const { features } = context.plan;
  const age = (context.end - context.plan.birth) / YEAR;
  if (features.districtNursing) writeDistrictNursing(context, rng.fork('district-nursing'));
  if (features.physiotherapy) writePhysiotherapy(context, rng.fork('physiotherapy'));
  if (age < 5 || (context.now - context.plan.birth) / YEAR < 3) writeHealthVisiting(context, rng.fork('health-visiting'));
  if (features.sexualHealth) writeSexualHealth(context, rng.fork('sexual-health'));
}
