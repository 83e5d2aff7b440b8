/**
 * The mental health trust: a community mental health team episode under the
 * care programme approach with a care coordinator, regular contacts,
 * psychiatrist reviews with letters, a crisis plan, risk alerts and Mental
 * Health Act history. Everything the trust sends carries the `PSY` label;
 * some of it is also `NOPAT` (not for the resident's own view).
 */
import type { CarePlan } from '@care-record/sdk';
import { CARE_PLAN_TYPE, coding, concept, type SecurityLabel } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime, MINUTE, WEEK, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import type { ProblemIds } from './problems.js';
import { writeAppointment, writeDocument, writeEncounter, writeEpisode, writeFlag } from './writers.js';

const PSY: readonly SecurityLabel[] = ['PSY'];
const PSY_NOT_FOR_RESIDENT: readonly SecurityLabel[] = ['PSY', 'NOPAT'];

export function writeMentalHealthCare(context: ResidentContext, rng: Random, problems: ProblemIds): void {
  const { plan } = context;
  if (!plan.features.mentalHealthService) return;
  const trust = context.directory.organizations.mentalHealth;
  const coordinator = context.staff(trust, 'care-coordinator', rng);
  const psychiatrist = context.staff(trust, 'psychiatrist', rng);
  const managed = plan.conditions.filter((planned) => planned.definition.mentalHealthService);
  const diagnosisIds = managed
    .map((planned) => problems.get(`${planned.definition.key}@mental-health`))
    .filter((id): id is string => id !== undefined);
  const onset = Math.min(...managed.map((planned) => planned.onset), context.end - YEAR);
  const episodeStart = Math.max(context.historyStart, onset + rng.between(0.1, 2) * YEAR);
  const episode = writeEpisode(context, {
    organization: trust,
    code: 'cmht-cpa',
    display: 'Community mental health team: care programme approach',
    text: 'Community mental health team (care programme approach)',
    start: Math.min(episodeStart, context.end - 30 * DAY),
    careManager: coordinator,
    team: 'North Islington Community Mental Health Team',
    diagnosisIds,
    security: PSY,
  });
  const episodeId = episode.id ?? '';

  const contacts = rng.int(6, 12);
  for (let contact = contacts; contact >= 1; contact--) {
    const at = context.officeTime(rng, context.end - contact * 4 * WEEK, context.end - (contact - 1) * 4 * WEEK - DAY);
    writeEncounter(context, {
      organization: trust,
      class: rng.chance(0.4) ? 'HH' : rng.chance(0.3) ? 'VR' : 'AMB',
      type: concept('Care coordinator contact'),
      start: at,
      end: at + rng.int(30, 60) * MINUTE,
      practitioner: coordinator,
      episodeOfCareId: episodeId,
      security: PSY,
    });
  }
  for (let review = 0; review < 2; review++) {
    const at = context.officeTime(rng, context.end - (review + 1) * 0.5 * YEAR, context.end - review * 0.5 * YEAR - 3 * WEEK);
    const encounter = writeEncounter(context, {
      organization: trust,
      class: 'AMB',
      type: concept('Outpatient review with psychiatrist'),
      start: at,
      end: at + 30 * MINUTE,
      practitioner: psychiatrist,
      episodeOfCareId: episodeId,
      security: PSY,
    });
    writeDocument(
      context,
      {
        organization: trust,
        author: psychiatrist,
        type: review === 0 ? 'care-programme-review' : 'mental-health-letter',
        typeText: review === 0 ? 'Care programme approach review' : 'Psychiatry outpatient letter',
        description:
          review === 0 ? 'CPA review: care plan, risk assessment and relapse indicators' : 'Psychiatry outpatient review letter to GP',
        title: review === 0 ? 'CPA review' : 'Psychiatry clinic letter',
        date: at + rng.int(2, 10) * DAY,
        encounterId: encounter.id ?? '',
        // The risk assessment in a CPA review is not for the resident's own view.
        security: review === 0 ? PSY_NOT_FOR_RESIDENT : PSY,
      },
      rng,
    );
  }
  writeAppointment(
    context,
    {
      organization: trust,
      practitioner: coordinator,
      start: context.futureOfficeTime(rng, 2, 28),
      minutes: 45,
      status: 'booked',
      serviceType: 'Community mental health team',
      description: 'Care coordinator appointment',
      location: 'Caledonian Centre, Market Gardens Road',
      security: PSY,
    },
    rng,
  );

  const planStart = context.past(context.end - rng.between(0.1, 0.9) * YEAR);
  const crisisPlan: CarePlan = {
    resourceType: 'CarePlan',
    id: context.id('cp'),
    meta: context.meta(trust, 'CarePlan', planStart, PSY),
    status: context.alive ? 'active' : 'completed',
    intent: 'plan',
    category: [concept('Crisis and contingency plan', coding(CARE_PLAN_TYPE, 'crisis-plan', 'Crisis plan'))],
    title: 'Crisis and contingency plan',
    description: 'Early warning signs, who to contact out of hours (crisis line), and what has helped before.',
    subject: context.patient(),
    period: context.alive
      ? { start: fhirDate(planStart), end: fhirDate(planStart + YEAR) }
      : { start: fhirDate(planStart), end: fhirDate(context.end) },
    created: fhirDateTime(planStart),
    author: coordinator.reference(),
    ...(diagnosisIds.length ? { addresses: diagnosisIds.map((id) => ({ reference: `Condition/${id}` })) } : {}),
    activity: [
      {
        detail: {
          status: 'in-progress',
          description: 'Care coordinator contact at least every four weeks.',
          performer: [coordinator.reference()],
        },
      },
      { detail: { status: 'in-progress', description: 'Depot or oral medication reviewed at each psychiatrist review.' } },
      { detail: { status: 'scheduled', description: 'Care programme approach review every six months.' } },
    ],
    note: [{ text: 'What matters to me: keeping my flat, seeing my sister, and my music.' }],
  };
  context.add(crisisPlan);

  if (rng.chance(0.4) || plan.index < 10) {
    const detained = context.anyTime(rng, Math.max(episodeStart - 2 * YEAR, context.historyStart, onset), context.end - YEAR);
    writeFlag(context, {
      organization: trust,
      author: psychiatrist,
      category: 'admin',
      code: 'mha-section-3',
      display: 'Detained under section 3 of the Mental Health Act 1983',
      text: 'Detained under section 3 of the Mental Health Act (discharged from section)',
      start: detained,
      end: detained + rng.int(35, 120) * DAY,
      security: PSY,
    });
  }
  if (rng.chance(0.5) || plan.index < 10) {
    writeFlag(context, {
      organization: trust,
      author: coordinator,
      category: 'safety',
      code: 'risk-to-self',
      display: 'Risk to self',
      text: 'Risk to self when unwell: see crisis plan',
      start: context.anyTime(rng, episodeStart, context.end),
      security: PSY_NOT_FOR_RESIDENT,
    });
  }
}
